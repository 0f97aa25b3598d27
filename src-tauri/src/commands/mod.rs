//! Tauri commands, one file per domain as in hearth-core. A command parses its arguments,
//! calls hearth-core on a blocking thread (the window never waits on SQLite), and returns
//! plain data or a `{code, message, field, rule, limit}` error.

mod community;
mod db;
mod plan;
pub mod print;
mod settings;
pub mod window;

use crate::app::AppState;

use hearth_core::{Db, Error, Result};
pub use settings::AppStatus;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        settings::app_status,
        settings::app_ready,
        settings::settings_set_language,
        window::app_close,
        window::app_close_asking,
        community::community_list,
        community::community_get,
        community::community_create,
        community::community_update,
        community::community_delete,
        community::demo_create,
        community::platform_list,
        community::platform_create,
        community::platform_update,
        community::platform_delete,
        community::open_link,
        plan::plan_get,
        plan::plan_summary,
        plan::plan_task_create,
        plan::plan_task_update,
        plan::plan_task_set_status,
        plan::plan_task_delete,
        plan::plan_task_restore,
        plan::plan_task_move,
        plan::plan_restore_template,
        print::print_plan_preview,
        db::backup_list,
        db::backup_now,
        db::backup_restore,
        db::db_check,
    ]
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
