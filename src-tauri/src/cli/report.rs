//! `hearth report metrics`: the metrics dashboard's figures for a range, as JSON (each metric
//! by its stable key), CSV or the printable report (HTML), on standard output or in `--out`.
//! Reporting only reads and creates nothing.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use hearth_core::{metrics, print};
use hearth_core::{output_file, Result};
use serde_json::json;

use super::{open_community, Output};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Members, engagement, events, attendance and feedback over a range, month by month
    Metrics {
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// The first day, YYYY-MM-DD [default: twelve months before --to]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last day, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// JSON (each metric by its key), CSV (a row per metric and period), or the printable
        /// report (HTML laid out for A4)
        #[arg(long, value_name = "FORMAT", default_value = "json", value_parser = ["json", "csv", "html"])]
        format: String,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(super) fn run(dir: &Path, command: ReportCommand) -> Result<Output> {
    match command {
        ReportCommand::Metrics {
            community,
            from,
            to,
            format,
            out,
        } => report(dir, community, from, to, &format, out),
    }
}

fn report(
    dir: &Path,
    community: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    format: &str,
    out: Option<PathBuf>,
) -> Result<Output> {
    if let Some(path) = &out {
        output_file::guard(dir, path)?;
    }
    let (db, id) = open_community(dir, community)?;
    let range = metrics::asked_range(&db, id, from.as_deref(), to.as_deref())?;
    let board = metrics::dashboard(&db, id, range)?;
    let (text, value) = match format {
        "csv" => {
            let csv = metrics::export::to_csv(&board);
            (csv.clone(), json!({ "csv": csv }))
        }
        "html" => {
            // Dates as the app would show them: in the language chosen in its settings.
            let dates = print::DateFormat::of_interface(&db)?;
            let html = print::metrics_report(&db, &board, print::Output::Document, &dates)?;
            (html.clone(), json!({ "html": html }))
        }
        _ => {
            let value = metrics::export::to_json(&board);
            (serde_json::to_string_pretty(&value)?, value)
        }
    };
    match out {
        Some(path) => {
            output_file::write(&path, text.as_bytes())?;
            Output::new(format!("wrote {}", path.display()), json!({ "path": path }))
        }
        None => Output::new(text.trim_end().to_string(), value),
    }
}
