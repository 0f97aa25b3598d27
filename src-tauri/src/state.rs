//! The state every command shares, kept apart from the window that creates it: the
//! commands depend on this module, `app` builds the state and hands it to Tauri, and
//! nothing depends on `app`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use hearth_core::db::startup;
use hearth_core::{data_dir, Db, Error, Result, Rule};

/// What every command reaches through Tauri's state.
pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown by the interface).
    pub db: Arc<Mutex<Result<Db, Error>>>,
    pub recovery: Mutex<Option<startup::Recovery>>,
    /// Set by `member_import_cancel`; the running import looks at it between members and
    /// rolls back. Outside the database lock, which the import holds while it runs.
    pub import_cancel: Arc<AtomicBool>,
    pub chosen_files: ChosenFiles,
}

/// The files the person chose in a file dialog or dropped on the window this session: the
/// only paths that import, export and a member's data copy take from the page, so a page
/// gone wrong can neither read nor overwrite any other file of theirs.
#[derive(Default)]
pub struct ChosenFiles(Mutex<HashSet<PathBuf>>);

impl ChosenFiles {
    pub fn add(&self, path: &Path) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf());
    }

    /// `path` when the person chose or dropped it; otherwise refused, naming `field`.
    pub fn check(&self, field: &str, path: &str) -> Result<PathBuf> {
        let path = PathBuf::from(path);
        let chosen = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&path);
        if chosen {
            Ok(path)
        } else {
            Err(Error::invalid(
                field,
                Rule::UnknownValue,
                "only a file chosen in a file dialog or dropped on the window",
            ))
        }
    }
}

/// The path a file dialog answered, remembered as chosen, in the form the page gets it.
pub(crate) fn chosen(app: &tauri::AppHandle, path: PathBuf) -> String {
    use tauri::Manager;
    app.state::<AppState>().chosen_files.add(&path);
    path.to_string_lossy().into_owned()
}

/// The system's save dialog, offering `file_name` among `label` files ending in `ending`;
/// the path chosen (remembered as chosen, so an export may write there), or None.
pub(crate) async fn save_dialog(
    app: tauri::AppHandle,
    label: &'static str,
    ending: &'static str,
    file_name: String,
) -> Result<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter(label, &[ending])
            .set_file_name(file_name)
            .blocking_save_file()
            .and_then(|file| file.into_path().ok())
            .map(|path| chosen(&app, path))
    })
    .await
    .map_err(|e| Error::Internal(format!("the file dialog stopped unexpectedly: {e}")))
}

impl AppState {
    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join(data_dir::BACKUP_DIR)
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(data_dir::DB_FILE)
    }
}

/// Runs `work` with the database on a blocking thread.
pub(crate) async fn with_db<T, F>(state: &AppState, work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Db) -> Result<T> + Send + 'static,
{
    let db = state.db.clone();
    tauri::async_runtime::spawn_blocking(move || on_db(&db, work))
        .await
        .map_err(|e| Error::Internal(format!("the operation stopped unexpectedly: {e}")))?
}

/// Runs `work` on the database under its lock, here on this thread: what an operation that
/// failed midway (a poisoned lock), or a database that could not be opened, means to it.
pub(crate) fn on_db<T>(
    db: &Mutex<Result<Db, Error>>,
    work: impl FnOnce(&mut Db) -> Result<T>,
) -> Result<T> {
    let mut guard = db.lock().map_err(|_| {
        Error::Internal("an earlier operation failed midway; restart Hearth".into())
    })?;
    match &mut *guard {
        Ok(db) => work(db),
        Err(err) => Err(Error::Io(format!(
            "the database could not be opened: {err}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_chosen_file_is_taken() {
        let chosen = ChosenFiles::default();
        let refused = chosen
            .check("source", "/home/ana/.ssh/id_ed25519")
            .unwrap_err();
        assert!(
            matches!(refused, Error::InvalidInput { ref field, rule: Rule::UnknownValue, .. } if field.as_deref() == Some("source")),
            "{refused:?}"
        );
        chosen.add(Path::new("/home/ana/members.csv"));
        assert_eq!(
            chosen.check("source", "/home/ana/members.csv").unwrap(),
            PathBuf::from("/home/ana/members.csv")
        );
        assert!(chosen.check("path", "/home/ana/other.csv").is_err());
    }
}
