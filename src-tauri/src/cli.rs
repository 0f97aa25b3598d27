//! The headless command line. Exit codes: 0 success, 1 failure, 2 bad input (with a clear
//! message on stderr, and nothing written). `--json` prints machine-readable output.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth_core::community::{self, NewCommunity};
use hearth_core::db::{backup, startup};
use hearth_core::print::{self, Output as PrintOutput};
use hearth_core::{data_dir, demo, Db, Error, Locale, Result, Rule};
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

#[derive(Subcommand)]
pub enum Command {
    /// Check the database: schema version, integrity and references
    Check,
    /// Back up the database now (into the backups folder, or to --out)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace the database with a backup (the current state is backed up first)
    Restore { file: PathBuf },
    /// Create the sample community
    Demo {
        /// Language of the sample: en or ru
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// List or create communities
    #[command(subcommand)]
    Community(CommunityCommand),
    /// Write a printable document (HTML laid out for A4)
    #[command(subcommand)]
    Print(PrintCommand),
}

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

#[derive(Subcommand)]
pub enum CommunityCommand {
    /// List the communities
    List,
    /// Create a community with its plan from the built-in template
    Create {
        #[arg(long)]
        name: String,
        /// Language of the plan template: en or ru
        #[arg(long, default_value = "en")]
        template: String,
        /// IANA time zone [default: the system's]
        #[arg(long)]
        time_zone: Option<String>,
    },
}

pub fn run(command: Command, explicit_dir: Option<PathBuf>, json: bool) -> ExitCode {
    let result = data_dir::resolve(explicit_dir).and_then(|dir| execute(command, &dir));
    match result {
        Ok(output) => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&output.json).unwrap_or_default()
                );
            } else {
                println!("{}", output.text);
            }
            if output.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            if json {
                eprintln!("{}", json!({ "error": err }));
            } else {
                eprintln!("hearth: {err}");
            }
            ExitCode::from(if err.is_bad_input() { 2 } else { 1 })
        }
    }
}

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

fn execute(command: Command, dir: &Path) -> Result<Output> {
    let backups_dir = dir.join(data_dir::BACKUP_DIR);
    match command {
        Command::Check => check(dir),
        Command::Backup { out } => {
            let db = open(dir)?;
            match out {
                Some(path) => {
                    backup::create_at(&db, &path)?;
                    Output::new(
                        format!("backed up to {}", path.display()),
                        json!({ "path": path }),
                    )
                }
                None => {
                    let info = backup::create(&db, &backups_dir)?;
                    let path = backups_dir.join(&info.file_name);
                    Output::new(format!("backed up to {}", path.display()), info)
                }
            }
        }
        Command::Restore { file } => {
            // Check the file before touching the data folder: bad input writes nothing.
            backup::verify(&file)?;
            let mut db = open_for_restore(dir)?;
            backup::restore(&mut db, &file, &backups_dir)?;
            let report = db.check()?;
            Output::new(format!("restored {}", file.display()), report)
        }
        Command::Demo { locale } => {
            let locale = Locale::parse("locale", &locale)?;
            let mut db = open(dir)?;
            let community = demo::create(&mut db, locale)?;
            Output::new(
                format!(
                    "created the sample community \"{}\" (id {})",
                    community.charter.name, community.id
                ),
                community,
            )
        }
        Command::Community(CommunityCommand::List) => {
            let db = open(dir)?;
            let list = community::list(&db)?;
            let text = if list.is_empty() {
                "no communities yet: create one with `hearth community create --name NAME`".into()
            } else {
                list.iter()
                    .map(|c| format!("{}\t{}\t{}", c.id, c.locale, c.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Output::new(text, list)
        }
        Command::Print(PrintCommand::Plan { community, out }) => {
            let db = open(dir)?;
            let id = match community {
                Some(id) => id,
                None => only_community(&db)?,
            };
            let html = print::community_plan(&db, id, PrintOutput::Document)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, html)
                        .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
                    Output::new(format!("wrote {}", path.display()), json!({ "path": path }))
                }
                None => Output::new(html.clone(), json!({ "html": html })),
            }
        }
        Command::Community(CommunityCommand::Create {
            name,
            template,
            time_zone,
        }) => {
            let new = NewCommunity {
                name,
                locale: template,
                time_zone: time_zone.unwrap_or_else(system_time_zone),
            };
            // Validate first, so bad input does not even create the data folder.
            new.validate()?;
            let mut db = open(dir)?;
            let created = community::create(&mut db, &new)?;
            Output::new(
                format!(
                    "created community \"{}\" (id {})",
                    created.charter.name, created.id
                ),
                created,
            )
        }
    }
}

/// Checks without repairing: a damaged file is reported, not moved aside.
fn check(dir: &Path) -> Result<Output> {
    let path = dir.join(data_dir::DB_FILE);
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "there is no Hearth database at {}",
            path.display()
        )));
    }
    match Db::open(&path).and_then(|db| db.check()) {
        Ok(report) => {
            let text = if report.ok {
                format!(
                    "ok: schema version {}, integrity ok, no broken references",
                    report.schema_version
                )
            } else {
                format!(
                    "PROBLEM: schema version {} (expected {}), quick_check: {}, integrity: {}, broken references: {}",
                    report.schema_version,
                    report.expected_schema_version,
                    report.quick_check,
                    report.integrity_check.join("; "),
                    report.foreign_key_violations
                )
            };
            let ok = report.ok;
            Ok(Output {
                ok,
                ..Output::new(text, report)?
            })
        }
        Err(err @ (Error::Corrupt(_) | Error::InvalidInput { .. })) => Ok(Output {
            text: format!("PROBLEM: {err}"),
            json: json!({ "ok": false, "error": err }),
            ok: false,
        }),
        Err(err) => Err(err),
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

fn open_for_restore(dir: &Path) -> Result<Db> {
    let opened = startup::open(dir)?;
    if let Some(recovery) = &opened.recovery {
        eprintln!("hearth: {}", damaged(recovery));
    }
    Ok(opened.db)
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

/// The community a command means when none is named: the only one there is.
fn only_community(db: &Db) -> Result<i64> {
    match community::list(db)?.as_slice() {
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

fn system_time_zone() -> String {
    iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into())
}
