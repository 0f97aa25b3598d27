//! A calendar file's events into a community, all of them or none. Each event keeps the
//! file's UID, so importing the same file again (or a newer export of the same calendar)
//! updates the events the first import made instead of adding them twice. A repeating
//! event becomes a series whose occurrences are events of their own; the file's exceptions
//! (EXDATE) stay out, its occurrences changed alone (RECURRENCE-ID) take their changes, and
//! those it cancelled become exceptions. A LOCATION becomes a venue of the community (the
//! one of that name, or a new one); a web link becomes the event's online link.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::params;
use serde::Serialize;

use super::read::{self, FileCalendar, FileEvent, Problems};
use super::{IcsProblem, IcsProblemKind};
use crate::db::{Db, Read, Write};
use crate::error::{Error, Result, Rule};
use crate::events::local_time::{utc_text, LOCAL_FORMAT};
use crate::events::model::Checked;
use crate::events::{series, store};

/// What an import does (or, before it is confirmed, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "IcsImport")]
pub struct Report {
    /// Single events in the file.
    pub events: u32,
    /// Repeating events, each a series.
    pub series: u32,
    /// The events the series make, their exceptions left out.
    pub occurrences: u32,
    /// Occurrences the file changes alone, and those it cancels.
    pub changed_occurrences: u32,
    pub cancelled_occurrences: u32,
    /// Of the single events and series: new ones, and ones a UID already in the community
    /// matched, which the file updates.
    pub added: u32,
    pub updated: u32,
    /// Venues made for LOCATIONs the community had no venue of that name for.
    pub venues_added: u32,
    /// Components Hearth does not keep (tasks, journal entries), left out.
    pub ignored: u32,
    /// What stops the file, the first 200 of them; nothing is written while there are any.
    pub problems: Vec<IcsProblem>,
    pub problem_count: u32,
    /// Whether the events were written (false for a preview or a refused file).
    pub written: bool,
}

/// Reads a calendar file and says what importing it would do, or what stops it.
pub fn preview(db: &Db, community_id: i64, bytes: &[u8]) -> Result<Report> {
    db.read(|r| match plan(r, community_id, bytes)? {
        Ok((_, report)) => Ok(report),
        Err(problems) => Ok(refused(problems)),
    })
}

/// Imports a calendar file in one transaction; a file with any problem is refused whole
/// (an `invalid_input` error listing the first problems) and nothing is written.
pub fn commit(db: &mut Db, community_id: i64, bytes: &[u8]) -> Result<Report> {
    db.write(|w| {
        let (file, mut report) = match plan(w, community_id, bytes)? {
            Ok(planned) => planned,
            Err(problems) => return Err(refusal(&problems)),
        };
        apply(w, community_id, &file)?;
        report.written = true;
        Ok(report)
    })
}

fn refused(problems: Problems) -> Report {
    Report {
        problem_count: problems.count,
        problems: problems.kept,
        ..Report::default()
    }
}

fn refusal(problems: &Problems) -> Error {
    let mut message = format!(
        "the calendar file has {} {}; nothing was imported:",
        problems.count,
        if problems.count == 1 {
            "problem"
        } else {
            "problems"
        }
    );
    for problem in problems.kept.iter().take(20) {
        message.push_str("\n  ");
        message.push_str(&problem.message);
    }
    Error::InvalidInput {
        field: Some("file".into()),
        rule: Rule::InvalidFormat,
        limit: None,
        message,
    }
}

/// What the community already has under the file's UIDs.
struct Existing {
    /// Single events (not occurrences) by UID.
    events: HashMap<String, i64>,
    series: HashMap<String, i64>,
    venues: HashMap<String, i64>,
}

impl Existing {
    fn of(r: &Read, community_id: i64) -> Result<Existing> {
        let pairs = |sql: &str| -> Result<HashMap<String, i64>> {
            Ok(
                r.query_all(sql, [community_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                    .into_iter()
                    .collect(),
            )
        };
        Ok(Existing {
            events: pairs(
                "SELECT uid, id FROM events WHERE community_id = ?1 AND series_id IS NULL",
            )?,
            series: pairs("SELECT uid, id FROM event_series WHERE community_id = ?1")?,
            venues: r
                .query_all(
                    "SELECT name, id FROM venues WHERE community_id = ?1 ORDER BY id",
                    [community_id],
                    |row| Ok((venue_key(&row.get::<_, String>(0)?), row.get(1)?)),
                )?
                .into_iter()
                .rev()
                .collect(),
        })
    }
}

fn venue_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Reads the file and checks it against the community: a report of what the import does,
/// or the problems that stop it.
#[allow(clippy::type_complexity)]
fn plan(
    r: &Read,
    community_id: i64,
    bytes: &[u8],
) -> Result<std::result::Result<(FileCalendar, Report), Problems>> {
    let zone = store::community_zone(r, community_id)?;
    let file = match read::read(bytes, &zone) {
        Ok(file) => file,
        Err(problems) => return Ok(Err(problems)),
    };
    let existing = Existing::of(r, community_id)?;
    let mut problems = Problems::default();
    let mut report = Report {
        ignored: file.ignored,
        ..Report::default()
    };
    // The UTC starts each of the file's series makes, for its changed occurrences.
    let mut rule_starts: HashMap<&str, HashSet<DateTime<Utc>>> = HashMap::new();
    let mut new_venues = HashSet::new();
    for e in file.events.iter().filter(|e| e.recurrence_id.is_none()) {
        let known = existing.events.contains_key(&e.uid) || existing.series.contains_key(&e.uid);
        if !known && taken_elsewhere(r, community_id, &e.uid)? {
            problems.add(other_community(e));
            continue;
        }
        if known {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        if let Some((name, _)) = &e.venue {
            let key = venue_key(name);
            if !existing.venues.contains_key(&key) && new_venues.insert(key) {
                report.venues_added += 1;
            }
        }
        match &e.rule {
            Some(_) => {
                report.series += 1;
                let starts = occurrences(e)?;
                let kept = starts
                    .iter()
                    .filter(|o| !e.exdates.contains(&o.starts_at))
                    .count();
                report.occurrences += u32::try_from(kept).unwrap_or(u32::MAX);
                rule_starts.insert(&e.uid, starts.iter().map(|o| o.starts_at).collect());
            }
            None => report.events += 1,
        }
    }
    for e in file.events.iter() {
        let Some(recurrence_id) = e.recurrence_id else {
            continue;
        };
        let known = match rule_starts.get(e.uid.as_str()) {
            Some(starts) => starts.contains(&recurrence_id),
            None => match existing.series.get(&e.uid) {
                Some(series_id) => occurrence_of(r, *series_id, recurrence_id)?.is_some(),
                None => false,
            },
        };
        if !known {
            problems.add(no_series(e, recurrence_id));
        } else if e.cancelled {
            report.cancelled_occurrences += 1;
        } else {
            report.changed_occurrences += 1;
        }
    }
    if problems.count > 0 {
        return Ok(Err(problems));
    }
    Ok(Ok((file, report)))
}

/// Whether another community has an event or series with this UID (UIDs are unique
/// across the whole file Hearth keeps).
fn taken_elsewhere(r: &Read, community_id: i64, uid: &str) -> Result<bool> {
    r.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE uid = ?1 AND (community_id <> ?2 OR series_id IS NOT NULL))
             OR EXISTS (SELECT 1 FROM event_series WHERE uid = ?1 AND community_id <> ?2)",
        params![uid, community_id],
        |row| row.get(0),
    )
}

fn other_community(e: &FileEvent) -> IcsProblem {
    IcsProblem {
        kind: IcsProblemKind::OtherCommunity,
        line: Some(e.line),
        uid: Some(e.uid.clone()),
        field: None,
        message: format!(
            "line {}: UID {:?} is an event of another community, or an occurrence of a series, already",
            e.line, e.uid
        ),
    }
}

fn no_series(e: &FileEvent, recurrence_id: DateTime<Utc>) -> IcsProblem {
    IcsProblem {
        kind: IcsProblemKind::NoSeries,
        line: Some(e.line),
        uid: Some(e.uid.clone()),
        field: None,
        message: format!(
            "line {}: this changes the occurrence of {} of series {:?}, which has no such occurrence",
            e.line,
            utc_text(recurrence_id),
            e.uid
        ),
    }
}

/// The occurrences a file's series makes, exceptions included.
fn occurrences(e: &FileEvent) -> Result<Vec<Checked>> {
    let Some(rule) = &e.rule else {
        return Ok(Vec::new());
    };
    let zone: Tz = zone_of(&e.event)?;
    series::occurrences(&e.event, &rule.recurrence, rule.first_local, zone)
}

fn zone_of(e: &Checked) -> Result<Tz> {
    e.time_zone
        .parse()
        .map_err(|_| Error::Internal(format!("{} was checked and is unknown", e.time_zone)))
}

fn occurrence_of(r: &Read, series_id: i64, start: DateTime<Utc>) -> Result<Option<i64>> {
    r.query_optional(
        "SELECT id FROM events WHERE series_id = ?1 AND occurrence_start = ?2",
        params![series_id, utc_text(start)],
        |row| row.get(0),
    )
}

fn apply(w: &Write, community_id: i64, file: &FileCalendar) -> Result<()> {
    let existing = Existing::of(w, community_id)?;
    let mut venues = existing.venues.clone();
    for e in file.events.iter().filter(|e| e.recurrence_id.is_none()) {
        let mut event = e.event.clone();
        event.venue_id = match &e.venue {
            Some(venue) => Some(venue_id(w, community_id, venue, &mut venues)?),
            None => None,
        };
        match &e.rule {
            Some(_) => {
                if let Some(id) = existing.events.get(&e.uid) {
                    // It was a single event; the file makes it a series.
                    store::remove(w, *id)?;
                }
                put_series(
                    w,
                    community_id,
                    e,
                    &event,
                    existing.series.get(&e.uid).copied(),
                )?;
            }
            None => {
                if let Some(id) = existing.series.get(&e.uid) {
                    series::remove(w, *id)?;
                }
                match existing.events.get(&e.uid) {
                    Some(id) => store::write_fields(w, *id, &event)?,
                    None => {
                        store::insert_with_uid(w, &e.uid, community_id, &event, None)?;
                    }
                }
            }
        }
    }
    for e in &file.events {
        let Some(recurrence_id) = e.recurrence_id else {
            continue;
        };
        let series_id: i64 = w
            .query_optional(
                "SELECT id FROM event_series WHERE uid = ?1 AND community_id = ?2",
                params![e.uid, community_id],
                |row| row.get(0),
            )?
            .ok_or_else(|| Error::Internal(format!("series {:?} was checked", e.uid)))?;
        let id = occurrence_of(w, series_id, recurrence_id)?
            .ok_or_else(|| Error::Internal(format!("occurrence of {:?} was checked", e.uid)))?;
        if e.cancelled {
            store::remove(w, id)?;
        } else {
            let mut event = e.event.clone();
            event.venue_id = match &e.venue {
                Some(venue) => Some(venue_id(w, community_id, venue, &mut venues)?),
                None => None,
            };
            store::write_fields(w, id, &event)?;
        }
    }
    Ok(())
}

/// The venue of that name in the community, made when there is none.
fn venue_id(
    w: &Write,
    community_id: i64,
    (name, address): &(String, String),
    venues: &mut HashMap<String, i64>,
) -> Result<i64> {
    let key = venue_key(name);
    if let Some(id) = venues.get(&key) {
        return Ok(*id);
    }
    let now = Utc::now();
    w.execute(
        "INSERT INTO venues (uid, community_id, name, address, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            uuid::Uuid::now_v7().to_string(),
            community_id,
            name,
            address,
            now
        ],
    )?;
    let id = w.last_insert_rowid();
    venues.insert(key, id);
    Ok(id)
}

/// Makes or remakes a series from the file: occurrences the rule still makes keep their
/// rows (and their answers and agendas) and take the file's details; new ones are added;
/// those the rule no longer makes, or the file excepts, are removed.
fn put_series(
    w: &Write,
    community_id: i64,
    e: &FileEvent,
    event: &Checked,
    existing: Option<i64>,
) -> Result<()> {
    let Some(rule) = &e.rule else {
        return Ok(());
    };
    let zone = zone_of(event)?;
    let exdates: Vec<String> = e.exdates.iter().map(|d| utc_text(*d)).collect();
    let exdates = serde_json::to_string(&exdates).unwrap_or_else(|_| "[]".into());
    let now = Utc::now();
    let first_start = rule.first_local.format(LOCAL_FORMAT).to_string();
    let series_id = match existing {
        Some(id) => {
            w.execute(
                "UPDATE event_series SET rrule = ?2, first_start = ?3, time_zone = ?4, exdates = ?5,
                     updated_at = ?6
                 WHERE id = ?1",
                params![
                    id,
                    rule.recurrence.rrule,
                    first_start,
                    event.time_zone,
                    exdates,
                    now
                ],
            )?;
            id
        }
        None => {
            w.execute(
                "INSERT INTO event_series (uid, community_id, rrule, first_start, time_zone, exdates,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    e.uid,
                    community_id,
                    rule.recurrence.rrule,
                    first_start,
                    event.time_zone,
                    exdates,
                    now
                ],
            )?;
            w.last_insert_rowid()
        }
    };
    let mut had: HashMap<String, i64> = w
        .query_all(
            "SELECT occurrence_start, id FROM events WHERE series_id = ?1",
            [series_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?
        .into_iter()
        .collect();
    for occurrence in series::occurrences(event, &rule.recurrence, rule.first_local, zone)? {
        let start = occurrence.starts_at;
        if e.exdates.contains(&start) {
            continue;
        }
        match had.remove(&utc_text(start)) {
            Some(id) => store::write_fields(w, id, &occurrence)?,
            None => {
                store::insert(w, community_id, &occurrence, Some((series_id, start)))?;
            }
        }
    }
    for (_, id) in had {
        let gone = store::read_one(w, id)?;
        store::bury_with_what_hangs_on_it(w, &gone, now)?;
        w.execute("DELETE FROM events WHERE id = ?1", [id])?;
    }
    Ok(())
}
