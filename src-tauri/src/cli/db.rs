//! `hearth check`, `backup` and `restore`: the database file itself, as `commands/db.rs`
//! is for the window. Checking only reads; a restore verifies its file before it touches
//! the data folder, and keeps the data it replaces.

use std::path::{Path, PathBuf};

use hearth_core::db::{backup, check as db_check, startup};
use hearth_core::{data_dir, output_file, Db, Error, Result};
use serde_json::json;

use super::{damaged, open_existing, say_err, Output};

#[derive(clap::Args)]
pub struct BackupArgs {
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    file: PathBuf,
}

/// Checks without repairing or upgrading: the file is opened read-only, a damaged file is
/// reported, not moved aside, and an older schema is reported as needing an upgrade.
pub(super) fn check(dir: &Path) -> Result<Output> {
    let path = dir.join(data_dir::DB_FILE);
    match db_check::inspect(&path) {
        Ok(report) => {
            let text = match report.problem() {
                None => {
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
                Some(problem) => format!("PROBLEM: {problem}"),
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

pub(super) fn backup(dir: &Path, BackupArgs { out }: BackupArgs) -> Result<Output> {
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
            let backups_dir = dir.join(data_dir::BACKUP_DIR);
            let info = backup::create(&db, &backups_dir)?;
            let path = backups_dir.join(&info.file_name);
            Output::new(format!("backed up to {}", path.display()), info)
        }
    }
}

pub(super) fn restore(dir: &Path, RestoreArgs { file }: RestoreArgs) -> Result<Output> {
    // Check the file before touching the data folder: bad input writes nothing.
    backup::verify(&file)?;
    let backups_dir = dir.join(data_dir::BACKUP_DIR);
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

/// A restore is how a damaged database is mended, so it opens one anyway (the start-up
/// logic has kept the damaged file aside) and only says so.
fn open_for_restore(dir: &Path) -> Result<Db> {
    let opened = startup::open(dir)?;
    if let Some(recovery) = &opened.recovery {
        say_err(&format!("hearth: {}", damaged(recovery)));
    }
    Ok(opened.db)
}
