//! A calendar file read into events Hearth can keep, or the problems that stop it, each at
//! the line a person would open the file at. `calcard` parses the values; a first pass of
//! our own over the lines finds where each event and property is, and catches what a
//! parser forgives but a person should hear about: a file cut short, a line that is not
//! `NAME:value`, components that close in the wrong order.

use std::collections::HashMap;

use calcard::common::timezone::Tz as FileZone;
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarDuration, ICalendarEntry,
    ICalendarProperty, ICalendarValue,
};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{IcsProblem, IcsProblemKind as Kind, MAX_EVENTS, MAX_FILE_BYTES};
use crate::error::Error;
use crate::events::local_time::{self, DATE_FORMAT, LOCAL_FORMAT};
use crate::events::model::{Checked, EventInput};
use crate::events::recurrence::{Recurrence, OCCURRENCES_MAX};
use crate::events::{EventFormat, EventKind, EventStatus};

/// How many problems a refused file reports in detail (all are counted).
const PROBLEMS_KEPT: usize = 200;

/// One VEVENT as Hearth will keep it.
pub(super) struct FileEvent {
    pub line: u32,
    pub uid: String,
    pub event: Checked,
    /// Where it is held, when not online only: the venue's name and address.
    pub venue: Option<(String, String)>,
    pub rule: Option<FileRule>,
    /// Occurrences the file removed from the series (EXDATE), as the rule's UTC starts.
    pub exdates: Vec<DateTime<Utc>>,
    /// For an occurrence the file changed alone: the UTC start its rule gave it.
    pub recurrence_id: Option<DateTime<Utc>>,
    /// STATUS:CANCELLED: an occurrence so marked becomes an exception of its series.
    pub cancelled: bool,
}

/// A series' rule as Hearth keeps it: the RRULE (its UNTIL in wall-clock time, as
/// `recurrence` expands), and the first occurrence's wall-clock start.
pub(super) struct FileRule {
    pub recurrence: Recurrence,
    pub first_local: NaiveDateTime,
    /// How many occurrences the rule makes, before exceptions.
    pub count: usize,
}

pub(super) struct FileCalendar {
    pub events: Vec<FileEvent>,
    /// Components Hearth does not keep (tasks, journal entries, free/busy).
    pub ignored: u32,
}

/// The problems found, all counted, the first [`PROBLEMS_KEPT`] kept.
#[derive(Default)]
pub(super) struct Problems {
    pub kept: Vec<IcsProblem>,
    pub count: u32,
}

impl Problems {
    pub fn add(&mut self, problem: IcsProblem) {
        self.count += 1;
        if self.kept.len() < PROBLEMS_KEPT {
            self.kept.push(problem);
        }
    }

    fn one(problem: IcsProblem) -> Problems {
        let mut problems = Problems::default();
        problems.add(problem);
        problems
    }
}

/// Reads a calendar file; `community_zone` is the zone of events the file gives no zone.
pub(super) fn read(bytes: &[u8], community_zone: &str) -> Result<FileCalendar, Problems> {
    let text = decode(bytes).map_err(Problems::one)?;
    let layout = layout(text)?;
    let calendars = parse(text)?;
    let mut problems = Problems::default();
    let mut events = Vec::new();
    let mut ignored = 0;
    let mut lines = layout.events.iter();
    let mut seen: HashMap<(String, Option<DateTime<Utc>>), u32> = HashMap::new();
    let mut made = 0usize;
    for calendar in &calendars {
        let zones = Zones::of(calendar, community_zone);
        for component in &calendar.components {
            match component.component_type {
                ICalendarComponentType::VEvent => {}
                ICalendarComponentType::VTodo
                | ICalendarComponentType::VJournal
                | ICalendarComponentType::VFreebusy => {
                    ignored += 1;
                    continue;
                }
                _ => continue,
            }
            let lines = lines.next().cloned().unwrap_or_default();
            let reader = EventReader {
                component,
                lines: &lines,
                zones: &zones,
            };
            match reader.read() {
                Ok(event) => {
                    let key = (event.uid.clone(), event.recurrence_id);
                    if let Some(first) = seen.insert(key, event.line) {
                        problems.add(reader.problem(
                            Kind::RepeatedUid,
                            None,
                            format!(
                                "UID {:?} is given twice (the first time on line {first})",
                                event.uid
                            ),
                        ));
                        continue;
                    }
                    made += match &event.rule {
                        Some(rule) => rule.count.saturating_sub(event.exdates.len()),
                        None => usize::from(event.recurrence_id.is_none()),
                    };
                    events.push(event);
                }
                Err(problem) => problems.add(*problem),
            }
        }
    }
    if made > MAX_EVENTS {
        problems.add(IcsProblem::new(
            Kind::TooMany,
            None,
            format!("the file makes {made} events; Hearth imports at most {MAX_EVENTS} at once"),
        ));
    }
    if problems.count > 0 {
        return Err(problems);
    }
    Ok(FileCalendar { events, ignored })
}

fn decode(bytes: &[u8]) -> Result<&str, IcsProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(IcsProblem::new(
            Kind::TooBig,
            None,
            format!(
                "the file is {} MiB; a calendar file may be at most {} MiB",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let line_at = |offset: usize| {
        u32::try_from(bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1).ok()
    };
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Err(IcsProblem::new(
            Kind::NotText,
            line_at(nul),
            "the file holds binary data, not calendar text",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        IcsProblem::new(
            Kind::NotText,
            line_at(e.valid_up_to()),
            "the text is not UTF-8, as calendar files are",
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Where each VEVENT and its properties are in the file: the line it begins on, and the
/// line of each property's first appearance (by upper-case name).
#[derive(Default)]
struct Layout {
    events: Vec<EventLines>,
}

#[derive(Clone, Default)]
struct EventLines {
    begin: u32,
    properties: HashMap<String, u32>,
}

/// Walks the file's logical lines (folded ones joined) and checks that components open and
/// close in order and that the file is not cut short.
fn layout(text: &str) -> Result<Layout, Problems> {
    let mut problems = Problems::default();
    let mut layout = Layout::default();
    let mut open: Vec<(String, u32)> = Vec::new();
    let mut first = true;
    for (line, logical) in logical_lines(text) {
        let Some(colon) = logical.find(':') else {
            problems.add(IcsProblem::new(
                Kind::Malformed,
                Some(line),
                format!(
                    "{:?} is not a calendar line (NAME:value)",
                    preview(&logical)
                ),
            ));
            continue;
        };
        let name_end = logical[..colon].find(';').unwrap_or(colon);
        let name = logical[..name_end].trim().to_ascii_uppercase();
        let value = logical[colon + 1..].trim().to_ascii_uppercase();
        if first {
            first = false;
            if name != "BEGIN" || value != "VCALENDAR" {
                return Err(Problems::one(IcsProblem::new(
                    Kind::NotCalendar,
                    Some(line),
                    "this is not a calendar file: it does not begin with BEGIN:VCALENDAR",
                )));
            }
        }
        match name.as_str() {
            "BEGIN" => {
                if value == "VEVENT" {
                    layout.events.push(EventLines {
                        begin: line,
                        properties: HashMap::new(),
                    });
                }
                open.push((value, line));
            }
            "END" => match open.pop() {
                Some((begun, _)) if begun == value => {}
                Some((begun, begun_on)) => {
                    problems.add(IcsProblem::new(
                        Kind::Malformed,
                        Some(line),
                        format!("END:{value} closes BEGIN:{begun} of line {begun_on}"),
                    ));
                    return Err(problems);
                }
                None => {
                    problems.add(IcsProblem::new(
                        Kind::Malformed,
                        Some(line),
                        format!("END:{value} closes nothing that was begun"),
                    ));
                    return Err(problems);
                }
            },
            _ => {
                if open
                    .last()
                    .is_some_and(|(component, _)| component == "VEVENT")
                {
                    if let Some(event) = layout.events.last_mut() {
                        event.properties.entry(name).or_insert(line);
                    }
                }
            }
        }
    }
    if first {
        return Err(Problems::one(IcsProblem::new(
            Kind::NotCalendar,
            None,
            "the file is empty",
        )));
    }
    if let Some((component, line)) = open.last() {
        problems.add(IcsProblem::new(
            Kind::CutShort,
            Some(*line),
            format!("BEGIN:{component} is never closed: the file was cut short"),
        ));
    }
    if problems.count > 0 {
        return Err(problems);
    }
    Ok(layout)
}

/// The file's logical lines with the line each begins on: a line that starts with a space
/// or a tab continues the one before (RFC 5545, 3.1); empty lines are skipped.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut lines: Vec<(u32, String)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            if let Some((_, last)) = lines.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if !line.trim().is_empty() {
            lines.push((number, line.to_string()));
        }
    }
    lines
}

fn preview(text: &str) -> String {
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn parse(text: &str) -> Result<Vec<ICalendar>, Problems> {
    let mut parser = calcard::Parser::new(text);
    let mut calendars = Vec::new();
    loop {
        let problem = match parser.entry() {
            calcard::Entry::ICalendar(calendar) => {
                calendars.push(calendar);
                continue;
            }
            calcard::Entry::Eof => return Ok(calendars),
            calcard::Entry::TooManyComponents => IcsProblem::new(
                Kind::TooMany,
                None,
                "the file has more components than a calendar file may",
            ),
            calcard::Entry::VCard(_) => IcsProblem::new(
                Kind::NotCalendar,
                None,
                "this is a contacts file (vCard), not a calendar",
            ),
            other => IcsProblem::new(
                Kind::Malformed,
                None,
                format!("the calendar cannot be read: {other:?}"),
            ),
        };
        return Err(Problems::one(problem));
    }
}

/// The zones of one calendar: its VTIMEZONEs by TZID (Windows and Outlook names resolved
/// to IANA ones), and the zone of times that name none.
struct Zones<'a> {
    resolver: calcard::icalendar::timezone::TzResolver<&'a str>,
    default: String,
}

impl<'a> Zones<'a> {
    fn of(calendar: &'a ICalendar, community_zone: &str) -> Zones<'a> {
        // Google writes the calendar's own zone as X-WR-TIMEZONE; floating and UTC times
        // are shown in it there, so here too.
        let calendar_zone = calendar
            .components
            .first()
            .into_iter()
            .flat_map(|c| &c.entries)
            .find(|e| matches!(&e.name, ICalendarProperty::Other(n) if n.eq_ignore_ascii_case("X-WR-TIMEZONE")))
            .and_then(|e| e.values.first())
            .and_then(|v| v.as_text())
            .and_then(|name| name.trim().parse::<Tz>().ok());
        Zones {
            resolver: calendar.build_tz_resolver(),
            default: calendar_zone
                .map(|z| z.name().to_string())
                .unwrap_or_else(|| community_zone.to_string()),
        }
    }

    /// The IANA zone a TZID names; None when no zone Hearth knows matches.
    fn resolve(&self, tz_id: &str) -> Option<Tz> {
        match self.resolver.resolve(tz_id)? {
            FileZone::Tz(zone) => Some(zone),
            // A zone that is only an offset: the Etc zone of a whole number of hours
            // (whose names count the other way round).
            FileZone::Fixed(offset) if offset.local_minus_utc() % 3600 == 0 => {
                let hours = -offset.local_minus_utc() / 3600;
                let name = match hours {
                    0 => "Etc/UTC".to_string(),
                    h => format!("Etc/GMT{h:+}"),
                };
                name.parse().ok()
            }
            _ => None,
        }
    }
}

/// A time as the file wrote it.
#[derive(Clone, Copy)]
enum Moment {
    Day(NaiveDate),
    /// Wall-clock time, with the zone its TZID named (None: the event's zone).
    Local(NaiveDateTime, Option<Tz>),
    Utc(DateTime<Utc>),
}

struct EventReader<'a> {
    component: &'a ICalendarComponent,
    lines: &'a EventLines,
    zones: &'a Zones<'a>,
}

impl EventReader<'_> {
    fn line_of(&self, property: &str) -> u32 {
        self.lines
            .properties
            .get(property)
            .copied()
            .unwrap_or(self.lines.begin)
    }

    fn problem(&self, kind: Kind, property: Option<&str>, message: String) -> IcsProblem {
        let line = property.map_or(self.lines.begin, |p| self.line_of(p));
        let mut problem = IcsProblem::new(kind, Some(line), message);
        problem.uid = self.component.uid().map(str::to_string);
        problem
    }

    fn entry(&self, property: &ICalendarProperty) -> Option<&ICalendarEntry> {
        self.component.property(property)
    }

    fn other(&self, name: &str) -> Option<String> {
        self.component
            .entries
            .iter()
            .find(
                |e| matches!(&e.name, ICalendarProperty::Other(n) if n.eq_ignore_ascii_case(name)),
            )
            .map(text_of)
    }

    fn text(&self, property: &ICalendarProperty) -> Option<String> {
        self.entry(property).map(text_of)
    }

    fn moment(&self, entry: &ICalendarEntry, name: &str) -> Result<Moment, Box<IcsProblem>> {
        let value = entry
            .values
            .first()
            .and_then(|v| v.as_partial_date_time())
            .ok_or_else(|| self.bad_value(name, "is not a date or a time"))?;
        self.moment_of(value, entry.tz_id(), name)
    }

    fn moment_of(
        &self,
        value: &PartialDateTime,
        tz_id: Option<&str>,
        name: &str,
    ) -> Result<Moment, Box<IcsProblem>> {
        let date = value
            .year
            .zip(value.month)
            .zip(value.day)
            .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()))
            .ok_or_else(|| self.bad_value(name, "is not a date"))?;
        let Some(hour) = value.hour else {
            return Ok(Moment::Day(date));
        };
        let time = NaiveTime::from_hms_opt(
            hour.into(),
            value.minute.unwrap_or(0).into(),
            value.second.unwrap_or(0).min(59).into(),
        )
        .ok_or_else(|| self.bad_value(name, "is not a time of day"))?;
        let local = date.and_time(time);
        if let Some(tz_hour) = value.tz_hour {
            let offset = i64::from(tz_hour) * 3600 + i64::from(value.tz_minute.unwrap_or(0)) * 60;
            let offset = if value.tz_minus { -offset } else { offset };
            return Ok(Moment::Utc(
                Utc.from_utc_datetime(&local) - Duration::seconds(offset),
            ));
        }
        let zone = match tz_id {
            Some(tz_id) => Some(self.zones.resolve(tz_id).ok_or_else(|| {
                Box::new(self.problem(
                    Kind::UnknownZone,
                    Some(name),
                    format!("{name} is in time zone {tz_id:?}, which Hearth does not know"),
                ))
            })?),
            None => None,
        };
        Ok(Moment::Local(local, zone))
    }

    fn bad_value(&self, name: &str, what: &str) -> Box<IcsProblem> {
        Box::new(self.problem(Kind::BadValue, Some(name), format!("{name} {what}")))
    }

    fn read(&self) -> Result<FileEvent, Box<IcsProblem>> {
        let start_entry = self.entry(&ICalendarProperty::Dtstart).ok_or_else(|| {
            Box::new(self.problem(
                Kind::BadValue,
                None,
                "the event has no start (DTSTART)".into(),
            ))
        })?;
        let start = self.moment(start_entry, "DTSTART")?;
        let zone = match start {
            Moment::Local(_, Some(zone)) => zone,
            _ => self
                .other("X-HEARTH-TIME-ZONE")
                .and_then(|z| z.trim().parse().ok())
                .map_or_else(|| self.zones.default.parse(), Ok)
                .map_err(|_| self.bad_value("DTSTART", "has no zone Hearth knows"))?,
        };
        let all_day = matches!(start, Moment::Day(_));
        let local = |m: Moment| -> NaiveDateTime {
            match m {
                Moment::Day(day) => day.and_time(NaiveTime::MIN),
                Moment::Local(t, None) => t,
                Moment::Local(t, Some(z)) if z == zone => t,
                Moment::Local(t, Some(z)) => local_time::to_utc_lenient(t, z)
                    .with_timezone(&zone)
                    .naive_local(),
                Moment::Utc(t) => t.with_timezone(&zone).naive_local(),
            }
        };
        let start_local = local(start);
        let (start_text, end_text) = if all_day {
            let first = start_local.date();
            let last = match self.end(start_local, all_day, &local)? {
                // DTEND is the day after the last (RFC 5545, 3.6.1).
                Some(end) if end.date() > first => end.date().pred_opt().unwrap_or(first),
                Some(end) if end.date() < first => return Err(self.ends_before_start()),
                _ => first,
            };
            (
                first.format(DATE_FORMAT).to_string(),
                last.format(DATE_FORMAT).to_string(),
            )
        } else {
            // No end: a time the event happens at, kept as an hour in the calendar.
            let end = self
                .end(start_local, all_day, &local)?
                .unwrap_or(start_local + Duration::hours(1));
            (
                start_local.format(LOCAL_FORMAT).to_string(),
                end.format(LOCAL_FORMAT).to_string(),
            )
        };

        let location = self
            .text(&ICalendarProperty::Location)
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        let url = self
            .text(&ICalendarProperty::Url)
            .map(|u| u.trim().to_string())
            .filter(|u| is_web_link(u))
            .or_else(|| location.clone().filter(|l| is_web_link(l)));
        let venue = location
            .filter(|l| !is_web_link(l))
            .map(|l| venue_of(&l, self.other("X-HEARTH-VENUE").as_deref()));
        let derived_format = match (&venue, &url) {
            (Some(_), Some(_)) => EventFormat::Hybrid,
            (None, Some(_)) => EventFormat::Online,
            _ => EventFormat::Offline,
        };
        let format = self
            .other("X-HEARTH-FORMAT")
            .and_then(|f| EventFormat::parse("format", f.trim()).ok())
            .unwrap_or(derived_format);
        let kind = self
            .other("X-HEARTH-KIND")
            .and_then(|k| EventKind::parse("kind", k.trim()).ok())
            .unwrap_or(EventKind::Other);
        let file_status = self.text(&ICalendarProperty::Status).unwrap_or_default();
        let status = self
            .other("X-HEARTH-STATUS")
            .and_then(|s| EventStatus::parse("status", s.trim()).ok())
            .unwrap_or(match file_status.trim().to_ascii_uppercase().as_str() {
                "CANCELLED" => EventStatus::Cancelled,
                "CONFIRMED" => EventStatus::Confirmed,
                _ => EventStatus::Planned,
            });
        let title = self
            .text(&ICalendarProperty::Summary)
            .map(|t| single_line(&t))
            .filter(|t| !t.is_empty())
            // A calendar may keep an event without a title; Hearth shows a dash.
            .unwrap_or_else(|| "—".to_string());
        let input = EventInput {
            title,
            kind: kind.as_str().to_string(),
            format: format.as_str().to_string(),
            start: start_text,
            end: end_text,
            time_zone: zone.name().to_string(),
            all_day,
            venue_id: None,
            online_url: url.unwrap_or_default(),
            capacity: self.other("X-HEARTH-CAPACITY"),
            status: status.as_str().to_string(),
            description: self
                .text(&ICalendarProperty::Description)
                .map(|d| multiline(&d))
                .unwrap_or_default(),
        };
        let event = input.validate(zone.name()).map_err(|e| self.invalid(e))?;

        let first_local = if all_day {
            start_local.date().and_time(NaiveTime::MIN)
        } else {
            start_local.with_second(0)
        };
        let rule = self.rule(first_local, zone, all_day)?;
        let instant = |m: Moment| match m {
            Moment::Utc(t) => t,
            Moment::Day(day) if all_day => local_time::day_start(day, zone),
            // A whole day named in a timed series: its occurrence on that day.
            Moment::Day(day) => local_time::to_utc_lenient(day.and_time(first_local.time()), zone),
            Moment::Local(t, z) if all_day => local_time::day_start(t.date(), z.unwrap_or(zone)),
            Moment::Local(t, z) => local_time::to_utc_lenient(t, z.unwrap_or(zone)),
        };
        let mut exdates = Vec::new();
        for entry in self.component.properties(&ICalendarProperty::Exdate) {
            for value in &entry.values {
                let Some(value) = value.as_partial_date_time() else {
                    return Err(self.bad_value("EXDATE", "is not a date or a time"));
                };
                exdates.push(instant(self.moment_of(value, entry.tz_id(), "EXDATE")?));
            }
        }
        let recurrence_id = match self.entry(&ICalendarProperty::RecurrenceId) {
            Some(entry) => Some(instant(self.moment(entry, "RECURRENCE-ID")?)),
            None => None,
        };
        Ok(FileEvent {
            line: self.lines.begin,
            uid: self
                .component
                .uid()
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty())
                // RFC 5545 requires a UID; without one the event is new each time.
                .unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
            event,
            venue,
            rule,
            exdates,
            recurrence_id,
            cancelled: file_status.trim().eq_ignore_ascii_case("CANCELLED"),
        })
    }

    /// The wall-clock end in the event's zone, from DTEND or DURATION.
    fn end(
        &self,
        start: NaiveDateTime,
        all_day: bool,
        local: &dyn Fn(Moment) -> NaiveDateTime,
    ) -> Result<Option<NaiveDateTime>, Box<IcsProblem>> {
        if let Some(entry) = self.entry(&ICalendarProperty::Dtend) {
            let end = self.moment(entry, "DTEND")?;
            if all_day != matches!(end, Moment::Day(_)) {
                return Err(self.bad_value(
                    "DTEND",
                    "is a time where DTSTART is a day, or the other way round",
                ));
            }
            return Ok(Some(local(end)));
        }
        let Some(entry) = self.entry(&ICalendarProperty::Duration) else {
            return Ok(None);
        };
        let Some(ICalendarValue::Duration(d)) = entry.values.first() else {
            return Err(self.bad_value("DURATION", "is not a length of time"));
        };
        if d.neg {
            return Err(self.ends_before_start());
        }
        Ok(Some(add_duration(start, d)))
    }

    fn ends_before_start(&self) -> Box<IcsProblem> {
        Box::new(self.problem(
            Kind::EndsBeforeStart,
            Some(if self.entry(&ICalendarProperty::Dtend).is_some() {
                "DTEND"
            } else {
                "DURATION"
            }),
            "the event ends before it starts".into(),
        ))
    }

    /// The RRULE, checked to end and to make no more occurrences than a series may.
    fn rule(
        &self,
        first_local: NaiveDateTime,
        zone: Tz,
        all_day: bool,
    ) -> Result<Option<FileRule>, Box<IcsProblem>> {
        let Some(entry) = self.entry(&ICalendarProperty::Rrule) else {
            return Ok(None);
        };
        let Some(ICalendarValue::RecurrenceRule(rule)) = entry.values.first() else {
            return Err(Box::new(self.problem(
                Kind::BadRule,
                Some("RRULE"),
                "RRULE is not a recurrence rule".into(),
            )));
        };
        let mut rule = (**rule).clone();
        let until = rule.until.take();
        if until.is_none() && rule.count.is_none() {
            return Err(Box::new(self.problem(
                Kind::EndlessRule,
                Some("RRULE"),
                "the event repeats without end (no COUNT or UNTIL); Hearth keeps series that end"
                    .into(),
            )));
        }
        let mut text = rule.to_string();
        if let Some(until) = until {
            // Hearth expands rules on wall-clock times, so their UNTIL is one too.
            let wall = match self.moment_of(&until, None, "RRULE")? {
                Moment::Utc(t) => t.with_timezone(&zone).naive_local(),
                Moment::Local(t, _) => t,
                Moment::Day(day) => day.and_hms_opt(23, 59, 59).unwrap_or_default(),
            };
            let wall = if all_day {
                wall.date().and_hms_opt(23, 59, 59).unwrap_or(wall)
            } else {
                wall
            };
            text.push_str(&format!(";UNTIL={}Z", wall.format("%Y%m%dT%H%M%S")));
        }
        let bad =
            |e: Error| Box::new(self.problem(Kind::BadRule, Some("RRULE"), format!("RRULE: {e}")));
        let recurrence = Recurrence::from_rrule(&text).map_err(bad)?;
        let count = recurrence.starts(first_local).map_err(bad)?.len();
        if count > OCCURRENCES_MAX as usize {
            return Err(Box::new(self.problem(
                Kind::TooMany,
                Some("RRULE"),
                format!(
                    "the event repeats more than {OCCURRENCES_MAX} times; Hearth keeps series of at most {OCCURRENCES_MAX}"
                ),
            )));
        }
        Ok(Some(FileRule {
            recurrence,
            first_local,
            count,
        }))
    }

    /// A field Hearth refused, at the property it came from.
    fn invalid(&self, error: Error) -> Box<IcsProblem> {
        let (field, message) = match &error {
            Error::InvalidInput { field, message, .. } => (field.clone(), message.clone()),
            other => (None, other.to_string()),
        };
        let property = match field.as_deref() {
            Some("title") => "SUMMARY",
            Some("description") => "DESCRIPTION",
            Some("onlineUrl") => "URL",
            Some("capacity") => "X-HEARTH-CAPACITY",
            Some("end") if self.entry(&ICalendarProperty::Dtend).is_none() => "DURATION",
            Some("end") => "DTEND",
            _ => "DTSTART",
        };
        let kind = if message.contains("ends before it starts") {
            Kind::EndsBeforeStart
        } else {
            Kind::BadValue
        };
        let mut problem = self.problem(kind, Some(property), format!("{property}: {message}"));
        problem.field = field;
        Box::new(problem)
    }
}

trait WithSecond {
    fn with_second(self, second: u32) -> NaiveDateTime;
}

impl WithSecond for NaiveDateTime {
    fn with_second(self, second: u32) -> NaiveDateTime {
        chrono::Timelike::with_second(&self, second).unwrap_or(self)
    }
}

/// A property's text, its values joined as the file listed them.
fn text_of(entry: &ICalendarEntry) -> String {
    entry
        .values
        .iter()
        .filter_map(|v| v.as_text())
        .collect::<Vec<_>>()
        .join(",")
}

fn add_duration(start: NaiveDateTime, d: &ICalendarDuration) -> NaiveDateTime {
    // Weeks and days are calendar days; hours, minutes and seconds are exact (RFC 5545, 3.3.6).
    start
        + Duration::days(i64::from(d.weeks) * 7 + i64::from(d.days))
        + Duration::seconds(
            i64::from(d.hours) * 3600 + i64::from(d.minutes) * 60 + i64::from(d.seconds),
        )
}

fn is_web_link(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

/// A venue from a LOCATION: its name (as Hearth wrote it in X-HEARTH-VENUE, or the text up
/// to the first comma) and the rest as its address.
fn venue_of(location: &str, named: Option<&str>) -> (String, String) {
    let named = named.map(str::trim).filter(|n| !n.is_empty());
    let (name, address) = match named {
        Some(name) if location.starts_with(name) => {
            (name, location[name.len()..].trim_start_matches([',', ' ']))
        }
        _ => match location.split_once(',') {
            Some((name, rest)) => (name.trim(), rest.trim()),
            None => (location, ""),
        },
    };
    (single_line(name), single_line(address))
}

fn single_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

/// Text with its lines kept and other control characters (tabs, stray carriage returns)
/// made spaces, as Hearth keeps descriptions.
fn multiline(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}
