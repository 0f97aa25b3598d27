//! Three copies in three folders, syncing through a real relay (`hearth-relay`, on
//! 127.0.0.1): sharing, joining by code, edits made apart meeting, a copy kept connected
//! seeing another's edit, and what a person sees when the code or the relay is wrong.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::community::platforms::{self, PlatformInput};
use crate::db::testing::{community, temp_db};
use crate::db::Db;
use crate::plan::{self, TaskInput};
use crate::sharing::connection::{self, Event, Report};
use crate::sharing::wire::{DocumentId, JoinCode};
use crate::sharing::SharedCommunity;

/// A relay on a free port of 127.0.0.1, in a folder of its own, until dropped.
struct Relay {
    url: url::Url,
    stop: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl Relay {
    async fn start() -> Relay {
        let dir = tempfile::tempdir().unwrap();
        let listener = hearth_relay::bind("127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let url = format!("ws://{}", listener.local_addr().unwrap())
            .parse()
            .unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let folder = dir.path().to_path_buf();
        tokio::spawn(async move {
            hearth_relay::serve(listener, &folder, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Relay {
            url,
            stop: Some(stop),
            _dir: dir,
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One copy of Hearth: its folder and database.
struct Folder {
    db: Mutex<Db>,
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let t = temp_db();
        Folder {
            db: Mutex::new(t.db),
            dir: t.dir,
        }
    }

    fn backups(&self) -> std::path::PathBuf {
        self.dir.path().join("backups")
    }

    fn with<R>(&self, f: impl FnOnce(&mut Db) -> R) -> R {
        f(&mut self.db.lock().unwrap())
    }

    /// The plan, the platforms and the charter's name, as a person would compare them.
    fn seen(&self, id: i64) -> Vec<String> {
        self.with(|db| {
            let mut seen: Vec<String> = plan::tasks(db, id)
                .unwrap()
                .iter()
                .map(|t| format!("task {} {} {:?}", t.uid, t.title, t.status))
                .chain(
                    platforms::list(db, id)
                        .unwrap()
                        .iter()
                        .map(|p| format!("platform {} {}", p.uid, p.name)),
                )
                .collect();
            seen.sort();
            seen.push(crate::community::get(db, id).unwrap().charter.name);
            seen
        })
    }

    fn retitle(&self, id: i64, uid: &str, title: &str) {
        self.with(|db| {
            let task = plan::tasks(db, id)
                .unwrap()
                .into_iter()
                .find(|t| t.uid == uid)
                .unwrap();
            let mut input = TaskInput::from(&task);
            input.title = title.into();
            plan::update_task(db, task.id, &input).unwrap();
        })
    }

    fn task_title(&self, id: i64, uid: &str) -> String {
        self.with(|db| {
            plan::tasks(db, id)
                .unwrap()
                .into_iter()
                .find(|t| t.uid == uid)
                .unwrap()
                .title
        })
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Copy A's community, shared and linked to `relay`, synced there once: its id and code.
async fn shared_at(a: &Folder, relay: &url::Url) -> (i64, JoinCode) {
    let (id, code) = a.with(|db| {
        let id = community(db, "Lisbon Rust", "en").id;
        let mut shared = SharedCommunity::share(db, id).unwrap();
        (id, shared.link_to(db, relay).unwrap())
    });
    let report = connection::sync_once(&a.db, None).await.unwrap();
    assert_eq!(report.communities, 1);
    assert!(report.sent >= 1, "{report:?}");
    (id, code)
}

#[test]
fn three_copies_share_join_and_meet_through_a_relay() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let (a, b, c) = (Folder::new(), Folder::new(), Folder::new());
        let (a_id, code) = shared_at(&a, &relay.url).await;
        // The code, as a person copies it, is read back the same.
        let code: JoinCode = code.to_string().parse().unwrap();
        let b_id = connection::join(&b.db, &code, &b.backups()).await.unwrap();
        let c_id = connection::join(&c.db, &code, &c.backups()).await.unwrap();
        assert_eq!(b.seen(b_id), a.seen(a_id));
        assert_eq!(c.seen(c_id), a.seen(a_id));
        // Joining took a backup first, and kept the relay with the document.
        assert_eq!(std::fs::read_dir(b.backups()).unwrap().count(), 1);
        let kept = b.with(|db| {
            SharedCommunity::open(db, b_id)
                .unwrap()
                .unwrap()
                .link()
                .cloned()
        });
        assert_eq!(kept, Some(code.clone()));

        // Apart: A retitles a task, B retitles another, C adds a platform.
        let tasks = a.with(|db| plan::tasks(db, a_id).unwrap());
        let (first, second) = (tasks[0].uid.clone(), tasks[1].uid.clone());
        a.retitle(a_id, &first, "Venue booked by Anna");
        b.retitle(b_id, &second, "Speakers asked by Boris");
        c.with(|db| {
            platforms::create(
                db,
                c_id,
                &PlatformInput {
                    kind: "telegram".into(),
                    name: "Chat".into(),
                    url: "https://t.me/lisbonrust".into(),
                    member_count: None,
                },
            )
            .unwrap()
        });
        for folder in [&a, &b, &c, &a, &b] {
            connection::sync_once(&folder.db, Some(&relay.url))
                .await
                .unwrap();
        }
        assert_eq!(a.task_title(a_id, &second), "Speakers asked by Boris");
        assert_eq!(c.task_title(c_id, &first), "Venue booked by Anna");
        assert!(a.seen(a_id).iter().any(|s| s.ends_with(" Chat")));
        assert_eq!(b.seen(b_id), a.seen(a_id));
        assert_eq!(c.seen(c_id), a.seen(a_id));

        // With nothing new, a sync sends what says so and changes nothing.
        let before = a.seen(a_id);
        let quiet: Report = connection::sync_once(&a.db, None).await.unwrap();
        assert_eq!(quiet.communities, 1);
        assert_eq!(a.seen(a_id), before);
    });
}

#[test]
fn a_copy_kept_connected_sees_an_edit_made_elsewhere_within_a_second() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let (a, b) = (Folder::new(), std::sync::Arc::new(Folder::new()));
        let (a_id, code) = shared_at(&a, &relay.url).await;
        let b_id = connection::join(&b.db, &code, &b.backups()).await.unwrap();
        let uid = a.with(|db| plan::tasks(db, a_id).unwrap()[0].uid.clone());

        let (events, mut heard) = tokio::sync::mpsc::unbounded_channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let kept = {
            let (b, url) = (b.clone(), relay.url.clone());
            tokio::spawn(async move {
                connection::keep_syncing(
                    &b.db,
                    &url,
                    move |event| {
                        let _ = events.send(event);
                    },
                    async {
                        let _ = stopped.await;
                    },
                )
                .await
            })
        };
        assert_eq!(heard.recv().await, Some(Event::Connected));
        a.retitle(a_id, &uid, "Seen at once");
        let sent = Instant::now();
        connection::sync_once(&a.db, None).await.unwrap();
        loop {
            let event = tokio::time::timeout(Duration::from_secs(5), heard.recv())
                .await
                .expect("B heard of A's edit")
                .unwrap();
            if event == (Event::Received { community_id: b_id }) {
                break;
            }
        }
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "{:?}",
            sent.elapsed()
        );
        assert_eq!(b.task_title(b_id, &uid), "Seen at once");

        // And B's own edit, recorded by the connection as it is made, reaches A.
        b.retitle(b_id, &uid, "Answered from B");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            connection::sync_once(&a.db, None).await.unwrap();
            if a.task_title(a_id, &uid) == "Answered from B" {
                break;
            }
            assert!(Instant::now() < deadline, "A never got B's edit");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        stop.send(()).unwrap();
        kept.await.unwrap();
    });
}

#[test]
fn a_wrong_code_or_a_relay_that_is_not_there_is_said_plainly_and_writes_nothing() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let b = Folder::new();
        let unknown = JoinCode {
            relay: relay.url.clone(),
            document: DocumentId::new(),
        };
        let error = connection::join(&b.db, &unknown, &b.backups())
            .await
            .unwrap_err();
        assert_eq!(error.code(), "not_found", "{error}");
        assert!(error.to_string().contains("check the join code"), "{error}");

        let gone: JoinCode = format!("ws://127.0.0.1:9#{}", DocumentId::new())
            .parse()
            .unwrap();
        let error = connection::join(&b.db, &gone, &b.backups())
            .await
            .unwrap_err();
        assert_eq!(error.code(), "io", "{error}");
        assert!(
            error.to_string().contains("cannot reach the relay"),
            "{error}"
        );
        assert!(b.with(|db| crate::community::list(db).unwrap().is_empty()));
        assert!(
            !b.backups().exists(),
            "no backup for a join that never began"
        );
    });
}
