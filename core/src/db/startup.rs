//! Opening the database when the app or a command starts. A file that fails its check is
//! never deleted: it is renamed aside, a new empty database takes its place, and the
//! newest good backup is offered for restore.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::backup::{self, BackupInfo};
use super::{check, Db};
use crate::data_dir::{self, BACKUP_DIR, DB_FILE};
use crate::error::{Error, Result};

/// What start-up found when the database could not be used as it was.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    /// Where the damaged file now lives.
    pub damaged_path: PathBuf,
    /// Backups that can replace it, the newest good one first.
    pub backups: Vec<BackupInfo>,
}

pub struct Opened {
    pub db: Db,
    pub recovery: Option<Recovery>,
}

/// Opens the database in `data_dir`, checking it first; see the module note.
pub fn open(data_dir: &Path) -> Result<Opened> {
    data_dir::prepare(data_dir)?;
    let path = data_dir.join(DB_FILE);
    if !path.exists() {
        return Ok(Opened {
            db: Db::open(&path)?,
            recovery: None,
        });
    }
    match Db::open(&path).and_then(healthy) {
        Ok(db) => Ok(Opened { db, recovery: None }),
        Err(err @ (Error::Corrupt(_) | Error::InvalidInput { .. })) => {
            let damaged_path = set_aside(&path, &err)?;
            Ok(Opened {
                db: Db::open(&path)?,
                recovery: Some(Recovery {
                    damaged_path,
                    backups: good_backups(&data_dir.join(BACKUP_DIR))?,
                }),
            })
        }
        Err(other) => Err(other),
    }
}

fn healthy(db: Db) -> Result<Db> {
    let verdict = db.read(check::quick_check)?;
    if verdict == "ok" {
        Ok(db)
    } else {
        Err(Error::Corrupt(format!("quick_check: {verdict}")))
    }
}

/// Renames the database and its WAL files aside, with the time in the name.
fn set_aside(path: &Path, why: &Error) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let aside = path.with_file_name(format!("{DB_FILE}.damaged-{stamp}"));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{suffix}", aside.display())).map_err(|e| {
                Error::Io(format!(
                    "the database is damaged ({why}) and could not be moved aside: {e}"
                ))
            })?;
        }
    }
    Ok(aside)
}

/// The backups from the newest one that passes its check, newest first.
fn good_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let all = backup::list(dir)?;
    let first_good = all
        .iter()
        .position(|b| backup::verify(&dir.join(&b.file_name)).is_ok());
    Ok(first_good.map_or_else(Vec::new, |i| all[i..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damage(path: &Path) {
        // Overwrite the pages after the header: the header still says SQLite, the content is noise.
        let mut bytes = std::fs::read(path).unwrap();
        for b in bytes.iter_mut().skip(100) {
            *b = 0x5a;
        }
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn a_healthy_database_opens_without_recovery() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path()).unwrap());
        let opened = open(dir.path()).unwrap();
        assert!(opened.recovery.is_none());
    }

    #[test]
    fn a_damaged_database_is_kept_aside_and_the_newest_good_backup_offered() {
        let dir = tempfile::tempdir().unwrap();
        let backups = dir.path().join(BACKUP_DIR);
        let mut opened = open(dir.path()).unwrap();
        opened
            .db
            .write(|tx| Ok(tx.execute("INSERT INTO settings VALUES ('k', 'v')", [])?))
            .unwrap();
        let good = backup::create(&opened.db, &backups).unwrap();
        drop(opened);
        let db_path = dir.path().join(DB_FILE);
        // Fold the WAL into the file first so the damage is not hidden behind it.
        let conn = rusqlite::Connection::open(&db_path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        drop(conn);
        damage(&db_path);
        let original = std::fs::read(&db_path).unwrap();

        let opened = open(dir.path()).unwrap();
        let recovery = opened.recovery.expect("damage is reported");
        assert_eq!(
            std::fs::read(&recovery.damaged_path).unwrap(),
            original,
            "kept, byte for byte"
        );
        assert_eq!(recovery.backups.first(), Some(&good));
        assert!(
            opened.db.check().unwrap().ok,
            "a fresh database took its place"
        );
    }

    #[test]
    fn a_missing_data_folder_is_created_and_a_read_only_one_reported() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b/hearth");
        assert!(open(&nested).is_ok());

        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        // root ignores permissions; only check when they bite.
        if std::fs::write(locked.join("probe"), b"").is_err() {
            let err = open(&locked).err().expect("read-only folder is refused");
            assert_eq!(err.code(), "io");
        }
    }
}
