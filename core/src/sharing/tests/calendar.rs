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
        kind: "meetup".into(),
        format: "offline".into(),
        start: start.into(),
        end: end.into(),
        ..EventInput::default()
    }
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
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let event = events::create(
        a.db(),
        id,
        &meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00"),
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

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
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let event = events::create(
        a.db(),
        id,
        &meetup("Rust evening", "2027-01-14T19:00", "2027-01-14T21:00"),
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

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
