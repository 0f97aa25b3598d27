//! `hearth check`, the check of a backup before it is kept or restored, and the check at
//! start-up: is the file Hearth's, is it whole, are its references intact, and is its
//! schema exactly what Hearth's own migrations make for its version (so a file carrying
//! an extra trigger, a view in place of a table or a missing table is not taken for ours).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::migrations::{self, SCHEMA_VERSION};
use super::APPLICATION_ID;
use crate::error::{Error, Result, Rule};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub ok: bool,
    pub schema_version: u32,
    pub expected_schema_version: u32,
    /// An older schema is sound; Hearth upgrades it the next time it opens the file.
    pub needs_upgrade: bool,
    /// The tables, indexes and triggers are exactly those of Hearth's schema version.
    pub schema_matches: bool,
    pub quick_check: String,
    pub integrity_check: Vec<String>,
    pub foreign_key_violations: u64,
}

impl CheckReport {
    /// One sentence on what is wrong, or None when the file is sound.
    pub fn problem(&self) -> Option<String> {
        if self.schema_version > SCHEMA_VERSION {
            Some(format!(
                "schema version {} was written by a newer version of Hearth (this one writes {})",
                self.schema_version, SCHEMA_VERSION
            ))
        } else if self.quick_check != "ok" {
            Some(format!("quick check failed: {}", self.quick_check))
        } else if self.integrity_check != ["ok"] {
            Some(format!(
                "integrity check failed: {}",
                self.integrity_check.join("; ")
            ))
        } else if self.foreign_key_violations > 0 {
            Some(format!(
                "{} broken references between records",
                self.foreign_key_violations
            ))
        } else if !self.schema_matches {
            Some(format!(
                "its tables, indexes or triggers differ from Hearth's schema version {}",
                self.schema_version
            ))
        } else {
            None
        }
    }
}

/// The full check of an open connection.
pub fn run(conn: &Connection) -> Result<CheckReport> {
    let quick = quick_check(conn)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let integrity = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // A reference to a table that is no longer one (a view put in its place) stops the
    // foreign-key check itself: a schema Hearth did not write, reported as such.
    let (fk_violations, references_broken) =
        match conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(count) => (count, false),
            Err(rusqlite::Error::SqliteFailure(_, Some(message)))
                if message.contains("foreign key mismatch") =>
            {
                (0, true)
            }
            Err(e) => return Err(e.into()),
        };
    let schema_version = migrations::version(conn)?;
    let schema_matches = !references_broken
        && (1..=SCHEMA_VERSION).contains(&schema_version)
        && migrations::schema_of(conn, "main")? == migrations::reference_schema(schema_version)?;
    let mut report = CheckReport {
        ok: false,
        schema_version,
        expected_schema_version: SCHEMA_VERSION,
        needs_upgrade: schema_version < SCHEMA_VERSION,
        schema_matches,
        quick_check: quick,
        integrity_check: integrity,
        foreign_key_violations: fk_violations.unsigned_abs(),
    };
    report.ok = report.problem().is_none();
    Ok(report)
}

/// Checks the Hearth database at `path` without writing to it: it is opened read-only, so
/// an older schema is reported as needing an upgrade, never upgraded.
pub fn inspect(path: &Path) -> Result<CheckReport> {
    let conn = open_read_only(path)?;
    run(&conn)
}

/// Opens `path` read-only and makes sure it is a Hearth file (SQLite, with our id).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = open_any_read_only(path)?;
    if application_id(&conn)? != APPLICATION_ID {
        return Err(Error::InvalidInput {
            field: None,
            rule: Rule::InvalidFormat,
            limit: None,
            message: format!("{} is not a Hearth database", path.display()),
        });
    }
    Ok(conn)
}

pub(crate) fn application_id(conn: &Connection) -> Result<i32> {
    Ok(conn.pragma_query_value(None, "application_id", |r| r.get(0))?)
}

/// Opens any SQLite file at `path` read-only, whoever wrote it.
pub(crate) fn open_any_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "there is no Hearth database at {}",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A reader may have to wait a moment for a writer's checkpoint or WAL recovery.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// The fast structural check used at start-up; "ok" when the file is sound.
pub fn quick_check(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;

    #[test]
    fn a_new_database_is_healthy() {
        let t = temp_db();
        let report = t.db.check().unwrap();
        assert!(report.ok, "{report:?}");
        assert!(report.schema_matches && !report.needs_upgrade);
        assert_eq!(report.integrity_check, ["ok"]);
        assert_eq!(report.foreign_key_violations, 0);
    }

    #[test]
    fn a_dangling_reference_is_reported() {
        let t = temp_db();
        let c = t.db.raw();
        c.pragma_update(None, "foreign_keys", "OFF").unwrap();
        c.execute(
            "INSERT INTO plan_tasks (uid, community_id, stage, title, sort, created_at, updated_at)
             VALUES ('x', 999, 1, 'orphan', 0, '', '')",
            [],
        )
        .unwrap();
        let report = t.db.check().unwrap();
        assert!(!report.ok);
        assert_eq!(report.foreign_key_violations, 1);
    }

    #[test]
    fn an_extra_trigger_view_or_missing_table_is_not_hearths_schema() {
        for tamper in [
            "CREATE TRIGGER eat AFTER INSERT ON communities BEGIN DELETE FROM communities; END;",
            "DROP TABLE tombstones; CREATE VIEW tombstones AS SELECT 1 AS uid;",
            "DROP TABLE meta;",
            "CREATE TABLE extra (x);",
            "DROP INDEX plan_tasks_by_stage;",
        ] {
            let t = temp_db();
            t.db.raw().execute_batch(tamper).unwrap();
            let report = t.db.check().unwrap();
            assert!(!report.ok && !report.schema_matches, "{tamper}: {report:?}");
            assert!(report.problem().unwrap().contains("schema"), "{tamper}");
        }
    }

    #[test]
    fn a_referenced_table_turned_into_a_view_is_not_hearths_schema() {
        let t = temp_db();
        // As another program would do it: with foreign keys off, the drop goes through.
        t.db.raw()
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 DROP TABLE platforms; CREATE VIEW platforms AS SELECT 1 AS id;",
            )
            .unwrap();
        let report = t.db.check().unwrap();
        assert!(!report.ok && !report.schema_matches, "{report:?}");
    }

    #[test]
    fn inspecting_an_older_schema_reports_it_and_writes_nothing() {
        let fixture = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/schema-v1.sqlite3");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hearth.sqlite3");
        std::fs::copy(&fixture, &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let report = inspect(&path).unwrap();
        assert!(report.ok, "{report:?}");
        assert!(report.needs_upgrade && report.schema_matches);
        assert_eq!(report.schema_version, 1);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "byte for byte unchanged"
        );
        assert!(!dir.path().join("hearth.sqlite3-wal").exists());
    }
}
