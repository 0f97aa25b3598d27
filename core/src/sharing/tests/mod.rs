//! Two or three copies of Hearth on temporary databases, sharing one community through
//! the sync protocol's messages exchanged in memory: what each copy's SQLite holds after
//! edits made apart is what the issue asks of sharing.

mod calendar;
mod metrics;
mod relay;

use automerge::sync;

use super::{SharedCommunity, Stored};
use crate::community::{self, platforms, CharterInput};
use crate::db::testing::{community, temp_db, TempDb};
use crate::db::Db;
use crate::plan::{self, TaskInput};

/// One copy: its database, the shared community's local id, its document, and what it
/// knows of the other copy's sync state.
struct Copy {
    t: TempDb,
    id: i64,
    doc: SharedCommunity,
    peer: sync::State,
}

impl Copy {
    fn db(&mut self) -> &mut Db {
        &mut self.t.db
    }

    /// The first task of the plan, by stage and position.
    fn first_task(&self) -> plan::Task {
        plan::tasks(&self.t.db, self.id).unwrap().remove(0)
    }

    fn task(&self, uid: &str) -> Option<plan::Task> {
        plan::tasks(&self.t.db, self.id)
            .unwrap()
            .into_iter()
            .find(|t| t.uid == uid)
    }
}

/// A community from the English template with one platform, shared by its first copy and
/// joined by a second from the saved document, as a join code would bring it.
fn shared_pair() -> (Copy, Copy) {
    let mut a = temp_db();
    let id = community(&mut a.db, "Lisbon Rust", "en").id;
    platforms::create(
        &mut a.db,
        id,
        &platforms::PlatformInput {
            kind: "telegram".into(),
            name: "Chat".into(),
            url: "https://t.me/lisbonrust".into(),
            member_count: Some("120".into()),
        },
    )
    .unwrap();
    let mut doc = SharedCommunity::share(&mut a.db, id).unwrap();
    let bytes = doc.save();
    let mut b = temp_db();
    let joined = SharedCommunity::join(&mut b.db, &bytes).unwrap();
    let b_id = joined.community_id();
    (
        Copy {
            t: a,
            id,
            doc,
            peer: sync::State::new(),
        },
        Copy {
            t: b,
            id: b_id,
            doc: joined,
            peer: sync::State::new(),
        },
    )
}

/// A new copy that joins now, from `copy`'s whole document, as a join code would bring it.
fn joined(copy: &mut Copy) -> Copy {
    let bytes = copy.doc.save();
    let mut t = temp_db();
    let doc = SharedCommunity::join(&mut t.db, &bytes).unwrap();
    Copy {
        id: doc.community_id(),
        t,
        doc,
        peer: sync::State::new(),
    }
}

/// Both copies record what they changed and exchange messages until neither has more to
/// send; each message received is given to that copy's SQLite as it arrives.
fn sync_pair(a: &mut Copy, b: &mut Copy) {
    a.doc.record_local(&mut a.t.db).unwrap();
    b.doc.record_local(&mut b.t.db).unwrap();
    exchange(a, b);
}

/// Messages back and forth until neither copy has more to send.
fn exchange(a: &mut Copy, b: &mut Copy) {
    for _ in 0..20 {
        let to_b = a.doc.sync_message(&mut a.peer);
        let to_a = b.doc.sync_message(&mut b.peer);
        if to_b.is_none() && to_a.is_none() {
            return;
        }
        if let Some(m) = to_b {
            b.doc.receive(&mut b.t.db, &mut b.peer, &m).unwrap();
        }
        if let Some(m) = to_a {
            a.doc.receive(&mut a.t.db, &mut a.peer, &m).unwrap();
        }
    }
    panic!("the copies did not converge in 20 rounds");
}

/// What a person sees of the community, by uid: charter, platforms, tasks (with their
/// owner), members (with tags and what search matches) and activities.
fn seen(copy: &Copy) -> (String, Vec<String>, Vec<String>, Vec<String>) {
    let c = community::get(&copy.t.db, copy.id).unwrap();
    let charter = format!(
        "{} | {} | {} | {:?} | {:?}",
        c.uid, c.charter.name, c.charter.mission, c.charter.audiences, c.charter.locale
    );
    let mut platforms: Vec<String> = platforms::list(&copy.t.db, copy.id)
        .unwrap()
        .iter()
        .map(|p| format!("{} {} {} {:?}", p.uid, p.name, p.url, p.member_count))
        .collect();
    platforms.sort();
    let mut tasks: Vec<String> = plan::tasks(&copy.t.db, copy.id)
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {} {} {:?} {:?} {:?}",
                t.uid, t.stage, t.title, t.status, t.due, t.notes
            )
        })
        .collect();
    tasks.sort();
    let roster = copy
        .t
        .db
        .read(|r| {
            r.query_all(
                // Tags keep the order typed only on the copy where they were typed (they
                // arrive elsewhere sorted), so they are compared as sets, and search text by
                // its length, which the order does not change.
                "SELECT m.uid || ' ' || m.name || ' '
                        || (SELECT json_group_array(value)
                            FROM (SELECT value FROM json_each(m.tags) ORDER BY value))
                        || ' ' || m.roles || ' ' || length(m.search_text) || ' ' || m.sort_name
                        AS line
                 FROM members m WHERE m.community_id = ?1
                 UNION ALL
                 SELECT a.uid || ' ' || a.kind || ' ' || ifnull(m.uid, '-') || ' '
                        || ifnull(g.uid, '-') AS line
                 FROM activities a LEFT JOIN members m ON m.id = a.member_id
                 LEFT JOIN members g ON g.id = a.from_member_id WHERE a.community_id = ?1
                 UNION ALL
                 SELECT t.uid || ' owned by ' || m.uid AS line
                 FROM plan_tasks t JOIN members m ON m.id = t.owner_member_id
                 WHERE t.community_id = ?1
                 ORDER BY line",
                [copy.id],
                |row| row.get("line"),
            )
        })
        .unwrap();
    (charter, platforms, tasks, roster)
}

fn retitle(copy: &mut Copy, uid: &str, title: &str) {
    let task = copy.task(uid).unwrap();
    let mut input = TaskInput::from(&task);
    input.title = title.into();
    plan::update_task(copy.db(), task.id, &input).unwrap();
}

#[test]
fn a_joined_copy_holds_the_same_community() {
    let (a, b) = shared_pair();
    assert_ne!(a.id, 0);
    let (charter, platforms, tasks, roster) = seen(&b);
    assert_eq!((charter, platforms, tasks.clone(), roster), seen(&a));
    assert_eq!(tasks.len(), 16, "the template's tasks");
    assert!(platforms_named(&b, "Chat"));
}

fn platforms_named(copy: &Copy, name: &str) -> bool {
    platforms::list(&copy.t.db, copy.id)
        .unwrap()
        .iter()
        .any(|p| p.name == name)
}

#[test]
fn edits_to_different_fields_of_one_task_made_apart_both_survive() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    retitle(&mut a, &uid, "Name the community, finally");
    let on_b = b.task(&uid).unwrap();
    plan::set_status(b.db(), on_b.id, "done").unwrap();

    sync_pair(&mut a, &mut b);

    for copy in [&a, &b] {
        let task = copy.task(&uid).unwrap();
        assert_eq!(task.title, "Name the community, finally");
        assert_eq!(task.status.as_str(), "done");
    }
    assert_eq!(seen(&a), seen(&b));
    assert!(
        a.doc.conflicts().unwrap().is_empty(),
        "no field was set twice"
    );
}

#[test]
fn one_field_set_twice_apart_is_listed_with_both_values_and_shows_one_on_both_copies() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    retitle(&mut a, &uid, "Title from Anna");
    retitle(&mut b, &uid, "Title from Boris");

    sync_pair(&mut a, &mut b);

    let shown = a.task(&uid).unwrap().title;
    assert_eq!(
        b.task(&uid).unwrap().title,
        shown,
        "both copies show the same one"
    );
    let conflicts = a.doc.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.table, c.uid.as_str(), c.field),
        ("plan_tasks", uid.as_str(), "title")
    );
    let mut values = c.values.clone();
    assert_eq!(
        values[0],
        Stored::Text(shown.clone()),
        "the first value is the one shown"
    );
    values.sort_by_key(|v| format!("{v:?}"));
    assert_eq!(
        values,
        [
            Stored::Text("Title from Anna".into()),
            Stored::Text("Title from Boris".into())
        ]
    );
    assert_eq!(b.doc.conflicts().unwrap(), conflicts);

    // A person on B keeps the value shown: that settles it on both copies.
    let shown = Stored::Text(shown);
    b.doc
        .settle(&mut b.t.db, ("plan_tasks", &uid, "title"), &shown)
        .unwrap();
    sync_pair(&mut a, &mut b);
    assert!(a.doc.conflicts().unwrap().is_empty());
    assert!(b.doc.conflicts().unwrap().is_empty());
    assert_eq!(Stored::Text(a.task(&uid).unwrap().title), shown);
    assert_eq!(seen(&a), seen(&b));

    // A later clash settled the other way: the value not shown becomes the one shown.
    retitle(&mut a, &uid, "Anna again");
    retitle(&mut b, &uid, "Boris again");
    sync_pair(&mut a, &mut b);
    let other = a.doc.conflicts().unwrap()[0].values[1].clone();
    a.doc
        .settle(&mut a.t.db, ("plan_tasks", &uid, "title"), &other)
        .unwrap();
    assert_eq!(
        Stored::Text(a.task(&uid).unwrap().title),
        other,
        "shown here at once"
    );
    sync_pair(&mut a, &mut b);
    assert_eq!(Stored::Text(b.task(&uid).unwrap().title), other);
    assert!(b.doc.conflicts().unwrap().is_empty());
}

#[test]
fn a_task_removed_on_one_copy_while_edited_on_the_other_stays_removed_with_a_tombstone() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    let id = a.first_task().id;
    plan::delete_task(a.db(), id).unwrap();
    retitle(&mut b, &uid, "Edited while it was being removed");

    sync_pair(&mut a, &mut b);

    assert!(a.task(&uid).is_none());
    assert!(b.task(&uid).is_none(), "the removal travelled");
    let buried = crate::db::tombstones::since(&b.t.db, b.id, None).unwrap();
    assert!(buried
        .iter()
        .any(|t| t.uid == uid && t.record == "plan_tasks"));
    assert_eq!(seen(&a), seen(&b));
    assert!(
        a.doc.conflicts().unwrap().is_empty(),
        "a removed record has none"
    );
}

#[test]
fn an_edit_made_here_before_a_message_arrives_is_kept_and_sent() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    let on_b = b.task(&uid).unwrap();
    plan::set_status(b.db(), on_b.id, "done").unwrap();
    b.doc.record_local(&mut b.t.db).unwrap();
    // Edited on A, and not recorded in its document when B's change arrives.
    retitle(&mut a, &uid, "Edited here meanwhile");

    exchange(&mut a, &mut b);

    for copy in [&a, &b] {
        let task = copy.task(&uid).unwrap();
        assert_eq!(task.title, "Edited here meanwhile");
        assert_eq!(task.status.as_str(), "done");
    }
    assert_eq!(seen(&a), seen(&b));
}

#[test]
fn records_created_apart_and_charter_edits_reach_every_copy() {
    let (mut a, mut b) = shared_pair();
    let (a_id, b_id) = (a.id, b.id);
    plan::create_task(
        a.db(),
        a_id,
        &TaskInput {
            stage: 2,
            title: "Book the venue".into(),
            notes: String::new(),
            status: "todo".into(),
            due: Some("2027-02-01".into()),
            owner_member_id: None,
            owner_name: Some("Anna".into()),
        },
    )
    .unwrap();
    platforms::create(
        b.db(),
        b_id,
        &platforms::PlatformInput {
            kind: "website".into(),
            name: "Site".into(),
            url: "https://lisbonrust.org".into(),
            member_count: None,
        },
    )
    .unwrap();
    let charter = community::get(&b.t.db, b.id).unwrap().charter;
    community::update(
        b.db(),
        b_id,
        &CharterInput {
            name: charter.name.clone(),
            mission: "Rust in Lisbon, in person".into(),
            kind: None,
            audiences: vec!["experienced".into()],
            formats: vec![],
            unique_value: String::new(),
            expected_results: String::new(),
            rules: String::new(),
            time_zone: charter.time_zone.clone(),
            locale: "en".into(),
        },
    )
    .unwrap();

    sync_pair(&mut a, &mut b);

    assert_eq!(seen(&a), seen(&b));
    assert!(platforms_named(&a, "Site"));
    let on_b = plan::tasks(&b.t.db, b.id).unwrap();
    assert!(on_b.iter().any(|t| t.title == "Book the venue"));
    let charter = community::get(&a.t.db, a.id).unwrap().charter;
    assert_eq!(charter.mission, "Rust in Lisbon, in person");
}

#[test]
fn three_copies_converge_whatever_order_they_meet_in() {
    let (mut a, mut b) = shared_pair();
    let bytes = a.doc.save();
    let mut c = {
        let mut t = temp_db();
        let doc = SharedCommunity::join(&mut t.db, &bytes).unwrap();
        let id = doc.community_id();
        Copy {
            t,
            id,
            doc,
            peer: sync::State::new(),
        }
    };
    let uid = a.first_task().uid;
    retitle(&mut a, &uid, "From A");
    retitle(&mut c, &uid, "From C");
    let on_b = b.task(&uid).unwrap();
    plan::set_status(b.db(), on_b.id, "in_progress").unwrap();

    // A meets B, then B meets C, then C meets A: every change has gone everywhere.
    sync_pair(&mut a, &mut b);
    b.peer = sync::State::new();
    c.peer = sync::State::new();
    sync_pair(&mut b, &mut c);
    c.peer = sync::State::new();
    a.peer = sync::State::new();
    sync_pair(&mut c, &mut a);
    a.peer = sync::State::new();
    b.peer = sync::State::new();
    sync_pair(&mut a, &mut b);

    assert_eq!(seen(&a), seen(&b));
    assert_eq!(seen(&b), seen(&c));
    assert_eq!(a.task(&uid).unwrap().status.as_str(), "in_progress");
    assert_eq!(
        a.doc.conflicts().unwrap().len(),
        1,
        "the title, set on A and on C"
    );
}

#[test]
fn recording_with_nothing_changed_writes_nothing_not_even_a_transaction() {
    let (mut a, mut b) = shared_pair();
    sync_pair(&mut a, &mut b);
    let revision = a.t.db.revision().unwrap();
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(a.t.db.revision().unwrap(), revision, "so no backup follows");
}

/// Syncs `b` with a peer that skipped core's checks, whose document is `hostile`, until `b`
/// refuses a message; returns why.
fn refused_from(hostile: &mut automerge::AutoCommit, b: &mut Copy) -> crate::error::Error {
    use automerge::sync::SyncDoc;

    let (mut theirs, mut mine) = (sync::State::new(), sync::State::new());
    for _ in 0..10 {
        let Some(m) = hostile.sync().generate_sync_message(&mut theirs) else {
            break;
        };
        if let Err(err) = b.doc.receive(&mut b.t.db, &mut mine, &m.encode()) {
            return err;
        }
        if let Some(reply) = b.doc.sync_message(&mut mine) {
            let reply = sync::Message::decode(&reply).unwrap();
            hostile
                .sync()
                .receive_sync_message(&mut theirs, reply)
                .unwrap();
        }
    }
    panic!("the hostile peer's messages were all taken in");
}

#[test]
fn a_value_the_schema_refuses_refuses_the_whole_message_and_writes_nothing() {
    use automerge::transaction::Transactable;
    use automerge::{ReadDoc, ROOT};

    let (mut a, mut b) = shared_pair();
    let tasks_on_a = plan::tasks(&a.t.db, a.id).unwrap();
    let (uid, other_uid) = (tasks_on_a[0].uid.clone(), tasks_on_a[1].uid.clone());
    for (field, value) in [
        ("title", automerge::ScalarValue::Str("x".repeat(301).into())),
        ("status", automerge::ScalarValue::Str("lost".into())),
        ("title", automerge::ScalarValue::Int(7)),
    ] {
        // A peer that skips core's checks sends a sound edit and one its document should
        // not hold, together.
        let before = (seen(&b), b.t.db.revision().unwrap(), b.doc.save());
        let mut hostile = a.doc.doc.fork();
        let (_, tasks) = hostile.get(ROOT, "plan_tasks").unwrap().unwrap();
        let (_, sound) = hostile.get(&tasks, other_uid.as_str()).unwrap().unwrap();
        hostile.put(&sound, "title", "A sound edit").unwrap();
        let (_, task) = hostile.get(&tasks, uid.as_str()).unwrap().unwrap();
        hostile.put(&task, field, value).unwrap();
        hostile.commit();
        let err = refused_from(&mut hostile, &mut b);
        assert_eq!(err.code(), "corrupt", "{field}: {err}");
        let after = (seen(&b), b.t.db.revision().unwrap(), b.doc.save());
        assert!(
            after == before,
            "nothing written, not even the sound edit ({field})"
        );
        let reopened = SharedCommunity::open(&b.t.db, b.id).unwrap().unwrap();
        assert_eq!(reopened.doc.clone().get_heads(), b.doc.doc.get_heads());
    }
    // And B still syncs with A.
    retitle(&mut a, &uid, "After the refusals");
    sync_pair(&mut a, &mut b);
    assert_eq!(b.task(&uid).unwrap().title, "After the refusals");
    assert_eq!(seen(&a), seen(&b));
}

#[test]
fn a_document_of_another_layout_or_no_document_at_all_is_refused() {
    use automerge::transaction::Transactable;
    use automerge::ROOT;

    let (a, _b) = shared_pair();
    let mut newer = automerge::AutoCommit::load(&a.doc.clone_bytes()).unwrap();
    let ours = super::layout::LAYOUT_VERSION;
    newer.put(ROOT, "layout", ours + 1).unwrap();
    let mut c = temp_db();
    let err = SharedCommunity::join(&mut c.db, &newer.save())
        .err()
        .unwrap();
    assert_eq!(err.code(), "conflict");
    let message = err.to_string();
    assert!(
        message.contains(&format!("layout {}", ours + 1))
            && message.contains(&format!("layout {ours}")),
        "{err}"
    );

    let err = SharedCommunity::join(&mut c.db, b"not a document")
        .err()
        .unwrap();
    assert_eq!(err.code(), "corrupt", "{err}");
    let empty = automerge::AutoCommit::new().save();
    let err = SharedCommunity::join(&mut c.db, &empty).err().unwrap();
    assert_eq!(err.code(), "corrupt", "{err}");
    assert!(
        community::list(&c.db).unwrap().is_empty(),
        "nothing was created"
    );
}

#[test]
fn a_sync_message_that_cannot_be_read_changes_nothing() {
    let (mut a, mut b) = shared_pair();
    let uid = b.first_task().uid;
    retitle(&mut b, &uid, "Not sent yet");
    b.doc.record_local(&mut b.t.db).unwrap();
    let before = a.doc.save();
    let err = a
        .doc
        .receive(&mut a.t.db, &mut a.peer, b"\x42garbage")
        .unwrap_err();
    assert_eq!(err.code(), "corrupt", "{err}");
    assert_eq!(a.doc.save(), before);
    // And the protocol still works afterwards.
    sync_pair(&mut a, &mut b);
    assert_eq!(seen(&a), seen(&b));
}

#[test]
fn a_sync_message_from_a_document_of_another_community_is_refused_and_undone() {
    let (mut a, _b) = shared_pair();
    let mut other = temp_db();
    let other_id = community(&mut other.db, "Porto Go", "en").id;
    let mut stranger = SharedCommunity::share(&mut other.db, other_id).unwrap();
    let before = seen_doc(&mut a.doc);
    let mut theirs = sync::State::new();
    let mut result = Ok(());
    for _ in 0..10 {
        let Some(m) = stranger.sync_message(&mut theirs) else {
            break;
        };
        result = a.doc.receive(&mut a.t.db, &mut a.peer, &m).map(|_| ());
        if result.is_err() {
            break;
        }
        if let Some(reply) = a.doc.sync_message(&mut a.peer) {
            stranger.receive(&mut other.db, &mut theirs, &reply).ok();
        }
    }
    let err = result.unwrap_err();
    assert_eq!(err.code(), "corrupt", "{err}");
    assert_eq!(seen_doc(&mut a.doc), before, "the document is as it was");
}

fn seen_doc(doc: &mut SharedCommunity) -> (String, Vec<u8>) {
    (doc.community_uid().unwrap(), doc.save())
}

impl SharedCommunity {
    fn clone_bytes(&self) -> Vec<u8> {
        self.doc.clone().save()
    }
}

/// A small seeded generator, so a failing sequence can be run again from its seed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % sides
    }
}

/// One random edit a person could make through the interface, on `copy`.
fn random_edit(copy: &mut Copy, dice: &mut Dice, n: usize) {
    let id = copy.id;
    let tasks = plan::tasks(&copy.t.db, id).unwrap();
    let platforms = platforms::list(&copy.t.db, id).unwrap();
    let members: Vec<i64> = copy
        .t
        .db
        .read(|r| {
            r.query_all(
                "SELECT id FROM members WHERE community_id = ?1 ORDER BY id",
                [id],
                |row| row.get("id"),
            )
        })
        .unwrap();
    let events: Vec<(i64, Option<i64>)> = copy
        .t
        .db
        .read(|r| {
            r.query_all(
                "SELECT id, series_id FROM events WHERE community_id = ?1 ORDER BY id",
                [id],
                |row| Ok((row.get("id")?, row.get("series_id")?)),
            )
        })
        .unwrap();
    let day = |dice: &mut Dice| format!("2027-01-{:02}", 1 + dice.roll(28));
    match dice.roll(18) {
        12 if dice.roll(3) == 0 => {
            let weekly = crate::events::recurrence::RecurrenceInput {
                repeat: "weekly".into(),
                count: Some(3),
                ..Default::default()
            };
            let start = day(dice);
            let first = calendar::meetup(
                &format!("Series {n}"),
                &format!("{start}T19:00"),
                &format!("{start}T21:00"),
            );
            crate::events::series::create(copy.db(), id, &first, &weekly).unwrap();
        }
        12 => {
            let start = day(dice);
            let input = calendar::meetup(
                &format!("Event {n}"),
                &format!("{start}T18:00"),
                &format!("{start}T20:00"),
            );
            crate::events::create(copy.db(), id, &input).unwrap();
        }
        13 if !events.is_empty() => {
            let (event, _) = events[dice.roll(events.len())];
            crate::events::delete(copy.db(), event).unwrap();
        }
        14 if !events.is_empty() && !members.is_empty() => {
            let (event, _) = events[dice.roll(events.len())];
            let member = members[dice.roll(members.len())];
            let answer = ["going", "maybe", "declined"][dice.roll(3)];
            crate::events::attendance::respond(copy.db(), event, member, answer).unwrap();
        }
        15 if !events.is_empty() => {
            // Moved alone, an occurrence included.
            let (event, _) = events[dice.roll(events.len())];
            let start = day(dice);
            let input = calendar::meetup(
                &format!("Moved {n}"),
                &format!("{start}T17:00"),
                &format!("{start}T19:00"),
            );
            crate::events::update(copy.db(), event, &input).unwrap();
        }
        16 if !events.is_empty() => {
            let (event, _) = events[dice.roll(events.len())];
            let speaker = (!members.is_empty()).then(|| members[dice.roll(members.len())]);
            let item = crate::events::testing::item(&format!("Talk {n}"), 20, speaker);
            crate::events::agenda::add_item(copy.db(), event, &item).unwrap();
        }
        17 => {
            let series = crate::metrics::series::list(&copy.t.db, id).unwrap();
            let on = match series.first() {
                Some(s) if dice.roll(3) > 0 => s.id,
                _ => {
                    let input = crate::metrics::series::SeriesInput {
                        name: format!("Survey {n}"),
                        category: "qualitative".into(),
                        unit: String::new(),
                    };
                    crate::metrics::series::create(copy.db(), id, &input)
                        .unwrap()
                        .id
                }
            };
            let point = crate::metrics::series::PointInput {
                on_day: format!("2026-11-{:02}", 1 + dice.roll(5)),
                value: format!("{}", dice.roll(500)),
                note: String::new(),
            };
            crate::metrics::series::record(copy.db(), on, &point).unwrap();
        }
        8 => {
            let tags = ["Rust", "Go", "Lisbon", "Speaker"];
            let mine: Vec<&str> = tags.into_iter().filter(|_| dice.roll(2) == 0).collect();
            add_member(copy, &format!("Member {n}"), &mine);
        }
        9 if !members.is_empty() => {
            let member = members[dice.roll(members.len())];
            let tags = ["Rust", "Go", "Lisbon", "Speaker"];
            let input = crate::members::MemberInput {
                name: Some(format!("Renamed {n}")),
                tags: Some(
                    tags.into_iter()
                        .filter(|_| dice.roll(2) == 0)
                        .map(String::from)
                        .collect(),
                ),
                ..Default::default()
            };
            crate::members::update(copy.db(), member, &input).unwrap();
        }
        10 if members.len() > 1 => {
            let to = members[dice.roll(members.len())];
            let from = members[dice.roll(members.len())];
            let from = (from != to).then_some(from);
            crate::members::activities::give_kudos(copy.db(), to, from, "Thanks").unwrap();
        }
        11 if !members.is_empty() && !tasks.is_empty() => {
            let task = &tasks[dice.roll(tasks.len())];
            let mut input = TaskInput::from(task);
            input.owner_member_id = Some(members[dice.roll(members.len())]);
            plan::update_task(copy.db(), task.id, &input).unwrap();
        }
        7 if members.len() > 2 && dice.roll(3) == 0 => {
            let member = members[dice.roll(members.len())];
            crate::members::forget::forget(copy.db(), member).unwrap();
        }
        0 | 1 if !tasks.is_empty() => {
            let uid = tasks[dice.roll(tasks.len())].uid.clone();
            retitle(copy, &uid, &format!("Task {n}"));
        }
        2 if !tasks.is_empty() => {
            let task = &tasks[dice.roll(tasks.len())];
            let status = ["todo", "in_progress", "done"][dice.roll(3)];
            plan::set_status(copy.db(), task.id, status).unwrap();
        }
        3 if !tasks.is_empty() => {
            let task = &tasks[dice.roll(tasks.len())];
            let stage = 1 + dice.roll(4) as i64;
            plan::move_task(copy.db(), task.id, stage, dice.roll(3)).unwrap();
        }
        4 if !tasks.is_empty() => {
            let task = tasks[dice.roll(tasks.len())].id;
            plan::delete_task(copy.db(), task).unwrap();
        }
        5 => {
            let input = TaskInput {
                stage: 1 + dice.roll(4) as i64,
                title: format!("New task {n}"),
                notes: String::new(),
                status: "todo".into(),
                due: None,
                owner_member_id: None,
                owner_name: None,
            };
            plan::create_task(copy.db(), id, &input).unwrap();
        }
        6 if !platforms.is_empty() && dice.roll(2) == 0 => {
            let p = platforms[dice.roll(platforms.len())].id;
            platforms::delete(copy.db(), p).unwrap();
        }
        6 => {
            let input = platforms::PlatformInput {
                kind: "other".into(),
                name: format!("Place {n}"),
                url: format!("https://example.org/{n}"),
                member_count: Some(format!("{}", dice.roll(500))),
            };
            platforms::create(copy.db(), id, &input).unwrap();
        }
        _ => {
            let charter = community::get(&copy.t.db, id).unwrap().charter;
            let input = CharterInput {
                name: charter.name,
                mission: format!("Mission {n}"),
                kind: None,
                audiences: vec![],
                formats: vec![],
                unique_value: String::new(),
                expected_results: String::new(),
                rules: format!("Rules {n}"),
                time_zone: charter.time_zone,
                locale: "en".into(),
            };
            community::update(copy.db(), id, &input).unwrap();
        }
    }
}

#[test]
fn random_edits_made_apart_converge_on_both_copies() {
    for seed in 1..=8_u64 {
        let (mut a, mut b) = shared_pair();
        let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for round in 0..4 {
            for n in 0..15 {
                random_edit(&mut a, &mut dice, round * 100 + n);
                random_edit(&mut b, &mut dice, round * 100 + 50 + n);
            }
            sync_pair(&mut a, &mut b);
            assert_eq!(seen(&a), seen(&b), "seed {seed}, round {round}");
            assert_eq!(
                calendar::calendar(&a),
                calendar::calendar(&b),
                "seed {seed}, round {round}"
            );
            assert_eq!(
                metrics::recorded(&a),
                metrics::recorded(&b),
                "seed {seed}, round {round}"
            );
            // A copy that joins now, applying the whole document at once, holds the same as
            // the two that applied it step by step.
            let c = joined(&mut a);
            let round = format!("seed {seed}, round {round}: joined");
            assert_eq!(seen(&c), seen(&a), "{round}");
            assert_eq!(calendar::calendar(&c), calendar::calendar(&a), "{round}");
            assert_eq!(metrics::recorded(&c), metrics::recorded(&a), "{round}");
            for copy in [&a, &b] {
                let report = copy.t.db.check().unwrap();
                assert!(report.ok, "seed {seed}: {report:?}");
            }
        }
        // Every conflict listed is on a record both still have, with two values or more.
        for c in a.doc.conflicts().unwrap() {
            assert!(c.values.len() > 1);
            assert!(a.task(&c.uid).is_some() || c.table != "plan_tasks", "{c:?}");
        }
        assert_eq!(a.doc.conflicts().unwrap(), b.doc.conflicts().unwrap());
    }
}

#[test]
fn a_reopened_copy_holds_its_document_and_goes_on_syncing() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    retitle(&mut a, &uid, "Before closing");
    sync_pair(&mut a, &mut b);
    // B edits, records, and closes; opening again reads the document from the database.
    retitle(&mut b, &uid, "Made before B closed");
    b.doc.record_local(&mut b.t.db).unwrap();
    let heads = b.doc.doc.get_heads();
    b.doc = SharedCommunity::open(&b.t.db, b.id).unwrap().unwrap();
    assert_eq!(b.doc.doc.get_heads(), heads);
    // Edited after reopening, before any sync: found against the heads kept with it.
    let on_b = b.task(&uid).unwrap();
    plan::set_status(b.db(), on_b.id, "done").unwrap();
    b.peer = sync::State::new();
    a.peer = sync::State::new();
    sync_pair(&mut a, &mut b);
    let task = a.task(&uid).unwrap();
    assert_eq!(task.title, "Made before B closed");
    assert_eq!(task.status.as_str(), "done");
    assert_eq!(seen(&a), seen(&b));
    assert!(SharedCommunity::open(&a.t.db, 999).unwrap().is_none());
}

/// The window and `hearth sync` on one data folder each hold the document in memory. The
/// one that stores second would leave out what the first stored; it is refused, and
/// opening the document again brings both.
#[test]
fn a_second_process_holding_the_document_is_refused_until_it_opens_it_again() {
    let (mut a, _b) = shared_pair();
    let uid = a.first_task().uid;
    let second = Db::open(a.t.db.path()).unwrap();
    let mut other = SharedCommunity::open(&second, a.id).unwrap().unwrap();
    retitle(&mut a, &uid, "Stored by the window");
    a.doc.record_local(&mut a.t.db).unwrap();
    let mut second = second;
    let on_other = plan::tasks(&second, a.id)
        .unwrap()
        .into_iter()
        .find(|t| t.uid != uid)
        .unwrap();
    plan::set_status(&mut second, on_other.id, "done").unwrap();
    let refused = other.record_local(&mut second).unwrap_err();
    assert_eq!(refused.code(), "conflict", "{refused}");
    // Nothing was lost: the edit is still noted, and the opened-again document takes it.
    let mut other = SharedCommunity::open(&second, a.id).unwrap().unwrap();
    assert!(other.record_local(&mut second).unwrap() > 0);
    let mut reopened = SharedCommunity::open(&a.t.db, a.id).unwrap().unwrap();
    assert_eq!(reopened.doc.get_heads(), other.doc.get_heads());
    let (title, status) = seen_task(&mut reopened, &uid, &on_other.uid);
    assert_eq!(title, "Stored by the window");
    assert_eq!(status, "done");
}

/// The title of task `titled` and the status of task `status_of`, as the document holds them.
fn seen_task(doc: &mut SharedCommunity, titled: &str, status_of: &str) -> (String, String) {
    use automerge::ReadDoc;
    let d = &doc.doc;
    let tasks = match d.get(automerge::ROOT, "plan_tasks").unwrap() {
        Some((_, id)) => id,
        None => panic!("no tasks in the document"),
    };
    let field = |uid: &str, name: &str| {
        let record = d.get(&tasks, uid).unwrap().unwrap().1;
        d.get(&record, name)
            .unwrap()
            .unwrap()
            .0
            .as_str()
            .unwrap()
            .to_string()
    };
    (field(titled, "title"), field(status_of, "status"))
}

#[test]
fn many_edits_are_kept_in_a_few_chunks_and_reload_whole() {
    let (mut a, _b) = shared_pair();
    let uid = a.first_task().uid;
    for n in 0..200 {
        retitle(&mut a, &uid, &format!("Edit {n}"));
        assert_eq!(
            a.doc.record_local(&mut a.t.db).unwrap(),
            2,
            "title and updated_at"
        );
    }
    let chunks: i64 =
        a.t.db
            .read(|r| {
                r.query_row(
                    "SELECT count(*) AS n FROM shared_chunks WHERE community_id = ?1",
                    [a.id],
                    |row| row.get("n"),
                )
            })
            .unwrap();
    assert!(
        chunks <= super::store::COMPACT_AFTER as i64,
        "{chunks} chunks"
    );
    let mut reopened = SharedCommunity::open(&a.t.db, a.id).unwrap().unwrap();
    assert_eq!(reopened.doc.get_heads(), a.doc.doc.get_heads());
    assert_eq!(reopened.record_local(&mut a.t.db).unwrap(), 0);
}

#[test]
fn sharing_twice_joining_twice_and_stopping() {
    let (mut a, mut b) = shared_pair();
    let err = SharedCommunity::share(&mut a.t.db, a.id).err().unwrap();
    assert_eq!(err.code(), "conflict", "{err}");
    let bytes = a.doc.save();
    let err = SharedCommunity::join(&mut b.t.db, &bytes).err().unwrap();
    assert_eq!(err.code(), "conflict", "{err}");
    let err = SharedCommunity::join(&mut a.t.db, &bytes).err().unwrap();
    assert_eq!(err.code(), "conflict", "the copy that shared it: {err}");

    let b_id = b.id;
    SharedCommunity::stop(b.db(), b_id).unwrap();
    assert!(SharedCommunity::open(&b.t.db, b_id).unwrap().is_none());
    assert_eq!(seen(&b), seen(&a), "the rows stay");
    let err = SharedCommunity::stop(b.db(), b_id).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let report = b.t.db.check().unwrap();
    assert!(report.ok, "{report:?}");
}

/// A member added on `copy` through core, as the roster's form adds one.
fn add_member(copy: &mut Copy, name: &str, tags: &[&str]) -> crate::members::Member {
    let id = copy.id;
    crate::members::create(
        copy.db(),
        id,
        &crate::members::MemberInput {
            name: Some(name.into()),
            email: Some(format!(
                "{}@example.org",
                name.to_lowercase().replace(' ', ".")
            )),
            roles: Some(vec!["speaker".into()]),
            tags: Some(tags.iter().map(|t| t.to_string()).collect()),
            consent: Some(true),
            ..Default::default()
        },
    )
    .unwrap()
}

/// The member with `uid` on `copy`: its local id and what core keeps of it.
fn member_row(copy: &Copy, uid: &str) -> Option<(i64, String, String, String, f64)> {
    copy.t
        .db
        .read(|r| {
            r.query_optional(
                "SELECT id, tags, search_text, sort_name, engagement_score FROM members
                 WHERE uid = ?1",
                [uid],
                |row| {
                    Ok((
                        row.get("id")?,
                        row.get("tags")?,
                        row.get("search_text")?,
                        row.get("sort_name")?,
                        row.get("engagement_score")?,
                    ))
                },
            )
        })
        .unwrap()
}

#[test]
fn members_and_their_activities_reach_the_other_copy_with_what_core_derives() {
    let (mut a, mut b) = shared_pair();
    // B's engagement was brought up to date today, before anything arrives.
    let (a_id, b_id) = (a.id, b.id);
    let today = chrono::Utc::now().date_naive().to_string();
    b.db()
        .write(|w| {
            w.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                [format!("engagement.refreshed.{b_id}"), today],
            )
        })
        .unwrap();
    let anna = add_member(&mut a, "Анна Ёлкина", &["Rust"]);
    let giver = add_member(&mut a, "Boris", &[]);
    crate::members::activities::give_kudos(a.db(), anna.id, Some(giver.id), "Great talk").unwrap();

    sync_pair(&mut a, &mut b);

    let (_, tags, search, sort, _) = member_row(&b, &anna.uid).expect("the member arrived");
    let (_, a_tags, a_search, a_sort, _) = member_row(&a, &anna.uid).unwrap();
    assert_eq!(tags, a_tags);
    assert_eq!(
        (search, sort),
        (a_search, a_sort),
        "search text and order derived"
    );
    // Engagement is each copy's own computation, from the same activities.
    crate::members::engagement::refresh_if_stale(a.db(), a_id).unwrap();
    crate::members::engagement::refresh_if_stale(b.db(), b_id).unwrap();
    let a_score = member_row(&a, &anna.uid).unwrap().4;
    let b_score = member_row(&b, &anna.uid).unwrap().4;
    assert!(a_score > 0.0, "kudos count");
    assert_eq!(a_score, b_score);
    let kudos_from: Option<String> =
        b.t.db
            .read(|r| {
                r.query_row(
                    "SELECT g.uid AS giver FROM activities a JOIN members m ON m.id = a.member_id
                 LEFT JOIN members g ON g.id = a.from_member_id WHERE m.uid = ?1",
                    [&anna.uid],
                    |row| row.get("giver"),
                )
            })
            .unwrap();
    assert_eq!(
        kudos_from,
        Some(giver.uid),
        "the giver, by uid on each copy"
    );
}

#[test]
fn tags_added_apart_are_both_kept_and_a_tag_removed_stays_removed() {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &["Rust", "Lisbon"]);
    sync_pair(&mut a, &mut b);
    let with_tags = |copy: &mut Copy, tags: &[&str]| {
        let id = member_row(copy, &anna.uid).unwrap().0;
        let input = crate::members::MemberInput {
            name: Some("Anna".into()),
            tags: Some(tags.iter().map(|t| t.to_string()).collect()),
            ..Default::default()
        };
        crate::members::update(copy.db(), id, &input).unwrap();
    };
    with_tags(&mut a, &["Rust", "Lisbon", "Speaker"]);
    with_tags(&mut b, &["Rust", "Go"]);

    sync_pair(&mut a, &mut b);

    for copy in [&a, &b] {
        let tags = member_row(copy, &anna.uid).unwrap().1;
        assert_eq!(
            tags, r#"["Go","Rust","Speaker"]"#,
            "Lisbon was taken away on B"
        );
    }
    assert!(
        a.doc.conflicts().unwrap().is_empty(),
        "sets merge, they do not clash"
    );
}

#[test]
fn an_owner_set_twice_apart_is_listed_by_the_members_names() {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let boris = add_member(&mut a, "Boris", &[]);
    sync_pair(&mut a, &mut b);
    let uid = a.first_task().uid;
    for (copy, member) in [(&mut a, &anna), (&mut b, &boris)] {
        let task = copy.task(&uid).unwrap();
        let mut input = TaskInput::from(&task);
        input.owner_member_id = Some(member_row(copy, &member.uid).unwrap().0);
        plan::update_task(copy.db(), task.id, &input).unwrap();
    }
    retitle(&mut a, &uid, "Title from Anna");
    retitle(&mut b, &uid, "Title from Boris");

    sync_pair(&mut a, &mut b);

    let conflicts = a.doc.conflicts().unwrap();
    let owner = conflicts
        .iter()
        .find(|c| c.field == "owner_member_id")
        .expect("the owner clashes");
    let mut names = super::layout::value_names(&a.t.db, owner).unwrap();
    names.sort();
    assert_eq!(names, [Some("Anna".into()), Some("Boris".into())]);
    let title = conflicts
        .iter()
        .find(|c| c.field == "title")
        .expect("the title clashes");
    assert_eq!(
        super::layout::value_names(&a.t.db, title).unwrap(),
        [None, None],
        "a text names no record"
    );
}

#[test]
fn a_status_set_twice_apart_names_where_its_values_labels_are() {
    let (mut a, mut b) = shared_pair();
    let uid = a.first_task().uid;
    for (copy, status) in [(&mut a, "done"), (&mut b, "in_progress")] {
        let task = copy.task(&uid).unwrap();
        let mut input = TaskInput::from(&task);
        input.status = status.into();
        plan::update_task(copy.db(), task.id, &input).unwrap();
    }
    sync_pair(&mut a, &mut b);

    let conflicts = a.doc.conflicts().unwrap();
    let status = conflicts
        .iter()
        .find(|c| c.field == "status")
        .expect("the status clashes");
    let prefix = super::layout::label_prefix(status).expect("a status is a closed value");
    let mut labels: Vec<&str> = status
        .values
        .iter()
        .map(|value| match value {
            Stored::Text(value) => crate::labels::find(crate::enums::Locale::En, prefix, value)
                .expect("each value has its label"),
            other => panic!("a status is a text: {other:?}"),
        })
        .collect();
    labels.sort();
    assert_eq!(labels, ["Done", "In progress"]);
}

#[test]
fn every_closed_field_names_labels_that_exist() {
    use crate::enums::Locale;
    let fields =
        super::layout::tables().flat_map(|table| table.fields.iter().map(move |f| (table.name, f)));
    let mut closed = 0;
    for (table, field) in fields {
        let Some(prefix) = field.labels else { continue };
        closed += 1;
        for locale in [Locale::En, Locale::Ru] {
            assert!(
                crate::labels::catalogue(locale).iter().any(|(key, _)| key
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('.'))),
                "{table}.{}: no label under {prefix:?} in {locale:?}",
                field.column
            );
        }
    }
    assert!(closed >= 15, "{closed} closed fields");
}

#[test]
fn a_task_owner_travels_as_the_member_not_as_a_local_number() {
    let (mut a, mut b) = shared_pair();
    // B numbers its members differently: one of its own first.
    add_member(&mut b, "Only on B for now", &[]);
    let anna = add_member(&mut a, "Anna", &[]);
    let uid = a.first_task().uid;
    let task = a.task(&uid).unwrap();
    let mut input = TaskInput::from(&task);
    input.owner_member_id = Some(anna.id);
    plan::update_task(a.db(), task.id, &input).unwrap();

    sync_pair(&mut a, &mut b);

    let anna_on_b = member_row(&b, &anna.uid).unwrap().0;
    assert_ne!(anna_on_b, anna.id, "the local numbers differ");
    assert_eq!(b.task(&uid).unwrap().owner_member_id, Some(anna_on_b));

    // Anna is removed on A while B hands her another task: the task stays, ownerless.
    let other = b.first_task();
    let other = plan::tasks(&b.t.db, b.id)
        .unwrap()
        .into_iter()
        .find(|t| t.uid != uid)
        .unwrap_or(other);
    let mut input = TaskInput::from(&other);
    input.owner_member_id = Some(anna_on_b);
    plan::update_task(b.db(), other.id, &input).unwrap();
    crate::members::forget::forget(a.db(), anna.id).unwrap();

    sync_pair(&mut a, &mut b);

    assert!(
        member_row(&b, &anna.uid).is_none(),
        "forgotten on every copy"
    );
    assert_eq!(b.task(&other.uid).unwrap().owner_member_id, None);
    assert_eq!(a.task(&other.uid).unwrap().owner_member_id, None);
    assert_eq!(seen(&a), seen(&b));
    for copy in [&a, &b] {
        let report = copy.t.db.check().unwrap();
        assert!(report.ok, "{report:?}");
    }
}

#[test]
fn a_role_core_does_not_know_refuses_the_message() {
    use automerge::transaction::Transactable;
    use automerge::{ObjType, ReadDoc, ROOT};

    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    sync_pair(&mut a, &mut b);
    let before = (seen(&b), b.t.db.revision().unwrap());
    let mut hostile = a.doc.doc.fork();
    let (_, members) = hostile.get(ROOT, "members").unwrap().unwrap();
    let (_, record) = hostile.get(&members, anna.uid.as_str()).unwrap().unwrap();
    let roles = match hostile.get(&record, "roles").unwrap() {
        Some((automerge::Value::Object(ObjType::Map), id)) => id,
        other => panic!("roles is a map: {other:?}"),
    };
    hostile.put(&roles, "emperor", true).unwrap();
    hostile.commit();
    let err = refused_from(&mut hostile, &mut b);
    assert_eq!(err.code(), "corrupt");
    assert!(err.to_string().contains("roles"), "{err}");
    assert_eq!((seen(&b), b.t.db.revision().unwrap()), before);
}

#[test]
fn a_template_task_restored_on_both_copies_apart_is_linked_to_the_template_once() {
    let (mut a, mut b) = shared_pair();
    let first = a.first_task();
    let key: Option<String> =
        a.t.db
            .read(|r| {
                r.query_row(
                    "SELECT template_key FROM plan_tasks WHERE id = ?1",
                    [first.id],
                    |row| row.get("template_key"),
                )
            })
            .unwrap();
    let key = key.expect("the first task comes from the template");
    plan::delete_task(a.db(), first.id).unwrap();
    sync_pair(&mut a, &mut b);
    // Apart, each copy puts the missing template task back: two records, one key.
    let (a_id, b_id) = (a.id, b.id);
    assert_eq!(plan::restore_template(a.db(), a_id).unwrap(), 1);
    assert_eq!(plan::restore_template(b.db(), b_id).unwrap(), 1);

    sync_pair(&mut a, &mut b);
    sync_pair(&mut a, &mut b);

    assert_eq!(seen(&a), seen(&b));
    for copy in [&a, &b] {
        let keyed: Vec<(String, Option<String>)> = copy
            .t
            .db
            .read(|r| {
                r.query_all(
                    "SELECT uid, template_key FROM plan_tasks
                     WHERE community_id = ?1 AND title = ?2 ORDER BY uid",
                    rusqlite::params![copy.id, first.title],
                    |row| Ok((row.get("uid")?, row.get("template_key")?)),
                )
            })
            .unwrap();
        assert_eq!(keyed.len(), 2, "both restored tasks are kept");
        assert_eq!(
            keyed[0].1.as_deref(),
            Some(key.as_str()),
            "the smaller uid keeps it"
        );
        assert_eq!(keyed[1].1, None);
    }
    // And restoring the template again adds nothing: the key is held.
    assert_eq!(plan::restore_template(a.db(), a_id).unwrap(), 0);

    // The task holding the key is removed on the other copy: the one that gave it up
    // holds it again, on both copies.
    let keyed = |copy: &Copy| -> Vec<(String, Option<String>)> {
        copy.t
            .db
            .read(|r| {
                r.query_all(
                    "SELECT uid, template_key FROM plan_tasks
                     WHERE community_id = ?1 AND title = ?2 ORDER BY uid",
                    rusqlite::params![copy.id, first.title],
                    |row| Ok((row.get("uid")?, row.get("template_key")?)),
                )
            })
            .unwrap()
    };
    let (holder, other) = (keyed(&b)[0].0.clone(), keyed(&b)[1].0.clone());
    let holder_id = b.task(&holder).unwrap().id;
    plan::delete_task(b.db(), holder_id).unwrap();
    sync_pair(&mut a, &mut b);
    for copy in [&a, &b] {
        assert_eq!(keyed(copy), [(other.clone(), Some(key.clone()))]);
    }
    assert_eq!(seen(&a), seen(&b));
}

#[test]
fn the_triggers_note_exactly_the_shared_columns_of_each_table() {
    use super::layout::{COMMUNITY, RECORDS};

    let t = temp_db();
    let tables = std::iter::once((&COMMUNITY, "shared_outbox_community".to_string())).chain(
        RECORDS
            .iter()
            .map(|t| (*t, format!("shared_outbox_{}_update", t.name))),
    );
    for (table, trigger) in tables {
        let sql: String =
            t.db.read(|r| {
                r.query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [&trigger],
                    |row| row.get("sql"),
                )
            })
            .unwrap_or_else(|e| panic!("{trigger}: {e}"));
        let listed = sql
            .split_once("UPDATE OF")
            .and_then(|(_, rest)| rest.split_once("\nON "))
            .map(|(columns, _)| columns)
            .unwrap_or_else(|| panic!("{trigger}: {sql}"));
        let listed: Vec<&str> = listed.split(',').map(str::trim).collect();
        assert_eq!(listed, table.columns().collect::<Vec<_>>(), "{trigger}");
    }
}

#[test]
fn an_edit_is_noted_with_it_and_recording_takes_the_notes() {
    let (mut a, _b) = shared_pair();
    let notes = |copy: &Copy| {
        copy.t
            .db
            .read(|r| super::store::outbox(r, copy.id))
            .unwrap()
    };
    assert!(notes(&a).is_empty());
    let uid = a.first_task().uid;
    retitle(&mut a, &uid, "Noted");
    assert_eq!(notes(&a), [("plan_tasks".to_string(), uid.clone())]);
    // Columns that are not shared leave no note: the engagement core computes.
    let anna = add_member(&mut a, "Anna", &[]);
    a.doc.record_local(&mut a.t.db).unwrap();
    assert!(notes(&a).is_empty(), "recording took the notes");
    a.db()
        .write(|w| {
            w.execute(
                "UPDATE members SET engagement_score = 5, engagement_level = 'participant'
                 WHERE id = ?1",
                [anna.id],
            )
        })
        .unwrap();
    assert!(notes(&a).is_empty(), "{:?}", notes(&a));
    // The title reached the document.
    let mut reopened = SharedCommunity::open(&a.t.db, a.id).unwrap().unwrap();
    assert_eq!(reopened.record_local(&mut a.t.db).unwrap(), 0);
    let bytes = reopened.save();
    let mut c = temp_db();
    let joined = SharedCommunity::join(&mut c.db, &bytes).unwrap();
    let title: String =
        c.db.read(|r| {
            r.query_row(
                "SELECT title FROM plan_tasks WHERE uid = ?1",
                [&uid],
                |row| row.get("title"),
            )
        })
        .unwrap();
    assert_eq!(title, "Noted");
    assert!(member_row(
        &Copy {
            t: c,
            id: joined.community_id(),
            doc: joined,
            peer: sync::State::new()
        },
        &anna.uid
    )
    .is_some());
}
