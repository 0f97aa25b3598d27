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
use super::store::{self, check_venue, community_zone, insert, write_fields, COLUMNS};
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};

string_enum! {
    /// Which occurrences an edit of one occurrence changes: this one, this one and those
    /// after it (the series is split in two there), or every one.
    pub enum Scope {
        This = "this",
        Following = "following",
        All = "all",
    }
}

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

/// Changes the occurrence `event_id` as typed, and as many of its series' other occurrences
/// as `scope` says. "This" moves or edits the one occurrence alone (it keeps the start the
/// rule gave it). "Following" splits the series there: the earlier occurrences keep the old
/// rule, ended the day before; this one and the later ones become a new series. "Following"
/// and "All" give every occurrence concerned the new details, the new time of day and the
/// new length; an occurrence that was moved alone keeps its own day and time. Moved to
/// another day, they move the series' days too: its rule follows (see [`Recurrence::moved`]).
pub fn update_occurrence(
    db: &mut Db,
    event_id: i64,
    input: &EventInput,
    scope: Scope,
) -> Result<Series> {
    let series_id = db.write(|w| {
        let edited = store::read_one(w, event_id)?;
        let (Some(series_id), Some(rule_start)) = (edited.series_id, edited.occurrence_start)
        else {
            return Err(Error::invalid(
                "scope",
                Rule::UnknownValue,
                format!("event {event_id} is not an occurrence of a series"),
            ));
        };
        let e = input.validate(&community_zone(w, edited.community_id)?)?;
        check_venue(w, edited.community_id, e.venue_id)?;
        if scope == Scope::This {
            write_fields(w, event_id, &e)?;
            return Ok(series_id);
        }
        if e.all_day != edited.all_day {
            return Err(Error::invalid(
                "allDay",
                Rule::InvalidFormat,
                "a series is all timed or all whole days: change this occurrence alone",
            ));
        }
        let zone: Tz = e
            .time_zone
            .parse()
            .map_err(|_| Error::Internal(format!("{} was checked and is unknown", e.time_zone)))?;
        let old_zone: Tz = edited.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let was = edited.starts_at.with_timezone(&old_zone).naive_local();
        let now = e.starts_at.with_timezone(&zone).naive_local();
        // A move to another day takes the series' days with it, from the day the rule
        // gave this occurrence (an occurrence moved alone before counts from there).
        let days = (was.date() != now.date())
            .then(|| (rule_start.with_timezone(&old_zone).date_naive(), now.date()));
        let target = match scope {
            Scope::Following => split(w, series_id, rule_start)?,
            _ => series_id,
        };
        reshape(w, target, event_id, &e, zone, now.time(), days)?;
        Ok(target)
    })?;
    get(db, series_id)
}

/// Moves the occurrences of `series_id` from `from` on (a UTC start its rule gave) into a
/// new series with the same rule and details, and ends the old series the day before.
/// Gives the new series' id.
fn split(w: &Write, series_id: i64, from: DateTime<Utc>) -> Result<i64> {
    let series = read_one(w, series_id)?;
    let zone: Tz = series.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let first = first_start(&series)?;
    let all_day = series.occurrences.first().is_some_and(|e| e.all_day);
    // The rule's starts, each with the instant an occurrence made from it carries as its
    // RECURRENCE-ID: the split falls at the first one at or after `from`.
    let rule = Recurrence::from_rrule(&series.rrule)?;
    let starts = rule.starts(first)?;
    let made_before = starts
        .iter()
        .take_while(|start| rule_instant(**start, zone, all_day) < from)
        .count();
    let Some(&from_local) = starts.get(made_before) else {
        return Err(Error::Corrupt(format!(
            "series {series_id}'s rule makes no occurrence at {from}"
        )));
    };
    if made_before == 0 {
        // From the first occurrence on is the whole series.
        return Ok(series_id);
    }
    let mut parts: Vec<String> = series
        .rrule
        .split(';')
        .filter(|part| {
            let key = part
                .split('=')
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            key != "COUNT" && key != "UNTIL"
        })
        .map(str::to_string)
        .collect();
    let later_end = if let Some(count) = rule_count(&series.rrule) {
        format!(
            "COUNT={}",
            count
                .saturating_sub(u32::try_from(made_before).unwrap_or(u32::MAX))
                .max(1)
        )
    } else {
        rule_part(&series.rrule, "UNTIL")
            .map(|u| format!("UNTIL={u}"))
            .unwrap_or_default()
    };
    let day_before = from_local.date().pred_opt().unwrap_or(from_local.date());
    let earlier_rule = format!(
        "{};UNTIL={}T235959Z",
        parts.join(";"),
        day_before.format("%Y%m%d")
    );
    parts.push(later_end);
    let later_rule = parts.join(";");
    let (earlier_exdates, later_exdates): (Vec<DateTime<Utc>>, Vec<DateTime<Utc>>) =
        series.exdates.iter().partition(|d| **d < from);
    let json = |dates: &[DateTime<Utc>]| {
        serde_json::to_string(
            &dates
                .iter()
                .map(|d| local_time::utc_text(*d))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_else(|_| "[]".into())
    };
    w.execute(
        "UPDATE event_series SET rrule = ?2, exdates = ?3, updated_at = ?4 WHERE id = ?1",
        params![series_id, earlier_rule, json(&earlier_exdates), Utc::now()],
    )?;
    w.execute(
        "INSERT INTO event_series (uid, community_id, rrule, first_start, time_zone, exdates, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            uuid::Uuid::now_v7().to_string(),
            series.community_id,
            later_rule,
            from_local.format(LOCAL_FORMAT).to_string(),
            series.time_zone,
            json(&later_exdates),
            Utc::now()
        ],
    )?;
    let later = w.last_insert_rowid();
    w.execute(
        "UPDATE events SET series_id = ?2 WHERE series_id = ?1 AND occurrence_start >= ?3",
        params![series_id, later, local_time::utc_text(from)],
    )?;
    Ok(later)
}

/// The instant an occurrence made from the rule's wall-clock `start` begins at, which it
/// keeps as its RECURRENCE-ID (as `occurrences` makes them).
fn rule_instant(start: NaiveDateTime, zone: Tz, all_day: bool) -> DateTime<Utc> {
    if all_day {
        local_time::day_start(start.date(), zone)
    } else {
        local_time::to_utc_lenient(start, zone)
    }
}

/// Gives every occurrence of `series_id` the details of `e`, its time of day and its
/// length, each on the day its rule gives it; `days` (the edited occurrence's rule day and
/// its new day) moves the rule's days too. Occurrences moved alone keep their day and time,
/// but the one being edited (`edited`) takes what was typed. The series' rule, first start,
/// zone and exceptions follow.
fn reshape(
    w: &Write,
    series_id: i64,
    edited: i64,
    e: &Checked,
    zone: Tz,
    time: NaiveTime,
    days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> Result<()> {
    let series = read_one(w, series_id)?;
    let old_zone: Tz = series.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let first = first_start(&series)?;
    let old_rule = Recurrence::from_rrule(&series.rrule)?;
    let (rule, first_day) = match days {
        Some((from, to)) => old_rule.moved(first, from, to)?,
        None => (old_rule.clone(), first.date()),
    };
    // Each start the old rule made, as its occurrence keeps it, becomes the new rule's start
    // of the same rank.
    let new_starts: std::collections::HashMap<DateTime<Utc>, DateTime<Utc>> = old_rule
        .starts(first)?
        .into_iter()
        .zip(rule.starts(first_day.and_time(time))?)
        .map(|(old, new)| {
            (
                rule_instant(old, old_zone, e.all_day),
                rule_instant(new, zone, e.all_day),
            )
        })
        .collect();
    let shift = days.map_or(chrono::Duration::zero(), |(from, to)| to - from);
    let at_new_time = |rule_start: DateTime<Utc>| {
        new_starts.get(&rule_start).copied().unwrap_or_else(|| {
            // A start the rule does not make (kept from an older version): same rank is
            // unknown, so it moves as far as the edited one.
            let day = rule_start.with_timezone(&old_zone).date_naive() + shift;
            rule_instant(day.and_time(time), zone, e.all_day)
        })
    };
    let length = e.ends_at - e.starts_at;
    let whole_days = (length.num_hours() + 12).div_euclid(24).max(1);
    // Every occurrence lets go of its place in the series first: moved by the series' own
    // interval, each takes the place the next one still holds, which the unique index on
    // (series, start) would refuse. A placeholder in year 1, one second per id, is unique.
    w.execute(
        "UPDATE events SET occurrence_start = strftime('%Y-%m-%dT%H:%M:%SZ', '0001-01-01', '+' || id || ' seconds')
         WHERE series_id = ?1 AND occurrence_start IS NOT NULL",
        [series_id],
    )?;
    for occurrence in &series.occurrences {
        let Some(rule_start) = occurrence.occurrence_start else {
            continue;
        };
        let new_rule_start = at_new_time(rule_start);
        let mut changed = e.clone();
        if occurrence.id == edited {
            // As typed.
        } else if occurrence.starts_at == rule_start && e.all_day {
            // Whole days, as many as the edited one spans, however long each day is.
            let day = new_rule_start.with_timezone(&zone).date_naive();
            let last = day + chrono::Duration::days(whole_days - 1);
            changed.starts_at = new_rule_start;
            changed.ends_at = local_time::day_start(local_time::next_day(last), zone);
        } else if occurrence.starts_at == rule_start {
            changed.starts_at = new_rule_start;
            changed.ends_at = new_rule_start + length;
        } else {
            // Moved alone: its own day and time stay, whole days or not.
            changed.starts_at = occurrence.starts_at;
            changed.ends_at = occurrence.ends_at;
            changed.time_zone = occurrence.time_zone.clone();
            changed.all_day = occurrence.all_day;
        }
        write_fields(w, occurrence.id, &changed)?;
        w.execute(
            "UPDATE events SET occurrence_start = ?2 WHERE id = ?1",
            params![occurrence.id, local_time::utc_text(new_rule_start)],
        )?;
    }
    let exdates: Vec<String> = series
        .exdates
        .iter()
        .map(|d| local_time::utc_text(at_new_time(*d)))
        .collect();
    w.execute(
        "UPDATE event_series SET rrule = ?2, first_start = ?3, time_zone = ?4, exdates = ?5, updated_at = ?6
         WHERE id = ?1",
        params![
            series_id,
            rule.rrule,
            first_day.and_time(time).format(LOCAL_FORMAT).to_string(),
            e.time_zone,
            serde_json::to_string(&exdates).unwrap_or_else(|_| "[]".into()),
            Utc::now()
        ],
    )?;
    Ok(())
}

/// The series' first wall-clock start (older rows were written with seconds).
fn first_start(series: &Series) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&series.first_start, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(&series.first_start, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| {
            Error::Corrupt(format!(
                "series {} starts at {:?}",
                series.id, series.first_start
            ))
        })
}

/// The value of one part of an RRULE ("COUNT", "UNTIL"), as written.
fn rule_part<'a>(rrule: &'a str, key: &str) -> Option<&'a str> {
    rrule.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        k.eq_ignore_ascii_case(key).then_some(v)
    })
}

fn rule_count(rrule: &str) -> Option<u32> {
    rule_part(rrule, "COUNT").and_then(|c| c.parse().ok())
}

/// Removes a series with all its occurrences, leaving a tombstone for each.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| remove(w, id))
}

/// [`delete`] inside a write that does more.
pub(super) fn remove(w: &Write, id: i64) -> Result<()> {
    {
        let series = read_one(w, id)?;
        let now = Utc::now();
        for event in &series.occurrences {
            store::bury_with_what_hangs_on_it(w, event, now)?;
        }
        w.execute("DELETE FROM event_series WHERE id = ?1", [id])?;
        tombstones::bury(w, "event_series", &series.uid, series.community_id, now)
    }
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
pub(super) fn occurrences(
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

pub(super) fn read_one(r: &Read, id: i64) -> Result<Series> {
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
    use crate::db::testing::temp_db;
    use crate::events;
    use crate::events::local_time::utc_text;
    use crate::events::testing::{lisbon, meetup};

    fn weekly(count: u32) -> RecurrenceInput {
        RecurrenceInput {
            repeat: "weekly".into(),
            count: Some(count),
            ..RecurrenceInput::default()
        }
    }

    /// Three Sundays at 01:30 from 21 March 2027; on the 28th Lisbon jumps from 01:00 to 02:00.
    fn sundays_at_half_past_one(db: &mut Db, community_id: i64) -> Series {
        create(
            db,
            community_id,
            &meetup("2027-03-21T01:30", "2027-03-21T02:30"),
            &weekly(3),
        )
        .unwrap()
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
        let s = sundays_at_half_past_one(&mut t.db, c);
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

    fn starts_of(s: &Series) -> Vec<&str> {
        s.occurrences.iter().map(|e| e.start.as_str()).collect()
    }

    #[test]
    fn a_weekly_series_moved_by_a_week_or_two_takes_its_own_places() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:00"),
            &weekly(3),
        )
        .unwrap();
        // A week later: the first occurrence takes the second's place, and so on.
        let moved = update_occurrence(
            &mut t.db,
            s.occurrences[0].id,
            &meetup("2027-01-21T19:00", "2027-01-21T21:00"),
            Scope::All,
        )
        .unwrap();
        assert_eq!(
            starts_of(&moved),
            ["2027-01-21T19:00", "2027-01-28T19:00", "2027-02-04T19:00"]
        );
        // And back two weeks, from the last one.
        let back = update_occurrence(
            &mut t.db,
            moved.occurrences[2].id,
            &meetup("2027-01-21T19:00", "2027-01-21T21:00"),
            Scope::All,
        )
        .unwrap();
        assert_eq!(
            starts_of(&back),
            ["2027-01-07T19:00", "2027-01-14T19:00", "2027-01-21T19:00"]
        );
    }

    #[test]
    fn this_following_and_all_change_what_they_say() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:00"),
            &second_thursday(5),
        )
        .unwrap();
        let [_, feb, mar, apr, _] = s.occurrences.as_slice() else {
            panic!("five occurrences")
        };

        // This: February alone moves to the Friday; the rule's start stays its RECURRENCE-ID.
        let alone = update_occurrence(
            &mut t.db,
            feb.id,
            &meetup("2027-02-12T18:00", "2027-02-12T20:00"),
            Scope::This,
        )
        .unwrap();
        assert_eq!(starts_of(&alone)[1], "2027-02-12T18:00");
        assert_eq!(alone.occurrences[1].occurrence_start, feb.occurrence_start);

        // All: every occurrence at 18:30 for two and a half hours, titled anew; February,
        // moved alone, keeps its Friday.
        let mut later = meetup("2027-03-11T18:30", "2027-03-11T21:00");
        later.title = "Rust evening: talks".into();
        let all = update_occurrence(&mut t.db, mar.id, &later, Scope::All).unwrap();
        assert_eq!(
            starts_of(&all),
            [
                "2027-01-14T18:30",
                "2027-02-12T18:00",
                "2027-03-11T18:30",
                "2027-04-08T18:30",
                "2027-05-13T18:30"
            ]
        );
        assert!(all
            .occurrences
            .iter()
            .all(|e| e.title == "Rust evening: talks"));
        assert_eq!(all.occurrences[3].end, "2027-04-08T21:00");
        assert_eq!(all.first_start, "2027-01-14T18:30");
        assert_eq!(all.id, s.id);

        // Following from April: a new series of two at 19:30; the old one ends before April.
        let following = update_occurrence(
            &mut t.db,
            apr.id,
            &meetup("2027-04-08T19:30", "2027-04-08T21:00"),
            Scope::Following,
        )
        .unwrap();
        assert_ne!(following.id, s.id);
        assert_eq!(
            starts_of(&following),
            ["2027-04-08T19:30", "2027-05-13T19:30"]
        );
        assert_eq!(following.rrule, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=2");
        assert_eq!(following.first_start, "2027-04-08T19:30");
        let earlier = get(&t.db, s.id).unwrap();
        assert_eq!(earlier.occurrences.len(), 3);
        assert_eq!(
            earlier.rrule,
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;UNTIL=20270407T235959Z"
        );
        // Each rule still makes exactly the occurrences it holds.
        let made = |s: &Series| {
            Recurrence::from_rrule(&s.rrule)
                .unwrap()
                .starts(NaiveDateTime::parse_from_str(&s.first_start, LOCAL_FORMAT).unwrap())
                .unwrap()
                .len()
        };
        assert_eq!((made(&earlier), made(&following)), (3, 2));
        assert_in_step(&earlier);
        assert_in_step(&following);

        // A single event has no series.
        let single = events::create(
            &mut t.db,
            c,
            &meetup("2027-06-01T19:00", "2027-06-01T20:00"),
        )
        .unwrap();
        let err = update_occurrence(
            &mut t.db,
            single.id,
            &meetup("2027-06-01T19:00", "2027-06-01T20:00"),
            Scope::All,
        )
        .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "scope"),
            "{err:?}"
        );
    }

    #[test]
    fn a_series_moved_to_another_day_takes_its_rule_along() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let s = create(
            &mut t.db,
            c,
            &meetup("2027-01-14T19:00", "2027-01-14T21:00"),
            &second_thursday(5),
        )
        .unwrap();
        let ids: Vec<i64> = s.occurrences.iter().map(|e| e.id).collect();
        // April is cancelled: an exception, which must move with the rest.
        events::delete(&mut t.db, ids[3]).unwrap();

        // March's meetup dragged to Friday the 12th, for all: the second Friday from now on,
        // January's included (the 8th), each row kept with what hangs on it.
        let all = update_occurrence(
            &mut t.db,
            ids[2],
            &meetup("2027-03-12T18:30", "2027-03-12T20:30"),
            Scope::All,
        )
        .unwrap();
        assert_eq!(all.rrule, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2FR;COUNT=5");
        assert_eq!(all.first_start, "2027-01-08T18:30");
        assert_eq!(
            starts_of(&all),
            [
                "2027-01-08T18:30",
                "2027-02-12T18:30",
                "2027-03-12T18:30",
                "2027-05-14T18:30"
            ]
        );
        assert_eq!(
            all.occurrences.iter().map(|e| e.id).collect::<Vec<_>>(),
            [ids[0], ids[1], ids[2], ids[4]]
        );
        assert_eq!(all.exdates, [utc("2027-04-09T17:30:00Z")]);
        assert_in_step(&all);

        // Undone by dragging it back: the second Thursday again, the same days as before.
        let back = update_occurrence(
            &mut t.db,
            ids[2],
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
            Scope::All,
        )
        .unwrap();
        assert_eq!(back.rrule, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=5");
        assert_eq!(
            starts_of(&back),
            [
                "2027-01-14T19:00",
                "2027-02-11T19:00",
                "2027-03-11T19:00",
                "2027-05-13T19:00"
            ]
        );
        assert_in_step(&back);

        // This and following, on a weekly series with a last day: the Tuesdays from the
        // second on become Thursdays, ending two days later; the first stays.
        let tuesdays = create(
            &mut t.db,
            c,
            &meetup("2027-06-01T18:00", "2027-06-01T19:00"),
            &RecurrenceInput {
                repeat: "weekly".into(),
                until: Some("2027-06-22".into()),
                ..RecurrenceInput::default()
            },
        )
        .unwrap();
        let second = tuesdays.occurrences[1].id;
        let later = update_occurrence(
            &mut t.db,
            second,
            &meetup("2027-06-10T18:00", "2027-06-10T19:00"),
            Scope::Following,
        )
        .unwrap();
        assert_eq!(
            later.rrule,
            "FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;UNTIL=20270624T235959Z"
        );
        assert_eq!(
            starts_of(&later),
            ["2027-06-10T18:00", "2027-06-17T18:00", "2027-06-24T18:00"]
        );
        let earlier = get(&t.db, tuesdays.id).unwrap();
        assert_eq!(starts_of(&earlier), ["2027-06-01T18:00"]);
        assert_in_step(&later);
        assert_in_step(&earlier);
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// The series' rule makes exactly the RECURRENCE-IDs its rows and exceptions hold.
    fn assert_in_step(s: &Series) {
        let zone: Tz = s.time_zone.parse().unwrap();
        let all_day = s.occurrences.first().is_some_and(|e| e.all_day);
        let first = NaiveDateTime::parse_from_str(&s.first_start, LOCAL_FORMAT).unwrap();
        let made: Vec<DateTime<Utc>> = Recurrence::from_rrule(&s.rrule)
            .unwrap()
            .starts(first)
            .unwrap()
            .into_iter()
            .map(|start| rule_instant(start, zone, all_day))
            .collect();
        let mut held: Vec<DateTime<Utc>> = s
            .occurrences
            .iter()
            .filter_map(|e| e.occurrence_start)
            .chain(s.exdates.iter().copied())
            .collect();
        held.sort();
        assert_eq!(made, held, "{} from {}", s.rrule, s.first_start);
    }

    #[test]
    fn a_split_in_the_skipped_hour_keeps_rules_and_rows_in_step() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        // Sundays 01:30; on 28 March 2027 Lisbon jumps from 01:00 to 02:00, so that one is at 02:30.
        let s = sundays_at_half_past_one(&mut t.db, c);
        assert_in_step(&s);
        let jumped = &s.occurrences[1];
        let later = update_occurrence(
            &mut t.db,
            jumped.id,
            &meetup("2027-03-28T02:30", "2027-03-28T03:30"),
            Scope::Following,
        )
        .unwrap();
        let earlier = get(&t.db, s.id).unwrap();
        assert_eq!(starts_of(&earlier), ["2027-03-21T01:30"]);
        assert_eq!(starts_of(&later), ["2027-03-28T02:30", "2027-04-04T02:30"]);
        assert_in_step(&earlier);
        assert_in_step(&later);
    }

    #[test]
    fn whole_day_series_keep_whole_days_through_an_edit_of_all() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let mut day = meetup("2027-03-14", "2027-03-14");
        day.all_day = true;
        let weekly = weekly(3);
        let s = create(&mut t.db, c, &day, &weekly).unwrap();
        let mut renamed = day.clone();
        renamed.title = "Hack day".into();
        let all = update_occurrence(&mut t.db, s.occurrences[0].id, &renamed, Scope::All).unwrap();
        // 28 March is 23 hours long in Lisbon: it still ends at the next midnight.
        let days: Vec<(&str, &str)> = all
            .occurrences
            .iter()
            .map(|e| (e.start.as_str(), e.end.as_str()))
            .collect();
        assert_eq!(
            days,
            [
                ("2027-03-14", "2027-03-14"),
                ("2027-03-21", "2027-03-21"),
                ("2027-03-28", "2027-03-28")
            ]
        );
        assert!(all.occurrences.iter().all(|e| e.title == "Hack day"));
        assert_in_step(&all);
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
