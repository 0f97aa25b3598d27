//! The four-stage plan: reading it, and every change to a task (create, edit, tick, delete
//! and its undo, move); a change returns the task as stored (a move, the whole new plan),
//! so the screen redraws from core's answer rather than from its own guess.

use hearth_core::members::owners::{self, OwnerCandidate};
use hearth_core::plan::{self, Plan, PlanSummary, Task, TaskInput};
use hearth_core::Result;
use serde::Serialize;
use tauri::State;

use crate::state::{with_db, AppState};

#[tauri::command]
pub async fn plan_get(state: State<'_, AppState>, community_id: i64) -> Result<Plan> {
    with_db(&state, move |db| plan::plan(db, community_id)).await
}

#[tauri::command]
pub async fn plan_summary(state: State<'_, AppState>, community_id: i64) -> Result<PlanSummary> {
    with_db(&state, move |db| plan::summary(db, community_id)).await
}

#[tauri::command]
pub async fn plan_task_create(
    state: State<'_, AppState>,
    community_id: i64,
    task: TaskInput,
) -> Result<Task> {
    with_db(&state, move |db| plan::create_task(db, community_id, &task)).await
}

#[tauri::command]
pub async fn plan_task_update(
    state: State<'_, AppState>,
    id: i64,
    task: TaskInput,
) -> Result<Task> {
    with_db(&state, move |db| plan::update_task(db, id, &task)).await
}

#[tauri::command]
pub async fn plan_task_set_status(
    state: State<'_, AppState>,
    id: i64,
    status: String,
) -> Result<Task> {
    with_db(&state, move |db| plan::set_status(db, id, &status)).await
}

/// Returns the deleted task, so the interface can offer Undo.
#[tauri::command]
pub async fn plan_task_delete(state: State<'_, AppState>, id: i64) -> Result<Task> {
    with_db(&state, move |db| plan::delete_task(db, id)).await
}

/// Undo of a delete: the task comes back with its uid, at `position` in its stage.
#[tauri::command]
pub async fn plan_task_restore(
    state: State<'_, AppState>,
    community_id: i64,
    uid: String,
    task: TaskInput,
    position: Option<usize>,
) -> Result<Task> {
    with_db(&state, move |db| {
        plan::restore_task(db, community_id, &uid, &task, position)
    })
    .await
}

#[tauri::command]
pub async fn plan_task_move(
    state: State<'_, AppState>,
    id: i64,
    stage: i64,
    position: usize,
) -> Result<Plan> {
    with_db(&state, move |db| plan::move_task(db, id, stage, position)).await
}

/// What restoring the template did: how many of its missing tasks came back.
#[derive(Serialize, ts_rs::TS)]
pub struct Restored {
    added: u32,
}

#[tauri::command]
pub async fn plan_restore_template(
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<Restored> {
    with_db(&state, move |db| {
        plan::restore_template(db, community_id).map(|added| Restored { added })
    })
    .await
}

/// How many members the owner field offers at once.
const OWNER_MATCHES: u32 = 20;

/// Members to pick as a task's owner (or as "Mine"): those whose name, email, company,
/// handles or tags contain what was typed, the name itself first.
#[tauri::command]
pub async fn plan_owner_search(
    state: State<'_, AppState>,
    community_id: i64,
    query: String,
) -> Result<Vec<OwnerCandidate>> {
    with_db(&state, move |db| {
        owners::candidates(db, community_id, &query, OWNER_MATCHES)
    })
    .await
}
