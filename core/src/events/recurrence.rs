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

impl Recurrence {
    /// The rule and first day of a series moved to other days: one of its occurrences,
    /// made for the day `from`, now falls on `to`. The rule's day follows that occurrence
    /// (weekly on its new weekday, monthly on its new date or its new place in the month,
    /// "the second Friday"), the first occurrence moves to the same day of its own week or
    /// month, and the series keeps as many occurrences as it had. Rules Hearth does not
    /// make (several weekdays, yearly, ...) are refused rather than guessed at.
    pub fn moved(
        &self,
        first: NaiveDateTime,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(Recurrence, NaiveDate)> {
        let refused = || {
            Error::invalid(
                "start",
                Rule::InvalidFormat,
                format!(
                    "the series' rule ({}) cannot follow a move to another day: move this occurrence alone",
                    self.rrule
                ),
            )
        };
        let parts: Vec<(String, String)> = self
            .rrule
            .split(';')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (key, value) = part.split_once('=').unwrap_or((part, ""));
                (
                    key.trim().to_ascii_uppercase(),
                    value.trim().to_ascii_uppercase(),
                )
            })
            .collect();
        let value = |key: &str| {
            parts
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        if parts.iter().any(|(k, _)| {
            !matches!(
                k.as_str(),
                "FREQ" | "INTERVAL" | "COUNT" | "UNTIL" | "WKST" | "BYDAY" | "BYMONTHDAY"
            )
        }) {
            return Err(refused());
        }
        let shift = to - from;
        let (day_part, first_day) = match (value("FREQ"), value("BYDAY"), value("BYMONTHDAY")) {
            (Some("WEEKLY"), by_day, None) if by_day.is_none_or(|d| d.len() == 2) => (
                format!("BYDAY={}", weekday_code(to)),
                Some(first.date() + shift),
            ),
            (Some("MONTHLY"), None, Some(day)) if day.parse::<u32>().is_ok() => (
                format!("BYMONTHDAY={}", to.day()),
                first_in_month(first.date(), |d| d.day() == to.day()),
            ),
            (Some("MONTHLY"), Some(by_day), None) if by_day.len() > 2 && !by_day.contains(',') => {
                let place = if (by_day.starts_with('-') || to.day0() / 7 >= 4)
                    && is_last_weekday_of_month(to)
                {
                    -1
                } else {
                    i32::try_from(to.day0() / 7 + 1).unwrap_or(1)
                };
                let weekday = to.weekday();
                let day_of = move |d: NaiveDate| {
                    d.weekday() == weekday
                        && if place < 0 {
                            is_last_weekday_of_month(d)
                        } else {
                            i32::try_from(d.day0() / 7 + 1).ok() == Some(place)
                        }
                };
                (
                    format!("BYDAY={place}{}", weekday_code(to)),
                    first_in_month(first.date(), day_of),
                )
            }
            _ => return Err(refused()),
        };
        let before = self.starts(first)?.len();
        let mut written: Vec<String> = parts
            .iter()
            .filter(|(k, _)| k != "BYDAY" && k != "BYMONTHDAY")
            .map(|(k, v)| match k.as_str() {
                // The last day moves as far as the occurrence did.
                "UNTIL" => NaiveDate::parse_from_str(v.get(..8).unwrap_or(v), "%Y%m%d")
                    .map(|until| {
                        format!(
                            "UNTIL={}{}",
                            (until + shift).format("%Y%m%d"),
                            v.get(8..).unwrap_or("")
                        )
                    })
                    .unwrap_or_else(|_| format!("{k}={v}")),
                _ => format!("{k}={v}"),
            })
            .collect();
        written.insert(
            written
                .iter()
                .position(|p| p.starts_with("COUNT=") || p.starts_with("UNTIL="))
                .unwrap_or(written.len()),
            day_part,
        );
        let mut moved = Recurrence {
            rrule: written.join(";"),
        };
        let first_day = first_day.ok_or_else(refused)?;
        if moved.starts(first_day.and_time(first.time()))?.len() != before {
            // A month's days fall differently: keep the count of occurrences instead.
            let count = format!("COUNT={before}");
            moved.rrule = moved
                .rrule
                .split(';')
                .map(|p| {
                    if p.starts_with("UNTIL=") || p.starts_with("COUNT=") {
                        count.as_str()
                    } else {
                        p
                    }
                })
                .collect::<Vec<_>>()
                .join(";");
        }
        Ok((moved, first_day))
    }
}

/// The first day, from the start of `day`'s month on (within a year), that `wanted` accepts.
fn first_in_month(day: NaiveDate, wanted: impl Fn(NaiveDate) -> bool) -> Option<NaiveDate> {
    let start = day.with_day(1)?;
    start.iter_days().take(366).find(|d| wanted(*d))
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
    fn a_moved_rule_follows_the_day_or_is_refused() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let moved = |rrule: &str, first: &str, from: &str, to: &str| {
            Recurrence::from_rrule(rrule)
                .unwrap()
                .moved(at(first), day(from), day(to))
                .map(|(rule, first)| (rule.rrule, first.to_string()))
        };
        // The 10th to the 31st: months without a 31st are skipped, so the count is kept
        // by the count rather than by the last day.
        assert_eq!(
            moved(
                "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=10;UNTIL=20270610T235959Z",
                "2027-01-10T19:00",
                "2027-03-10",
                "2027-03-31"
            )
            .unwrap(),
            (
                "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31;COUNT=6".to_string(),
                "2027-01-31".to_string()
            )
        );
        // The fifth Friday of April is its last: "the last Friday", which every month has.
        assert_eq!(
            moved(
                "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=3",
                "2027-01-14T19:00",
                "2027-04-08",
                "2027-04-30"
            )
            .unwrap(),
            (
                "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR;COUNT=3".to_string(),
                "2027-01-29".to_string()
            )
        );
        // Every two weeks stays in step with its first week.
        assert_eq!(
            moved(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=4",
                "2027-01-04T19:00",
                "2027-01-18",
                "2027-01-17"
            )
            .unwrap(),
            (
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=4".to_string(),
                "2027-01-03".to_string()
            )
        );
        // A rule Hearth does not make is not guessed at.
        for rrule in [
            "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4",
            "FREQ=YEARLY;COUNT=3",
            "FREQ=MONTHLY;BYSETPOS=1;BYDAY=MO;COUNT=2",
        ] {
            let err = moved(rrule, "2027-01-04T19:00", "2027-01-04", "2027-01-05").unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "start"),
                "{rrule}: {err:?}"
            );
        }
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
