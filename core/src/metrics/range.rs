//! The days a metric is computed over: from one date to another, both included, in the
//! community's time zone. An empty or reversed range is refused, not computed as nothing.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result, Rule};

/// From `from` to `to`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "MetricsRange")]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Range {
    /// The range from `from` to `to`; refused when `to` comes before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Range> {
        if to < from {
            return Err(Error::invalid(
                "to",
                Rule::InvalidFormat,
                format!("the range ends ({to}) before it starts ({from})"),
            ));
        }
        Ok(Range { from, to })
    }

    /// Parses "YYYY-MM-DD" dates as typed.
    pub fn parse(from: &str, to: &str) -> Result<Range> {
        Range::new(parse_day("from", from)?, parse_day("to", to)?)
    }

    /// The twelve months up to and including `today`'s.
    pub fn last_twelve_months(today: NaiveDate) -> Range {
        let start = first_of_month(today)
            .checked_sub_months(chrono::Months::new(11))
            .unwrap_or(today);
        Range {
            from: start,
            to: today,
        }
    }

    /// How many days it holds.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Its length in months, at least one: what "per month" divides by.
    pub fn months_long(self) -> f64 {
        (self.days() as f64 / 30.436_875).max(1.0)
    }

    /// The range of the same length that ends the day before this one starts.
    pub fn previous(self) -> Range {
        let to = self.from - Days::new(1);
        Range {
            from: to - Days::new(self.days() as u64 - 1),
            to,
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Each calendar month it touches ("2027-03"), cut to the range at its ends.
    pub fn months(self) -> Vec<(String, Range)> {
        let mut months = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let next = first_of_month(start)
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(self.to + Days::new(1));
            let end = (next - Days::new(1)).min(self.to);
            months.push((
                format!("{:04}-{:02}", start.year(), start.month()),
                Range {
                    from: start,
                    to: end,
                },
            ));
            start = next;
        }
        months
    }
}

/// A day typed as "YYYY-MM-DD"; `field` names it in the error.
pub fn parse_day(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            Rule::InvalidFormat,
            format!("{field}: {text:?} is not a date like 2027-03-01"),
        )
    })
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn refused_field(from: &str, to: &str) -> Option<String> {
        match Range::parse(from, to).unwrap_err() {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_reversed_or_unreadable_range_is_refused() {
        assert_eq!(
            refused_field("2027-03-10", "2027-03-01").as_deref(),
            Some("to")
        );
        assert_eq!(
            refused_field("1 March", "2027-03-01").as_deref(),
            Some("from")
        );
        assert_eq!(Range::parse("2027-03-01", "2027-03-01").unwrap().days(), 1);
    }

    #[test]
    fn the_previous_range_is_as_long_and_ends_the_day_before() {
        let march = Range::parse("2027-03-01", "2027-03-31").unwrap();
        assert_eq!(
            march.previous(),
            Range::parse("2027-01-29", "2027-02-28").unwrap()
        );
    }

    #[test]
    fn months_are_cut_to_the_range() {
        let range = Range::parse("2027-01-15", "2027-03-10").unwrap();
        let months: Vec<_> = range
            .months()
            .into_iter()
            .map(|(m, r)| (m, r.from.to_string(), r.to.to_string()))
            .collect();
        assert_eq!(
            months,
            [
                ("2027-01".into(), "2027-01-15".into(), "2027-01-31".into()),
                ("2027-02".into(), "2027-02-01".into(), "2027-02-28".into()),
                ("2027-03".into(), "2027-03-01".into(), "2027-03-10".into()),
            ]
        );
        assert_eq!(
            Range::last_twelve_months(day("2027-03-10")),
            Range::parse("2026-04-01", "2027-03-10").unwrap()
        );
    }
}
