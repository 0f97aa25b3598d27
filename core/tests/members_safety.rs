//! A person's data under the roster's two destructive operations, tried as a tester would:
//! forgetting must leave the person nowhere in the database's tables while every activity
//! stays counted, and merging must move every activity, leave a tombstone, and refuse (with
//! nothing written) what cannot be merged. Each test works on the sample community, whose
//! members have activities, kudos and plan tasks, so the links a merge or a forget must
//! follow are there.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

use std::path::Path;

use hearth_core::community::{self, NewCommunity};
use hearth_core::db::{backup, tombstones};
use hearth_core::members::{
    self, activities, forget, merge, normalise, ActivityInput, MemberInput,
};
use hearth_core::{demo, events, Db, Error, Locale};
use rusqlite::types::ValueRef;

fn sample() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("hearth.sqlite3")).unwrap();
    let community = demo::create(&mut db, Locale::En).unwrap();
    (dir, db, community.id)
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str, id: i64) -> i64 {
    conn.query_row(sql, [id], |r| r.get(0)).unwrap()
}

/// Every text cell of every table of the database at `path` that contains one of `needles`
/// (compared as the roster compares: lower case, "ё" as "е"), as `table.column: value`.
fn cells_holding(path: &Path, needles: &[String]) -> Vec<String> {
    let conn = raw(path);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let needles: Vec<String> = needles
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| normalise(n))
        .collect();
    let mut found = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for (i, column) in columns.iter().enumerate() {
                let text = match row.get_ref(i).unwrap() {
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    _ => continue,
                };
                let key = normalise(&text);
                if needles.iter().any(|n| key.contains(n.as_str())) {
                    found.push(format!("{table}.{column}: {text}"));
                }
            }
        }
    }
    found
}

/// The sample's member with the most links: owns a plan task and gave kudos if anyone did,
/// then the most activities.
fn busiest_member(path: &Path, community_id: i64) -> i64 {
    count(
        &raw(path),
        "SELECT m.id FROM members m WHERE m.community_id = ?1
         ORDER BY (SELECT count(*) FROM plan_tasks t WHERE t.owner_member_id = m.id) > 0 DESC,
                  (SELECT count(*) FROM activities a WHERE a.from_member_id = m.id) > 0 DESC,
                  (SELECT count(*) FROM activities a WHERE a.member_id = m.id) DESC
         LIMIT 1",
        community_id,
    )
}

#[test]
fn a_forgotten_person_is_in_no_table_but_their_activities_still_count() {
    let (dir, mut db, community_id) = sample();
    let path = db.path().to_path_buf();
    let id = busiest_member(&path, community_id);
    // Every contact a person can have, so each is looked for afterwards.
    members::update(
        &mut db,
        id,
        &MemberInput {
            email: Some("zoe.forgetme@example.org".into()),
            phone: Some("+351 910 000 777".into()),
            telegram: Some("@zoe_forgetme".into()),
            github: Some("zoeforgetme".into()),
            linkedin: Some("https://www.linkedin.com/in/zoe-forgetme".into()),
            other_handle: Some("https://zoe-forgetme.example".into()),
            notes: Some("Prefers the Thursday meetups".into()),
            ..MemberInput::default()
        },
    )
    .unwrap();
    activities::add(
        &mut db,
        id,
        &ActivityInput {
            kind: "talk".into(),
            note: "Zoe's talk on forgetting".into(),
            ..ActivityInput::default()
        },
    )
    .unwrap();
    // They came to an event today and said what they thought of it.
    let today = chrono::Utc::now().date_naive();
    let meetup = events::create(
        &mut db,
        community_id,
        &events::EventInput {
            title: "Meetup of the day".into(),
            kind: "meetup".into(),
            format: "offline".into(),
            start: format!("{today}T00:00"),
            end: format!("{today}T23:59"),
            ..events::EventInput::default()
        },
    )
    .unwrap();
    events::attendance::check_in(&mut db, meetup.id, id).unwrap();
    events::attendance::feedback(
        &mut db,
        meetup.id,
        id,
        &events::attendance::FeedbackInput {
            score: Some(4),
            nps: Some(8),
            comment: "Zoe's feedback on forgetting".into(),
        },
    )
    .unwrap();
    events::agenda::add_item(
        &mut db,
        meetup.id,
        &events::agenda::AgendaItemInput {
            title: "Forgetting, a talk".into(),
            minutes: 20,
            speaker_member_id: Some(id),
            notes: "Zoe's slides come late".into(),
        },
    )
    .unwrap();
    // The sample's calendar has their other answers and roles; today's meetup is this test's.
    let parts = forget::personal_data(&db, id).unwrap().event_parts;
    assert_eq!(
        parts
            .iter()
            .filter(|p| p.event_title == "Meetup of the day")
            .map(|p| (p.part.as_str(), p.what.as_str()))
            .collect::<Vec<_>>(),
        [("talk", "Forgetting, a talk")],
        "what they do at events is part of their data"
    );
    let answers = forget::personal_data(&db, id).unwrap().event_answers;
    let today_answers: Vec<_> = answers
        .iter()
        .filter(|a| a.event_title == "Meetup of the day")
        .collect();
    assert_eq!(
        today_answers.len(),
        1,
        "their answers are part of their data"
    );
    assert_eq!(today_answers[0].comment, "Zoe's feedback on forgetting");
    let member = members::get(&db, id).unwrap();
    let needles = vec![
        member.name.clone(),
        member.email.clone(),
        member.phone.clone(),
        member.telegram.clone(),
        member.github.clone(),
        member.linkedin.clone(),
        member.other_handle.clone(),
        member.notes.clone(),
        "Zoe's talk on forgetting".to_string(),
        "Zoe's feedback on forgetting".to_string(),
        "Zoe's slides come late".to_string(),
        member.uid.clone(),
    ];
    assert!(
        !cells_holding(&path, &needles).is_empty(),
        "the search finds them first"
    );

    let conn = raw(&path);
    let activities_before = count(&conn, "SELECT count(*) FROM activities WHERE ?1 > 0", 1);
    let theirs = count(
        &conn,
        "SELECT count(*) FROM activities WHERE member_id = ?1",
        id,
    );
    let kudos_given = count(
        &conn,
        "SELECT count(*) FROM activities WHERE from_member_id = ?1",
        id,
    );
    let tasks_owned = count(
        &conn,
        "SELECT count(*) FROM plan_tasks WHERE owner_member_id = ?1",
        id,
    );
    assert!(
        theirs > 1 && kudos_given > 0 && tasks_owned > 0,
        "{theirs} {kudos_given} {tasks_owned}"
    );
    drop(conn);

    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let before = backup::create(&db, &backups).unwrap();

    forget::forget(&mut db, id).unwrap();

    // Only the tombstone's uid may stay (it is how other copies forget them too).
    let left: Vec<String> = cells_holding(&path, &needles)
        .into_iter()
        .filter(|cell| !cell.starts_with("tombstones.uid: "))
        .collect();
    assert!(left.is_empty(), "still in the database: {left:#?}");
    let conn = raw(&path);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM activities WHERE ?1 > 0", 1),
        activities_before,
        "every activity still counts"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM activities WHERE member_id IS NULL AND ?1 > 0",
            1
        ),
        theirs,
        "theirs, owned by no one"
    );
    assert!(matches!(members::get(&db, id), Err(Error::NotFound(_))));
    let buried = tombstones::since(&db, community_id, None).unwrap();
    assert!(buried
        .iter()
        .any(|t| t.uid == member.uid && t.record == "members"));
    assert!(
        matches!(forget::personal_data(&db, id), Err(Error::NotFound(_))),
        "nothing left to hand out"
    );

    // A backup made before the forget still holds them: backups are copies of the past
    // and are not rewritten (expected; the person's data leaves them as they rotate out).
    let old = backups.join(&before.file_name);
    assert!(
        !cells_holding(&old, &needles[..2]).is_empty(),
        "the earlier backup holds their name and email"
    );

    // Not in the bytes of the file either: deleted and overwritten rows are zeroed, not
    // left in free space, and the log is emptied after a forget.
    let bytes_hold = |file: &std::path::Path, text: &str| {
        let bytes = std::fs::read(file).unwrap_or_default();
        bytes.windows(text.len()).any(|w| w == text.as_bytes())
    };
    let wal = path.with_extension("sqlite3-wal");
    for needle in &needles[..8] {
        assert!(
            !bytes_hold(&path, needle),
            "{needle:?} is in the file's bytes"
        );
        assert!(
            !bytes_hold(&wal, needle),
            "{needle:?} is in the log's bytes"
        );
    }
    drop(db);
    for needle in &needles[..8] {
        assert!(
            !bytes_hold(&path, needle),
            "{needle:?} is in the file's bytes after it was closed"
        );
    }
}

#[test]
fn a_merge_keeps_every_activity_and_leaves_a_tombstone() {
    let (_dir, mut db, community_id) = sample();
    let path = db.path().to_path_buf();
    let other = busiest_member(&path, community_id);
    let conn = raw(&path);
    let keep = count(
        &conn,
        "SELECT id FROM members WHERE community_id = (SELECT community_id FROM members
         WHERE id = ?1) AND id <> ?1 AND EXISTS (SELECT 1 FROM activities a
         WHERE a.member_id = members.id) ORDER BY id LIMIT 1",
        other,
    );
    // The other gives the kept one kudos: after the merge it is a kudos to oneself, which
    // must still count.
    activities::give_kudos(&mut db, keep, Some(other), "thanks").unwrap();
    let all = count(&conn, "SELECT count(*) FROM activities WHERE ?1 > 0", 1);
    let of = |id: i64| {
        count(
            &conn,
            "SELECT count(*) FROM activities WHERE member_id = ?1",
            id,
        )
    };
    let (kept_before, other_before) = (of(keep), of(other));
    let given_by_other = count(
        &conn,
        "SELECT count(*) FROM activities WHERE from_member_id = ?1",
        other,
    );
    let tasks = count(
        &conn,
        "SELECT count(*) FROM plan_tasks WHERE owner_member_id = ?1",
        other,
    );
    assert!(
        other_before > 0 && given_by_other > 0,
        "{other_before} {given_by_other}"
    );
    let other_uid = members::get(&db, other).unwrap().uid;
    let kept_tasks = count(
        &conn,
        "SELECT count(*) FROM plan_tasks WHERE owner_member_id = ?1",
        keep,
    );
    assert!(tasks > 0, "the other owns a task");

    // Where both came to the same event, the one person came once: one "attended" stays.
    let both_came = conn
        .query_row(
            "SELECT count(*) FROM attendance a JOIN attendance b ON a.event_id = b.event_id
             WHERE a.member_id = ?1 AND b.member_id = ?2
               AND a.activity_id IS NOT NULL AND b.activity_id IS NOT NULL",
            [keep, other],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();

    let merged = merge::merge(&mut db, keep, other).unwrap();

    assert_eq!(merged.id, keep);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM activities WHERE ?1 > 0", 1),
        all - both_came
    );
    assert_eq!(
        of(keep),
        kept_before + other_before - both_came,
        "every activity moved, one attended per event both came to"
    );
    assert_eq!(of(other), 0);
    assert_eq!(
        activities::timeline(&db, keep).unwrap().len() as i64,
        kept_before + other_before - both_came
    );
    let tasks_of = |id: i64| {
        count(
            &conn,
            "SELECT count(*) FROM plan_tasks WHERE owner_member_id = ?1",
            id,
        )
    };
    assert_eq!(tasks_of(keep), kept_tasks + tasks, "the tasks moved");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM activities WHERE from_member_id = ?1",
            other
        ),
        0
    );
    assert!(matches!(members::get(&db, other), Err(Error::NotFound(_))));
    let buried = tombstones::since(&db, community_id, None).unwrap();
    assert!(buried
        .iter()
        .any(|t| t.uid == other_uid && t.record == "members"));
}

/// The whole database as text, to show that a refused operation wrote nothing.
fn json(path: &Path) -> String {
    let conn = raw(path);
    let mut out = String::new();
    for table in [
        "meta",
        "members",
        "activities",
        "tombstones",
        "plan_tasks",
        "communities",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn merges_that_cannot_be_are_refused_with_nothing_written() {
    let (_dir, mut db, community_id) = sample();
    let path = db.path().to_path_buf();
    let one = busiest_member(&path, community_id);
    let elsewhere = community::create(
        &mut db,
        &NewCommunity {
            name: "Elsewhere".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            launch_date: None,
        },
    )
    .unwrap();
    let stranger = members::create(
        &mut db,
        elsewhere.id,
        &MemberInput {
            name: Some("Stranger Elsewhere".into()),
            ..MemberInput::default()
        },
    )
    .unwrap();
    let revision = db.revision().unwrap();
    let before = json(&path);

    let itself = merge::merge(&mut db, one, one).unwrap_err();
    assert_eq!(itself.code(), "invalid_input", "{itself}");
    for (keep, other) in [(one, stranger.id), (stranger.id, one)] {
        let across = merge::merge(&mut db, keep, other).unwrap_err();
        assert_eq!(across.code(), "conflict", "{across}");
        assert!(
            across.to_string().contains("different communities"),
            "{across}"
        );
    }
    let missing = merge::merge(&mut db, one, 999_999).unwrap_err();
    assert_eq!(missing.code(), "not_found", "{missing}");
    let forgotten_twice = forget::forget(&mut db, 999_999).unwrap_err();
    assert_eq!(forgotten_twice.code(), "not_found", "{forgotten_twice}");

    assert_eq!(db.revision().unwrap(), revision, "no write was committed");
    assert_eq!(json(&path), before, "not a cell changed");
}
