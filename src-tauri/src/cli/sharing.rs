//! `hearth share | join | sync | relay | conflicts`: team sharing from the command line, as
//! the window offers it. A community is shared through a relay, joined from the code
//! sharing prints, and synced until stopped or once; `hearth relay` runs a relay on this
//! machine; `hearth conflicts` lists what co-organizers set differently while apart.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hearth_core::enums::Locale;
use hearth_core::labels;
use hearth_core::sharing::connection::{self, Access, Event};
use hearth_core::sharing::wire::{parse_relay, JoinCode};
use hearth_core::sharing::{layout, SharedCommunity};
use hearth_core::{data_dir, Error, Result};
use serde_json::json;

use super::{open, open_community, printable, say_out, Output};

#[derive(clap::Args)]
pub struct ShareArgs {
    /// The community to share [default: the only one]
    community: Option<i64>,
    /// The relay co-organizers sync through, e.g. ws://192.168.1.20:3030
    #[arg(long, value_name = "URL")]
    relay: String,
}

#[derive(clap::Args)]
pub struct JoinArgs {
    /// The join code the sharing copy printed: ws://host:port#id
    code: String,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    /// Only this community [default: every shared community]
    #[arg(long, value_name = "ID")]
    community: Option<i64>,
    /// Return once this copy and the relay hold the same, rather than staying connected
    #[arg(long)]
    once: bool,
}

#[derive(clap::Args)]
pub struct ConflictsArgs {
    /// The community [default: the only one]
    community: Option<i64>,
}

#[derive(clap::Args)]
pub struct RelayArgs {
    /// The port to listen on
    #[arg(long, default_value_t = 3030)]
    port: u16,
    /// The address to listen on: 0.0.0.0 for every network this machine is on
    #[arg(long, default_value = "0.0.0.0")]
    listen: std::net::IpAddr,
    /// Where the relay keeps documents [default: the data folder's relay/]
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(super) fn share(dir: &Path, ShareArgs { community, relay }: ShareArgs) -> Result<Output> {
    let relay = parse_relay(&relay)?;
    let (mut db, id) = open_community(dir, community)?;
    let mut shared = match SharedCommunity::open(&db, id)? {
        Some(shared) => shared,
        None => SharedCommunity::share(&mut db, id)?,
    };
    let code = shared.link_to(&mut db, &relay)?;
    drop(shared);
    // The relay gets the document now, so the code works at once.
    let access = Mutex::new(db);
    let synced = tauri::async_runtime::block_on(connection::sync_once(&access, Some(id)));
    let value =
        json!({ "communityId": id, "joinCode": code.to_string(), "synced": synced.is_ok() });
    let mut output = Output::new(
        format!("community {id} is shared; co-organizers join it with:\n  hearth join {code}"),
        value,
    )?;
    if let Err(error) = synced {
        output.text += &format!(
            "\nbut the relay has not got it yet ({error}); run `hearth sync --once` when it can be reached"
        );
        output.ok = false;
    }
    Ok(output)
}

/// Each field set differently apart, with every value, the shown one first. A person keeps
/// one in the window, where the field is shown or in the charter's Co-organizers section.
pub(super) fn conflicts(dir: &Path, ConflictsArgs { community }: ConflictsArgs) -> Result<Output> {
    let (db, id) = open_community(dir, community)?;
    let shared = SharedCommunity::open(&db, id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "community {id} is not shared: `hearth share {id} --relay URL` first"
        ))
    })?;
    let mut listed = Vec::new();
    let mut text = String::new();
    for conflict in shared.conflicts()? {
        let label = layout::record_label(&db, conflict.table, &conflict.uid)?;
        let names = layout::value_names(&db, &conflict)?;
        let prefix = layout::label_prefix(&conflict);
        let values: Vec<String> = conflict
            .values
            .iter()
            .zip(&names)
            .map(|(value, name)| match (name, value) {
                (Some(name), _) => format!("“{}”", printable(name)),
                (None, hearth_core::sharing::Stored::Text(text)) => {
                    // A closed value as the window names it in English ("Done", not "done").
                    let label = prefix.and_then(|prefix| labels::find(Locale::En, prefix, text));
                    format!("“{}”", printable(label.unwrap_or(text)))
                }
                (None, hearth_core::sharing::Stored::Null) => "empty".into(),
                (None, other) => serde_json::to_string(other).unwrap_or_default(),
            })
            .collect();
        let record = match &label {
            Some(label) => format!("{} “{}”", conflict.table, printable(label)),
            None => conflict.table.to_string(),
        };
        text += &format!("\n  {record} · {}: {}", conflict.field, values.join(" or "));
        listed.push(json!({
            "table": conflict.table,
            "uid": conflict.uid,
            "label": label,
            "field": conflict.field,
            "values": conflict.values,
            "names": names,
            "labelPrefix": prefix,
        }));
    }
    let text = match listed.len() {
        0 => format!("community {id}: no field was set differently on two copies"),
        count => format!(
            "community {id}: {count} field{} set differently on two copies while apart; \
             each shows the first value until someone keeps one in the window{text}",
            if count == 1 { " was" } else { "s were" }
        ),
    };
    Output::new(text, json!({ "communityId": id, "conflicts": listed }))
}

pub(super) fn join(dir: &Path, JoinArgs { code }: JoinArgs) -> Result<Output> {
    let code: JoinCode = code.parse()?;
    let access = Mutex::new(open(dir)?);
    let backups = dir.join(data_dir::BACKUP_DIR);
    let id = tauri::async_runtime::block_on(connection::join(&access, &code, &backups))?;
    Output::new(
        format!("joined: the community is here as community {id}; `hearth sync` keeps it in step"),
        json!({ "communityId": id }),
    )
}

pub(super) fn sync(
    dir: &Path,
    json: bool,
    SyncArgs { community, once }: SyncArgs,
) -> Result<Output> {
    let access = Arc::new(Mutex::new(open(dir)?));
    if let Some(id) = community {
        let shared = access.with_db(|db| SharedCommunity::open(db, id))?;
        if shared.and_then(|s| s.link().cloned()).is_none() {
            return Err(Error::NotFound(format!(
                "community {id} is not shared through a relay: `hearth share {id} --relay URL` first"
            )));
        }
    }
    if once {
        let report = tauri::async_runtime::block_on(connection::sync_once(&*access, community))?;
        return Output::new(
            format!(
                "shared communities in step with their relay: {} ({} messages sent, {} taken in)",
                report.communities, report.sent, report.received
            ),
            report,
        );
    }
    let relays = match community {
        Some(id) => {
            let shared = access.with_db(|db| SharedCommunity::open(db, id))?;
            shared
                .and_then(|s| s.link().map(|code| code.relay.clone()))
                .into_iter()
                .collect()
        }
        None => connection::relays(&*access)?,
    };
    if relays.is_empty() {
        return Err(Error::NotFound(
            "no community here is shared through a relay: `hearth share --relay URL` or `hearth join CODE` first".into(),
        ));
    }
    tauri::async_runtime::block_on(async move {
        let mut running = Vec::new();
        for relay in relays {
            let access = access.clone();
            running.push(tauri::async_runtime::spawn(async move {
                let shown = relay.to_string();
                connection::keep_syncing(
                    &access,
                    &relay,
                    community,
                    |event| say_event(&shown, &event, json),
                    hearth_relay::interrupted(),
                )
                .await
            }));
        }
        for task in running {
            let _ = task.await;
        }
    });
    Output::new("stopped syncing".into(), json!({ "stopped": true }))
}

/// One line per event as it happens: a person watching, or a script reading JSON lines.
fn say_event(relay: &str, event: &Event, json: bool) {
    let (kind, community, text) = match event {
        Event::Connected => ("connected", None, format!("connected to {relay}")),
        Event::Received { community_id } => (
            "received",
            Some(*community_id),
            format!("community {community_id}: changes from another copy written"),
        ),
        Event::InSync { community_id } => (
            "in_sync",
            Some(*community_id),
            format!("community {community_id}: in step with {relay}"),
        ),
        Event::Offline { reason, retry_in } => (
            "offline",
            None,
            format!(
                "offline: {reason}; trying again in {} s",
                retry_in.as_secs().max(1)
            ),
        ),
    };
    match json {
        true => say_out(
            &json!({ "event": kind, "relay": relay, "communityId": community, "message": text })
                .to_string(),
        ),
        false => say_out(&text),
    }
}

pub(super) fn relay(
    dir: &Path,
    RelayArgs {
        port,
        listen,
        dir: folder,
    }: RelayArgs,
) -> Result<Output> {
    let folder = folder.unwrap_or_else(|| dir.join("relay"));
    let address = SocketAddr::new(listen, port);
    tauri::async_runtime::block_on(async {
        let listener = hearth_relay::bind(address)
            .await
            .map_err(|e| Error::Io(e.to_string()))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::Io(e.to_string()))?;
        say_out(&format!(
            "relay listening on ws://{bound}, keeping documents in {}; share with \
             `hearth share --relay ws://<this machine's address>:{}`",
            folder.display(),
            bound.port()
        ));
        hearth_relay::serve(listener, &folder, hearth_relay::interrupted())
            .await
            .map_err(|e| Error::Io(format!("the relay stopped: {e}")))
    })?;
    Output::new("relay stopped".into(), json!({ "stopped": true }))
}
