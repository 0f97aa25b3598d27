//! Events in the database: each write checks the input and the community (and the venue,
//! which must be the same community's) inside the one transaction that stores it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Row};

use super::local_time::{day_start, next_day, parse_utc, utc_text};
use super::model::{local_span, Checked, Event, EventInput};
use crate::db::{tombstones, Db, Read, Write};
use crate::error::{Error, Result, Rule};

pub(super) const COLUMNS: &str = "id, uid, community_id, title, kind, format, starts_at, ends_at,
    time_zone, all_day, venue_id, online_url, capacity, status, description, series_id,
    occurrence_start, created_at, updated_at";

/// The events of a community that overlap `from`..`to` (each end open when None), in
/// the order they start.
pub fn list(
    db: &Db,
    community_id: i64,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<Vec<Event>> {
    db.read(|r| {
        community_zone(r, community_id)?;
        r.query_all(
            &format!(
                "SELECT {COLUMNS} FROM events
                 WHERE community_id = ?1 AND (?2 IS NULL OR ends_at > ?2) AND (?3 IS NULL OR starts_at < ?3)
                 ORDER BY starts_at, id"
            ),
            params![community_id, from.map(utc_text), to.map(utc_text)],
            from_row,
        )
    })
}

/// The events of a community from the start of day `from` to the end of day `to`, days
/// as the community's zone has them (each end open when None).
pub fn list_days(
    db: &Db,
    community_id: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Event>> {
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(Error::invalid(
                "to",
                Rule::InvalidFormat,
                format!("the last day ({to}) is before the first ({from})"),
            ));
        }
    }
    let zone: Tz = db
        .read(|r| community_zone(r, community_id))?
        .parse()
        .unwrap_or(chrono_tz::UTC);
    list(
        db,
        community_id,
        from.map(|d| day_start(d, zone)),
        to.map(|d| day_start(next_day(d), zone)),
    )
}

pub fn get(db: &Db, id: i64) -> Result<Event> {
    db.read(|r| read_one(r, id))
}

pub fn create(db: &mut Db, community_id: i64, input: &EventInput) -> Result<Event> {
    let id = db.write(|w| {
        let zone = community_zone(w, community_id)?;
        let e = input.validate(&zone)?;
        check_venue(w, community_id, e.venue_id)?;
        insert(w, community_id, &e, None)
    })?;
    get(db, id)
}

/// Adds one event row; `occurrence` is its series and the UTC start the rule gave it.
pub(super) fn insert(
    w: &Write,
    community_id: i64,
    e: &Checked,
    occurrence: Option<(i64, DateTime<Utc>)>,
) -> Result<i64> {
    insert_with_uid(
        w,
        &uuid::Uuid::now_v7().to_string(),
        community_id,
        e,
        occurrence,
    )
}

/// Adds one event row under a UID it already has (one a calendar file gave it).
pub(super) fn insert_with_uid(
    w: &Write,
    uid: &str,
    community_id: i64,
    e: &Checked,
    occurrence: Option<(i64, DateTime<Utc>)>,
) -> Result<i64> {
    w.execute(
        "INSERT INTO events (uid, community_id, title, kind, format, starts_at, ends_at, time_zone,
             all_day, venue_id, online_url, capacity, status, description, series_id, occurrence_start,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        params![
            uid,
            community_id,
            e.title,
            e.kind,
            e.format,
            utc_text(e.starts_at),
            utc_text(e.ends_at),
            e.time_zone,
            e.all_day,
            e.venue_id,
            e.online_url,
            e.capacity,
            e.status,
            e.description,
            occurrence.map(|(series, _)| series),
            occurrence.map(|(_, start)| utc_text(start)),
            Utc::now()
        ],
    )?;
    Ok(w.last_insert_rowid())
}

pub fn update(db: &mut Db, id: i64, input: &EventInput) -> Result<Event> {
    db.write(|w| {
        let community_id = read_one(w, id)?.community_id;
        let e = input.validate(&community_zone(w, community_id)?)?;
        check_venue(w, community_id, e.venue_id)?;
        write_fields(w, id, &e)
    })?;
    get(db, id)
}

/// Removes an event, leaving a tombstone so the removal can travel to another copy later.
/// An occurrence of a series becomes one of its exceptions (EXDATE), so changing the series
/// later does not bring it back.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| remove(w, id))
}

/// [`delete`] inside a write that does more.
pub(super) fn remove(w: &Write, id: i64) -> Result<()> {
    {
        let event = read_one(w, id)?;
        if let (Some(series), Some(start)) = (event.series_id, event.occurrence_start) {
            w.execute(
                "UPDATE event_series SET exdates = json_insert(exdates, '$[#]', ?2), updated_at = ?3
                 WHERE id = ?1",
                params![series, utc_text(start), Utc::now()],
            )?;
        }
        bury_with_what_hangs_on_it(w, &event, Utc::now())?;
        w.execute("DELETE FROM events WHERE id = ?1", [id])?;
        Ok(())
    }
}

/// Leaves tombstones for an event about to be removed and for everything that goes with it
/// (answers, agenda, roles, checklist), so another copy can remove them too.
pub(super) fn bury_with_what_hangs_on_it(
    w: &Write,
    event: &Event,
    now: DateTime<Utc>,
) -> Result<()> {
    for table in ["attendance", "agenda_items", "event_roles", "event_tasks"] {
        let uids = w.query_all(
            &format!("SELECT uid FROM {table} WHERE event_id = ?1"),
            [event.id],
            |row| row.get::<_, String>(0),
        )?;
        for uid in uids {
            tombstones::bury(w, table, &uid, event.community_id, now)?;
        }
    }
    tombstones::bury(w, "events", &event.uid, event.community_id, now)
}

pub(super) fn write_fields(w: &Write, id: i64, e: &Checked) -> Result<()> {
    w.execute(
        "UPDATE events SET title = ?2, kind = ?3, format = ?4, starts_at = ?5, ends_at = ?6,
             time_zone = ?7, all_day = ?8, venue_id = ?9, online_url = ?10, capacity = ?11,
             status = ?12, description = ?13, updated_at = ?14
         WHERE id = ?1",
        params![
            id,
            e.title,
            e.kind,
            e.format,
            utc_text(e.starts_at),
            utc_text(e.ends_at),
            e.time_zone,
            e.all_day,
            e.venue_id,
            e.online_url,
            e.capacity,
            e.status,
            e.description,
            Utc::now()
        ],
    )?;
    // A larger capacity makes room for the waitlist.
    super::attendance::promote(w, id, e.capacity)
}

/// The community's time zone, which is also the check that it exists.
pub(super) fn community_zone(r: &Read, community_id: i64) -> Result<String> {
    r.query_optional(
        "SELECT time_zone FROM communities WHERE id = ?1",
        [community_id],
        |row| row.get(0),
    )?
    .ok_or_else(|| Error::NotFound(format!("community {community_id} does not exist")))
}

/// A member named on an event (a speaker, a role holder, a task's owner) must be on the
/// event's community's roster; `field` is the input's name for them.
pub(super) fn on_roster(
    r: &Read,
    field: &str,
    community_id: i64,
    member: Option<i64>,
) -> Result<()> {
    let Some(member) = member else {
        return Ok(());
    };
    match crate::members::activities::member_community(r, member) {
        Ok(c) if c == community_id => Ok(()),
        _ => Err(Error::invalid(
            field,
            Rule::UnknownValue,
            format!("member {member} is not on this community's roster"),
        )),
    }
}

/// A venue must exist and belong to the event's community.
pub(super) fn check_venue(r: &Read, community_id: i64, venue_id: Option<i64>) -> Result<()> {
    let Some(venue_id) = venue_id else {
        return Ok(());
    };
    let owner: Option<i64> = r.query_optional(
        "SELECT community_id FROM venues WHERE id = ?1",
        [venue_id],
        |row| row.get(0),
    )?;
    match owner {
        Some(owner) if owner == community_id => Ok(()),
        _ => Err(Error::invalid(
            "venueId",
            Rule::UnknownValue,
            format!("venue {venue_id} is not one of this community's venues"),
        )),
    }
}

pub(super) fn read_one(r: &Read, id: i64) -> Result<Event> {
    r.query_optional(
        &format!("SELECT {COLUMNS} FROM events WHERE id = ?1"),
        [id],
        from_row,
    )?
    .ok_or_else(|| Error::NotFound(format!("event {id} does not exist")))
}

fn instant(row: &Row, column: &str) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(column)?;
    parse_utc(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("{column} {text:?} is not a UTC time").into(),
        )
    })
}

pub(super) fn from_row(row: &Row) -> rusqlite::Result<Event> {
    let starts_at = instant(row, "starts_at")?;
    let ends_at = instant(row, "ends_at")?;
    let time_zone: String = row.get("time_zone")?;
    let all_day: bool = row.get("all_day")?;
    let (start, end) = local_span(starts_at, ends_at, &time_zone, all_day);
    Ok(Event {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        title: row.get("title")?,
        kind: row.get("kind")?,
        format: row.get("format")?,
        starts_at,
        ends_at,
        time_zone,
        start,
        end,
        all_day,
        venue_id: row.get("venue_id")?,
        online_url: row.get("online_url")?,
        capacity: row.get("capacity")?,
        status: row.get("status")?,
        description: row.get("description")?,
        series_id: row.get("series_id")?,
        occurrence_start: row
            .get::<_, Option<String>>("occurrence_start")?
            .and_then(|t| parse_utc(&t)),
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::events::testing::{lisbon, meetup};
    use crate::events::venues::{self, VenueInput};
    use crate::events::{EventFormat, EventKind, EventStatus};

    fn field_of(err: &Error) -> Option<&str> {
        match err {
            Error::InvalidInput { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    #[test]
    fn an_event_is_kept_in_utc_and_shown_in_its_zone() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let winter = create(
            &mut t.db,
            c,
            &meetup("2026-03-26T19:00", "2026-03-26T21:30"),
        )
        .unwrap();
        let summer = create(
            &mut t.db,
            c,
            &meetup("2026-04-02T19:00", "2026-04-02T21:30"),
        )
        .unwrap();
        assert_eq!(
            winter.time_zone, "Europe/Lisbon",
            "the community's zone by default"
        );
        assert_eq!(utc_text(winter.starts_at), "2026-03-26T19:00:00Z");
        assert_eq!(utc_text(summer.starts_at), "2026-04-02T18:00:00Z");
        for e in [&winter, &summer] {
            assert!(e.start.ends_with("T19:00"), "{}", e.start);
            assert!(e.end.ends_with("T21:30"), "{}", e.end);
            assert_eq!(e.status, EventStatus::Planned);
            assert_eq!(
                (e.kind, e.format),
                (EventKind::Meetup, EventFormat::Offline)
            );
            assert_eq!(e.uid.len(), 36);
        }
        assert_eq!(get(&t.db, winter.id).unwrap(), winter);

        // In another zone, as typed.
        let mut online = meetup("2026-04-02T19:00", "2026-04-02T20:00");
        online.time_zone = "Europe/Moscow".into();
        online.format = "online".into();
        online.online_url = "https://meet.example.org/rust".into();
        let online = create(&mut t.db, c, &online).unwrap();
        assert_eq!(utc_text(online.starts_at), "2026-04-02T16:00:00Z");
        assert_eq!(online.online_url, "https://meet.example.org/rust");
    }

    #[test]
    fn a_range_lists_the_events_that_overlap_it_in_order() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let late = create(
            &mut t.db,
            c,
            &meetup("2026-12-10T19:00", "2026-12-10T21:00"),
        )
        .unwrap();
        let early = create(
            &mut t.db,
            c,
            &meetup("2026-11-30T22:00", "2026-12-01T01:00"),
        )
        .unwrap();
        let january = create(
            &mut t.db,
            c,
            &meetup("2027-01-05T19:00", "2027-01-05T21:00"),
        )
        .unwrap();
        let other = community(&mut t.db, "Other", "en").id;
        create(
            &mut t.db,
            other,
            &meetup("2026-12-10T19:00", "2026-12-10T21:00"),
        )
        .unwrap();

        let december = |t: &crate::db::testing::TempDb| {
            list(
                &t.db,
                c,
                parse_utc("2026-12-01T00:00:00Z"),
                parse_utc("2027-01-01T00:00:00Z"),
            )
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            december(&t),
            [early.id, late.id],
            "one that runs into the range counts"
        );
        let all: Vec<i64> = list(&t.db, c, None, None)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(all, [early.id, late.id, january.id]);
        assert!(matches!(
            list(&t.db, 999, None, None),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn whole_days_run_from_midnight_to_midnight_in_the_zone() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let mut conference = meetup("2026-06-12", "2026-06-13");
        conference.all_day = true;
        conference.kind = "conference".into();
        let e = create(&mut t.db, c, &conference).unwrap();
        assert_eq!(
            (e.start.as_str(), e.end.as_str()),
            ("2026-06-12", "2026-06-13")
        );
        assert_eq!(utc_text(e.starts_at), "2026-06-11T23:00:00Z");
        assert_eq!(utc_text(e.ends_at), "2026-06-13T23:00:00Z");
        // Santiago skips midnight on 6 September 2026: the day before still ends that day.
        let mut before_the_jump = conference.clone();
        before_the_jump.time_zone = "America/Santiago".into();
        before_the_jump.start = "2026-09-05".into();
        before_the_jump.end = "2026-09-05".into();
        let e = create(&mut t.db, c, &before_the_jump).unwrap();
        assert_eq!(
            (e.start.as_str(), e.end.as_str()),
            ("2026-09-05", "2026-09-05")
        );
        let mut one_day = conference.clone();
        one_day.end = "2026-06-12".into();
        let e = create(&mut t.db, c, &one_day).unwrap();
        assert_eq!(
            (e.start.as_str(), e.end.as_str()),
            ("2026-06-12", "2026-06-12")
        );
    }

    #[test]
    fn bad_input_names_its_field_and_writes_nothing() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let other = community(&mut t.db, "Other", "en").id;
        let elsewhere = venues::create(
            &mut t.db,
            other,
            &VenueInput {
                name: "Hall".into(),
                ..VenueInput::default()
            },
        )
        .unwrap();
        type BreakIt = fn(&mut EventInput);
        let cases: Vec<(BreakIt, &str)> = vec![
            (|i| i.title = "  ".into(), "title"),
            (|i| i.title = "x".repeat(201), "title"),
            (|i| i.kind = "party".into(), "kind"),
            (|i| i.format = "".into(), "format"),
            (|i| i.start = "10.12.2026 19:00".into(), "start"),
            (|i| i.end = "2026-12-10T18:00".into(), "end"),
            (|i| i.end = "2026-12-10T19:00".into(), "end"),
            // The clocks go forward at 01:00 on 29 March in Lisbon.
            (
                |i| {
                    i.start = "2026-03-29T01:30".into();
                    i.end = "2026-03-29T03:00".into();
                },
                "start",
            ),
            (|i| i.time_zone = "Mars/Olympus".into(), "timeZone"),
            (|i| i.capacity = Some("many".into()), "capacity"),
            (|i| i.capacity = Some("0".into()), "capacity"),
            (|i| i.online_url = "javascript:alert(1)".into(), "onlineUrl"),
            (|i| i.status = "maybe".into(), "status"),
            (|i| i.description = "x".repeat(10_001), "description"),
        ];
        for (break_it, field) in cases {
            let mut input = meetup("2026-12-10T19:00", "2026-12-10T21:00");
            break_it(&mut input);
            let err = create(&mut t.db, c, &input).unwrap_err();
            assert_eq!(field_of(&err), Some(field), "{err:?}");
        }
        let mut at_other_venue = meetup("2026-12-10T19:00", "2026-12-10T21:00");
        at_other_venue.venue_id = Some(elsewhere.id);
        let err = create(&mut t.db, c, &at_other_venue).unwrap_err();
        assert_eq!(field_of(&err), Some("venueId"), "{err:?}");
        assert!(
            list(&t.db, c, None, None).unwrap().is_empty(),
            "nothing was written"
        );
    }

    #[test]
    fn an_update_moves_an_event_and_a_delete_leaves_a_tombstone() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let e = create(
            &mut t.db,
            c,
            &meetup("2026-12-10T19:00", "2026-12-10T21:00"),
        )
        .unwrap();
        let mut moved = meetup("2026-12-17T18:30", "2026-12-17T21:00");
        moved.status = "confirmed".into();
        moved.capacity = Some(" 40 ".into());
        let after = update(&mut t.db, e.id, &moved).unwrap();
        assert_eq!(
            (after.start.as_str(), after.end.as_str()),
            ("2026-12-17T18:30", "2026-12-17T21:00")
        );
        assert_eq!(
            (after.status, after.capacity),
            (EventStatus::Confirmed, Some(40))
        );
        assert_eq!(
            (after.uid.as_str(), after.created_at),
            (e.uid.as_str(), e.created_at)
        );
        assert!(after.updated_at >= e.updated_at);

        delete(&mut t.db, e.id).unwrap();
        assert!(matches!(get(&t.db, e.id), Err(Error::NotFound(_))));
        assert!(matches!(delete(&mut t.db, e.id), Err(Error::NotFound(_))));
        assert!(matches!(
            update(&mut t.db, e.id, &moved),
            Err(Error::NotFound(_))
        ));
        let buried = tombstones::since(&t.db, c, None).unwrap();
        assert_eq!(buried.len(), 1);
        assert_eq!(
            (buried[0].uid.as_str(), buried[0].record.as_str()),
            (e.uid.as_str(), "events")
        );
    }

    #[test]
    fn removing_a_venue_keeps_its_events() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let hall = venues::create(
            &mut t.db,
            c,
            &VenueInput {
                name: "LX Factory, hall 2".into(),
                address: "Rua Rodrigues de Faria 103\nLisboa".into(),
                capacity: Some("120".into()),
                ..VenueInput::default()
            },
        )
        .unwrap();
        assert_eq!(hall.capacity, Some(120));
        let mut input = meetup("2026-12-10T19:00", "2026-12-10T21:00");
        input.venue_id = Some(hall.id);
        let e = create(&mut t.db, c, &input).unwrap();
        assert_eq!(e.venue_id, Some(hall.id));
        venues::delete(&mut t.db, hall.id).unwrap();
        assert_eq!(get(&t.db, e.id).unwrap().venue_id, None);
        assert_eq!(
            tombstones::since(&t.db, c, None).unwrap()[0].record,
            "venues"
        );
        assert!(venues::list(&t.db, c).unwrap().is_empty());
    }

    #[test]
    fn the_schema_refuses_what_core_would_refuse() {
        let t = temp_db();
        let mut t = t;
        let c = community(&mut t.db, "Guild", "en").id;
        let insert = |starts: &str, ends: &str, title: &str, kind: &str| {
            t.db.raw().execute(
                "INSERT INTO events (uid, community_id, title, kind, format, starts_at, ends_at, time_zone, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'online', ?5, ?6, 'UTC', 'now', 'now')",
                params![uuid::Uuid::now_v7().to_string(), c, title, kind, starts, ends],
            )
        };
        assert!(insert(
            "2026-12-10T19:00:00Z",
            "2026-12-10T21:00:00Z",
            "ok",
            "meetup"
        )
        .is_ok());
        for (starts, ends, title, kind) in [
            (
                "2026-12-10T19:00:00Z",
                "2026-12-10T18:00:00Z",
                "ends first",
                "meetup",
            ),
            (
                "2026-12-10 19:00:00",
                "2026-12-10T21:00:00Z",
                "not UTC text",
                "meetup",
            ),
            ("2026-12-10T19:00:00Z", "2026-12-10T21:00:00Z", "", "meetup"),
            (
                "2026-12-10T19:00:00Z",
                "2026-12-10T21:00:00Z",
                "unknown kind",
                "party",
            ),
        ] {
            assert!(
                insert(starts, ends, title, kind).is_err(),
                "{title:?} was stored"
            );
        }
        let long = "я".repeat(201);
        assert!(insert(
            "2026-12-10T19:00:00Z",
            "2026-12-10T21:00:00Z",
            &long,
            "meetup"
        )
        .is_err());
    }
}
