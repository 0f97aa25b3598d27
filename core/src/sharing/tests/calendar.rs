//! The calendar shared: events, their series, venues, answers, agendas, roles and
//! checklists reach the other copy as their uids, and what two copies do to one event
//! apart ends the same on both.

use super::{add_member, shared_pair, sync_pair, Copy};
use crate::events::{self, agenda, attendance, checklist, recurrence::RecurrenceInput, series};
use crate::events::{EventInput, VenueInput};

/// An evening meetup as the calendar's form sends it, in the community's zone (UTC).
pub(super) fn meetup(title: &str, start: &str, end: &str) -> EventInput {
    EventInput {
        title: title.into(),
        ..crate::events::testing::meetup(start, end)
    }
}

/// Two copies that both hold Anna and one evening meetup.
fn anna_and_an_evening() -> (Copy, Copy, crate::members::Member, events::Event) {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let evening = meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00");
    let event = events::create(a.db(), id, &evening).unwrap();
    sync_pair(&mut a, &mut b);
    (a, b, anna, event)
}

/// What a person sees of the calendar, by uid: venues, series (with the occurrences
/// removed from them), events (venue, series), answers, agenda items, roles and tasks.
pub(super) fn calendar(copy: &Copy) -> Vec<String> {
    copy.t
        .db
        .read(|r| {
            r.query_all(
                "SELECT 'venue ' || v.uid || ' ' || v.name AS line
                 FROM venues v WHERE v.community_id = ?1
                 UNION ALL
                 SELECT 'series ' || s.uid || ' ' || s.rrule || ' '
                        || (SELECT json_group_array(value)
                            FROM (SELECT value FROM json_each(s.exdates) ORDER BY value))
                 FROM event_series s WHERE s.community_id = ?1
                 UNION ALL
                 SELECT 'event ' || e.uid || ' ' || e.title || ' ' || e.starts_at || ' '
                        || ifnull(v.uid, '-') || ' ' || ifnull(s.uid, '-') || ' '
                        || ifnull(e.occurrence_start, '-')
                 FROM events e LEFT JOIN venues v ON v.id = e.venue_id
                 LEFT JOIN event_series s ON s.id = e.series_id WHERE e.community_id = ?1
                 UNION ALL
                 SELECT 'answer ' || a.uid || ' ' || e.uid || ' ' || ifnull(m.uid, '-') || ' '
                        || a.rsvp
                 FROM attendance a JOIN events e ON e.id = a.event_id
                 LEFT JOIN members m ON m.id = a.member_id WHERE e.community_id = ?1
                 UNION ALL
                 SELECT 'agenda ' || i.uid || ' ' || e.uid || ' ' || i.title || ' '
                        || ifnull(m.uid, '-')
                 FROM agenda_items i JOIN events e ON e.id = i.event_id
                 LEFT JOIN members m ON m.id = i.speaker_member_id WHERE e.community_id = ?1
                 UNION ALL
                 SELECT 'role ' || o.uid || ' ' || e.uid || ' ' || o.role || ' '
                        || ifnull(m.uid, '-')
                 FROM event_roles o JOIN events e ON e.id = o.event_id
                 LEFT JOIN members m ON m.id = o.member_id WHERE e.community_id = ?1
                 UNION ALL
                 SELECT 'task ' || k.uid || ' ' || e.uid || ' ' || k.offset_days || ' ' || k.done
                 FROM event_tasks k JOIN events e ON e.id = k.event_id WHERE e.community_id = ?1
                 ORDER BY line",
                [copy.id],
                |row| row.get("line"),
            )
        })
        .unwrap()
}

fn event_id(copy: &Copy, uid: &str) -> i64 {
    copy.t
        .db
        .read(|r| {
            r.query_row("SELECT id FROM events WHERE uid = ?1", [uid], |row| {
                row.get("id")
            })
        })
        .unwrap()
}

fn member_id(copy: &Copy, uid: &str) -> i64 {
    copy.t
        .db
        .read(|r| {
            r.query_row("SELECT id FROM members WHERE uid = ?1", [uid], |row| {
                row.get("id")
            })
        })
        .unwrap()
}

/// Both copies have nothing left to record: what they hold is what their documents hold.
fn settled(a: &mut Copy, b: &mut Copy) {
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(b.doc.record_local(&mut b.t.db).unwrap(), 0);
}

#[test]
fn a_season_with_its_venue_series_answers_agenda_roles_and_checklist_reaches_the_other_copy() {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let venue = events::venues::create(
        a.db(),
        id,
        &VenueInput {
            name: "Hub".into(),
            address: "Rua 1".into(),
            ..VenueInput::default()
        },
    )
    .unwrap();
    let first = EventInput {
        venue_id: Some(venue.id),
        ..meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00")
    };
    let weekly = RecurrenceInput {
        repeat: "weekly".into(),
        count: Some(4),
        ..RecurrenceInput::default()
    };
    let made = series::create(a.db(), id, &first, &weekly).unwrap();
    let occurrences = events::list(&a.t.db, id, None, None).unwrap();
    assert_eq!(occurrences.len(), 4);
    let evening = occurrences[0].id;
    attendance::respond(a.db(), evening, anna.id, "going").unwrap();
    agenda::add_item(
        a.db(),
        evening,
        &crate::events::testing::item("Talk", 30, Some(anna.id)),
    )
    .unwrap();
    agenda::assign_role(
        a.db(),
        evening,
        &agenda::EventRoleInput {
            role: "host".into(),
            member_id: Some(anna.id),
            note: String::new(),
        },
    )
    .unwrap();
    checklist::add_template(a.db(), evening).unwrap();

    sync_pair(&mut a, &mut b);
    let seen = calendar(&a);
    assert!(
        seen.iter()
            .any(|l| l.starts_with(&format!("series {}", made.uid))),
        "{seen:#?}"
    );
    assert_eq!(seen.iter().filter(|l| l.starts_with("event ")).count(), 4);
    assert!(seen
        .iter()
        .any(|l| l.starts_with("answer ") && l.ends_with(&format!("{} going", anna.uid))));
    assert!(
        seen.iter().filter(|l| l.starts_with("task ")).count() > 1,
        "{seen:#?}"
    );
    assert_eq!(calendar(&b), seen);
    settled(&mut a, &mut b);

    // And back: the other copy holds today's meetup and checks Anna in at it, and the
    // attended activity comes with the check-in.
    let today = chrono::Utc::now().date_naive();
    let b_id = b.id;
    let tonight = events::create(
        b.db(),
        b_id,
        &meetup(
            "Tonight",
            &format!("{today}T00:00"),
            &format!("{today}T23:59"),
        ),
    )
    .unwrap();
    let b_anna = member_id(&b, &anna.uid);
    attendance::check_in(b.db(), tonight.id, b_anna).unwrap();
    sync_pair(&mut a, &mut b);
    let checked = |copy: &Copy| -> (Option<String>, Option<String>) {
        copy.t
            .db
            .read(|r| {
                r.query_row(
                    "SELECT a.checked_in_at, g.uid FROM attendance a
                     JOIN events e ON e.id = a.event_id
                     LEFT JOIN activities g ON g.id = a.activity_id WHERE e.uid = ?1",
                    [&tonight.uid],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
            })
            .unwrap()
    };
    assert!(
        checked(&a).0.is_some() && checked(&a).1.is_some(),
        "{:?}",
        checked(&a)
    );
    assert_eq!(checked(&a), checked(&b));
    assert_eq!(calendar(&a), calendar(&b));
    settled(&mut a, &mut b);
}

#[test]
fn an_event_removed_on_one_copy_while_answered_on_the_other_goes_with_the_answer() {
    let (mut a, mut b, anna, event) = anna_and_an_evening();

    // Apart: one copy removes the event, the other answers it and gives it an agenda.
    events::delete(a.db(), event.id).unwrap();
    let (b_event, b_anna) = (event_id(&b, &event.uid), member_id(&b, &anna.uid));
    attendance::respond(b.db(), b_event, b_anna, "going").unwrap();
    agenda::add_item(
        b.db(),
        b_event,
        &crate::events::testing::item("Talk", 30, None),
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

    for copy in [&a, &b] {
        let seen = calendar(copy);
        assert!(seen.is_empty(), "{seen:#?}");
    }
    settled(&mut a, &mut b);
    // Once more, with nothing new: no transaction, nothing comes back.
    sync_pair(&mut a, &mut b);
    assert!(calendar(&b).is_empty());
}

#[test]
fn one_member_answering_one_event_on_both_copies_apart_is_counted_once() {
    let (mut a, mut b, anna, event) = anna_and_an_evening();

    attendance::respond(a.db(), event.id, anna.id, "going").unwrap();
    let (b_event, b_anna) = (event_id(&b, &event.uid), member_id(&b, &anna.uid));
    attendance::respond(b.db(), b_event, b_anna, "maybe").unwrap();
    sync_pair(&mut a, &mut b);

    let answers = |copy: &Copy| -> Vec<String> {
        calendar(copy)
            .into_iter()
            .filter(|l| l.starts_with("answer "))
            .collect()
    };
    assert_eq!(answers(&a).len(), 1, "{:#?}", answers(&a));
    assert_eq!(answers(&a), answers(&b));
    settled(&mut a, &mut b);
    // The answer kept can be changed on either copy, and the change reaches the other.
    let b_event = event_id(&b, &event.uid);
    attendance::respond(b.db(), b_event, b_anna, "declined").unwrap();
    sync_pair(&mut a, &mut b);
    assert!(answers(&a)[0].ends_with("declined"), "{:?}", answers(&a));
    assert_eq!(answers(&a), answers(&b));
}

#[test]
fn occurrences_removed_apart_are_both_removed_and_both_become_exceptions() {
    let (mut a, mut b) = shared_pair();
    let id = a.id;
    let weekly = RecurrenceInput {
        repeat: "weekly".into(),
        count: Some(4),
        ..RecurrenceInput::default()
    };
    series::create(
        a.db(),
        id,
        &meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00"),
        &weekly,
    )
    .unwrap();
    sync_pair(&mut a, &mut b);
    let occurrences = events::list(&a.t.db, id, None, None).unwrap();

    events::delete(a.db(), occurrences[1].id).unwrap();
    let b_third = event_id(&b, &occurrences[2].uid);
    events::delete(b.db(), b_third).unwrap();
    sync_pair(&mut a, &mut b);

    let seen = calendar(&a);
    assert_eq!(
        seen.iter().filter(|l| l.starts_with("event ")).count(),
        2,
        "{seen:#?}"
    );
    let exceptions = seen.iter().find(|l| l.starts_with("series ")).unwrap();
    assert!(
        exceptions.contains("2027-01-21T19:00:00Z") && exceptions.contains("2027-01-28T19:00:00Z"),
        "{exceptions}"
    );
    assert_eq!(calendar(&b), seen);
    settled(&mut a, &mut b);
}

#[test]
fn an_event_moved_on_one_copy_and_shortened_on_the_other_shows_a_sound_row_and_lists_the_clash() {
    let (mut a, mut b, _, event) = anna_and_an_evening();

    // The copy that shortens it has edited more meanwhile, so its writes count higher: merged
    // field by field, its end would fall before the other copy's new start.
    for n in 0..5 {
        let uid = b.first_task().uid;
        super::retitle(&mut b, &uid, &format!("Busy {n}"));
        b.doc.record_local(&mut b.t.db).unwrap();
    }
    events::update(
        a.db(),
        event.id,
        &meetup("Rust evening", "2027-01-14T21:30", "2027-01-14T23:00"),
    )
    .unwrap();
    let on_b = event_id(&b, &event.uid);
    events::update(
        b.db(),
        on_b,
        &meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T20:00"),
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

    let times = |copy: &Copy| -> (String, String) {
        copy.t
            .db
            .read(|r| {
                r.query_row(
                    "SELECT starts_at, ends_at FROM events WHERE uid = ?1",
                    [&event.uid],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
            })
            .unwrap()
    };
    // Merged field by field, the end shown is the shortening copy's, before the moved
    // start: both copies show the moved start and an end an hour after it, and list the
    // clash over the end.
    let shown = times(&a);
    assert_eq!(
        shown,
        ("2027-01-14T21:30:00Z".into(), "2027-01-14T22:30:00Z".into())
    );
    assert_eq!(times(&b), shown);
    let clash = a
        .doc
        .conflicts()
        .unwrap()
        .into_iter()
        .find(|c| c.uid == event.uid && c.field == "ends_at")
        .expect("the clash over the end is listed");
    let ends: Vec<super::Stored> = ["2027-01-14T20:00:00Z", "2027-01-14T23:00:00Z"]
        .map(|t| super::Stored::Text(t.into()))
        .into();
    assert!(ends.iter().all(|e| clash.values.contains(e)), "{clash:?}");
    assert_eq!(b.doc.conflicts().unwrap(), a.doc.conflicts().unwrap());

    // A person chooses an end: one before the start is refused, and nothing is kept of it;
    // the other settles the clash on both copies.
    let choice = ("events", event.uid.as_str(), "ends_at");
    let refused = a.doc.settle(&mut a.t.db, choice, &ends[0]);
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(times(&a), shown);
    assert!(
        a.doc.conflicts().unwrap().contains(&clash),
        "the clash is as it was: the refused choice was undone"
    );
    a.doc.settle(&mut a.t.db, choice, &ends[1]).unwrap();
    sync_pair(&mut a, &mut b);
    for copy in [&a, &b] {
        assert_eq!(
            times(copy),
            ("2027-01-14T21:30:00Z".into(), "2027-01-14T23:00:00Z".into())
        );
        assert!(
            !copy
                .doc
                .conflicts()
                .unwrap()
                .iter()
                .any(|c| c.uid == event.uid),
            "settled"
        );
    }
    settled(&mut a, &mut b);
}

#[test]
fn an_event_removed_and_imported_again_comes_back_alone_on_every_copy_and_on_one_that_joins() {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
               BEGIN:VEVENT\r\nUID:evening@test\r\nDTSTAMP:20260101T000000Z\r\n\
               DTSTART:20270114T190000Z\r\nDTEND:20270114T210000Z\r\nSUMMARY:Rust evening\r\n\
               END:VEVENT\r\nEND:VCALENDAR\r\n";
    crate::events::ical::import::commit(a.db(), id, ics.as_bytes()).unwrap();
    let event = events::list(&a.t.db, id, None, None).unwrap().remove(0);
    sync_pair(&mut a, &mut b);
    // Anna's answer given on both copies apart: one is kept, the other left out of SQLite
    // and kept in the document.
    attendance::respond(a.db(), event.id, anna.id, "going").unwrap();
    let (b_event, b_anna) = (event_id(&b, &event.uid), member_id(&b, &anna.uid));
    attendance::respond(b.db(), b_event, b_anna, "maybe").unwrap();
    agenda::add_item(
        a.db(),
        event.id,
        &crate::events::testing::item("Talk", 30, None),
    )
    .unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(calendar(&b).len(), 3, "{:#?}", calendar(&b));

    events::delete(a.db(), event.id).unwrap();
    sync_pair(&mut a, &mut b);
    crate::events::ical::import::commit(a.db(), id, ics.as_bytes()).unwrap();
    sync_pair(&mut a, &mut b);

    let seen = calendar(&a);
    assert_eq!(seen.len(), 1, "the event alone: {seen:#?}");
    assert!(seen[0].contains(&event.uid), "under its uid: {seen:#?}");
    assert_eq!(calendar(&b), seen);
    let mut c = super::joined(&mut a);
    assert_eq!(calendar(&c), seen, "a copy that joins now");
    assert_eq!(c.doc.record_local(&mut c.t.db).unwrap(), 0);
    settled(&mut a, &mut b);
}

#[test]
fn occurrences_that_move_into_each_others_places_in_one_step_reach_the_other_copy() {
    let (mut a, mut b) = shared_pair();
    let id = a.id;
    let weekly = RecurrenceInput {
        repeat: "weekly".into(),
        count: Some(3),
        ..RecurrenceInput::default()
    };
    let first = meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00");
    series::create(a.db(), id, &first, &weekly).unwrap();
    sync_pair(&mut a, &mut b);

    // Every occurrence a week later, in one step: each takes the place of the next (the last
    // first, as the unique index asks of a copy writing them one by one).
    let occurrences = events::list(&a.t.db, id, None, None).unwrap();
    a.db()
        .write(|w| {
            for event in occurrences.iter().rev() {
                w.execute(
                    "UPDATE events SET
                         occurrence_start = strftime('%Y-%m-%dT%H:%M:%SZ', occurrence_start, '+7 days'),
                         starts_at = strftime('%Y-%m-%dT%H:%M:%SZ', starts_at, '+7 days'),
                         ends_at = strftime('%Y-%m-%dT%H:%M:%SZ', ends_at, '+7 days')
                     WHERE id = ?1",
                    [event.id],
                )?;
            }
            Ok(())
        })
        .unwrap();
    sync_pair(&mut a, &mut b);

    let seen = calendar(&a);
    assert!(
        seen.iter().any(|l| l.contains("2027-02-04T19:00:00Z")),
        "moved: {seen:#?}"
    );
    assert_eq!(calendar(&b), seen);
    settled(&mut a, &mut b);
}
