//! Where a shared community's document is kept: in the same SQLite file as its rows
//! (`shared_communities`, `shared_chunks`; schema 8). Each function runs inside the caller's
//! transaction, so the rows a step of sync writes and the changes they came from are stored
//! together or not at all.

use automerge::ChangeHash;
use chrono::Utc;
use rusqlite::params;

use crate::db::{Read, Write};
use crate::error::{Error, Result};

/// What is stored of one shared community: the heads SQLite last matched, and the
/// document's chunks in the order they were stored (a snapshot first).
pub(super) struct Stored {
    pub synced: Vec<ChangeHash>,
    pub chunks: Vec<Vec<u8>>,
    /// The document's id at a relay and the relay's address, once linked (schema 10).
    pub link: Option<(String, String)>,
    /// What this copy knew the relay had when they were last in step.
    pub relay_state: Option<Vec<u8>>,
}

/// Past this many chunks, the next store replaces them all with one snapshot: loading
/// reads every chunk, and the spike saw 100,000 small ones take 3 s.
pub(super) const COMPACT_AFTER: usize = 64;

pub(super) fn is_shared(r: &Read, community_id: i64) -> Result<bool> {
    Ok(r.query_optional(
        "SELECT 1 AS one FROM shared_communities WHERE community_id = ?1",
        [community_id],
        |row| row.get::<_, i64>("one"),
    )?
    .is_some())
}

/// Starts keeping `community_id`'s document, from its first snapshot.
pub(super) fn insert(
    w: &Write,
    community_id: i64,
    synced: &[ChangeHash],
    snapshot: &[u8],
) -> Result<()> {
    w.execute(
        "INSERT INTO shared_communities (community_id, synced_heads, shared_at)
         VALUES (?1, ?2, ?3)",
        params![community_id, encode(synced), Utc::now()],
    )?;
    append(w, community_id, "snapshot", snapshot)
}

/// Adds the changes made since the last store, and the heads SQLite now matches. `was`
/// is what the caller last stored.
pub(super) fn append_changes(
    w: &Write,
    community_id: i64,
    changes: &[u8],
    was: &[ChangeHash],
    synced: &[ChangeHash],
) -> Result<()> {
    set_synced(w, community_id, was, synced)?;
    if !changes.is_empty() {
        append(w, community_id, "changes", changes)?;
    }
    Ok(())
}

/// Replaces every chunk with one snapshot. `was` is what the caller last stored.
pub(super) fn compact(
    w: &Write,
    community_id: i64,
    snapshot: &[u8],
    was: &[ChangeHash],
    synced: &[ChangeHash],
) -> Result<()> {
    set_synced(w, community_id, was, synced)?;
    w.execute(
        "DELETE FROM shared_chunks WHERE community_id = ?1",
        [community_id],
    )?;
    append(w, community_id, "snapshot", snapshot)
}

/// Stops sharing: the document goes, the community's rows stay as they are.
pub(super) fn remove(w: &Write, community_id: i64) -> Result<()> {
    match w.execute(
        "DELETE FROM shared_communities WHERE community_id = ?1",
        [community_id],
    )? {
        0 => Err(Error::NotFound(format!(
            "community {community_id} is not shared"
        ))),
        _ => Ok(()),
    }
}

pub(super) fn load(r: &Read, community_id: i64) -> Result<Option<Stored>> {
    let Some((synced, document, relay, relay_state)) = r.query_optional(
        "SELECT synced_heads, document_id, relay, relay_state FROM shared_communities
         WHERE community_id = ?1",
        [community_id],
        |row| {
            Ok((
                row.get::<_, Vec<u8>>("synced_heads")?,
                row.get::<_, Option<String>>("document_id")?,
                row.get::<_, Option<String>>("relay")?,
                row.get::<_, Option<Vec<u8>>>("relay_state")?,
            ))
        },
    )?
    else {
        return Ok(None);
    };
    let chunks = r.query_all(
        "SELECT bytes FROM shared_chunks WHERE community_id = ?1 ORDER BY id",
        [community_id],
        |row| row.get::<_, Vec<u8>>("bytes"),
    )?;
    Ok(Some(Stored {
        synced: decode(&synced)?,
        chunks,
        link: document.zip(relay),
        relay_state,
    }))
}

/// The heads SQLite last matched, as stored; None when the community is not shared.
pub(super) fn synced_heads(r: &Read, community_id: i64) -> Result<Option<Vec<ChangeHash>>> {
    r.query_optional(
        "SELECT synced_heads FROM shared_communities WHERE community_id = ?1",
        [community_id],
        |row| row.get::<_, Vec<u8>>("synced_heads"),
    )?
    .map(|bytes| decode(&bytes))
    .transpose()
}

/// Links `community_id`'s document to a relay: the id it has there, and the relay's address.
pub(super) fn set_link(w: &Write, community_id: i64, document: &str, relay: &str) -> Result<()> {
    let holder = w.query_optional(
        "SELECT community_id FROM shared_communities WHERE document_id = ?1",
        [document],
        |row| row.get::<_, i64>("community_id"),
    )?;
    if holder.is_some_and(|id| id != community_id) {
        return Err(Error::Conflict(format!(
            "the shared community {document} is in this copy of Hearth already"
        )));
    }
    // A relay of its own knows nothing of what the last one had.
    match w.execute(
        "UPDATE shared_communities SET document_id = ?2, relay = ?3,
             relay_state = CASE WHEN relay IS ?3 THEN relay_state END
         WHERE community_id = ?1",
        params![community_id, document, relay],
    )? {
        0 => Err(Error::NotFound(format!(
            "community {community_id} is not shared"
        ))),
        _ => Ok(()),
    }
}

/// Keeps what this copy knows the relay has (the sync state, encoded).
pub(super) fn set_relay_state(w: &Write, community_id: i64, state: &[u8]) -> Result<()> {
    w.execute(
        "UPDATE shared_communities SET relay_state = ?2 WHERE community_id = ?1",
        params![community_id, state],
    )?;
    Ok(())
}

/// Every shared community linked to a relay: (local id, document id, relay).
pub(crate) fn links(r: &Read) -> Result<Vec<(i64, String, String)>> {
    r.query_all(
        "SELECT community_id, document_id, relay FROM shared_communities
         WHERE document_id IS NOT NULL AND relay IS NOT NULL ORDER BY community_id",
        [],
        |row| {
            Ok((
                row.get("community_id")?,
                row.get("document_id")?,
                row.get("relay")?,
            ))
        },
    )
}

/// The rows this copy changed since the document last took them in, noted by the schema's
/// triggers: (`community` or the table, uid).
pub(super) fn outbox(r: &Read, community_id: i64) -> Result<Vec<(String, String)>> {
    r.query_all(
        "SELECT record, uid FROM shared_outbox WHERE community_id = ?1",
        [community_id],
        |row| Ok((row.get("record")?, row.get("uid")?)),
    )
}

/// Forgets the notes: the step writing this has taken in every row they name.
pub(super) fn clear_outbox(w: &Write, community_id: i64) -> Result<()> {
    w.execute(
        "DELETE FROM shared_outbox WHERE community_id = ?1",
        [community_id],
    )?;
    Ok(())
}

/// The records that gave up a unique value to another record (`Table::unique`): (table,
/// uid). The document still gives them the value; SQLite does not.
pub(super) fn losers(r: &Read, community_id: i64) -> Result<Vec<(String, String)>> {
    r.query_all(
        "SELECT record, uid FROM shared_losers WHERE community_id = ?1",
        [community_id],
        |row| Ok((row.get("record")?, row.get("uid")?)),
    )
}

/// Keeps `losers` as the records that gave up a unique value, in place of those before.
pub(super) fn keep_losers<'a>(
    w: &Write,
    community_id: i64,
    losers: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<()> {
    w.execute(
        "DELETE FROM shared_losers WHERE community_id = ?1",
        [community_id],
    )?;
    for (record, uid) in losers {
        w.execute(
            "INSERT INTO shared_losers (community_id, record, uid) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            rusqlite::params![community_id, record, uid],
        )?;
    }
    Ok(())
}

fn append(w: &Write, community_id: i64, kind: &str, bytes: &[u8]) -> Result<()> {
    w.execute(
        "INSERT INTO shared_chunks (community_id, kind, bytes) VALUES (?1, ?2, ?3)",
        params![community_id, kind, bytes],
    )?;
    Ok(())
}

/// Sets the heads SQLite matches, when the stored ones are still `was`. Two processes on
/// one data folder (the window and `hearth sync`) each hold the document in memory: one
/// storing after the other stored would leave out the other's changes, so it is refused,
/// and the caller opens the document again (`Error::Conflict`).
fn set_synced(
    w: &Write,
    community_id: i64,
    was: &[ChangeHash],
    synced: &[ChangeHash],
) -> Result<()> {
    let changed = w.execute(
        "UPDATE shared_communities SET synced_heads = ?2
         WHERE community_id = ?1 AND synced_heads = ?3",
        params![community_id, encode(synced), encode(was)],
    )?;
    match changed {
        1 => Ok(()),
        _ => Err(Error::Conflict(format!(
            "the shared community {community_id} was stored by another Hearth since it was \
             opened here, or is no longer shared"
        ))),
    }
}

fn encode(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

fn decode(bytes: &[u8]) -> Result<Vec<ChangeHash>> {
    bytes
        .chunks(32)
        .map(|c| {
            ChangeHash::try_from(c)
                .map_err(|_| Error::Corrupt("a shared community's heads are damaged".into()))
        })
        .collect()
}
