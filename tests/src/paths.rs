//! Where things are: the workspace, cargo's target directory, the binary under test (warning
//! when it is older than the sources it embeds), and the folders screenshots and logs go to.
//! Everything else finds its files through these, so `CARGO_TARGET_DIR` and `HEARTH_BIN` are
//! honoured in one place.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The workspace root (the folder with the workspace Cargo.toml).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` if set, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        None => workspace_root().join("target"),
    }
}

/// The app binary under test: `HEARTH_BIN`, else `<target>/debug/hearth`.
/// Panics with the command to run when it is missing.
pub fn hearth_bin() -> PathBuf {
    let bin = match std::env::var_os("HEARTH_BIN") {
        Some(p) => PathBuf::from(p),
        None => target_dir().join("debug").join("hearth"),
    };
    if !bin.is_file() {
        panic!(
            "the Hearth binary is missing at {}.\n\
             Build it first:  cargo build -p hearth\n\
             (or point HEARTH_BIN at a built binary)",
            bin.display()
        );
    }
    let bin = bin
        .canonicalize()
        .expect("canonicalize the hearth binary path");
    warn_if_stale(&bin);
    bin
}

/// The UI is embedded in the binary: a binary older than the sources tests old code.
fn warn_if_stale(bin: &Path) {
    if std::env::var_os("HEARTH_BIN").is_some() {
        return;
    }
    let Ok(built) = fs::metadata(bin).and_then(|m| m.modified()) else {
        return;
    };
    fn newest(dir: &Path, best: &mut Option<(std::time::SystemTime, PathBuf)>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                newest(&p, best);
            } else if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                if best.as_ref().is_none_or(|(b, _)| t > *b) {
                    *best = Some((t, p));
                }
            }
        }
    }
    let root = workspace_root();
    let mut best = None;
    for dir in ["ui", "core/src", "src-tauri/src"] {
        newest(&root.join(dir), &mut best);
    }
    if let Some((t, p)) = best {
        if t > built {
            eprintln!(
                "[e2e] WARNING: {} is newer than {}: the app under test may be stale; run `cargo build -p hearth`",
                p.display(),
                bin.display()
            );
        }
    }
}

/// Where screenshots go: `<target>/e2e-screens/` (created on demand).
pub fn screens_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screens");
    fs::create_dir_all(&dir).expect("create target/e2e-screens");
    dir
}

/// Where driver/app logs go: `<target>/e2e-logs/` (created on demand).
pub fn logs_dir() -> PathBuf {
    let dir = target_dir().join("e2e-logs");
    fs::create_dir_all(&dir).expect("create target/e2e-logs");
    dir
}

pub(crate) fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

pub(crate) fn tail(path: &Path, lines: usize) -> String {
    let Ok(mut f) = File::open(path) else {
        return String::new();
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = f.seek(SeekFrom::Start(len.saturating_sub(64 * 1024)));
    let mut buf = Vec::new();
    let _ = f.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
