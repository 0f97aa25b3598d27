//! The roster's metrics: how many members there are, how many joined, how fast the
//! community grows, who is active and how often members do something. The rows are read
//! once and measured in memory for the range, each of its months and the range before it,
//! so the monthly series costs no further query. Days are numbers here (days since the
//! common era) and dates are parsed by hand: at a million activities, chrono's parser and
//! a hash map per row were most of the dashboard's time.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::types::ValueRef;

use super::{Key, Measure, Range, Valued};
use crate::db::Db;
use crate::error::Result;

/// A member is active on a day with an activity (an attended event is one) in the days up
/// to it, that day included.
pub const ACTIVE_DAYS: u64 = 90;

pub(super) struct People {
    /// Every member's first day (joined, or added when no date was given), in order.
    joined: Vec<i32>,
    /// The day each member who left, left, in order.
    left: Vec<i32>,
    /// (day, member) of every activity by a member still known, from `ACTIVE_DAYS` before
    /// the range to its end, in day order; members numbered from 0.
    activities: Vec<(i32, u32)>,
    members: usize,
    /// The range before, whose activities are counted but not read one by one.
    previous: Range,
    previous_interactions: u64,
}

/// The day number of a stored date ("2027-03-11"); None for anything else.
fn day_number(value: ValueRef<'_>) -> Option<i32> {
    let text = value.as_str().ok()?.as_bytes();
    if text.len() < 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        text[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    Some(date.num_days_from_ce())
}

fn number_of(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

impl People {
    pub fn read(db: &Db, community_id: i64, range: Range, previous: Range) -> Result<People> {
        db.read(|r| {
            let mut joined = Vec::new();
            let mut left = Vec::new();
            let mut ids = Vec::new();
            r.query_all(
                "SELECT id, coalesce(joined_on, substr(created_at, 1, 10)), left_on
                 FROM members WHERE community_id = ?1",
                [community_id],
                |row| {
                    ids.push(row.get::<_, i64>(0)?);
                    if let Some(day) = day_number(row.get_ref(1)?) {
                        joined.push(day);
                    }
                    if let Some(day) = day_number(row.get_ref(2)?) {
                        left.push(day);
                    }
                    Ok(())
                },
            )?;
            joined.sort_unstable();
            left.sort_unstable();
            // Member ids to numbers from 0, through a table over the ids' span (ids grow
            // together, so it stays small).
            let lowest = ids.iter().copied().min().unwrap_or(0);
            let highest = ids.iter().copied().max().unwrap_or(-1);
            let mut number = vec![u32::MAX; (highest - lowest + 1).max(0) as usize];
            for (n, &id) in ids.iter().enumerate() {
                number[(id - lowest) as usize] = n as u32;
            }
            let first = range.from - Days::new(ACTIVE_DAYS);
            let mut activities = Vec::new();
            // By position (see gatherings.rs): a million rows.
            r.query_all(
                "SELECT occurred_on, member_id FROM activities
                 WHERE community_id = ?1 AND occurred_on BETWEEN ?2 AND ?3 AND member_id IS NOT NULL
                 ORDER BY occurred_on",
                rusqlite::params![community_id, first, range.to],
                |row| {
                    let member: i64 = row.get(1)?;
                    let n = usize::try_from(member - lowest)
                        .ok()
                        .and_then(|i| number.get(i))
                        .copied()
                        .unwrap_or(u32::MAX);
                    if let (Some(day), true) = (day_number(row.get_ref(0)?), n != u32::MAX) {
                        activities.push((day, n));
                    }
                    Ok(())
                },
            )?;
            let previous_interactions: i64 = r.query_row(
                "SELECT count(*) FROM activities
                 WHERE community_id = ?1 AND occurred_on BETWEEN ?2 AND ?3 AND member_id IS NOT NULL",
                rusqlite::params![community_id, previous.from, previous.to],
                |row| row.get(0),
            )?;
            Ok(People {
                joined,
                left,
                activities,
                members: ids.len(),
                previous,
                previous_interactions: previous_interactions.max(0) as u64,
            })
        })
    }

    /// Members at the end of `day`: joined by then and not yet left.
    fn total_on(&self, day: i32) -> u64 {
        let joined = self.joined.partition_point(|&d| d <= day);
        let left = self.left.partition_point(|&d| d <= day);
        joined.saturating_sub(left) as u64
    }

    /// Activities read (by members still known) from day `from` to day `to`.
    fn activities_in(&self, from: i32, to: i32) -> &[(i32, u32)] {
        let start = self.activities.partition_point(|&(d, _)| d < from);
        let end = self.activities.partition_point(|&(d, _)| d <= to);
        &self.activities[start..end]
    }

    /// Members with an activity in the `ACTIVE_DAYS` up to `day`.
    fn active_on(&self, day: i32) -> u64 {
        let mut seen = vec![false; self.members];
        let mut active = 0;
        for &(_, member) in self.activities_in(day - ACTIVE_DAYS as i32 + 1, day) {
            let slot = &mut seen[member as usize];
            if !*slot {
                *slot = true;
                active += 1;
            }
        }
        active
    }

    pub fn measure(&self, range: Range) -> Vec<Valued> {
        let (from, to) = (number_of(range.from), number_of(range.to));
        let total = self.total_on(to);
        let before = self.total_on(from - 1);
        let new = (self.joined.partition_point(|&d| d <= to)
            - self.joined.partition_point(|&d| d < from)) as u64;
        let active = self.active_on(to);
        let interactions = if range == self.previous {
            self.previous_interactions
        } else {
            self.activities_in(from, to).len() as u64
        } as f64;
        let valued = |key, measure| Valued { key, measure };
        vec![
            valued(Key::MembersTotal, Measure::count(total)),
            valued(Key::NewMembers, Measure::count(new)),
            valued(
                Key::GrowthRate,
                Measure::ratio(total as f64 - before as f64, before as f64, before),
            ),
            valued(Key::ActiveMembers, Measure::count(active)),
            valued(
                Key::EngagementRate,
                Measure::ratio(active as f64, total as f64, total),
            ),
            valued(
                Key::InteractionsPerMember,
                Measure::ratio(interactions, total as f64 * range.months_long(), total),
            ),
        ]
    }
}
