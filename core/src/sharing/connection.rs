//! This copy's side of a relay: a WebSocket speaking the automerge-repo protocol (`wire`),
//! the shared communities linked to that relay, and one sync state for each.
//!
//! Every step goes through `SharedCommunity::receive` and `record_local`, so what a message
//! brings is written to SQLite with the changes it came from, in one transaction, or not at
//! all; the database is held only for that step, never while waiting on the network, so the
//! window's own commands never wait on a slow relay.
//!
//! Three ways in: `sync_once` (until this copy and the relay hold the same, then return),
//! `join` (fetch a community by its join code), and `keep_syncing` (connected until told to
//! stop, reconnecting after a failure, sending each edit as it is recorded).

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use automerge::sync::{self, SyncDoc};
use automerge::AutoCommit;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::document::SharedCommunity;
use super::store;
use super::wire::{DocumentId, JoinCode, Message, PROTOCOL_VERSION};
use crate::db::{backup, Db};
use crate::error::{Error, Result};

/// How long the relay may take to answer before it is taken for gone.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(15);
/// How often a connected copy looks for edits of its own to send.
pub const LOOK_EVERY: Duration = Duration::from_millis(250);
/// The longest wait between two tries to reach a relay.
const RETRY_AT_MOST: Duration = Duration::from_secs(30);

/// The database, as each step of sync takes it: for that step alone.
pub trait Access: Send + Sync {
    fn with_db<R>(&self, step: impl FnOnce(&mut Db) -> Result<R>) -> Result<R>;
}

impl Access for Mutex<Db> {
    fn with_db<R>(&self, step: impl FnOnce(&mut Db) -> Result<R>) -> Result<R> {
        // A step that panicked left no transaction open: SQLite rolled it back.
        step(&mut self.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl<T: Access> Access for std::sync::Arc<T> {
    fn with_db<R>(&self, step: impl FnOnce(&mut Db) -> Result<R>) -> Result<R> {
        self.as_ref().with_db(step)
    }
}

/// The relays this copy's shared communities are linked to.
pub fn relays(access: &impl Access) -> Result<Vec<url::Url>> {
    by_relay(access)?
        .into_iter()
        .map(|(address, _)| parse_relay(&address))
        .collect()
}

/// What a finished `sync_once` did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Shared communities synced.
    pub communities: usize,
    /// Sync messages sent and taken in.
    pub sent: usize,
    pub received: usize,
    /// The bytes of the messages sent.
    pub sent_bytes: usize,
}

/// What `keep_syncing` tells its caller as it goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Connected to the relay; edits travel from now on.
    Connected,
    /// Changes from another copy were written to this community's rows.
    Received { community_id: i64 },
    /// This community and the relay hold the same now.
    InSync { community_id: i64 },
    /// The relay cannot be reached, or failed; tried again after `retry_in`.
    Offline { reason: String, retry_in: Duration },
}

/// Syncs every community linked to a relay (or `community` alone) until this copy and its
/// relay hold the same, one relay after the other.
pub async fn sync_once(access: &impl Access, community: Option<i64>) -> Result<Report> {
    let mut report = Report::default();
    for (address, mut links) in by_relay(access)? {
        links.retain(|(id, _)| community.is_none_or(|only| only == *id));
        if links.is_empty() {
            continue;
        }
        let url = parse_relay(&address)?;
        let mut session = Session::open(access, &url, &links).await?;
        session.send_all(access)?;
        session.flush().await?;
        while !session.in_sync() {
            let message = session
                .socket
                .next(ANSWER_WITHIN)
                .await?
                .ok_or_else(|| Error::Io(format!("the relay at {url} stopped answering")))?;
            session.take(access, message)?;
            session.flush().await?;
        }
        session.keep_states(access)?;
        report.communities += session.docs.len();
        report.sent += session.sent;
        report.sent_bytes += session.sent_bytes;
        report.received += session.received;
        session.socket.close().await;
    }
    Ok(report)
}

/// Joins the community `code` names: fetched whole from its relay, then added to this copy
/// with the relay kept beside it, after a backup of the database into `backups`.
pub async fn join(access: &impl Access, code: &JoinCode, backups: &Path) -> Result<i64> {
    let document = code.document.to_string();
    let here = by_relay(access)?
        .into_iter()
        .flat_map(|(_, links)| links)
        .find(|(_, linked)| linked.to_string() == document);
    if let Some((community_id, _)) = here {
        return Err(Error::Conflict(format!(
            "this community is in this copy of Hearth already, as community {community_id}"
        )));
    }
    let mut socket = Socket::open(&code.relay).await?;
    let mut doc = AutoCommit::new();
    let mut state = sync::State::new();
    let mut first = true;
    loop {
        if let Some(message) = doc.sync().generate_sync_message(&mut state) {
            socket
                .send(Message::Sync {
                    request: first,
                    sender: socket.me.clone(),
                    target: socket.relay.clone(),
                    document: code.document,
                    data: message.encode(),
                })
                .await?;
            first = false;
        }
        if !doc.get_heads().is_empty() && same_heads(&state, &doc.get_heads()) {
            break;
        }
        let message = socket
            .next(ANSWER_WITHIN)
            .await?
            .ok_or_else(|| Error::Io(format!("the relay at {} stopped answering", code.relay)))?;
        match message {
            Message::Sync { document, data, .. } if document == code.document => {
                let message = sync::Message::decode(&data)
                    .map_err(|e| Error::Corrupt(format!("a sync message cannot be read: {e}")))?;
                doc.sync()
                    .receive_sync_message(&mut state, message)
                    .map_err(|e| Error::Corrupt(format!("a sync message was refused: {e}")))?;
            }
            Message::Unavailable { document, .. } if document == code.document => {
                return Err(Error::NotFound(format!(
                    "the relay at {} has no shared community {}: check the join code, and \
                     that the copy that shares it has synced once",
                    code.relay, code.document
                )));
            }
            Message::Refused { message } => return Err(refused(&code.relay, &message)),
            _ => {}
        }
    }
    socket.close().await;
    let bytes = doc.save();
    access.with_db(|db| {
        backup::create(db, backups)?;
        let mut joined = SharedCommunity::join_through(db, &bytes, Some(code))?;
        // The relay has what was fetched: the first sync after starts from there.
        joined.keep_relay_state(db, &state)?;
        Ok(joined.community_id())
    })
}

/// Stays connected to `relay` until `stop` resolves: takes in what other copies send, and
/// sends this copy's edits as they are recorded (every `LOOK_EVERY`), for every community
/// linked to it (or `community` alone), including ones linked while it runs. A failure is
/// reported (`Event`) and the connection tried again, waiting longer each time up to half
/// a minute.
pub async fn keep_syncing(
    access: &impl Access,
    relay: &url::Url,
    community: Option<i64>,
    mut on_event: impl FnMut(Event),
    stop: impl Future<Output = ()>,
) {
    let mut wait = Duration::from_millis(500);
    tokio::pin!(stop);
    loop {
        let connected = tokio::select! {
            _ = &mut stop => return,
            result = stay_connected(access, relay, community, &mut on_event, &mut wait) => result,
        };
        if let Err(error) = connected {
            on_event(Event::Offline {
                reason: error.to_string(),
                retry_in: wait,
            });
        }
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(wait) => {}
        }
        wait = (wait * 2).min(RETRY_AT_MOST);
    }
}

/// One connection's life in `keep_syncing`: until it fails (the error) or `stop` drops it.
async fn stay_connected(
    access: &impl Access,
    relay: &url::Url,
    community: Option<i64>,
    on_event: &mut impl FnMut(Event),
    wait: &mut Duration,
) -> Result<()> {
    let address = relay.as_str().trim_end_matches('/').to_string();
    let links = linked_to(access, &address, community)?;
    let mut session = Session::open(access, relay, &links).await?;
    *wait = Duration::from_millis(500);
    on_event(Event::Connected);
    session.send_all(access)?;
    session.flush().await?;
    let mut told_in_sync: BTreeSet<i64> = BTreeSet::new();
    let mut look = tokio::time::interval(LOOK_EVERY);
    loop {
        tokio::select! {
            message = session.socket.next(Duration::MAX) => {
                let message = message?.ok_or_else(|| Error::Io("the relay closed".into()))?;
                for community_id in session.take(access, message)? {
                    told_in_sync.remove(&community_id);
                    on_event(Event::Received { community_id });
                }
            }
            _ = look.tick() => {
                // Communities shared or joined here since (by the window or the command line).
                for (community_id, document) in linked_to(access, &address, community)? {
                    if !session.docs.contains_key(&document) {
                        session.add(access, community_id, document)?;
                    }
                }
                session.send_all(access)?;
            }
        }
        session.flush().await?;
        for doc in session.docs.values_mut() {
            if doc.in_sync() && told_in_sync.insert(doc.shared.community_id()) {
                access.with_db(|db| doc.shared.keep_relay_state(db, &doc.state))?;
                on_event(Event::InSync {
                    community_id: doc.shared.community_id(),
                });
            } else if !doc.in_sync() {
                told_in_sync.remove(&doc.shared.community_id());
            }
        }
    }
}

/// One community's part in a session: its document and what this copy knows the relay has.
struct Doc {
    shared: SharedCommunity,
    state: sync::State,
}

impl Doc {
    fn in_sync(&mut self) -> bool {
        let heads = self.shared.heads();
        same_heads(&self.state, &heads)
    }
}

/// A connection to one relay and the communities synced through it.
struct Session {
    socket: Socket,
    docs: HashMap<DocumentId, Doc>,
    /// Messages made and not yet sent.
    outgoing: Vec<Message>,
    sent: usize,
    sent_bytes: usize,
    received: usize,
}

impl Session {
    async fn open(access: &impl Access, relay: &url::Url, links: &Links) -> Result<Session> {
        let socket = Socket::open(relay).await?;
        let mut session = Session {
            socket,
            docs: HashMap::new(),
            outgoing: Vec::new(),
            sent: 0,
            sent_bytes: 0,
            received: 0,
        };
        for &(community_id, document) in links {
            session.add(access, community_id, document)?;
        }
        Ok(session)
    }

    fn add(&mut self, access: &impl Access, community_id: i64, document: DocumentId) -> Result<()> {
        let shared = access
            .with_db(|db| SharedCommunity::open(db, community_id))?
            .ok_or_else(|| Error::NotFound(format!("community {community_id} is not shared")))?;
        // From what the relay had when last in step: only what changed since is sent.
        let state = shared.relay_state();
        self.docs.insert(document, Doc { shared, state });
        Ok(())
    }

    /// Records this copy's edits in every document, and makes the messages that carry them.
    fn send_all(&mut self, access: &impl Access) -> Result<()> {
        let documents: Vec<DocumentId> = self.docs.keys().copied().collect();
        for document in documents {
            self.record(access, document)?;
            self.reply(document);
        }
        Ok(())
    }

    /// `record_local` on one document; opened again when another process stored it since.
    fn record(&mut self, access: &impl Access, document: DocumentId) -> Result<()> {
        let Some(doc) = self.docs.get_mut(&document) else {
            return Ok(());
        };
        // Stored elsewhere since (a choice made in a conflict, another process): what that
        // stored is sent too, from the document opened again.
        if !access.with_db(|db| doc.shared.is_current(db))? {
            return self.reopen(access, document);
        }
        match access.with_db(|db| doc.shared.record_local(db)) {
            Err(Error::Conflict(_)) => self.reopen(access, document),
            other => other.map(|_| ()),
        }
    }

    /// Opens a document again from the database, where another process stored it since, and
    /// starts its sync state over; it is dropped from the session when no longer shared.
    fn reopen(&mut self, access: &impl Access, document: DocumentId) -> Result<()> {
        let Some(doc) = self.docs.get_mut(&document) else {
            return Ok(());
        };
        let community_id = doc.shared.community_id();
        match access.with_db(|db| SharedCommunity::open(db, community_id))? {
            Some(mut shared) => {
                access.with_db(|db| shared.record_local(db))?;
                doc.state = shared.relay_state();
                doc.shared = shared;
            }
            None => {
                self.docs.remove(&document);
            }
        }
        Ok(())
    }

    fn reply(&mut self, document: DocumentId) {
        let Some(doc) = self.docs.get_mut(&document) else {
            return;
        };
        if let Some(data) = doc.shared.sync_message(&mut doc.state) {
            self.outgoing.push(Message::Sync {
                request: false,
                sender: self.socket.me.clone(),
                target: self.socket.relay.clone(),
                document,
                data,
            });
        }
    }

    /// Takes in one message from the relay, and makes the answer. Returns the communities
    /// whose rows it changed.
    fn take(&mut self, access: &impl Access, message: Message) -> Result<Vec<i64>> {
        match message {
            Message::Sync { document, data, .. } => {
                let Some(doc) = self.docs.get_mut(&document) else {
                    return Ok(Vec::new());
                };
                self.received += 1;
                let before = doc.shared.heads();
                let taken = access.with_db(|db| doc.shared.receive(db, &mut doc.state, &data));
                if let Err(Error::Conflict(_)) = taken {
                    // Stored by another process since (a choice made in a conflict, the
                    // command line): opened again, and the message taken in by that copy,
                    // since the relay counts it as delivered.
                    self.reopen(access, document)?;
                    let Some(doc) = self.docs.get_mut(&document) else {
                        return Ok(Vec::new());
                    };
                    access.with_db(|db| doc.shared.receive(db, &mut doc.state, &data))?;
                } else {
                    taken?;
                }
                let Some(doc) = self.docs.get_mut(&document) else {
                    return Ok(Vec::new());
                };
                let changed = doc.shared.heads() != before;
                let community_id = doc.shared.community_id();
                self.reply(document);
                Ok(if changed {
                    vec![community_id]
                } else {
                    Vec::new()
                })
            }
            // The relay had not got it: the message already sent gives it what it needs.
            Message::Unavailable { .. } | Message::PassedOver { .. } => Ok(Vec::new()),
            Message::Refused { message } => Err(refused(&self.socket.url, &message)),
            Message::Join { .. } | Message::Peer { .. } => Err(Error::Corrupt(
                "the relay began the handshake again in the middle of a sync".into(),
            )),
        }
    }

    async fn flush(&mut self) -> Result<()> {
        for message in std::mem::take(&mut self.outgoing) {
            if let Message::Sync { data, .. } = &message {
                self.sent_bytes += data.len();
            }
            self.socket.send(message).await?;
            self.sent += 1;
        }
        Ok(())
    }

    fn in_sync(&mut self) -> bool {
        self.docs.values_mut().all(Doc::in_sync)
    }

    /// Keeps, for every document in step, what the relay has now.
    fn keep_states(&mut self, access: &impl Access) -> Result<()> {
        for doc in self.docs.values_mut() {
            if doc.in_sync() {
                access.with_db(|db| doc.shared.keep_relay_state(db, &doc.state))?;
            }
        }
        Ok(())
    }
}

/// Whether the relay said it has exactly `heads`.
fn same_heads(state: &sync::State, heads: &[automerge::ChangeHash]) -> bool {
    state.their_heads.as_ref().is_some_and(|theirs| {
        theirs.iter().collect::<BTreeSet<_>>() == heads.iter().collect::<BTreeSet<_>>()
    })
}

/// The WebSocket to a relay, after the protocol's handshake.
struct Socket {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    url: url::Url,
    /// This connection's peer id, new each time: the relay keeps no state of it.
    me: String,
    /// The relay's peer id, from its answer to `join`.
    relay: String,
}

impl Socket {
    async fn open(url: &url::Url) -> Result<Socket> {
        let unreachable = |e: String| Error::Io(format!("cannot reach the relay at {url}: {e}"));
        if url.scheme() == "wss" {
            return Err(unreachable(
                "this build of Hearth speaks ws:// only; put the relay on ws://".into(),
            ));
        }
        let (ws, _) = tokio::time::timeout(
            ANSWER_WITHIN,
            tokio_tungstenite::connect_async(url.as_str()),
        )
        .await
        .map_err(|_| unreachable("no answer".into()))?
        .map_err(|e| unreachable(e.to_string()))?;
        let mut socket = Socket {
            ws,
            url: url.clone(),
            me: format!("hearth-{}", uuid::Uuid::new_v4().simple()),
            relay: String::new(),
        };
        socket
            .send(Message::Join {
                sender: socket.me.clone(),
                versions: vec![PROTOCOL_VERSION.into()],
            })
            .await?;
        loop {
            match socket.next(ANSWER_WITHIN).await? {
                Some(Message::Peer { sender, .. }) => {
                    socket.relay = sender;
                    return Ok(socket);
                }
                Some(Message::Refused { message }) => return Err(refused(url, &message)),
                Some(_) => continue,
                None => return Err(unreachable("it did not answer the handshake".into())),
            }
        }
    }

    async fn send(&mut self, message: Message) -> Result<()> {
        self.ws
            .send(Frame::Binary(message.encode().into()))
            .await
            .map_err(|e| {
                Error::Io(format!(
                    "the connection to the relay at {} broke: {e}",
                    self.url
                ))
            })
    }

    /// The next message of the protocol; None when `within` passed without one. Pings are
    /// answered as they are read.
    async fn next(&mut self, within: Duration) -> Result<Option<Message>> {
        let deadline = tokio::time::Instant::now()
            .checked_add(within)
            .unwrap_or_else(|| tokio::time::Instant::now() + Duration::from_secs(86_400 * 365));
        loop {
            let frame = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return Ok(None),
                Ok(None) => return Err(Error::Io(format!("the relay at {} closed", self.url))),
                Ok(Some(Err(e))) => {
                    return Err(Error::Io(format!(
                        "the connection to the relay at {} broke: {e}",
                        self.url
                    )))
                }
                Ok(Some(Ok(frame))) => frame,
            };
            match frame {
                Frame::Binary(bytes) => return Message::decode(&bytes).map(Some),
                Frame::Close(_) => {
                    return Err(Error::Io(format!("the relay at {} closed", self.url)))
                }
                // Text frames are not the protocol's; pings are answered by the library.
                _ => continue,
            }
        }
    }

    async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}

fn refused(relay: &url::Url, message: &str) -> Error {
    Error::Io(format!("the relay at {relay} refused: {message}"))
}

fn parse_relay(address: &str) -> Result<url::Url> {
    url::Url::parse(address)
        .map_err(|e| Error::Corrupt(format!("a shared community's relay is damaged: {e}")))
}

/// The communities linked to one relay: (local id, document id).
type Links = Vec<(i64, DocumentId)>;

/// Every linked community, by relay address.
fn by_relay(access: &impl Access) -> Result<Vec<(String, Links)>> {
    let mut grouped: Vec<(String, Links)> = Vec::new();
    for (community_id, document, relay) in access.with_db(|db| db.read(store::links))? {
        let relay = relay.trim_end_matches('/').to_string();
        let document: DocumentId = document
            .parse()
            .map_err(|e| Error::Corrupt(format!("a shared community's id is damaged: {e}")))?;
        match grouped.iter_mut().find(|(r, _)| *r == relay) {
            Some((_, links)) => links.push((community_id, document)),
            None => grouped.push((relay, vec![(community_id, document)])),
        }
    }
    Ok(grouped)
}

/// The communities linked to the relay at `address` (or `community` alone, when it is one).
fn linked_to(access: &impl Access, address: &str, community: Option<i64>) -> Result<Links> {
    let mut links = by_relay(access)?
        .into_iter()
        .find(|(r, _)| r == address)
        .map(|(_, links)| links)
        .unwrap_or_default();
    links.retain(|(id, _)| community.is_none_or(|only| only == *id));
    Ok(links)
}
