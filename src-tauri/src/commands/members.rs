//! The member roster: one member (create, read, edit), the roster's pages, activities and
//! engagement, and members coming in and going out through files. Each command parses its
//! arguments and calls `hearth_core::members` on a blocking thread.

use hearth_core::members::activities::{self, Activity, ActivityInput};
use hearth_core::members::engagement::{
    self, EngagementSettings, EngagementSettingsInput, Explanation, LosingTouch, TopContributors,
};
use hearth_core::members::roster::{self, RosterPage, RosterQuery, TagCount};
use hearth_core::members::{self, Member, MemberInput};
use hearth_core::Result;
use tauri::State;

use crate::state::{chosen, save_dialog, with_db, AppState, ChosenFiles};

#[tauri::command]
pub async fn member_create(
    state: State<'_, AppState>,
    community_id: i64,
    member: MemberInput,
) -> Result<Member> {
    with_db(&state, move |db| members::create(db, community_id, &member)).await
}

/// Changes only the fields `member` holds; the others keep what is stored.
#[tauri::command]
pub async fn member_update(
    state: State<'_, AppState>,
    id: i64,
    member: MemberInput,
) -> Result<Member> {
    with_db(&state, move |db| members::update(db, id, &member)).await
}

#[tauri::command]
pub async fn member_get(state: State<'_, AppState>, id: i64) -> Result<Member> {
    with_db(&state, move |db| members::get(db, id)).await
}

// The roster: pages of a query, select-all, tags in use, edits of many members at once.

/// One page of the members that match `query`, with how many match in all.
#[tauri::command]
pub async fn member_page(
    state: State<'_, AppState>,
    community_id: i64,
    query: RosterQuery,
    offset: u32,
    limit: u32,
) -> Result<RosterPage> {
    with_db(&state, move |db| {
        // Scores decay with the days: sorted or filtered by engagement, the roster must show
        // today's (one lookup once the community was brought up to date today).
        engagement::refresh_if_stale(db, community_id)?;
        roster::page(db, community_id, &query, offset, limit)
    })
    .await
}

/// Every id that matches `query`, in its order: "select all".
#[tauri::command]
pub async fn member_ids(
    state: State<'_, AppState>,
    community_id: i64,
    query: RosterQuery,
) -> Result<Vec<i64>> {
    with_db(&state, move |db| roster::ids(db, community_id, &query)).await
}

#[tauri::command]
pub async fn member_tags(state: State<'_, AppState>, community_id: i64) -> Result<Vec<TagCount>> {
    with_db(&state, move |db| roster::tags_in_use(db, community_id)).await
}

/// Adds `tags` to each member in `ids`, or takes them away when `remove`; returns how many
/// members changed.
#[tauri::command]
pub async fn member_bulk_tags(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    tags: Vec<String>,
    remove: bool,
) -> Result<u32> {
    with_db(&state, move |db| {
        if remove {
            roster::bulk_remove_tags(db, &ids, &tags)
        } else {
            roster::bulk_add_tags(db, &ids, &tags)
        }
    })
    .await
}

/// Gives `role` to each member in `ids`, or takes it away when `remove`; returns how many
/// members changed.
#[tauri::command]
pub async fn member_bulk_role(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    role: String,
    remove: bool,
) -> Result<u32> {
    with_db(&state, move |db| {
        if remove {
            roster::bulk_remove_role(db, &ids, &role)
        } else {
            roster::bulk_add_role(db, &ids, &role)
        }
    })
    .await
}

// Activities and engagement: a member's timeline, kudos, why their engagement is what it
// is, the settings of the model, and the roster's recognition panels. Engagement decays
// with the days, so what shows a stored level first catches the community up to today
// (`refresh_if_stale`: one lookup when that was done today already).

/// Adds an activity to a member's timeline; their engagement is recomputed with it.
#[tauri::command]
pub async fn activity_add(
    state: State<'_, AppState>,
    member_id: i64,
    activity: ActivityInput,
) -> Result<Activity> {
    with_db(&state, move |db| activities::add(db, member_id, &activity)).await
}

/// Removes an activity (leaving a tombstone); the member's engagement is recomputed.
#[tauri::command]
pub async fn activity_remove(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| activities::remove(db, id)).await
}

/// A member's timeline, newest first.
#[tauri::command]
pub async fn activity_list(state: State<'_, AppState>, member_id: i64) -> Result<Vec<Activity>> {
    with_db(&state, move |db| activities::timeline(db, member_id)).await
}

/// Kudos for `member_id`, today, from another member or (None) from the organizer.
#[tauri::command]
pub async fn member_kudos(
    state: State<'_, AppState>,
    member_id: i64,
    from_member_id: Option<i64>,
    note: String,
) -> Result<Activity> {
    with_db(&state, move |db| {
        activities::give_kudos(db, member_id, from_member_id, &note)
    })
    .await
}

/// Why the member's engagement is what it is, as of today.
#[tauri::command]
pub async fn engagement_explain(state: State<'_, AppState>, member_id: i64) -> Result<Explanation> {
    with_db(&state, move |db| {
        let community_id = members::get(db, member_id)?.community_id;
        engagement::refresh_if_stale(db, community_id)?;
        engagement::explain(db, member_id)
    })
    .await
}

#[tauri::command]
pub async fn engagement_settings_get(state: State<'_, AppState>) -> Result<EngagementSettings> {
    with_db(&state, |db| engagement::settings(db)).await
}

/// Checks and stores the settings; every member is rescored with them.
#[tauri::command]
pub async fn engagement_settings_set(
    state: State<'_, AppState>,
    settings: EngagementSettingsInput,
) -> Result<EngagementSettings> {
    with_db(&state, move |db| engagement::set_settings(db, &settings)).await
}

/// The members who earned the most from `from` to `to` (`YYYY-MM-DD`; left out: this month
/// up to today).
#[tauri::command]
pub async fn engagement_top(
    state: State<'_, AppState>,
    community_id: i64,
    from: Option<String>,
    to: Option<String>,
    limit: u32,
) -> Result<TopContributors> {
    with_db(&state, move |db| {
        let from = members::date("from", from.as_deref().unwrap_or_default())?;
        let to = members::date("to", to.as_deref().unwrap_or_default())?;
        engagement::refresh_if_stale(db, community_id)?;
        engagement::top_contributors(db, community_id, from, to, limit)
    })
    .await
}

/// Engaged members who have gone quiet, most engaged first.
#[tauri::command]
pub async fn engagement_losing_touch(
    state: State<'_, AppState>,
    community_id: i64,
    limit: u32,
) -> Result<LosingTouch> {
    with_db(&state, move |db| {
        engagement::refresh_if_stale(db, community_id)?;
        engagement::losing_touch(db, community_id, limit)
    })
    .await
}

// ---------------------------------------------------------------------------------------
// Members in and out through files: import (choose a file, preview, commit with progress,
// cancel) and export. The file dialogs are opened here, in Rust, so the window needs no
// permission of the dialog plugin; a file dropped on the window arrives as its path through
// Tauri's `tauri://drag-drop` event and goes to the same commands. A path is taken only
// when the person chose it in a dialog or dropped it (`ChosenFiles`).

use std::sync::atomic::Ordering;

use hearth_core::interop;
use hearth_core::members::export::{self, ExportFormat, ExportReport};
use hearth_core::members::import::{
    self, ImportOptions, ImportPreview, ImportProgress, ImportReport,
};
use hearth_core::Error;
use tauri::ipc::Channel;
use tauri::{AppHandle, DragDropEvent, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

/// Where an import reads from: the path of a file the person chose or dropped on the
/// window, or a file's bytes (with its name, which tells a contacts file by its ending).
#[derive(serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct ImportSource {
    pub path: Option<String>,
    pub file_name: Option<String>,
    pub bytes: Option<Vec<u8>>,
}

impl ImportSource {
    /// Refuses a path the person did not choose or drop.
    fn checked(self, chosen: &ChosenFiles) -> Result<Self> {
        if let Some(path) = &self.path {
            chosen.check("source", path)?;
        }
        Ok(self)
    }

    /// The file's name and bytes (at most one byte past the import's limit).
    fn load(self) -> Result<(String, Vec<u8>)> {
        match (self.path, self.bytes) {
            (Some(path), None) => {
                let path = std::path::PathBuf::from(path);
                let name = self.file_name.unwrap_or_else(|| {
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
                Ok((name, interop::read_file(&path)?))
            }
            (None, Some(bytes)) => Ok((self.file_name.unwrap_or_default(), bytes)),
            _ => Err(Error::invalid(
                "source",
                hearth_core::Rule::Required,
                "give either the file's path or its bytes",
            )),
        }
    }
}

/// Files dropped on the window become files the person chose (the page hears of them
/// through Tauri's own event and passes their paths on).
pub fn remember_dropped_files<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        let state = window.state::<AppState>();
        for path in paths {
            state.chosen_files.add(path);
        }
    }
}

/// Opens the system's file dialog for a file to import; None when the person cancels.
#[tauri::command]
pub async fn member_import_choose_file(app: AppHandle) -> Result<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter("CSV, vCard", &["csv", "tsv", "txt", "vcf", "vcard"])
            .blocking_pick_file()
            .and_then(|file| file.into_path().ok())
            .map(|path| chosen(&app, path))
    })
    .await
    .map_err(|e| Error::Internal(format!("the file dialog stopped unexpectedly: {e}")))
}

/// Reads a file and tells what importing it would do; writes nothing.
#[tauri::command]
pub async fn member_import_preview(
    state: State<'_, AppState>,
    community_id: i64,
    source: ImportSource,
    options: ImportOptions,
) -> Result<ImportPreview> {
    let source = source.checked(&state.chosen_files)?;
    with_db(&state, move |db| {
        let (name, bytes) = source.load()?;
        import::preview(db, community_id, &name, &bytes, &options)
    })
    .await
}

/// Imports a file: everything or nothing. Progress arrives on `on_progress`;
/// `member_import_cancel` stops it, and then nothing is written (`conflict` "cancelled").
#[tauri::command]
pub async fn member_import_commit(
    state: State<'_, AppState>,
    community_id: i64,
    source: ImportSource,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport> {
    let source = source.checked(&state.chosen_files)?;
    // Cleared before waiting for the database, so a cancel pressed meanwhile still counts.
    state.import_cancel.store(false, Ordering::Relaxed);
    let cancel = state.import_cancel.clone();
    with_db(&state, move |db| {
        let (name, bytes) = source.load()?;
        let progress = |done: u32, total: u32| {
            // A window that went away no longer needs to hear; the import goes on.
            let _ = on_progress.send(ImportProgress { done, total });
        };
        import::commit(
            db,
            community_id,
            &name,
            &bytes,
            &options,
            &progress,
            &cancel,
        )
    })
    .await
}

/// Asks the running import to stop; it rolls back everything it wrote.
#[tauri::command]
pub async fn member_import_cancel(state: State<'_, AppState>) -> Result<()> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Opens the system's save dialog for an export, offering `file_name`; None when the
/// person cancels.
#[tauri::command]
pub async fn member_export_choose_file(
    app: AppHandle,
    file_name: String,
    format: ExportFormat,
) -> Result<Option<String>> {
    let (label, ending) = match format {
        ExportFormat::Csv => ("CSV", "csv"),
        ExportFormat::Vcf => ("vCard", "vcf"),
    };
    save_dialog(app, label, ending, file_name).await
}

/// Writes a community's members to `path` (never onto the database or its backups), whole
/// or not at all.
#[tauri::command]
pub async fn member_export(
    state: State<'_, AppState>,
    community_id: i64,
    format: ExportFormat,
    bom: bool,
    path: String,
) -> Result<ExportReport> {
    let path = state.chosen_files.check("path", &path)?;
    let data_dir = state.data_dir.clone();
    with_db(&state, move |db| {
        export::write(db, community_id, format, bom, &data_dir, &path)
    })
    .await
}

// Merging duplicates, forgetting a person, and one person's data for them to take away.

use hearth_core::members::forget::{self, PersonalData};
use hearth_core::members::merge;

/// Merges member `other_id` into member `keep_id` (every activity kept); returns the kept
/// member.
#[tauri::command]
pub async fn member_merge(
    state: State<'_, AppState>,
    keep_id: i64,
    other_id: i64,
) -> Result<Member> {
    with_db(&state, move |db| merge::merge(db, keep_id, other_id)).await
}

/// Deletes a member's personal data; their activities stay counted, anonymously.
#[tauri::command]
pub async fn member_forget(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| forget::forget(db, id)).await
}

/// Everything Hearth holds about one member; with `path`, also written there as JSON
/// (never onto the database or its backups).
#[tauri::command]
pub async fn member_personal_data(
    state: State<'_, AppState>,
    id: i64,
    path: Option<String>,
) -> Result<PersonalData> {
    let path = path
        .map(|path| state.chosen_files.check("path", &path))
        .transpose()?;
    let data_dir = state.data_dir.clone();
    with_db(&state, move |db| match path {
        Some(path) => forget::save_personal_data(db, id, &data_dir, &path),
        None => forget::personal_data(db, id),
    })
    .await
}

/// Opens the system's save dialog for a member's data (JSON); None when the person cancels.
#[tauri::command]
pub async fn member_personal_data_choose_file(
    app: AppHandle,
    file_name: String,
) -> Result<Option<String>> {
    save_dialog(app, "JSON", "json", file_name).await
}
