//! Backups through SQLite's online backup API, into `backups/` beside the database, and
//! restores from them.
//!
//! A backup is read through a read-only connection of its own, so the app and other
//! commands keep writing while it runs (WAL). It is written under a work name, checked
//! (see `check`: Hearth's id, integrity, references and the exact schema), and only then
//! given its real name; only after that are older backups rotated away. The file name
//! carries the time and the data revision, so the list needs no index file and a backup
//! is skipped when the newest one already holds the same revision.
//!
//! A restore checks the whole candidate, copies it to a work file and upgrades the copy,
//! then, under the database's write lock, backs up the current data and swaps the copy's
//! content in, in one transaction: no write can fall between the two, and a refused or
//! failed restore leaves the data as it was.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use super::check::{self, open_read_only};
use super::work_file::WorkFile;
use super::{migrations, revision, Db, SCHEMA_VERSION};
use crate::error::{Error, Result, Rule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub created_at: DateTime<Utc>,
    pub size_bytes: u64,
    pub revision: i64,
    /// Taken just before a restore replaced the data: the one copy of what was replaced.
    pub before_restore: bool,
    /// What it holds, read from the file itself, so a person can tell backups apart by
    /// their data rather than their size. Null when the file could not be read.
    pub contents: Option<BackupContents>,
}

/// What a backup holds, in an organizer's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupContents {
    /// The communities' names, oldest first.
    pub communities: Vec<String>,
    /// Plan tasks, across all its communities.
    pub task_count: u32,
}

const PREFIX: &str = "hearth-";
const SUFFIX: &str = ".sqlite3";
const BEFORE_RESTORE: &str = "-before-restore";
const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%S%.3fZ";

/// How many backups survive rotation: the most recent few, then one a day, a week, a month.
const KEEP_RECENT: usize = 3;
const KEEP_DAILY: i64 = 7;
const KEEP_WEEKLY: i64 = 5;
const KEEP_MONTHLY: i32 = 12;

/// Backs up the open database now (through a connection of its own).
pub fn create(db: &Db, dir: &Path) -> Result<BackupInfo> {
    create_from_file(db.path(), dir)
}

/// Backs up the database file at `db_path` through a read-only connection of its own, so
/// it runs beside the app's connection without holding it up.
pub fn create_from_file(db_path: &Path, dir: &Path) -> Result<BackupInfo> {
    let conn = open_read_only(db_path)?;
    let info = write_backup(&conn, dir, Utc::now(), false)?;
    rotate(dir, Utc::now(), &[])?;
    Ok(info)
}

/// Backs up `db_path` only when its data changed since the newest backup.
pub fn create_if_changed(db_path: &Path, dir: &Path) -> Result<Option<BackupInfo>> {
    let conn = open_read_only(db_path)?;
    if already_backed_up(&conn, dir)? {
        return Ok(None);
    }
    let info = write_backup(&conn, dir, Utc::now(), false)?;
    rotate(dir, Utc::now(), &[])?;
    Ok(Some(info))
}

/// Backs up the database at `db_path` to `dest`, any path (`hearth backup --out FILE`).
pub fn create_at(db_path: &Path, dest: &Path) -> Result<()> {
    let conn = open_read_only(db_path)?;
    copy_verified(&conn, dest)
}

/// True when the newest backup holds exactly what `conn` holds. Revisions are never
/// reused (see `Db`), so the same number means the same data; an untouched new database
/// starts at the newest backup's revision and so needs none.
fn already_backed_up(conn: &Connection, dir: &Path) -> Result<bool> {
    let current = revision(conn)?;
    Ok(current == 0 || scan(dir)?.first().is_some_and(|b| b.revision == current))
}

/// The highest revision among the backups in `dir` (0 when there are none): a new
/// database starts there, so its revisions never repeat one a backup carries.
pub fn newest_revision(dir: &Path) -> Result<i64> {
    Ok(scan(dir)?.iter().map(|b| b.revision).max().unwrap_or(0))
}

fn write_backup(
    src: &Connection,
    dir: &Path,
    now: DateTime<Utc>,
    before_restore: bool,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    let rev = revision(src)?;
    let kind = if before_restore { BEFORE_RESTORE } else { "" };
    let file_name = format!("{PREFIX}{}-r{rev}{kind}{SUFFIX}", now.format(TIME_FORMAT));
    let path = dir.join(&file_name);
    copy_verified(src, &path)?;
    let mut info = info(&path)?
        .ok_or_else(|| Error::Internal("the new backup has an unexpected name".into()))?;
    info.contents = contents(&path).ok();
    Ok(info)
}

/// Copies `src` to `dest` through a work file that must pass `verify` before it takes
/// `dest`'s name, so `dest` is never a half-written backup. One step copies every page
/// under one read transaction, so the copy is one consistent moment of the data.
fn copy_verified(src: &Connection, dest: &Path) -> Result<()> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let stem = dest
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("backup");
    let work = WorkFile::create(dir, stem)?;
    let mut dst = Connection::open(work.path())?;
    Backup::new(src, &mut dst)?.step(-1)?;
    // A backup is a plain file to copy around: no -wal or -shm beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| Error::from(e))?;
    verify(work.path())?;
    work.rename_to(dest)
}

/// Checks that `path` is a whole Hearth database this build can open: Hearth's id, a
/// schema version no newer than this build's, integrity, references, and a schema that
/// is exactly what Hearth's migrations make for that version.
pub fn verify(path: &Path) -> Result<()> {
    let not_usable = |why: String| Error::InvalidInput {
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
    let conn = open_read_only(path).map_err(|e| not_usable(e.to_string()))?;
    let version = migrations::version(&conn).map_err(|e| not_usable(e.to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(Error::Conflict(format!(
            "{} was written by a newer version of Hearth",
            path.display()
        )));
    }
    let report = check::run(&conn).map_err(|e| not_usable(e.to_string()))?;
    if let Some(problem) = report.problem() {
        return Err(not_usable(problem));
    }
    revision(&conn).map_err(|e| not_usable(e.to_string()))?;
    Ok(())
}

/// The backups in `dir`, newest first, each with what it holds. A missing folder is an
/// empty list; anything in it that is not a backup file (a folder, a stray file) is passed
/// over; a backup whose contents cannot be read is listed without them, never failing the
/// list (it is the one a person most needs to see).
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut backups = scan(dir)?;
    for backup in &mut backups {
        backup.contents = contents(&dir.join(&backup.file_name)).ok();
    }
    Ok(backups)
}

/// What the backup at `path` holds, through a read-only connection of its own. Two small
/// queries, no check: the list stays quick with a year of backups in it.
fn contents(path: &Path) -> Result<BackupContents> {
    let conn = open_read_only(path)?;
    let mut names = conn.prepare("SELECT name FROM communities ORDER BY id")?;
    let communities = names
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let task_count = conn.query_row("SELECT count(*) FROM plan_tasks", [], |r| r.get(0))?;
    Ok(BackupContents {
        communities,
        task_count,
    })
}

/// The backups in `dir`, newest first, as their names describe them (contents not read):
/// what rotation and revision numbering need.
fn scan(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Io(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        if let Some(info) = info(&entry.path())? {
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

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The backup of the data the restore replaced (none when the newest backup already
    /// held exactly that data).
    pub before_restore: Option<BackupInfo>,
    /// The revision the restored data now carries: above every earlier one.
    pub revision: i64,
}

/// Replaces the open database's content with the backup at `source`; see the module note.
pub fn restore(db: &mut Db, source: &Path, dir: &Path) -> Result<Restored> {
    verify(source)?;
    let data_dir = db.path().parent().unwrap_or(Path::new(".")).to_path_buf();
    let (staged, staged_revision) = stage(source, &data_dir)?;
    let db_path = db.path().to_path_buf();
    let conn = db.connection_mut();
    conn.execute(
        "ATTACH DATABASE ?1 AS restored",
        [staged.path().to_string_lossy()],
    )?;
    let swapped = (|| -> Result<Restored> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // From here on no other connection can commit: the backup below is of the very
        // data the swap replaces.
        let live_revision = revision(&tx)?;
        let before_restore = if already_backed_up(&tx, dir)? {
            None
        } else {
            let reader = open_read_only(&db_path)?;
            Some(write_backup(&reader, dir, Utc::now(), true)?)
        };
        let tables: Vec<String> = tx
            .prepare(
                "SELECT name FROM main.sqlite_schema
                 WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for table in &tables {
            tx.execute(&format!("DELETE FROM main.\"{table}\""), [])?;
        }
        for table in &tables {
            tx.execute(
                &format!("INSERT INTO main.\"{table}\" SELECT * FROM restored.\"{table}\""),
                [],
            )?;
        }
        let new_revision = live_revision
            .max(staged_revision)
            .max(newest_revision(dir)?)
            + 1;
        tx.execute(
            "UPDATE main.meta SET value = ?1 WHERE key = 'revision'",
            [new_revision.to_string()],
        )?;
        tx.commit()?;
        Ok(Restored {
            before_restore,
            revision: new_revision,
        })
    })();
    let _ = conn.execute("DETACH DATABASE restored", []);
    drop(staged);
    let restored = swapped?;
    // The restore is done; a rotation that fails now is retried at the next backup.
    let mut keep = vec![source.to_path_buf()];
    keep.extend(
        restored
            .before_restore
            .iter()
            .map(|b| dir.join(&b.file_name)),
    );
    let _ = rotate(dir, Utc::now(), &keep);
    Ok(restored)
}

/// Copies the candidate to a work file beside the database and upgrades the copy (never
/// the original, never the live file); the copy must then pass the full check.
fn stage(source: &Path, data_dir: &Path) -> Result<(WorkFile, i64)> {
    let work = WorkFile::create(data_dir, "hearth.sqlite3.restore")?;
    let src = open_read_only(source)?;
    let mut copy = Connection::open(work.path())?;
    Backup::new(&src, &mut copy)?.step(-1)?;
    drop(src);
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    migrations::upgrade(&mut copy).map_err(|e| {
        Error::invalid(
            "fileName",
            Rule::InvalidFormat,
            format!(
                "{} could not be upgraded to this Hearth's schema: {e}",
                source.display()
            ),
        )
    })?;
    let report = check::run(&copy)?;
    if let Some(problem) = report.problem().or_else(|| {
        report
            .needs_upgrade
            .then(|| "its schema was not upgraded".to_string())
    }) {
        return Err(Error::invalid(
            "fileName",
            Rule::InvalidFormat,
            format!("{} cannot be restored: {problem}", source.display()),
        ));
    }
    let staged_revision = revision(&copy)?;
    copy.close().map_err(|(_, e)| Error::from(e))?;
    Ok((work, staged_revision))
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
        before_restore: name.ends_with(&format!("{BEFORE_RESTORE}{SUFFIX}")),
        contents: None,
    }))
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, i64)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stem = stem.strip_suffix(BEFORE_RESTORE).unwrap_or(stem);
    let (time, rev) = stem.rsplit_once("-r")?;
    let time = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((time.and_utc(), rev.parse().ok()?))
}

/// Drops the backups the rotation no longer needs, never one of `protect`. Runs only after
/// a new backup passed its check, so there is always a verified backup newer than
/// anything removed.
fn rotate(dir: &Path, now: DateTime<Utc>, protect: &[PathBuf]) -> Result<()> {
    let backups = scan(dir)?;
    let mut keep = to_keep(&backups, now);
    keep.extend(
        protect
            .iter()
            .filter(|p| p.parent() == Some(dir))
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string)),
    );
    for backup in backups.iter().filter(|b| !keep.contains(&b.file_name)) {
        std::fs::remove_file(dir.join(&backup.file_name))?;
    }
    Ok(())
}

/// Which backups to keep from a newest-first list: the newest few, the newest of each of
/// the last days, weeks and months, and every backup taken before a restore for a year
/// (it may be the only copy of what the restore replaced).
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
        let before_restore = b.before_restore && months_ago < KEEP_MONTHLY;
        if daily || weekly || monthly || before_restore {
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
            before_restore: false,
            contents: None,
        }
    }

    fn set(db: &mut Db, key: &str, value: &str) {
        db.write(|w| {
            w.execute(
                "INSERT INTO settings VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
        })
        .unwrap();
    }

    fn get(conn: &Connection, key: &str) -> Option<String> {
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
    }

    fn keys_in(path: &Path) -> Vec<String> {
        let conn = open_read_only(path).unwrap();
        let mut stmt = conn
            .prepare("SELECT key FROM settings ORDER BY key")
            .unwrap();
        let keys = stmt.query_map([], |r| r.get(0)).unwrap();
        keys.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn names_round_trip() {
        let b = backup_at(2026, 11, 25, 23, 42);
        assert_eq!(parse_name(&b.file_name), Some((b.created_at, 42)));
        let before = b
            .file_name
            .replace(SUFFIX, &format!("{BEFORE_RESTORE}{SUFFIX}"));
        assert_eq!(parse_name(&before), Some((b.created_at, 42)));
        assert_eq!(parse_name("hearth-garbage.sqlite3"), None);
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn rotation_keeps_each_tier() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 21, 0, 0).unwrap();
        // Four a day for 400 days, newest first; every 50th was taken before a restore.
        let mut all = Vec::new();
        let mut rev = 10_000;
        for day in 0..400 {
            for hour in [20, 14, 8, 2] {
                let t = now - chrono::Duration::days(day) - chrono::Duration::hours(21 - hour);
                let mut b = backup_at(t.year(), t.month(), t.day(), t.hour(), rev);
                b.before_restore = rev % 50 == 0;
                all.push(b);
                rev -= 1;
            }
        }
        let keep = to_keep(&all, now);
        let kept = |b: &BackupInfo| keep.contains(&b.file_name);
        let age = |b: &BackupInfo| (now.date_naive() - b.created_at.date_naive()).num_days();
        let newest_where = |f: &dyn Fn(&BackupInfo) -> bool| all.iter().find(|b| f(b)).cloned();

        // Recent: the three newest, whatever their day.
        assert!(all[..3].iter().all(kept), "the newest three");
        // Daily: the newest of each of the last seven days, and only that one before today.
        for d in 0..7 {
            let newest = newest_where(&|b| age(b) == d).unwrap();
            assert!(kept(&newest), "the newest of day -{d}");
            if d > 0 {
                let that_day: Vec<_> = all
                    .iter()
                    .filter(|b| age(b) == d && kept(b) && !b.before_restore)
                    .collect();
                assert_eq!(that_day.len(), 1, "one for day -{d}");
            }
        }
        // Weekly: the newest of each ISO week that began within five weeks.
        let week_of = |b: &BackupInfo| {
            let w = b.created_at.date_naive().iso_week();
            (w.year(), w.week())
        };
        for b in all.iter().filter(|b| age(b) < 35) {
            let newest = newest_where(&|x| week_of(x) == week_of(b)).unwrap();
            assert!(kept(&newest), "the newest of week {:?}", week_of(b));
        }
        // Monthly: the newest of each of the last twelve months, nothing older.
        let month_of = |b: &BackupInfo| (b.created_at.year(), b.created_at.month());
        let mut months: Vec<_> = all.iter().map(month_of).collect();
        months.dedup();
        for (i, month) in months.iter().enumerate() {
            let newest = newest_where(&|x| month_of(x) == *month).unwrap();
            assert_eq!(
                kept(&newest),
                i < 12,
                "the newest of {month:?}, {i} months ago"
            );
        }
        // Older than the daily and weekly tiers, only monthly ones (and pre-restore ones) stay.
        for b in all.iter().filter(|b| age(b) >= 35 && kept(b)) {
            let newest_of_month = newest_where(&|x| month_of(x) == month_of(b)).unwrap();
            assert!(
                b.before_restore || newest_of_month == *b,
                "{} is neither monthly nor before a restore",
                b.file_name
            );
        }
        // Before a restore: every one of the last twelve months, none older.
        for b in all.iter().filter(|b| b.before_restore) {
            let months_ago = (now.year() - b.created_at.year()) * 12 + now.month() as i32
                - b.created_at.month() as i32;
            assert_eq!(kept(b), months_ago < 12, "{}", b.file_name);
        }
    }

    #[test]
    fn backup_is_verified_listed_and_skipped_when_unchanged() {
        let mut t = temp_db();
        set(&mut t.db, "k", "v");
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
        set(&mut t.db, "k", "w");
        assert!(create_if_changed(t.db.path(), &dir).unwrap().is_some());
        assert_eq!(list(&dir).unwrap().len(), 2);
    }

    #[test]
    fn restore_brings_back_the_old_data_and_keeps_the_current_as_a_backup() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        set(&mut t.db, "k", "old");
        let old = create(&t.db, &dir).unwrap();
        set(&mut t.db, "k", "new");
        let restored = restore(&mut t.db, &dir.join(&old.file_name), &dir).unwrap();
        assert_eq!(get(t.db.raw(), "k").as_deref(), Some("old"));
        let before = restored
            .before_restore
            .expect("the replaced data was backed up");
        assert!(before.before_restore);
        assert_eq!(list(&dir).unwrap().len(), 2);
        let kept = open_read_only(&dir.join(&before.file_name)).unwrap();
        assert_eq!(get(&kept, "k").as_deref(), Some("new"));
        assert!(t.db.check().unwrap().ok);
        assert!(
            restored.revision > before.revision,
            "the revision moved forward"
        );
    }

    /// Item 1 of the data-safety issue: the backup being restored was rotated away by the
    /// backup taken before the restore.
    #[test]
    fn restoring_the_oldest_backup_in_the_folder_keeps_it_and_works() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        for name in ["B1", "B2", "B3"] {
            set(&mut t.db, name, "x");
            create(&t.db, &dir).unwrap();
        }
        set(&mut t.db, "B4", "x");
        let oldest = list(&dir).unwrap().pop().unwrap();
        let source = dir.join(&oldest.file_name);
        restore(&mut t.db, &source, &dir).unwrap();
        assert!(source.is_file(), "the restored backup is still there");
        assert_eq!(
            keys_in(t.db.path()),
            ["B1"],
            "the data of the oldest backup"
        );
        let before = list(&dir)
            .unwrap()
            .into_iter()
            .find(|b| b.before_restore)
            .unwrap();
        assert_eq!(
            keys_in(&dir.join(before.file_name)),
            ["B1", "B2", "B3", "B4"]
        );
    }

    /// Item 2: after a restore, later writes reused revision numbers that an older backup
    /// carried, so the next restore skipped its safety backup and lost them.
    #[test]
    fn revisions_never_repeat_so_no_safety_backup_is_skipped() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        set(&mut t.db, "A", "x");
        let r1 = t.dir.path().join("r1.sqlite3");
        create_at(t.db.path(), &r1).unwrap();
        for name in ["B", "C", "D", "E"] {
            set(&mut t.db, name, "x");
        }
        create(&t.db, &dir).unwrap();
        let mut seen = vec![t.db.revision().unwrap()];
        restore(&mut t.db, &r1, &dir).unwrap();
        seen.push(t.db.revision().unwrap());
        for name in ["F", "G", "H", "I"] {
            set(&mut t.db, name, "x");
            seen.push(t.db.revision().unwrap());
        }
        restore(&mut t.db, &r1, &dir).unwrap();
        seen.push(t.db.revision().unwrap());
        assert!(
            seen.windows(2).all(|w| w[0] < w[1]),
            "revisions only grow: {seen:?}"
        );
        let holding_f_to_i = list(&dir)
            .unwrap()
            .into_iter()
            .filter(|b| keys_in(&dir.join(&b.file_name)).contains(&"I".to_string()))
            .count();
        assert_eq!(holding_f_to_i, 1, "F to I are kept in a backup");
        let names: HashSet<i64> = list(&dir).unwrap().iter().map(|b| b.revision).collect();
        assert_eq!(
            names.len(),
            list(&dir).unwrap().len(),
            "no two backups share a revision"
        );
    }

    fn tampered(t: &crate::db::testing::TempDb, sql: &str) -> PathBuf {
        let path = t.dir.path().join("tampered.sqlite3");
        let _ = std::fs::remove_file(&path);
        create_at(t.db.path(), &path).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        path
    }

    /// Items 5 and 6: a backup with a trigger, without `meta`, with a view for a table, or
    /// claiming an older version whose tables do not match, is refused and changes nothing.
    #[test]
    fn restore_refuses_tampered_backups_and_changes_nothing() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        set(&mut t.db, "k", "kept");
        for sql in [
            "CREATE TRIGGER eat AFTER INSERT ON communities BEGIN DELETE FROM communities; END;",
            "DROP TABLE meta;",
            "DROP TABLE platforms; CREATE VIEW platforms AS SELECT 1 AS id;",
            "PRAGMA user_version = 1;",
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'value TEXT NOT NULL', 'value ANY') WHERE name = 'settings';",
        ] {
            let bad = tampered(&t, sql);
            let revision = t.db.revision().unwrap();
            let err = restore(&mut t.db, &bad, &dir).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{sql}: {err}");
            assert_eq!(get(t.db.raw(), "k").as_deref(), Some("kept"));
            assert_eq!(t.db.revision().unwrap(), revision, "{sql}: nothing written");
            assert!(list(&dir).unwrap().is_empty(), "{sql}: no backup taken");
            assert!(t.db.check().unwrap().ok);
        }
        let leftovers: Vec<_> = std::fs::read_dir(t.dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.contains(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn restore_refuses_a_file_that_is_not_a_hearth_backup_and_changes_nothing() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        set(&mut t.db, "k", "kept");
        let junk = t.dir.path().join("junk.sqlite3");
        std::fs::write(&junk, vec![7u8; 8192]).unwrap();
        let err = restore(&mut t.db, &junk, &dir).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(get(t.db.raw(), "k").as_deref(), Some("kept"));
        assert!(list(&dir).unwrap().is_empty(), "nothing was written");
    }

    /// Item 7: a write confirmed while a restore runs is in the result or in the backup
    /// taken before the restore, never in neither.
    #[test]
    fn writes_racing_a_restore_are_never_lost() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        use std::time::{Duration, Instant};
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        set(&mut t.db, "start", "x");
        let old = t.dir.path().join("old.sqlite3");
        create_at(t.db.path(), &old).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicUsize::new(0));
        let path = t.db.path().to_path_buf();
        let writer = {
            let (stop, written) = (stop.clone(), written.clone());
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                let mut confirmed = Vec::new();
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let key = format!("w{i:05}");
                    let ok =
                        db.write(|w| w.execute("INSERT INTO settings VALUES (?1, 'x')", [&key]));
                    if ok.is_ok() {
                        confirmed.push(key);
                        written.fetch_add(1, Ordering::SeqCst);
                    }
                    // A pause between writes, as between a person's edits: a writer that
                    // never lets go of the lock would starve any other, restore or not.
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                confirmed
            })
        };
        // Counted writes rather than fixed pauses: on a loaded machine the writer may not run
        // for a while, and the test is about what it confirmed, not how fast.
        let wait_for_writes = |count: usize| {
            let deadline = Instant::now() + Duration::from_secs(30);
            while written.load(Ordering::SeqCst) < count {
                assert!(Instant::now() < deadline, "the writer stalled");
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        wait_for_writes(5);
        let restored = restore(&mut t.db, &old, &dir).unwrap();
        wait_for_writes(written.load(Ordering::SeqCst) + 5);
        stop.store(true, Ordering::Relaxed);
        let confirmed = writer.join().unwrap();
        assert!(
            confirmed.len() >= 10,
            "the writer wrote: {}",
            confirmed.len()
        );
        let live: HashSet<String> = keys_in(t.db.path()).into_iter().collect();
        let before = restored
            .before_restore
            .expect("the replaced data was backed up");
        let backed_up: HashSet<String> = keys_in(&dir.join(before.file_name)).into_iter().collect();
        let lost: Vec<_> = confirmed
            .iter()
            .filter(|k| !live.contains(*k) && !backed_up.contains(*k))
            .collect();
        assert!(
            lost.is_empty(),
            "lost {} confirmed writes: {lost:?}",
            lost.len()
        );
        assert!(
            confirmed.iter().any(|k| live.contains(k)),
            "writes went on after the restore"
        );
        assert!(
            confirmed.iter().any(|k| backed_up.contains(k)),
            "writes came before it"
        );
    }

    /// Item 14: a folder named like a backup made every backup fail.
    #[test]
    fn a_folder_named_like_a_backup_is_passed_over() {
        let t = temp_db();
        let dir = t.dir.path().join("backups");
        std::fs::create_dir_all(dir.join(backup_at(2020, 1, 1, 0, 1).file_name)).unwrap();
        create(&t.db, &dir).unwrap();
        assert_eq!(list(&dir).unwrap().len(), 1);
    }

    /// Item 8: what a killed backup left is removed by the next one (the start-up sweeps too).
    #[test]
    fn leftovers_of_a_killed_backup_are_swept() {
        let t = temp_db();
        let dir = t.dir.path().join("backups");
        std::fs::create_dir_all(&dir).unwrap();
        let leftover = dir.join("hearth-2026-01-01T00-00-00.000Z-r1.sqlite3.4242-0.partial");
        std::fs::write(&leftover, vec![0u8; 4096]).unwrap();
        std::fs::write(format!("{}-journal", leftover.display()), b"j").unwrap();
        crate::db::startup::open(t.dir.path()).unwrap();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }

    #[test]
    fn the_list_says_what_each_backup_holds_and_survives_one_it_cannot_read() {
        let mut t = temp_db();
        let dir = t.dir.path().join("backups");
        crate::db::testing::community(&mut t.db, "Rust Meetup", "en");
        let one = create(&t.db, &dir).unwrap();
        let holds_one = one
            .contents
            .clone()
            .expect("a new backup says what it holds");
        assert_eq!(holds_one.communities, ["Rust Meetup"]);
        assert!(holds_one.task_count > 0, "the template's tasks");
        crate::db::testing::community(&mut t.db, "Guild", "ru");
        create(&t.db, &dir).unwrap();
        // A file named like a backup that is not one: listed, with nothing to say about it.
        let junk = backup_at(2020, 1, 1, 0, 1).file_name;
        std::fs::write(dir.join(&junk), vec![7u8; 8192]).unwrap();

        let listed = list(&dir).unwrap();
        assert_eq!(listed.len(), 3);
        let newest = listed[0].contents.clone().expect("readable");
        assert_eq!(newest.communities, ["Rust Meetup", "Guild"]);
        assert_eq!(
            newest.task_count,
            holds_one.task_count * 2,
            "both templates"
        );
        assert_eq!(listed[1].contents, Some(holds_one));
        assert_eq!(listed[2].file_name, junk);
        assert_eq!(listed[2].contents, None, "could not be read, still listed");
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
