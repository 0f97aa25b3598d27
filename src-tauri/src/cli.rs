//! The headless command line. Exit codes: 0 success, 1 failure, 2 bad input (with a clear
//! message on stderr, and nothing written). `--json` prints machine-readable output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth_core::community::{self, NewCommunity};
use hearth_core::db::{backup, check as db_check, startup};
use hearth_core::print::{self, Output as PrintOutput};
use hearth_core::{data_dir, demo, output_file, Db, Error, Locale, Result, Rule};
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

/// Prints a line on standard output. A reader that went away (`hearth … | head`) is its
/// own choice, not an error of ours: the rest is dropped quietly.
fn say_out(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn say_err(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
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
            if let Some(path) = &out {
                output_file::guard(dir, path)?;
            }
            let db = open_existing(dir)?.ok_or_else(|| {
                Error::NotFound(format!(
                    "there is no Hearth database in {} to back up",
                    dir.display()
                ))
            })?;
            match out {
                Some(path) => {
                    backup::create_at(db.path(), &path)?;
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
            let restored = backup::restore(&mut db, &file, &backups_dir)?;
            let report = db.check()?;
            let kept = match &restored.before_restore {
                Some(b) => format!(
                    "; the data it replaced is kept in {}",
                    backups_dir.join(&b.file_name).display()
                ),
                None => String::new(),
            };
            let mut value = serde_json::to_value(&report)?;
            value["beforeRestore"] = serde_json::to_value(&restored.before_restore)?;
            value["revision"] = json!(restored.revision);
            Output::new(format!("restored {}{kept}", file.display()), value)
        }
        Command::Demo { locale } => {
            let locale = Locale::parse("locale", &locale)?;
            let mut db = open(dir)?;
            let community = demo::create(&mut db, locale)?;
            Output::new(
                format!(
                    "created the sample community \"{}\" (id {})",
                    printable(&community.charter.name),
                    community.id
                ),
                community,
            )
        }
        Command::Community(CommunityCommand::List) => {
            let list = match open_existing(dir)? {
                Some(db) => community::list(&db)?,
                None => Vec::new(),
            };
            let text = if list.is_empty() {
                "no communities yet: create one with `hearth community create --name NAME`".into()
            } else {
                list.iter()
                    .map(|c| format!("{}\t{}\t{}", c.id, c.locale, printable(&c.name)))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Output::new(text, list)
        }
        Command::Print(PrintCommand::Plan { community, out }) => {
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
            let html = print::community_plan(&db, id, PrintOutput::Document)?;
            match out {
                Some(path) => {
                    output_file::write(&path, html.as_bytes())?;
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
                    printable(&created.charter.name),
                    created.id
                ),
                created,
            )
        }
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

/// Checks without repairing or upgrading: the file is opened read-only, a damaged file is
/// reported, not moved aside, and an older schema is reported as needing an upgrade.
fn check(dir: &Path) -> Result<Output> {
    let path = dir.join(data_dir::DB_FILE);
    match db_check::inspect(&path) {
        Ok(report) => {
            let text = match report.problem() {
                None if report.quick_check == "ok" => {
                    let upgrade = if report.needs_upgrade {
                        format!(
                            "; this Hearth upgrades it to version {} when it next opens it",
                            report.expected_schema_version
                        )
                    } else {
                        String::new()
                    };
                    format!(
                        "ok: schema version {}, integrity ok, no broken references{upgrade}",
                        report.schema_version
                    )
                }
                problem => format!(
                    "PROBLEM: {}",
                    problem.unwrap_or_else(|| format!("quick_check: {}", report.quick_check))
                ),
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

fn open_for_restore(dir: &Path) -> Result<Db> {
    let opened = startup::open(dir)?;
    if let Some(recovery) = &opened.recovery {
        say_err(&format!("hearth: {}", damaged(recovery)));
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
