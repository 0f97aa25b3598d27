//! `hearth print …`: printable documents (HTML laid out for A4) written to standard output
//! or, through `--out`, to a file that is never the database or one of its backups, as
//! `commands/print.rs` is for the window. Printing only reads and creates nothing.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use hearth_core::print::{self, Output as PrintOutput};
use hearth_core::{output_file, Error, Result};
use serde_json::json;

use super::{only_community, open_existing, Output};

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
}

pub(super) fn run(dir: &Path, command: PrintCommand) -> Result<Output> {
    match command {
        PrintCommand::Plan { community, out } => plan(dir, community, out),
    }
}

fn plan(dir: &Path, community: Option<i64>, out: Option<PathBuf>) -> Result<Output> {
    if let Some(path) = &out {
        output_file::guard(dir, path)?;
    }
    let no_community = || match community {
        Some(id) => Error::NotFound(format!("there is no community {id}")),
        None => Error::NotFound("there is no community yet: create one first".into()),
    };
    let db = open_existing(dir)?.ok_or_else(no_community)?;
    let id = match community {
        Some(id) => id,
        None => only_community(&db)?,
    };
    // Dates as the app would show them: in the language chosen in its settings.
    let dates = print::DateFormat::of_interface(&db)?;
    let html = print::community_plan(&db, id, PrintOutput::Document, &dates)?;
    match out {
        Some(path) => {
            output_file::write(&path, html.as_bytes())?;
            Output::new(format!("wrote {}", path.display()), json!({ "path": path }))
        }
        None => Output::new(html.clone(), json!({ "html": html })),
    }
}
