//! The roster's metrics: how many members there are, how many joined, how fast the
//! community grows, who is active and how often members do something. The rows are read
//! once for the whole span the dashboard covers and measured in memory for any range inside
//! it, so the monthly series costs no further query.

use chrono::{Days, NaiveDate};

use super::{Key, Measure, Range, Valued};
use crate::db::Db;
use crate::error::Result;

/// A member is active on a day with an activity (an attended event is one) in the days up
/// to it, that day included.
pub const ACTIVE_DAYS: u64 = 90;

pub(super) struct People {
    /// Every member's first day (joined, or added when no date was given), in order.
    joined: Vec<NaiveDate>,
    /// The day each member who left, left, in order.
    left: Vec<NaiveDate>,
    /// (day, member) of every activity by a member still known, from `ACTIVE_DAYS` before
    /// the span to its end, in day order; members numbered from 0.
    activities: Vec<(NaiveDate, u32)>,
    members: usize,
}

impl People {
    pub fn read(db: &Db, community_id: i64, span: Range) -> Result<People> {
        db.read(|r| {
            let mut joined = Vec::new();
            let mut left = Vec::new();
            let mut index = std::collections::HashMap::new();
            r.query_all(
                "SELECT id, coalesce(joined_on, substr(created_at, 1, 10)) AS joined, left_on
                 FROM members WHERE community_id = ?1",
                [community_id],
                |row| {
                    let id: i64 = row.get("id")?;
                    let next = index.len() as u32;
                    index.insert(id, next);
                    joined.push(row.get::<_, NaiveDate>("joined")?);
                    if let Some(day) = row.get::<_, Option<NaiveDate>>("left_on")? {
                        left.push(day);
                    }
                    Ok(())
                },
            )?;
            joined.sort_unstable();
            left.sort_unstable();
            let first = span.from - Days::new(ACTIVE_DAYS);
            let mut activities = Vec::new();
            r.query_all(
                "SELECT occurred_on, member_id FROM activities
                 WHERE community_id = ?1 AND occurred_on BETWEEN ?2 AND ?3 AND member_id IS NOT NULL
                 ORDER BY occurred_on",
                rusqlite::params![community_id, first, span.to],
                |row| {
                    let member: i64 = row.get("member_id")?;
                    if let Some(&m) = index.get(&member) {
                        activities.push((row.get("occurred_on")?, m));
                    }
                    Ok(())
                },
            )?;
            Ok(People {
                joined,
                left,
                activities,
                members: index.len(),
            })
        })
    }

    /// Members at the end of `day`: joined by then and not yet left.
    fn total_on(&self, day: NaiveDate) -> u64 {
        let joined = self.joined.partition_point(|&d| d <= day);
        let left = self.left.partition_point(|&d| d <= day);
        joined.saturating_sub(left) as u64
    }

    /// Activities (by members still known) within `range`.
    fn activities_in(&self, range: Range) -> &[(NaiveDate, u32)] {
        let start = self.activities.partition_point(|&(d, _)| d < range.from);
        let end = self.activities.partition_point(|&(d, _)| d <= range.to);
        &self.activities[start..end]
    }

    /// Members with an activity in the `ACTIVE_DAYS` up to `day`.
    fn active_on(&self, day: NaiveDate) -> u64 {
        let window = Range {
            from: day - Days::new(ACTIVE_DAYS - 1),
            to: day,
        };
        let mut seen = vec![false; self.members];
        let mut active = 0;
        for &(_, member) in self.activities_in(window) {
            let slot = &mut seen[member as usize];
            if !*slot {
                *slot = true;
                active += 1;
            }
        }
        active
    }

    pub fn measure(&self, range: Range) -> Vec<Valued> {
        let total = self.total_on(range.to);
        let before = self.total_on(range.from - Days::new(1));
        let new = self.joined[self.joined.partition_point(|&d| d < range.from)
            ..self.joined.partition_point(|&d| d <= range.to)]
            .len() as u64;
        let active = self.active_on(range.to);
        let interactions = self.activities_in(range).len() as f64;
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
