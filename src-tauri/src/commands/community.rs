//! Communities, their charter and platforms, and the sample community: each command parses
//! its arguments and calls `hearth_core::community` on a blocking thread. Platform links are
//! opened here, in the system browser, never inside the window. The charter's time zone is
//! found by city or country through `time_zone_search`.

use hearth_core::community::platforms::{self, Platform, PlatformInput};
use hearth_core::community::time_zones::{self, TimeZoneMatch};
use hearth_core::community::{self, CharterInput, Community, CommunitySummary, NewCommunity};
use hearth_core::{demo, settings, Locale, Result};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::state::{with_db, AppState};

#[tauri::command]
pub async fn community_list(state: State<'_, AppState>) -> Result<Vec<CommunitySummary>> {
    with_db(&state, |db| community::list(db)).await
}

#[tauri::command]
pub async fn community_get(state: State<'_, AppState>, id: i64) -> Result<Community> {
    with_db(&state, move |db| community::get(db, id)).await
}

#[tauri::command]
pub async fn community_create(
    state: State<'_, AppState>,
    input: NewCommunity,
) -> Result<Community> {
    with_db(&state, move |db| community::create(db, &input)).await
}

#[tauri::command]
pub async fn community_update(
    state: State<'_, AppState>,
    id: i64,
    charter: CharterInput,
) -> Result<Community> {
    with_db(&state, move |db| community::update(db, id, &charter)).await
}

#[tauri::command]
pub async fn community_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| community::delete(db, id)).await
}

/// "Which member are you?": the organizer's own member record, whose tasks "Mine" shows;
/// None clears it.
#[tauri::command]
pub async fn community_set_own_member(
    state: State<'_, AppState>,
    community_id: i64,
    member_id: Option<i64>,
) -> Result<Community> {
    with_db(&state, move |db| {
        community::set_own_member(db, community_id, member_id)
    })
    .await
}

/// The sample community, in the interface's language: the one the interface says it shows
/// (which may be the system's, never chosen), else the chosen one, else English.
#[tauri::command]
pub async fn demo_create(state: State<'_, AppState>, locale: Option<Locale>) -> Result<Community> {
    with_db(&state, move |db| {
        let locale = match locale {
            Some(locale) => locale,
            None => settings::language(db)?.unwrap_or(Locale::En),
        };
        demo::create(db, locale)
    })
    .await
}

/// How many zones the charter's time-zone list offers at once.
const TIME_ZONE_MATCHES: usize = 30;

/// The time zones whose city, country or id matches what the person typed, in either
/// language, named in `language` (the interface's), best first. No database: a list.
#[tauri::command]
pub async fn time_zone_search(query: String, language: Locale) -> Vec<TimeZoneMatch> {
    time_zones::search(&query, language, TIME_ZONE_MATCHES)
}

#[tauri::command]
pub async fn platform_list(state: State<'_, AppState>, community_id: i64) -> Result<Vec<Platform>> {
    with_db(&state, move |db| platforms::list(db, community_id)).await
}

#[tauri::command]
pub async fn platform_create(
    state: State<'_, AppState>,
    community_id: i64,
    platform: PlatformInput,
) -> Result<Platform> {
    with_db(&state, move |db| {
        platforms::create(db, community_id, &platform)
    })
    .await
}

#[tauri::command]
pub async fn platform_update(
    state: State<'_, AppState>,
    id: i64,
    platform: PlatformInput,
) -> Result<Platform> {
    with_db(&state, move |db| platforms::update(db, id, &platform)).await
}

#[tauri::command]
pub async fn platform_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| platforms::delete(db, id)).await
}

/// Opens a web link in the system browser, never inside the app window; anything but
/// http(s) is refused.
#[tauri::command]
pub async fn open_link(app: tauri::AppHandle, url: String) -> Result<()> {
    let url = platforms::web_link(&url)?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| hearth_core::Error::Io(format!("the browser could not be started: {e}")))
}
