//! The relay co-organizers' copies sync through: a server of the automerge-repo protocol
//! that keeps every document it is given in a folder and passes changes on to every copy
//! connected to it. It is a copy like any other, never the only one: what it holds, each
//! organizer's copy holds too.
//!
//! Built on samod's server (docs/sharing.md, "Steps"), with one change: its file store
//! drops a failed write without a word, and its compaction then deletes the chunks the
//! snapshot was to replace. Here a write goes to a temporary file, is flushed, and is moved
//! into place; one that fails is tried again until it succeeds, so a full disk makes the
//! relay wait rather than forget.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::extract::ws::WebSocketUpgrade;
use axum::routing::get;
use samod::storage::{Storage, StorageKey, TokioFilesystemStorage};
use samod::{Repo, ShareConfig};
use tokio::net::TcpListener;

/// Where unfinished writes are made, inside the relay's folder: never read as a document,
/// since no document id starts with a dot.
const INCOMING: &str = ".incoming";

/// A relay listening on `listener`, keeping documents in `dir`. Runs until `stop` resolves,
/// then finishes the writes under way.
pub async fn serve(
    listener: TcpListener,
    dir: &Path,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(INCOMING))?;
    let address = listener.local_addr()?;
    let repo = Repo::build_tokio()
        .with_storage(DurableStorage::new(dir))
        // A relay answers for what it has and asks no one: the copies hold the documents.
        .with_share_policy(ShareConfig::read_write().with_announce(false))
        .load()
        .await;
    let url = format!("ws://{address}/")
        .parse()
        .map_err(|e| std::io::Error::other(format!("the relay's address: {e}")))?;
    let acceptor = repo
        .make_acceptor(url)
        .map_err(|_| std::io::Error::other("the relay stopped as it started"))?;
    let app = axum::Router::new().route(
        "/",
        get(move |upgrade: WebSocketUpgrade| {
            let acceptor = acceptor.clone();
            async move {
                upgrade.on_upgrade(move |socket| async move {
                    // Only fails once the repo has stopped, when the socket closes anyway.
                    let _ = acceptor.accept_axum(socket, None);
                })
            }
        }),
    );
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await;
    repo.stop().await;
    served
}

/// Resolves when the process is asked to stop: Ctrl+C, or SIGTERM from a service manager.
pub async fn interrupted() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}

/// Binds `address`, with a message that names it when it is taken.
pub async fn bind(address: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(address)
        .await
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {address}: {e}")))
}

/// samod's file store, with writes that are whole or absent, and never given up.
#[derive(Clone)]
struct DurableStorage {
    dir: PathBuf,
    files: TokioFilesystemStorage,
}

impl DurableStorage {
    fn new(dir: &Path) -> DurableStorage {
        DurableStorage {
            dir: dir.to_path_buf(),
            files: TokioFilesystemStorage::new(dir),
        }
    }

    /// Where samod's store keeps `key` (and the JavaScript server's file store too): the
    /// first part split after two characters, then the rest as folders.
    fn path(&self, key: &StorageKey) -> PathBuf {
        let mut path = self.dir.clone();
        for (index, part) in key.into_iter().enumerate() {
            if index == 0 {
                let split = part.char_indices().nth(2).map_or(part.len(), |(i, _)| i);
                path.push(&part[..split]);
                path.push(&part[split..]);
            } else {
                path.push(part);
            }
        }
        path
    }
}

fn write_whole(dir: &Path, path: &Path, data: &[u8]) -> std::io::Result<()> {
    let parent = path
        .parent()
        .ok_or_else(|| std::io::Error::other("a key with no folder"))?;
    std::fs::create_dir_all(parent)?;
    let temporary = dir
        .join(INCOMING)
        .join(uuid::Uuid::new_v4().simple().to_string());
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(data)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        std::fs::File::open(parent)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

impl Storage for DurableStorage {
    fn load(&self, key: StorageKey) -> impl Future<Output = Option<Vec<u8>>> + Send {
        self.files.load(key)
    }

    fn load_range(
        &self,
        prefix: StorageKey,
    ) -> impl Future<Output = HashMap<StorageKey, Vec<u8>>> + Send {
        self.files.load_range(prefix)
    }

    fn put(&self, key: StorageKey, data: Vec<u8>) -> impl Future<Output = ()> + Send {
        let dir = self.dir.clone();
        let path = self.path(&key);
        async move {
            let mut wait = Duration::from_millis(100);
            loop {
                let (d, p, bytes) = (dir.clone(), path.clone(), data.clone());
                let written =
                    tokio::task::spawn_blocking(move || write_whole(&d, &p, &bytes)).await;
                match written {
                    Ok(Ok(())) => return,
                    Ok(Err(e)) => eprintln!(
                        "hearth relay: cannot write {} ({e}); trying again in {} s",
                        path.display(),
                        wait.as_secs_f32()
                    ),
                    Err(e) => eprintln!("hearth relay: a write stopped: {e}; trying again"),
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }

    fn delete(&self, key: StorageKey) -> impl Future<Output = ()> + Send {
        self.files.delete(key)
    }
}
