//! Three copies in three folders, syncing through a real relay (`hearth-relay`, on
//! 127.0.0.1): sharing, joining by code, edits made apart meeting, a copy kept connected
//! seeing another's edit, and what a person sees when the code or the relay is wrong.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use automerge::sync;

use super::{calendar, metrics, random_edit, seen, Copy, Dice};
use crate::community::platforms::{self, PlatformInput};
use crate::community::CharterInput;
use crate::db::testing::{community, temp_db, TempDb};
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

/// `folder` kept connected to `relay` (for `community` alone, or all) on a task of its own:
/// what it says, how to stop it, and the task.
fn kept_connected(
    folder: &std::sync::Arc<Folder>,
    relay: &url::Url,
    community: Option<i64>,
) -> (
    tokio::sync::mpsc::UnboundedReceiver<Event>,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let (events, heard) = tokio::sync::mpsc::unbounded_channel();
    let (stop, stopped) = oneshot::channel::<()>();
    let (folder, url) = (folder.clone(), relay.clone());
    let kept = tokio::spawn(async move {
        connection::keep_syncing(
            &folder.db,
            &url,
            community,
            move |event| {
                let _ = events.send(event);
            },
            async {
                let _ = stopped.await;
            },
        )
        .await
    });
    (heard, stop, kept)
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
            connection::sync_once(&folder.db, None).await.unwrap();
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

        let (mut heard, stop, kept) = kept_connected(&b, &relay.url, None);
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
fn a_copy_kept_connected_for_one_community_leaves_the_others_on_its_relay_alone() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let (a, b) = (Folder::new(), std::sync::Arc::new(Folder::new()));
        let (lisbon, lisbon_code) = shared_at(&a, &relay.url).await;
        let (porto, porto_code) = a.with(|db| {
            let id = community(db, "Porto Rust", "en").id;
            let mut shared = SharedCommunity::share(db, id).unwrap();
            (id, shared.link_to(db, &relay.url).unwrap())
        });
        connection::sync_once(&a.db, None).await.unwrap();
        let b_lisbon = connection::join(&b.db, &lisbon_code, &b.backups())
            .await
            .unwrap();
        let b_porto = connection::join(&b.db, &porto_code, &b.backups())
            .await
            .unwrap();
        let lisbon_task = a.with(|db| plan::tasks(db, lisbon).unwrap()[0].uid.clone());
        let porto_task = a.with(|db| plan::tasks(db, porto).unwrap()[0].uid.clone());

        // B stays connected for Lisbon only; A edits both and sends them.
        let (mut heard, stop, kept) = kept_connected(&b, &relay.url, Some(b_lisbon));
        assert_eq!(heard.recv().await, Some(Event::Connected));
        a.retitle(porto, &porto_task, "Porto's edit");
        a.retitle(lisbon, &lisbon_task, "Lisbon's edit");
        connection::sync_once(&a.db, None).await.unwrap();
        loop {
            let event = tokio::time::timeout(Duration::from_secs(5), heard.recv())
                .await
                .expect("B heard of A's Lisbon edit")
                .unwrap();
            assert_ne!(
                event,
                Event::Received {
                    community_id: b_porto
                }
            );
            if event
                == (Event::Received {
                    community_id: b_lisbon,
                })
            {
                break;
            }
        }
        assert_eq!(b.task_title(b_lisbon, &lisbon_task), "Lisbon's edit");
        // A while longer: Porto's edit, waiting at the relay, is not taken in.
        let quiet = Instant::now() + Duration::from_millis(1500);
        while let Ok(Some(event)) = tokio::time::timeout_at(quiet.into(), heard.recv()).await {
            assert_ne!(
                event,
                Event::Received {
                    community_id: b_porto
                }
            );
        }
        assert_ne!(b.task_title(b_porto, &porto_task), "Porto's edit");
        stop.send(()).unwrap();
        kept.await.unwrap();

        // Synced as a whole, B has it.
        connection::sync_once(&b.db, None).await.unwrap();
        assert_eq!(b.task_title(b_porto, &porto_task), "Porto's edit");
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

/// A copy in the random test: `copy` makes the edits, as the window's commands do, and
/// `net` is a second connection to the same file for the sync, as the window's sync has.
struct Networked {
    copy: Copy,
    net: Mutex<Db>,
}

fn networked(t: TempDb, id: i64) -> Networked {
    let net = Mutex::new(Db::open(t.db.path()).unwrap());
    let doc = SharedCommunity::open(&t.db, id).unwrap().unwrap();
    Networked {
        copy: Copy {
            t,
            id,
            doc,
            peer: sync::State::new(),
        },
        net,
    }
}

/// Syncs each copy in turn with the relay until all of them hold the same.
async fn converge(copies: &[&Networked]) {
    for _ in 0..6 {
        for copy in copies {
            connection::sync_once(&copy.net, None).await.unwrap();
        }
        let first = seen(&copies[0].copy);
        if copies.iter().all(|c| seen(&c.copy) == first) {
            return;
        }
    }
    panic!("the copies did not converge in six rounds of sync");
}

fn rename(copy: &mut Networked, name: &str) {
    let c = crate::community::get(&copy.copy.t.db, copy.copy.id).unwrap();
    let mut input = CharterInput::from(&c.charter);
    input.name = name.into();
    let id = copy.copy.id;
    crate::community::update(copy.copy.db(), id, &input).unwrap();
}

/// The proof: three folders joined through a relay; two go offline while all three
/// make 100 random edits across every domain (clashes on one field, removals of records
/// another copy edits); they reconnect. All three then hold the same, every clash is
/// listed alike on each, and each database passes its check. Each copy keeps what the
/// relay has for the next connection.
#[test]
fn three_folders_edit_apart_and_converge_through_a_relay() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let mut t = temp_db();
        let id = community(&mut t.db, "Lisbon Rust", "en").id;
        let code = SharedCommunity::share(&mut t.db, id)
            .unwrap()
            .link_to(&mut t.db, &relay.url)
            .unwrap();
        let mut a = networked(t, id);
        for n in 0..300 {
            super::add_member(&mut a.copy, &format!("Member {n}"), &["rust"]);
        }
        connection::sync_once(&a.net, None).await.unwrap();
        let join = || async {
            let t = temp_db();
            let net = Mutex::new(Db::open(t.db.path()).unwrap());
            let backups = t.dir.path().join("backups");
            let id = connection::join(&net, &code, &backups).await.unwrap();
            drop(net);
            networked(t, id)
        };
        let (mut b, mut c) = (join().await, join().await);
        let mut dice = Dice(0x5EED_CAFE_F00D_D1CE);

        // All online: a few edits each, synced as they go.
        for n in 0..10 {
            random_edit(&mut a.copy, &mut dice, n);
            random_edit(&mut b.copy, &mut dice, 1_000 + n);
            random_edit(&mut c.copy, &mut dice, 2_000 + n);
        }
        converge(&[&a, &b, &c]).await;

        // In step, each copy keeps what the relay has, and a reconnect starts from there.
        for copy in [&a, &b, &c] {
            let db = copy.net.lock().unwrap();
            let shared = SharedCommunity::open(&db, copy.copy.id).unwrap().unwrap();
            let state = shared.relay_state();
            let mut heads = state.shared_heads.clone();
            heads.sort();
            let mut doc_heads = SharedCommunity::open(&db, copy.copy.id)
                .unwrap()
                .unwrap()
                .heads();
            doc_heads.sort();
            assert_eq!(
                heads, doc_heads,
                "the kept state knows the relay has it all"
            );
        }

        // B and C go offline; all three make 100 edits; A syncs alone now and then. B and
        // C also set the community's name differently: a clash on one field.
        for n in 0..100 {
            random_edit(&mut a.copy, &mut dice, 3_000 + n);
            random_edit(&mut b.copy, &mut dice, 4_000 + n);
            random_edit(&mut c.copy, &mut dice, 5_000 + n);
            if n % 25 == 0 {
                connection::sync_once(&a.net, None).await.unwrap();
            }
        }
        rename(&mut b, "Named by B");
        rename(&mut c, "Named by C");
        converge(&[&a, &b, &c]).await;

        assert_eq!(calendar::calendar(&b.copy), calendar::calendar(&a.copy));
        assert_eq!(calendar::calendar(&c.copy), calendar::calendar(&a.copy));
        assert_eq!(metrics::recorded(&b.copy), metrics::recorded(&a.copy));
        assert_eq!(metrics::recorded(&c.copy), metrics::recorded(&a.copy));
        let conflicts = |copy: &Networked| {
            let db = copy.net.lock().unwrap();
            SharedCommunity::open(&db, copy.copy.id)
                .unwrap()
                .unwrap()
                .conflicts()
                .unwrap()
        };
        let listed = conflicts(&a);
        assert_eq!(conflicts(&b), listed);
        assert_eq!(conflicts(&c), listed);
        let name = listed
            .iter()
            .find(|c| c.table == "community" && c.field == "name")
            .expect("the name set apart is listed as a conflict");
        for value in ["Named by B", "Named by C"] {
            assert!(
                name.values
                    .contains(&crate::sharing::Stored::Text(value.into())),
                "{name:?}"
            );
        }
        for copy in [&a, &b, &c] {
            let report = copy.copy.t.db.check().unwrap();
            assert!(report.ok, "{report:?}");
        }
    });
}

/// The window's sync and another process on one folder (a choice made in a conflict, the
/// command line) both store B's document: the connection is refused once, opens it again,
/// and neither what the other process stored nor what arrives meanwhile is lost.
#[test]
fn another_process_storing_while_connected_loses_nothing() {
    runtime().block_on(async {
        let relay = Relay::start().await;
        let (a, b) = (Folder::new(), std::sync::Arc::new(Folder::new()));
        let (a_id, code) = shared_at(&a, &relay.url).await;
        let b_id = connection::join(&b.db, &code, &b.backups()).await.unwrap();
        let tasks = a.with(|db| plan::tasks(db, a_id).unwrap());
        let (first, second) = (tasks[0].uid.clone(), tasks[1].uid.clone());

        let (mut heard, stop, kept) = kept_connected(&b, &relay.url, None);
        assert_eq!(heard.recv().await, Some(Event::Connected));
        // Another process on B's file records an edit of its own and stores the document.
        let path = b.with(|db| db.path().to_path_buf());
        let mut other = Db::open(&path).unwrap();
        let task = plan::tasks(&other, b_id)
            .unwrap()
            .into_iter()
            .find(|t| t.uid == second)
            .unwrap();
        let mut input = TaskInput::from(&task);
        input.title = "Stored by another process on B".into();
        plan::update_task(&mut other, task.id, &input).unwrap();
        // As every process must: opened again when the connection stored in between.
        loop {
            let mut shared = SharedCommunity::open(&other, b_id).unwrap().unwrap();
            match shared.record_local(&mut other) {
                Ok(_) => break,
                Err(e) => assert_eq!(e.code(), "conflict", "{e}"),
            }
        }
        // Meanwhile A's edit arrives at B's connection, whose document is now stale.
        a.retitle(a_id, &first, "Sent by A");
        connection::sync_once(&a.db, None).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            connection::sync_once(&a.db, None).await.unwrap();
            if b.task_title(b_id, &first) == "Sent by A"
                && a.task_title(a_id, &second) == "Stored by another process on B"
            {
                break;
            }
            assert!(Instant::now() < deadline, "an edit was lost");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        stop.send(()).unwrap();
        kept.await.unwrap();
    });
}
