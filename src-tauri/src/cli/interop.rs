//! `hearth import members|events FILE` and `hearth export members|events`: members in
//! and out through CSV and vCard files, the calendar through iCalendar files, as the
//! import wizard and the export in the window do, for scripts and for people who keep
//! their list in a spreadsheet or their season in another calendar. An import goes
//! through the same preview first: a file with any problem is refused with exit code 2,
//! each problem by row (or line) and reason, and nothing is written.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::Subcommand;
use hearth_core::events::ical;
use hearth_core::interop::{self, FileFormat};
use hearth_core::members::export::{self, ExportFormat};
use hearth_core::members::import::{self, ImportOptions};
use hearth_core::{Db, Error, Result, Rule};
use serde_json::json;

use super::{only_community, open_existing, printable, Output};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import members from a CSV or vCard file (all of it, or nothing)
    Members {
        /// The file: .csv (comma, semicolon or tab; UTF-8 or Windows-1251) or .vcf
        file: PathBuf,
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// Check the file and say what would happen; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Dates with slashes are month first (03/25/2026), as in the US
        #[arg(long)]
        us_dates: bool,
    },
    /// Import events from an iCalendar (.ics) file (all of it, or nothing). Events keep
    /// the file's UIDs: importing the file again updates them instead of adding them twice
    Events {
        /// The .ics file (UTF-8, at most 32 MiB), as Google Calendar, Outlook,
        /// Thunderbird or Apple Calendar export it
        file: PathBuf,
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// Check the file and say what would happen; write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Export a community's members as CSV or vCard 4.0
    Members {
        /// csv or vcf
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Start a CSV file with a byte-order mark, so Excel reads it as UTF-8
        #[arg(long)]
        bom: bool,
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
    },
    /// Export a community's events as iCalendar (RFC 5545): series with their rules and
    /// exceptions, times in each event's zone
    Events {
        /// ics
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
    },
}

/// How many problems the message of a refused import lists (all are counted).
const PROBLEMS_LISTED: usize = 20;

pub(super) fn import(dir: &Path, command: ImportCommand) -> Result<Output> {
    let (file, community, dry_run, us_dates) = match command {
        ImportCommand::Members {
            file,
            community,
            dry_run,
            us_dates,
        } => (file, community, dry_run, us_dates),
        ImportCommand::Events {
            file,
            community,
            dry_run,
        } => return import_events(dir, &file, community, dry_run),
    };
    let bytes = interop::read_file(&file)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut db = existing(dir, community)?;
    let id = community_of(&db, community)?;
    let options = ImportOptions {
        us_dates,
        ..ImportOptions::default()
    };
    let preview = import::preview(&db, id, &file_name, &bytes, &options)?;
    if preview.problem_count > 0 {
        let mut message = refusal(
            &file,
            preview.problem_count,
            preview.problems.iter().map(|p| p.message.as_str()),
        );
        if preview.us_dates_suggested {
            message.push_str("\nThe dates look like US dates (month first): try --us-dates");
        }
        let first = preview.problems.first();
        return Err(Error::InvalidInput {
            field: Some("file".into()),
            rule: first.and_then(|p| p.rule).unwrap_or(Rule::InvalidFormat),
            limit: None,
            message,
        });
    }
    let mut text = String::new();
    // A vCard file's records are cards, as core's own messages name them.
    let record = match preview.format {
        FileFormat::Vcard => "card",
        FileFormat::Csv => "row",
    };
    for d in &preview.duplicates {
        let whom = match (d.duplicates.member_id, d.duplicates.row) {
            (Some(member), _) => format!("member {member}"),
            (_, Some(row)) => format!("{record} {row}"),
            _ => String::new(),
        };
        text.push_str(&format!(
            "{record} {}: {} duplicates {whom} {} (same {}): {}\n",
            d.row,
            printable(&d.name),
            printable(&d.duplicates.name),
            d.reason,
            d.action
        ));
    }
    if dry_run {
        text.push_str(&format!(
            "{} rows: would add {}, merge {}, skip {}; nothing was written (--dry-run)",
            preview.row_count, preview.add, preview.merge, preview.skip
        ));
        return Output::new(text, &preview);
    }
    let report = import::commit(
        &mut db,
        id,
        &file_name,
        &bytes,
        &options,
        &|_, _| {},
        &AtomicBool::new(false),
    )?;
    text.push_str(&format!(
        "{} rows: added {}, merged {}, skipped {}",
        report.rows, report.added, report.merged, report.skipped
    ));
    Output::new(text, report)
}

pub(super) fn export(dir: &Path, command: ExportCommand) -> Result<Output> {
    let (format, out, bom, community) = match command {
        ExportCommand::Members {
            format,
            out,
            bom,
            community,
        } => (format, out, bom, community),
        ExportCommand::Events {
            format,
            out,
            community,
        } => return export_events(dir, &format, out.as_deref(), community),
    };
    let format = ExportFormat::parse("format", &format)?;
    if let Some(path) = &out {
        hearth_core::output_file::guard(dir, path)?;
    }
    let db = existing(dir, community)?;
    let id = community_of(&db, community)?;
    match out {
        Some(path) => {
            let report = export::write(&db, id, format, bom, dir, &path)?;
            Output::new(
                format!(
                    "wrote {} {} to {}",
                    report.members,
                    if report.members == 1 {
                        "member"
                    } else {
                        "members"
                    },
                    path.display()
                ),
                report,
            )
        }
        None => {
            let bytes = export::export(&db, id, format, bom)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| Error::Internal(format!("the export is not text: {e}")))?;
            // Standard output gets the file as it would be written: the line printing adds
            // the last line end back.
            let body = text.strip_suffix('\n').unwrap_or(&text).to_string();
            Output::new(body, json!({ "format": format, "content": text }))
        }
    }
}

fn import_events(dir: &Path, file: &Path, community: Option<i64>, dry_run: bool) -> Result<Output> {
    let bytes = interop::read_file(file)?;
    let mut db = existing(dir, community)?;
    let id = community_of(&db, community)?;
    let preview = ical::import::preview(&db, id, &bytes)?;
    if preview.problem_count > 0 {
        let message = refusal(
            file,
            preview.problem_count,
            preview.problems.iter().map(|p| p.message.as_str()),
        );
        return Err(Error::InvalidInput {
            field: Some("file".into()),
            rule: Rule::InvalidFormat,
            limit: None,
            message,
        });
    }
    let summary = |r: &ical::import::Report, verb: &str| {
        format!(
            "{} single events and {} series ({} occurrences): {verb} {} new, {} updated; \
             {} occurrences changed alone, {} cancelled; {} new venues",
            r.events,
            r.series,
            r.occurrences,
            r.added,
            r.updated,
            r.changed_occurrences,
            r.cancelled_occurrences,
            r.venues_added
        )
    };
    if dry_run {
        let text = format!(
            "{}; nothing was written (--dry-run)",
            summary(&preview, "would add")
        );
        return Output::new(text, &preview);
    }
    let report = ical::import::commit(&mut db, id, &bytes)?;
    Output::new(summary(&report, "added"), &report)
}

fn export_events(
    dir: &Path,
    format: &str,
    out: Option<&Path>,
    community: Option<i64>,
) -> Result<Output> {
    if !format.trim().eq_ignore_ascii_case("ics") {
        return Err(Error::invalid(
            "format",
            Rule::UnknownValue,
            format!("{format:?} is not a format events export to: use ics"),
        ));
    }
    if let Some(path) = out {
        hearth_core::output_file::guard(dir, path)?;
    }
    let db = existing(dir, community)?;
    let id = community_of(&db, community)?;
    let text = ical::export::community(&db, id)?;
    let events = text.matches("BEGIN:VEVENT").count();
    match out {
        Some(path) => {
            hearth_core::output_file::write(path, text.as_bytes())?;
            Output::new(
                format!("wrote {events} calendar entries to {}", path.display()),
                json!({ "path": path.display().to_string(), "entries": events, "bytes": text.len() }),
            )
        }
        None => {
            let body = text.strip_suffix("\r\n").unwrap_or(&text).to_string();
            Output::new(body, json!({ "format": "ics", "content": text }))
        }
    }
}

/// The message of a refused import: how many problems the file has, and the first of them.
fn refusal<'a>(file: &Path, count: u32, messages: impl Iterator<Item = &'a str>) -> String {
    let mut message = format!(
        "{} has {count} {}; nothing was imported:",
        file.display(),
        if count == 1 { "problem" } else { "problems" }
    );
    let mut listed = 0;
    for problem in messages.take(PROBLEMS_LISTED) {
        message.push_str("\n  ");
        message.push_str(&printable(problem));
        listed += 1;
    }
    let hidden = count as usize - listed;
    if hidden > 0 {
        message.push_str(&format!("\n  … and {hidden} more"));
    }
    message
}

/// The database, which must exist: with no database there is no community to import into
/// or export from, and none is created.
fn existing(dir: &Path, community: Option<i64>) -> Result<Db> {
    open_existing(dir)?.ok_or_else(|| match community {
        Some(id) => Error::NotFound(format!("there is no community {id}")),
        None => Error::NotFound("there is no community yet: create one first".into()),
    })
}

fn community_of(db: &Db, community: Option<i64>) -> Result<i64> {
    match community {
        Some(id) => Ok(id),
        None => only_community(db),
    }
}
