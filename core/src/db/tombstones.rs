//! What was removed, kept as its uid and the time: a member merged into another, a member
//! forgotten, an activity taken back. Co-organizers will exchange changes between their
//! copies later (see DESIGN.md, "Ready for sharing"); a removal that left no trace could
//! not travel, and the other copy would bring the record back. A tombstone holds no
//! personal data: a uid is random, and `record` names only the table.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::db::{Db, Write};
use crate::error::Result;

/// A removed record: which table it was in and when it went.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Tombstone {
    pub uid: String,
    /// The table the record was in (`members`, `activities`, …).
    pub record: String,
    pub community_id: i64,
    pub deleted_at: DateTime<Utc>,
}

/// Records that the record `uid` of table `record` was removed from `community_id` at
/// `now`. A uid already buried keeps its first time: it went then.
pub(crate) fn bury(
    w: &Write,
    record: &str,
    uid: &str,
    community_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    w.execute(
        "INSERT INTO tombstones (uid, record, community_id, deleted_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (uid) DO NOTHING",
        params![uid, record, community_id, now],
    )?;
    Ok(())
}

/// The removals in `community_id` after `after` (all of them for None), oldest first.
pub fn since(db: &Db, community_id: i64, after: Option<DateTime<Utc>>) -> Result<Vec<Tombstone>> {
    let all = db.read(|r| {
        r.query_all(
            "SELECT uid, record, community_id, deleted_at FROM tombstones
             WHERE community_id = ?1 ORDER BY deleted_at, uid",
            [community_id],
            |row| {
                Ok(Tombstone {
                    uid: row.get("uid")?,
                    record: row.get("record")?,
                    community_id: row.get("community_id")?,
                    deleted_at: row.get("deleted_at")?,
                })
            },
        )
    })?;
    // Compared as times, not as stored text, so the text's form cannot change the answer.
    Ok(all
        .into_iter()
        .filter(|t| after.is_none_or(|after| t.deleted_at > after))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use chrono::Duration;

    #[test]
    fn a_burial_is_kept_once_and_listed_after_a_time() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let other = community(&mut t.db, "Other", "en").id;
        let start = Utc::now();
        let later = start + Duration::seconds(5);
        t.db.write(|w| {
            bury(w, "members", "uid-1", c, start)?;
            bury(w, "activities", "uid-2", c, later)?;
            bury(w, "members", "uid-1", c, later)?;
            bury(w, "members", "uid-3", other, later)
        })
        .unwrap();
        let all = since(&t.db, c, None).unwrap();
        let uids: Vec<(&str, &str)> = all
            .iter()
            .map(|t| (t.uid.as_str(), t.record.as_str()))
            .collect();
        assert_eq!(uids, [("uid-1", "members"), ("uid-2", "activities")]);
        assert_eq!(all[0].deleted_at, start, "the first burial's time stays");
        let recent = since(&t.db, c, Some(start)).unwrap();
        assert_eq!(recent.len(), 1);
        assert_eq!(recent[0].uid, "uid-2");
        assert!(since(&t.db, c, Some(later)).unwrap().is_empty());
        assert_eq!(since(&t.db, other, None).unwrap().len(), 1);
    }
}
