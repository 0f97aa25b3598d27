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
