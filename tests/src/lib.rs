//! hearth-e2e: the harness that drives the real, built Hearth app like a person would.
//!
//! Why it looks like this:
//! - The app is the real `hearth` binary (`target/debug/hearth`, or `HEARTH_BIN`), started by
//!   WebKitWebDriver through `tauri-driver`, exactly as a user's double-click would start it,
//!   so a test exercises the embedded UI, the Tauri commands and the SQLite file together.
//! - Every harness is isolated: its own virtual display (Xvfb, unless `DISPLAY` is already
//!   set), its own XDG directories and `HOME`, its own `HEARTH_DATA_DIR`, its own driver ports.
//!   Every process it starts carries a marker variable (`HEARTH_E2E_RUN`) in its environment,
//!   so cleanup can find and end exactly those processes (the app and WebKit's helpers are
//!   grandchildren of the driver) and never a developer's own running Hearth.
//! - One app at a time: a harness takes an exclusive lock on `target/e2e.lock`, so test
//!   binaries (and two `cargo test` runs) never drive two apps at once on a 2-core machine.
//! - Failures say what was awaited: every wait polls for ~15 s and then panics naming the
//!   `data-testid`, with a screenshot (`target/e2e-screens/FAILED-*.png`) and the tail of the
//!   driver/app log (`target/e2e-logs/<name>-driver.log`).
//!
//! A journey looks like:
//! ```no_run
//! # async fn journey() {
//! let mut app = hearth_e2e::Harness::new("example").launch().await;
//! app.wait("welcome").await;
//! app.type_text("welcome-name", "Rust Moscow").await;
//! app.click("welcome-create").await;
//! app.wait("charter-form").await;
//! app.screenshot("example-charter").await;
//! app.relaunch().await; // same data directories, new app process
//! let report = app.check(); // `hearth check --json` on the same data dir
//! assert_eq!(report["ok"], true);
//! app.shutdown().await;
//! # }
//! ```

use std::fs::{self, File, OpenOptions};
use std::future::Future;
use std::io::{Read, Seek, SeekFrom};
use std::net::{TcpListener, TcpStream};
use std::ops::Deref;
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini;
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
pub use serde_json::{json, Value};

/// How long a wait for something on screen polls before it fails.
pub const WAIT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(100);
const MARKER_VAR: &str = "HEARTH_E2E_RUN";
/// How long one WebDriver command may take before the session is taken for stuck.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// Await one WebDriver command, failing loudly instead of hanging the suite forever when the
/// session stops answering.
async fn guard<T>(what: &str, fut: impl Future<Output = T>) -> T {
    match tokio::time::timeout(COMMAND_TIMEOUT, fut).await {
        Ok(v) => v,
        Err(_) => panic!(
            "WebDriver did not answer `{what}` within {} s: the session is stuck (see target/e2e-logs/)",
            COMMAND_TIMEOUT.as_secs()
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

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

fn tauri_driver_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        let p = PathBuf::from(home).join("bin/tauri-driver");
        if p.is_file() {
            return p;
        }
    }
    if let Some(home) = std::env::var_os("HOME") {
        let p = PathBuf::from(home).join(".cargo/bin/tauri-driver");
        if p.is_file() {
            return p;
        }
    }
    if let Some(p) = which("tauri-driver") {
        return p;
    }
    panic!("tauri-driver not found: install it with `cargo install tauri-driver --locked` (or set TAURI_DRIVER)");
}

fn webkit_driver_path() -> PathBuf {
    let p = std::env::var_os("WEBKIT_WEBDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/WebKitWebDriver"));
    if !p.is_file() {
        panic!(
            "WebKitWebDriver not found at {}: install Debian's `webkit2gtk-driver` (or set WEBKIT_WEBDRIVER)",
            p.display()
        );
    }
    p
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

// ---------------------------------------------------------------------------------------------
// Small process helpers
// ---------------------------------------------------------------------------------------------

/// Ask the kernel to SIGKILL the child if the thread that spawned it dies: a safety net for a
/// test process killed hard, when no Drop runs.
fn die_with_parent(cmd: &mut Command) {
    end_with_parent(cmd, libc::SIGKILL);
}

/// The press and moves of a pointer drag from `from` to (`dx`, `dy`) off the centre of `to`,
/// without the release; and how many ticks they take.
fn drag_moves(
    from: &Element,
    to: &Element,
    dx: f64,
    dy: f64,
) -> (fantoccini::actions::MouseActions, usize) {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
    const STEPS: u32 = 6;
    let step = Some(Duration::from_millis(30));
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: from.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for _ in 0..2 {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: step,
            x: 4.0,
            y: 6.0,
        });
    }
    for i in 1..=STEPS {
        let f = f64::from(i) / f64::from(STEPS);
        mouse = mouse.then(PointerAction::MoveToElement {
            element: to.clone(),
            duration: step,
            x: dx * f,
            y: dy * f,
        });
    }
    (mouse, 4 + STEPS as usize)
}

/// The child gets `signal` when this process dies, however it dies.
fn end_with_parent(cmd: &mut Command, signal: libc::c_int) {
    unsafe {
        cmd.pre_exec(move || {
            libc::prctl(libc::PR_SET_PDEATHSIG, signal);
            Ok(())
        });
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("find a free TCP port")
}

fn port_open(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_ok()
}

/// End what an earlier run left behind when it was killed before its Drop could run (a
/// timeout, Ctrl+C): with the e2e lock held no other harness is alive, so every process that
/// still carries a `HEARTH_E2E_RUN` marker is an orphan; its temporary root goes too.
fn sweep_leftovers() {
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
fn marked_processes(marker: &str) -> Vec<(i32, PathBuf)> {
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

fn is_zombie(pid: i32) -> bool {
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
fn become_subreaper() {
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
    }
}

/// Reap exited processes handed to us as subreaper (not our direct `Child`ren, whose exit
/// status belongs to their `Child` handle).
fn reap_adopted(own_children: &[u32]) {
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

fn sigkill(pid: i32) {
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}

fn tail(path: &Path, lines: usize) -> String {
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

/// An exclusive lock on `<target>/e2e.lock`, held for the life of a harness.
struct E2eLock {
    _file: File,
}

impl E2eLock {
    fn take() -> E2eLock {
        let path = target_dir().join("e2e.lock");
        fs::create_dir_all(target_dir()).ok();
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .expect("open target/e2e.lock");
        unsafe {
            if libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) != 0 {
                eprintln!(
                    "[e2e] another e2e run holds {}; waiting for it",
                    path.display()
                );
                libc::flock(f.as_raw_fd(), libc::LOCK_EX);
            }
        }
        E2eLock { _file: f }
    }
}

// ---------------------------------------------------------------------------------------------
// Xvfb
// ---------------------------------------------------------------------------------------------

/// A virtual display of our own. It is ended with SIGTERM, never SIGKILL, so that Xvfb removes
/// its lock and socket: each killed one leaves `/tmp/.X<n>-lock` behind, and after a few
/// hundred runs there would be no display number left.
pub struct Xvfb {
    child: Child,
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

// ---------------------------------------------------------------------------------------------
// tauri-driver
// ---------------------------------------------------------------------------------------------

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The driver runs in its own process group with WebKitWebDriver.
        unsafe {
            libc::killpg(self.child.id() as i32, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

/// The result of running `hearth <subcommand>`.
#[derive(Debug, Clone)]
pub struct CliOutput {
    pub args: Vec<String>,
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl CliOutput {
    pub fn success(&self) -> bool {
        self.code == 0
    }

    /// stdout parsed as JSON; panics with the whole output when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "`hearth {}` did not print JSON ({e}); exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
                self.args.join(" "),
                self.code,
                self.stdout,
                self.stderr
            )
        })
    }

    /// Panics unless the exit code is 0.
    pub fn assert_success(&self) -> &Self {
        assert!(
            self.success(),
            "`hearth {}` exited with {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Options for a [`Harness`].
pub struct HarnessBuilder {
    name: String,
    locale: Option<String>,
    env: Vec<(String, Option<String>)>,
}

impl HarnessBuilder {
    /// Run the app under this POSIX locale (e.g. `"ru_RU.UTF-8"`), which WebKit turns into
    /// `navigator.language`. When the machine lacks it, it is compiled with `localedef` into
    /// `<target>/e2e-locales` and passed through `LOCPATH`. Default: `C.UTF-8` (English).
    pub fn locale(mut self, locale: &str) -> Self {
        self.locale = Some(locale.to_string());
        self
    }

    /// Set (or, with `None`, drop) an environment variable for the app and the CLI.
    pub fn env(mut self, key: &str, value: Option<&str>) -> Self {
        self.env.push((key.to_string(), value.map(str::to_string)));
        self
    }

    pub fn build(self) -> Harness {
        Harness::build(self)
    }
}

/// Isolated directories, a display and a driver: everything but the app session.
/// [`Harness::launch`] turns it into an [`App`]. Dropping it ends every process it started
/// and removes its temporary directories (set `HEARTH_E2E_KEEP=1` to keep them).
pub struct Harness {
    name: String,
    bin: PathBuf,
    root: Option<tempfile::TempDir>,
    root_path: PathBuf,
    data_dir: PathBuf,
    marker: String,
    env: Vec<(String, String)>,
    display: String,
    driver_log: PathBuf,
    // Dropped in this order: driver (and its group), then Xvfb, then the lock.
    driver: Option<Driver>,
    xvfb: Option<Xvfb>,
    _lock: E2eLock,
}

impl Harness {
    /// A harness with default options (English, `C.UTF-8`). `name` prefixes its logs.
    pub fn new(name: &str) -> Harness {
        Harness::builder(name).build()
    }

    pub fn builder(name: &str) -> HarnessBuilder {
        HarnessBuilder {
            name: name.to_string(),
            locale: None,
            env: Vec::new(),
        }
    }

    fn build(opts: HarnessBuilder) -> Harness {
        let bin = hearth_bin();
        let lock = E2eLock::take();
        become_subreaper();
        sweep_leftovers();
        let name = opts.name;
        let root = tempfile::Builder::new()
            .prefix(&format!("hearth-e2e-{name}-"))
            .tempdir()
            .expect("create a temporary directory");
        let root_path = root.path().to_path_buf();
        let sub = |s: &str| {
            let p = root_path.join(s);
            fs::create_dir_all(&p).expect("create a temporary subdirectory");
            p
        };
        let data_dir = sub("hearth-data");
        let home = sub("home");
        let xdg_data = sub("xdg-data");
        let xdg_config = sub("xdg-config");
        let xdg_cache = sub("xdg-cache");
        let xdg_state = sub("xdg-state");
        let runtime = sub("xdg-runtime");
        fs::set_permissions(
            &runtime,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .ok();

        let logs = logs_dir();
        let driver_log = logs.join(format!("{name}-driver.log"));
        let xvfb_log = logs.join(format!("{name}-xvfb.log"));
        let _ = fs::remove_file(&driver_log);
        let _ = fs::remove_file(&xvfb_log);

        let (xvfb, display) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() && std::env::var_os("HEARTH_E2E_XVFB").is_none() => (None, d),
            _ => {
                let x = Xvfb::start(&xvfb_log);
                let d = x.name();
                (Some(x), d)
            }
        };

        let marker = root_path.to_string_lossy().into_owned();
        let s = |p: &Path| p.to_string_lossy().into_owned();
        let mut env: Vec<(String, String)> = vec![
            (MARKER_VAR.into(), marker.clone()),
            ("HEARTH_DATA_DIR".into(), s(&data_dir)),
            ("HOME".into(), s(&home)),
            ("XDG_DATA_HOME".into(), s(&xdg_data)),
            ("XDG_CONFIG_HOME".into(), s(&xdg_config)),
            ("XDG_CACHE_HOME".into(), s(&xdg_cache)),
            ("XDG_STATE_HOME".into(), s(&xdg_state)),
            ("XDG_RUNTIME_DIR".into(), s(&runtime)),
            ("GDK_BACKEND".into(), "x11".into()),
            // No accessibility bus and no session bus autolaunch: nothing left running after.
            ("NO_AT_BRIDGE".into(), "1".into()),
            ("GTK_A11Y".into(), "none".into()),
            ("DBUS_SESSION_BUS_ADDRESS".into(), "disabled:".into()),
        ];
        // WEBKIT_DISABLE_COMPOSITING_MODE=1 would start WebKit lighter, but with it WebKitGTK's
        // WebDriver screenshot never answers after a click (reproduced on Debian 12's
        // webkit2gtk-4.1: the first screenshot after clicking a sidebar link hangs, every time
        // or nearly), and the session is stuck from then on. Opt in with
        // HEARTH_E2E_DISABLE_COMPOSITING=1 to measure or to check a newer WebKit.
        if std::env::var_os("HEARTH_E2E_DISABLE_COMPOSITING").is_some_and(|v| v == "1") {
            env.push(("WEBKIT_DISABLE_COMPOSITING_MODE".into(), "1".into()));
        }
        match opts.locale.as_deref() {
            None => {
                env.push(("LANG".into(), "C.UTF-8".into()));
                env.push(("LC_ALL".into(), "C.UTF-8".into()));
                env.push(("LANGUAGE".into(), "en".into()));
            }
            Some(locale) => env.extend(locale_env(locale)),
        }
        for (key, value) in opts.env {
            env.retain(|(k, _)| *k != key);
            if let Some(value) = value {
                env.push((key, value));
            }
        }

        Harness {
            name,
            bin,
            root: Some(root),
            root_path,
            data_dir,
            marker,
            env,
            display,
            driver_log,
            driver: None,
            xvfb,
            _lock: lock,
        }
    }

    /// The harness name (prefix of its logs).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The isolated `HEARTH_DATA_DIR`.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The temporary root holding every isolated directory.
    pub fn root(&self) -> &Path {
        &self.root_path
    }

    /// The binary under test.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// The X display the app runs on.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The log that collects tauri-driver's, WebKitWebDriver's and the app's output.
    pub fn driver_log(&self) -> &Path {
        &self.driver_log
    }

    /// Run `hearth <args>` as a CLI on this harness's data directory, with no display
    /// (subcommands must not need one). Panics if it runs longer than 120 s.
    pub fn cli(&self, args: &[&str]) -> CliOutput {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        die_with_parent(&mut cmd);
        let mut child = cmd.spawn().expect("spawn the hearth CLI");
        // Read both pipes on threads so a chatty command cannot block on a full pipe.
        let mut so = child.stdout.take().unwrap();
        let mut se = child.stderr.take().unwrap();
        let t_out = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = so.read_to_end(&mut s);
            s
        });
        let t_err = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = se.read_to_end(&mut s);
            s
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(st) = child.try_wait().expect("wait for the hearth CLI") {
                break st;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`hearth {}` ran longer than 120 s", args.join(" "));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = CliOutput {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned(),
            stderr: String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned(),
        };
        eprintln!(
            "[e2e] hearth {} -> exit {}{}",
            args.join(" "),
            out.code,
            if out.stderr.trim().is_empty() {
                String::new()
            } else {
                format!(", stderr: {}", out.stderr.trim())
            }
        );
        out
    }

    /// `hearth check --json`, parsed. Does not assert: look at `["ok"]`.
    pub fn check(&self) -> Value {
        self.cli(&["check", "--json"]).json()
    }

    /// PIDs of the running app (the `hearth` binary started for this harness).
    pub fn app_pids(&self) -> Vec<i32> {
        marked_processes(&self.marker)
            .into_iter()
            .filter(|(_, exe)| exe == &self.bin)
            .map(|(pid, _)| pid)
            .collect()
    }

    pub fn app_running(&self) -> bool {
        !self.app_pids().is_empty()
    }

    /// SIGKILL the app process (as a crash or a power cut would end it) and wait until it is
    /// gone. Returns how many processes were killed.
    pub fn kill_app_process(&self) -> usize {
        let pids = self.app_pids();
        for &pid in &pids {
            sigkill(pid);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.app_running() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!self.app_running(), "the app survived SIGKILL for 10 s");
        self.reap();
        pids.len()
    }

    fn own_children(&self) -> Vec<u32> {
        let mut v = Vec::new();
        if let Some(d) = &self.driver {
            v.push(d.child.id());
        }
        if let Some(x) = &self.xvfb {
            v.push(x.child.id());
        }
        v
    }

    /// Reap the app's exited helper processes that were handed to this process.
    fn reap(&self) {
        reap_adopted(&self.own_children());
    }

    /// Wait until the app process has exited; false on timeout.
    pub async fn wait_app_exit(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if !self.app_running() {
                self.reap();
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn start_driver(&mut self) {
        self.driver = None; // ends an old one, with its process group
        let tauri_driver = tauri_driver_path();
        let webkit = webkit_driver_path();
        let port = free_port();
        let mut native = free_port();
        while native == port {
            native = free_port();
        }
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.driver_log)
            .expect("open the driver log");
        let log2 = log.try_clone().expect("clone the driver log");
        let mut cmd = Command::new(&tauri_driver);
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native.to_string())
            .arg("--native-driver")
            .arg(&webkit)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .process_group(0);
        die_with_parent(&mut cmd);
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", tauri_driver.display()));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(st)) = child.try_wait() {
                panic!(
                    "tauri-driver exited early ({st}); log {}:\n{}",
                    self.driver_log.display(),
                    tail(&self.driver_log, 40)
                );
            }
            if port_open(port) && port_open(native) {
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!(
                    "tauri-driver did not listen on {port}/{native} within 20 s; log:\n{}",
                    tail(&self.driver_log, 40)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.driver = Some(Driver { child, port });
    }

    async fn open_session(&mut self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": self.bin.to_string_lossy() }),
        );
        let mut last_err = String::new();
        for attempt in 0..2 {
            if self.driver.is_none() || attempt > 0 {
                self.start_driver();
            }
            let url = format!("http://127.0.0.1:{}", self.driver.as_ref().unwrap().port);
            let connect = tokio::time::timeout(
                Duration::from_secs(90),
                ClientBuilder::native()
                    .capabilities(caps.clone())
                    .connect(&url),
            )
            .await;
            match connect {
                Ok(Ok(client)) => return client,
                Ok(Err(e)) => {
                    last_err = e.to_string();
                    eprintln!("[e2e] new session failed (attempt {}): {e}", attempt + 1);
                    // Whatever was half-started goes before the next try.
                    self.kill_marked(|exe| exe == self.bin.as_path());
                }
                Err(_) => {
                    last_err = "no answer to New Session within 90 s".into();
                    eprintln!("[e2e] new session timed out (attempt {})", attempt + 1);
                    self.kill_marked(|exe| exe == self.bin.as_path());
                }
            }
        }
        panic!(
            "could not open a WebDriver session with the app: {last_err}\nlog {}:\n{}",
            self.driver_log.display(),
            tail(&self.driver_log, 60)
        );
    }

    fn kill_marked(&self, filter: impl Fn(&Path) -> bool) {
        for (pid, exe) in marked_processes(&self.marker) {
            if filter(&exe) {
                sigkill(pid);
            }
        }
    }

    /// Start the app (a new WebDriver session) and return it.
    pub async fn launch(mut self) -> App {
        let client = self.open_session().await;
        App {
            client: Some(client),
            h: self,
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "[e2e] {} failed; tail of {}:\n{}\n[e2e] data dir: {}",
                self.name,
                self.driver_log.display(),
                tail(&self.driver_log, 60),
                self.data_dir.display()
            );
        }
        // The app first (so WebKit's helpers see their parent go), then everything else.
        self.kill_marked(|exe| exe == self.bin.as_path());
        self.driver = None;
        // Whatever is left with our marker (WebKit helper processes, a CLI run).
        for _ in 0..50 {
            let left = marked_processes(&self.marker);
            if left.is_empty() {
                break;
            }
            for (pid, _) in left {
                sigkill(pid);
            }
            std::thread::sleep(Duration::from_millis(20));
            self.reap();
        }
        self.xvfb = None;
        reap_adopted(&[]);
        if std::env::var_os("HEARTH_E2E_KEEP").is_some() {
            if let Some(root) = self.root.take() {
                let kept = root.keep();
                let _ = fs::write(kept.join(".keep"), b"HEARTH_E2E_KEEP\n");
                eprintln!("[e2e] keeping {}", kept.display());
            }
        }
        // Otherwise TempDir's own Drop removes the directories.
    }
}

fn locale_env(locale: &str) -> Vec<(String, String)> {
    // "ru_RU.UTF-8" -> language "ru", source "ru_RU", charmap "UTF-8".
    let (base, charmap) = locale.split_once('.').unwrap_or((locale, "UTF-8"));
    let lang = base.split('_').next().unwrap_or(base).to_string();
    let mut env = vec![
        ("LANG".to_string(), locale.to_string()),
        ("LC_ALL".to_string(), locale.to_string()),
        ("LANGUAGE".to_string(), lang),
    ];
    let normal = |s: &str| s.to_lowercase().replace("utf-8", "utf8");
    let installed = Command::new("locale")
        .arg("-a")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| normal(l) == normal(locale))
        })
        .unwrap_or(false);
    if installed {
        return env;
    }
    let dir = target_dir().join("e2e-locales");
    let compiled = dir.join(locale);
    if !compiled.join("LC_CTYPE").exists() {
        fs::create_dir_all(&dir).expect("create target/e2e-locales");
        let tmp = dir.join(format!(".{locale}.{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let out = Command::new("localedef")
            .args(["-i", base, "-f", charmap])
            .arg(&tmp)
            .output();
        match out {
            Ok(o) if tmp.join("LC_CTYPE").exists() => {
                let _ = o;
                let _ = fs::remove_dir_all(&compiled);
                fs::rename(&tmp, &compiled).expect("move the compiled locale in place");
            }
            other => panic!(
                "locale {locale} is not installed and `localedef -i {base} -f {charmap}` failed ({other:?}); \
                 install Debian's `locales` package"
            ),
        }
    }
    env.push(("LOCPATH".to_string(), dir.to_string_lossy().into_owned()));
    env
}

// ---------------------------------------------------------------------------------------------
// App
// ---------------------------------------------------------------------------------------------

/// The running app with a WebDriver session, plus the [`Harness`] it runs in (reachable
/// through `Deref`: `app.cli(..)`, `app.data_dir()`, …).
pub struct App {
    client: Option<Client>,
    h: Harness,
}

impl Deref for App {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn is_missing(e: &CmdError) -> bool {
    matches!(e, CmdError::Standard(w) if w.error == ErrorStatus::NoSuchElement || w.error == ErrorStatus::StaleElementReference)
}

impl App {
    /// Start a fresh app in a new default harness.
    pub async fn start(name: &str) -> App {
        Harness::new(name).launch().await
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        self.client
            .as_ref()
            .expect("no WebDriver session: the app was killed; call relaunch()")
    }

    /// Close the session (the app exits) and start the app again on the same data.
    pub async fn relaunch(&mut self) {
        self.stop_app().await;
        self.start_app().await;
    }

    /// Close the session; the app exits (SIGKILL after 15 s if it does not). The harness,
    /// its display and data stay: run CLI commands, then `start_app()`.
    pub async fn stop_app(&mut self) {
        self.end_session().await;
    }

    /// Start the app again (a new session) after `stop_app()` or `kill_app()`.
    pub async fn start_app(&mut self) {
        assert!(
            self.client.is_none(),
            "start_app(): the app is already running"
        );
        let client = self.h.open_session().await;
        self.client = Some(client);
    }

    /// SIGKILL the app mid-whatever-it-is-doing. The session is dropped; `relaunch()` starts
    /// the app again.
    pub async fn kill_app(&mut self) -> usize {
        let n = self.h.kill_app_process();
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
        n
    }

    async fn end_session(&mut self) {
        if let Some(c) = self.client.take() {
            match tokio::time::timeout(Duration::from_secs(15), c.close()).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => eprintln!("[e2e] closing the session: {e}"),
                Err(_) => eprintln!("[e2e] closing the session timed out"),
            }
        }
        if !self.h.wait_app_exit(Duration::from_secs(15)).await {
            eprintln!("[e2e] the app did not exit within 15 s of the session closing; SIGKILL");
            self.h.kill_app_process();
        }
    }

    /// End the session and every process; the same as dropping, but the app gets to exit
    /// normally first.
    pub async fn shutdown(mut self) {
        self.end_session().await;
    }

    // ----- finding ------------------------------------------------------------------------

    /// The element with this data-testid if it is in the page now (visible or not).
    pub async fn find_opt(&self, id: &str) -> Option<Element> {
        self.find_css_opt(&testid(id)).await
    }

    pub async fn find_css_opt(&self, css: &str) -> Option<Element> {
        match guard("find element", self.client().find(Locator::Css(css))).await {
            Ok(e) => Some(e),
            Err(e) if is_missing(&e) => None,
            Err(e) => {
                self.session_broken(&e);
                None
            }
        }
    }

    fn session_broken(&self, e: &CmdError) {
        if !self.h.app_running() {
            panic!("the app is not running any more (crashed?); WebDriver said: {e}");
        }
    }

    /// All elements with this data-testid.
    pub async fn find_all(&self, id: &str) -> Vec<Element> {
        match guard(
            "find elements",
            self.client().find_all(Locator::Css(&testid(id))),
        )
        .await
        {
            Ok(v) => v,
            Err(e) => {
                self.session_broken(&e);
                Vec::new()
            }
        }
    }

    /// How many elements carry this data-testid.
    pub async fn count(&self, id: &str) -> usize {
        self.find_all(id).await.len()
    }

    /// Is an element with this data-testid in the page and displayed?
    pub async fn visible(&self, id: &str) -> bool {
        match self.find_opt(id).await {
            Some(e) => self.element_visible(&e).await,
            None => false,
        }
    }

    /// Is the element rendered (not `display: none` itself or through an ancestor, not
    /// `visibility: hidden`)? Decided in the page: WebKitWebDriver's own "is displayed" (the
    /// Selenium atom) says false for plainly visible text in a header with
    /// `overflow: hidden; text-overflow: ellipsis`.
    pub async fn element_visible(&self, el: &Element) -> bool {
        let script = r#"
            const e = arguments[0];
            if (!e || !e.isConnected) return false;
            const s = getComputedStyle(e);
            if (s.visibility === 'hidden' || s.visibility === 'collapse') return false;
            if (typeof e.checkVisibility === 'function') return e.checkVisibility();
            return e.getClientRects().length > 0;
        "#;
        match guard(
            "is visible",
            self.client()
                .execute(script, vec![serde_json::to_value(el).unwrap()]),
        )
        .await
        {
            Ok(v) => v.as_bool().unwrap_or(false),
            Err(e) if is_missing(&e) => false,
            Err(e) => {
                self.session_broken(&e);
                false
            }
        }
    }

    /// The rendered text of an element (`innerText`, read in the page for the same reason
    /// as [`App::element_visible`]).
    pub async fn element_text(&self, el: &Element) -> Option<String> {
        guard(
            "read text",
            self.client().execute(
                "return arguments[0].innerText;",
                vec![serde_json::to_value(el).unwrap()],
            ),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
    }

    /// Poll `f` until it gives `Some`, for up to [`WAIT`]; then screenshot and panic naming `what`.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = f().await {
                return v;
            }
            if Instant::now() > deadline {
                let shot = self.failure_screenshot(what).await;
                panic!(
                    "timed out after {}s waiting for {what}{}{}",
                    WAIT.as_secs(),
                    if self.h.app_running() {
                        ""
                    } else {
                        " (the app is not running!)"
                    },
                    shot.map(|p| format!("; screenshot: {}", p.display()))
                        .unwrap_or_default()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until an element with this data-testid is present and displayed.
    pub async fn wait(&self, id: &str) -> Element {
        let this = self;
        self.eventually(
            &format!("[data-testid=\"{id}\"] to be visible"),
            move || async move {
                let e = this.find_opt(id).await?;
                this.element_visible(&e).await.then_some(e)
            },
        )
        .await
    }

    /// Wait until one of these data-testids is visible; returns the one that is.
    pub async fn wait_any<'a>(&self, ids: &[&'a str]) -> &'a str {
        let this = self;
        let ids = ids.to_vec();
        let what = format!("one of {ids:?} to be visible");
        self.eventually(&what, move || {
            let ids = ids.clone();
            async move {
                for id in ids {
                    if this.visible(id).await {
                        return Some(id);
                    }
                }
                None
            }
        })
        .await
    }

    /// Wait until no element with this data-testid is displayed.
    pub async fn wait_gone(&self, id: &str) {
        let this = self;
        self.eventually(
            &format!("[data-testid=\"{id}\"] to disappear"),
            move || async move { (!this.visible(id).await).then_some(()) },
        )
        .await
    }

    /// Wait until the element's visible text satisfies `pred`; returns the text.
    pub async fn wait_text(&self, id: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let this = self;
        let pred = &pred;
        self.eventually(
            &format!("[data-testid=\"{id}\"] text {what}"),
            move || async move {
                let e = this.find_opt(id).await?;
                let t = this.element_text(&e).await?;
                pred(&t).then_some(t)
            },
        )
        .await
    }

    /// Wait until `count(id)` satisfies `pred`; returns the count.
    pub async fn wait_count(&self, id: &str, what: &str, pred: impl Fn(usize) -> bool) -> usize {
        let this = self;
        let pred = &pred;
        self.eventually(
            &format!("count of [data-testid=\"{id}\"] {what}"),
            move || async move {
                let n = this.count(id).await;
                pred(n).then_some(n)
            },
        )
        .await
    }

    // ----- acting -------------------------------------------------------------------------

    /// Click like a person. Falls back to a DOM click (with a note on stderr) only when
    /// WebDriver refuses because the element is covered or not interactable (e.g. a styled
    /// checkbox hidden behind its label).
    pub async fn click(&self, id: &str) {
        let el = self.wait(id).await;
        self.click_element(&el, id).await;
    }

    pub async fn click_element(&self, el: &Element, what: &str) {
        match guard("click", el.click()).await {
            Ok(()) => {}
            Err(CmdError::Standard(w))
                if w.error == ErrorStatus::ElementNotInteractable
                    || w.error == ErrorStatus::ElementClickIntercepted =>
            {
                eprintln!(
                    "[e2e] WebDriver could not click {what} ({}); clicking through the DOM",
                    w.error
                );
                guard(
                    "DOM click",
                    self.client().execute(
                        "arguments[0].click();",
                        vec![serde_json::to_value(el).unwrap()],
                    ),
                )
                .await
                .unwrap_or_else(|e| panic!("DOM click on {what}: {e}"));
            }
            Err(e) => panic!("click on {what}: {e}"),
        }
    }

    /// Clear the field and type `text` with key events; checks the field then holds `text`.
    pub async fn type_text(&self, id: &str, text: &str) {
        let el = self.wait(id).await;
        guard("clear", el.clear())
            .await
            .unwrap_or_else(|e| panic!("clear {id}: {e}"));
        if !text.is_empty() {
            guard("send keys", el.send_keys(text))
                .await
                .unwrap_or_else(|e| panic!("type into {id}: {e}"));
        }
        let value = guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert_eq!(
            value, text,
            "after typing, [data-testid=\"{id}\"] holds {value:?}, not {text:?}"
        );
    }

    /// Clear a field (fires the input's change like a person deleting its text).
    pub async fn clear(&self, id: &str) {
        let el = self.wait(id).await;
        guard("clear", el.clear())
            .await
            .unwrap_or_else(|e| panic!("clear {id}: {e}"));
        let value = guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(
            value.is_empty(),
            "[data-testid=\"{id}\"] still holds {value:?} after clearing"
        );
    }

    /// Choose the `<option value=…>` of a `<select>`; checks the select then has that value.
    /// The view may re-render on change (a language switch redraws everything), so the
    /// select is looked up afresh after the click.
    pub async fn select(&self, id: &str, value: &str) {
        let el = self.wait(id).await;
        let css = format!("option[value=\"{value}\"]");
        let option = guard("find option", el.find(Locator::Css(&css)))
            .await
            .unwrap_or_else(|e| {
                panic!("[data-testid=\"{id}\"] has no option with value {value:?}: {e}")
            });
        let _ = guard("click option", option.click()).await;
        if self.select_value_soon(id, value).await {
            return;
        }
        eprintln!("[e2e] clicking the option did not select {value:?} in {id}; setting it through the DOM");
        let el = self.wait(id).await;
        let script = "const s = arguments[0]; s.value = arguments[1];\
                      s.dispatchEvent(new Event('input', {bubbles: true}));\
                      s.dispatchEvent(new Event('change', {bubbles: true}));";
        guard(
            "set select value",
            self.client().execute(
                script,
                vec![serde_json::to_value(&el).unwrap(), json!(value)],
            ),
        )
        .await
        .unwrap_or_else(|e| panic!("select {value:?} in {id}: {e}"));
        assert!(
            self.select_value_soon(id, value).await,
            "[data-testid=\"{id}\"] does not hold {value:?} after selecting it"
        );
    }

    /// Click the `<option value=…>` of a `<select>` when choosing it leads elsewhere (e.g.
    /// "New community…"), so the select's value afterwards means nothing.
    pub async fn pick_option(&self, id: &str, value: &str) {
        let el = self.wait(id).await;
        let css = format!("option[value=\"{value}\"]");
        let option = el.find(Locator::Css(&css)).await.unwrap_or_else(|e| {
            panic!("[data-testid=\"{id}\"] has no option with value {value:?}: {e}")
        });
        guard("click option", option.click())
            .await
            .unwrap_or_else(|e| panic!("click option {value:?} of [data-testid=\"{id}\"]: {e}"));
    }

    /// Does the (possibly re-rendered) element hold this value within 2 s?
    async fn select_value_soon(&self, id: &str, value: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            if let Some(el) = self.find_opt(id).await {
                if guard("read value", el.prop("value"))
                    .await
                    .ok()
                    .flatten()
                    .as_deref()
                    == Some(value)
                {
                    return true;
                }
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Tick or untick a checkbox.
    pub async fn set_checked(&self, id: &str, on: bool) {
        if self.checked(id).await != on {
            self.click(id).await;
        }
        let now = self.checked(id).await;
        assert_eq!(
            now, on,
            "[data-testid=\"{id}\"] checked state after clicking"
        );
    }

    // ----- reading ------------------------------------------------------------------------

    /// Visible text of the element (waits for it to be visible).
    pub async fn text(&self, id: &str) -> String {
        let el = self.wait(id).await;
        self.element_text(&el)
            .await
            .unwrap_or_else(|| panic!("could not read the text of [data-testid=\"{id}\"]"))
    }

    /// The `value` property of an input, textarea or select (waits for it to be visible).
    pub async fn value(&self, id: &str) -> String {
        let el = self.wait(id).await;
        guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The label of the chosen option of a `<select>` (its `innerText` is empty in WebKit).
    pub async fn selected_label(&self, id: &str) -> String {
        let el = self.wait(id).await;
        let script =
            "const s = arguments[0]; const o = s.options[s.selectedIndex]; return o ? o.text : '';";
        guard(
            "read selected option",
            self.client()
                .execute(script, vec![serde_json::to_value(&el).unwrap()]),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// Whether a checkbox or radio is checked (waits for it to be present, not visible:
    /// styled inputs are often hidden behind their labels).
    pub async fn checked(&self, id: &str) -> bool {
        let this = self;
        let el = self
            .eventually(
                &format!("[data-testid=\"{id}\"] to exist"),
                move || async move { this.find_opt(id).await },
            )
            .await;
        guard("read checked", el.prop("checked"))
            .await
            .ok()
            .flatten()
            .as_deref()
            == Some("true")
    }

    /// `<html lang>`.
    pub async fn html_lang(&self) -> String {
        self.exec("return document.documentElement.lang || '';", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Wait until `<html lang>` is `lang`.
    pub async fn wait_html_lang(&self, lang: &str) {
        let this = self;
        self.eventually(&format!("<html lang=\"{lang}\">"), move || async move {
            (this.html_lang().await == lang).then_some(())
        })
        .await
    }

    /// Press a key chord on the focused element of the page, e.g. `press(&[Key::Control], "s")`
    /// for Ctrl+S (the modifiers are released afterwards).
    pub async fn press(&self, id: &str, modifiers: &[fantoccini::key::Key], key: &str) {
        let el = self.wait(id).await;
        let mut chord = String::new();
        for m in modifiers {
            chord.push(char::from(*m));
        }
        chord.push_str(key);
        chord.push(char::from(fantoccini::key::Key::Null));
        guard("send keys", el.send_keys(&chord))
            .await
            .unwrap_or_else(|e| panic!("press {chord:?} in [data-testid=\"{id}\"]: {e}"));
    }

    /// Press a key chord wherever the keyboard focus is, as a person would: the modifiers go
    /// down, the key is pressed and released, the modifiers come up, e.g.
    /// `keys(&[Key::Control], 'z')` or `keys(&[], Key::Enter)`. Unlike [`App::press`], nothing
    /// is typed after the chord (`send_keys` ends it with WebDriver's "release" character,
    /// which lands as text in a field the key itself has just focused).
    pub async fn keys(&self, modifiers: &[fantoccini::key::Key], key: impl Into<char>) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let chord: Vec<char> = modifiers
            .iter()
            .map(|m| char::from(*m))
            .chain([key.into()])
            .collect();
        let mut actions = KeyActions::new("keyboard".into());
        for &value in &chord {
            actions = actions.then(KeyAction::Down { value });
        }
        for &value in chord.iter().rev() {
            actions = actions.then(KeyAction::Up { value });
        }
        guard("keys", self.client().perform_actions(actions))
            .await
            .unwrap_or_else(|e| panic!("press {chord:?}: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// Run a script in the page (`return` gives the result).
    pub async fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        guard("execute script", self.client().execute(script, args))
            .await
            .unwrap_or_else(|e| panic!("execute script failed: {e}\n{script}"))
    }

    /// Call a Tauri command from the page, as `ui/js/api.js` would:
    /// `Ok(result)` or `Err(error object)`.
    pub async fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let script = r#"
            const [cmd, args, done] = arguments;
            window.__TAURI__.core.invoke(cmd, args).then(
                (value) => done({ ok: value === undefined ? null : value }),
                (error) => done({ err: error === undefined ? null : error }));
        "#;
        let out = guard(
            &format!("invoke {cmd}"),
            self.client().execute_async(script, vec![json!(cmd), args]),
        )
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"));
        match out.get("ok") {
            Some(v) => Ok(v.clone()),
            None => Err(out.get("err").cloned().unwrap_or(Value::Null)),
        }
    }

    // ----- drags and screenshots ----------------------------------------------------------

    /// A person's drag with the mouse: press on `from`, move a little (past any drag
    /// threshold), then in several steps to (`dx`, `dy`) from the centre of `to`, pause, and
    /// release. Each step is its own pointermove, as widgets that track the pointer expect.
    pub async fn drag_to(&self, from: &Element, to: &Element, dx: f64, dy: f64) {
        use fantoccini::actions::{InputSource, PointerAction, MOUSE_BUTTON_LEFT};
        let (mouse, _) = drag_moves(from, to, dx, dy);
        let mouse = mouse
            .then(PointerAction::Pause {
                duration: Duration::from_millis(100),
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        guard("drag", self.client().perform_actions(mouse))
            .await
            .unwrap_or_else(|e| panic!("drag: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// Drag `from` over `to` as [`App::drag_to`] does, press `key` while the button is still
    /// held (Escape, to cancel), then release the button.
    pub async fn drag_and_press(&self, from: &Element, to: &Element, key: impl Into<char>) {
        use fantoccini::actions::{
            Actions, InputSource, KeyAction, KeyActions, PointerAction, MOUSE_BUTTON_LEFT,
        };
        let (mouse, ticks) = drag_moves(from, to, 0.0, 0.0);
        let hold = PointerAction::Pause {
            duration: Duration::from_millis(60),
        };
        let mouse =
            mouse
                .then(hold.clone())
                .then(hold.clone())
                .then(hold)
                .then(PointerAction::Up {
                    button: MOUSE_BUTTON_LEFT,
                });
        // Actions run tick by tick across sources: the key waits out the moves, then goes
        // down and up while the button is held.
        let key = key.into();
        let mut keyboard = KeyActions::new("keyboard".into());
        for _ in 0..=ticks {
            keyboard = keyboard.then(KeyAction::Pause {
                duration: Duration::ZERO,
            });
        }
        let keyboard = keyboard
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        guard(
            "drag and press",
            self.client()
                .perform_actions(Actions::from(keyboard).and(mouse)),
        )
        .await
        .unwrap_or_else(|e| panic!("drag and press {key:?}: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// Save a screenshot of the window to `<target>/e2e-screens/<name>.png`, once the page has
    /// painted two more frames: WebDriver's snapshot is the last frame the window composited,
    /// which on a busy machine can be behind the page.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let painted = self.client().execute_async(
            "const done = arguments[0];
             const fallback = setTimeout(done, 1000);
             requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(fallback); done(); }));",
            vec![],
        );
        let _ = tokio::time::timeout(Duration::from_secs(5), painted).await;
        let png = guard(&format!("screenshot {name}"), self.client().screenshot())
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let path = screens_dir().join(format!("{name}.png"));
        fs::write(&path, png).expect("write the screenshot");
        eprintln!("[e2e] screenshot {}", path.display());
        path
    }

    async fn failure_screenshot(&self, what: &str) -> Option<PathBuf> {
        let client = self.client.as_ref()?;
        let png = match tokio::time::timeout(Duration::from_secs(10), client.screenshot()).await {
            Ok(Ok(png)) => png,
            Ok(Err(e)) => {
                eprintln!("[e2e] failure screenshot: {e}");
                return None;
            }
            Err(_) => {
                eprintln!("[e2e] failure screenshot timed out");
                return None;
            }
        };
        let slug: String = what
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        let path = screens_dir().join(format!("FAILED-{}-{slug}.png", self.h.name));
        fs::write(&path, png).ok()?;
        Some(path)
    }
}

// ---------------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------------

/// Does any string anywhere in `v` satisfy `pred`? (For schema-agnostic checks of CLI output.)
pub fn any_string(v: &Value, pred: &dyn Fn(&str) -> bool) -> bool {
    match v {
        Value::String(s) => pred(s),
        Value::Array(a) => a.iter().any(|x| any_string(x, pred)),
        Value::Object(o) => o.values().any(|x| any_string(x, pred)),
        _ => false,
    }
}

/// Every string anywhere in `v`.
pub fn all_strings(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(v, &mut out);
    out
}

/// Does this text contain Cyrillic letters?
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Closing the window as the window manager does
// ---------------------------------------------------------------------------------------------

impl App {
    /// Presses `button` (which opens a print preview), switches WebDriver to the new window
    /// and waits for the printable document to load; returns its heading.
    pub async fn open_print_preview(&self, button: &str) -> String {
        let main = self.client().window().await.expect("the main window");
        self.click(button).await;
        let preview = self
            .eventually("the preview window to open", || async {
                let handles = self.client().windows().await.ok()?;
                handles.into_iter().find(|h| *h != main)
            })
            .await;
        self.client()
            .switch_to_window(preview)
            .await
            .expect("switch to the preview");
        self.eventually("the printable document to load", || async {
            let h1 = self.find_css_opt("h1").await?;
            let text = h1.text().await.ok()?;
            (!text.is_empty()).then_some(text)
        })
        .await
    }
}

impl App {
    /// Ask the app's main window (titled "Hearth") to close as its title bar's close button
    /// does: the window manager sends the window the `WM_DELETE_WINDOW` message, and GTK
    /// turns it into the window's close request. WebDriver's "close window" cannot stand in
    /// for it: it ends the web view and the app without the app ever being asked (tried: a
    /// typed, unsaved charter was lost with no question).
    pub async fn close_window(&self) {
        self.close_window_titled("Hearth").await;
    }

    /// [`App::close_window`] for another window of the app, e.g. a print preview.
    pub async fn close_window_titled(&self, title: &str) {
        let pids = self.h.app_pids();
        assert!(!pids.is_empty(), "close_window(): the app is not running");
        let display = self.h.display.clone();
        let title = title.to_string();
        tokio::task::spawn_blocking(move || x11::send_delete_window(&display, &pids, &title))
            .await
            .expect("the X request ran")
            .unwrap_or_else(|e| panic!("close the window: {e}"));
    }

    /// Click a button that closes the app (the window closes as the click is answered, so
    /// WebDriver may report the window gone instead of answering). Follow it with
    /// [`App::wait_exited`], which says whether the app did close.
    pub async fn click_closing(&self, id: &str) {
        let el = self.wait(id).await;
        if let Err(e) = guard("click", el.click()).await {
            eprintln!("[e2e] clicking {id} (which closes the app): {e}");
        }
    }

    /// Wait until the app has exited on its own (its window was closed), then drop the
    /// WebDriver session, which has nothing left to drive; `start_app()` starts it again.
    /// False, with the session kept, when it still runs after `timeout`.
    pub async fn wait_exited(&mut self, timeout: Duration) -> bool {
        if !self.h.wait_app_exit(timeout).await {
            return false;
        }
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
        true
    }
}

/// Just enough Xlib, loaded at run time (libX11 is there wherever GTK runs), to find a
/// client's top-level window by process and title and send it `WM_DELETE_WINDOW`.
mod x11 {
    use std::ffi::{c_char, c_int, c_long, c_uchar, c_uint, c_ulong, c_void, CStr, CString};

    type Display = c_void;
    type Window = c_ulong;
    type Atom = c_ulong;

    /// Xlib's XClientMessageEvent, padded to the size of an XEvent.
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct ClientMessage {
        kind: c_int,
        serial: c_ulong,
        send_event: c_int,
        display: *mut Display,
        window: Window,
        message_type: Atom,
        format: c_int,
        data: [c_long; 5],
    }

    #[repr(C)]
    union XEvent {
        client: ClientMessage,
        pad: [c_long; 24],
    }

    const CLIENT_MESSAGE: c_int = 33;
    const ANY_PROPERTY_TYPE: Atom = 0;

    struct Xlib {
        open_display: unsafe extern "C" fn(*const c_char) -> *mut Display,
        close_display: unsafe extern "C" fn(*mut Display) -> c_int,
        default_root_window: unsafe extern "C" fn(*mut Display) -> Window,
        query_tree: unsafe extern "C" fn(
            *mut Display,
            Window,
            *mut Window,
            *mut Window,
            *mut *mut Window,
            *mut c_uint,
        ) -> c_int,
        intern_atom: unsafe extern "C" fn(*mut Display, *const c_char, c_int) -> Atom,
        #[allow(clippy::type_complexity)]
        get_window_property: unsafe extern "C" fn(
            *mut Display,
            Window,
            Atom,
            c_long,
            c_long,
            c_int,
            Atom,
            *mut Atom,
            *mut c_int,
            *mut c_ulong,
            *mut c_ulong,
            *mut *mut c_uchar,
        ) -> c_int,
        send_event: unsafe extern "C" fn(*mut Display, Window, c_int, c_long, *mut XEvent) -> c_int,
        sync: unsafe extern "C" fn(*mut Display, c_int) -> c_int,
        free: unsafe extern "C" fn(*mut c_void) -> c_int,
    }

    impl Xlib {
        fn load() -> Result<Xlib, String> {
            /// A function of the library, as the function pointer type `F`.
            unsafe fn symbol<F: Copy>(lib: *mut c_void, name: &CStr) -> Result<F, String> {
                let f = unsafe { libc::dlsym(lib, name.as_ptr()) };
                if f.is_null() {
                    return Err(format!("libX11 lacks {name:?}"));
                }
                Ok(unsafe { std::mem::transmute_copy::<*mut c_void, F>(&f) })
            }
            unsafe {
                let lib = libc::dlopen(c"libX11.so.6".as_ptr(), libc::RTLD_NOW);
                if lib.is_null() {
                    return Err("libX11.so.6 could not be loaded".into());
                }
                Ok(Xlib {
                    open_display: symbol(lib, c"XOpenDisplay")?,
                    close_display: symbol(lib, c"XCloseDisplay")?,
                    default_root_window: symbol(lib, c"XDefaultRootWindow")?,
                    query_tree: symbol(lib, c"XQueryTree")?,
                    intern_atom: symbol(lib, c"XInternAtom")?,
                    get_window_property: symbol(lib, c"XGetWindowProperty")?,
                    send_event: symbol(lib, c"XSendEvent")?,
                    sync: symbol(lib, c"XSync")?,
                    free: symbol(lib, c"XFree")?,
                })
            }
        }

        fn atom(&self, dpy: *mut Display, name: &CStr) -> Atom {
            unsafe { (self.intern_atom)(dpy, name.as_ptr(), 0) }
        }

        /// A property's raw items (bytes for format 8, C longs for format 32).
        fn property(
            &self,
            dpy: *mut Display,
            window: Window,
            name: Atom,
        ) -> Option<(c_int, Vec<u8>)> {
            let (mut kind, mut format, mut items, mut after) = (0, 0, 0, 0);
            let mut data: *mut c_uchar = std::ptr::null_mut();
            let status = unsafe {
                (self.get_window_property)(
                    dpy,
                    window,
                    name,
                    0,
                    1024,
                    0,
                    ANY_PROPERTY_TYPE,
                    &mut kind,
                    &mut format,
                    &mut items,
                    &mut after,
                    &mut data,
                )
            };
            if status != 0 || data.is_null() {
                return None;
            }
            let unit = match format {
                8 => 1,
                16 => std::mem::size_of::<std::ffi::c_short>(),
                _ => std::mem::size_of::<c_long>(),
            };
            let bytes = unsafe { std::slice::from_raw_parts(data, items as usize * unit) }.to_vec();
            unsafe { (self.free)(data.cast()) };
            Some((format, bytes))
        }

        fn children(&self, dpy: *mut Display, window: Window) -> Vec<Window> {
            let (mut root, mut parent, mut count) = (0, 0, 0);
            let mut list: *mut Window = std::ptr::null_mut();
            let ok = unsafe {
                (self.query_tree)(dpy, window, &mut root, &mut parent, &mut list, &mut count)
            };
            if ok == 0 || list.is_null() {
                return Vec::new();
            }
            let children = unsafe { std::slice::from_raw_parts(list, count as usize) }.to_vec();
            unsafe { (self.free)(list.cast()) };
            children
        }
    }

    /// Sends `WM_DELETE_WINDOW` to every window of one of `pids` titled `title`; an error
    /// when there is none. Windows inside a window manager's frames are found too.
    pub fn send_delete_window(display: &str, pids: &[i32], title: &str) -> Result<(), String> {
        let x = Xlib::load()?;
        let name = CString::new(display).map_err(|e| e.to_string())?;
        let dpy = unsafe { (x.open_display)(name.as_ptr()) };
        if dpy.is_null() {
            return Err(format!("cannot open the X display {display}"));
        }
        let net_wm_pid = x.atom(dpy, c"_NET_WM_PID");
        let net_wm_name = x.atom(dpy, c"_NET_WM_NAME");
        let protocols = x.atom(dpy, c"WM_PROTOCOLS");
        let delete = x.atom(dpy, c"WM_DELETE_WINDOW");
        let ours = |window: Window| {
            let pid = x
                .property(dpy, window, net_wm_pid)
                .and_then(|(format, bytes)| {
                    let bytes: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
                    (format == 32).then(|| c_long::from_ne_bytes(bytes))
                });
            let named = x
                .property(dpy, window, net_wm_name)
                .is_some_and(|(_, bytes)| bytes == title.as_bytes());
            named && pid.is_some_and(|pid| pids.iter().any(|&p| c_long::from(p) == pid))
        };
        let mut pending = vec![unsafe { (x.default_root_window)(dpy) }];
        let mut sent = 0;
        while let Some(window) = pending.pop() {
            if ours(window) {
                let mut event = XEvent {
                    client: ClientMessage {
                        kind: CLIENT_MESSAGE,
                        serial: 0,
                        send_event: 1,
                        display: dpy,
                        window,
                        message_type: protocols,
                        format: 32,
                        data: [delete as c_long, 0, 0, 0, 0],
                    },
                };
                unsafe { (x.send_event)(dpy, window, 0, 0, &mut event) };
                sent += 1;
            } else {
                pending.extend(x.children(dpy, window));
            }
        }
        unsafe {
            (x.sync)(dpy, 0);
            (x.close_display)(dpy);
        }
        if sent == 0 {
            return Err(format!(
                "no window titled {title:?} belongs to the app (pids {pids:?}) on {display}"
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The app as a person starts it, driven through the X server
// ---------------------------------------------------------------------------------------------

/// How long one `xdotool` command may run.
const X_COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// The isolated `HOME`.
    pub fn home(&self) -> PathBuf {
        self.root_path.join("home")
    }

    /// The isolated `XDG_CONFIG_HOME` (GTK reads `gtk-3.0/settings.ini` there).
    pub fn config_home(&self) -> PathBuf {
        self.root_path.join("xdg-config")
    }

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

    /// Run `xdotool <args>` on the app's display and return its output, trimmed. Panics when
    /// it is missing, fails, or runs longer than 10 s. `xdotool search` finding nothing is
    /// an empty answer, not a failure.
    pub fn xdotool(&self, args: &[&str]) -> String {
        let mut child = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
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
        let nothing_found = args.first() == Some(&"search") && stdout.trim().is_empty();
        assert!(
            status.success() || nothing_found,
            "`xdotool {}` failed ({status}): {}",
            args.join(" "),
            stderr.trim()
        );
        stdout.trim().to_string()
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
