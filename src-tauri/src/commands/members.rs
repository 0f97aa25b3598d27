//! The member roster: one member (create, read, edit), the roster's pages, activities and
//! engagement, and members coming in and going out through files. Each command parses its
//! arguments and calls `hearth_core::members` on a blocking thread.

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
