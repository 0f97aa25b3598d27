//! A virtual X display (Xvfb) of the harness's own, so the app's window never lands on a
//! developer's screen and two runs never share one.

use std::fs::{self, OpenOptions};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::paths::which;
use crate::process::end_with_parent;

/// A virtual display of our own. It is ended with SIGTERM, never SIGKILL, so that Xvfb removes
/// its lock and socket: each killed one leaves `/tmp/.X<n>-lock` behind, and after a few
/// hundred runs there would be no display number left.
pub struct Xvfb {
    pub(crate) child: Child,
    display: u32,
}

impl Xvfb {
    /// The display's name, for `DISPLAY` (`:93`).
    pub fn name(&self) -> String {
        format!(":{}", self.display)
    }

    /// Start Xvfb on the first free display number from :90, writing its output to `log`.
    pub fn start(log: &Path) -> Xvfb {
        let xvfb = which("Xvfb").unwrap_or_else(|| PathBuf::from("/usr/bin/Xvfb"));
        if !xvfb.is_file() {
            panic!("Xvfb not found: install Debian's `xvfb`, or run with DISPLAY set");
        }
        for n in 90..500u32 {
            if display_taken(n) {
                continue;
            }
            let out = OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .expect("xvfb log");
            let err = out.try_clone().expect("xvfb log");
            let mut cmd = Command::new(&xvfb);
            cmd.arg(format!(":{n}"))
                .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .process_group(0);
            end_with_parent(&mut cmd, libc::SIGTERM);
            let mut child = cmd.spawn().expect("spawn Xvfb");
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // lost a race for this display number: try the next one
                }
                if socket.exists() {
                    return Xvfb { child, display: n };
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!(
            "could not start Xvfb on any display :90..:499 (log: {})",
            log.display()
        );
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether display `n` is in use: its lock names a running process. A lock or socket left
/// by a server that is gone is removed, so the number can be used again.
fn display_taken(n: u32) -> bool {
    let lock = PathBuf::from(format!("/tmp/.X{n}-lock"));
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
    let owner = fs::read_to_string(&lock)
        .ok()
        .and_then(|text| text.trim().parse::<u32>().ok());
    if owner.is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists()) {
        return true;
    }
    let _ = fs::remove_file(&lock);
    let _ = fs::remove_file(&socket);
    // Still there: someone else's, and not ours to remove.
    lock.exists() || socket.exists()
}
