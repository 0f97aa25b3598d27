//! Goals: a target on any metric, computed or recorded, with a due date, tied to the line of
//! the charter's expected results it measures ("50 active members by 1 March", "two events
//! a month", "satisfaction ≥ 4.5"). Each goal is measured as of today against where it
//! stood on the day it was set, and its trend says whether it keeps pace: a straight line
//! from that start to the target by the due date is the pace to keep.
//!
//! How a computed metric is read for a goal depends on what it measures (see
//! `docs/metrics.md`, "Goals"): a level (members, active members, engagement) as of the day;
//! a flow (new members, growth, first-time attendees, reviews, impact) since the goal was
//! set; a rate or a mean (events a month, attendance, satisfaction, NPS) over the 90 days up
//! to the day, so a goal set today can be read today. Once its due date has passed, a goal is
//! judged on that date: what came after does not count.

use chrono::{Days, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::series::{self, typed_number, Series};
use super::{Key, Range, Sources, Unit};
use crate::community::locale_and_today;
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::optional;

pub const EXPECTED_RESULT_MAX: u32 = 500;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[("expectedResult", EXPECTED_RESULT_MAX)];

/// The days a rate or a mean is read over for a goal.
const TRAILING_DAYS: u64 = 90;

string_enum! {
    /// Whether the target is a floor ("at least 50 members") or a ceiling ("no-shows at
    /// most 10 %").
    #[ts(rename = "GoalDirection")]
    pub enum Direction {
        AtLeast = "at_least",
        AtMost = "at_most",
    }
}

string_enum! {
    /// Where a goal stands today: reached; keeping the pace to reach it by its due date;
    /// behind that pace; past its due date unreached; or nothing to read yet.
    pub enum GoalStatus {
        Met = "met",
        OnTrack = "on_track",
        Behind = "behind",
        Missed = "missed",
        NoData = "no_data",
    }
}

/// How far a goal has come.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "GoalProgress")]
pub struct Progress {
    /// The value on the day the goal was set, or the first one read after it (None:
    /// nothing to read yet).
    pub start: Option<f64>,
    /// The value today; once the due date has passed, the value on it.
    pub current: Option<f64>,
    /// Where the pace from start to target puts the value today.
    pub expected: Option<f64>,
    /// The share of the way from start to target covered, 0 to 1.
    pub share: Option<f64>,
    pub status: GoalStatus,
}

/// A goal with its progress as of `today`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    /// The computed metric it is on, or None for a recorded series.
    pub metric: Option<Key>,
    pub series_id: Option<i64>,
    /// The series' name and unit, for a goal on a series.
    pub series_name: Option<String>,
    pub series_unit: Option<String>,
    /// How its values read: the metric's unit; a series counts in its own unit.
    pub unit: Unit,
    pub direction: Direction,
    /// In the metric's own terms: a share as 0–1, even though it is typed as a percentage.
    pub target: f64,
    pub set_on: NaiveDate,
    pub due_on: NaiveDate,
    pub expected_result: String,
    pub today: NaiveDate,
    pub progress: Progress,
}

/// A goal as typed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct GoalInput {
    /// A computed metric's key; empty when `series_id` is given.
    pub metric: String,
    pub series_id: Option<i64>,
    /// `at_least` or `at_most`; empty takes the metric's own way (lower is better for
    /// no-shows).
    pub direction: String,
    /// As typed; a share (engagement, no-shows) in percent.
    pub target: String,
    /// `YYYY-MM-DD`, today or later.
    pub due_on: String,
    pub expected_result: String,
}

/// What a goal is on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum On {
    Metric(Key),
    Series(i64),
}

struct Checked {
    on: On,
    direction: Direction,
    target: f64,
    due_on: NaiveDate,
    expected_result: String,
}

impl GoalInput {
    /// Checks the input in the community of the goal; `kept_due` is the due date a goal
    /// being changed already has, which may stay even once it has passed.
    fn validate(
        &self,
        r: &Read,
        community_id: i64,
        today: NaiveDate,
        kept_due: Option<NaiveDate>,
    ) -> Result<Checked> {
        let on = match (self.metric.trim(), self.series_id) {
            ("", Some(id)) => {
                let s = series::get_in(r, id)?;
                if s.community_id != community_id {
                    return Err(Error::invalid(
                        "seriesId",
                        Rule::UnknownValue,
                        format!("series {id} belongs to another community"),
                    ));
                }
                On::Series(id)
            }
            ("", None) => {
                return Err(Error::invalid(
                    "metric",
                    Rule::Required,
                    "a goal needs a metric",
                ))
            }
            (key, _) => On::Metric(Key::parse("metric", key)?),
        };
        let direction = match self.direction.trim() {
            "" => match on {
                On::Metric(key) if key.lower_is_better() => Direction::AtMost,
                _ => Direction::AtLeast,
            },
            typed => Direction::parse("direction", typed)?,
        };
        let typed = typed_number("target", &self.target)?;
        let target = match on {
            On::Metric(key) => in_metric_terms(key.unit(), typed)?,
            On::Series(_) => typed,
        };
        let due_on = crate::members::date("dueOn", &self.due_on)?
            .ok_or_else(|| Error::invalid("dueOn", Rule::Required, "a goal needs a due date"))?;
        if due_on < today && Some(due_on) != kept_due {
            return Err(Error::invalid(
                "dueOn",
                Rule::InvalidFormat,
                format!("{due_on} has passed: a goal is due today ({today}) or later"),
            ));
        }
        Ok(Checked {
            on,
            direction,
            target,
            due_on,
            expected_result: optional(
                "expectedResult",
                &self.expected_result,
                EXPECTED_RESULT_MAX,
            )?,
        })
    }
}

/// A typed target in the metric's own terms: a share is typed in percent and kept as 0–1;
/// each unit's range is checked, so "NPS 150" or "engagement 120 %" is refused.
fn in_metric_terms(unit: Unit, typed: f64) -> Result<f64> {
    let (low, high, value) = match unit {
        Unit::Share => (0.0, 100.0, typed / 100.0),
        Unit::Score => (-100.0, 100.0, typed),
        Unit::Count | Unit::Mean => (0.0, series::VALUE_MAX, typed),
    };
    if typed < low || typed > high {
        return Err(Error::invalid(
            "target",
            Rule::InvalidFormat,
            format!("{typed} is outside what this metric can be ({low} to {high})"),
        ));
    }
    Ok(value)
}

/// The community's goals with their progress today, soonest due first.
pub fn list(db: &Db, community_id: i64) -> Result<Vec<Goal>> {
    let today = db.read(|r| locale_and_today(r, community_id))?.1;
    list_on(db, community_id, today)
}

/// The community's goals with their progress as of `today`.
pub fn list_on(db: &Db, community_id: i64, today: NaiveDate) -> Result<Vec<Goal>> {
    let (rows, all_series) = db.read(|r| {
        let rows = r.query_all(
            "SELECT id, uid, community_id, metric, series_id, direction, target, set_on, due_on,
                    expected_result
             FROM goals WHERE community_id = ?1 ORDER BY due_on, id",
            [community_id],
            from_row,
        )?;
        Ok((rows, series::list_in(r, community_id)?))
    })?;
    let computed = rows.iter().any(|g| matches!(g.on, On::Metric(_)));
    let sources = match rows.iter().map(|g| g.set_on).min() {
        Some(earliest) if computed => {
            let from = earliest.min(today) - Days::new(TRAILING_DAYS);
            let span = Range::new(from, today)?;
            Some(Sources::read(
                db,
                community_id,
                span,
                Range::new(from, from)?,
            )?)
        }
        _ => None,
    };
    Ok(rows
        .into_iter()
        .map(|g| measured(g, today, sources.as_ref(), &all_series))
        .collect())
}

/// Sets a goal today (the community's).
pub fn create(db: &mut Db, community_id: i64, input: &GoalInput) -> Result<Goal> {
    let id = db.write(|w| {
        let (_, today) = locale_and_today(w, community_id)?;
        insert(w, community_id, input, today)
    })?;
    get(db, id)
}

/// Sets a goal as if on `today`: for the sample community and for tests of progress.
pub(crate) fn insert(
    w: &Write,
    community_id: i64,
    input: &GoalInput,
    today: NaiveDate,
) -> Result<i64> {
    {
        let g = input.validate(w, community_id, today, None)?;
        let (metric, series_id) = split(g.on);
        let now = Utc::now();
        w.execute(
            "INSERT INTO goals (uid, community_id, metric, series_id, direction, target, set_on,
                                due_on, expected_result, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                metric,
                series_id,
                g.direction,
                g.target,
                today,
                g.due_on,
                g.expected_result,
                now
            ],
        )?;
        Ok(w.last_insert_rowid())
    }
}

/// Changes a goal's metric, target, due date or expected result. The day it was set
/// stays: it is where its progress is measured from.
pub fn update(db: &mut Db, id: i64, input: &GoalInput) -> Result<Goal> {
    db.write(|w| {
        let old = get_row(w, id)?;
        let (_, today) = locale_and_today(w, old.community_id)?;
        let g = input.validate(w, old.community_id, today, Some(old.due_on))?;
        let (metric, series_id) = split(g.on);
        w.execute(
            "UPDATE goals SET metric = ?2, series_id = ?3, direction = ?4, target = ?5,
                              due_on = max(?6, set_on), expected_result = ?7, updated_at = ?8
             WHERE id = ?1",
            params![
                id,
                metric,
                series_id,
                g.direction,
                g.target,
                g.due_on,
                g.expected_result,
                Utc::now()
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let g = get_row(w, id)?;
        w.execute("DELETE FROM goals WHERE id = ?1", [id])?;
        tombstones::bury(w, "goals", &g.uid, g.community_id, Utc::now())
    })
}

/// One goal with its progress today.
pub fn get(db: &Db, id: i64) -> Result<Goal> {
    let community_id = db.read(|r| get_row(r, id))?.community_id;
    list(db, community_id)?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(|| Error::NotFound(format!("goal {id} does not exist")))
}

/// A goal as stored.
struct Stored {
    id: i64,
    uid: String,
    community_id: i64,
    on: On,
    direction: Direction,
    target: f64,
    set_on: NaiveDate,
    due_on: NaiveDate,
    expected_result: String,
}

fn get_row(r: &Read, id: i64) -> Result<Stored> {
    r.query_optional(
        "SELECT id, uid, community_id, metric, series_id, direction, target, set_on, due_on,
                expected_result
         FROM goals WHERE id = ?1",
        [id],
        from_row,
    )?
    .ok_or_else(|| Error::NotFound(format!("goal {id} does not exist")))
}

fn from_row(row: &Row) -> rusqlite::Result<Stored> {
    let metric: Option<Key> = row.get("metric")?;
    let series_id: Option<i64> = row.get("series_id")?;
    let on = match (metric, series_id) {
        (Some(key), _) => On::Metric(key),
        (None, Some(id)) => On::Series(id),
        // The table's CHECK rules this out.
        (None, None) => On::Series(0),
    };
    Ok(Stored {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        on,
        direction: row.get("direction")?,
        target: row.get("target")?,
        set_on: row.get("set_on")?,
        due_on: row.get("due_on")?,
        expected_result: row.get("expected_result")?,
    })
}

fn split(on: On) -> (Option<Key>, Option<i64>) {
    match on {
        On::Metric(key) => (Some(key), None),
        On::Series(id) => (None, Some(id)),
    }
}

/// How a computed metric is read for a goal.
enum Reading {
    /// As of the day.
    Level,
    /// Since the goal was set: nothing yet on that day.
    Flow,
    /// Over the `TRAILING_DAYS` up to the day.
    Trailing,
}

fn reading(key: Key) -> Reading {
    match key {
        Key::MembersTotal | Key::ActiveMembers | Key::EngagementRate => Reading::Level,
        Key::NewMembers
        | Key::GrowthRate
        | Key::NewAttendees
        | Key::ReturningAttendees
        | Key::PositiveReviews
        | Key::ImpactCareerGrowth
        | Key::ImpactJointProjects
        | Key::ImpactRecommendations
        | Key::ImpactNewSkills => Reading::Flow,
        Key::InteractionsPerMember
        | Key::EventsPerMonth
        | Key::AverageAttendance
        | Key::NoShowRate
        | Key::Satisfaction
        | Key::Nps => Reading::Trailing,
    }
}

/// The value of `key` as a goal set on `set_on` reads it on `day`.
fn metric_on(sources: &Sources, key: Key, set_on: NaiveDate, day: NaiveDate) -> Option<f64> {
    let range = match reading(key) {
        Reading::Level => Range { from: day, to: day },
        Reading::Flow if day <= set_on => return Some(0.0),
        Reading::Flow => Range {
            from: set_on,
            to: day,
        },
        Reading::Trailing => Range {
            from: day - Days::new(TRAILING_DAYS - 1),
            to: day,
        },
    };
    sources
        .measure(range)
        .into_iter()
        .find(|v| v.key == key)
        .and_then(|v| v.measure.value)
}

fn measured(g: Stored, today: NaiveDate, sources: Option<&Sources>, all: &[Series]) -> Goal {
    let series = match g.on {
        On::Series(id) => all.iter().find(|s| s.id == id),
        On::Metric(_) => None,
    };
    // Read today, or on its due date once that has passed: what came after does not count.
    let day = today.min(g.due_on);
    let (start, current) = match (g.on, sources, series) {
        (On::Metric(key), Some(sources), _) => {
            // Without a value on the day it was set (no feedback yet), the first one read
            // after it, a week at a time, is the start.
            let start = std::iter::successors(Some(g.set_on.min(day)), |d| {
                (*d < day).then(|| (*d + Days::new(7)).min(day))
            })
            .find_map(|d| metric_on(sources, key, g.set_on, d));
            (start, metric_on(sources, key, g.set_on, day))
        }
        (On::Series(_), _, Some(s)) => (
            // Without a value by the day it was set, the first one recorded is the start.
            s.value_on(g.set_on)
                .or_else(|| s.points.first().map(|p| p.value)),
            s.value_on(day),
        ),
        _ => (None, None),
    };
    let progress = progress(&g, today, start, current);
    Goal {
        id: g.id,
        uid: g.uid,
        community_id: g.community_id,
        metric: match g.on {
            On::Metric(key) => Some(key),
            On::Series(_) => None,
        },
        series_id: series.map(|s| s.id),
        series_name: series.map(|s| s.name.clone()),
        series_unit: series.map(|s| s.unit.clone()),
        unit: match g.on {
            On::Metric(key) => key.unit(),
            On::Series(_) => Unit::Count,
        },
        direction: g.direction,
        target: g.target,
        set_on: g.set_on,
        due_on: g.due_on,
        expected_result: g.expected_result,
        today,
        progress,
    }
}

/// Where a goal stands: reached, or else measured against a straight line from its start
/// on the day it was set to its target on its due date.
fn progress(g: &Stored, today: NaiveDate, start: Option<f64>, current: Option<f64>) -> Progress {
    let Some(now) = current else {
        return Progress {
            start,
            current,
            expected: None,
            share: None,
            status: GoalStatus::NoData,
        };
    };
    let from = start.unwrap_or(now);
    let ahead = |a: f64, b: f64| match g.direction {
        Direction::AtLeast => a >= b,
        Direction::AtMost => a <= b,
    };
    let whole = (g.due_on - g.set_on).num_days();
    let elapsed = (today - g.set_on).num_days().clamp(0, whole.max(0));
    let pace = if whole <= 0 {
        1.0
    } else {
        elapsed as f64 / whole as f64
    };
    let expected = from + (g.target - from) * pace;
    let reached = ahead(now, g.target);
    let share = if reached {
        1.0
    } else if g.target == from {
        0.0
    } else {
        ((now - from) / (g.target - from)).clamp(0.0, 1.0)
    };
    let status = if reached {
        GoalStatus::Met
    } else if today > g.due_on {
        GoalStatus::Missed
    } else if ahead(now, expected) {
        GoalStatus::OnTrack
    } else {
        GoalStatus::Behind
    };
    Progress {
        start,
        current,
        expected: Some(expected),
        share: Some(share),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{self, MemberInput};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn joined(db: &mut Db, c: i64, name: &str, on: &str) {
        let input = MemberInput {
            name: Some(name.into()),
            joined_on: Some(on.into()),
            ..MemberInput::default()
        };
        members::create(db, c, &input).unwrap();
    }

    /// Ana, who joined on 5 January 2026; Bruno, on 10 February; Dora, on 1 March.
    fn guild_of_three() -> (crate::db::testing::TempDb, i64) {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        joined(&mut t.db, c, "Ana", "2026-01-05");
        joined(&mut t.db, c, "Bruno", "2026-02-10");
        joined(&mut t.db, c, "Dora", "2026-03-01");
        (t, c)
    }

    fn goal(metric: &str, target: &str, due: &str) -> GoalInput {
        GoalInput {
            metric: metric.into(),
            target: target.into(),
            due_on: due.into(),
            ..GoalInput::default()
        }
    }

    fn set(db: &mut Db, c: i64, input: &GoalInput, on: &str) -> Result<i64> {
        db.write(|w| insert(w, c, input, day(on)))
    }

    fn on(db: &Db, c: i64, today: &str) -> Vec<Goal> {
        list_on(db, c, day(today)).unwrap()
    }

    fn refused(result: Result<i64>) -> (String, Rule) {
        match result.unwrap_err() {
            Error::InvalidInput { field, rule, .. } => (field.unwrap(), rule),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_level_is_measured_against_the_pace_from_its_start() {
        let (mut t, c) = guild_of_three();
        // Five members by 1 May, set on 1 February (89 days), when Ana was the one member.
        set(
            &mut t.db,
            c,
            &goal("members_total", "5", "2026-05-01"),
            "2026-02-01",
        )
        .unwrap();

        // 2 March, 29 days in: the pace asks for 1 + 4 × 29/89 = 2.30; there are 3.
        let g = &on(&t.db, c, "2026-03-02")[0];
        assert_eq!(g.direction, Direction::AtLeast);
        assert_eq!(g.progress.start, Some(1.0));
        assert_eq!(g.progress.current, Some(3.0));
        assert!((g.progress.expected.unwrap() - (1.0 + 4.0 * 29.0 / 89.0)).abs() < 1e-9);
        assert_eq!(g.progress.share, Some(0.5));
        assert_eq!(g.progress.status, GoalStatus::OnTrack);

        // 20 April, 78 days in: the pace asks for 4.51; still 3.
        assert_eq!(
            on(&t.db, c, "2026-04-20")[0].progress.status,
            GoalStatus::Behind
        );
        // After 1 May, unreached.
        assert_eq!(
            on(&t.db, c, "2026-05-02")[0].progress.status,
            GoalStatus::Missed
        );
    }

    #[test]
    fn a_flow_counts_from_the_day_the_goal_was_set() {
        let (mut t, c) = guild_of_three();
        set(
            &mut t.db,
            c,
            &goal("new_members", "2", "2026-06-01"),
            "2026-02-01",
        )
        .unwrap();
        // Ana joined before the goal: Bruno and Dora are its two.
        let g = &on(&t.db, c, "2026-03-02")[0];
        assert_eq!(g.progress.start, Some(0.0));
        assert_eq!(g.progress.current, Some(2.0));
        assert_eq!(g.progress.status, GoalStatus::Met);
        assert_eq!(g.progress.share, Some(1.0));
    }

    #[test]
    fn a_share_is_typed_in_percent_and_no_shows_aim_low() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        set(
            &mut t.db,
            c,
            &goal("no_show_rate", "12,5", "2026-06-01"),
            "2026-02-01",
        )
        .unwrap();
        let g = &on(&t.db, c, "2026-02-02")[0];
        assert_eq!(g.direction, Direction::AtMost);
        assert_eq!(g.target, 0.125);
        assert_eq!(g.unit, Unit::Share);
        // No answers to any event: no-shows are a share of nothing.
        assert_eq!(g.progress.current, None);
        assert_eq!(g.progress.status, GoalStatus::NoData);
    }

    #[test]
    fn a_series_goal_reads_the_latest_value_recorded() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let chat = series::create(
            &mut t.db,
            c,
            &series::SeriesInput {
                name: "Telegram chat".into(),
                category: "quantitative".into(),
                unit: "members".into(),
            },
        )
        .unwrap();
        for (on, value) in [("2026-01-15", "100"), ("2026-02-15", "130")] {
            let point = series::PointInput {
                on_day: on.into(),
                value: value.into(),
                note: String::new(),
            };
            series::record(&mut t.db, chat.id, &point).unwrap();
        }
        let input = GoalInput {
            series_id: Some(chat.id),
            ..goal("", "200", "2026-04-01")
        };
        set(&mut t.db, c, &input, "2026-02-01").unwrap();
        // 1 March, 28 of 59 days: the pace asks for 100 + 100 × 28/59 = 147.5; 130 is behind.
        let g = &on(&t.db, c, "2026-03-01")[0];
        assert_eq!(g.series_name.as_deref(), Some("Telegram chat"));
        assert_eq!(g.progress.start, Some(100.0));
        assert_eq!(g.progress.current, Some(130.0));
        assert!((g.progress.share.unwrap() - 0.3).abs() < 1e-9);
        assert_eq!(g.progress.status, GoalStatus::Behind);
        // A series' goals go with it.
        series::delete(&mut t.db, chat.id).unwrap();
        assert!(on(&t.db, c, "2026-03-01").is_empty());
    }

    #[test]
    fn at_most_is_measured_downwards() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let open = series::create(
            &mut t.db,
            c,
            &series::SeriesInput {
                name: "Open questions".into(),
                category: "qualitative".into(),
                unit: String::new(),
            },
        )
        .unwrap();
        for (on, value) in [("2026-01-15", "40"), ("2026-02-15", "30")] {
            let point = series::PointInput {
                on_day: on.into(),
                value: value.into(),
                note: String::new(),
            };
            series::record(&mut t.db, open.id, &point).unwrap();
        }
        let input = GoalInput {
            series_id: Some(open.id),
            direction: "at_most".into(),
            ..goal("", "10", "2026-04-01")
        };
        set(&mut t.db, c, &input, "2026-02-01").unwrap();
        // 1 March, 28 of 59 days: the pace asks for 40 − 30 × 28/59 = 25.8 or fewer; 30 is
        // behind, a third of the way from 40 down to 10.
        let g = &on(&t.db, c, "2026-03-01")[0];
        assert!((g.progress.expected.unwrap() - (40.0 - 30.0 * 28.0 / 59.0)).abs() < 1e-9);
        assert!((g.progress.share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(g.progress.status, GoalStatus::Behind);
    }

    #[test]
    fn a_goal_past_its_due_date_is_judged_on_that_date() {
        let (mut t, c) = guild_of_three();
        // Three new members by 15 March, set on 1 February: Bruno and Dora came in time.
        set(
            &mut t.db,
            c,
            &goal("new_members", "3", "2026-03-15"),
            "2026-02-01",
        )
        .unwrap();
        joined(&mut t.db, c, "Erin", "2026-04-01");
        let g = &on(&t.db, c, "2026-04-20")[0];
        assert_eq!(
            g.progress.current,
            Some(2.0),
            "Erin came after the due date"
        );
        assert_eq!(g.progress.status, GoalStatus::Missed);
    }

    #[test]
    fn without_a_value_on_the_day_it_was_set_the_first_one_after_is_the_start() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        set(
            &mut t.db,
            c,
            &goal("engagement_rate", "50", "2026-06-01"),
            "2026-01-01",
        )
        .unwrap();
        // Nobody on 1 January or on the 8th: engagement is a share of nobody. Ana joins on
        // the 10th and is idle on the 15th (0 %); she is active from the 20th.
        let input = MemberInput {
            name: Some("Ana".into()),
            joined_on: Some("2026-01-10".into()),
            ..MemberInput::default()
        };
        let ana = members::create(&mut t.db, c, &input).unwrap().id;
        let help = crate::members::activities::ActivityInput {
            kind: "help".into(),
            occurred_on: "2026-01-20".into(),
            ..crate::members::activities::ActivityInput::default()
        };
        crate::members::activities::add(&mut t.db, ana, &help).unwrap();
        let g = &on(&t.db, c, "2026-02-01")[0];
        assert_eq!(g.progress.start, Some(0.0));
        assert_eq!(g.progress.current, Some(1.0));
        assert_eq!(g.progress.status, GoalStatus::Met);
    }

    #[test]
    fn bad_goals_are_refused_and_nothing_is_stored() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let today = "2026-02-01";
        assert_eq!(
            refused(set(
                &mut t.db,
                c,
                &goal("members", "50", "2026-03-01"),
                today
            )),
            ("metric".into(), Rule::UnknownValue)
        );
        assert_eq!(
            refused(set(&mut t.db, c, &goal("", "50", "2026-03-01"), today)),
            ("metric".into(), Rule::Required)
        );
        assert_eq!(
            refused(set(
                &mut t.db,
                c,
                &goal("members_total", "50", "2026-01-31"),
                today
            )),
            ("dueOn".into(), Rule::InvalidFormat)
        );
        assert_eq!(
            refused(set(&mut t.db, c, &goal("members_total", "50", ""), today)),
            ("dueOn".into(), Rule::Required)
        );
        for typed in ["many", "NaN", "inf", "1e400", "4.5.1", ""] {
            let (field, _) = refused(set(
                &mut t.db,
                c,
                &goal("satisfaction", typed, "2026-03-01"),
                today,
            ));
            assert_eq!(field, "target", "{typed:?}");
        }
        assert_eq!(
            refused(set(&mut t.db, c, &goal("nps", "150", "2026-03-01"), today)),
            ("target".into(), Rule::InvalidFormat)
        );
        assert_eq!(
            refused(set(
                &mut t.db,
                c,
                &goal("engagement_rate", "120", "2026-03-01"),
                today
            )),
            ("target".into(), Rule::InvalidFormat)
        );
        assert!(on(&t.db, c, today).is_empty());
        // Due today is fine.
        set(&mut t.db, c, &goal("satisfaction", "4,5", today), today).unwrap();
        assert_eq!(on(&t.db, c, today)[0].target, 4.5);
    }

    #[test]
    fn a_goal_changes_but_keeps_the_day_it_was_set() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let id = create(&mut t.db, c, &goal("members_total", "50", "2099-01-01"))
            .unwrap()
            .id;
        let set_on = get(&t.db, id).unwrap().set_on;
        let changed = update(
            &mut t.db,
            id,
            &GoalInput {
                expected_result: "A network of 50 practitioners".into(),
                ..goal("active_members", "40", "2099-06-01")
            },
        )
        .unwrap();
        assert_eq!(changed.metric, Some(Key::ActiveMembers));
        assert_eq!(changed.target, 40.0);
        assert_eq!(changed.set_on, set_on);
        assert_eq!(changed.expected_result, "A network of 50 practitioners");
        delete(&mut t.db, id).unwrap();
        assert!(matches!(get(&t.db, id), Err(Error::NotFound(_))));
    }
}
