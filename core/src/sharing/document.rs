//! A shared community as an Automerge document, and the two ways between it and SQLite:
//! `record_local` writes into the document what this copy changed, field by field;
//! `apply` writes into SQLite what the document holds, all of it or none of it.
//!
//! What "changed" means: SQLite differs from the document as it stood when the two last
//! matched (`synced`). So changes that came from another copy are never mistaken for this
//! copy's edits, as long as the document never holds a change SQLite has not been given:
//! a received message is applied in the same step (`receive`), and every step records
//! first, so an edit made since is never overwritten.
//!
//! The document's root holds the layout version, the community's uid, the charter as one
//! map and each shared table as a map of records keyed by uid (`layout.rs`). Every map is
//! made when its record is: two copies never both create the same missing map, which is
//! one of the ways Automerge loses data (docs/sharing.md, "What loses data").

use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::sync::{self, SyncDoc};
use automerge::transaction::Transactable;
use automerge::{
    AutoCommit, ChangeHash, ObjId, ObjType, PatchAction, ReadDoc, ScalarValue, Value, ROOT,
};
use chrono::Utc;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;

use super::layout::{
    Field, Kind, Table, ACTIVITIES, COMMUNITY, DELETED, EVENTS, GOALS, LAYOUT_VERSION, MEMBERS,
    RECORDS,
};
use super::store::{self, COMPACT_AFTER};
use super::wire::{relay_address, DocumentId, JoinCode};
use crate::db::{tombstones, Db, Read, Write};
use crate::error::{Error, Result};
use crate::events::local_time::{parse_utc, utc_text};
use crate::members::{self, engagement};

const LAYOUT_KEY: &str = "layout";
const UID_KEY: &str = "uid";

/// A column's value as SQLite stores it, and as the document carries it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Stored {
    Null,
    Text(String),
    Int(i64),
    Real(f64),
}

/// A field two copies set differently while apart. Every value is kept; `values[0]` is the
/// one SQLite holds until a person chooses (Automerge picks it the same way on every copy).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// `community`, or the table the record is in.
    pub table: &'static str,
    pub uid: String,
    pub field: &'static str,
    pub values: Vec<Stored>,
}

/// One community, shared: the document and what it takes to read and write it.
pub struct SharedCommunity {
    pub(super) doc: AutoCommit,
    /// The community's local id.
    community_id: i64,
    /// The document's heads when SQLite last matched it.
    synced: Vec<ChangeHash>,
    /// `synced` as the database holds it: another process storing since changes it there.
    row_synced: Vec<ChangeHash>,
    /// The document's heads as `shared_chunks` hold it, and how many chunks that is.
    stored: Vec<ChangeHash>,
    chunks: usize,
    /// The relay it travels through and its id there, once linked (`link_to`, `join`).
    link: Option<JoinCode>,
    /// What this copy knew the relay had when they were last in step, as kept.
    relay_state: Option<Vec<u8>>,
}

/// What a step keeps of the document in its transaction, made before the transaction.
enum Keep {
    /// The first snapshot of a community shared or joined here.
    Insert(Vec<u8>),
    /// The changes since the last step.
    Append(Vec<u8>),
    /// One snapshot in place of every chunk.
    Compact(Vec<u8>),
}

/// A record's shared fields as read from SQLite, by column.
type Fields = BTreeMap<&'static str, Stored>;

impl SharedCommunity {
    /// Starts sharing `community_id`: a new document holding all of its shared records,
    /// kept in the database from now on.
    pub fn share(db: &mut Db, community_id: i64) -> Result<SharedCommunity> {
        let uid = db.read(|r| {
            if store::is_shared(r, community_id)? {
                return Err(Error::Conflict(format!(
                    "community {community_id} is shared already"
                )));
            }
            r.query_row(
                "SELECT uid FROM communities WHERE id = ?1",
                [community_id],
                |row| row.get::<_, String>("uid"),
            )
        })?;
        let mut doc = AutoCommit::new();
        doc.put(ROOT, LAYOUT_KEY, LAYOUT_VERSION)
            .map_err(internal)?;
        doc.put(ROOT, UID_KEY, uid).map_err(internal)?;
        doc.put_object(ROOT, COMMUNITY.name, ObjType::Map)
            .map_err(internal)?;
        for table in RECORDS {
            doc.put_object(ROOT, table.name, ObjType::Map)
                .map_err(internal)?;
        }
        // Nothing is in SQLite's past: every record is new to the document.
        let mut shared = SharedCommunity {
            doc,
            community_id,
            synced: Vec::new(),
            row_synced: Vec::new(),
            stored: Vec::new(),
            chunks: 0,
            link: None,
            relay_state: None,
        };
        shared.write_local(db, None)?;
        let keep = shared.keep();
        let heads = shared.doc.get_heads();
        db.write(|w| keep.store(w, community_id, &[], &heads))?;
        shared.kept(&keep, heads);
        Ok(shared)
    }

    /// Joins a community another copy shares, from its whole document (`save`): the
    /// community and its records are added here, and the document kept, in one
    /// transaction. Refused whole, with nothing written, when the bytes are not a Hearth
    /// community in this layout version, when a value is one the schema refuses, or when
    /// this copy has the community already.
    pub fn join(db: &mut Db, bytes: &[u8]) -> Result<SharedCommunity> {
        SharedCommunity::join_through(db, bytes, None)
    }

    /// `join`, keeping with the document the relay it came through and its id there
    /// (`code`), in the same transaction.
    pub fn join_through(
        db: &mut Db,
        bytes: &[u8],
        code: Option<&JoinCode>,
    ) -> Result<SharedCommunity> {
        let doc = AutoCommit::load(bytes)
            .map_err(|e| Error::Corrupt(format!("the shared community cannot be read: {e}")))?;
        let mut shared = SharedCommunity {
            doc,
            community_id: 0,
            synced: Vec::new(),
            row_synced: Vec::new(),
            stored: Vec::new(),
            chunks: 0,
            link: code.cloned(),
            relay_state: None,
        };
        shared.check_layout()?;
        let uid = shared.community_uid()?;
        let here = db.read(|r| {
            r.query_optional("SELECT id FROM communities WHERE uid = ?1", [&uid], |row| {
                row.get::<_, i64>("id")
            })
        })?;
        if here.is_some() {
            return Err(Error::Conflict(
                "this community is in this copy of Hearth already".into(),
            ));
        }
        shared.apply(db)?;
        Ok(shared)
    }

    /// The shared community `community_id` as this database keeps it; None when it is not
    /// shared.
    pub fn open(db: &Db, community_id: i64) -> Result<Option<SharedCommunity>> {
        let Some(kept) = db.read(|r| store::load(r, community_id))? else {
            return Ok(None);
        };
        let damaged = |e: automerge::AutomergeError| {
            Error::Corrupt(format!("the shared community's document is damaged: {e}"))
        };
        let (first, rest) = kept
            .chunks
            .split_first()
            .ok_or_else(|| Error::Corrupt("the shared community's document is missing".into()))?;
        let mut doc = AutoCommit::load(first).map_err(damaged)?;
        for chunk in rest {
            doc.load_incremental(chunk).map_err(damaged)?;
        }
        let stored = doc.get_heads();
        let shared = SharedCommunity {
            doc,
            community_id,
            row_synced: kept.synced.clone(),
            synced: kept.synced,
            stored,
            chunks: kept.chunks.len(),
            link: kept
                .link
                .map(|(document, relay)| format!("{relay}#{document}").parse())
                .transpose()
                .map_err(|e| {
                    Error::Corrupt(format!("a shared community's relay is damaged: {e}"))
                })?,
            relay_state: kept.relay_state,
        };
        shared.check_layout()?;
        Ok(Some(shared))
    }

    /// Stops sharing `community_id` on this copy: its document goes, its rows stay as they
    /// are, and the other copies go on without it.
    pub fn stop(db: &mut Db, community_id: i64) -> Result<()> {
        db.write(|w| store::remove(w, community_id))
    }

    /// The community's local id.
    pub fn community_id(&self) -> i64 {
        self.community_id
    }

    /// The relay this copy syncs the community through, and its id there; None until linked.
    pub fn link(&self) -> Option<&JoinCode> {
        self.link.as_ref()
    }

    /// Links the community to `relay`: the join code other copies join it by. Its id there
    /// is made the first time and kept after, so a copy moved to another relay is the same
    /// document there.
    pub fn link_to(&mut self, db: &mut Db, relay: &url::Url) -> Result<JoinCode> {
        let code = JoinCode {
            relay: relay_address(relay)?,
            document: self
                .link
                .as_ref()
                .map_or_else(DocumentId::new, |l| l.document),
        };
        let community_id = self.community_id;
        db.write(|w| {
            store::set_link(
                w,
                community_id,
                &code.document.to_string(),
                code.relay.as_str(),
            )
        })?;
        self.link = Some(code.clone());
        Ok(code)
    }

    /// What this copy knew the relay had when they were last in step: a reconnect starting
    /// from it sends only what changed since. A fresh state when none was kept, or when the
    /// kept one cannot be read.
    pub fn relay_state(&self) -> sync::State {
        self.relay_state
            .as_deref()
            .and_then(|bytes| sync::State::decode(bytes).ok())
            .unwrap_or_default()
    }

    /// Keeps `state` as what the relay has, for the next connection.
    pub fn keep_relay_state(&mut self, db: &mut Db, state: &sync::State) -> Result<()> {
        let bytes = state.encode();
        if self.relay_state.as_deref() == Some(&bytes[..]) {
            return Ok(());
        }
        let community_id = self.community_id;
        db.write(|w| store::set_relay_state(w, community_id, &bytes))?;
        self.relay_state = Some(bytes);
        Ok(())
    }

    /// Whether the database still holds what this copy of the document last stored: false
    /// once another process (or another handle in this one) stored it since, or stopped
    /// sharing it; then it is to be opened again.
    pub fn is_current(&self, db: &Db) -> Result<bool> {
        let community_id = self.community_id;
        let stored = db.read(|r| store::synced_heads(r, community_id))?;
        Ok(stored.as_deref() == Some(&self.row_synced[..]))
    }

    /// The document's heads: what a peer holding the same has.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// The whole document, compacted.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// The uid of the community this document shares.
    pub fn community_uid(&self) -> Result<String> {
        match scalar(&self.doc, &ROOT, UID_KEY)? {
            Some(ScalarValue::Str(uid)) => Ok(uid.to_string()),
            _ => Err(Error::Corrupt(
                "the shared document names no community".into(),
            )),
        }
    }

    /// The next message of the sync protocol for the peer whose state is `state`, or None
    /// when that peer has everything this copy has (as far as `state` knows).
    pub fn sync_message(&mut self, state: &mut sync::State) -> Option<Vec<u8>> {
        self.doc
            .sync()
            .generate_sync_message(state)
            .map(|m| m.encode())
    }

    /// Takes in a sync message from the peer whose state is `state`, and gives what it
    /// brought to SQLite, in one step: this copy's edits are recorded first, then the
    /// message is received, then the document applied. A message that cannot be read
    /// changes nothing; one that mixes in another community, or brings a value the schema
    /// refuses, is undone: the document is set back to where it was and SQLite is not
    /// written. Returns the community's local id.
    pub fn receive(&mut self, db: &mut Db, state: &mut sync::State, bytes: &[u8]) -> Result<i64> {
        let message = sync::Message::decode(bytes)
            .map_err(|e| Error::Corrupt(format!("a sync message cannot be read: {e}")))?;
        self.record_local(db)?;
        let before = self.doc.get_heads();
        let actor = self.doc.get_actor().clone();
        let uid = self.community_uid()?;
        let taken = self
            .doc
            .sync()
            .receive_sync_message(state, message)
            .map_err(|e| Error::Corrupt(format!("a sync message was refused: {e}")));
        let received = taken
            .and_then(|()| self.check_layout())
            .and_then(|()| match self.community_uid()? == uid {
                true => Ok(()),
                false => Err(Error::Corrupt(
                    "a sync message changed which community is shared".into(),
                )),
            })
            .and_then(|()| self.apply(db));
        if received.is_err() {
            self.doc = self
                .doc
                .fork_at(&before)
                .map_err(internal)?
                .with_actor(actor);
            // What the state learnt of the peer came with the refused changes.
            *state = sync::State::new();
        }
        received
    }

    /// Writes into the document what this copy changed since SQLite and the document last
    /// matched, and keeps it: each field edited here, alone (never a whole record read
    /// earlier), new records whole, and a removed record's `deleted` flag. Returns how many
    /// values it wrote; with none, nothing is written to the database either.
    pub fn record_local(&mut self, db: &mut Db) -> Result<usize> {
        let community_id = self.community_id;
        let noted = db.read(|r| store::outbox(r, community_id))?;
        let written = self.write_local(db, Some(&noted))?;
        let heads = self.doc.get_heads();
        if heads != self.stored || !noted.is_empty() {
            let keep = self.keep();
            let was = &self.row_synced;
            db.write(|w| {
                keep.store(w, community_id, was, &heads)?;
                store::clear_outbox(w, community_id)
            })?;
            self.kept(&keep, heads);
        }
        Ok(written)
    }

    /// `record_local`'s writes into the document, not yet kept: of the rows the schema's
    /// triggers noted (`noted`), or of every row of the community (None: sharing starts).
    fn write_local(&mut self, db: &Db, noted: Option<&[(String, String)]>) -> Result<usize> {
        let base = self.synced.clone();
        let community_id = self.community_id;
        let (community, tables) = db.read(|r| {
            let charter_noted = noted.is_none_or(|n| n.iter().any(|(t, _)| t == COMMUNITY.name));
            let community = match charter_noted {
                true => Some(community_fields(r, community_id)?),
                false => None,
            };
            let tables = RECORDS
                .iter()
                .map(|t| match noted {
                    None => rows(r, t, community_id),
                    Some(noted) => {
                        let uids = noted.iter().filter(|(n, _)| n == t.name).map(|(_, u)| u);
                        rows_noted(r, t, community_id, uids)
                    }
                })
                .collect::<Result<Vec<_>>>()?;
            Ok((community, tables))
        })?;
        let mut written = 0;
        // Records removed here, by table, for what belongs to them (`remove_owned`).
        let mut removed: HashMap<&'static str, BTreeSet<String>> = HashMap::new();
        if let Some(community) = community {
            let charter = self.map(&ROOT, COMMUNITY.name)?;
            written += self.write_fields(&charter, &COMMUNITY, &community, &base)?;
        }
        for (table, local) in RECORDS.iter().zip(&tables) {
            let records = self.map(&ROOT, table.name)?;
            for (uid, fields) in local {
                let record = match self.doc.get(&records, uid.as_str()).map_err(internal)? {
                    Some((Value::Object(ObjType::Map), id)) => id,
                    _ => {
                        written += 1;
                        self.doc
                            .put_object(&records, uid.as_str(), ObjType::Map)
                            .map_err(internal)?
                    }
                };
                written += self.write_fields(&record, table, fields, &base)?;
                // New here, or brought back here (an undo): a removal made elsewhere since
                // is not this copy's to take back.
                if self.scalar_at(&record, DELETED, &base)? != Some(ScalarValue::Boolean(false)) {
                    self.doc.put(&record, DELETED, false).map_err(internal)?;
                    written += 1;
                }
            }
            // Removed here: noted and no longer a row, or (when sharing starts) not a row.
            let gone: Vec<String> = match noted {
                None => self
                    .doc
                    .keys_at(&records, &base)
                    .filter(|uid| !local.contains_key(uid))
                    .collect(),
                Some(noted) => noted
                    .iter()
                    .filter(|(t, uid)| t == table.name && !local.contains_key(uid))
                    .map(|(_, uid)| uid.clone())
                    .filter(|uid| {
                        self.doc
                            .get(&records, uid.as_str())
                            .ok()
                            .flatten()
                            .is_some()
                    })
                    .collect(),
            };
            for uid in gone {
                let record = self.map(&records, &uid)?;
                let was_here =
                    self.scalar_at(&record, DELETED, &base)? == Some(ScalarValue::Boolean(false));
                if was_here
                    && scalar(&self.doc, &record, DELETED)? != Some(ScalarValue::Boolean(true))
                {
                    self.doc.put(&record, DELETED, true).map_err(internal)?;
                    removed.entry(table.name).or_default().insert(uid);
                    written += 1;
                }
            }
        }
        written += self.remove_owned(&removed)?;
        self.doc.commit();
        // The document holds nothing SQLite lacks (see the module's comment): they match.
        self.synced = self.doc.get_heads();
        Ok(written)
    }

    /// Removes, in the document, every record that belongs (`Kind::Owner`) to one removed
    /// here, and what belongs to those in turn: the schema's cascade, which took their rows,
    /// leaves no note of them. Kept live in the document, they would come back with their
    /// owner (an event imported again under its uid) on a copy that joins later, and on no
    /// other; this holds too for records SQLite never had (an answer given twice apart, one
    /// of them left out). Returns how many.
    fn remove_owned(&mut self, removed: &HashMap<&'static str, BTreeSet<String>>) -> Result<usize> {
        let mut removed = removed.clone();
        let mut written = 0;
        // Owners come before what they own in RECORDS, so one pass reaches every level.
        for table in RECORDS {
            let owners: Vec<(&str, &str)> = table
                .fields
                .iter()
                .filter_map(|f| match f.kind {
                    Kind::Owner(to) => Some((f.column, to)),
                    _ => None,
                })
                .filter(|(_, to)| removed.get(to).is_some_and(|uids| !uids.is_empty()))
                .collect();
            if owners.is_empty() {
                continue;
            }
            let records = self.map(&ROOT, table.name)?;
            let uids: Vec<String> = self.doc.keys(&records).collect();
            for uid in uids {
                let record = self.map(&records, &uid)?;
                if scalar(&self.doc, &record, DELETED)? != Some(ScalarValue::Boolean(false)) {
                    continue;
                }
                let mut belongs = false;
                for (column, to) in &owners {
                    if let Some(ScalarValue::Str(owner)) = scalar(&self.doc, &record, column)? {
                        belongs |= removed.get(to).is_some_and(|u| u.contains(owner.as_str()));
                    }
                }
                if belongs {
                    self.doc.put(&record, DELETED, true).map_err(internal)?;
                    removed.entry(table.name).or_default().insert(uid);
                    written += 1;
                }
            }
        }
        Ok(written)
    }

    /// What the next step keeps of the document.
    fn keep(&mut self) -> Keep {
        if self.chunks == 0 {
            Keep::Insert(self.doc.save())
        } else if self.chunks >= COMPACT_AFTER {
            Keep::Compact(self.doc.save())
        } else {
            Keep::Append(self.doc.save_after(&self.stored))
        }
    }

    /// After `keep`'s transaction committed: what the database now holds.
    fn kept(&mut self, keep: &Keep, heads: Vec<ChangeHash>) {
        self.chunks = match keep {
            Keep::Insert(_) | Keep::Compact(_) => 1,
            Keep::Append(changes) if changes.is_empty() => self.chunks,
            Keep::Append(_) => self.chunks + 1,
        };
        self.stored = heads.clone();
        self.row_synced = heads.clone();
        self.synced = heads;
    }

    /// Makes SQLite hold what the document holds for this community, and keeps the
    /// document, in one transaction: the community is created when this copy has not got it
    /// yet (joining), records are added, changed and removed by uid. A value the schema
    /// refuses (a title too long, a status it does not know) refuses the whole document:
    /// nothing is written. Returns the community's local id. `record_local` comes first, or
    /// this copy's unrecorded edits would be overwritten.
    fn apply(&mut self, db: &mut Db) -> Result<i64> {
        self.check_layout()?;
        let uid = self.community_uid()?;
        let charter = self.map(&ROOT, COMMUNITY.name)?;
        let community = self.fields(&charter, &COMMUNITY, &uid)?;
        // Only the records changed since SQLite last matched the document: all of them when
        // joining. Where a table has unique values, also every record that gave one up
        // (`shared_losers`) and every row holding a value these hold: together, every
        // record the choice of a holder can concern (`settle_unique`).
        let touched = match self.chunks {
            0 => None,
            _ => Some(self.touched_since_synced()?),
        };
        let losers_before = match touched {
            Some(_) => db.read(|r| store::losers(r, self.community_id))?,
            None => Vec::new(),
        };
        let mut shared: Vec<InDoc> = Vec::new();
        for table in RECORDS {
            let records = self.map(&ROOT, table.name)?;
            let uids: Vec<String> = match &touched {
                Some(touched) => touched
                    .get(table.name)
                    .into_iter()
                    .flatten()
                    .cloned()
                    .chain(
                        losers_before
                            .iter()
                            .filter(|(t, _)| t == table.name)
                            .map(|(_, uid)| uid.clone()),
                    )
                    .collect(),
                None => self.doc.keys(&records).collect(),
            };
            let mut in_doc: InDoc = Vec::new();
            let mut read = BTreeSet::new();
            for record_uid in uids {
                if read.insert(record_uid.clone()) {
                    let fields = self.record(&records, table, &record_uid)?;
                    in_doc.push((record_uid, fields));
                }
            }
            if touched.is_some() && !table.unique.is_empty() {
                let community_id = self.community_id;
                for record_uid in db.read(|r| holders(r, table, community_id, &in_doc))? {
                    if read.insert(record_uid.clone()) {
                        let fields = self.record(&records, table, &record_uid)?;
                        in_doc.push((record_uid, fields));
                    }
                }
            }
            shared.push(in_doc);
        }
        // A record whose owner is removed goes with it (`Kind::Owner`), and a reference to a
        // removed record is none, as SQLite will hold it: both before a record could hold a
        // unique value, so the holder is chosen from what SQLite will hold.
        let mut alive: HashMap<(&'static str, String), bool> = HashMap::new();
        let mut mended_out: BTreeSet<(&'static str, String)> = BTreeSet::new();
        for (table, in_doc) in RECORDS.iter().zip(shared.iter_mut()) {
            for (record_uid, fields) in in_doc.iter_mut() {
                if let Some(found) = fields {
                    if !self.owners_alive(table, found, &mut alive)? {
                        *fields = None;
                    } else {
                        for field in table.fields {
                            if let (Kind::Ref(to), Some(Stored::Text(uid))) =
                                (field.kind, found.get(field.column))
                            {
                                if !self.alive(to, &uid.clone(), &mut alive)? {
                                    found.insert(field.column, Stored::Null);
                                }
                            }
                        }
                    }
                }
                if fields.as_mut().is_some_and(|found| !mend(table, found)) {
                    mended_out.insert((table.name, record_uid.clone()));
                    *fields = None;
                }
                alive.insert((table.name, record_uid.clone()), fields.is_some());
            }
        }
        let losers: Vec<Vec<(&[&str], String)>> = RECORDS
            .iter()
            .zip(shared.iter_mut())
            .map(|(table, in_doc)| settle_unique(table, in_doc))
            .collect();
        let heads = self.doc.get_heads();
        let matched = db.read(|r| already_applied(r, &uid, &community, &shared))?;
        if matched.is_some() && heads == self.stored {
            // Nothing to write: no transaction, so the revision (and the backups that follow
            // it) does not move.
            self.synced = heads;
            return Ok(self.community_id);
        }
        let keep = self.keep();
        let synced_was = self.row_synced.clone();
        let link = self.link.clone();
        let now = Utc::now();
        let id = db.write(|w| {
            let community_id = match w.query_optional(
                "SELECT id FROM communities WHERE uid = ?1",
                [&uid],
                |row| row.get::<_, i64>("id"),
            )? {
                Some(id) => {
                    update(w, ("communities", &COMMUNITY), id, id, &community)?;
                    id
                }
                None => {
                    insert(w, ("communities", &COMMUNITY), &uid, None, &community)?;
                    w.last_insert_rowid()
                }
            };
            // Whether the roster or its activities changed: engagement is then computed
            // again (each copy computes its own; it is not shared).
            let mut engagement_changed = false;
            for ((table, in_doc), losers) in RECORDS.iter().zip(&shared).zip(&losers).rev() {
                // Left out for another record's unique value, or by `mend`: still in the
                // document.
                let left_out = |uid: &String| {
                    losers.iter().any(|(_, u)| u == uid)
                        || mended_out.contains(&(table.name, uid.clone()))
                };
                for (record_uid, fields) in in_doc {
                    if fields.is_none()
                        && w.execute(
                            &format!(
                                "DELETE FROM {} WHERE uid = ?1 AND {}",
                                table.name,
                                in_community(table, "?2")
                            ),
                            rusqlite::params![record_uid, community_id],
                        )? > 0
                        && !left_out(record_uid)
                    {
                        tombstones::bury(w, table.name, record_uid, community_id, now)?;
                        engagement_changed |= affects_engagement(table);
                    }
                }
            }
            for ((table, in_doc), losers) in RECORDS.iter().zip(&shared).zip(&losers) {
                // A value the document gives to another record now is let go first.
                for (columns, record_uid) in losers.iter().filter(|(c, _)| !c.is_empty()) {
                    let_go(w, table, community_id, record_uid, columns)?;
                }
                release_moving_values(w, table, community_id, in_doc)?;
                for (record_uid, fields) in in_doc {
                    let Some(fields) = fields else { continue };
                    let local = w.query_optional(
                        &format!(
                            "SELECT id, {} AS community_id FROM {} WHERE uid = ?1",
                            community_of(table),
                            table.name
                        ),
                        [record_uid],
                        |row| {
                            Ok((
                                row.get::<_, i64>("id")?,
                                row.get::<_, Option<i64>>("community_id")?,
                            ))
                        },
                    )?;
                    let changed = match local {
                        Some((id, Some(owner))) if owner == community_id => {
                            update(w, (table.name, table), id, community_id, fields)?.then_some(id)
                        }
                        Some(_) => {
                            return Err(refused(
                                table,
                                record_uid,
                                "uid",
                                "belongs to another community",
                            ))
                        }
                        None => {
                            insert(
                                w,
                                (table.name, table),
                                record_uid,
                                Some(community_id),
                                fields,
                            )?;
                            Some(w.last_insert_rowid())
                        }
                    };
                    if let Some(id) = changed {
                        derive(w, table, id)?;
                        engagement_changed |= affects_engagement(table);
                    }
                }
            }
            if engagement_changed {
                engagement::mark_stale(w, community_id)?;
            }
            // What the triggers noted of these writes is the document's, not this copy's:
            // `receive` and `settle` record this copy's edits before they apply.
            store::clear_outbox(w, community_id)?;
            keep.store(w, community_id, &synced_was, &heads)?;
            if let (Keep::Insert(_), Some(code)) = (&keep, &link) {
                store::set_link(
                    w,
                    community_id,
                    &code.document.to_string(),
                    code.relay.as_str(),
                )?;
            }
            // After the document's row, which they belong to.
            store::keep_losers(
                w,
                community_id,
                RECORDS
                    .iter()
                    .zip(&losers)
                    .flat_map(|(t, l)| l.iter().map(|(_, uid)| (t.name, uid.as_str()))),
            )?;
            Ok(community_id)
        })?;
        self.community_id = id;
        self.kept(&keep, heads);
        Ok(id)
    }

    /// A record's fields as the document shows them; None when it is removed.
    fn record(&self, records: &ObjId, table: &'static Table, uid: &str) -> Result<Option<Fields>> {
        let record = self.map(records, uid)?;
        match scalar(&self.doc, &record, DELETED)? {
            Some(ScalarValue::Boolean(true)) => Ok(None),
            Some(ScalarValue::Boolean(false)) => Ok(Some(self.fields(&record, table, uid)?)),
            _ => Err(refused(table, uid, DELETED, "is not a flag")),
        }
    }

    /// Whether every owner a record names (`Kind::Owner`) is in the document and not
    /// removed, nor its own owners: `alive` holds the answers found so far.
    fn owners_alive(
        &self,
        table: &Table,
        fields: &Fields,
        alive: &mut HashMap<(&'static str, String), bool>,
    ) -> Result<bool> {
        for field in table.fields {
            if let (Kind::Owner(to), Some(Stored::Text(uid))) =
                (field.kind, fields.get(field.column))
            {
                if !self.alive(to, uid, alive)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    fn alive(
        &self,
        table_name: &str,
        uid: &str,
        alive: &mut HashMap<(&'static str, String), bool>,
    ) -> Result<bool> {
        let table = RECORDS
            .iter()
            .copied()
            .find(|t| t.name == table_name)
            .ok_or_else(|| Error::Internal(format!("{table_name} is not shared")))?;
        if let Some(known) = alive.get(&(table.name, uid.to_string())) {
            return Ok(*known);
        }
        let records = self.map(&ROOT, table.name)?;
        let found = match self.doc.get(&records, uid).map_err(internal)? {
            Some((Value::Object(ObjType::Map), record)) => {
                scalar(&self.doc, &record, DELETED)? == Some(ScalarValue::Boolean(false)) && {
                    let mut owners = Fields::new();
                    for field in table
                        .fields
                        .iter()
                        .filter(|f| matches!(f.kind, Kind::Owner(_)))
                    {
                        if let Some(ScalarValue::Str(owner)) =
                            scalar(&self.doc, &record, field.column)?
                        {
                            owners.insert(field.column, Stored::Text(owner.to_string()));
                        }
                    }
                    self.owners_alive(table, &owners, alive)?
                }
            }
            _ => false,
        };
        alive.insert((table.name, uid.to_string()), found);
        Ok(found)
    }

    /// The records each table has had changed since SQLite last matched the document, by
    /// uid, read from the document's own account of what changed.
    fn touched_since_synced(&mut self) -> Result<HashMap<String, BTreeSet<String>>> {
        let before = self.synced.clone();
        let after = self.doc.get_heads();
        let mut touched: HashMap<String, BTreeSet<String>> = HashMap::new();
        for patch in self.doc.diff(&before, &after) {
            // The keys from the root to the value that changed: table, uid, field, item.
            let mut keys: Vec<String> = patch.path.iter().map(|(_, p)| p.to_string()).collect();
            match patch.action {
                PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => keys.push(key),
                PatchAction::Conflict { prop } => keys.push(prop.to_string()),
                _ => {}
            }
            if let [table, uid, ..] = keys.as_slice() {
                touched
                    .entry(table.clone())
                    .or_default()
                    .insert(uid.clone());
            }
        }
        Ok(touched)
    }

    /// A person's choice for a field in conflict (`conflicts`): written anew, so it
    /// replaces every value the copies set, on every copy, and given to SQLite here.
    pub fn settle(
        &mut self,
        db: &mut Db,
        (table, uid, field): (&str, &str, &str),
        value: &Stored,
    ) -> Result<()> {
        self.record_local(db)?;
        let (obj, shared) = if table == COMMUNITY.name {
            (self.map(&ROOT, COMMUNITY.name)?, &COMMUNITY)
        } else {
            let shared = RECORDS
                .iter()
                .copied()
                .find(|t| t.name == table)
                .ok_or_else(|| Error::NotFound(format!("{table} is not shared")))?;
            let records = self.map(&ROOT, table)?;
            match self.doc.get(&records, uid).map_err(internal)? {
                Some((Value::Object(ObjType::Map), id)) => (id, shared),
                _ => return Err(Error::NotFound(format!("{table} has no record {uid}"))),
            }
        };
        let kind = shared
            .fields
            .iter()
            .find(|f| f.column == field)
            .map(|f| f.kind)
            .ok_or_else(|| Error::NotFound(format!("{table} has no shared field {field}")))?;
        let fits = match (kind, value) {
            (Kind::TextSet(_), _) => false,
            (kind, Stored::Null) => kind.may_be_null(),
            (Kind::Text | Kind::OptText | Kind::Ref(_) | Kind::Owner(_), Stored::Text(_)) => true,
            (Kind::Int | Kind::OptInt, Stored::Int(_)) => true,
            (Kind::Real, Stored::Real(_)) => true,
            _ => false,
        };
        if !fits {
            return Err(Error::Internal(format!(
                "{table}.{field} cannot hold {value:?}"
            )));
        }
        let before = self.doc.get_heads();
        let actor = self.doc.get_actor().clone();
        self.doc
            .put(&obj, field, to_scalar(value))
            .map_err(internal)?;
        self.doc.commit();
        // A choice that would make a row the schema refuses (an end before the start shown)
        // is undone, as a refused message is, so it is never kept nor sent; `mend` is for
        // merges, not for a person's choice.
        let chosen = match table == COMMUNITY.name {
            true => Ok(()),
            false => self.fields(&obj, shared, uid).and_then(|fields| {
                let mut mended = fields.clone();
                match mend(shared, &mut mended) && mended.get(field) == fields.get(field) {
                    true => Ok(()),
                    false => Err(Error::invalid(
                        field,
                        crate::error::Rule::InvalidFormat,
                        format!("{table}.{field} cannot hold {value:?} beside its other fields"),
                    )),
                }
            }),
        };
        if let Err(refused) = chosen.and_then(|()| self.apply(db).map(drop)) {
            self.doc = self
                .doc
                .fork_at(&before)
                .map_err(internal)?
                .with_actor(actor);
            return Err(refused);
        }
        Ok(())
    }

    /// Every field set differently by two copies while apart, on records not removed.
    /// `updated_at` is left out: any two edits of one record clash there, and the later
    /// time is the true one.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut found = Vec::new();
        let uid = self.community_uid()?;
        let charter = self.map(&ROOT, COMMUNITY.name)?;
        self.field_conflicts(&charter, &COMMUNITY, &uid, &mut found)?;
        for table in RECORDS {
            let records = self.map(&ROOT, table.name)?;
            for record_uid in self.doc.keys(&records) {
                let record = self.map(&records, &record_uid)?;
                if scalar(&self.doc, &record, DELETED)? == Some(ScalarValue::Boolean(true)) {
                    continue;
                }
                self.field_conflicts(&record, table, &record_uid, &mut found)?;
            }
        }
        Ok(found)
    }

    fn field_conflicts(
        &self,
        obj: &ObjId,
        table: &'static Table,
        uid: &str,
        found: &mut Vec<Conflict>,
    ) -> Result<()> {
        // A set's items merge (`Kind::TextSet`), and the later time is the true one.
        let clashable = table
            .fields
            .iter()
            .filter(|f| f.column != UPDATED_AT && !matches!(f.kind, Kind::TextSet(_)));
        for field in clashable {
            let mut all = self.doc.get_all(obj, field.column).map_err(internal)?;
            if all.len() > 1 {
                // The shown one first.
                if let Some((_, shown)) = self.doc.get(obj, field.column).map_err(internal)? {
                    all.sort_by_key(|(_, id)| *id != shown);
                }
                let values = all
                    .iter()
                    .map(|(value, _)| stored(table, uid, field.column, field.kind, value))
                    .collect::<Result<Vec<_>>>()?;
                found.push(Conflict {
                    table: table.name,
                    uid: uid.to_string(),
                    field: field.column,
                    values,
                });
            }
        }
        Ok(())
    }

    /// Writes each of `fields` edited here: different from what the document showed at
    /// `base`, and from what it shows now. Returns how many.
    fn write_fields(
        &mut self,
        obj: &ObjId,
        table: &Table,
        fields: &Fields,
        base: &[ChangeHash],
    ) -> Result<usize> {
        let mut written = 0;
        for field in table.fields {
            let Some(value) = fields.get(field.column) else {
                continue;
            };
            if let Kind::TextSet(_) = field.kind {
                written += self.write_set(obj, field.column, &items(value), base)?;
                continue;
            }
            let wanted = to_scalar(value);
            if self.scalar_at(obj, field.column, base)?.as_ref() == Some(&wanted)
                || scalar(&self.doc, obj, field.column)?.as_ref() == Some(&wanted)
            {
                continue;
            }
            self.doc.put(obj, field.column, wanted).map_err(internal)?;
            written += 1;
        }
        Ok(written)
    }

    /// A set edited here: each item added since `base` is put, each item taken away since
    /// is deleted, one by one, so what another copy added or took away meanwhile stays.
    fn write_set(
        &mut self,
        obj: &ObjId,
        key: &str,
        wanted: &[String],
        base: &[ChangeHash],
    ) -> Result<usize> {
        let set = match self.doc.get(obj, key).map_err(internal)? {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => self
                .doc
                .put_object(obj, key, ObjType::Map)
                .map_err(internal)?,
        };
        let before: Vec<String> = match self.doc.get_at(obj, key, base).map_err(internal)? {
            Some((Value::Object(ObjType::Map), _)) => self.doc.keys_at(&set, base).collect(),
            _ => Vec::new(),
        };
        let now: Vec<String> = self.doc.keys(&set).collect();
        let mut written = 0;
        for item in wanted
            .iter()
            .filter(|i| !before.contains(i) && !now.contains(i))
        {
            self.doc.put(&set, item.as_str(), true).map_err(internal)?;
            written += 1;
        }
        for item in before
            .iter()
            .filter(|i| !wanted.contains(i) && now.contains(i))
        {
            self.doc.delete(&set, item.as_str()).map_err(internal)?;
            written += 1;
        }
        Ok(written)
    }

    /// A set as the document shows it, checked by core: the items, sorted, as JSON.
    fn set(&self, obj: &ObjId, table: &Table, uid: &str, field: &Field) -> Result<Stored> {
        let Kind::TextSet(check) = field.kind else {
            return Err(Error::Internal(format!("{} is not a set", field.column)));
        };
        let items: Vec<String> = match self.doc.get(obj, field.column).map_err(internal)? {
            Some((Value::Object(ObjType::Map), set)) => self.doc.keys(&set).collect(),
            None => Vec::new(),
            _ => return Err(refused(table, uid, field.column, "is not a set")),
        };
        check(&items).map_err(|e| {
            refused(
                table,
                uid,
                field.column,
                &format!("holds an item core refuses: {e}"),
            )
        })?;
        Ok(set_value(items))
    }

    /// The value `obj` showed at `key` when the document's heads were `heads`.
    fn scalar_at(
        &self,
        obj: &ObjId,
        key: &str,
        heads: &[ChangeHash],
    ) -> Result<Option<ScalarValue>> {
        Ok(match self.doc.get_at(obj, key, heads).map_err(internal)? {
            Some((Value::Scalar(v), _)) => Some(v.into_owned()),
            _ => None,
        })
    }

    /// A record's shared fields as the document shows them, checked against their kinds.
    fn fields(&self, obj: &ObjId, table: &'static Table, uid: &str) -> Result<Fields> {
        let mut fields = Fields::new();
        for field in table.fields {
            if let Kind::TextSet(_) = field.kind {
                fields.insert(field.column, self.set(obj, table, uid, field)?);
                continue;
            }
            let all = self.doc.get_all(obj, field.column).map_err(internal)?;
            let value = if field.column == UPDATED_AT {
                // The later of the times two copies wrote: both edits happened.
                all.iter()
                    .map(|(v, _)| stored(table, uid, field.column, field.kind, v))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .max_by(|a, b| text_of(a).cmp(text_of(b)))
            } else {
                // The value Automerge shows of a clash, the same on every copy.
                match self.doc.get(obj, field.column).map_err(internal)? {
                    Some((v, _)) => Some(stored(table, uid, field.column, field.kind, &v)?),
                    None => None,
                }
            };
            let value = match (value, field.kind) {
                (Some(v), _) => v,
                (None, kind) if kind.may_be_null() => Stored::Null,
                (None, _) => return Err(refused(table, uid, field.column, "is missing")),
            };
            fields.insert(field.column, value);
        }
        Ok(fields)
    }

    fn map(&self, parent: &ObjId, key: &str) -> Result<ObjId> {
        match self.doc.get(parent, key).map_err(internal)? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Err(Error::Corrupt(format!(
                "the shared document has no map at {key:?}"
            ))),
        }
    }

    /// The root is as `share` made it: a layout this build reads, and each root key set
    /// once. A document of another community brought in by mistake or by a hostile peer
    /// sets them a second time, and would put its records in place of these.
    fn check_layout(&self) -> Result<()> {
        let keys = [LAYOUT_KEY, UID_KEY, COMMUNITY.name]
            .into_iter()
            .chain(RECORDS.iter().map(|t| t.name));
        for key in keys {
            if self.doc.get_all(ROOT, key).map_err(internal)?.len() > 1 {
                return Err(Error::Corrupt(format!(
                    "the shared document holds two communities' {key:?}: changes from \
                     another community were mixed in"
                )));
            }
        }
        match scalar(&self.doc, &ROOT, LAYOUT_KEY)? {
            Some(ScalarValue::Int(LAYOUT_VERSION)) => Ok(()),
            Some(ScalarValue::Int(theirs)) => Err(Error::Conflict(format!(
                "the shared community is in layout {theirs} and this Hearth reads layout \
                 {LAYOUT_VERSION}: both copies need the same version of Hearth"
            ))),
            _ => Err(Error::Corrupt(
                "the shared document is not a Hearth community".into(),
            )),
        }
    }
}

const UPDATED_AT: &str = "updated_at";

impl Keep {
    /// Keeps it, with `heads` as what SQLite now matches; `was` is what it matched at the
    /// last store, refused when another process stored since.
    fn store(
        &self,
        w: &Write,
        community_id: i64,
        was: &[ChangeHash],
        heads: &[ChangeHash],
    ) -> Result<()> {
        match self {
            Keep::Insert(snapshot) => store::insert(w, community_id, heads, snapshot),
            Keep::Append(changes) => store::append_changes(w, community_id, changes, was, heads),
            Keep::Compact(snapshot) => store::compact(w, community_id, snapshot, was, heads),
        }
    }
}

/// The records of each shared table in the document: uid, and the fields unless removed.
type InDoc = Vec<(String, Option<Fields>)>;

/// The community's local id when SQLite already holds exactly what the document does.
fn already_applied(
    r: &Read,
    uid: &str,
    community: &Fields,
    shared: &[InDoc],
) -> Result<Option<i64>> {
    let Some(id) = r.query_optional("SELECT id FROM communities WHERE uid = ?1", [uid], |row| {
        row.get::<_, i64>("id")
    })?
    else {
        return Ok(None);
    };
    if community_fields(r, id)? != *community {
        return Ok(None);
    }
    for (table, in_doc) in RECORDS.iter().zip(shared) {
        // Only the records `apply` goes over: reading the whole table was most of its time.
        let local = rows_noted(r, table, id, in_doc.iter().map(|(uid, _)| uid))?;
        let same = in_doc
            .iter()
            .all(|(record_uid, fields)| local.get(record_uid) == fields.as_ref());
        if !same {
            return Ok(None);
        }
    }
    Ok(Some(id))
}

/// The value `obj` shows at `key`, when it is a scalar.
fn scalar(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Option<ScalarValue>> {
    Ok(match doc.get(obj, key).map_err(internal)? {
        Some((Value::Scalar(v), _)) => Some(v.into_owned()),
        _ => None,
    })
}

fn to_scalar(value: &Stored) -> ScalarValue {
    match value {
        Stored::Null => ScalarValue::Null,
        Stored::Text(s) => ScalarValue::Str(s.as_str().into()),
        Stored::Int(i) => ScalarValue::Int(*i),
        Stored::Real(f) => ScalarValue::F64(*f),
    }
}

/// A document value read as `kind`; anything else refuses the document.
fn stored(table: &Table, uid: &str, column: &str, kind: Kind, value: &Value) -> Result<Stored> {
    let Value::Scalar(v) = value else {
        return Err(refused(table, uid, column, "is not a value"));
    };
    match (kind, v.as_ref()) {
        (Kind::Text | Kind::OptText | Kind::Ref(_) | Kind::Owner(_), ScalarValue::Str(s)) => {
            Ok(Stored::Text(s.to_string()))
        }
        (Kind::Int | Kind::OptInt, ScalarValue::Int(i)) => Ok(Stored::Int(*i)),
        (Kind::Real, ScalarValue::F64(f)) => Ok(Stored::Real(*f)),
        (kind, ScalarValue::Null) if kind.may_be_null() => Ok(Stored::Null),
        _ => Err(refused(table, uid, column, "has the wrong type")),
    }
}

fn text_of(value: &Stored) -> &str {
    match value {
        Stored::Text(s) => s,
        _ => "",
    }
}

fn refused(table: &Table, uid: &str, column: &str, why: &str) -> Error {
    Error::Corrupt(format!(
        "the shared community was refused: {}.{column} of {uid} {why}",
        table.name
    ))
}

/// The schema's CHECKs and types are the last word on a value: one they refuse came from a
/// peer that skipped core's validation, so the document is refused, not this copy's data.
fn refused_by_schema(err: Error) -> Error {
    match err {
        Error::Internal(why) => Error::Corrupt(format!(
            "the shared community holds a value this copy refuses: {why}"
        )),
        other => other,
    }
}

fn internal(err: automerge::AutomergeError) -> Error {
    Error::Internal(format!("shared document: {err}"))
}

fn community_fields(r: &Read, community_id: i64) -> Result<Fields> {
    let sql = format!(
        "SELECT {} FROM communities WHERE id = ?1",
        select_list("communities", &COMMUNITY)
    );
    r.query_row(&sql, [community_id], |row| row_fields(&COMMUNITY, row, 0))
}

/// A table's rows in the community, by uid.
fn rows(r: &Read, table: &Table, community_id: i64) -> Result<HashMap<String, Fields>> {
    let sql = format!(
        "SELECT uid, {} FROM {} WHERE {}",
        select_list(table.name, table),
        table.name,
        in_community(table, "?1")
    );
    Ok(r.query_all(&sql, [community_id], |row| {
        Ok((row.get::<_, String>(0)?, row_fields(table, row, 1)?))
    })?
    .into_iter()
    .collect())
}

/// The rows of a table with the given uids that are still in the community.
fn rows_noted<'a>(
    r: &Read,
    table: &Table,
    community_id: i64,
    uids: impl Iterator<Item = &'a String>,
) -> Result<HashMap<String, Fields>> {
    let sql = format!(
        "SELECT uid, {} FROM {} WHERE {} AND uid = ?2",
        select_list(table.name, table),
        table.name,
        in_community(table, "?1")
    );
    let mut found = HashMap::new();
    for uid in uids {
        let row = r.query_optional(&sql, rusqlite::params![community_id, uid], |row| {
            row_fields(table, row, 1)
        })?;
        if let Some(fields) = row {
            found.insert(uid.clone(), fields);
        }
    }
    Ok(found)
}

/// SQL true of the rows of `table` in the community given as `param` (a placeholder).
fn in_community(table: &Table, param: &str) -> String {
    match table.owner() {
        None => format!("{}.community_id = {param}", table.name),
        Some((column, parent)) => format!(
            "{}.{column} IN (SELECT id FROM {parent} WHERE community_id = {param})",
            table.name
        ),
    }
}

/// SQL for the community a row of `table` belongs to.
fn community_of(table: &Table) -> String {
    match table.owner() {
        None => format!("{}.community_id", table.name),
        Some((column, parent)) => format!(
            "(SELECT p.community_id FROM {parent} AS p WHERE p.id = {}.{column})",
            table.name
        ),
    }
}

/// The shared columns as the document holds them: a reference as the uid it points at.
fn select_list(sql_table: &str, table: &Table) -> String {
    table
        .fields
        .iter()
        .map(|f| match f.kind.points_to() {
            Some(to) => format!(
                "(SELECT r.uid FROM {to} AS r WHERE r.id = {sql_table}.{c}) AS {c}",
                c = f.column
            ),
            None => format!("{sql_table}.{}", f.column),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a value goes in an INSERT or UPDATE: a reference's uid is looked up among the
/// community's rows, and one that is not there (removed here, or never sent) is NULL, as
/// the schema's `ON DELETE SET NULL` would have left it.
fn placeholder(field: &Field, community_id: i64) -> String {
    match field.kind.points_to() {
        Some(to) => {
            format!("(SELECT id FROM {to} WHERE uid = ? AND community_id = {community_id})")
        }
        None => "?".into(),
    }
}

fn row_fields(table: &Table, row: &rusqlite::Row, first: usize) -> rusqlite::Result<Fields> {
    let mut fields = Fields::new();
    for (i, field) in table.fields.iter().enumerate() {
        let value = match (field.kind, row.get::<_, SqlValue>(first + i)?) {
            (Kind::TextSet(_), SqlValue::Text(json)) => {
                let items: Vec<String> = serde_json::from_str(&json).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        first + i,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?;
                set_value(items)
            }
            (_, SqlValue::Null) => Stored::Null,
            (_, SqlValue::Integer(n)) => Stored::Int(n),
            (_, SqlValue::Real(f)) => Stored::Real(f),
            (_, SqlValue::Text(s)) => Stored::Text(s),
            (_, other) => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    first + i,
                    other.data_type(),
                    format!(
                        "{}.{} is neither text nor a number",
                        table.name, field.column
                    )
                    .into(),
                ))
            }
        };
        fields.insert(field.column, value);
    }
    Ok(fields)
}

/// A set's items as stored and compared: sorted, each once, as a JSON array.
fn set_value(mut items: Vec<String>) -> Stored {
    items.sort();
    items.dedup();
    Stored::Text(serde_json::Value::from(items).to_string())
}

/// The items of a set's value (`set_value`).
fn items(value: &Stored) -> Vec<String> {
    match value {
        Stored::Text(json) => serde_json::from_str(json).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn to_sql(value: &Stored) -> SqlValue {
    match value {
        Stored::Null => SqlValue::Null,
        Stored::Text(s) => SqlValue::Text(s.clone()),
        Stored::Int(i) => SqlValue::Integer(*i),
        Stored::Real(f) => SqlValue::Real(*f),
    }
}

/// Sets a row's shared columns to `fields`, only when one of them differs. Returns whether
/// the row changed.
fn update(
    w: &Write,
    (sql_table, table): (&str, &Table),
    id: i64,
    community_id: i64,
    fields: &Fields,
) -> Result<bool> {
    let sets = table
        .fields
        .iter()
        .map(|f| format!("{} = {}", f.column, placeholder(f, community_id)))
        .collect::<Vec<_>>()
        .join(", ");
    let differs = table
        .fields
        .iter()
        .map(|f| format!("{} IS NOT {}", f.column, placeholder(f, community_id)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let sql = format!("UPDATE {sql_table} SET {sets} WHERE id = ? AND ({differs})");
    let mut values: Vec<SqlValue> = table.columns().map(|c| to_sql(&fields[c])).collect();
    values.push(SqlValue::Integer(id));
    values.extend(table.columns().map(|c| to_sql(&fields[c])));
    let changed = w
        .execute(&sql, rusqlite::params_from_iter(values))
        .map_err(refused_by_schema)?;
    Ok(changed > 0)
}

/// Adds a row with its uid to community `community_id` (None: the community itself);
/// `community_id` is a column of its own unless the row belongs through its owner. The
/// columns core derives start empty, for `derive` to fill.
fn insert(
    w: &Write,
    (sql_table, table): (&str, &Table),
    uid: &str,
    community_id: Option<i64>,
    fields: &Fields,
) -> Result<()> {
    let mut columns: Vec<&str> = vec!["uid"];
    let mut marks: Vec<String> = vec!["?".into()];
    let mut values = vec![SqlValue::Text(uid.to_string())];
    if let (Some(id), None) = (community_id, table.owner()) {
        columns.push("community_id");
        marks.push("?".into());
        values.push(SqlValue::Integer(id));
    }
    for field in table.fields {
        columns.push(field.column);
        marks.push(placeholder(field, community_id.unwrap_or(0)));
        values.push(to_sql(&fields[field.column]));
    }
    for column in table.derived {
        columns.push(column);
        marks.push("''".into());
    }
    let sql = format!(
        "INSERT INTO {sql_table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    );
    w.execute(&sql, rusqlite::params_from_iter(values))
        .map_err(refused_by_schema)?;
    Ok(())
}

/// The uids of the rows of `table` in the community holding a unique set of values (one of
/// `Table::unique`) that a record of `in_doc` holds.
fn holders(r: &Read, table: &Table, community_id: i64, in_doc: &InDoc) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for unique in table.unique {
        let fields: Vec<&Field> = unique
            .columns
            .iter()
            .filter_map(|c| table.fields.iter().find(|f| f.column == *c))
            .collect();
        let same = fields
            .iter()
            .map(|f| {
                format!(
                    "{}.{} = {}",
                    table.name,
                    f.column,
                    placeholder(f, community_id)
                )
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        let sql = format!(
            "SELECT uid FROM {} WHERE {} AND {same}",
            table.name,
            in_community(table, &community_id.to_string())
        );
        for (_, record) in in_doc {
            let Some(record) = record else { continue };
            let values: Vec<SqlValue> = fields.iter().map(|f| to_sql(&record[f.column])).collect();
            if values.contains(&SqlValue::Null) {
                continue;
            }
            found.extend(
                r.query_all(&sql, rusqlite::params_from_iter(values), |row| {
                    row.get::<_, String>("uid")
                })?,
            );
        }
    }
    Ok(found)
}

/// Lets go of the unique values that change in this step, before any record is written:
/// records written one by one could otherwise meet a value another gives up later in the
/// same step (a series moved by its own interval, each occurrence taking the next one's
/// start), and the unique index would refuse the message. What a unique set lets go of is
/// set to NULL; a record that lets go of nothing is taken out, to be written again next.
fn release_moving_values(
    w: &Write,
    table: &Table,
    community_id: i64,
    in_doc: &InDoc,
) -> Result<()> {
    if table.unique.is_empty() {
        return Ok(());
    }
    let kept = in_doc
        .iter()
        .filter(|(_, f)| f.is_some())
        .map(|(uid, _)| uid);
    let here = rows_noted(w, table, community_id, kept)?;
    for (record_uid, fields) in in_doc {
        let (Some(fields), Some(row)) = (fields, here.get(record_uid)) else {
            continue;
        };
        for unique in table.unique {
            if unique.columns.iter().all(|c| fields.get(c) == row.get(c)) {
                continue;
            }
            match unique.let_go {
                [] => {
                    w.execute(
                        &format!(
                            "DELETE FROM {} WHERE uid = ?1 AND {}",
                            table.name,
                            in_community(table, "?2")
                        ),
                        rusqlite::params![record_uid, community_id],
                    )?;
                }
                columns => let_go(w, table, community_id, record_uid, columns)?,
            }
        }
    }
    Ok(())
}

/// Sets `columns` of one record's row to NULL: a unique value let go (`Unique::let_go`).
fn let_go(w: &Write, table: &Table, community_id: i64, uid: &str, columns: &[&str]) -> Result<()> {
    let sets: Vec<String> = columns.iter().map(|c| format!("{c} = NULL")).collect();
    w.execute(
        &format!(
            "UPDATE {} SET {} WHERE uid = ?1 AND {}",
            table.name,
            sets.join(", "),
            in_community(table, "?2")
        ),
        rusqlite::params![uid, community_id],
    )?;
    Ok(())
}

/// Where records of `table` hold the values of one of its unique sets of columns
/// (`Table::unique`), the one with the smallest uid keeps them. Each other lets go of
/// what the set says (those columns become NULL) or, when it says nothing, is left out of
/// SQLite. Returns the others: what each lets go, and its uid.
fn settle_unique(table: &Table, in_doc: &mut InDoc) -> Vec<(&'static [&'static str], String)> {
    let mut losers = Vec::new();
    for unique in table.unique {
        let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (_, fields)) in in_doc.iter().enumerate() {
            let Some(fields) = fields else { continue };
            let values: Vec<&Stored> = unique.columns.iter().map(|c| &fields[c]).collect();
            if !values.contains(&&Stored::Null) {
                holders.entry(format!("{values:?}")).or_default().push(i);
            }
        }
        for mut records in holders.into_values().filter(|r| r.len() > 1) {
            records.sort_by(|a, b| in_doc[*a].0.cmp(&in_doc[*b].0));
            for &i in &records[1..] {
                let (uid, fields) = &mut in_doc[i];
                match (unique.let_go, fields.as_mut()) {
                    ([], _) => *fields = None,
                    (columns, Some(fields)) => {
                        for &column in columns {
                            fields.insert(column, Stored::Null);
                        }
                    }
                    (_, None) => {}
                }
                losers.push((unique.let_go, uid.clone()));
            }
        }
    }
    losers
}

/// Makes a record the schema's CHECKs across columns accept, the same way on every copy.
/// Each copy's edits pass them, but the document merges field by field: an event moved on
/// one copy (start and end) and shortened on the other (the end alone) can merge into an
/// end before its start. Refused, such a record would refuse every later message, and
/// the copies could never sync again; mended, it is shown, and the clash is listed for a
/// person to settle (`conflicts`). False when there is no sound way to show it: it is left
/// out of SQLite, and kept in the document.
fn mend(table: &Table, fields: &mut Fields) -> bool {
    let is_null = |fields: &Fields, column: &str| fields.get(column) == Some(&Stored::Null);
    if table.name == EVENTS.name {
        // An occurrence is both of these or neither.
        if is_null(fields, "series_id") != is_null(fields, "occurrence_start") {
            fields.insert("series_id", Stored::Null);
            fields.insert("occurrence_start", Stored::Null);
        }
        // An end at or before the start: an hour after it.
        let instant = |column: &str| match fields.get(column) {
            Some(Stored::Text(text)) => parse_utc(text),
            _ => None,
        };
        if let (Some(start), Some(end)) = (instant("starts_at"), instant("ends_at")) {
            if end <= start {
                let end = utc_text(start + chrono::Duration::hours(1));
                fields.insert("ends_at", Stored::Text(end));
            }
        }
    }
    if table.name == GOALS.name {
        // On a computed metric or on a recorded series, not both: the series, which a
        // person recorded by hand, when both are set; when neither is, nothing to show.
        match (is_null(fields, "metric"), is_null(fields, "series_id")) {
            (false, false) => {
                fields.insert("metric", Stored::Null);
            }
            (true, true) => return false,
            _ => {}
        }
    }
    true
}

fn affects_engagement(table: &Table) -> bool {
    table.name == MEMBERS.name || table.name == ACTIVITIES.name
}

/// What core derives from a row a shared change wrote.
fn derive(w: &Write, table: &Table, id: i64) -> Result<()> {
    if table.name == MEMBERS.name {
        members::derive_after_sync(w, id)?;
    }
    Ok(())
}
