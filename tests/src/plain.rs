//! The app as a person starts it, driven through the X server: started with no WebDriver
//! session and worked with `xdotool`, because WebKit turns some things off in a page under
//! automation (`window.print()` returns at once there).

use std::fs::File;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::paths::logs_dir;
use crate::process::{die_with_parent, is_zombie};
use crate::waits::{POLL, WAIT};
use crate::Harness;

/// How long one `xdotool` command may run.
const X_COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// How many times a search cut short by an X error is run before the error is reported.
const X_ERROR_RETRIES: u32 = 20;

/// Hearth started with no WebDriver session, the way a launcher starts it (in `HOME`), on
/// the harness's display and data. WebKit turns some things off in a page under automation
/// (`window.print()` returns at once there), so a journey through them drives this app with
/// the X server's own pointer and keyboard ([`PlainApp::click`], [`PlainApp::keys`]) and
/// looks at the windows it opens ([`PlainApp::wait_window`]), with `xdotool`. Only this
/// process's windows count: an app that has just closed may still have windows on the
/// display for a moment, under the same titles. Dropping it ends the app.
pub struct PlainApp {
    child: Child,
    display: String,
}

impl Drop for PlainApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Harness {
    /// Start the app without WebDriver (see [`PlainApp`]); its output goes to
    /// `<target>/e2e-logs/<name>-plain.log`. Stop a WebDriver session first (`stop_app`):
    /// two apps on one data directory would fight over it.
    pub fn start_plain(&self) -> PlainApp {
        let log = logs_dir().join(format!("{}-plain.log", self.name));
        let out = File::create(&log).expect("create the plain app's log");
        let err = out.try_clone().expect("clone the plain app's log");
        let mut cmd = Command::new(&self.bin);
        cmd.envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .current_dir(self.home())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        die_with_parent(&mut cmd);
        let child = cmd.spawn().expect("start the app without WebDriver");
        PlainApp {
            child,
            display: self.display.clone(),
        }
    }
}

impl PlainApp {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn running(&self) -> bool {
        !is_zombie(self.pid() as i32)
    }

    /// Run `xdotool <args>` on the app's display and return its output, trimmed (see
    /// [`xdotool`]).
    pub fn xdotool(&self, args: &[&str]) -> String {
        xdotool(&self.display, args)
    }

    /// The app's visible windows whose title matches `title` (a regular expression, as
    /// `xdotool search --name` takes it, ignoring case), by X id.
    pub fn windows(&self, title: &str) -> Vec<String> {
        let pid = self.pid().to_string();
        self.xdotool(&[
            "search",
            "--all",
            "--onlyvisible",
            "--pid",
            &pid,
            "--name",
            title,
        ])
        .lines()
        .map(str::to_string)
        .collect()
    }

    /// The titles of the app's visible windows, for failure messages.
    pub fn window_titles(&self) -> Vec<String> {
        self.windows(".")
            .iter()
            .map(|id| self.xdotool(&["getwindowname", id]))
            .collect()
    }

    /// Wait up to [`WAIT`] for a visible window of the app titled like `title`; its X id.
    /// Panics naming `what` and listing the windows there are.
    pub async fn wait_window(&self, title: &str, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(id) = self.windows(title).pop() {
                return id;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {}s waiting for {what} (a window titled {title:?}); the app's windows: {:?}{}",
                    WAIT.as_secs(),
                    self.window_titles(),
                    if self.running() { "" } else { " (the app is not running!)" }
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait up to [`WAIT`] until the app has no visible window titled like `title`.
    pub async fn wait_window_gone(&self, title: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.windows(title).is_empty() {
            if Instant::now() > deadline {
                panic!(
                    "timed out after {}s waiting for {what} to close",
                    WAIT.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Move the pointer to (`x`, `y`) in `window` (a page's CSS pixels at zoom 1 are its
    /// window's pixels) and click the left button.
    pub fn click(&self, window: &str, (x, y): (f64, f64)) {
        let (x, y) = (x.round().to_string(), y.round().to_string());
        self.xdotool(&["mousemove", "--sync", "--window", window, &x, &y]);
        self.xdotool(&["click", "1"]);
    }

    /// Give `window` the keyboard focus and press `keys` one after the other, in xdotool's
    /// names ("ctrl+p", "Down", "Return"). The test's display has no window manager, so the
    /// focus is set directly, as a click on a title bar would set it.
    pub fn keys(&self, window: &str, keys: &[&str]) {
        self.xdotool(&["windowfocus", "--sync", window]);
        for key in keys {
            self.xdotool(&["key", "--clearmodifiers", key]);
        }
    }
}

/// Run `xdotool <args>` on `display` and return its output, trimmed. Panics when it is
/// missing, fails, or runs longer than 10 s. `xdotool search` finding nothing is an empty
/// answer, not a failure; a search that an X error cut short (a window destroyed while it
/// was being read, as when a preview closes) is asked again, never taken for "nothing".
pub(crate) fn xdotool(display: &str, args: &[&str]) -> String {
    let searching = args.first() == Some(&"search");
    let mut attempts = 0;
    loop {
        let (status, stdout, stderr) = run_xdotool(display, args);
        if status.success() {
            return stdout.trim().to_string();
        }
        let cut_short = stderr.contains("X Error");
        if searching && !cut_short && stdout.trim().is_empty() {
            return String::new();
        }
        attempts += 1;
        if searching && cut_short {
            eprintln!("[e2e] `xdotool search` was cut short by an X error; asking again");
        }
        assert!(
            searching && cut_short && attempts < X_ERROR_RETRIES,
            "`xdotool {}` failed ({status}): {}",
            args.join(" "),
            stderr.trim()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run_xdotool(display: &str, args: &[&str]) -> (ExitStatus, String, String) {
    let mut child = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("xdotool could not be started ({e}): install Debian's `xdotool`")
        });
    let deadline = Instant::now() + X_COMMAND_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for xdotool") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`xdotool {}` ran longer than 10 s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    let _ = child.stdout.take().unwrap().read_to_string(&mut stdout);
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    (status, stdout, stderr)
}
