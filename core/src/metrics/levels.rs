//! Engagement levels over time: at the end of each month, how many members were advocates,
//! contributors, participants and observers, as the engagement model (`members::engagement`)
//! would have assessed them that day: the same weights, decay, window and grace period as
//! the roster's levels today. It shows whether the community's core grows or thins, which
//! a count of members cannot.
//!
//! It is read apart from the dashboard: it ages every activity of a year and more once per
//! month, and the dashboard's cards should not wait for it.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::Range;
use crate::community::locale_and_today;
use crate::db::Db;
use crate::error::Result;
use crate::members::engagement::{self, Counted, Decay};
use crate::members::EngagementLevel;

/// The members at each level at the end of one month (today, for the month under way).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelMonth {
    /// "2027-03".
    pub month: String,
    /// The day counted: the month's last, or today for the month under way.
    pub day: NaiveDate,
    pub advocate: u32,
    pub contributor: u32,
    pub participant: u32,
    pub observer: u32,
}

/// Each month of `range` up to today, with its members by engagement level.
pub fn levels(db: &Db, community_id: i64, range: Range) -> Result<Vec<LevelMonth>> {
    let today = db.read(|r| locale_and_today(r, community_id))?.1;
    levels_on(db, community_id, range, today)
}

/// [`levels`] as of `today`.
pub fn levels_on(
    db: &Db,
    community_id: i64,
    range: Range,
    today: NaiveDate,
) -> Result<Vec<LevelMonth>> {
    let days: Vec<(String, NaiveDate)> = range
        .months()
        .into_iter()
        .filter(|(_, r)| r.from <= today)
        .map(|(month, r)| (month, r.to.min(today)))
        .collect();
    let (Some(first), Some(last)) = (days.first().map(|d| d.1), days.last().map(|d| d.1)) else {
        return Ok(Vec::new());
    };
    let (settings, members, mut activities) = db.read(|r| {
        let settings = engagement::settings_in(r)?;
        let reach = u64::from(settings.window_days) + u64::from(settings.grace_days);
        let members: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>)> = r.query_all(
            "SELECT id, coalesce(joined_on, substr(created_at, 1, 10)), left_on FROM members
             WHERE community_id = ?1 ORDER BY id",
            [community_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        // As the daily refresh reads them (engagement.rs): the table in its own order.
        let activities: Vec<(i64, u32, i32)> = r.query_all(
            &format!(
                "SELECT member_id, {} AS weight, CAST(julianday(occurred_on) AS INTEGER) AS day
                 FROM activities NOT INDEXED
                 WHERE community_id = ?1 AND member_id IS NOT NULL
                   AND occurred_on >= ?2 AND occurred_on <= ?3",
                engagement::weight_sql(&settings)
            ),
            rusqlite::params![community_id, first - Days::new(reach), last],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        Ok((settings, members, activities))
    })?;
    activities.sort_unstable_by_key(|&(member, _, _)| member);
    let decay = Decay::new(&settings);
    let mut months: Vec<LevelMonth> = days
        .iter()
        .map(|(month, day)| LevelMonth {
            month: month.clone(),
            day: *day,
            advocate: 0,
            contributor: 0,
            participant: 0,
            observer: 0,
        })
        .collect();
    let mut rest = activities.as_slice();
    let mut counted: Vec<Counted> = Vec::new();
    for (id, joined, left) in members {
        while rest.first().is_some_and(|&(m, _, _)| m < id) {
            rest = &rest[1..];
        }
        let end = rest
            .iter()
            .position(|&(m, _, _)| m != id)
            .unwrap_or(rest.len());
        let (own, tail) = rest.split_at(end);
        rest = tail;
        for month in &mut months {
            let day = month.day;
            if joined.is_some_and(|j| j > day) || left.is_some_and(|l| l <= day) {
                continue;
            }
            let on = julian_day(day);
            counted.clear();
            counted.extend(
                own.iter()
                    .filter(|&&(_, _, d)| d <= on)
                    .map(|&(_, weight, d)| Counted {
                        age_days: i64::from(on - d),
                        weight,
                    }),
            );
            let level = if counted.is_empty() {
                EngagementLevel::Observer
            } else {
                engagement::assess(&counted, &settings, &decay).level
            };
            match level {
                EngagementLevel::Advocate => month.advocate += 1,
                EngagementLevel::Contributor => month.contributor += 1,
                EngagementLevel::Participant => month.participant += 1,
                EngagementLevel::Observer => month.observer += 1,
            }
        }
    }
    Ok(months)
}

/// The Julian day number SQLite's `julianday` gives a date at midnight, truncated.
fn julian_day(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    // 1 January of year 1 is Julian day 1721425.5; truncated, midnight counts as the day before
    // plus one half, so dates compare the same way on both sides.
    day.num_days_from_ce() + 1_721_424
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{self, activities, MemberInput};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn julian_days_match_sqlites() {
        let t = temp_db();
        let sqlite: i32 =
            t.db.read(|r| {
                r.query_row(
                    "SELECT CAST(julianday('2026-03-15') AS INTEGER)",
                    [],
                    |row| row.get(0),
                )
            })
            .unwrap();
        assert_eq!(julian_day(day("2026-03-15")), sqlite);
    }

    #[test]
    fn each_month_counts_members_at_the_level_they_had_then() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let member = |db: &mut Db, name: &str, joined: &str| {
            let input = MemberInput {
                name: Some(name.into()),
                joined_on: Some(joined.into()),
                ..MemberInput::default()
            };
            members::create(db, c, &input).unwrap().id
        };
        let ana = member(&mut t.db, "Ana", "2026-01-01");
        member(&mut t.db, "Bruno", "2026-01-01");
        member(&mut t.db, "Carla", "2026-03-10");
        // Ana gives a talk (weight 10 by default) on 10 February.
        let talk = activities::ActivityInput {
            kind: "talk".into(),
            occurred_on: "2026-02-10".into(),
            ..activities::ActivityInput::default()
        };
        activities::add(&mut t.db, ana, &talk).unwrap();
        let range = Range::parse("2026-01-01", "2026-04-30").unwrap();
        let months = levels_on(&t.db, c, range, day("2026-04-15")).unwrap();
        let counts: Vec<(&str, NaiveDate, [u32; 4])> = months
            .iter()
            .map(|m| {
                (
                    m.month.as_str(),
                    m.day,
                    [m.advocate, m.contributor, m.participant, m.observer],
                )
            })
            .collect();
        // The talk's 10, halved every 90 days: 8.7 after 18 days, 6.9 after 49, 6.1 after 64;
        // each at least a participant's 3 and below a contributor's 12.
        assert_eq!(
            counts,
            [
                // January: Ana and Bruno, nothing done yet.
                ("2026-01", day("2026-01-31"), [0, 0, 0, 2]),
                // February: Ana's talk; Bruno observes.
                ("2026-02", day("2026-02-28"), [0, 0, 1, 1]),
                // March: Carla has joined.
                ("2026-03", day("2026-03-31"), [0, 0, 1, 2]),
                // April, the month under way, counted today.
                ("2026-04", day("2026-04-15"), [0, 0, 1, 2]),
            ]
        );
        // Nothing for the days to come.
        let ahead = Range::parse("2026-05-01", "2026-06-30").unwrap();
        assert!(levels_on(&t.db, c, ahead, day("2026-04-15"))
            .unwrap()
            .is_empty());
    }
}
