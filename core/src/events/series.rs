//! Recurring series and their occurrences. A series keeps its rule, its first wall-clock
//! start and its zone; each occurrence is an event of its own, made when the series is
//! created, so it can be moved or cancelled alone and is listed like any other event.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Row};
use serde::Serialize;

use super::local_time::{self, parse_utc, LOCAL_FORMAT};
use super::model::{Checked, Event, EventInput};
use super::recurrence::{Recurrence, RecurrenceInput};
use super::store::{self, check_venue, community_zone, insert, COLUMNS};
use crate::db::{tombstones, Db, Read};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    /// The RFC 5545 RRULE, e.g. "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=12".
    pub rrule: String,
    /// The first occurrence's wall-clock start in `time_zone`: the rule's DTSTART.
    pub first_start: String,
    pub time_zone: String,
    /// Occurrences removed one by one: the UTC starts the rule gave them (EXDATE).
    #[ts(type = "string[]")]
    pub exdates: Vec<DateTime<Utc>>,
    /// Its occurrences, in the order they start.
    pub occurrences: Vec<Event>,
}

/// Creates a series from the first occurrence as typed and the rule, with every occurrence
/// the rule makes, in one transaction.
pub fn create(
    db: &mut Db,
    community_id: i64,
    first: &EventInput,
    recurrence: &RecurrenceInput,
) -> Result<Series> {
    let id = db.write(|w| {
        let zone_name = community_zone(w, community_id)?;
        let e = first.validate(&zone_name)?;
        check_venue(w, community_id, e.venue_id)?;
        let zone: Tz = e
            .time_zone
            .parse()
            .map_err(|_| Error::Internal(format!("{} was checked and is unknown", e.time_zone)))?;
        let first_local = local_start(&e, zone);
        let rule = recurrence.validate(first_local)?;
        w.execute(
            "INSERT INTO event_series (uid, community_id, rrule, first_start, time_zone, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                rule.rrule,
                first_local.format(LOCAL_FORMAT).to_string(),
                e.time_zone,
                Utc::now()
            ],
        )?;
        let series_id = w.last_insert_rowid();
        for occurrence in occurrences(&e, &rule, first_local, zone)? {
            let start = occurrence.starts_at;
            insert(w, community_id, &occurrence, Some((series_id, start)))?;
        }
        Ok(series_id)
    })?;
    get(db, id)
}

pub fn get(db: &Db, id: i64) -> Result<Series> {
    db.read(|r| read_one(r, id))
}

/// Removes a series with all its occurrences, leaving a tombstone for each.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let series = read_one(w, id)?;
        let now = Utc::now();
        for event in &series.occurrences {
            tombstones::bury(w, "events", &event.uid, series.community_id, now)?;
        }
        w.execute("DELETE FROM event_series WHERE id = ?1", [id])?;
        tombstones::bury(w, "event_series", &series.uid, series.community_id, now)
    })
}

/// The wall-clock start of the first occurrence (midnight for whole days).
fn local_start(e: &Checked, zone: Tz) -> NaiveDateTime {
    let local = e.starts_at.with_timezone(&zone).naive_local();
    if e.all_day {
        local.date().and_time(NaiveTime::MIN)
    } else {
        local
    }
}

/// Every occurrence the rule makes: whole days as many days long as the first, timed
/// events exactly as long as the first (RFC 5545, 3.8.5.3), so one the clocks jump through
/// neither vanishes nor stretches.
fn occurrences(
    first: &Checked,
    rule: &Recurrence,
    first_local: NaiveDateTime,
    zone: Tz,
) -> Result<Vec<Checked>> {
    let length = first.ends_at - first.starts_at;
    Ok(rule
        .starts(first_local)?
        .into_iter()
        .map(|start| {
            let mut occurrence = first.clone();
            if first.all_day {
                let days = (length.num_hours() + 12).div_euclid(24).max(1);
                let last = start.date() + chrono::Duration::days(days - 1);
                occurrence.starts_at = local_time::day_start(start.date(), zone);
                occurrence.ends_at = local_time::day_start(local_time::next_day(last), zone);
            } else {
                occurrence.starts_at = local_time::to_utc_lenient(start, zone);
                occurrence.ends_at = occurrence.starts_at + length;
            }
            occurrence
        })
        .collect())
}

fn read_one(r: &Read, id: i64) -> Result<Series> {
    let series = r
        .query_optional(
            "SELECT id, uid, community_id, rrule, first_start, time_zone, exdates FROM event_series WHERE id = ?1",
            [id],
            series_from_row,
        )?
        .ok_or_else(|| Error::NotFound(format!("series {id} does not exist")))?;
    let occurrences = r.query_all(
        &format!("SELECT {COLUMNS} FROM events WHERE series_id = ?1 ORDER BY starts_at, id"),
        [id],
        store::from_row,
    )?;
    Ok(Series {
        occurrences,
        ..series
    })
}

fn series_from_row(row: &Row) -> rusqlite::Result<Series> {
    let exdates: String = row.get("exdates")?;
    let exdates: Vec<String> = serde_json::from_str(&exdates).unwrap_or_default();
    Ok(Series {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        rrule: row.get("rrule")?,
        first_start: row.get("first_start")?,
        time_zone: row.get("time_zone")?,
        exdates: exdates.iter().filter_map(|t| parse_utc(t)).collect(),
        occurrences: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{self, NewCommunity};
    use crate::db::testing::temp_db;
    use crate::events;
    use crate::events::local_time::utc_text;

    fn lisbon(db: &mut Db) -> i64 {
        community::create(
            db,
            &NewCommunity {
                name: "Lisbon Rust".into(),
                locale: "en".into(),
                time_zone: "Europe/Lisbon".into(),
                launch_date: None,
            },
        )
        .unwrap()
        .id
    }

    fn meetup(start: &str, end: &str) -> EventInput {
        EventInput {
            title: "Rust evening".into(),
            kind: "meetup".into(),
            format: "offline".into(),
            start: start.into(),
            end: end.into(),
            ..EventInput::default()
        }
    }

    fn second_thursday(count: u32) -> RecurrenceInput {
        RecurrenceInput {
            repeat: "monthly_by_weekday".into(),
            count: Some(count),
            ..RecurrenceInput::default()
        }
    }

    #[test]
    fn a_monthly_series_keeps_its_hour_across_dst_changes() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:30"),
            &second_thursday(6),
        )
        .unwrap();
        assert_eq!(s.rrule, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=6");
        assert_eq!(
            (s.first_start.as_str(), s.time_zone.as_str()),
            ("2027-01-14T19:00", "Europe/Lisbon")
        );
        let local: Vec<(&str, &str)> = s
            .occurrences
            .iter()
            .map(|e| (e.start.as_str(), e.end.as_str()))
            .collect();
        assert_eq!(
            local,
            [
                ("2027-01-14T19:00", "2027-01-14T21:30"),
                ("2027-02-11T19:00", "2027-02-11T21:30"),
                ("2027-03-11T19:00", "2027-03-11T21:30"),
                ("2027-04-08T19:00", "2027-04-08T21:30"),
                ("2027-05-13T19:00", "2027-05-13T21:30"),
                ("2027-06-10T19:00", "2027-06-10T21:30"),
            ]
        );
        // Winter is UTC+0 and summer UTC+1 in Lisbon: the same 19:00, an hour apart in UTC.
        assert_eq!(utc_text(s.occurrences[2].starts_at), "2027-03-11T19:00:00Z");
        assert_eq!(utc_text(s.occurrences[3].starts_at), "2027-04-08T18:00:00Z");
        for e in &s.occurrences {
            assert_eq!(e.series_id, Some(s.id));
            assert_eq!(e.occurrence_start, Some(e.starts_at));
        }
        let listed = events::list(&t.db, c, None, None).unwrap();
        assert_eq!(
            listed, s.occurrences,
            "occurrences are events like any other"
        );
    }

    #[test]
    fn a_weekly_time_the_clocks_skip_moves_past_the_jump() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        // Sundays 01:30; on 28 March 2027 Lisbon jumps from 01:00 to 02:00.
        let weekly = RecurrenceInput {
            repeat: "weekly".into(),
            count: Some(3),
            ..RecurrenceInput::default()
        };
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-03-21T01:30", "2027-03-21T02:30"),
            &weekly,
        )
        .unwrap();
        let local: Vec<(&str, &str)> = s
            .occurrences
            .iter()
            .map(|e| (e.start.as_str(), e.end.as_str()))
            .collect();
        assert_eq!(
            local,
            [
                ("2027-03-21T01:30", "2027-03-21T02:30"),
                ("2027-03-28T02:30", "2027-03-28T03:30"),
                ("2027-04-04T01:30", "2027-04-04T02:30"),
            ],
            "an hour long each, the one in the jump an hour later"
        );
    }

    #[test]
    fn whole_day_series_and_bad_rules_write_nothing() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let mut conference = meetup("2027-06-10", "2027-06-11");
        conference.all_day = true;
        let yearly_ish = RecurrenceInput {
            repeat: "monthly_by_date".into(),
            interval: Some(12),
            count: Some(2),
            ..RecurrenceInput::default()
        };
        let s = create(&mut t.db, c, &conference, &yearly_ish).unwrap();
        let days: Vec<(&str, &str)> = s
            .occurrences
            .iter()
            .map(|e| (e.start.as_str(), e.end.as_str()))
            .collect();
        assert_eq!(
            days,
            [("2027-06-10", "2027-06-11"), ("2028-06-10", "2028-06-11")]
        );

        let before = events::list(&t.db, c, None, None).unwrap().len();
        let no_end = RecurrenceInput {
            repeat: "weekly".into(),
            ..RecurrenceInput::default()
        };
        assert!(create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:00"),
            &no_end
        )
        .is_err());
        assert!(create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T18:00"),
            &second_thursday(3)
        )
        .is_err());
        assert_eq!(
            events::list(&t.db, c, None, None).unwrap().len(),
            before,
            "nothing was written"
        );
    }

    #[test]
    fn a_removed_occurrence_becomes_an_exception_and_a_series_goes_whole() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:00"),
            &second_thursday(3),
        )
        .unwrap();
        let second = &s.occurrences[1];
        events::delete(&mut t.db, second.id).unwrap();
        let after = get(&t.db, s.id).unwrap();
        assert_eq!(after.exdates, [second.starts_at]);
        assert_eq!(after.occurrences.len(), 2);

        // Moving one occurrence keeps the start the rule gave it.
        let third = &after.occurrences[1];
        let moved = events::update(
            &mut t.db,
            third.id,
            &meetup("2027-03-12T19:00", "2027-03-12T21:00"),
        )
        .unwrap();
        assert_eq!(moved.occurrence_start, Some(third.starts_at));
        assert_eq!(moved.series_id, Some(s.id));

        delete(&mut t.db, s.id).unwrap();
        assert!(events::list(&t.db, c, None, None).unwrap().is_empty());
        assert!(matches!(get(&t.db, s.id), Err(Error::NotFound(_))));
        let mut buried: Vec<String> = tombstones::since(&t.db, c, None)
            .unwrap()
            .into_iter()
            .map(|b| b.record)
            .collect();
        buried.sort();
        assert_eq!(buried, ["event_series", "events", "events", "events"]);
    }
}
