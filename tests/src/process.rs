//! Finding and ending the processes a harness started. The app and WebKit's helpers are
//! grandchildren of the driver, so they are found by the `HEARTH_E2E_RUN` marker in their
//! environment (never by name, which would hit a developer's own Hearth), tied to this
//! process's life with `PR_SET_PDEATHSIG`, and reaped here as their subreaper.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

pub(crate) const MARKER_VAR: &str = "HEARTH_E2E_RUN";

/// Ask the kernel to SIGKILL the child if the thread that spawned it dies: a safety net for a
/// test process killed hard, when no Drop runs.
pub(crate) fn die_with_parent(cmd: &mut Command) {
    end_with_parent(cmd, libc::SIGKILL);
}

/// The child gets `signal` when this process dies, however it dies.
pub(crate) fn end_with_parent(cmd: &mut Command, signal: libc::c_int) {
    unsafe {
        cmd.pre_exec(move || {
            libc::prctl(libc::PR_SET_PDEATHSIG, signal);
            Ok(())
        });
    }
}

/// End what an earlier run left behind when it was killed before its Drop could run (a
/// timeout, Ctrl+C): with the e2e lock held no other harness is alive, so every process that
/// still carries a `HEARTH_E2E_RUN` marker is an orphan; its temporary root goes too.
pub(crate) fn sweep_leftovers() {
    let prefix = format!("{MARKER_VAR}=");
    let me = std::process::id() as i32;
    for (pid, dir) in processes() {
        if pid == me || is_zombie(pid) {
            continue;
        }
        let Ok(environ) = fs::read(dir.join("environ")) else {
            continue;
        };
        for kv in environ.split(|b| *b == 0) {
            if let Some(root) = kv.strip_prefix(prefix.as_bytes()) {
                let root = PathBuf::from(String::from_utf8_lossy(root).into_owned());
                eprintln!(
                    "[e2e] ending pid {pid} left over from an earlier run ({})",
                    root.display()
                );
                sigkill(pid);
            }
        }
    }
    // Temporary roots of earlier runs, unless kept on purpose (HEARTH_E2E_KEEP leaves a
    // `.keep` file in them).
    if let Ok(entries) = fs::read_dir(std::env::temp_dir()) {
        for e in entries.flatten() {
            let p = e.path();
            let ours = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("hearth-e2e-"));
            if ours && p.is_dir() && !p.join(".keep").exists() {
                let _ = fs::remove_dir_all(&p);
            }
        }
    }
}

/// Processes whose initial environment carries `HEARTH_E2E_RUN=<marker>`: (pid, exe path).
pub(crate) fn marked_processes(marker: &str) -> Vec<(i32, PathBuf)> {
    let needle = format!("{MARKER_VAR}={marker}");
    let me = std::process::id() as i32;
    let mut found = Vec::new();
    for (pid, dir) in processes() {
        if pid == me {
            continue;
        }
        let Ok(environ) = fs::read(dir.join("environ")) else {
            continue;
        };
        if !environ.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()) {
            continue;
        }
        if is_zombie(pid) {
            continue;
        }
        let exe = fs::read_link(dir.join("exe")).unwrap_or_default();
        // A rebuilt binary shows as "/path/hearth (deleted)".
        let exe = PathBuf::from(exe.to_string_lossy().trim_end_matches(" (deleted)"));
        found.push((pid, exe));
    }
    found
}

pub(crate) fn is_zombie(pid: i32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the ")" that closes the command name.
        Ok(stat) => stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.trim_start().starts_with(['Z', 'X']))
            .unwrap_or(true),
        Err(_) => true,
    }
}

/// Make this test process the "subreaper" of everything it starts: the app and WebKit's
/// helpers are grandchildren, and when their parent is killed they are handed to us rather
/// than to PID 1 (which, in a container, may never reap them), so we can reap them.
pub(crate) fn become_subreaper() {
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
    }
}

/// Reap exited processes handed to us as subreaper (not our direct `Child`ren, whose exit
/// status belongs to their `Child` handle).
pub(crate) fn reap_adopted(own_children: &[u32]) {
    let me = std::process::id() as i32;
    for (pid, dir) in processes() {
        if own_children.contains(&(pid as u32)) {
            continue;
        }
        let Ok(stat) = fs::read_to_string(dir.join("stat")) else {
            continue;
        };
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let state = fields.next().unwrap_or("");
        let ppid: i32 = fields.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        if ppid == me && state == "Z" {
            unsafe {
                libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG);
            }
        }
    }
}

/// Every process on the machine: its pid and its `/proc` folder.
fn processes() -> impl Iterator<Item = (i32, PathBuf)> {
    fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<i32>().ok()?;
            Some((pid, entry.path()))
        })
}

pub(crate) fn sigkill(pid: i32) {
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}
