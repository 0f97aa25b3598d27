//! `hearth check` and the start-up check: is the file whole, are its references intact,
//! and is its schema the one this build writes.

use rusqlite::Connection;
use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub ok: bool,
    pub schema_version: u32,
    pub expected_schema_version: u32,
    pub quick_check: String,
    pub integrity_check: Vec<String>,
    pub foreign_key_violations: u64,
}

/// The full check: quick_check, integrity_check, foreign_key_check and the schema version.
pub fn run(conn: &Connection) -> Result<CheckReport> {
    let quick = quick_check(conn)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let integrity = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let fk_violations: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    let fk_violations = fk_violations.unsigned_abs();
    let schema_version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let ok = quick == "ok"
        && integrity == ["ok"]
        && fk_violations == 0
        && schema_version == SCHEMA_VERSION;
    Ok(CheckReport {
        ok,
        schema_version,
        expected_schema_version: SCHEMA_VERSION,
        quick_check: quick,
        integrity_check: integrity,
        foreign_key_violations: fk_violations,
    })
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
    use crate::db::testing::temp_db;

    #[test]
    fn a_new_database_is_healthy() {
        let t = temp_db();
        let report = t.db.check().unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.integrity_check, ["ok"]);
        assert_eq!(report.foreign_key_violations, 0);
    }

    #[test]
    fn a_dangling_reference_is_reported() {
        let t = temp_db();
        t.db.read(|c| {
            c.pragma_update(None, "foreign_keys", "OFF")?;
            c.execute(
                "INSERT INTO plan_tasks (uid, community_id, stage, title, sort, created_at, updated_at)
                 VALUES ('x', 999, 1, 'orphan', 0, '', '')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let report = t.db.check().unwrap();
        assert!(!report.ok);
        assert_eq!(report.foreign_key_violations, 1);
    }
}
