//! Where Hearth keeps its data: `--data-dir`, else `HEARTH_DATA_DIR`, else the XDG data
//! directory (`~/.local/share/hearth`).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const ENV_VAR: &str = "HEARTH_DATA_DIR";
pub const DB_FILE: &str = "hearth.sqlite3";
pub const BACKUP_DIR: &str = "backups";

/// Resolves the data directory from an explicit choice, the environment, or XDG.
pub fn resolve(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("hearth")).ok_or_else(|| {
        Error::Io("no data directory: set HEARTH_DATA_DIR or pass --data-dir".into())
    })
}

/// Makes sure the directory exists and can be written, with a message a person can act on.
pub fn prepare(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir.join(BACKUP_DIR)).map_err(|e| {
        Error::Io(format!(
            "cannot create the data folder {}: {e}",
            dir.display()
        ))
    })?;
    // One probe per process: another process may be probing the same folder.
    let probe = dir.join(format!(".hearth-write-test-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| {
        Error::Io(format!(
            "the data folder {} is not writable: {e}",
            dir.display()
        ))
    })?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}
