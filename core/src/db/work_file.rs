//! Files being written: a backup before its check, a restore being staged, a new database
//! being built. Each is named `*.partial` and held under an advisory lock (`flock`) for as
//! long as its writer lives, so that a sweep can tell the leftovers of a killed writer
//! (unlocked) from another process's work in progress (locked) and remove only the first.
//!
//! The lock is `flock`, not SQLite's POSIX locks: the two never interfere, and closing our
//! handle does not drop a lock SQLite holds on the same file.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

const SUFFIX: &str = ".partial";
/// Files SQLite may keep beside a database while it writes it.
const SIDECARS: [&str; 3] = ["-journal", "-wal", "-shm"];

pub(crate) struct WorkFile {
    path: PathBuf,
    /// Held open (and locked) until the file is renamed into place or removed.
    lock: Option<File>,
}

impl WorkFile {
    /// Creates a new, empty, locked work file in `dir`, named after `stem`.
    pub fn create(dir: &Path, stem: &str) -> Result<WorkFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("{stem}.{}-{n}{SUFFIX}", std::process::id()));
            let file = match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::Io(format!("cannot write {}: {e}", path.display()))),
            };
            file.lock()
                .map_err(|e| Error::Io(format!("cannot lock {}: {e}", path.display())))?;
            // A sweep may have taken this file for a leftover between its creation and our
            // lock, and removed it; then the name no longer leads to our file: take another.
            if same_file(&path, &file) {
                return Ok(WorkFile {
                    path,
                    lock: Some(file),
                });
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the finished file the name `dest`, replacing whatever had it.
    pub fn rename_to(mut self, dest: &Path) -> Result<()> {
        std::fs::rename(&self.path, dest)
            .map_err(|e| Error::Io(format!("cannot write {}: {e}", dest.display())))?;
        sync_parent(dest);
        self.lock = None;
        Ok(())
    }

    /// Gives the finished file the name `dest` only if nothing has that name yet; returns
    /// false (and removes the work file) when something had it first.
    pub fn link_to(self, dest: &Path) -> Result<bool> {
        match link_no_replace(&self.path, dest) {
            Ok(linked) => {
                if linked {
                    sync_parent(dest);
                }
                Ok(linked)
            }
            Err(e) => Err(Error::Io(format!("cannot create {}: {e}", dest.display()))),
        }
        // Dropping `self` removes the work name; a linked file lives on under `dest`.
    }
}

impl Drop for WorkFile {
    fn drop(&mut self) {
        remove_with_sidecars(&self.path);
    }
}

/// Removes the work files in `dir` whose writers are gone. Never fails: a leftover that
/// cannot be removed now is tried again at the next sweep.
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(SUFFIX) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let Ok(file) = File::open(&path) else {
                continue;
            };
            match file.try_lock() {
                Ok(()) if same_file(&path, &file) => remove_with_sidecars(&path),
                Ok(()) | Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => {}
            }
        } else if let Some(base) = SIDECARS
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .filter(|base| base.ends_with(SUFFIX))
        {
            // A journal whose work file is already gone belongs to nobody.
            if !dir.join(base).exists() {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Gives `from` the name `to` as well, unless `to` exists; false when it did. A hard link
/// never replaces a file, unlike a rename. On a file system without hard links (FAT on a
/// memory stick) it falls back to a look and a copy: callers hold the data folder's lock,
/// so no other Hearth can come between the two.
pub(crate) fn link_no_replace(from: &Path, to: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) if !to.exists() => std::fs::copy(from, to).map(|_| true),
        Err(_) => Ok(false),
    }
}

fn remove_with_sidecars(path: &Path) {
    let _ = std::fs::remove_file(path);
    for sidecar in SIDECARS {
        let _ = std::fs::remove_file(format!("{}{sidecar}", path.display()));
    }
}

fn same_file(path: &Path, file: &File) -> bool {
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Makes a rename durable: the new name is in the folder even after a power cut.
pub(crate) fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::file_names;

    #[test]
    fn a_sweep_removes_leftovers_but_not_work_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let live = WorkFile::create(dir.path(), "backup").unwrap();
        // A killed writer's file: present, unlocked, with a journal beside it.
        let dead = dir.path().join("backup.1-1.partial");
        std::fs::write(&dead, b"half a backup").unwrap();
        std::fs::write(dir.path().join("backup.1-1.partial-journal"), b"j").unwrap();
        std::fs::write(dir.path().join("orphan.9-9.partial-wal"), b"w").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"not ours").unwrap();

        sweep(dir.path());
        let live_name = live
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut expected = vec!["notes.txt".to_string(), live_name];
        expected.sort();
        assert_eq!(file_names(dir.path()), expected);
        drop(live);
        assert_eq!(
            file_names(dir.path()),
            ["notes.txt"],
            "a dropped work file is removed"
        );
    }

    #[test]
    fn link_to_never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("hearth.sqlite3");
        let first = WorkFile::create(dir.path(), "new").unwrap();
        std::fs::write(first.path(), b"first").unwrap();
        assert!(first.link_to(&dest).unwrap());
        let second = WorkFile::create(dir.path(), "new").unwrap();
        std::fs::write(second.path(), b"second").unwrap();
        assert!(!second.link_to(&dest).unwrap());
        assert_eq!(std::fs::read(&dest).unwrap(), b"first");
        assert_eq!(file_names(dir.path()), ["hearth.sqlite3"]);
    }
}
