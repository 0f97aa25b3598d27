//! A community's events (or one event) as an iCalendar file any calendar program reads.
//! Single events keep their UID; a series is one VEVENT with its RRULE and EXDATEs under the
//! series' UID, and each occurrence that differs from what the rule makes (moved alone, or
//! edited alone) follows as an override with the same UID and its RECURRENCE-ID. Times are
//! written in the event's own zone, with a VTIMEZONE for each zone used (made by
//! `calcard` from the zone database), so a program that knows no IANA names still places
//! them right. What iCalendar has no property for (kind, format, Hearth's status, capacity,
//! the venue's name) travels in `X-HEARTH-` properties, which other programs ignore and a
//! re-import reads back.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::db::{Db, Read};
use crate::error::{Error, Result};
use crate::events::local_time;
use crate::events::series::{self, Series};
use crate::events::store::{self, COLUMNS};
use crate::events::{Event, EventStatus};

/// Every event of a community, series as rules.
pub fn community(db: &Db, community_id: i64) -> Result<String> {
    db.read(|r| {
        let (name, zone) = r
            .query_optional(
                "SELECT name, time_zone FROM communities WHERE id = ?1",
                [community_id],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?
            .ok_or_else(|| Error::NotFound(format!("community {community_id} does not exist")))?;
        let mut out = Calendar::begin(Some((&name, &zone)));
        let venues = venues(r, community_id)?;
        let singles = r.query_all(
            &format!(
                "SELECT {COLUMNS} FROM events WHERE community_id = ?1 AND series_id IS NULL
                 ORDER BY starts_at, id"
            ),
            [community_id],
            store::from_row,
        )?;
        for event in &singles {
            out.event(event, &venues, None);
        }
        let series_ids = r.query_all(
            "SELECT id FROM event_series WHERE community_id = ?1 ORDER BY id",
            [community_id],
            |row| row.get::<_, i64>(0),
        )?;
        for id in series_ids {
            out.series(&series::read_one(r, id)?, &venues);
        }
        out.finish()
    })
}

/// One event alone (an occurrence of a series as an event of its own).
pub fn event(db: &Db, event_id: i64) -> Result<String> {
    db.read(|r| {
        let event = store::read_one(r, event_id)?;
        let venues = venues(r, event.community_id)?;
        let mut out = Calendar::begin(None);
        out.event(&event, &venues, None);
        out.finish()
    })
}

type Venues = HashMap<i64, (String, String)>;

fn venues(r: &Read, community_id: i64) -> Result<Venues> {
    Ok(r.query_all(
        "SELECT id, name, address FROM venues WHERE community_id = ?1",
        [community_id],
        |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))),
    )?
    .into_iter()
    .collect())
}

/// The file as content lines, unfolded; `finish` folds them and adds the VTIMEZONEs.
struct Calendar {
    text: String,
    stamp: String,
}

impl Calendar {
    fn begin(community: Option<(&str, &str)>) -> Calendar {
        let mut out = Calendar {
            text: String::new(),
            stamp: ical_utc(Utc::now()),
        };
        out.line("BEGIN", "VCALENDAR");
        out.line("VERSION", "2.0");
        out.line("PRODID", "-//Hearth//Hearth community calendar//EN");
        out.line("CALSCALE", "GREGORIAN");
        out.line("METHOD", "PUBLISH");
        if let Some((name, zone)) = community {
            out.line("X-WR-CALNAME", &escape(name));
            out.line("X-WR-TIMEZONE", zone);
        }
        out
    }

    fn line(&mut self, name: &str, value: &str) {
        let _ = write!(self.text, "{name}:{value}\r\n");
    }

    fn text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.line(name, &escape(value));
        }
    }

    /// One VEVENT: a single event, or with `overrides` (the series' UID and the
    /// occurrence's rule start) an occurrence that differs from its rule.
    fn event(&mut self, e: &Event, venues: &Venues, overrides: Option<(&str, DateTime<Utc>)>) {
        self.line("BEGIN", "VEVENT");
        self.line(
            "UID",
            &escape(overrides.map_or(e.uid.as_str(), |(uid, _)| uid)),
        );
        self.line("DTSTAMP", &self.stamp.clone());
        if let Some((_, rule_start)) = overrides {
            let (name, value) = moment("RECURRENCE-ID", rule_start, e);
            self.line(&name, &value);
        }
        self.times(e, e.starts_at, e.ends_at);
        self.details(e, venues);
        self.line("END", "VEVENT");
    }

    fn times(&mut self, e: &Event, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) {
        let (name, value) = moment("DTSTART", starts_at, e);
        self.line(&name, &value);
        if e.all_day {
            // Days name no zone in iCalendar; the zone they are held in travels beside them.
            self.line("X-HEARTH-TIME-ZONE", &e.time_zone);
        }
        let (name, value) = if e.all_day {
            // The day after the last one (RFC 5545, 3.6.1).
            let zone = zone(e);
            let last = (ends_at - Duration::seconds(1))
                .with_timezone(&zone)
                .date_naive();
            (
                "DTEND;VALUE=DATE".to_string(),
                ical_date(local_time::next_day(last)),
            )
        } else {
            moment("DTEND", ends_at, e)
        };
        self.line(&name, &value);
    }

    fn details(&mut self, e: &Event, venues: &Venues) {
        self.text("SUMMARY", &e.title);
        self.text("DESCRIPTION", &e.description);
        if let Some((name, address)) = e.venue_id.and_then(|id| venues.get(&id)) {
            let location = if address.is_empty() {
                name.clone()
            } else {
                format!("{name}, {address}")
            };
            self.text("LOCATION", &location);
            self.text("X-HEARTH-VENUE", name);
        }
        if !e.online_url.is_empty() {
            self.line("URL", &e.online_url);
        }
        let status = match e.status {
            EventStatus::Cancelled => "CANCELLED",
            EventStatus::Confirmed | EventStatus::Done => "CONFIRMED",
            EventStatus::Draft | EventStatus::Planned => "TENTATIVE",
        };
        self.line("STATUS", status);
        self.line("X-HEARTH-KIND", e.kind.as_str());
        self.line("X-HEARTH-FORMAT", e.format.as_str());
        self.line("X-HEARTH-STATUS", e.status.as_str());
        if let Some(capacity) = e.capacity {
            self.line("X-HEARTH-CAPACITY", &capacity.to_string());
        }
        self.line("CREATED", &ical_utc(e.created_at));
        self.line("LAST-MODIFIED", &ical_utc(e.updated_at));
    }

    /// A series: its rule with the details of its first occurrence the rule placed, then
    /// every occurrence that differs from that.
    fn series(&mut self, s: &Series, venues: &Venues) {
        let Some(template) = s
            .occurrences
            .iter()
            .find(|o| o.occurrence_start == Some(o.starts_at))
            .or(s.occurrences.first())
        else {
            // Every occurrence was removed: nothing is left to show.
            return;
        };
        let zone: Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let Ok(first_local) =
            NaiveDateTime::parse_from_str(&s.first_start, local_time::LOCAL_FORMAT)
                .or_else(|_| NaiveDateTime::parse_from_str(&s.first_start, "%Y-%m-%dT%H:%M:%S"))
        else {
            return;
        };
        let first = if template.all_day {
            local_time::day_start(first_local.date(), zone)
        } else {
            local_time::to_utc_lenient(first_local, zone)
        };
        let length = template.ends_at - template.starts_at;
        let end = if template.all_day {
            let days = (length.num_hours() + 12).div_euclid(24).max(1);
            local_time::day_start(first_local.date() + Duration::days(days), zone)
        } else {
            first + length
        };
        self.line("BEGIN", "VEVENT");
        self.line("UID", &escape(&s.uid));
        self.line("DTSTAMP", &self.stamp.clone());
        self.times(template, first, end);
        self.line("RRULE", &rule_for_file(&s.rrule, zone, template.all_day));
        for exdate in &s.exdates {
            let (name, value) = moment("EXDATE", *exdate, template);
            self.line(&name, &value);
        }
        self.details(template, venues);
        self.line("END", "VEVENT");
        for occurrence in &s.occurrences {
            let Some(rule_start) = occurrence.occurrence_start else {
                continue;
            };
            let moved = occurrence.starts_at != rule_start
                || occurrence.ends_at - occurrence.starts_at != length
                || occurrence.all_day != template.all_day
                || occurrence.time_zone != template.time_zone;
            if moved || !same_details(occurrence, template) {
                self.event(occurrence, venues, Some((&s.uid, rule_start)));
            }
        }
    }

    fn finish(mut self) -> Result<String> {
        self.line("END", "VCALENDAR");
        let mut parser = calcard::Parser::new(&self.text);
        let calcard::Entry::ICalendar(mut calendar) = parser.entry() else {
            return Err(Error::Internal(
                "the calendar Hearth wrote does not read back".into(),
            ));
        };
        calendar.add_missing_timezones();
        Ok(calendar.to_string())
    }
}

fn zone(e: &Event) -> Tz {
    e.time_zone.parse().unwrap_or(chrono_tz::UTC)
}

/// A property holding an instant as the event is kept: a day for whole-day events, a
/// wall-clock time with its TZID otherwise.
fn moment(name: &str, at: DateTime<Utc>, e: &Event) -> (String, String) {
    let zone = zone(e);
    let local = at.with_timezone(&zone).naive_local();
    if e.all_day {
        (format!("{name};VALUE=DATE"), ical_date(local.date()))
    } else {
        (
            format!("{name};TZID={}", e.time_zone),
            local.format("%Y%m%dT%H%M%S").to_string(),
        )
    }
}

fn same_details(a: &Event, b: &Event) -> bool {
    a.title == b.title
        && a.kind == b.kind
        && a.format == b.format
        && a.venue_id == b.venue_id
        && a.online_url == b.online_url
        && a.capacity == b.capacity
        && a.status == b.status
        && a.description == b.description
}

/// The stored RRULE as a file needs it: Hearth keeps UNTIL as a wall-clock time in the
/// series' zone; RFC 5545 wants it in UTC for a timed series, and a date for whole days.
fn rule_for_file(rrule: &str, zone: Tz, all_day: bool) -> String {
    rrule
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") => {
                let wall =
                    NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                        .or_else(|_| {
                            NaiveDate::parse_from_str(value, "%Y%m%d")
                                .map(|d| d.and_hms_opt(23, 59, 59).unwrap_or_default())
                        });
                match wall {
                    Ok(wall) if all_day => format!("UNTIL={}", ical_date(wall.date())),
                    Ok(wall) => {
                        format!("UNTIL={}", ical_utc(local_time::to_utc_lenient(wall, zone)))
                    }
                    Err(_) => part.to_string(),
                }
            }
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn ical_utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn ical_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// TEXT as RFC 5545, 3.3.11 escapes it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
