//! Storage: one `Db` owns one SQLite connection. Reads get a `Read` handle that cannot
//! change data; every write gets a `Write` handle (see `handle`) inside one immediate
//! transaction that also moves the data revision forward, which is how a backup knows
//! whether anything changed since the last one. The revision only ever grows, across
//! restores and new files too, so equal revisions mean equal data.

pub mod backup;
pub mod check;
mod handle;
mod json;
mod migrations;
pub mod startup;
pub mod tombstones;
mod work_file;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use handle::{Read, Write};
pub(crate) use json::Json;
pub use migrations::SCHEMA_VERSION;

use crate::error::{Error, Result};
pub(crate) use work_file::sync_parent;
use work_file::WorkFile;

/// Written into the file header so that a stray SQLite file is never mistaken for Hearth's.
pub const APPLICATION_ID: i32 = 0x4852_5448; // "HRTH"

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens the database at `path`, creating it when there is none, and brings its schema
    /// up to date.
    pub fn open(path: &Path) -> Result<Db> {
        if !path.exists() {
            create(path, 0)?;
        }
        let mut db = Db::connect(path)?;
        db.upgrade()?;
        Ok(db)
    }

    /// Opens an existing Hearth database without changing its content.
    pub(crate) fn connect(path: &Path) -> Result<Db> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| match Error::from(e) {
            Error::Internal(why) | Error::Io(why) => {
                Error::Io(format!("cannot open {}: {why}", path.display()))
            }
            other => other,
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        ensure_hearth_file(&conn)?;
        // WAL keeps readers (backups, checks) off the writer's back; FULL sync means a
        // committed change survives a crash of the app or of the machine.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted and overwritten content is zeroed, not left in free space: a forgotten
        // member must not be readable from the file afterwards (a few per cent on writes).
        conn.pragma_update(None, "secure_delete", "ON")?;
        Ok(Db {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Applies the pending migrations (see `migrations`).
    pub(crate) fn upgrade(&mut self) -> Result<()> {
        migrations::upgrade(&mut self.conn).map(drop)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with a `Read`, which cannot change data (see `handle`).
    pub fn read<T>(&self, f: impl FnOnce(&Read) -> Result<T>) -> Result<T> {
        f(&Read { conn: &self.conn })
    }

    /// Runs `f` in one immediate transaction: all of it is stored, or none of it. This is
    /// the only place a `Write` is made, so every change moves the revision forward.
    pub fn write<T>(&mut self, f: impl FnOnce(&Write) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&Write {
            read: Read { conn: &tx },
        })?;
        tx.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'",
            [],
        )?;
        tx.commit()?;
        Ok(value)
    }

    /// Counts committed write transactions over the life of the data.
    pub fn revision(&self) -> Result<i64> {
        revision(&self.conn)
    }

    pub fn check(&self) -> Result<check::CheckReport> {
        check::run(&self.conn)
    }

    /// Copies the write-ahead log into the database and empties it, so page images from
    /// before a deletion do not linger in the `-wal` file. Best effort: a reader that is
    /// still using the log (a backup) leaves it as it is, and the next checkpoint folds it.
    pub(crate) fn truncate_log(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

pub(crate) fn revision(conn: &Connection) -> Result<i64> {
    let value: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'revision'", [], |r| {
            r.get(0)
        })?;
    value
        .parse()
        .map_err(|_| Error::Corrupt(format!("the stored revision {value:?} is not a number")))
}

/// Builds a new, empty Hearth database beside `path` and gives it that name, unless
/// another process put a database there first (then that one is kept, and false returned).
/// Other processes therefore never see a half-made file. `revision` starts the counter
/// above every backup already in the folder, so no revision number is ever reused.
pub(crate) fn create(path: &Path, revision: i64) -> Result<bool> {
    let work = new_database(path, revision)?;
    work.link_to(path)
}

/// Like `create`, but replaces what is at `path` (an empty file nobody claimed).
pub(crate) fn create_over(path: &Path, revision: i64) -> Result<()> {
    new_database(path, revision)?.rename_to(path)
}

fn new_database(path: &Path, revision: i64) -> Result<WorkFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("hearth");
    let work = WorkFile::create(dir, &format!("{stem}.new"))?;
    let mut conn = Connection::open(work.path())?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    migrations::upgrade(&mut conn)?;
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'revision'",
        [revision.to_string()],
    )?;
    // Closing the last connection folds the WAL into the file, which then stands alone.
    conn.close().map_err(|(_, e)| Error::from(e))?;
    Ok(work)
}

/// Refuses SQLite files that belong to another program, and files that are not SQLite.
fn ensure_hearth_file(conn: &Connection) -> Result<()> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    Err(Error::InvalidInput {
        field: None,
        rule: crate::error::Rule::InvalidFormat,
        limit: None,
        message: "this file is an SQLite database, but not a Hearth one".into(),
    })
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A real database in a temporary folder: tests never mock SQLite.
    pub struct TempDb {
        pub db: Db,
        pub dir: tempfile::TempDir,
    }

    impl Db {
        /// The connection itself, for tests that alter the file as another program could:
        /// past the handles, on purpose.
        pub(crate) fn raw(&self) -> &Connection {
            &self.conn
        }
    }

    pub fn temp_db() -> TempDb {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join(crate::data_dir::DB_FILE)).unwrap();
        TempDb { db, dir }
    }

    /// A community from the template in `locale`, in UTC: the parent most tests need.
    pub fn community(db: &mut Db, name: &str, locale: &str) -> crate::community::Community {
        let new = crate::community::NewCommunity {
            name: name.into(),
            locale: locale.into(),
            time_zone: "UTC".into(),
            launch_date: None,
        };
        crate::community::create(db, &new).unwrap()
    }

    /// The names in `dir`, sorted: what a test expects a folder to hold.
    pub fn file_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::testing::temp_db;
    use super::*;

    #[test]
    fn opens_with_wal_foreign_keys_and_current_schema() {
        let t = temp_db();
        let c = t.db.raw();
        let mode: String = c
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = c
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let version: u32 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn write_is_all_or_nothing_and_bumps_revision() {
        let mut t = temp_db();
        let before = t.db.revision().unwrap();
        let result: Result<()> = t.db.write(|w| {
            w.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])?;
            Err(Error::Conflict("stop halfway".into()))
        });
        assert!(result.is_err());
        let count: i64 =
            t.db.read(|c| c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0)))
                .unwrap();
        assert_eq!(count, 0, "a failed write leaves nothing behind");
        assert_eq!(t.db.revision().unwrap(), before);

        t.db.write(|w| w.execute("INSERT INTO settings VALUES ('a', '1')", []))
            .unwrap();
        assert_eq!(t.db.revision().unwrap(), before + 1);
    }

    #[test]
    fn reopening_keeps_data_and_schema() {
        let mut t = temp_db();
        t.db.write(|w| w.execute("INSERT INTO settings VALUES ('k', 'v')", []))
            .unwrap();
        let path = t.db.path().to_path_buf();
        drop(t.db);
        let db = Db::open(&path).unwrap();
        let v: String = db
            .read(|c| {
                c.query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| {
                    r.get(0)
                })
            })
            .unwrap();
        assert_eq!(v, "v");
    }

    #[test]
    fn refuses_a_foreign_sqlite_file_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        let other = Connection::open(&path).unwrap();
        other.execute("CREATE TABLE notes (body TEXT)", []).unwrap();
        drop(other);
        let err = Db::open(&path)
            .err()
            .expect("a foreign database is refused");
        assert_eq!(err.code(), "invalid_input");
        let other = Connection::open(&path).unwrap();
        let version: i64 = other
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0, "nothing was migrated into it");
    }

    #[test]
    fn refuses_a_file_that_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "this is plain text, and rather more than a header's worth of it, to be sure that SQLite reads it as a damaged header").unwrap();
        let err = Db::open(&path).err().expect("plain text is refused");
        assert_eq!(err.code(), "corrupt");
    }

    #[test]
    fn refuses_a_database_from_a_newer_hearth() {
        let t = temp_db();
        let path = t.db.path().to_path_buf();
        t.db.raw()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(t.db);
        let err = Db::open(&path).err().expect("a newer schema is refused");
        assert_eq!(err.code(), "conflict");
    }
}
