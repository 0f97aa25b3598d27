//! The member roster: one member (create, read, edit), the roster's pages, activities and
//! engagement, and members coming in and going out through files. Each command parses its
//! arguments and calls `hearth_core::members` on a blocking thread.

use hearth_core::members::roster::{self, RosterPage, RosterQuery, TagCount};
use hearth_core::members::{self, Member, MemberInput};
use hearth_core::Result;
use tauri::State;

use crate::state::{with_db, AppState};

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
