//! tauri-driver (with WebKitWebDriver under it) and the WebDriver session it opens, which is
//! what starts the app. Every WebDriver command goes through [`guard`], so a session that stops
//! answering fails the test with a message instead of hanging the suite.

use std::fs::OpenOptions;
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

use crate::paths::{tail, which};
use crate::process::die_with_parent;
use crate::Harness;

/// How long one WebDriver command may take before the session is taken for stuck.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// Await one WebDriver command, failing loudly instead of hanging the suite forever when the
/// session stops answering.
pub(crate) async fn guard<T>(what: &str, fut: impl Future<Output = T>) -> T {
    match tokio::time::timeout(COMMAND_TIMEOUT, fut).await {
        Ok(v) => v,
        Err(_) => panic!(
            "WebDriver did not answer `{what}` within {} s: the session is stuck (see target/e2e-logs/)",
            COMMAND_TIMEOUT.as_secs()
        ),
    }
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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("find a free TCP port")
}

fn port_open(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_ok()
}

pub(crate) struct Driver {
    pub(crate) child: Child,
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

impl Harness {
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

    pub(crate) async fn open_session(&mut self) -> Client {
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
}
