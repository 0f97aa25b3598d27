//! Team sharing in the window: share a community through a relay, join one by its code,
//! stop sharing, and the quiet sync that runs behind the window while it is open. The sync
//! is hearth-core's (`sharing::connection`), one connection per relay; what it says is kept
//! here for `sharing_status` and sent to the window as the `sharing` event, so a view can
//! draw again what another copy changed.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use hearth_core::community::{self, Community};
use hearth_core::sharing::connection::{self, Access, Event};
use hearth_core::sharing::wire::{parse_relay, JoinCode};
use hearth_core::sharing::{layout, SharedCommunity, Stored};
use hearth_core::{Db, Error, Result};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::state::{on_db, with_db, AppState};

/// The event the window hears when sync changed something: a community's rows, or the
/// connection's state.
pub const SHARING_EVENT: &str = "sharing";

/// One community's sharing, as its charter shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SharingStatus {
    pub community_id: i64,
    pub shared: bool,
    /// The code co-organizers join with; None until it is linked to a relay.
    pub join_code: Option<String>,
    pub connection: SyncConnection,
    /// This copy and the relay hold the same.
    pub in_step: bool,
    /// Why the relay cannot be reached, when it cannot.
    pub problem: Option<String>,
}

/// The connection to a shared community's relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncConnection {
    /// Not shared, or shared and not linked to a relay.
    Off,
    Connecting,
    Connected,
    Offline,
}

/// A field two co-organizers set differently while apart: every value, the one shown first.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SharingConflict {
    /// `community` (the charter), or the table the record is in (`plan_tasks`, `members`…).
    pub table: String,
    pub uid: String,
    /// The record as a person knows it (a task's title, a member's name); None for the charter.
    pub label: Option<String>,
    /// The column, in snake_case as core names it.
    pub field: String,
    #[ts(type = "Array<string | number | null>")]
    pub values: Vec<serde_json::Value>,
    /// For a field that points at another record (a task's owner, an event's venue): the
    /// name of the record each value names, as `values` orders them; None elsewhere.
    pub names: Vec<Option<String>>,
    /// For a field of closed values (a task's status): the label catalogue's prefix, under
    /// which each value's label is `<prefix>.<value>` (`plan.status.done`); None elsewhere.
    pub label_prefix: Option<String>,
}

/// What the sync behind the window last said, per relay and community.
#[derive(Default)]
pub struct Syncing(Mutex<Said>);

#[derive(Default)]
struct Said {
    /// Relays a connection runs for, with its state and its last problem.
    relays: HashMap<String, (SyncConnection, Option<String>)>,
    in_step: HashSet<i64>,
}

/// The app's database as sync takes it, one step at a time.
struct AppDb(Arc<Mutex<Result<Db, Error>>>);

impl Access for AppDb {
    fn with_db<R>(&self, step: impl FnOnce(&mut Db) -> Result<R>) -> Result<R> {
        // A step may hold the database a while (a large community joined takes about 2 s
        // in its transaction): the runtime moves its other tasks to another worker meanwhile.
        let step = || on_db(&self.0, step);
        match tokio::runtime::Handle::try_current() {
            Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(step)
            }
            _ => step(),
        }
    }
}

/// Starts a connection for every relay a shared community is linked to and none runs for
/// yet: at start-up, and after sharing or joining.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let access = AppDb(state.db.clone());
    let relays = match connection::relays(&access) {
        Ok(relays) => relays,
        Err(err) => {
            eprintln!("hearth: the shared communities' relays cannot be read: {err}");
            return;
        }
    };
    for relay in relays {
        let address = relay.to_string();
        {
            let syncing = app.state::<Syncing>();
            let mut said = syncing.0.lock().unwrap_or_else(|e| e.into_inner());
            if said.relays.contains_key(&address) {
                continue;
            }
            said.relays
                .insert(address.clone(), (SyncConnection::Connecting, None));
        }
        let app = app.clone();
        let access = AppDb(state.db.clone());
        tauri::async_runtime::spawn(async move {
            connection::keep_syncing(
                &access,
                &relay,
                None,
                |event| heard(&app, &address, event),
                std::future::pending(),
            )
            .await
        });
    }
}

/// Keeps what the sync said, and tells the window.
fn heard(app: &AppHandle, relay: &str, event: Event) {
    let community_id = {
        let syncing = app.state::<Syncing>();
        let mut said = syncing.0.lock().unwrap_or_else(|e| e.into_inner());
        match &event {
            Event::Connected => {
                said.relays
                    .insert(relay.into(), (SyncConnection::Connected, None));
                None
            }
            Event::Offline { reason, .. } => {
                said.relays.insert(
                    relay.into(),
                    (SyncConnection::Offline, Some(reason.clone())),
                );
                said.in_step.clear();
                None
            }
            Event::Received { community_id } => {
                said.in_step.remove(community_id);
                Some(*community_id)
            }
            Event::InSync { community_id } => {
                said.in_step.insert(*community_id);
                Some(*community_id)
            }
        }
    };
    let kind = match event {
        Event::Connected => "connected",
        Event::Offline { .. } => "offline",
        Event::Received { .. } => "received",
        Event::InSync { .. } => "in_step",
    };
    let _ = app.emit(
        SHARING_EVENT,
        serde_json::json!({ "kind": kind, "communityId": community_id }),
    );
}

/// How `community_id`'s sharing stands: what the database says and what its relay last said.
pub(crate) fn status(app: &AppHandle, db: &Db, community_id: i64) -> Result<SharingStatus> {
    let shared = SharedCommunity::open(db, community_id)?;
    let code = shared.as_ref().and_then(|s| s.link().cloned());
    let syncing = app.state::<Syncing>();
    let said = syncing.0.lock().unwrap_or_else(|e| e.into_inner());
    let (connection, problem) = match &code {
        None => (SyncConnection::Off, None),
        Some(code) => said
            .relays
            .get(code.relay.as_str())
            .cloned()
            .unwrap_or((SyncConnection::Connecting, None)),
    };
    Ok(SharingStatus {
        community_id,
        shared: shared.is_some(),
        join_code: code.map(|c| c.to_string()),
        in_step: connection == SyncConnection::Connected && said.in_step.contains(&community_id),
        connection,
        problem,
    })
}

#[tauri::command]
pub async fn sharing_status(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<SharingStatus> {
    with_db(&state, move |db| status(&app, db, community_id)).await
}

/// Shares the community through `relay` (or moves it to another relay), and starts syncing
/// it: the status carries the join code.
#[tauri::command]
pub async fn sharing_share(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
    relay: String,
) -> Result<SharingStatus> {
    let relay = parse_relay(&relay)?;
    let shown = app.clone();
    let status = with_db(&state, move |db| {
        let mut shared = match SharedCommunity::open(db, community_id)? {
            Some(shared) => shared,
            None => SharedCommunity::share(db, community_id)?,
        };
        shared.link_to(db, &relay)?;
        status(&shown, db, community_id)
    })
    .await?;
    start(&app);
    Ok(status)
}

/// Joins the community a join code names: fetched from its relay, added here after a
/// backup, and synced from now on.
#[tauri::command]
pub async fn sharing_join(
    app: AppHandle,
    state: State<'_, AppState>,
    code: String,
) -> Result<Community> {
    let code: JoinCode = code.parse()?;
    let access = AppDb(state.db.clone());
    let id = connection::join(&access, &code, &state.backups_dir()).await?;
    start(&app);
    with_db(&state, move |db| community::get(db, id)).await
}

/// Stops sharing the community on this copy: its rows stay; the other copies go on.
#[tauri::command]
pub async fn sharing_stop(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<SharingStatus> {
    with_db(&state, move |db| {
        SharedCommunity::stop(db, community_id)?;
        status(&app, db, community_id)
    })
    .await
}

fn conflicts(db: &Db, community_id: i64) -> Result<Vec<SharingConflict>> {
    let Some(shared) = SharedCommunity::open(db, community_id)? else {
        return Ok(Vec::new());
    };
    shared
        .conflicts()?
        .into_iter()
        .map(|c| {
            Ok(SharingConflict {
                label: layout::record_label(db, c.table, &c.uid)?,
                names: layout::value_names(db, &c)?,
                label_prefix: layout::label_prefix(&c).map(str::to_string),
                table: c.table.to_string(),
                uid: c.uid,
                field: c.field.to_string(),
                values: c
                    .values
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<std::result::Result<_, _>>()?,
            })
        })
        .collect()
}

fn settle(
    db: &mut Db,
    community_id: i64,
    (table, uid, field): (&str, &str, &str),
    choice: usize,
) -> Result<()> {
    let mut shared = SharedCommunity::open(db, community_id)?
        .ok_or_else(|| Error::NotFound(format!("community {community_id} is not shared")))?;
    let clash = shared
        .conflicts()?
        .into_iter()
        .find(|c| c.table == table && c.uid == uid && c.field == field)
        .ok_or_else(|| Error::NotFound("this conflict was settled already".into()))?;
    let value: Stored = clash
        .values
        .get(choice)
        .cloned()
        .ok_or_else(|| Error::NotFound(format!("the conflict has no value {choice}")))?;
    shared.settle(db, (table, uid, field), &value)
}

/// Every field of the community set differently on two copies while apart.
#[tauri::command]
pub async fn sharing_conflicts(
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<Vec<SharingConflict>> {
    with_db(&state, move |db| conflicts(db, community_id)).await
}

/// A person's choice in a conflict: the value at `choice` among those listed, kept on every
/// copy. Answers the conflicts left, and tells the window the community changed.
#[tauri::command]
pub async fn sharing_settle(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
    table: String,
    uid: String,
    field: String,
    choice: usize,
) -> Result<Vec<SharingConflict>> {
    let left = with_db(&state, move |db| {
        // Another process (`hearth sync`) may store the document between this opening and
        // storing it: then it is opened again, a few times.
        let mut tries = 0;
        loop {
            tries += 1;
            match settle(db, community_id, (&table, &uid, &field), choice) {
                Err(Error::Conflict(_)) if tries < 3 => continue,
                settled => break settled,
            }
        }?;
        conflicts(db, community_id)
    })
    .await?;
    let _ = app.emit(
        SHARING_EVENT,
        serde_json::json!({ "kind": "received", "communityId": community_id }),
    );
    Ok(left)
}
