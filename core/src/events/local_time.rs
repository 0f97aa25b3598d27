//! Wall-clock times in an event's zone, to and from the UTC instants the database keeps.
//!
//! Typed times are minutes ("2026-03-29T19:30"); whole-day events are dates. A time the
//! clocks skip when they go forward does not exist, and is refused with the reason rather
//! than silently moved; a time that happens twice when they go back is the first of the two,
//! as calendar applications read it.

use chrono::{
    DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use crate::error::{Error, Result, Rule};

/// How instants are written in the database and on the command line: text order is time order.
pub const UTC_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";
/// How a wall-clock time is typed and shown.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";
/// How a whole day is typed and shown.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// Reads a typed wall-clock time ("2026-12-10T19:00"). Seconds are accepted (a date-time
/// input may send them) and dropped: a calendar is kept to the minute, which is also how a
/// series' first start is written.
pub fn parse_local(field: &str, typed: &str) -> Result<NaiveDateTime> {
    let typed = typed.trim();
    NaiveDateTime::parse_from_str(typed, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
        .map(|t| t.with_second(0).unwrap_or(t))
        .map_err(|_| {
            Error::invalid(
                field,
                Rule::InvalidFormat,
                format!("{typed:?} is not a date and time (YYYY-MM-DDTHH:MM)"),
            )
        })
}

/// Reads a typed day ("2026-12-10").
pub fn parse_date(field: &str, typed: &str) -> Result<NaiveDate> {
    let typed = typed.trim();
    NaiveDate::parse_from_str(typed, DATE_FORMAT).map_err(|_| {
        Error::invalid(
            field,
            Rule::InvalidFormat,
            format!("{typed:?} is not a date (YYYY-MM-DD)"),
        )
    })
}

/// The instant a wall-clock time in `zone` names.
pub fn to_utc(field: &str, local: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            Rule::InvalidFormat,
            format!(
                "{} does not exist in {}: the clocks go forward then",
                local.format("%Y-%m-%d %H:%M"),
                zone.name()
            ),
        )),
    }
}

/// The instant a wall-clock time names, for times a rule made rather than a person typed:
/// one the clocks skip is read with the offset from before the jump (RFC 5545, 3.3.5), so
/// a weekly 02:30 lands at 03:30 on the night the clocks go forward instead of vanishing.
pub fn to_utc_lenient(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // The last moment that exists before the jump gives the offset; no jump is longer
            // than a day, so an hour at a time back through it finds one.
            let mut before = local;
            loop {
                before -= chrono::Duration::hours(1);
                if let Some(t) = zone.from_local_datetime(&before).earliest() {
                    let offset = t.naive_local() - t.naive_utc();
                    return (local - offset).and_utc();
                }
            }
        }
    }
}

/// The instant a whole day starts in `zone`: midnight, or the first moment after it where
/// the clocks skip midnight itself.
pub fn day_start(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let mut local = day.and_time(NaiveTime::MIN);
    loop {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            // No zone skips more than a day; step an hour at a time through the gap.
            LocalResult::None => local += chrono::Duration::hours(1),
        }
    }
}

/// The day after `day` (for the end of a whole-day event, which ends at the next midnight).
pub fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

/// Writes an instant the way the database keeps it.
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.format(UTC_FORMAT).to_string()
}

/// Reads an instant written by [`utc_text`].
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, UTC_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        parse_local("start", text).unwrap()
    }

    #[test]
    fn a_wall_clock_time_keeps_its_hour_across_a_dst_change() {
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        // Winter (UTC+0) and summer (UTC+1): 19:00 is 19:00 local both times.
        assert_eq!(
            utc_text(to_utc("start", local("2026-03-26T19:00"), lisbon).unwrap()),
            "2026-03-26T19:00:00Z"
        );
        assert_eq!(
            utc_text(to_utc("start", local("2026-04-02T19:00"), lisbon).unwrap()),
            "2026-04-02T18:00:00Z"
        );
    }

    #[test]
    fn a_skipped_time_is_refused_and_a_repeated_one_is_the_first() {
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        let err = to_utc("start", local("2026-03-29T01:30"), lisbon).unwrap_err();
        assert!(err.to_string().contains("clocks go forward"), "{err}");
        // 25 October 2026, 01:30 happens at UTC+1 and again at UTC+0: the first is meant.
        assert_eq!(
            utc_text(to_utc("start", local("2026-10-25T01:30"), lisbon).unwrap()),
            "2026-10-25T00:30:00Z"
        );
    }

    #[test]
    fn a_made_time_in_the_jump_keeps_the_offset_from_before_it() {
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        // 01:30 does not exist on 29 March 2026; with the winter offset (UTC+0) it is 01:30
        // UTC, which Lisbon calls 02:30.
        let t = to_utc_lenient(local("2026-03-29T01:30"), lisbon);
        assert_eq!(utc_text(t), "2026-03-29T01:30:00Z");
        assert_eq!(
            utc_text(to_utc_lenient(local("2026-10-25T01:30"), lisbon)),
            "2026-10-25T00:30:00Z",
            "a repeated time is the first"
        );
    }

    #[test]
    fn a_day_that_skips_midnight_starts_at_its_first_hour() {
        // Chile moved its clocks forward at midnight: 2026-09-06 has no 00:00 in Santiago.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        let start = day_start(day, santiago);
        assert_eq!(
            start.with_timezone(&santiago).format("%H:%M").to_string(),
            "01:00"
        );
    }

    #[test]
    fn typed_times_and_dates_name_the_field_when_they_cannot_be_read() {
        for typed in ["", "10.12.2026 19:00", "2026-13-01T19:00", "2026-12-10"] {
            let err = parse_local("end", typed).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "end"),
                "{typed:?}: {err:?}"
            );
        }
        assert!(parse_date("start", "2026-02-30").is_err());
        assert_eq!(
            parse_local("start", " 2026-12-10T19:00:30 ")
                .unwrap()
                .to_string(),
            "2026-12-10 19:00:00"
        );
    }
}
