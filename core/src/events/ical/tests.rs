//! Calendar files as the programs people use write them (Outlook's Windows zone names,
//! Google's all-day events and X-WR-TIMEZONE, folded lines and escapes), what Hearth
//! makes of them, a second import of the same file, a round trip through export, and the
//! files that must be refused with the line at fault and nothing written.

use super::{export, import, IcsProblemKind};
use crate::db::testing::temp_db;
use crate::db::Db;
use crate::events::testing::{lisbon, meetup, member};
use crate::events::{self, attendance, series, Event};

/// An Outlook export: a monthly meetup on the second Thursday in Berlin's zone under its
/// Windows name, from May to December 2021, without June (EXDATE), with September's moved
/// to 20:00 (RECURRENCE-ID), and October's cancelled.
const OUTLOOK: &str = "BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008000000001@outlook\r
DTSTART;TZID=\"W. Europe Standard Time\":20210513T190000\r
DTEND;TZID=\"W. Europe Standard Time\":20210513T210000\r
RRULE:FREQ=MONTHLY;BYDAY=2TH;UNTIL=20211231T225959Z\r
EXDATE;TZID=\"W. Europe Standard Time\":20210610T190000\r
SUMMARY;LANGUAGE=de:Rust-Abend\\, Berlin\r
LOCATION:c-base\\, Rungestraße 20\\, Berlin\r
DESCRIPTION:Vorträge und Pizza.\\nAlle willkommen: a line long enough to be fo\r
 lded by the program that wrote it.\r
STATUS:CONFIRMED\r
BEGIN:VALARM\r
TRIGGER:-PT15M\r
ACTION:DISPLAY\r
DESCRIPTION:Reminder\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008000000001@outlook\r
RECURRENCE-ID;TZID=\"W. Europe Standard Time\":20210909T190000\r
DTSTART;TZID=\"W. Europe Standard Time\":20210909T200000\r
DTEND;TZID=\"W. Europe Standard Time\":20210909T220000\r
SUMMARY:Rust-Abend (später)\r
LOCATION:c-base\\, Rungestraße 20\\, Berlin\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008000000001@outlook\r
RECURRENCE-ID;TZID=\"W. Europe Standard Time\":20211014T190000\r
DTSTART;TZID=\"W. Europe Standard Time\":20211014T190000\r
DTEND;TZID=\"W. Europe Standard Time\":20211014T210000\r
SUMMARY:Rust-Abend\r
STATUS:CANCELLED\r
END:VEVENT\r
BEGIN:VTODO\r
UID:todo-1\r
SUMMARY:Not an event\r
END:VTODO\r
END:VCALENDAR\r
";

/// A Google export: a three-day conference (all day, DTEND the day after), an online
/// webinar given in UTC, shown in the calendar's X-WR-TIMEZONE.
const GOOGLE: &str = "BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
X-WR-CALNAME:Сообщество
X-WR-TIMEZONE:Europe/Moscow
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270610
DTEND;VALUE=DATE:20270613
UID:conf2027@google.com
SUMMARY:Конференция «Весна»
DESCRIPTION:Три дня докладов
END:VEVENT
BEGIN:VEVENT
DTSTART:20270120T160000Z
DTEND:20270120T173000Z
UID:webinar@google.com
SUMMARY:Вебинар
LOCATION:https://meet.example.org/abc
END:VEVENT
END:VCALENDAR
";

fn starts(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| format!("{} {}", e.start, e.title))
        .collect()
}

fn all(db: &Db, community_id: i64) -> Vec<Event> {
    events::list(db, community_id, None, None).unwrap()
}

#[test]
fn an_outlook_series_with_a_windows_zone_exceptions_and_a_moved_occurrence() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    let preview = import::preview(&t.db, id, OUTLOOK.as_bytes()).unwrap();
    assert_eq!(preview.problems, vec![]);
    assert_eq!(
        (
            preview.series,
            preview.occurrences,
            preview.changed_occurrences
        ),
        (1, 7, 1)
    );
    assert_eq!((preview.cancelled_occurrences, preview.ignored), (1, 1));
    assert!(!preview.written);
    assert!(all(&t.db, id).is_empty(), "a preview writes nothing");

    let report = import::commit(&mut t.db, id, OUTLOOK.as_bytes()).unwrap();
    assert!(report.written);
    assert_eq!(report.venues_added, 1);
    let events = all(&t.db, id);
    assert_eq!(
        starts(&events),
        [
            "2021-05-13T19:00 Rust-Abend, Berlin",
            "2021-07-08T19:00 Rust-Abend, Berlin",
            "2021-08-12T19:00 Rust-Abend, Berlin",
            "2021-09-09T20:00 Rust-Abend (später)",
            "2021-11-11T19:00 Rust-Abend, Berlin",
            "2021-12-09T19:00 Rust-Abend, Berlin",
        ],
        "June is an exception, October was cancelled, September moved alone"
    );
    let first = &events[0];
    assert_eq!(first.time_zone, "Europe/Berlin");
    assert_eq!(first.starts_at.to_rfc3339(), "2021-05-13T17:00:00+00:00");
    assert_eq!(
        events[4].starts_at.to_rfc3339(),
        "2021-11-11T18:00:00+00:00",
        "19:00 in winter is an hour later in UTC"
    );
    assert_eq!(
        first.description,
        "Vorträge und Pizza.\nAlle willkommen: a line long enough to be folded by the program that wrote it."
    );
    assert_eq!(first.status.as_str(), "confirmed");
    let venue = events::venues::get(&t.db, first.venue_id.unwrap()).unwrap();
    assert_eq!(
        (venue.name.as_str(), venue.address.as_str()),
        ("c-base", "Rungestraße 20, Berlin")
    );
    let s = series::get(&t.db, first.series_id.unwrap()).unwrap();
    assert_eq!(s.uid, "040000008200E00074C5B7101A82E008000000001@outlook");
    assert_eq!(s.exdates.len(), 2, "June from the file, October cancelled");
}

#[test]
fn a_google_all_day_conference_and_a_utc_webinar_in_the_calendars_zone() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    import::commit(&mut t.db, id, GOOGLE.as_bytes()).unwrap();
    let events = all(&t.db, id);
    assert_eq!(
        starts(&events),
        ["2027-01-20T19:00 Вебинар", "2027-06-10 Конференция «Весна»"]
    );
    let webinar = &events[0];
    assert_eq!(webinar.time_zone, "Europe/Moscow");
    assert_eq!(webinar.end, "2027-01-20T20:30");
    assert_eq!(webinar.online_url, "https://meet.example.org/abc");
    assert_eq!(webinar.format.as_str(), "online");
    let conference = &events[1];
    assert!(conference.all_day);
    assert_eq!(
        conference.end, "2027-06-12",
        "DTEND is the day after the last"
    );
}

#[test]
fn importing_the_same_file_again_updates_instead_of_duplicating_and_keeps_answers() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    import::commit(&mut t.db, id, OUTLOOK.as_bytes()).unwrap();
    let july = all(&t.db, id)[1].clone();
    let ana = member(&mut t.db, id, "Ana");
    attendance::respond(&mut t.db, july.id, ana, "going").unwrap();

    let renamed = OUTLOOK.replace(
        "SUMMARY;LANGUAGE=de:Rust-Abend\\, Berlin",
        "SUMMARY:Rust evening",
    );
    let again = import::commit(&mut t.db, id, renamed.as_bytes()).unwrap();
    assert_eq!((again.added, again.updated), (0, 1));
    let events = all(&t.db, id);
    assert_eq!(events.len(), 6, "no duplicates");
    assert_eq!(events[1].id, july.id, "the occurrence keeps its row");
    assert_eq!(events[1].title, "Rust evening");
    assert_eq!(attendance::list(&t.db, july.id).unwrap().len(), 1);
    assert_eq!(
        events[3].title, "Rust-Abend (später)",
        "the override applies again"
    );
}

#[test]
fn a_weekly_series_keeps_its_wall_clock_hour_across_the_dst_change() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    let file = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:w@x\n\
        DTSTART;TZID=Europe/Lisbon:20270321T190000\nDTEND;TZID=Europe/Lisbon:20270321T200000\n\
        RRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Weekly\nEND:VEVENT\nEND:VCALENDAR\n";
    import::commit(&mut t.db, id, file.as_bytes()).unwrap();
    let utc: Vec<String> = all(&t.db, id)
        .iter()
        .map(|e| format!("{} {}", e.start, e.starts_at.format("%H:%M")))
        .collect();
    assert_eq!(
        utc,
        [
            "2027-03-21T19:00 19:00",
            "2027-03-28T19:00 18:00",
            "2027-04-04T19:00 18:00"
        ]
    );
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_events_and_occurrences() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    import::commit(&mut t.db, id, OUTLOOK.as_bytes()).unwrap();
    import::commit(&mut t.db, id, GOOGLE.as_bytes()).unwrap();
    let mut hybrid = meetup("2027-02-03T18:30", "2027-02-03T21:00");
    hybrid.title = "Semicolons; commas, and \\ backslashes".into();
    hybrid.description = "Line one\nLine two".into();
    hybrid.format = "hybrid".into();
    hybrid.kind = "workshop".into();
    hybrid.capacity = Some("40".into());
    hybrid.online_url = "https://example.org/live".into();
    events::create(&mut t.db, id, &hybrid).unwrap();
    let text = export::community(&t.db, id).unwrap();
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
    assert!(
        text.contains("RRULE:FREQ=MONTHLY;UNTIL=20211231T225959Z;BYDAY=2TH\r\n"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");

    let mut u = temp_db();
    let copy = lisbon(&mut u.db);
    let report = import::commit(&mut u.db, copy, text.as_bytes()).unwrap();
    assert_eq!(report.problems, vec![]);
    let shape = |events: Vec<Event>| -> Vec<String> {
        events
            .iter()
            .map(|e| {
                format!(
                    "{}|{}|{}|{}|{}|{}|{}|{}|{}|{:?}|{}|{}",
                    e.title,
                    e.start,
                    e.end,
                    e.time_zone,
                    e.all_day,
                    e.kind.as_str(),
                    e.format.as_str(),
                    e.status.as_str(),
                    e.online_url,
                    e.capacity,
                    e.description,
                    e.series_id.is_some()
                )
            })
            .collect()
    };
    assert_eq!(shape(all(&u.db, copy)), shape(all(&t.db, id)));
    let uids = |db: &Db, c: i64| -> Vec<String> {
        all(db, c)
            .into_iter()
            .filter(|e| e.series_id.is_none())
            .map(|e| e.uid)
            .collect()
    };
    assert_eq!(
        uids(&u.db, copy),
        uids(&t.db, id),
        "single events keep their UIDs"
    );

    let again = import::commit(&mut u.db, copy, text.as_bytes()).unwrap();
    assert_eq!((again.added, again.updated), (0, 4));
    assert_eq!(all(&u.db, copy).len(), all(&t.db, id).len());
}

/// Imports `file` expecting it refused; gives the problems' kinds and messages.
fn refused(file: &str) -> Vec<(IcsProblemKind, String)> {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    let preview = import::preview(&t.db, id, file.as_bytes()).unwrap();
    assert!(preview.problem_count > 0, "{file} was accepted");
    let error = import::commit(&mut t.db, id, file.as_bytes()).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(all(&t.db, id).is_empty(), "nothing is written");
    preview
        .problems
        .into_iter()
        .map(|p| (p.kind, p.message))
        .collect()
}

fn event(lines: &str) -> String {
    format!("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e@x\nSUMMARY:E\n{lines}\nEND:VEVENT\nEND:VCALENDAR\n")
}

#[test]
fn bad_files_are_refused_with_the_line_and_nothing_is_written() {
    let cut = &OUTLOOK[..OUTLOOK.find("BEGIN:VTODO").unwrap()];
    assert_eq!(
        refused(cut),
        [(
            IcsProblemKind::CutShort,
            "line 1: BEGIN:VCALENDAR is never closed: the file was cut short".to_string()
        )]
    );
    let (kind, message) = &refused(&event(
        "DTSTART;TZID=Mars/Olympus:20270101T100000\nDTEND;TZID=Mars/Olympus:20270101T110000",
    ))[0];
    assert_eq!(*kind, IcsProblemKind::UnknownZone);
    assert_eq!(
        message,
        "line 6: DTSTART is in time zone \"Mars/Olympus\", which Hearth does not know"
    );
    let (kind, message) = &refused(&event(
        "DTSTART:20270101T100000Z\nDTEND:20270101T110000Z\nRRULE:FREQ=WEEKLY",
    ))[0];
    assert_eq!(*kind, IcsProblemKind::EndlessRule);
    assert!(
        message.starts_with("line 8: the event repeats without end"),
        "{message}"
    );
    let (kind, message) = &refused(&event("DTSTART:20270101T100000Z\nDTEND:20270101T090000Z"))[0];
    assert_eq!(*kind, IcsProblemKind::EndsBeforeStart);
    assert!(message.starts_with("line 7: DTEND:"), "{message}");
    let (kind, _) = &refused(&event(
        "DTSTART:20270101T100000Z\nDTEND:20270101T110000Z\nRRULE:FREQ=DAILY;COUNT=600",
    ))[0];
    assert_eq!(*kind, IcsProblemKind::TooMany);
    let (kind, message) =
        &refused("BEGIN:VCALENDAR\nVERSION:2.0\nthis line has no colon\nEND:VCALENDAR\n")[0];
    assert_eq!(*kind, IcsProblemKind::Malformed);
    assert!(message.starts_with("line 3: "), "{message}");
    assert_eq!(
        refused("Name,Email\nAna,a@x\n")[0].0,
        IcsProblemKind::NotCalendar
    );
    assert_eq!(
        refused("BEGIN:VCALENDAR\n\0\0\0")[0].0,
        IcsProblemKind::NotText
    );
    let (kind, message) = &refused(&event(
        "RECURRENCE-ID:20270101T100000Z\nDTSTART:20270101T100000Z\nDTEND:20270101T110000Z",
    ))[0];
    assert_eq!(*kind, IcsProblemKind::NoSeries);
    assert!(message.starts_with("line 3: "), "{message}");
    let twice = "BEGIN:VCALENDAR\nVERSION:2.0\n\
        BEGIN:VEVENT\nUID:a\nDTSTART:20270101T100000Z\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:a\nDTSTART:20270102T100000Z\nEND:VEVENT\nEND:VCALENDAR\n";
    assert_eq!(refused(twice)[0].0, IcsProblemKind::RepeatedUid);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    let big = vec![b' '; super::MAX_FILE_BYTES + 1];
    let preview = import::preview(&t.db, id, &big).unwrap();
    assert_eq!(preview.problems[0].kind, IcsProblemKind::TooBig);
}

#[test]
fn one_event_exports_alone_and_an_occurrence_as_an_event_of_its_own() {
    let mut t = temp_db();
    let id = lisbon(&mut t.db);
    import::commit(&mut t.db, id, OUTLOOK.as_bytes()).unwrap();
    let july = all(&t.db, id)[1].clone();
    let text = export::event(&t.db, july.id).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains(&format!("UID:{}", july.uid)));
    assert!(text.contains("DTSTART;TZID=Europe/Berlin:20210708T190000"));
    assert!(!text.contains("RRULE:FREQ=MONTHLY"));
}
