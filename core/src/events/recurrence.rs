//! Recurring series: the rule a person chooses ("every 2 weeks", "monthly on the 10th",
//! "the second Thursday of every month", ending after a count or on a date), written as an
//! RFC 5545 RRULE and expanded into the wall-clock starts of its occurrences.
//!
//! Expansion is done by the `rrule` crate on wall-clock times (the first start read as if
//! it were UTC, where no clock ever jumps), and each start is then placed in the event's
//! zone. So a 19:00 meetup stays at 19:00 across DST changes, and a start the clocks skip
//! keeps the offset from before the jump. Every series has an end, and no series makes
//! more than [`OCCURRENCES_MAX`] occurrences: expansion is always bounded.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use serde::Deserialize;

use super::local_time;
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};

/// The most occurrences a series may have: ten years of weekly meetups.
pub const OCCURRENCES_MAX: u32 = 520;
/// The largest step between occurrences, in weeks or months.
pub const INTERVAL_MAX: u32 = 52;

string_enum! {
    /// Weekly: on the first start's weekday, every `interval` weeks. Monthly by date: on
    /// its day of the month (months without that day are skipped, as RFC 5545 says).
    /// Monthly by weekday: on its weekday and place in the month ("second Thursday"), or
    /// the last such weekday when asked.
    pub enum Repeat {
        Weekly = "weekly",
        MonthlyByDate = "monthly_by_date",
        MonthlyByWeekday = "monthly_by_weekday",
    }
}

/// A series as a form or the command line gives it.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RecurrenceInput {
    pub repeat: String,
    /// Every how many weeks or months; blank or 0 is 1.
    pub interval: Option<u32>,
    /// For monthly by weekday: the last such weekday of the month rather than its place
    /// counted from the start (the fourth Thursday may also be the last).
    pub last_weekday: bool,
    /// How many occurrences, the first included.
    pub count: Option<u32>,
    /// Or the last day an occurrence may fall on ("2027-06-30").
    pub until: Option<String>,
}

/// A checked rule: its RRULE text and where its occurrences start.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurrence {
    /// The RRULE value, e.g. "FREQ=MONTHLY;BYDAY=2TH;COUNT=12".
    pub rrule: String,
}

impl RecurrenceInput {
    /// Checks the rule against the series' first wall-clock start.
    pub fn validate(&self, first: NaiveDateTime) -> Result<Recurrence> {
        let repeat = Repeat::parse("repeat", self.repeat.trim())?;
        let interval = match self.interval.unwrap_or(1) {
            0 => 1,
            n if n <= INTERVAL_MAX => n,
            n => {
                return Err(Error::invalid(
                    "interval",
                    Rule::InvalidFormat,
                    format!("every {n} is too far apart: at most every {INTERVAL_MAX}"),
                ))
            }
        };
        let weekday = weekday_code(first.date());
        let mut rule = match repeat {
            Repeat::Weekly => format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY={weekday}"),
            Repeat::MonthlyByDate => {
                format!(
                    "FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={}",
                    first.day()
                )
            }
            Repeat::MonthlyByWeekday => {
                let place = if self.last_weekday {
                    if !is_last_weekday_of_month(first.date()) {
                        return Err(Error::invalid(
                            "lastWeekday",
                            Rule::InvalidFormat,
                            format!(
                                "{} is not the last {} of its month",
                                first.date(),
                                first.weekday()
                            ),
                        ));
                    }
                    -1
                } else {
                    i32::try_from(first.day0() / 7 + 1).unwrap_or(1)
                };
                format!("FREQ=MONTHLY;INTERVAL={interval};BYDAY={place}{weekday}")
            }
        };
        let until = self
            .until
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| local_time::parse_date("until", u))
            .transpose()?;
        match (self.count, until) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "until",
                    Rule::InvalidFormat,
                    "a series ends after a count or on a date, not both",
                ))
            }
            (None, None) => {
                return Err(Error::invalid(
                    "count",
                    Rule::Required,
                    "a series needs an end: a number of occurrences or a last day",
                ))
            }
            (Some(count), None) => {
                if !(1..=OCCURRENCES_MAX).contains(&count) {
                    return Err(Error::invalid(
                        "count",
                        Rule::InvalidFormat,
                        format!("{count} occurrences: a series has 1 to {OCCURRENCES_MAX}"),
                    ));
                }
                rule.push_str(&format!(";COUNT={count}"));
            }
            (None, Some(until)) => {
                if until < first.date() {
                    return Err(Error::invalid(
                        "until",
                        Rule::InvalidFormat,
                        format!(
                            "the last day ({until}) is before the first ({})",
                            first.date()
                        ),
                    ));
                }
                // Wall-clock, as the expansion reads it: the end of that day.
                rule.push_str(&format!(";UNTIL={}T235959Z", until.format("%Y%m%d")));
            }
        }
        let recurrence = Recurrence { rrule: rule };
        let starts = recurrence.starts(first)?;
        if starts.len() > OCCURRENCES_MAX as usize {
            return Err(Error::invalid(
                "until",
                Rule::InvalidFormat,
                format!("that is more than {OCCURRENCES_MAX} occurrences: end the series sooner"),
            ));
        }
        Ok(recurrence)
    }
}

impl Recurrence {
    /// A stored rule, as the database or a file gives it; it must have an end.
    pub fn from_rrule(rrule: &str) -> Result<Recurrence> {
        let rrule = rrule.trim().trim_start_matches("RRULE:").to_string();
        let upper = rrule.to_ascii_uppercase();
        if !upper.contains("COUNT=") && !upper.contains("UNTIL=") {
            return Err(Error::invalid(
                "rrule",
                Rule::InvalidFormat,
                format!("{rrule:?} never ends: a series needs COUNT or UNTIL"),
            ));
        }
        Ok(Recurrence { rrule })
    }

    /// The wall-clock starts of the occurrences, the first included, in order; at most
    /// one more than [`OCCURRENCES_MAX`], so a caller can tell a rule that makes too many.
    pub fn starts(&self, first: NaiveDateTime) -> Result<Vec<NaiveDateTime>> {
        let bad = |e: String| {
            Error::invalid(
                "rrule",
                Rule::InvalidFormat,
                format!(
                    "{:?} is not a recurrence rule Hearth can follow: {e}",
                    self.rrule
                ),
            )
        };
        let dt_start = rrule::Tz::UTC.from_utc_datetime(&first);
        let rule: rrule::RRule<rrule::Unvalidated> = self
            .rrule
            .parse()
            .map_err(|e: rrule::RRuleError| bad(e.to_string()))?;
        let set = rule.build(dt_start).map_err(|e| bad(e.to_string()))?;
        let limit = u16::try_from(OCCURRENCES_MAX + 1).unwrap_or(u16::MAX);
        Ok(set.all(limit).dates.iter().map(|d| d.naive_utc()).collect())
    }
}

/// "MO".."SU", as RRULE names weekdays.
fn weekday_code(day: NaiveDate) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday().num_days_from_monday() as usize]
}

fn is_last_weekday_of_month(day: NaiveDate) -> bool {
    day.checked_add_days(chrono::Days::new(7))
        .is_none_or(|week_later| week_later.month() != day.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        local_time::parse_local("start", text).unwrap()
    }

    fn starts(input: RecurrenceInput, first: &str) -> Vec<String> {
        input
            .validate(at(first))
            .unwrap()
            .starts(at(first))
            .unwrap()
            .iter()
            .map(|s| s.format("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    #[test]
    fn the_second_thursday_of_every_month() {
        let input = RecurrenceInput {
            repeat: "monthly_by_weekday".into(),
            count: Some(4),
            ..RecurrenceInput::default()
        };
        assert_eq!(
            input.validate(at("2026-12-10T19:00")).unwrap().rrule,
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=4"
        );
        assert_eq!(
            starts(input, "2026-12-10T19:00"),
            [
                "2026-12-10 19:00",
                "2027-01-14 19:00",
                "2027-02-11 19:00",
                "2027-03-11 19:00"
            ]
        );
    }

    #[test]
    fn every_two_weeks_until_a_day_and_the_last_friday() {
        let fortnightly = RecurrenceInput {
            repeat: "weekly".into(),
            interval: Some(2),
            until: Some("2027-01-08".into()),
            ..RecurrenceInput::default()
        };
        assert_eq!(
            starts(fortnightly, "2026-12-02T18:30"),
            ["2026-12-02 18:30", "2026-12-16 18:30", "2026-12-30 18:30"]
        );
        let last_friday = RecurrenceInput {
            repeat: "monthly_by_weekday".into(),
            last_weekday: true,
            count: Some(3),
            ..RecurrenceInput::default()
        };
        assert_eq!(
            starts(last_friday, "2026-12-25T10:00"),
            ["2026-12-25 10:00", "2027-01-29 10:00", "2027-02-26 10:00"]
        );
        let on_the_31st = RecurrenceInput {
            repeat: "monthly_by_date".into(),
            count: Some(3),
            ..RecurrenceInput::default()
        };
        assert_eq!(
            starts(on_the_31st, "2026-12-31T19:00"),
            ["2026-12-31 19:00", "2027-01-31 19:00", "2027-03-31 19:00"],
            "months without a 31st are skipped"
        );
    }

    #[test]
    fn a_rule_without_an_end_or_with_too_many_is_refused() {
        let first = at("2026-12-10T19:00");
        let field = |input: RecurrenceInput| match input.validate(first).unwrap_err() {
            Error::InvalidInput { field, .. } => field.unwrap_or_default(),
            other => panic!("{other:?}"),
        };
        let weekly = || RecurrenceInput {
            repeat: "weekly".into(),
            ..RecurrenceInput::default()
        };
        assert_eq!(field(weekly()), "count", "no end");
        assert_eq!(
            field(RecurrenceInput {
                count: Some(521),
                ..weekly()
            }),
            "count"
        );
        assert_eq!(
            field(RecurrenceInput {
                count: Some(0),
                ..weekly()
            }),
            "count"
        );
        assert_eq!(
            field(RecurrenceInput {
                until: Some("2040-01-01".into()),
                ..weekly()
            }),
            "until",
            "more than ten years of weeks"
        );
        assert_eq!(
            field(RecurrenceInput {
                until: Some("2026-12-01".into()),
                ..weekly()
            }),
            "until"
        );
        assert_eq!(
            field(RecurrenceInput {
                count: Some(3),
                until: Some("2027-01-01".into()),
                ..weekly()
            }),
            "until"
        );
        assert_eq!(
            field(RecurrenceInput {
                interval: Some(53),
                count: Some(3),
                ..weekly()
            }),
            "interval"
        );
        assert_eq!(
            field(RecurrenceInput {
                repeat: "daily".into(),
                count: Some(3),
                ..weekly()
            }),
            "repeat"
        );
        let not_last = RecurrenceInput {
            repeat: "monthly_by_weekday".into(),
            last_weekday: true,
            count: Some(3),
            ..RecurrenceInput::default()
        };
        assert_eq!(
            field(not_last),
            "lastWeekday",
            "10 December is not the last Thursday"
        );
        assert!(
            Recurrence::from_rrule("FREQ=WEEKLY").is_err(),
            "a stored rule without an end"
        );
        assert!(Recurrence::from_rrule("RRULE:FREQ=WEEKLY;COUNT=2").is_ok());
        assert!(Recurrence::from_rrule("FREQ=SOMETIMES;COUNT=2")
            .unwrap()
            .starts(first)
            .is_err());
    }
}
