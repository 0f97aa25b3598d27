//! Measuring the community the way the source note asks: quantitative (members, growth,
//! engagement, how often people interact), qualitative (satisfaction, NPS, positive reviews)
//! and the events that keep it alive (attendance, no-shows, who comes back). Every metric
//! here is computed from the roster, the calendar and the feedback over a range of days in
//! the community's time zone, as a whole and month by month, under a stable key that the
//! interface, the JSON and the CSV share. Definitions and formulas: `docs/metrics.md`.
//!
//! A value that cannot be computed (a share of nothing, a mean of no answers) is `None`,
//! shown as "—": never NaN or infinity. A value computed from few observations says so
//! (`small`), so that "NPS 100" from two answers is not read as a verdict.

pub mod export;
mod gatherings;
pub mod goals;
pub mod impact;
pub mod levels;
mod people;
mod range;
pub mod series;

use chrono::NaiveDate;
use serde::Serialize;

pub use range::Range;

use crate::community;
use crate::db::Db;
use crate::enums::string_enum;
use crate::error::Result;

string_enum! {
    /// A computed metric, by the key the JSON, the CSV and goals name it with. Never renamed:
    /// goals and exported files keep it.
    #[ts(rename = "MetricKey")]
    pub enum Key {
        MembersTotal = "members_total",
        NewMembers = "new_members",
        GrowthRate = "growth_rate",
        ActiveMembers = "active_members",
        EngagementRate = "engagement_rate",
        InteractionsPerMember = "interactions_per_member_per_month",
        EventsPerMonth = "events_per_month",
        AverageAttendance = "average_attendance",
        NoShowRate = "no_show_rate",
        NewAttendees = "new_attendees",
        ReturningAttendees = "returning_attendees",
        Satisfaction = "satisfaction",
        Nps = "nps",
        PositiveReviews = "positive_reviews",
        ImpactCareerGrowth = "impact_career_growth",
        ImpactJointProjects = "impact_joint_projects",
        ImpactRecommendations = "impact_recommendations",
        ImpactNewSkills = "impact_new_skills",
    }
}

string_enum! {
    /// The source note's three ways of measuring success.
    #[ts(rename = "MetricCategory")]
    pub enum Category {
        Quantitative = "quantitative",
        Qualitative = "qualitative",
        Impact = "impact",
    }
}

string_enum! {
    /// How a value is read: a count, a share (0–1, shown as a percentage), a mean, or a
    /// score on its own scale (NPS, −100 to 100).
    #[ts(rename = "MetricUnit")]
    pub enum Unit {
        Count = "count",
        Share = "share",
        Mean = "mean",
        Score = "score",
    }
}

impl Key {
    pub fn category(self) -> Category {
        match self {
            Key::Satisfaction | Key::Nps | Key::PositiveReviews => Category::Qualitative,
            Key::ImpactCareerGrowth
            | Key::ImpactJointProjects
            | Key::ImpactRecommendations
            | Key::ImpactNewSkills => Category::Impact,
            _ => Category::Quantitative,
        }
    }

    /// True for the one metric where less is better: a rise in no-shows is bad news.
    pub fn lower_is_better(self) -> bool {
        self == Key::NoShowRate
    }

    pub fn unit(self) -> Unit {
        match self {
            Key::GrowthRate | Key::EngagementRate | Key::NoShowRate => Unit::Share,
            Key::InteractionsPerMember
            | Key::EventsPerMonth
            | Key::AverageAttendance
            | Key::Satisfaction => Unit::Mean,
            Key::Nps => Unit::Score,
            _ => Unit::Count,
        }
    }
}

/// Fewer observations than this behind a share or a mean, and the value is flagged as
/// resting on a small sample.
pub const SMALL_SAMPLE: u64 = 10;

/// One metric's value and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    /// None when it cannot be computed (a share of nothing): shown as "—".
    pub value: Option<f64>,
    /// How many observations it rests on (members, events, answers), for a share or a mean.
    #[ts(type = "number")]
    pub sample: u64,
    /// True when `sample` is below [`SMALL_SAMPLE`] for a share or a mean.
    pub small: bool,
}

impl Measure {
    /// A count: exact, whatever its size.
    fn count(n: u64) -> Measure {
        Measure {
            value: Some(n as f64),
            sample: n,
            small: false,
        }
    }

    /// `part / whole` over `sample` observations; None when `whole` is zero.
    fn ratio(part: f64, whole: f64, sample: u64) -> Measure {
        Measure::of(
            (whole != 0.0)
                .then(|| part / whole)
                .filter(|v| v.is_finite()),
            sample,
        )
    }

    /// A value resting on `sample` observations.
    pub(crate) fn of(value: Option<f64>, sample: u64) -> Measure {
        Measure {
            value: value.filter(|v| v.is_finite()),
            sample,
            small: sample < SMALL_SAMPLE,
        }
    }
}

/// One metric over the range, beside its value over the range just before it (as long).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    pub key: Key,
    pub category: Category,
    pub unit: Unit,
    /// True when a fall is good news (no-shows).
    pub lower_is_better: bool,
    pub current: Measure,
    pub previous: Measure,
}

/// Every metric for one calendar month (cut to the range at its ends).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Month {
    /// "2027-03".
    pub month: String,
    pub values: Vec<Valued>,
}

/// A metric's key with its value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Valued {
    pub key: Key,
    #[serde(flatten)]
    #[ts(flatten)]
    pub measure: Measure,
}

/// Who came to one event: first-timers and people who had come before.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventTurnout {
    pub event_id: i64,
    pub title: String,
    pub day: NaiveDate,
    pub came: u32,
    pub new: u32,
    pub returning: u32,
}

/// The people whose first event was in one month, and the share of them who came to
/// another event within 30, 60 and 90 days of it (None until that many days have passed
/// for the whole cohort).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    pub month: String,
    pub size: u32,
    pub within_30: Option<f64>,
    pub within_60: Option<f64>,
    pub within_90: Option<f64>,
    pub small: bool,
}

/// The metrics of one community over a range: the dashboard's cards, its monthly series,
/// each event's turnout and the retention cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub community_id: i64,
    pub range: Range,
    pub previous_range: Range,
    pub metrics: Vec<Metric>,
    pub months: Vec<Month>,
    pub events: Vec<EventTurnout>,
    pub cohorts: Vec<Cohort>,
}

/// The range a dashboard shows first: the twelve months up to today, in the community's
/// time zone.
pub fn default_range(db: &Db, community_id: i64) -> Result<Range> {
    let zone = zone_of(db, community_id)?;
    Ok(Range::last_twelve_months(
        chrono::Utc::now().with_timezone(&zone).date_naive(),
    ))
}

/// The range asked for as typed: both days as given; one of them, with the other a year
/// away; neither, the [`default_range`].
pub fn asked_range(
    db: &Db,
    community_id: i64,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Range> {
    match (from, to) {
        (Some(from), Some(to)) => Range::parse(from, to),
        (None, None) => default_range(db, community_id),
        (Some(from), None) => {
            let start = range::parse_day("from", from)?;
            Range::new(
                start,
                start + chrono::Months::new(12) - chrono::Days::new(1),
            )
        }
        (None, Some(to)) => Ok(Range::last_twelve_months(range::parse_day("to", to)?)),
    }
}

/// The community's time zone; one this build does not know (from a newer one) is UTC.
fn zone_of(db: &Db, community_id: i64) -> Result<chrono_tz::Tz> {
    let community = community::get(db, community_id)?;
    Ok(community
        .charter
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::UTC))
}

/// Everything the computed metrics are measured from, read once for a span of days and
/// measured in memory for any range inside it.
pub(crate) struct Sources {
    people: people::People,
    gatherings: gatherings::Gatherings,
    impacts: impact::Impacts,
}

impl Sources {
    /// Reads what `range` and `previous` (the range before it, whose interactions are only
    /// counted) need.
    fn read(db: &Db, community_id: i64, range: Range, previous: Range) -> Result<Sources> {
        let zone = zone_of(db, community_id)?;
        let span = Range::new(previous.from.min(range.from), range.to)?;
        Ok(Sources {
            people: people::People::read(db, community_id, range, previous)?,
            gatherings: gatherings::Gatherings::read(db, community_id, span, zone)?,
            impacts: impact::Impacts::read(db, community_id, span)?,
        })
    }

    /// Every metric over `range`.
    fn measure(&self, range: Range) -> Vec<Valued> {
        let mut values = self.people.measure(range);
        values.extend(self.gatherings.measure(range));
        values.extend(self.impacts.measure(range));
        values
    }
}

/// Computes every metric of `community_id` over `range`, over the range before it, and
/// month by month.
pub fn dashboard(db: &Db, community_id: i64, range: Range) -> Result<Dashboard> {
    let previous_range = range.previous();
    let sources = Sources::read(db, community_id, range, previous_range)?;
    let current = sources.measure(range);
    let previous = sources.measure(previous_range);
    let metrics = Key::ALL
        .iter()
        .map(|&key| {
            let find = |values: &[Valued]| {
                values
                    .iter()
                    .find(|v| v.key == key)
                    .map(|v| v.measure)
                    .unwrap_or(Measure::of(None, 0))
            };
            Metric {
                key,
                category: key.category(),
                unit: key.unit(),
                lower_is_better: key.lower_is_better(),
                current: find(&current),
                previous: find(&previous),
            }
        })
        .collect();
    let months = range
        .months()
        .into_iter()
        .map(|(month, r)| Month {
            month,
            values: sources.measure(r),
        })
        .collect();
    Ok(Dashboard {
        community_id,
        range,
        previous_range,
        metrics,
        months,
        events: sources.gatherings.turnouts(range),
        cohorts: sources.gatherings.cohorts(range),
    })
}

#[cfg(test)]
mod tests;
