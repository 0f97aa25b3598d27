//! Backups, restores and the database check, as Settings offers them.

use hearth_core::db::backup::{self, BackupInfo};
use hearth_core::db::check::CheckReport;
use hearth_core::{Error, Result};
use tauri::State;

use crate::state::{with_db, AppState};

#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    let dir = state.backups_dir();
    blocking(move || backup::list(&dir)).await
}

/// Backs up through a read-only connection of its own, beside the app's: the window and
/// other commands go on writing while it runs, instead of waiting for the copy and its check.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    let dir = state.backups_dir();
    let db_path = state.db_path();
    blocking(move || backup::create_from_file(&db_path, &dir)).await
}

/// Restores a backup from the backups folder; the recovery offer is settled by it.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, file_name: String) -> Result<()> {
    let dir = state.backups_dir();
    with_db(&state, move |db| {
        let source = backup::path_of(&dir, &file_name)?;
        backup::restore(db, &source, &dir).map(drop)
    })
    .await?;
    if let Ok(mut recovery) = state.recovery.lock() {
        recovery.take();
    }
    Ok(())
}

#[tauri::command]
pub async fn db_check(state: State<'_, AppState>) -> Result<CheckReport> {
    with_db(&state, |db| db.check()).await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}
