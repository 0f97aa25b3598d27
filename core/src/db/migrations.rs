//! The numbered schema migrations and the one way they run.
//!
//! A landed migration is never edited: the test below fails if its text changes, because
//! databases in the field already ran it. Add a new numbered file instead.
//!
//! They run in one immediate transaction that reads the schema version inside the write
//! lock (so two processes opening an old file at once upgrade it once), with foreign keys
//! off (so the usual table rebuild, create-copy-drop-rename, cannot cascade-delete the
//! children of a rebuilt table), and end with a foreign-key check before they commit.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const STEPS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_platforms.sql"),
    include_str!("migrations/0003_sample.sql"),
    include_str!("migrations/0004_members.sql"),
    include_str!("migrations/0005_events.sql"),
    include_str!("migrations/0006_metrics_index.sql"),
    include_str!("migrations/0007_metrics_records.sql"),
    include_str!("migrations/0008_sharing.sql"),
    include_str!("migrations/0009_sharing_calendar_metrics.sql"),
    include_str!("migrations/0010_sharing_relay.sql"),
];

/// The schema version this build of Hearth writes.
pub const SCHEMA_VERSION: u32 = STEPS.len() as u32;

/// What an upgrade did: the version found and the version left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Upgrade {
    pub from: u32,
    pub to: u32,
}

/// Brings the schema of `conn` up to date.
pub(crate) fn upgrade(conn: &mut Connection) -> Result<Upgrade> {
    run_steps(conn, STEPS)
}

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn run_steps(conn: &mut Connection, steps: &[&str]) -> Result<Upgrade> {
    let latest = steps.len() as u32;
    // Cheap look first: an up-to-date file (the usual case) takes no write lock at all.
    let found = version(conn)?;
    if found == latest {
        return Ok(Upgrade {
            from: found,
            to: found,
        });
    }
    if found > latest {
        return Err(newer(conn));
    }
    // `foreign_keys` cannot change inside a transaction, so it is switched around it.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = (|| {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = version(&tx)?;
        if from > latest {
            return Err(newer(&tx));
        }
        for (i, step) in steps.iter().enumerate().skip(from as usize) {
            tx.execute_batch(step)
                .map_err(|e| Error::Internal(format!("schema migration {} failed: {e}", i + 1)))?;
        }
        let violations: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if violations > 0 {
            return Err(Error::Corrupt(format!(
                "upgrading the schema from version {from} would leave {violations} broken references"
            )));
        }
        tx.pragma_update(None, "user_version", latest)?;
        tx.commit()?;
        Ok(Upgrade { from, to: latest })
    })();
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

fn newer(conn: &Connection) -> Error {
    let path = conn.path().unwrap_or("the database");
    Error::Conflict(format!(
        "{path} was written by a newer version of Hearth; update Hearth to open it"
    ))
}

/// One object of a schema as SQLite records it; two schemas are the same when these are.
pub type SchemaObject = (String, String, String, Option<String>);

/// The schema objects of `conn` (tables, indexes, triggers, views), sorted. The statistics
/// tables that `ANALYZE` adds are left out: they change no behaviour.
pub(crate) fn schema_of(conn: &Connection, db_name: &str) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, tbl_name, sql FROM {db_name}.sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'
         ORDER BY type, name"
    ))?;
    let objects = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(objects)
}

/// The schema Hearth's own migrations make for `version`, built in memory.
pub(crate) fn reference_schema(version: u32) -> Result<Vec<SchemaObject>> {
    let steps = STEPS
        .get(..version as usize)
        .ok_or_else(|| Error::Internal(format!("no schema version {version}")))?;
    let mut conn = Connection::open_in_memory()?;
    run_steps(&mut conn, steps)?;
    schema_of(&conn, "main")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a: a stable fingerprint of each landed migration's text.
    fn fingerprint(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    const LANDED: &[(&str, u64)] = &[
        (
            include_str!("migrations/0001_foundation.sql"),
            0xd287_f142_bced_307c,
        ),
        (
            include_str!("migrations/0002_platforms.sql"),
            0x2984_6cf2_1f78_e8f0,
        ),
        (
            include_str!("migrations/0003_sample.sql"),
            0xd383_61c6_5168_7d56,
        ),
        (
            include_str!("migrations/0004_members.sql"),
            0xdfc6_2b62_1685_8d49,
        ),
        (
            include_str!("migrations/0005_events.sql"),
            0xc023_6bf6_8bd4_7497,
        ),
        (
            include_str!("migrations/0006_metrics_index.sql"),
            0xa7f0_7c78_a5cf_82c4,
        ),
        (
            include_str!("migrations/0007_metrics_records.sql"),
            0x0cfc_ee30_fe5d_9333,
        ),
        (
            include_str!("migrations/0008_sharing.sql"),
            0xcdc3_cbb1_d611_b82c,
        ),
        (
            include_str!("migrations/0009_sharing_calendar_metrics.sql"),
            0x4290_9196_a0b6_a075,
        ),
        (
            include_str!("migrations/0010_sharing_relay.sql"),
            0xe0c4_c0dc_f118_00ee,
        ),
    ];

    #[test]
    fn landed_migrations_are_unchanged() {
        for (i, (text, expected)) in LANDED.iter().enumerate() {
            assert_eq!(
                fingerprint(text),
                *expected,
                "migration {} changed after it landed; add a new migration instead",
                i + 1
            );
        }
        assert_eq!(
            LANDED.len() as u32,
            SCHEMA_VERSION,
            "record every new migration in LANDED"
        );
    }

    #[test]
    fn every_version_builds_from_nothing() {
        for v in 1..=SCHEMA_VERSION {
            assert!(!reference_schema(v).unwrap().is_empty());
        }
    }

    /// The table rebuild SQLite recommends for changes ALTER TABLE cannot make. With foreign
    /// keys on, `DROP TABLE communities` would cascade-delete every task and platform.
    const REBUILD_COMMUNITIES: &str = "
        CREATE TABLE communities_new (
            id               INTEGER PRIMARY KEY,
            uid              TEXT NOT NULL UNIQUE,
            name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
            mission          TEXT NOT NULL DEFAULT '',
            kind             TEXT,
            audiences        TEXT NOT NULL DEFAULT '[]',
            formats          TEXT NOT NULL DEFAULT '[]',
            unique_value     TEXT NOT NULL DEFAULT '',
            expected_results TEXT NOT NULL DEFAULT '',
            rules            TEXT NOT NULL DEFAULT '',
            time_zone        TEXT NOT NULL,
            locale           TEXT NOT NULL,
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL,
            sample           INTEGER NOT NULL DEFAULT 0,
            own_member_id    INTEGER
        ) STRICT;
        INSERT INTO communities_new SELECT * FROM communities;
        DROP TABLE communities;
        ALTER TABLE communities_new RENAME TO communities;";

    #[test]
    fn a_migration_that_rebuilds_a_parent_table_keeps_its_children() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::data_dir::DB_FILE);
        let mut db = crate::Db::open(&path).unwrap();
        let created = crate::db::testing::community(&mut db, "Rebuilt", "en");
        let tasks = |conn: &Connection| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM plan_tasks WHERE community_id = ?1",
                [created.id],
                |r| r.get(0),
            )
            .unwrap()
        };
        let before = tasks(db.raw());
        assert!(before > 0);
        drop(db);

        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let mut steps = STEPS.to_vec();
        steps.push(REBUILD_COMMUNITIES);
        let done = run_steps(&mut conn, &steps).unwrap();
        assert_eq!(
            done,
            Upgrade {
                from: SCHEMA_VERSION,
                to: SCHEMA_VERSION + 1
            }
        );
        assert_eq!(tasks(&conn), before, "the plan survived the rebuild");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are back on after the upgrade");
    }

    #[test]
    fn a_migration_that_breaks_references_is_rolled_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::data_dir::DB_FILE);
        let mut db = crate::Db::open(&path).unwrap();
        crate::db::testing::community(&mut db, "Kept", "en");
        drop(db);
        let mut conn = Connection::open(&path).unwrap();
        let mut steps = STEPS.to_vec();
        steps.push("DELETE FROM communities;");
        let err = run_steps(&mut conn, &steps).unwrap_err();
        assert_eq!(err.code(), "corrupt");
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION, "nothing committed");
        let count: i64 = conn
            .query_row("SELECT count(*) FROM communities", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
    }
}
