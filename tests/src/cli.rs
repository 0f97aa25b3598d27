//! Running `hearth <subcommand>` on a harness's data directory, as a person would from a
//! terminal, with no display.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::process::die_with_parent;
use crate::Harness;

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

impl Harness {
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
}
