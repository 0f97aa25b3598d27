use hearth_core::db::backup::{self, BackupInfo};
use hearth_core::db::check::CheckReport;
use hearth_core::Result;
use tauri::State;

use super::with_db;
use crate::app::AppState;

#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    let dir = state.backups_dir();
    tauri::async_runtime::spawn_blocking(move || backup::list(&dir))
        .await
        .map_err(|e| hearth_core::Error::Internal(e.to_string()))?
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    let dir = state.backups_dir();
    with_db(&state, move |db| backup::create(db, &dir)).await
}

/// Restores a backup from the backups folder; the recovery offer is settled by it.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, file_name: String) -> Result<()> {
    let dir = state.backups_dir();
    with_db(&state, move |db| {
        let source = backup::path_of(&dir, &file_name)?;
        backup::restore(db, &source, &dir)
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
