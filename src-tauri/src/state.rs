//! The state every command shares, kept apart from the window that creates it: the
//! commands depend on this module, `app` builds the state and hands it to Tauri, and
//! nothing depends on `app`.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use hearth_core::db::startup;
use hearth_core::{data_dir, Db, Error, Result};

/// What every command reaches through Tauri's state.
pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown by the interface).
    pub db: Arc<Mutex<Result<Db, Error>>>,
    pub recovery: Mutex<Option<startup::Recovery>>,
    /// Set by `member_import_cancel`; the running import looks at it between members and
    /// rolls back. Outside the database lock, which the import holds while it runs.
    pub import_cancel: Arc<AtomicBool>,
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
    tauri::async_runtime::spawn_blocking(move || {
        let mut guard = db.lock().map_err(|_| {
            Error::Internal("an earlier operation failed midway; restart Hearth".into())
        })?;
        match &mut *guard {
            Ok(db) => work(db),
            Err(err) => Err(Error::Io(format!(
                "the database could not be opened: {err}"
            ))),
        }
    })
    .await
    .map_err(|e| Error::Internal(format!("the operation stopped unexpectedly: {e}")))?
}
