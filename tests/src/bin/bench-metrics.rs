//! `make bench`, the Metrics section (the metrics issue's target): the dashboard of a network
//! of 100,000 members, 10,000 events and 1,000,000 activities appears in the app in ≤ 300 ms.
//! The network is the one the core bench's `metrics` section generates and writes to the
//! folder named by `HEARTH_BENCH_METRICS_DATA` (the Makefile runs that first). Measured inside
//! the real app's page, driven through WebDriver like the e2e tests: from the click on
//! Metrics in the sidebar to the first frame painted with the cards, once start-up's own
//! backup of the file is done.
//!
//! Usage: bench-metrics [HEARTH_BINARY] (default target/release/hearth); the data folder in
//! `HEARTH_BENCH_METRICS_DATA`.

use hearth_e2e::Harness;

const RUNS: usize = 7;

/// Clicks Metrics and reports the time to the first frame painted with the members card
/// filled. Checked in each frame's callback, which runs just before that frame is painted;
/// the timeout queued from it runs once the frame is painted.
const OPEN_METRICS: &str = r#"
const [done] = arguments;
const t0 = performance.now();
document.querySelector('[data-testid="nav-metrics"]').click();
const check = () => {
  const value = document.querySelector('[data-testid="metric-members_total-value"]');
  if (value && value.textContent.trim() !== '') {
    setTimeout(() => done(performance.now() - t0), 0);
  } else {
    requestAnimationFrame(check);
  }
};
requestAnimationFrame(check);
"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data = std::env::var_os("HEARTH_BENCH_METRICS_DATA")
        .map(std::path::PathBuf::from)
        .expect("HEARTH_BENCH_METRICS_DATA names the folder the core bench wrote the network to");
    let file = data.join("hearth.sqlite3");
    assert!(
        file.is_file(),
        "{} is missing: run the core bench's metrics section with HEARTH_BENCH_METRICS_DATA set first",
        file.display()
    );
    let (harness, bin) = Harness::for_benchmark("bench-metrics");
    std::fs::create_dir_all(harness.data_dir()).expect("the data folder");
    std::fs::copy(&file, harness.data_dir().join("hearth.sqlite3")).expect("copy the network");

    let backups = harness.data_dir().join("backups");
    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.resize(1400, 900).await;
    // Start-up backs the file up on a thread of its own; with 380 MB that takes the first
    // twenty seconds or so, and a click meanwhile shares the processor with it (the same
    // click measured 290-320 ms then). Measured once it is done: a backup in the folder, and
    // none being written.
    let started = std::time::Instant::now();
    loop {
        let names: Vec<String> = std::fs::read_dir(&backups)
            .map(|dir| {
                dir.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if names.iter().any(|n| n.ends_with(".sqlite3"))
            && !names.iter().any(|n| n.ends_with(".partial"))
        {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(300),
            "the start-up backup did not finish in 5 minutes"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    println!(
        "(the start-up backup took about {:.0} s)",
        started.elapsed().as_secs_f64()
    );
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let mut opened = Vec::new();
    for _ in 0..RUNS {
        // From another section each time, so the Metrics view is made afresh.
        app.click("nav-charter").await;
        app.wait("charter-save").await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let ms = app
            .client()
            .execute_async(OPEN_METRICS, vec![])
            .await
            .expect("open Metrics");
        opened.push(ms.as_f64().expect("milliseconds"));
    }
    drop(app);

    let ms = median(opened);
    let verdict = if ms <= 300.0 { "ok" } else { "OVER" };
    println!(
        "\nMetrics section, 100,000 members, 10,000 events, 1,000,000 activities, median of {RUNS} ({bin}):"
    );
    println!(
        "{:<52} {ms:>8.1} ms   target ≤ 300 ms   {verdict}",
        "click to the dashboard painted"
    );
}
