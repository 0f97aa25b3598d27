//! The calendar's metrics: how many events a month, how many come, how many who said
//! "going" did not, who comes for the first time and who comes back, and what they thought
//! (satisfaction, NPS, positive reviews). Events count on their day in the community's time
//! zone; a cancelled event or a draft does not count. Attendance counts once an event has
//! ended, and only at events where anyone was checked in: an event nobody checked in at
//! says nothing about who came.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::types::ValueRef;

use super::{Cohort, EventTurnout, Key, Measure, Range, Valued, SMALL_SAMPLE};
use crate::db::Db;
use crate::error::Result;
use crate::events::local_time::{day_start, parse_utc, utc_text};

/// The days after a first event within which coming again counts as coming back.
const COHORT_DAYS: [u64; 3] = [30, 60, 90];

struct Gathering {
    id: i64,
    title: String,
    day: NaiveDate,
    /// Ended before now: its attendance is final.
    over: bool,
}

/// One member's answer to one gathering and what followed.
struct Answer {
    gathering: usize,
    member: Option<i64>,
    /// Said "going" before the day (a walk-in did not).
    expected: bool,
    came: bool,
    score: Option<u8>,
    nps: Option<u8>,
}

pub(super) struct Gatherings {
    /// From the span's first day to `COHORT_DAYS` after its last, in order.
    gatherings: Vec<Gathering>,
    /// In the order of their gatherings.
    answers: Vec<Answer>,
    /// Gatherings with anyone checked in.
    checked: Vec<bool>,
    /// Members checked in at any event before the first one read.
    came_before: HashSet<i64>,
    /// Each member's first check-in among the gatherings read.
    first_visit: HashMap<i64, NaiveDate>,
    /// The first two check-ins of each member who first came among the gatherings read,
    /// by the first: who retention cohorts are made of.
    newcomers: Vec<(NaiveDate, Option<NaiveDate>)>,
}

impl Gatherings {
    pub fn read(db: &Db, community_id: i64, span: Range, zone: Tz) -> Result<Gatherings> {
        let last = span.to + Days::new(COHORT_DAYS[2]);
        let (start, end) = (
            utc_text(day_start(span.from, zone)),
            utc_text(day_start(last + Days::new(1), zone)),
        );
        let now = utc_text(Utc::now());
        db.read(|r| {
            let mut by_id = HashMap::new();
            let mut gatherings = Vec::new();
            r.query_all(
                "SELECT id, title, starts_at, ends_at FROM events
                 WHERE community_id = ?1 AND starts_at >= ?2 AND starts_at < ?3
                   AND status <> 'cancelled' AND status <> 'draft'
                 ORDER BY starts_at, id",
                rusqlite::params![community_id, start, end],
                |row| {
                    let starts: String = row.get("starts_at")?;
                    let ends: String = row.get("ends_at")?;
                    let day = parse_utc(&starts)
                        .map(|t| t.with_timezone(&zone).date_naive())
                        .unwrap_or(span.from);
                    by_id.insert(row.get::<_, i64>("id")?, gatherings.len());
                    gatherings.push(Gathering {
                        id: row.get("id")?,
                        title: row.get("title")?,
                        day,
                        over: ends < now,
                    });
                    Ok(())
                },
            )?;
            let mut answers = Vec::new();
            // By position, not by name: rusqlite finds a name by comparing it with every
            // column's, which at this many rows cost more than the rows themselves. The list
            // and the reads below are kept in one order.
            r.query_all(
                "SELECT a.event_id, a.member_id, a.rsvp, a.walk_in, a.checked_in_at IS NOT NULL,
                        a.answer_before, a.feedback_score, a.nps
                 FROM attendance a JOIN events e ON e.id = a.event_id
                 WHERE e.community_id = ?1 AND e.starts_at >= ?2 AND e.starts_at < ?3
                   AND e.status <> 'cancelled' AND e.status <> 'draft'",
                rusqlite::params![community_id, start, end],
                |row| {
                    let Some(&gathering) = by_id.get(&row.get::<_, i64>(0)?) else {
                        return Ok(());
                    };
                    let came: bool = row.get(4)?;
                    let walk_in: bool = row.get(3)?;
                    // A check-in makes the answer "going"; what was said before it counts.
                    let said = match (came, row.get_ref(5)?) {
                        (true, ValueRef::Text(before)) => before,
                        _ => row.get_ref(2)?.as_bytes()?,
                    };
                    let expected = said == b"going" && !walk_in;
                    answers.push(Answer {
                        gathering,
                        member: row.get(1)?,
                        expected,
                        came,
                        score: row.get(6)?,
                        nps: row.get(7)?,
                    });
                    Ok(())
                },
            )?;
            let came_before: HashSet<i64> = r
                .query_all(
                    "SELECT DISTINCT a.member_id FROM attendance a JOIN events e ON e.id = a.event_id
                     WHERE e.community_id = ?1 AND e.starts_at < ?2
                       AND a.checked_in_at IS NOT NULL AND a.member_id IS NOT NULL",
                    rusqlite::params![community_id, start],
                    |row| row.get::<_, i64>(0),
                )?
                .into_iter()
                .collect();
            answers.sort_by_key(|a| a.gathering);
            let mut checked = vec![false; gatherings.len()];
            // Gatherings are in day order, and so their answers: a member's first check-in
            // read is their first, and the next one their second.
            let mut first_two: HashMap<i64, (NaiveDate, Option<NaiveDate>)> = HashMap::new();
            for answer in answers.iter().filter(|a| a.came) {
                checked[answer.gathering] = true;
                if let Some(member) = answer.member {
                    let day = gatherings[answer.gathering].day;
                    first_two
                        .entry(member)
                        .and_modify(|(_, second)| {
                            second.get_or_insert(day);
                        })
                        .or_insert((day, None));
                }
            }
            let mut newcomers: Vec<(NaiveDate, Option<NaiveDate>)> = first_two
                .iter()
                .filter(|(member, _)| !came_before.contains(member))
                .map(|(_, &days)| days)
                .collect();
            newcomers.sort_unstable();
            Ok(Gatherings {
                gatherings,
                answers,
                checked,
                came_before,
                first_visit: first_two
                    .into_iter()
                    .map(|(member, (first, _))| (member, first))
                    .collect(),
                newcomers,
            })
        })
    }

    fn in_range(&self, range: Range) -> std::ops::Range<usize> {
        let start = self.gatherings.partition_point(|g| g.day < range.from);
        let end = self.gatherings.partition_point(|g| g.day <= range.to);
        start..end
    }

    /// The answers to the gatherings `held` (indices, as `in_range` gives them).
    fn answers_to(&self, held: std::ops::Range<usize>) -> &[Answer] {
        let start = self.answers.partition_point(|a| a.gathering < held.start);
        let end = self.answers.partition_point(|a| a.gathering < held.end);
        &self.answers[start..end]
    }

    /// Whether the attendance of gathering `g` counts: it is over and anyone was checked in.
    fn counts(&self, g: usize) -> bool {
        self.gatherings[g].over && self.checked[g]
    }

    pub fn measure(&self, range: Range) -> Vec<Valued> {
        let held = self.in_range(range);
        let events = held.len() as u64;
        let counted: Vec<usize> = held.clone().filter(|&g| self.counts(g)).collect();
        let answers = || self.answers_to(held.clone()).iter();
        let came = answers()
            .filter(|a| a.came && self.counts(a.gathering))
            .count() as f64;
        let expected = answers()
            .filter(|a| a.expected && self.counts(a.gathering))
            .count() as u64;
        let missing = answers()
            .filter(|a| a.expected && !a.came && self.counts(a.gathering))
            .count() as f64;
        let scores: Vec<f64> = answers().filter_map(|a| a.score.map(f64::from)).collect();
        let votes: Vec<u8> = answers().filter_map(|a| a.nps).collect();
        let promoters = votes.iter().filter(|&&v| v >= 9).count() as f64;
        let detractors = votes.iter().filter(|&&v| v <= 6).count() as f64;
        let turnouts = self.turnouts(range);
        let valued = |key, measure| Valued { key, measure };
        vec![
            valued(
                Key::EventsPerMonth,
                Measure::of(Some(events as f64 / range.months_long()), events),
            ),
            valued(
                Key::AverageAttendance,
                Measure::ratio(came, counted.len() as f64, counted.len() as u64),
            ),
            valued(
                Key::NoShowRate,
                Measure::ratio(missing, expected as f64, expected),
            ),
            valued(
                Key::NewAttendees,
                Measure::count(turnouts.iter().map(|t| u64::from(t.new)).sum()),
            ),
            valued(
                Key::ReturningAttendees,
                Measure::count(turnouts.iter().map(|t| u64::from(t.returning)).sum()),
            ),
            valued(
                Key::Satisfaction,
                Measure::ratio(
                    scores.iter().sum(),
                    scores.len() as f64,
                    scores.len() as u64,
                ),
            ),
            valued(
                Key::Nps,
                Measure::ratio(
                    (promoters - detractors) * 100.0,
                    votes.len() as f64,
                    votes.len() as u64,
                ),
            ),
            valued(
                Key::PositiveReviews,
                Measure::count(scores.iter().filter(|&&s| s >= 4.0).count() as u64),
            ),
        ]
    }

    /// Who came to each event of `range` that is over: first-timers and people who had come
    /// before (a forgotten member, or a walk-in with no record, counts as neither).
    pub fn turnouts(&self, range: Range) -> Vec<EventTurnout> {
        self.in_range(range)
            .filter(|&g| self.counts(g))
            .map(|g| {
                let gathering = &self.gatherings[g];
                let mut turnout = EventTurnout {
                    event_id: gathering.id,
                    title: gathering.title.clone(),
                    day: gathering.day,
                    came: 0,
                    new: 0,
                    returning: 0,
                };
                for answer in self.answers_to(g..g + 1).iter().filter(|a| a.came) {
                    turnout.came += 1;
                    let Some(member) = answer.member else {
                        continue;
                    };
                    let earlier = self.came_before.contains(&member)
                        || self
                            .first_visit
                            .get(&member)
                            .is_some_and(|&first| first < gathering.day);
                    if earlier {
                        turnout.returning += 1;
                    } else {
                        turnout.new += 1;
                    }
                }
                turnout
            })
            .collect()
    }

    /// Retention by the month of a member's first event: for each month of `range`, the
    /// people whose first event it was, and the share who came to another within 30, 60 and
    /// 90 days.
    pub fn cohorts(&self, range: Range) -> Vec<Cohort> {
        let today = Utc::now().date_naive();
        range
            .months()
            .into_iter()
            .map(|(month, days)| {
                let firsts = &self.newcomers[self.newcomers.partition_point(|&(d, _)| d < days.from)
                    ..self.newcomers.partition_point(|&(d, _)| d <= days.to)];
                let size = firsts.len();
                let share = |within: u64| {
                    // Only once every first event of the month is that many days past.
                    if days.to + Days::new(within) > today || size == 0 {
                        return None;
                    }
                    let back = firsts
                        .iter()
                        .filter(|&&(first, second)| {
                            second.is_some_and(|d| d <= first + Days::new(within))
                        })
                        .count();
                    Some(back as f64 / size as f64)
                };
                Cohort {
                    month,
                    size: size as u32,
                    within_30: share(COHORT_DAYS[0]),
                    within_60: share(COHORT_DAYS[1]),
                    within_90: share(COHORT_DAYS[2]),
                    small: (size as u64) < SMALL_SAMPLE,
                }
            })
            .collect()
    }
}
