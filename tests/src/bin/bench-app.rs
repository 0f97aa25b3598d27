//! `make bench`, the app half: start-up time (launch to first data on screen) and memory
//! (PSS of the app and its WebKit processes) of Hearth, each beside the same figure for an
//! empty Tauri window on the same machine, and the ratio the design sets as the target; on
//! the sample community, again with 10,000 more members in it (the roster issue's target:
//! start-up stays within 1.2× the empty window with a roster that size), and again with
//! 5,000 more events (the calendar issue's: the same with a calendar that size).
//!
//! Each round launches Hearth, the empty window, Hearth with the members and Hearth with the
//! events one after the other, and a start-up ratio is taken within the round: this machine's speed drifts by
//! tens of milliseconds from one minute to the next, and a ratio of two launches made
//! seconds apart sees the same machine. The ratio reported is the median of the rounds'.
//!
//! The moment is the one each page reports once its first data is painted (Hearth's Charter
//! with its data, the empty window's one line). The page's own share, from the start of its
//! load, is printed beside: the rest is the processes starting.
//!
//! Usage: bench-app HEARTH_BINARY [EMPTY_WINDOW_BINARY]. Needs Xvfb when there is no display.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const RUNS: usize = 15;
/// Generated members imported into the second data set.
const MEMBERS: usize = 10_000;
/// Generated events imported into the third.
const EVENTS: usize = 5_000;
const READY_LINE: &str = "hearth: first data on screen";

fn main() {
    let mut args = std::env::args().skip(1);
    let hearth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/release/hearth".into()),
    );
    let empty = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/release/empty-window".into()),
    );
    for binary in [&hearth, &empty] {
        assert!(
            binary.is_file(),
            "{} is missing: build it first (make bench does)",
            binary.display()
        );
    }
    // A display of our own when there is none (stopped when this ends).
    let _display = std::env::var_os("DISPLAY").is_none().then(|| {
        let xvfb = hearth_e2e::Xvfb::start(&hearth_e2e::logs_dir().join("bench-app-xvfb.log"));
        std::env::set_var("DISPLAY", xvfb.name());
        xvfb
    });
    // The sample community, so Hearth opens on real data rather than the first-run screen;
    // and a copy of it with 10,000 generated members imported, as a person would import them.
    let data = tempfile::tempdir().expect("temporary folder");
    sample_community(&hearth, data.path());
    let members = tempfile::tempdir().expect("temporary folder");
    sample_community(&hearth, members.path());
    let file = members.path().join("members-10k.csv");
    std::fs::write(&file, hearth_e2e::generated::members_csv(MEMBERS)).expect("write the CSV");
    let import = Command::new(&hearth)
        .arg("--data-dir")
        .arg(members.path())
        .args(["import", "members"])
        .arg(&file)
        .stdout(Stdio::null())
        .status()
        .expect("hearth import runs");
    assert!(import.success(), "hearth import members failed");
    let events = tempfile::tempdir().expect("temporary folder");
    sample_community(&hearth, events.path());
    let file = events.path().join("events-5k.ics");
    std::fs::write(&file, hearth_e2e::generated::events_ics(EVENTS, 200))
        .expect("write the calendar file");
    let import = Command::new(&hearth)
        .arg("--data-dir")
        .arg(events.path())
        .args(["import", "events"])
        .arg(&file)
        .stdout(Stdio::null())
        .status()
        .expect("hearth import runs");
    assert!(import.success(), "hearth import events failed");

    println!(
        "App benchmarks: median of {RUNS} launches (ratios: median of the rounds'), release build, under the current display\n"
    );
    // Launches alternate, so a busy moment of the machine falls on each.
    let mut app = Samples::default();
    let mut baseline = Samples::default();
    let mut app_members = Samples::default();
    let mut app_events = Samples::default();
    let (mut start_ratios, mut members_ratios, mut events_ratios) =
        (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (one, empty_one, members_one, events_one) = (
            launch(&hearth, data.path()),
            launch(&empty, data.path()),
            launch(&hearth, members.path()),
            launch(&hearth, events.path()),
        );
        start_ratios.push(one.start_ms / empty_one.start_ms);
        members_ratios.push(members_one.start_ms / empty_one.start_ms);
        events_ratios.push(events_one.start_ms / empty_one.start_ms);
        app.add(one);
        baseline.add(empty_one);
        app_members.add(members_one);
        app_events.add(events_one);
    }
    let (app, baseline, app_members, app_events) = (
        app.median(),
        baseline.median(),
        app_members.median(),
        app_events.median(),
    );
    let ratio = |a: f64, b: f64| a / b;
    println!(
        "{:<44} {:>10} {:>14} {:>8} {:>8}",
        "what", "Hearth", "empty window", "ratio", "target"
    );
    let start_ratio = median(start_ratios);
    let mem_ratio = ratio(app.pss_mib, baseline.pss_mib);
    println!(
        "{:<44} {:>7.0} ms {:>11.0} ms {:>8.2} {:>8} {}",
        "cold start to first data on screen",
        app.start_ms,
        baseline.start_ms,
        start_ratio,
        "≤ 1.2",
        verdict(start_ratio <= 1.2)
    );
    println!(
        "{:<44} {:>7.0} ms {:>11.0} ms",
        "  of which the page, from its load to its data", app.page_ms, baseline.page_ms,
    );
    println!(
        "{:<44} {:>6.0} MiB {:>10.0} MiB {:>8.2} {:>8} {}",
        "memory: PSS of app + WebKit processes",
        app.pss_mib,
        baseline.pss_mib,
        mem_ratio,
        "≤ 1.3",
        verdict(mem_ratio <= 1.3)
    );
    println!(
        "{:<44} {:>6.0} MiB {:>10.0} MiB",
        "memory: RSS of app + WebKit processes (for reference)", app.rss_mib, baseline.rss_mib
    );
    let members_ratio = median(members_ratios);
    println!(
        "{:<44} {:>7.0} ms {:>11.0} ms {:>8.2} {:>8} {}",
        format!("cold start, {MEMBERS} members more"),
        app_members.start_ms,
        baseline.start_ms,
        members_ratio,
        "≤ 1.2",
        verdict(members_ratio <= 1.2)
    );
    println!(
        "{:<44} {:>7.0} ms {:>11.0} ms",
        "  of which the page, from its load to its data", app_members.page_ms, baseline.page_ms,
    );
    println!(
        "{:<44} {:>6.0} MiB {:>10.0} MiB {:>8.2}",
        format!("memory: PSS, {MEMBERS} members more"),
        app_members.pss_mib,
        baseline.pss_mib,
        ratio(app_members.pss_mib, baseline.pss_mib),
    );
    let events_ratio = median(events_ratios);
    println!(
        "{:<44} {:>7.0} ms {:>11.0} ms {:>8.2} {:>8} {}",
        format!("cold start, {EVENTS} events more"),
        app_events.start_ms,
        baseline.start_ms,
        events_ratio,
        "≤ 1.2",
        verdict(events_ratio <= 1.2)
    );
}

/// `hearth demo` in `data_dir`.
fn sample_community(hearth: &Path, data_dir: &Path) {
    let demo = Command::new(hearth)
        .arg("--data-dir")
        .arg(data_dir)
        .arg("demo")
        .stdout(Stdio::null())
        .status()
        .expect("hearth demo runs");
    assert!(demo.success(), "hearth demo failed");
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "OVER"
    }
}

struct Figures {
    start_ms: f64,
    /// From the start of the page's load to its first data painted, as the page tells it.
    page_ms: f64,
    pss_mib: f64,
    rss_mib: f64,
}

#[derive(Default)]
struct Samples {
    start_ms: Vec<f64>,
    page_ms: Vec<f64>,
    pss_mib: Vec<f64>,
    rss_mib: Vec<f64>,
}

impl Samples {
    fn add(&mut self, one: Figures) {
        self.start_ms.push(one.start_ms);
        self.page_ms.push(one.page_ms);
        self.pss_mib.push(one.pss_mib);
        self.rss_mib.push(one.rss_mib);
    }

    fn median(self) -> Figures {
        Figures {
            start_ms: median(self.start_ms),
            page_ms: median(self.page_ms),
            pss_mib: median(self.pss_mib),
            rss_mib: median(self.rss_mib),
        }
    }
}

/// Launches `binary` once: time to its first data on screen, then its memory once settled.
fn launch(binary: &Path, data_dir: &Path) -> Figures {
    let started = Instant::now();
    let mut child = Command::new(binary)
        .arg("--data-dir")
        .arg(data_dir)
        .env("HEARTH_TIMINGS", "1")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app starts");
    let page_ms = wait_for_ready(&mut child, Duration::from_secs(30));
    let took = started.elapsed();
    let Some(page_ms) = page_ms else {
        let _ = child.kill();
        panic!(
            "{} did not report its first data within 30 s",
            binary.display()
        );
    };
    // Let the web process settle before reading memory, as a person would look at the window.
    std::thread::sleep(Duration::from_millis(1500));
    let (pss, rss) = tree_memory_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    std::thread::sleep(Duration::from_millis(300));
    Figures {
        start_ms: took.as_secs_f64() * 1000.0,
        page_ms,
        pss_mib: pss as f64 / 1024.0,
        rss_mib: rss as f64 / 1024.0,
    }
}

/// Waits for the ready line: "hearth: first data on screen (page 61.0 ms)". Gives the page's
/// share, NaN when the line does not carry it.
fn wait_for_ready(child: &mut Child, timeout: Duration) -> Option<f64> {
    let stderr = child.stderr.take().expect("stderr is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split(READY_LINE).nth(1) {
                let page_ms = rest
                    .trim()
                    .strip_prefix("(page ")
                    .and_then(|r| r.split(' ').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(f64::NAN);
                let _ = tx.send(page_ms);
            }
        }
    });
    rx.recv_timeout(timeout).ok()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// PSS and RSS (KiB) summed over `pid` and all its descendants (WebKit's web and network processes).
fn tree_memory_kib(pid: u32) -> (u64, u64) {
    let mut pids = vec![pid];
    let mut i = 0;
    while i < pids.len() {
        pids.extend(children(pids[i]));
        i += 1;
    }
    pids.iter().fold((0, 0), |(pss, rss), p| {
        let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default();
        (
            pss + field_kib(&rollup, "Pss:"),
            rss + field_kib(&rollup, "Rss:"),
        )
    })
}

fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|s| {
            s.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

fn field_kib(text: &str, name: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
