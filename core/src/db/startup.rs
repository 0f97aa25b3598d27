//! Opening the database when the app or a command starts. A file that fails its check is
//! never deleted: it is renamed aside under a name nothing else has, a new empty database
//! takes its place, and the newest good backup is offered for restore.
//!
//! Many processes may start at once (the window and a few commands): a new database is
//! built aside and linked into place whole, and creating or setting aside happens under
//! a lock on the data folder, after looking again at what the path holds by then. So a
//! healthy database another process just made is never mistaken for a damaged one, and
//! a damaged original is never replaced by a later process's rename.
//!
//! Nothing is written to a file before it passed its check: the check runs on a read-only
//! connection, and only a sound file is upgraded (after a backup of the old version).

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::backup::{self, BackupInfo};
use super::work_file::{self, sync_parent};
use super::{check, migrations, Db, SCHEMA_VERSION};
use crate::data_dir::{self, BACKUP_DIR, DB_FILE};
use crate::error::{Error, Result};

/// What start-up found when the database could not be used as it was.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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

/// Opens the database in `data_dir`, creating it when there is none; see the module note.
pub fn open(data_dir: &Path) -> Result<Opened> {
    data_dir::prepare(data_dir)?;
    let backups = data_dir.join(BACKUP_DIR);
    work_file::sweep(data_dir);
    work_file::sweep(&backups);
    let path = data_dir.join(DB_FILE);
    if let Ok(mut db) = open_sound(&path, &backups) {
        continue_revisions(&mut db, &backups)?;
        return Ok(Opened { db, recovery: None });
    }
    // Something has to be made or set aside, or another process is doing just that: one
    // process at a time, looking again first. Only what is seen under the lock counts.
    let _lock = lock_folder(data_dir)?;
    let found = match open_sound(&path, &backups) {
        Ok(mut db) => {
            continue_revisions(&mut db, &backups)?;
            return Ok(Opened { db, recovery: None });
        }
        Err(found) => found,
    };
    let seed = backup::newest_revision(&backups)?;
    let recovery = match found {
        Found::Failed(err) => return Err(err),
        Found::Missing => {
            super::create(&path, seed)?;
            None
        }
        Found::Unclaimed => {
            super::create_over(&path, seed)?;
            None
        }
        Found::Damaged(why) => {
            let damaged_path = set_aside(&path, &why)?;
            super::create(&path, seed)?;
            Some(Recovery {
                damaged_path,
                backups: good_backups(&backups)?,
            })
        }
    };
    let mut db = Db::connect(&path)?;
    db.upgrade()?;
    Ok(Opened { db, recovery })
}

/// Moves the revision past every backup's when it is behind them. Only a restore by an
/// older Hearth (which put the counter back) or backups brought in from elsewhere leave it
/// so, and then a later write could take a number a backup already carries, and a backup
/// of new data would be skipped as "already kept".
fn continue_revisions(db: &mut Db, backups: &Path) -> Result<()> {
    let newest = backup::newest_revision(backups)?;
    if db.revision()? < newest {
        db.write(|w| {
            w.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'revision'",
                [newest.to_string()],
            )?;
            Ok(())
        })?;
    }
    Ok(())
}

/// Opens the database in `data_dir` only if there is one, creating nothing otherwise: for
/// commands that read, so that a mistyped command on an empty folder leaves no trace.
pub fn open_existing(data_dir: &Path) -> Result<Option<Opened>> {
    if data_dir.join(DB_FILE).exists() {
        open(data_dir).map(Some)
    } else {
        Ok(None)
    }
}

enum Found {
    Missing,
    /// An empty SQLite file that no program has claimed yet.
    Unclaimed,
    Damaged(Error),
    Failed(Error),
}

/// Opens the file at `path` if it is a sound Hearth database, upgrading an older schema
/// (after backing it up); says what is there otherwise.
fn open_sound(path: &Path, backups: &Path) -> std::result::Result<Db, Found> {
    if !path.exists() {
        return Err(Found::Missing);
    }
    let version = inspect(path)?;
    let mut db = Db::connect(path).map_err(classify)?;
    if version < SCHEMA_VERSION {
        // An upgrade rewrites tables: keep the old version first, in case it goes wrong.
        backup::create_from_file(path, backups).map_err(Found::Failed)?;
    }
    db.upgrade().map_err(classify)?;
    Ok(db)
}

/// The read-only look before anything is written: Hearth's id, the structural check and
/// the schema version.
fn inspect(path: &Path) -> std::result::Result<u32, Found> {
    let empty = std::fs::metadata(path)
        .map_err(|e| classify(e.into()))?
        .len()
        == 0;
    if empty {
        return Err(Found::Unclaimed);
    }
    // One read-only connection for the whole look: whose file it is, then its soundness.
    let conn = check::open_any_read_only(path).map_err(classify)?;
    let app_id = check::application_id(&conn).map_err(classify)?;
    if app_id != super::APPLICATION_ID {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| classify(e.into()))?;
        return Err(if app_id == 0 && objects == 0 {
            Found::Unclaimed
        } else {
            Found::Damaged(Error::invalid(
                "database",
                crate::error::Rule::InvalidFormat,
                format!("{} is not a Hearth database", path.display()),
            ))
        });
    }
    let verdict = check::quick_check(&conn).map_err(classify)?;
    if verdict != "ok" {
        return Err(Found::Damaged(Error::Corrupt(format!(
            "quick_check: {verdict}"
        ))));
    }
    migrations::version(&conn).map_err(classify)
}

/// A damaged or foreign file is set aside; anything else (busy, a newer Hearth, a folder
/// that cannot be written) stops the start-up with its own message.
fn classify(err: Error) -> Found {
    match err {
        Error::Corrupt(_) | Error::InvalidInput { .. } => Found::Damaged(err),
        other => Found::Failed(other),
    }
}

/// Holds an exclusive lock on the data folder while this process creates or sets aside.
fn lock_folder(dir: &Path) -> Result<File> {
    let folder =
        File::open(dir).map_err(|e| Error::Io(format!("cannot open {}: {e}", dir.display())))?;
    folder
        .lock()
        .map_err(|e| Error::Io(format!("cannot lock {}: {e}", dir.display())))?;
    Ok(folder)
}

/// Renames the database and its WAL files aside, with the time in a name nothing has yet.
fn set_aside(path: &Path, why: &Error) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let taken = |p: &Path| {
        ["", "-wal", "-shm"]
            .iter()
            .any(|s| PathBuf::from(format!("{}{s}", p.display())).exists())
    };
    let aside = (1u32..)
        .map(|n| {
            let name = match n {
                1 => format!("{DB_FILE}.damaged-{stamp}"),
                n => format!("{DB_FILE}.damaged-{stamp}-{n}"),
            };
            path.with_file_name(name)
        })
        .find(|p| !taken(p))
        .ok_or_else(|| Error::Io("no free name to set the damaged database aside".into()))?;
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        // The WAL index is rebuilt from the WAL whenever it is needed, and an empty WAL
        // holds nothing (the read-only look at the file may have made both): only the
        // database and a WAL with content are worth keeping.
        let worthless = suffix == "-shm"
            || (suffix == "-wal" && std::fs::metadata(&from).is_ok_and(|m| m.len() == 0));
        if worthless {
            let _ = std::fs::remove_file(&from);
        } else if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            // A link and an unlink rather than a rename: a rename would replace a file.
            work_file::link_no_replace(&from, &to)
                .and_then(|linked| match linked {
                    true => std::fs::remove_file(&from),
                    false => Err(std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        format!("{} appeared meanwhile", to.display()),
                    )),
                })
                .map_err(|e| {
                    Error::Io(format!(
                        "the database is damaged ({why}) and could not be moved aside: {e}"
                    ))
                })?;
        }
    }
    sync_parent(&aside);
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
    use crate::db::testing::file_names;

    /// One committed write, which moves the revision forward.
    fn put(db: &mut Db, key: &str) {
        db.write(|w| w.execute("INSERT INTO settings VALUES (?1, 'v')", [key]))
            .unwrap();
    }

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
        put(&mut opened.db, "k");
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

    /// Item 3 of the data-safety issue: processes starting together on a new folder took
    /// the half-made file for a damaged one, or failed on "table meta already exists".
    #[test]
    fn many_openers_of_a_new_folder_share_one_database() {
        for _ in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let threads: Vec<_> = (0..8)
                .map(|i| {
                    let dir = dir.path().to_path_buf();
                    std::thread::spawn(move || {
                        let mut opened = open(&dir).unwrap();
                        assert!(opened.recovery.is_none());
                        opened
                            .db
                            .write(|w| w.execute("INSERT INTO settings VALUES (?1, 'x')", [i]))
                            .unwrap();
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            let db = open(dir.path()).unwrap().db;
            let count: i64 = db
                .read(|c| c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0)))
                .unwrap();
            assert_eq!(count, 8, "every write landed in the one database");
            assert!(file_names(dir.path())
                .iter()
                .all(|n| !n.contains("damaged")));
        }
    }

    /// Item 4: a later process set another's fresh database aside under the same name,
    /// replacing the damaged original.
    #[test]
    fn many_openers_of_a_damaged_database_keep_the_original() {
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            drop(open(dir.path()).unwrap());
            let db_path = dir.path().join(DB_FILE);
            damage(&db_path);
            let original = std::fs::read(&db_path).unwrap();
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    let dir = dir.path().to_path_buf();
                    std::thread::spawn(move || open(&dir).unwrap().recovery.is_some())
                })
                .collect();
            let recovered = threads
                .into_iter()
                .map(|t| t.join().unwrap())
                .filter(|r| *r)
                .count();
            assert_eq!(recovered, 1, "one process set the file aside");
            let aside: Vec<String> = file_names(dir.path())
                .into_iter()
                .filter(|n| n.contains("damaged") && !n.ends_with("-wal") && !n.ends_with("-shm"))
                .collect();
            assert_eq!(aside.len(), 1, "{aside:?}");
            assert_eq!(std::fs::read(dir.path().join(&aside[0])).unwrap(), original);
            assert!(open(dir.path()).unwrap().db.check().unwrap().ok);
        }
    }

    #[test]
    fn names_of_files_set_aside_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let why = Error::Corrupt("test".into());
        let mut asides = Vec::new();
        for i in 0..5u8 {
            std::fs::write(&path, [i; 10]).unwrap();
            asides.push(set_aside(&path, &why).unwrap());
        }
        for (i, aside) in asides.iter().enumerate() {
            assert_eq!(std::fs::read(aside).unwrap(), [i as u8; 10]);
        }
    }

    /// A new database after damage starts its revision where the backups end, so its
    /// changes are never taken for a backup that already holds them.
    #[test]
    fn a_new_database_continues_the_revisions_of_the_backups() {
        let dir = tempfile::tempdir().unwrap();
        let mut opened = open(dir.path()).unwrap();
        for i in 0..5 {
            opened
                .db
                .write(|w| w.execute("INSERT INTO settings VALUES (?1, 'x')", [i]))
                .unwrap();
        }
        let backups = dir.path().join(BACKUP_DIR);
        let last = backup::create(&opened.db, &backups).unwrap();
        drop(opened);
        damage(&dir.path().join(DB_FILE));
        let mut opened = open(dir.path()).unwrap();
        assert!(opened.recovery.is_some());
        assert_eq!(opened.db.revision().unwrap(), last.revision);
        put(&mut opened.db, "new");
        assert!(
            backup::create_if_changed(opened.db.path(), &backups)
                .unwrap()
                .is_some(),
            "the new data is backed up, not skipped"
        );
    }

    /// A restore by an older Hearth put the revision back below its backups': the next
    /// start moves it past them, so no later backup is skipped as "already kept".
    #[test]
    fn a_revision_behind_the_backups_moves_past_them() {
        let dir = tempfile::tempdir().unwrap();
        let backups = dir.path().join(BACKUP_DIR);
        let mut opened = open(dir.path()).unwrap();
        put(&mut opened.db, "k");
        let made = backup::create(&opened.db, &backups).unwrap();
        let later = made
            .file_name
            .replace(&format!("-r{}.", made.revision), "-r40.");
        std::fs::copy(backups.join(&made.file_name), backups.join(&later)).unwrap();
        drop(opened);
        let opened = open(dir.path()).unwrap();
        assert_eq!(opened.db.revision().unwrap(), 41);
        assert!(backup::create_if_changed(opened.db.path(), &backups)
            .unwrap()
            .is_some());
    }

    /// Item 10: an older schema is backed up before the upgrade touches it.
    #[test]
    fn an_older_schema_is_backed_up_before_its_upgrade() {
        let fixture =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite3");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&fixture, dir.path().join(DB_FILE)).unwrap();
        let opened = open(dir.path()).unwrap();
        assert_eq!(opened.db.check().unwrap().schema_version, SCHEMA_VERSION);
        let backups = backup::list(&dir.path().join(BACKUP_DIR)).unwrap();
        assert_eq!(backups.len(), 1);
        let kept =
            check::inspect(&dir.path().join(BACKUP_DIR).join(&backups[0].file_name)).unwrap();
        assert_eq!(kept.schema_version, 1, "the backup holds the old version");
        assert!(kept.ok);
    }

    #[test]
    fn an_empty_file_is_claimed_and_a_foreign_one_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DB_FILE), b"").unwrap();
        let opened = open(dir.path()).unwrap();
        assert!(opened.recovery.is_none() && opened.db.check().unwrap().ok);
        drop(opened);

        let other = tempfile::tempdir().unwrap();
        let conn = rusqlite::Connection::open(other.path().join(DB_FILE)).unwrap();
        conn.execute("CREATE TABLE notes (body TEXT)", []).unwrap();
        drop(conn);
        let opened = open(other.path()).unwrap();
        assert!(
            opened.recovery.is_some(),
            "a foreign file is kept aside, not used"
        );
    }

    /// Makes `dir` read-only even for root (who ignores permission bits): the immutable
    /// attribute. Undone on drop, so the temporary folder can be removed.
    struct ReadOnly<'a>(&'a Path);

    impl<'a> ReadOnly<'a> {
        fn new(dir: &'a Path) -> ReadOnly<'a> {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
            let guard = ReadOnly(dir);
            if std::fs::write(dir.join("probe"), b"").is_ok() {
                let _ = std::fs::remove_file(dir.join("probe"));
                let chattr = std::process::Command::new("chattr")
                    .arg("+i")
                    .arg(dir)
                    .status();
                assert!(
                    chattr.is_ok_and(|s| s.success())
                        && std::fs::write(dir.join("probe"), b"").is_err(),
                    "cannot make a folder read-only here (chattr +i failed)"
                );
            }
            guard
        }
    }

    impl Drop for ReadOnly<'_> {
        fn drop(&mut self) {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.0)
                .status();
            let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o700));
        }
    }

    #[test]
    fn a_missing_data_folder_is_created_and_a_read_only_one_reported() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b/hearth");
        assert!(open(&nested).is_ok());

        let empty = dir.path().join("empty");
        std::fs::create_dir_all(empty.join(BACKUP_DIR)).unwrap();
        let guard = ReadOnly::new(&empty);
        let err = open(&empty).err().expect("a read-only folder is refused");
        assert_eq!(err.code(), "io");
        assert!(err.to_string().contains("not writable"), "{err}");
        drop(guard);

        // A database on a read-only folder is refused too, and never set aside as damaged.
        let used = dir.path().join("used");
        drop(open(&used).unwrap());
        let before = file_names(&used);
        let guard = ReadOnly::new(&used);
        let err = open(&used).err().expect("a read-only folder is refused");
        assert_eq!(err.code(), "io");
        drop(guard);
        assert_eq!(file_names(&used), before, "nothing was set aside or added");
    }
}
