//! The event calendar: the events of a range of days, one event's panel, every change to an
//! event or a series (a drag is an update like a typed edit), the venues, answers and
//! check-in, the agenda, roles and checklist, and calendar files in and out. A change
//! returns what core stored, so the screen redraws from core's answer.

use hearth_core::events::agenda::{self, AgendaItem, AgendaItemInput, EventRole, EventRoleInput};
use hearth_core::events::attendance::{self, Attendance, FeedbackInput};
use hearth_core::events::checklist::{self, EventTask, EventTaskInput};
use hearth_core::events::ical::{self, import::Report as IcsImport};
use hearth_core::events::page::{self, EventPage};
use hearth_core::events::recurrence::RecurrenceInput;
use hearth_core::events::series::{self, Scope, Series};
use hearth_core::events::venues::{self, Venue, VenueInput};
use hearth_core::events::{self, Event, EventInput};
use hearth_core::{interop, Error, Result};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{chosen, save_dialog, with_db, AppState};

/// The events that overlap the days `from` to `to` ("2027-03-01", both included, in the
/// community's zone), in the order they start.
#[tauri::command]
pub async fn event_list(
    state: State<'_, AppState>,
    community_id: i64,
    from: String,
    to: String,
) -> Result<Vec<Event>> {
    let from = events::local_time::parse_date("from", &from)?;
    let to = events::local_time::parse_date("to", &to)?;
    with_db(&state, move |db| {
        events::list_days(db, community_id, Some(from), Some(to))
    })
    .await
}

#[tauri::command]
pub async fn event_page(state: State<'_, AppState>, id: i64) -> Result<EventPage> {
    with_db(&state, move |db| page::get(db, id)).await
}

#[tauri::command]
pub async fn event_create(
    state: State<'_, AppState>,
    community_id: i64,
    event: EventInput,
) -> Result<Event> {
    with_db(&state, move |db| events::create(db, community_id, &event)).await
}

/// Changes one event (an occurrence of a series alone: it keeps its place in the series).
#[tauri::command]
pub async fn event_update(state: State<'_, AppState>, id: i64, event: EventInput) -> Result<Event> {
    with_db(&state, move |db| events::update(db, id, &event)).await
}

/// Removes an event (an occurrence becomes an exception of its series).
#[tauri::command]
pub async fn event_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| events::delete(db, id)).await
}

#[tauri::command]
pub async fn series_create(
    state: State<'_, AppState>,
    community_id: i64,
    event: EventInput,
    recurrence: RecurrenceInput,
) -> Result<Series> {
    with_db(&state, move |db| {
        series::create(db, community_id, &event, &recurrence)
    })
    .await
}

/// Changes occurrence `id` and, as `scope` says, the following ones or all of them.
#[tauri::command]
pub async fn series_update(
    state: State<'_, AppState>,
    id: i64,
    event: EventInput,
    scope: Scope,
) -> Result<Series> {
    with_db(&state, move |db| {
        series::update_occurrence(db, id, &event, scope)
    })
    .await
}

#[tauri::command]
pub async fn series_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| series::delete(db, id)).await
}

#[tauri::command]
pub async fn venue_list(state: State<'_, AppState>, community_id: i64) -> Result<Vec<Venue>> {
    with_db(&state, move |db| venues::list(db, community_id)).await
}

#[tauri::command]
pub async fn venue_create(
    state: State<'_, AppState>,
    community_id: i64,
    venue: VenueInput,
) -> Result<Venue> {
    with_db(&state, move |db| venues::create(db, community_id, &venue)).await
}

#[tauri::command]
pub async fn venue_update(state: State<'_, AppState>, id: i64, venue: VenueInput) -> Result<Venue> {
    with_db(&state, move |db| venues::update(db, id, &venue)).await
}

#[tauri::command]
pub async fn venue_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| venues::delete(db, id)).await
}

// Answers and the door.

/// A member's answer: "going", "maybe" or "declined"; the list after it.
#[tauri::command]
pub async fn event_respond(
    state: State<'_, AppState>,
    event_id: i64,
    member_id: i64,
    answer: String,
) -> Result<Vec<Attendance>> {
    with_db(&state, move |db| {
        attendance::respond(db, event_id, member_id, &answer)
    })
    .await
}

#[tauri::command]
pub async fn event_check_in(
    state: State<'_, AppState>,
    event_id: i64,
    member_id: i64,
) -> Result<Attendance> {
    with_db(&state, move |db| {
        attendance::check_in(db, event_id, member_id)
    })
    .await
}

#[tauri::command]
pub async fn event_undo_check_in(
    state: State<'_, AppState>,
    event_id: i64,
    member_id: i64,
) -> Result<Option<Attendance>> {
    with_db(&state, move |db| {
        attendance::undo_check_in(db, event_id, member_id)
    })
    .await
}

/// Someone at the door who is not on the roster: added as a member and checked in.
#[tauri::command]
pub async fn event_walk_in(
    state: State<'_, AppState>,
    event_id: i64,
    name: String,
    email: String,
) -> Result<Attendance> {
    with_db(&state, move |db| {
        attendance::walk_in(db, event_id, &name, &email)
    })
    .await
}

#[tauri::command]
pub async fn event_feedback(
    state: State<'_, AppState>,
    event_id: i64,
    member_id: i64,
    feedback: FeedbackInput,
) -> Result<Attendance> {
    with_db(&state, move |db| {
        attendance::feedback(db, event_id, member_id, &feedback)
    })
    .await
}

// The agenda, the roles and the checklist; each change gives the whole list back.

#[tauri::command]
pub async fn agenda_add(
    state: State<'_, AppState>,
    event_id: i64,
    item: AgendaItemInput,
) -> Result<Vec<AgendaItem>> {
    with_db(&state, move |db| agenda::add_item(db, event_id, &item)).await
}

#[tauri::command]
pub async fn agenda_update(
    state: State<'_, AppState>,
    id: i64,
    item: AgendaItemInput,
) -> Result<Vec<AgendaItem>> {
    with_db(&state, move |db| agenda::update_item(db, id, &item)).await
}

#[tauri::command]
pub async fn agenda_move(
    state: State<'_, AppState>,
    id: i64,
    position: u32,
) -> Result<Vec<AgendaItem>> {
    with_db(&state, move |db| agenda::move_item(db, id, position)).await
}

#[tauri::command]
pub async fn agenda_remove(state: State<'_, AppState>, id: i64) -> Result<Vec<AgendaItem>> {
    with_db(&state, move |db| agenda::remove_item(db, id)).await
}

#[tauri::command]
pub async fn role_assign(
    state: State<'_, AppState>,
    event_id: i64,
    role: EventRoleInput,
) -> Result<Vec<EventRole>> {
    with_db(&state, move |db| agenda::assign_role(db, event_id, &role)).await
}

#[tauri::command]
pub async fn role_remove(state: State<'_, AppState>, id: i64) -> Result<Vec<EventRole>> {
    with_db(&state, move |db| agenda::remove_role(db, id)).await
}

/// Adds the usual tasks (three weeks before to two days after), in the community's
/// language.
#[tauri::command]
pub async fn checklist_add_template(
    state: State<'_, AppState>,
    event_id: i64,
) -> Result<Vec<EventTask>> {
    with_db(&state, move |db| checklist::add_template(db, event_id)).await
}

#[tauri::command]
pub async fn checklist_add(
    state: State<'_, AppState>,
    event_id: i64,
    task: EventTaskInput,
) -> Result<EventTask> {
    with_db(&state, move |db| checklist::add(db, event_id, &task)).await
}

/// Changes a task's title, its days from the event and its owner; done stays as it was.
#[tauri::command]
pub async fn checklist_update(
    state: State<'_, AppState>,
    id: i64,
    task: EventTaskInput,
) -> Result<EventTask> {
    with_db(&state, move |db| checklist::update(db, id, &task)).await
}

#[tauri::command]
pub async fn checklist_set_done(
    state: State<'_, AppState>,
    id: i64,
    done: bool,
) -> Result<EventTask> {
    with_db(&state, move |db| checklist::set_done(db, id, done)).await
}

#[tauri::command]
pub async fn checklist_remove(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| checklist::remove(db, id)).await
}

// Calendar files.

/// Opens the system's file dialog for a calendar file; None when the person cancels.
#[tauri::command]
pub async fn event_import_choose_file(app: AppHandle) -> Result<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter("iCalendar", &["ics", "ical", "ifb", "icalendar"])
            .blocking_pick_file()
            .and_then(|file| file.into_path().ok())
            .map(|path| chosen(&app, path))
    })
    .await
    .map_err(|e| Error::Internal(format!("the file dialog stopped unexpectedly: {e}")))
}

/// Reads a calendar file the person chose and tells what importing it would do.
#[tauri::command]
pub async fn event_import_preview(
    state: State<'_, AppState>,
    community_id: i64,
    path: String,
) -> Result<IcsImport> {
    let path = state.chosen_files.check("path", &path)?;
    with_db(&state, move |db| {
        let bytes = interop::read_file(&path)?;
        ical::import::preview(db, community_id, &bytes)
    })
    .await
}

/// Imports a calendar file, all of it or nothing.
#[tauri::command]
pub async fn event_import_commit(
    state: State<'_, AppState>,
    community_id: i64,
    path: String,
) -> Result<IcsImport> {
    let path = state.chosen_files.check("path", &path)?;
    with_db(&state, move |db| {
        let bytes = interop::read_file(&path)?;
        ical::import::commit(db, community_id, &bytes)
    })
    .await
}

#[tauri::command]
pub async fn event_export_choose_file(app: AppHandle, file_name: String) -> Result<Option<String>> {
    save_dialog(app, "iCalendar", "ics", file_name).await
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsExport {
    pub path: String,
    /// VEVENTs written: single events, series, and occurrences changed alone.
    pub entries: u32,
}

/// Writes a community's events, or the one event `event_id`, as an iCalendar file at `path`
/// (never onto the database or its backups), whole or not at all.
#[tauri::command]
pub async fn event_export(
    state: State<'_, AppState>,
    community_id: i64,
    event_id: Option<i64>,
    path: String,
) -> Result<IcsExport> {
    let path = state.chosen_files.check("path", &path)?;
    let data_dir = state.data_dir.clone();
    with_db(&state, move |db| {
        hearth_core::output_file::guard(&data_dir, &path)?;
        let text = match event_id {
            Some(id) => ical::export::event(db, id)?,
            None => ical::export::community(db, community_id)?,
        };
        hearth_core::output_file::write(&path, text.as_bytes())?;
        Ok(IcsExport {
            path: path.display().to_string(),
            entries: u32::try_from(text.matches("BEGIN:VEVENT").count()).unwrap_or(u32::MAX),
        })
    })
    .await
}
