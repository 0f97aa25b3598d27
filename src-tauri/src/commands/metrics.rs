//! The metrics dashboard: every computed metric of a community over a range of days (the
//! range before it beside, and month by month), the same figures saved as CSV or JSON where
//! the person chooses, and the printable report in a preview window; and what the
//! dashboard cannot compute: recorded series with their dated values, goals on any metric
//! with their progress, and each member's impact log.

use hearth_core::community;
use hearth_core::error::Rule;
use hearth_core::metrics::goals::{self, Goal, GoalInput};
use hearth_core::metrics::impact::{self, Impact, ImpactInput};
use hearth_core::metrics::levels::{self, LevelMonth};
use hearth_core::metrics::series::{self, PointInput, Series, SeriesInput};
use hearth_core::metrics::{self, Dashboard};
use hearth_core::{output_file, Error, Result};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::state::{save_dialog, with_db, AppState};

/// The dashboard of `community_id` from `from` to `to` (both days included, "YYYY-MM-DD");
/// the twelve months up to today when neither is given. A reversed or unreadable range is
/// an error on the field concerned.
#[tauri::command]
pub async fn metrics_dashboard(
    state: State<'_, AppState>,
    community_id: i64,
    from: Option<String>,
    to: Option<String>,
) -> Result<Dashboard> {
    with_db(&state, move |db| {
        let range = metrics::asked_range(db, community_id, from.as_deref(), to.as_deref())?;
        metrics::dashboard(db, community_id, range)
    })
    .await
}

/// Members by engagement level at the end of each month of the range (up to today): read
/// apart from the dashboard, which should not wait for it.
#[tauri::command]
pub async fn metrics_levels(
    state: State<'_, AppState>,
    community_id: i64,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<LevelMonth>> {
    with_db(&state, move |db| {
        let range = metrics::asked_range(db, community_id, from.as_deref(), to.as_deref())?;
        levels::levels(db, community_id, range)
    })
    .await
}

/// The save dialog for an export, offering `file_name`; the path chosen, or None.
#[tauri::command]
pub async fn metrics_export_choose_file(
    app: AppHandle,
    file_name: String,
    format: String,
) -> Result<Option<String>> {
    let format = ExportFormat::parse(&format)?;
    save_dialog(app, format.filter_name(), format.extension(), file_name).await
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MetricsExport {
    pub path: String,
    /// Metrics written, each over the range, the range before it and every month.
    pub metrics: u32,
}

/// Writes the dashboard of the range as CSV or JSON at `path` (a path the save dialog gave,
/// never the database or its backups), whole or not at all: the same files as `hearth
/// report metrics`.
#[tauri::command]
pub async fn metrics_export(
    state: State<'_, AppState>,
    community_id: i64,
    from: Option<String>,
    to: Option<String>,
    format: String,
    path: String,
) -> Result<MetricsExport> {
    let format = ExportFormat::parse(&format)?;
    let path = state.chosen_files.check("path", &path)?;
    let data_dir = state.data_dir.clone();
    with_db(&state, move |db| {
        output_file::guard(&data_dir, &path)?;
        let range = metrics::asked_range(db, community_id, from.as_deref(), to.as_deref())?;
        let board = metrics::dashboard(db, community_id, range)?;
        let text = match format {
            ExportFormat::Csv => metrics::export::to_csv(&board),
            ExportFormat::Json => serde_json::to_string_pretty(&metrics::export::to_json(&board))?,
        };
        output_file::write(&path, text.as_bytes())?;
        Ok(MetricsExport {
            path: path.display().to_string(),
            metrics: u32::try_from(board.metrics.len()).unwrap_or(u32::MAX),
        })
    })
    .await
}

/// Opens (or brings forward) the printable report of the range in the preview window.
#[tauri::command]
pub async fn metrics_report_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
    from: String,
    to: String,
) -> Result<()> {
    // Read now, so a bad range is told here rather than in the preview.
    let (name, range) = with_db(&state, move |db| {
        let range = metrics::Range::parse(&from, &to)?;
        Ok((community::get(db, community_id)?.charter.name, range))
    })
    .await?;
    super::print::open_preview(
        app,
        format!("print-metrics-{community_id}"),
        format!(
            "/metrics/{community_id}?from={}&to={}",
            range.from, range.to
        ),
        name,
    )
}

#[derive(Debug, Clone, Copy)]
enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    fn parse(text: &str) -> Result<ExportFormat> {
        match text {
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            other => Err(Error::invalid(
                "format",
                Rule::UnknownValue,
                format!("the format must be csv or json, not {other:?}"),
            )),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
        }
    }
}

/// The community's recorded series, each with its values, platforms' member counts first.
#[tauri::command]
pub async fn metric_series_list(
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<Vec<Series>> {
    with_db(&state, move |db| series::list(db, community_id)).await
}

#[tauri::command]
pub async fn metric_series_create(
    state: State<'_, AppState>,
    community_id: i64,
    input: SeriesInput,
) -> Result<Series> {
    with_db(&state, move |db| series::create(db, community_id, &input)).await
}

#[tauri::command]
pub async fn metric_series_update(
    state: State<'_, AppState>,
    id: i64,
    input: SeriesInput,
) -> Result<Series> {
    with_db(&state, move |db| series::update(db, id, &input)).await
}

/// Removes a series with its values and the goals on it (a platform's goes with the platform).
#[tauri::command]
pub async fn metric_series_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| series::delete(db, id)).await
}

/// Records a value on a day of a series (replacing that day's); the series as it now is.
#[tauri::command]
pub async fn metric_point_record(
    state: State<'_, AppState>,
    series_id: i64,
    input: PointInput,
) -> Result<Series> {
    with_db(&state, move |db| series::record(db, series_id, &input)).await
}

#[tauri::command]
pub async fn metric_point_remove(state: State<'_, AppState>, id: i64) -> Result<Series> {
    with_db(&state, move |db| series::remove_point(db, id)).await
}

/// The community's goals with their progress today, soonest due first.
#[tauri::command]
pub async fn goal_list(state: State<'_, AppState>, community_id: i64) -> Result<Vec<Goal>> {
    with_db(&state, move |db| goals::list(db, community_id)).await
}

#[tauri::command]
pub async fn goal_create(
    state: State<'_, AppState>,
    community_id: i64,
    input: GoalInput,
) -> Result<Goal> {
    with_db(&state, move |db| goals::create(db, community_id, &input)).await
}

#[tauri::command]
pub async fn goal_update(state: State<'_, AppState>, id: i64, input: GoalInput) -> Result<Goal> {
    with_db(&state, move |db| goals::update(db, id, &input)).await
}

#[tauri::command]
pub async fn goal_delete(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| goals::delete(db, id)).await
}

/// A member's impact log, newest first.
#[tauri::command]
pub async fn impact_list(state: State<'_, AppState>, member_id: i64) -> Result<Vec<Impact>> {
    with_db(&state, move |db| impact::list(db, member_id)).await
}

/// Adds to a member's impact log; refused (on `consent`) without the member's consent.
#[tauri::command]
pub async fn impact_record(
    state: State<'_, AppState>,
    member_id: i64,
    input: ImpactInput,
) -> Result<Impact> {
    with_db(&state, move |db| impact::record(db, member_id, &input)).await
}

#[tauri::command]
pub async fn impact_remove(state: State<'_, AppState>, id: i64) -> Result<()> {
    with_db(&state, move |db| impact::remove(db, id)).await
}
