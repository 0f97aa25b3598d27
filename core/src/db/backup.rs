//! Backups through SQLite's online backup API, into `backups/` beside the database.
//!
//! A backup is written under a temporary name, checked (Hearth's application id and
//! `integrity_check`), and only then given its real name; only after that are older
//! backups rotated away. The file name carries the time and the data revision, so the
//! list needs no index file and a start-up backup is skipped when nothing changed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{revision, Db, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, Result, Rule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub created_at: DateTime<Utc>,
    pub size_bytes: u64,
    pub revision: i64,
}

const PREFIX: &str = "hearth-";
const SUFFIX: &str = ".sqlite3";
const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%S%.3fZ";

/// How many backups survive rotation: the most recent few, then one a day, a week, a month.
const KEEP_RECENT: usize = 3;
const KEEP_DAILY: i64 = 7;
const KEEP_WEEKLY: i64 = 5;
const KEEP_MONTHLY: i32 = 12;

/// Backs up the open database now.
pub fn create(db: &Db, dir: &Path) -> Result<BackupInfo> {
    db.read(|conn| write_backup(conn, dir, Utc::now()))
}

/// Backs up the database file at `db_path` through a connection of its own, so it can run
/// beside the app's connection (WAL lets it read while the app writes).
pub fn create_from_file(db_path: &Path, dir: &Path) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    write_backup(&conn, dir, Utc::now())
}

/// Backs up `db_path` only when its data changed since the newest backup.
pub fn create_if_changed(db_path: &Path, dir: &Path) -> Result<Option<BackupInfo>> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let current = revision(&conn)?;
    let newest = list(dir)?.into_iter().next();
    if current == 0 || newest.is_some_and(|b| b.revision == current) {
        return Ok(None);
    }
    write_backup(&conn, dir, Utc::now()).map(Some)
}

fn write_backup(src: &Connection, dir: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    let rev = revision(src)?;
    let file_name = format!("{PREFIX}{}-r{rev}{SUFFIX}", now.format(TIME_FORMAT));
    let path = dir.join(&file_name);
    copy_verified(src, &path)?;
    rotate(dir, now)?;
    info(&path)?.ok_or_else(|| Error::Internal("the new backup has an unexpected name".into()))
}

/// Backs up the open database to `dest`, any path (`hearth backup --out FILE`).
pub fn create_at(db: &Db, dest: &Path) -> Result<()> {
    db.read(|conn| copy_verified(conn, dest))
}

/// Copies `src` to `dest` through a temporary file that must pass `verify` before it takes
/// `dest`'s name, so `dest` is never a half-written backup.
fn copy_verified(src: &Connection, dest: &Path) -> Result<()> {
    let partial = PathBuf::from(format!("{}.partial", dest.display()));
    let result = (|| {
        let mut dst = Connection::open(&partial)?;
        Backup::new(src, &mut dst)?.step(-1)?;
        // A backup is a plain file to copy around: no -wal or -shm beside it.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        drop(dst);
        verify(&partial)?;
        std::fs::rename(&partial, dest)
            .map_err(|e| Error::Io(format!("cannot write {}: {e}", dest.display())))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Checks that `path` is a whole Hearth database this build can open.
pub fn verify(path: &Path) -> Result<()> {
    let not_hearth = |why: String| Error::InvalidInput {
        field: Some("fileName".into()),
        rule: Rule::InvalidFormat,
        limit: None,
        message: format!("{} is not a usable Hearth backup: {why}", path.display()),
    };
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "no backup file at {}",
            path.display()
        )));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_hearth(e.to_string()))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| not_hearth(e.to_string()))?;
    if app_id != APPLICATION_ID {
        return Err(not_hearth("it was not written by Hearth".into()));
    }
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::Conflict(format!(
            "{} was written by a newer version of Hearth",
            path.display()
        )));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| not_hearth(e.to_string()))?;
    if integrity != "ok" {
        return Err(not_hearth(format!("integrity check failed: {integrity}")));
    }
    Ok(())
}

/// The backups in `dir`, newest first. A missing folder is an empty list.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Io(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut backups = Vec::new();
    for entry in entries {
        if let Some(info) = info(&entry?.path())? {
            backups.push(info);
        }
    }
    backups.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    Ok(backups)
}

/// Resolves a backup's file name inside `dir`, refusing anything that is not a plain name
/// of a listed backup (so no path can reach outside the folder).
pub fn path_of(dir: &Path, file_name: &str) -> Result<PathBuf> {
    if parse_name(file_name).is_none() || file_name.contains(['/', '\\']) {
        return Err(Error::invalid(
            "fileName",
            Rule::InvalidFormat,
            format!("{file_name:?} is not the name of a Hearth backup"),
        ));
    }
    let path = dir.join(file_name);
    if !path.is_file() {
        return Err(Error::NotFound(format!("no backup named {file_name}")));
    }
    Ok(path)
}

/// Replaces the open database's content with the backup at `source`. The current state is
/// backed up first, so a restore can itself be undone by restoring that backup.
pub fn restore(db: &mut Db, source: &Path, dir: &Path) -> Result<()> {
    verify(source)?;
    let current = db.revision()?;
    if list(dir)?.first().is_none_or(|b| b.revision != current) {
        create(db, dir)?;
    }
    let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // One step copies every page inside one write transaction: a restore happens whole or not at all.
    Backup::new(&src, db.connection_mut())?.step(-1)?;
    drop(src);
    db.migrate()?;
    db.connection_mut()
        .pragma_update(None, "journal_mode", "WAL")?;
    Ok(())
}

fn info(path: &Path) -> Result<Option<BackupInfo>> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(None);
    };
    let Some((created_at, revision)) = parse_name(name) else {
        return Ok(None);
    };
    Ok(Some(BackupInfo {
        file_name: name.to_string(),
        created_at,
        size_bytes: std::fs::metadata(path)?.len(),
        revision,
    }))
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, i64)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (time, rev) = stem.rsplit_once("-r")?;
    let time = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((time.and_utc(), rev.parse().ok()?))
}

/// Drops the backups the rotation no longer needs. Runs only after a new backup passed its
/// check, so there is always a verified backup newer than anything removed.
fn rotate(dir: &Path, now: DateTime<Utc>) -> Result<()> {
    let backups = list(dir)?;
    let keep = to_keep(&backups, now);
    for backup in backups.iter().filter(|b| !keep.contains(&b.file_name)) {
        std::fs::remove_file(dir.join(&backup.file_name))?;
    }
    Ok(())
}

/// Which backups to keep from a newest-first list: the newest few, the newest of each of
/// the last days, weeks and months.
fn to_keep(newest_first: &[BackupInfo], now: DateTime<Utc>) -> HashSet<String> {
    let mut keep: HashSet<String> = newest_first
        .iter()
        .take(KEEP_RECENT)
        .map(|b| b.file_name.clone())
        .collect();
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    let mut months = HashSet::new();
    let today = now.date_naive();
    for b in newest_first {
        let date = b.created_at.date_naive();
        let age_days = (today - date).num_days();
        let months_ago =
            (today.year() - date.year()) * 12 + today.month() as i32 - date.month() as i32;
        let newest_of = |seen: &mut HashSet<(i32, u32)>, key| seen.insert(key);
        let daily = age_days < KEEP_DAILY && newest_of(&mut days, (date.year(), date.ordinal()));
        let week = date.iso_week();
        let weekly =
            age_days < KEEP_WEEKLY * 7 && newest_of(&mut weeks, (week.year(), week.week()));
        let monthly =
            months_ago < KEEP_MONTHLY && newest_of(&mut months, (date.year(), date.month()));
        if daily || weekly || monthly {
            keep.insert(b.file_name.clone());
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use chrono::{TimeZone, Timelike};

    fn backup_at(y: i32, m: u32, d: u32, h: u32, rev: i64) -> BackupInfo {
        let created_at = Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
        BackupInfo {
            file_name: format!("{PREFIX}{}-r{rev}{SUFFIX}", created_at.format(TIME_FORMAT)),
            created_at,
            size_bytes: 1,
            revision: rev,
        }
    }

    #[test]
    fn names_round_trip() {
        let b = backup_at(2026, 11, 25, 23, 42);
        assert_eq!(parse_name(&b.file_name), Some((b.created_at, 42)));
        assert_eq!(parse_name("hearth-garbage.sqlite3"), None);
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn rotation_keeps_recent_daily_weekly_monthly() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        // Four a day for 400 days, newest first.
        let mut all = Vec::new();
        let mut rev = 10_000;
        for day in 0..400 {
            for hour in [20, 14, 8, 2] {
                let t = now - chrono::Duration::days(day) - chrono::Duration::hours(24 - hour);
                all.push(backup_at(t.year(), t.month(), t.day(), t.hour(), rev));
                rev -= 1;
            }
        }
        let keep = to_keep(&all, now);
        assert!(
            keep.contains(&all[0].file_name),
            "the newest is always kept"
        );
        assert!(keep.contains(&all[2].file_name), "the newest few are kept");
        // 3 recent + ~7 daily + ~5 weekly + 12 monthly, with overlaps: a bounded set.
        assert!(keep.len() <= 3 + 7 + 5 + 12, "kept {}", keep.len());
        assert!(keep.len() >= 12, "kept {}", keep.len());
        let oldest_kept = all.iter().rfind(|b| keep.contains(&b.file_name)).unwrap();
        assert!(
            (now - oldest_kept.created_at).num_days() > 300,
            "a backup about a year old survives"
        );
        assert!(
            (now - oldest_kept.created_at).num_days() < 400,
            "nothing older than a year survives"
        );
    }

    #[test]
    fn backup_is_verified_listed_and_skipped_when_unchanged() {
        let mut t = temp_db();
        t.db.write(|tx| Ok(tx.execute("INSERT INTO settings VALUES ('k', 'v')", [])?))
            .unwrap();
        let dir = t.dir.path().join("backups");
        let first = create_if_changed(t.db.path(), &dir)
            .unwrap()
            .expect("data changed");
        verify(&dir.join(&first.file_name)).unwrap();
        assert!(!dir.join(format!("{}-wal", first.file_name)).exists());
        assert_eq!(
            create_if_changed(t.db.path(), &dir).unwrap(),
            None,
            "nothing changed"
        );
        t.db.write(|tx| Ok(tx.execute("UPDATE settings SET value = 'w'", [])?))
            .unwrap();
        assert!(create_if_changed(t.db.path(), &dir).unwrap().is_some());
        assert_eq!(list(&dir).unwrap().len(), 2);
    }

    #[test]
    fn restore_brings_back_the_old_data_and_keeps_the_current_as_a_backup() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        t.db.write(|tx| Ok(tx.execute("INSERT INTO settings VALUES ('k', 'old')", [])?))
            .unwrap();
        let old = create(&t.db, &dir).unwrap();
        t.db.write(|tx| Ok(tx.execute("UPDATE settings SET value = 'new'", [])?))
            .unwrap();
        restore(&mut t.db, &dir.join(&old.file_name), &dir).unwrap();
        let value: String =
            t.db.read(|c| Ok(c.query_row("SELECT value FROM settings", [], |r| r.get(0))?))
                .unwrap();
        assert_eq!(value, "old");
        assert_eq!(
            list(&dir).unwrap().len(),
            2,
            "the state before the restore was kept"
        );
        assert!(t.db.check().unwrap().ok);
    }

    #[test]
    fn restore_refuses_a_file_that_is_not_a_hearth_backup_and_changes_nothing() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        t.db.write(|tx| Ok(tx.execute("INSERT INTO settings VALUES ('k', 'kept')", [])?))
            .unwrap();
        let junk = t.dir.path().join("junk.sqlite3");
        std::fs::write(&junk, vec![7u8; 8192]).unwrap();
        let err = restore(&mut t.db, &junk, &dir).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        let value: String =
            t.db.read(|c| Ok(c.query_row("SELECT value FROM settings", [], |r| r.get(0))?))
                .unwrap();
        assert_eq!(value, "kept");
        assert!(list(&dir).unwrap().is_empty(), "nothing was written");
    }

    #[test]
    fn path_of_refuses_names_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            path_of(dir.path(), "../hearth.sqlite3").unwrap_err().code(),
            "invalid_input"
        );
        let name = backup_at(2026, 1, 1, 0, 1).file_name;
        assert_eq!(path_of(dir.path(), &name).unwrap_err().code(), "not_found");
    }
}
