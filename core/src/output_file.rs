//! Files a command writes where the person asks (`--out FILE`): never onto the database,
//! its journal files or the backups folder, and always whole. A file is written under a
//! temporary name beside its destination and renamed into place only when every byte is
//! on disk, so a full disk or a kill leaves the old file (or none), never half a new one.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::data_dir::{BACKUP_DIR, DB_FILE};
use crate::error::{Error, Result, Rule};

/// Refuses `out` when it is (or links to) the database in `data_dir`, one of its journal
/// files, or anything in the backups folder.
pub fn guard(data_dir: &Path, out: &Path) -> Result<()> {
    let refuse = |what: &str| {
        Err(Error::invalid(
            "out",
            Rule::InvalidFormat,
            format!("{} is {what}; write somewhere else", out.display()),
        ))
    };
    if out.as_os_str().is_empty() || out.is_dir() {
        return refuse("a folder, not a file");
    }
    let out_path = resolve(out);
    let data = resolve(data_dir);
    let backups = data.join(BACKUP_DIR);
    if out_path.starts_with(&backups) {
        return refuse("in Hearth's backups folder");
    }
    let protected: Vec<PathBuf> = ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| data.join(format!("{DB_FILE}{suffix}")))
        .collect();
    if protected.contains(&out_path) {
        return refuse("Hearth's database");
    }
    // A hard link has a name of its own but is the same file.
    if let Ok(meta) = std::fs::metadata(out) {
        let same = |p: &PathBuf| {
            std::fs::metadata(p).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        };
        if protected.iter().any(same) {
            return refuse("Hearth's database");
        }
    }
    Ok(())
}

/// The absolute form of `path` with every symbolic link resolved, for the parts that exist.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    resolve_parent(&parent).join(name)
}

fn resolve_parent(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| match path.parent() {
        Some(p) if !p.as_os_str().is_empty() && p != path => {
            resolve_parent(p).join(path.file_name().unwrap_or_default())
        }
        _ => std::env::current_dir().unwrap_or_default().join(path),
    })
}

/// Writes `bytes` to `out` through a temporary file renamed into place.
pub fn write(out: &Path, bytes: &[u8]) -> Result<()> {
    let temp = partial_path(out);
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        file.write_all(bytes)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(cannot_write(out, e));
    }
    put_in_place(&temp, out)
}

/// Where a file for `out` is written before it is whole: beside it (the same disk, so the
/// rename is atomic), hidden, and named for this process. For a writer that is not ours
/// (WebKit printing a PDF), which writes there and hands over to [`put_in_place`].
pub fn partial_path(out: &Path) -> PathBuf {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    dir.join(format!(".{name}.{}.partial", std::process::id()))
}

/// Puts the whole file `partial` (from [`partial_path`]) on disk and in place as `out`; on
/// failure `partial` is removed and `out` is as it was.
pub fn put_in_place(partial: &Path, out: &Path) -> Result<()> {
    let placed = OpenOptions::new()
        .write(true)
        .open(partial)
        .and_then(|file| file.sync_all())
        .and_then(|()| std::fs::rename(partial, out));
    if let Err(e) = placed {
        let _ = std::fs::remove_file(partial);
        return Err(cannot_write(out, e));
    }
    crate::db::sync_parent(out);
    Ok(())
}

fn cannot_write(out: &Path, e: std::io::Error) -> Error {
    Error::Io(format!("cannot write {}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_its_journals_and_backups_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        crate::db::startup::open(&data).unwrap();
        for bad in [
            data.join(DB_FILE),
            data.join(format!("{DB_FILE}-wal")),
            data.join(BACKUP_DIR).join("copy.html"),
            data.join(BACKUP_DIR),
            data.join(BACKUP_DIR).join("../hearth.sqlite3"),
        ] {
            let err = guard(&data, &bad).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{}", bad.display());
        }
        let link = dir.path().join("innocent.html");
        std::os::unix::fs::symlink(data.join(DB_FILE), &link).unwrap();
        assert!(
            guard(&data, &link).is_err(),
            "a symbolic link to the database"
        );
        let hard = dir.path().join("hard.html");
        std::fs::hard_link(data.join(DB_FILE), &hard).unwrap();
        assert!(guard(&data, &hard).is_err(), "a hard link to the database");
        assert!(guard(&data, &dir.path().join("plan.html")).is_ok());
        assert!(guard(&data, &data.join("plan.html")).is_ok());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan.html");
        write(&out, b"old").unwrap();
        write(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        let missing = dir.path().join("no/such/folder/plan.html");
        assert_eq!(write(&missing, b"x").unwrap_err().code(), "io");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
    }
}
