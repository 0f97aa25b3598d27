//! `hearth print …`: printable documents (HTML laid out for A4 or US Letter) written to
//! standard output or, through `--out`, to a file that is never the database or one of its
//! backups, as `commands/print.rs` is for the window. Printing only reads and creates
//! nothing. PDF is the app's to make: WebKitGTK lays the page out, and it needs a display.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use hearth_core::print::{self, Output as PrintOutput};
use hearth_core::{output_file, Error, Result};
use serde_json::json;

use super::{open_community, open_existing, Output};

#[derive(Subcommand)]
pub enum PrintCommand {
    /// The community plan: charter, platforms, and the four stages with their tasks
    Plan {
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// An event's meetup plan: agenda with clock times, roles, checklist, check-in sheet.
    ///
    /// HTML only: a PDF is made by the app (Print plan, then Save as PDF), because the page is
    /// laid out by the app's web view, which needs a display.
    Meetup {
        /// The event (`hearth event list` gives its id)
        #[arg(value_name = "EVENT_ID")]
        event: i64,
        /// The whole plan, a one-page agenda for the wall, or the check-in sheet alone
        #[arg(long, value_name = "VARIANT", default_value = "full", value_parser = ["full", "agenda", "checkin"])]
        variant: String,
        /// The paper it is laid out for
        #[arg(long, value_name = "PAPER", default_value = "a4", value_parser = ["a4", "letter"])]
        paper: String,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub(super) fn run(dir: &Path, command: PrintCommand) -> Result<Output> {
    match command {
        PrintCommand::Plan { community, out } => plan(dir, community, out),
        PrintCommand::Meetup {
            event,
            variant,
            paper,
            out,
        } => meetup(dir, event, &variant, &paper, out),
    }
}

fn meetup(
    dir: &Path,
    event: i64,
    variant: &str,
    paper: &str,
    out: Option<PathBuf>,
) -> Result<Output> {
    if let Some(path) = &out {
        output_file::guard(dir, path)?;
    }
    let variant = print::Variant::parse("variant", variant)?;
    let paper = print::Paper::parse("paper", paper)?;
    let db =
        open_existing(dir)?.ok_or_else(|| Error::NotFound(format!("there is no event {event}")))?;
    let html = print::meetup_plan(
        &db,
        event,
        variant,
        paper,
        PrintOutput::Document,
        &print::system_locale(),
    )?;
    written(html, out)
}

/// The document on standard output, or in `out` and the path said.
fn written(html: String, out: Option<PathBuf>) -> Result<Output> {
    match out {
        Some(path) => {
            output_file::write(&path, html.as_bytes())?;
            Output::new(format!("wrote {}", path.display()), json!({ "path": path }))
        }
        None => Output::new(html.clone(), json!({ "html": html })),
    }
}

fn plan(dir: &Path, community: Option<i64>, out: Option<PathBuf>) -> Result<Output> {
    if let Some(path) = &out {
        output_file::guard(dir, path)?;
    }
    let (db, id) = open_community(dir, community)?;
    // Dates as the app would show them: in the language chosen in its settings.
    let dates = print::DateFormat::of_interface(&db)?;
    let html = print::community_plan(&db, id, PrintOutput::Document, &dates)?;
    written(html, out)
}
