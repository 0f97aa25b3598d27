//! [`Harness`]: the isolated world one test runs in (directories, environment, display,
//! driver, the e2e lock), and its end, which takes every process it started with it.

use std::fs::{self, File, OpenOptions};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::display::Xvfb;
use crate::driver::Driver;
use crate::paths::{hearth_bin, logs_dir, tail, target_dir};
use crate::process::{
    become_subreaper, marked_processes, reap_adopted, sigkill, sweep_leftovers, MARKER_VAR,
};
use crate::App;

/// An exclusive lock on `<target>/e2e.lock`, held for the life of a harness. Two harnesses
/// of one test (two windows on two data folders) share it: the second neither waits for the
/// first nor sweeps away its processes and folders as an earlier run's leftovers.
struct E2eLock {
    _file: Arc<File>,
}

/// The lock this process holds, while a harness holds it.
static HELD: Mutex<Weak<File>> = Mutex::new(Weak::new());

impl E2eLock {
    /// The lock, and whether this harness took it first (false: it shares another's).
    fn take() -> (E2eLock, bool) {
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(file) = held.upgrade() {
            return (E2eLock { _file: file }, false);
        }
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
        let file = Arc::new(f);
        *held = Arc::downgrade(&file);
        (E2eLock { _file: file }, true)
    }
}

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
    pub(crate) name: String,
    pub(crate) bin: PathBuf,
    root: Option<tempfile::TempDir>,
    root_path: PathBuf,
    data_dir: PathBuf,
    marker: String,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) display: String,
    pub(crate) driver_log: PathBuf,
    // Dropped in this order: driver (and its group), then Xvfb, then the lock.
    pub(crate) driver: Option<Driver>,
    xvfb: Option<Xvfb>,
    _lock: E2eLock,
}

impl Harness {
    /// A harness with default options (English, `C.UTF-8`). `name` prefixes its logs.
    pub fn new(name: &str) -> Harness {
        Harness::builder(name).build()
    }

    /// The harness of an app benchmark, and the binary it measures: the command line's first
    /// argument, or the release build. The harness picks its binary from this process's
    /// `HEARTH_BIN` (else the debug build, which a fresh clone does not have), so it is set
    /// here. Without GL compositing: on a machine with no GPU, WebKit runs it in software and
    /// it would dominate every frame (a benchmark takes no screenshot, the one thing that
    /// mode breaks under WebDriver).
    pub fn for_benchmark(name: &str) -> (Harness, String) {
        let bin = std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/release/hearth".into());
        std::env::set_var("HEARTH_BIN", &bin);
        let harness = Harness::builder(name)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", Some("1"))
            .build();
        (harness, bin)
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
        let (lock, first) = E2eLock::take();
        become_subreaper();
        if first {
            sweep_leftovers();
        }
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

    /// The isolated `HOME`.
    pub fn home(&self) -> PathBuf {
        self.root_path.join("home")
    }

    /// The isolated `XDG_CONFIG_HOME` (GTK reads `gtk-3.0/settings.ini` there).
    pub fn config_home(&self) -> PathBuf {
        self.root_path.join("xdg-config")
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

    pub(crate) fn kill_marked(&self, filter: impl Fn(&Path) -> bool) {
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
