//! The headless command line. Exit codes: 0 success, 1 failure, 2 bad input (with a clear
//! message on stderr, and nothing written). `--json` prints machine-readable output.
//!
//! This module holds what every subcommand shares: the arguments and the list of
//! subcommands, parsing, printing the answer with its exit code, and opening the database.
//! Each domain's subcommands (their arguments and bodies) live in a module of their own,
//! mirroring `commands/` and hearth-core.

mod community;
mod db;
mod events;
mod interop;
mod members;
mod print;
mod report;
mod sharing;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth_core::community as core_community;
use hearth_core::db::startup;
use hearth_core::{data_dir, Db, Error, Result, Rule};
use serde::Serialize;
use serde_json::json;

#[derive(Parser)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: a local-first organizer for professional communities.",
    long_about = "Hearth: a local-first organizer for professional communities.\n\
                  With no command it opens the window; with one it works without a display."
)]
pub struct Args {
    /// The data folder [default: ~/.local/share/hearth]
    #[arg(long, global = true, value_name = "DIR", env = data_dir::ENV_VAR)]
    pub data_dir: Option<PathBuf>,
    /// Print machine-readable JSON
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand, in the order `hearth --help` lists them. A subcommand's arguments
/// are defined in its domain's module.
#[derive(Subcommand)]
pub enum Command {
    /// Check the database: schema version, integrity and references
    Check,
    /// Back up the database now (into the backups folder, or to --out)
    Backup(db::BackupArgs),
    /// Replace the database with a backup (the current state is backed up first)
    Restore(db::RestoreArgs),
    /// Create the sample community
    Demo(community::DemoArgs),
    /// List or create communities
    #[command(subcommand)]
    Community(community::CommunityCommand),
    /// List a community's members
    #[command(subcommand)]
    Member(members::MemberCommand),
    /// List a community's events
    #[command(subcommand)]
    Event(events::EventCommand),
    /// Write a printable document (HTML laid out for A4 or US Letter)
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// Report the community's metrics (JSON, CSV or a printable HTML report)
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Import members from a CSV or vCard file, or events from an iCalendar file
    #[command(subcommand)]
    Import(interop::ImportCommand),
    /// Export members as CSV or vCard, or events as iCalendar
    #[command(subcommand)]
    Export(interop::ExportCommand),
    /// Share a community with co-organizers through a relay, and print its join code
    Share(sharing::ShareArgs),
    /// Join a community another copy shares, by its join code
    Join(sharing::JoinArgs),
    /// Sync the shared communities with their relay (until stopped, or --once)
    Sync(sharing::SyncArgs),
    /// Run a relay co-organizers' copies sync through (until stopped)
    Relay(sharing::RelayArgs),
    /// List the fields of a shared community co-organizers set differently while apart
    Conflicts(sharing::ConflictsArgs),
}

pub fn run(command: Command, explicit_dir: Option<PathBuf>, json: bool) -> ExitCode {
    let result = data_dir::resolve(explicit_dir).and_then(|dir| execute(command, &dir, json));
    match result {
        Ok(output) => {
            if json {
                say_out(&serde_json::to_string_pretty(&output.json).unwrap_or_default());
            } else {
                say_out(&output.text);
            }
            if output.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            if json {
                say_err(&json!({ "error": err }).to_string());
            } else {
                say_err(&format!("hearth: {err}"));
            }
            ExitCode::from(if err.is_bad_input() { 2 } else { 1 })
        }
    }
}

/// Parses the command line. Under `--json` even a mistyped argument answers in JSON; help
/// and version print as usual.
pub fn parse() -> std::result::Result<Args, ExitCode> {
    Args::try_parse().map_err(|err| {
        use clap::error::ErrorKind;
        let json = std::env::args_os().any(|a| a == "--json");
        match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                say_out(err.render().to_string().trim_end());
                ExitCode::SUCCESS
            }
            _ if json => {
                let message = err.render().to_string();
                let first = message.lines().next().unwrap_or_default();
                let message = first.strip_prefix("error: ").unwrap_or(first);
                say_err(
                    &json!({ "error": {
                        "code": "invalid_input",
                        "message": message,
                        "field": null,
                        "rule": null,
                        "limit": null,
                    }})
                    .to_string(),
                );
                ExitCode::from(2)
            }
            _ => {
                say_err(err.render().to_string().trim_end());
                ExitCode::from(2)
            }
        }
    })
}

fn execute(command: Command, dir: &Path, json: bool) -> Result<Output> {
    match command {
        Command::Check => db::check(dir),
        Command::Backup(args) => db::backup(dir, args),
        Command::Restore(args) => db::restore(dir, args),
        Command::Demo(args) => community::demo(dir, args),
        Command::Community(command) => community::run(dir, command),
        Command::Member(command) => members::run(dir, command),
        Command::Event(command) => events::run(dir, command),
        Command::Print(command) => print::run(dir, command),
        Command::Report(command) => report::run(dir, command),
        Command::Import(command) => interop::import(dir, command),
        Command::Export(command) => interop::export(dir, command),
        Command::Share(args) => sharing::share(dir, args),
        Command::Join(args) => sharing::join(dir, args),
        Command::Sync(args) => sharing::sync(dir, json, args),
        Command::Relay(args) => sharing::relay(dir, args),
        Command::Conflicts(args) => sharing::conflicts(dir, args),
    }
}

/// Prints a line on standard output. A reader that went away (`hearth … | head`) is its
/// own choice, not an error of ours: the rest is dropped quietly.
fn say_out(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn say_err(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// What a subcommand answers: the text for a person, the value for `--json`.
struct Output {
    text: String,
    json: serde_json::Value,
    /// False when the command ran but found a problem (a failed check): exit code 1.
    ok: bool,
}

impl Output {
    fn new(text: String, value: impl Serialize) -> Result<Output> {
        Ok(Output {
            text,
            json: serde_json::to_value(value)?,
            ok: true,
        })
    }
}

/// Text from the database as a terminal should show it: control characters (which core
/// refuses in new input, but an older file may hold) are written as escapes, so a name
/// can never forge a line of output or colour the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Opens the database for a command that only reads: None when there is none, and then
/// nothing is created.
fn open_existing(dir: &Path) -> Result<Option<Db>> {
    match startup::open_existing(dir)? {
        None => Ok(None),
        Some(opened) => match opened.recovery {
            None => Ok(Some(opened.db)),
            Some(recovery) => Err(damaged(&recovery)),
        },
    }
}

/// Opens the database for a command that needs it whole: a damaged one is kept aside by
/// the start-up logic, and the command stops with advice instead of working on an empty file.
fn open(dir: &Path) -> Result<Db> {
    let opened = startup::open(dir)?;
    match opened.recovery {
        None => Ok(opened.db),
        Some(recovery) => Err(damaged(&recovery)),
    }
}

fn damaged(recovery: &startup::Recovery) -> Error {
    let advice = match recovery.backups.first() {
        Some(b) => format!(
            "restore the newest good backup with: hearth restore {}",
            recovery
                .damaged_path
                .with_file_name(data_dir::BACKUP_DIR)
                .join(&b.file_name)
                .display()
        ),
        None => "no good backup was found".into(),
    };
    Error::Corrupt(format!(
        "the database failed its check and was kept aside at {}; {advice}",
        recovery.damaged_path.display()
    ))
}

/// The database, which must exist, and the community a command means: the one named, or
/// the only one there is. With no database there is no community, and none is created.
fn open_community(dir: &Path, community: Option<i64>) -> Result<(Db, i64)> {
    let db = open_existing(dir)?.ok_or_else(|| match community {
        Some(id) => Error::NotFound(format!("there is no community {id}")),
        None => Error::NotFound("there is no community yet: create one first".into()),
    })?;
    let id = match community {
        Some(id) => id,
        None => only_community(&db)?,
    };
    Ok((db, id))
}

/// The community a command means when none is named: the only one there is.
fn only_community(db: &Db) -> Result<i64> {
    match core_community::list(db)?.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::NotFound("there is no community yet: create one first".into())),
        several => Err(Error::invalid(
            "community",
            Rule::Required,
            format!(
                "there are {} communities: choose one with --community ID (see `hearth community list`)",
                several.len()
            ),
        )),
    }
}
