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
//!
//! The harness is split by concern: `paths` (where things are), `process` (marked processes,
//! reaping), `display` (Xvfb), `driver` (tauri-driver and the WebDriver session), `harness`
//! ([`Harness`], its directories and environment), `cli` (`hearth <subcommand>`), `app`
//! ([`App`]'s life), `waits`, `actions`, `reading`, `screenshots`, `calendar` (the ways to an event), `preview` (a print preview's saves), `pdf` (reading what was printed), `windows` (other windows,
//! closing as a person does) with `x11` (the `WM_DELETE_WINDOW` message), `plain`
//! ([`PlainApp`], driven with `xdotool`), `json` (checks of CLI output) and `accessibility`
//! (axe-core's pass over the screen showing: `app.assert_accessible("settings")`).

mod accessibility;
mod actions;
mod app;
pub mod calendar;
mod cli;
mod display;
mod driver;
mod file_dialogs;
pub mod generated;
mod harness;
mod json;
mod members;
mod metrics;
mod paths;
pub mod pdf;
mod plain;
mod preview;
mod process;
mod reading;
mod screenshots;
mod waits;
mod windows;
mod x11;

pub use fantoccini;
pub use serde_json::{json, Value};

pub use accessibility::describe_violations;
pub use app::App;
pub use cli::CliOutput;
pub use display::Xvfb;
pub use harness::{Harness, HarnessBuilder};
pub use json::{all_strings, any_string, has_cyrillic};
pub use paths::{hearth_bin, logs_dir, screens_dir, target_dir, workspace_root};
pub use plain::PlainApp;
pub use waits::WAIT;
