//! What the window needs to start (where the data lives, the chosen language, the community
//! opened last, whether start-up had to recover) and the settings behind it.

use std::path::PathBuf;

use hearth_core::db::startup::Recovery;
use hearth_core::members::engagement;
use hearth_core::{settings, Db, Locale, Result};
use serde::Serialize;
use tauri::{Manager, State};

use crate::state::{with_db, AppState};

/// Where the data lives, the chosen language (none until the person picks one), the
/// community opened last (while it exists), and what start-up found when the database
/// failed its check.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    data_dir: PathBuf,
    db_path: PathBuf,
    schema_version: u32,
    language: Option<Locale>,
    pub(crate) selected_community: Option<i64>,
    recovery: Option<Recovery>,
}

impl AppStatus {
    /// Shared by the command and by the data the window starts with.
    pub fn read(db: &Db, state: &AppState) -> Result<AppStatus> {
        let recovery = state.recovery.lock().map(|r| r.clone()).unwrap_or_default();
        Ok(AppStatus {
            data_dir: state.data_dir.clone(),
            db_path: db.path().to_path_buf(),
            schema_version: hearth_core::db::SCHEMA_VERSION,
            language: settings::language(db)?,
            selected_community: settings::selected_community(db)?,
            recovery,
        })
    }
}

/// Where the data lives, the chosen language, and whether start-up had to recover.
#[tauri::command]
pub async fn app_status(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<AppStatus> {
    with_db(&state, move |db| {
        AppStatus::read(db, &app.state::<AppState>())
    })
    .await
}

/// Remembers the interface language; null forgets it, so the interface follows the system.
#[tauri::command]
pub async fn settings_set_language(
    state: State<'_, AppState>,
    language: Option<String>,
) -> Result<()> {
    with_db(&state, move |db| {
        settings::set_language(db, language.as_deref()).map(drop)
    })
    .await
}

/// Remembers the community the person opened, which the next start-up draws first.
#[tauri::command]
pub async fn settings_set_selected_community(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| settings::set_selected_community(db, id)).await
}

/// The interface calls this once its first data is on screen. With `HEARTH_TIMINGS` set,
/// the moment is printed, which is how `make bench` measures start-up from the outside;
/// `page_ms` (since the page began to load) tells the page's share from the process's.
///
/// Then, on a blocking thread, it brings every community's engagement up to today (scores
/// decay with the days), so the roster does not wait for that when it opens (a failure is
/// left for the roster's own call to report), and asks again whether the desktop's font is
/// installed, for the next start (desktop_font.rs).
#[tauri::command]
pub fn app_ready(state: State<'_, AppState>, page_ms: Option<f64>) {
    if std::env::var_os("HEARTH_TIMINGS").is_some() {
        eprintln!(
            "hearth: first data on screen (page {:.1} ms)",
            page_ms.unwrap_or(f64::NAN)
        );
    }
    let db = state.db.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Ok(mut guard) = db.lock() {
            if let Ok(db) = &mut *guard {
                let _ = engagement::refresh_all_if_stale(db);
            }
        }
        crate::desktop_font::check_and_remember();
    });
}
