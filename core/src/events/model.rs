//! What an event is, as the interface, the command line and the files see it, and the
//! checks an event's input passes before it is stored.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::local_time::{self, DATE_FORMAT, LOCAL_FORMAT};
use crate::community::parse_time_zone;
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline, required};

string_enum! {
    pub enum EventKind {
        Meetup = "meetup",
        Webinar = "webinar",
        Conference = "conference",
        Workshop = "workshop",
        OnlineDiscussion = "online_discussion",
        JointProjectSession = "joint_project_session",
        Other = "other",
    }
}

string_enum! {
    pub enum EventFormat {
        Offline = "offline",
        Online = "online",
        Hybrid = "hybrid",
    }
}

string_enum! {
    pub enum EventStatus {
        Draft = "draft",
        Planned = "planned",
        Confirmed = "confirmed",
        Done = "done",
        Cancelled = "cancelled",
    }
}

pub const TITLE_MAX: u32 = 200;
pub const DESCRIPTION_MAX: u32 = 10_000;
pub const ONLINE_URL_MAX: u32 = 2_000;
/// The most people an event or a venue can be planned for.
pub const CAPACITY_MAX: u32 = 1_000_000;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[
    ("title", TITLE_MAX),
    ("description", DESCRIPTION_MAX),
    ("onlineUrl", ONLINE_URL_MAX),
];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    pub title: String,
    pub kind: EventKind,
    pub format: EventFormat,
    /// UTC, "2026-12-10T18:00:00Z".
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    /// The IANA zone the event is held in.
    pub time_zone: String,
    /// Wall-clock start in `time_zone`: "2026-12-10T19:00", or the first day of a whole-day event.
    pub start: String,
    /// Wall-clock end in `time_zone`, or the last day of a whole-day event.
    pub end: String,
    pub all_day: bool,
    pub venue_id: Option<i64>,
    pub online_url: String,
    pub capacity: Option<u32>,
    pub status: EventStatus,
    pub description: String,
    /// The series this event is an occurrence of.
    pub series_id: Option<i64>,
    /// The UTC start its series' rule gave it (its RECURRENCE-ID), which stays when this
    /// occurrence alone is moved.
    #[ts(type = "string | null")]
    pub occurrence_start: Option<DateTime<Utc>>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// An event as a form or the command line gives it: times are wall-clock times in
/// `time_zone` (the community's when blank), and whole-day events give their first and last
/// day instead.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EventInput {
    pub title: String,
    pub kind: String,
    pub format: String,
    /// "2026-12-10T19:00", or "2026-12-10" for a whole-day event.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub all_day: bool,
    pub venue_id: Option<i64>,
    pub online_url: String,
    /// As typed: blank when not planned. Core reads the number, so "many" gets core's answer.
    pub capacity: Option<String>,
    /// Blank: planned.
    pub status: String,
    pub description: String,
}

/// An input that passed every check, with its times as instants.
#[derive(Clone)]
pub(super) struct Checked {
    pub title: String,
    pub kind: EventKind,
    pub format: EventFormat,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub all_day: bool,
    pub venue_id: Option<i64>,
    pub online_url: String,
    pub capacity: Option<u32>,
    pub status: EventStatus,
    pub description: String,
}

impl EventInput {
    /// Checks every field; `default_zone` is the community's, for a blank `time_zone`.
    pub(super) fn validate(&self, default_zone: &str) -> Result<Checked> {
        let title = required("title", &self.title, TITLE_MAX)?;
        let kind = EventKind::parse("kind", self.kind.trim())?;
        let format = EventFormat::parse("format", self.format.trim())?;
        let typed_zone = self.time_zone.trim();
        let time_zone = parse_time_zone(if typed_zone.is_empty() {
            default_zone
        } else {
            typed_zone
        })?;
        let zone: Tz = time_zone
            .parse()
            .map_err(|_| Error::Internal(format!("{time_zone} was checked and is unknown")))?;
        let (starts_at, ends_at) = if self.all_day {
            let first = local_time::parse_date("start", &self.start)?;
            let last = local_time::parse_date("end", &self.end)?;
            if last < first {
                return Err(ends_before_start());
            }
            (
                local_time::day_start(first, zone),
                local_time::day_start(local_time::next_day(last), zone),
            )
        } else {
            let start = local_time::to_utc(
                "start",
                local_time::parse_local("start", &self.start)?,
                zone,
            )?;
            let end = local_time::to_utc("end", local_time::parse_local("end", &self.end)?, zone)?;
            if end <= start {
                return Err(ends_before_start());
            }
            (start, end)
        };
        let online_url = optional("onlineUrl", &self.online_url, ONLINE_URL_MAX)?;
        if !online_url.is_empty() {
            crate::community::platforms::web_link(&online_url).map_err(|_| {
                Error::invalid(
                    "onlineUrl",
                    Rule::InvalidFormat,
                    format!("{online_url:?} is not a web link (http:// or https://)"),
                )
            })?;
        }
        let status = match self.status.trim() {
            "" => EventStatus::Planned,
            typed => EventStatus::parse("status", typed)?,
        };
        Ok(Checked {
            title,
            kind,
            format,
            starts_at,
            ends_at,
            time_zone,
            all_day: self.all_day,
            venue_id: self.venue_id,
            online_url,
            capacity: capacity("capacity", self.capacity.as_deref())?,
            status,
            description: optional_multiline("description", &self.description, DESCRIPTION_MAX)?,
        })
    }
}

fn ends_before_start() -> Error {
    Error::invalid(
        "end",
        Rule::InvalidFormat,
        "the event ends before it starts",
    )
}

/// Reads a typed capacity: blank is "not planned"; otherwise a whole number from 1.
pub(super) fn capacity(field: &str, typed: Option<&str>) -> Result<Option<u32>> {
    let typed = typed.map(str::trim).unwrap_or_default();
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.parse::<u32>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(Error::invalid(
            field,
            Rule::InvalidFormat,
            format!("{typed:?} is not a number of people: a whole number from 1 to {CAPACITY_MAX}"),
        )),
    }
}

/// The wall-clock start and end of an event in its zone, as [`Event::start`] and
/// [`Event::end`] give them.
pub(super) fn local_span(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: &str,
    all_day: bool,
) -> (String, String) {
    let zone: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let start: NaiveDateTime = starts_at.with_timezone(&zone).naive_local();
    let end: NaiveDateTime = ends_at.with_timezone(&zone).naive_local();
    if all_day {
        // The end is the start of the day after the last one (midnight, or the first hour
        // where the clocks skip midnight): the last day is the one a second before it.
        let last: NaiveDate = (ends_at - chrono::Duration::seconds(1))
            .with_timezone(&zone)
            .date_naive();
        (
            start.date().format(DATE_FORMAT).to_string(),
            last.format(DATE_FORMAT).to_string(),
        )
    } else {
        (
            start.format(LOCAL_FORMAT).to_string(),
            end.format(LOCAL_FORMAT).to_string(),
        )
    }
}
