//! Running the real `hearth` binary on a data folder, as a script would: no display.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The binary under test: this build's, or `HEARTH_BIN` (to show a test fails on an older one).
pub fn bin() -> std::ffi::OsString {
    std::env::var_os("HEARTH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_hearth").into())
}

pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    cmd
}

pub fn hearth(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the hearth binary runs")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `hearth` and insists on success.
pub fn ok(dir: &Path, args: &[&str]) -> Output {
    let out = hearth(dir, args);
    assert_eq!(code(&out), 0, "hearth {args:?}: {}", stderr(&out));
    out
}

/// The names of the communities in the live database.
pub fn names(dir: &Path) -> Vec<String> {
    let list = json(&ok(dir, &["community", "list", "--json"]));
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

/// The names of the communities in any Hearth database file (a backup, say).
pub fn names_in(file: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM communities ORDER BY id")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.collect::<rusqlite::Result<_>>().unwrap()
}

/// Every backup file in the data folder's backups folder.
pub fn backups(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Spoils a database file the way a failing disk would: the header says SQLite, the pages
/// after it are noise.
pub fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}
