//! How engaged a member is, and why, in the spirit of the Orbit model: every activity
//! counts with its weight, halved for every `half_life_days` of its age, over a window of
//! the last `window_days`; the sum is the score, and thresholds on the score give the
//! level. A level is slow to fall: it is the highest the score reached at any moment of the
//! last `grace_days`, so a member who was a contributor last week is not demoted because
//! a quiet fortnight went by. docs/engagement.md gives the formulas, the defaults and a
//! worked example; the tests here are that example and others worked out by hand.
//!
//! The score is stored in the member's row (for the roster's sorting and filtering) as of a
//! day, `engagement_on`. Every change to a member's activities recomputes it at once
//! (`recompute_member`); the passing of days is caught up once a day per community
//! (`refresh_if_stale`), in one pass over the activities that can still count.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::activities::ActivityKind;
use super::model::EngagementLevel;
use crate::db::{Db, Json, Read, Write};
use crate::error::Result;

/// Where the settings are kept in the `settings` table.
const SETTINGS_KEY: &str = "engagement";

/// The weight one kind of activity counts with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KindWeight {
    pub kind: ActivityKind,
    pub weight: u32,
}

/// The lowest score of each level above observer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    pub participant: u32,
    pub contributor: u32,
    pub advocate: u32,
}

/// The engagement model's settings (see docs/engagement.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EngagementSettings {
    /// One per kind, in the order of `ActivityKind::ALL`.
    pub weights: Vec<KindWeight>,
    /// After this many days an activity counts half; after twice as many, a quarter.
    pub half_life_days: u32,
    /// Activities this many days old or older do not count at all.
    pub window_days: u32,
    pub thresholds: Thresholds,
    /// A level is kept while the score reached it within this many days.
    pub grace_days: u32,
    /// "Losing touch": engaged members with no activity for this many days.
    pub losing_touch_days: u32,
}

impl Default for EngagementSettings {
    fn default() -> Self {
        EngagementSettings {
            weights: ActivityKind::ALL
                .iter()
                .map(|&kind| KindWeight {
                    kind,
                    weight: default_weight(kind),
                })
                .collect(),
            half_life_days: 90,
            window_days: 365,
            thresholds: Thresholds {
                participant: 3,
                contributor: 12,
                advocate: 30,
            },
            grace_days: 30,
            losing_touch_days: 60,
        }
    }
}

/// The default weights: what asks most of a person, and gives most to the others, weighs most.
fn default_weight(kind: ActivityKind) -> u32 {
    match kind {
        ActivityKind::Talk => 10,
        ActivityKind::JointProject => 8,
        ActivityKind::Content => 6,
        ActivityKind::Recommendation => 5,
        ActivityKind::Help => 4,
        ActivityKind::Kudos => 3,
        ActivityKind::EventAttended => 2,
        ActivityKind::Other => 1,
    }
}

impl EngagementSettings {
    /// The weight activities of `kind` count with when they carry none of their own.
    pub fn weight(&self, kind: ActivityKind) -> u32 {
        self.weights
            .iter()
            .find(|w| w.kind == kind)
            .map_or_else(|| default_weight(kind), |w| w.weight)
    }

    /// The level a score earns on its own.
    pub fn level_for(&self, score: f64) -> EngagementLevel {
        let t = &self.thresholds;
        if score >= f64::from(t.advocate) {
            EngagementLevel::Advocate
        } else if score >= f64::from(t.contributor) {
            EngagementLevel::Contributor
        } else if score >= f64::from(t.participant) {
            EngagementLevel::Participant
        } else {
            EngagementLevel::Observer
        }
    }

    /// How much of its weight an activity `age_days` old still counts with: 0 outside the
    /// window (and for a day not come yet).
    pub fn factor(&self, age_days: i64) -> f64 {
        if age_days < 0 || age_days >= i64::from(self.window_days) {
            return 0.0;
        }
        0.5_f64.powf(age_days as f64 / f64::from(self.half_life_days.max(1)))
    }
}

/// The settings as stored, or the defaults when none are. A kind this build knows but the
/// stored settings do not (added in a later version) takes its default weight.
pub fn settings(db: &Db) -> Result<EngagementSettings> {
    db.read(settings_in)
}

pub(crate) fn settings_in(r: &Read) -> Result<EngagementSettings> {
    let stored: Option<Json<EngagementSettings>> = r.query_optional(
        "SELECT value FROM settings WHERE key = ?1",
        [SETTINGS_KEY],
        |row| row.get("value"),
    )?;
    let Some(Json(mut settings)) = stored else {
        return Ok(EngagementSettings::default());
    };
    settings.weights = ActivityKind::ALL
        .iter()
        .map(|&kind| KindWeight {
            kind,
            weight: settings.weight(kind),
        })
        .collect();
    Ok(settings)
}

/// One activity as engagement sees it: how many days before the day scored it happened,
/// and the weight it counts with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Counted {
    pub age_days: i64,
    pub weight: u32,
}

/// A member's engagement on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Assessment {
    pub score: f64,
    /// The level after the grace period: never below `score_level`.
    pub level: EngagementLevel,
    /// The level today's score earns on its own.
    pub score_level: EngagementLevel,
    /// The day (as days before today) and score of the peak the level is held by, when it
    /// is above what today's score earns.
    pub held_by: Option<(i64, f64)>,
}

/// The score `offset` days before today, from activities aged as of today.
fn score_at(activities: &[Counted], offset: i64, decay: &Decay) -> f64 {
    activities
        .iter()
        .map(|a| f64::from(a.weight) * decay.factor(a.age_days - offset))
        .sum()
}

/// `EngagementSettings::factor` for every age that can count, computed once per pass.
pub(crate) struct Decay {
    factors: Vec<f64>,
}

impl Decay {
    pub(crate) fn new(settings: &EngagementSettings) -> Decay {
        Decay {
            factors: (0..i64::from(settings.window_days))
                .map(|age| settings.factor(age))
                .collect(),
        }
    }

    fn factor(&self, age_days: i64) -> f64 {
        usize::try_from(age_days)
            .ok()
            .and_then(|age| self.factors.get(age))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Scores a member today and finds the level the grace period gives them: the score can
/// only have peaked on today, on the first day of the grace period, or on a day something
/// happened (between those, it only decays or loses what leaves the window), so those days
/// are the only ones to look at.
pub(crate) fn assess(
    activities: &[Counted],
    settings: &EngagementSettings,
    decay: &Decay,
) -> Assessment {
    let score = score_at(activities, 0, decay);
    let score_level = settings.level_for(score);
    let grace = i64::from(settings.grace_days);
    let mut peak: Option<(i64, f64)> = None;
    let mut days: Vec<i64> = activities
        .iter()
        .map(|a| a.age_days)
        .filter(|&age| age > 0 && age <= grace)
        .collect();
    days.push(grace);
    days.sort_unstable();
    days.dedup();
    for offset in days {
        if offset == 0 {
            continue;
        }
        let past = score_at(activities, offset, decay);
        if past > score && peak.is_none_or(|(_, best)| past > best) {
            peak = Some((offset, past));
        }
    }
    let held_level = peak.map(|(_, s)| settings.level_for(s));
    match held_level {
        Some(level) if rank(level) > rank(score_level) => Assessment {
            score,
            level,
            score_level,
            held_by: peak,
        },
        _ => Assessment {
            score,
            level: score_level,
            score_level,
            held_by: None,
        },
    }
}

/// Higher is more engaged.
pub(crate) fn rank(level: EngagementLevel) -> u8 {
    match level {
        EngagementLevel::Observer => 0,
        EngagementLevel::Participant => 1,
        EngagementLevel::Contributor => 2,
        EngagementLevel::Advocate => 3,
    }
}

/// The activities of `member_id` that can count today or within the grace period, aged as
/// of `today`, and the day of the member's latest activity.
fn member_activities(
    r: &Read,
    member_id: i64,
    today: NaiveDate,
    settings: &EngagementSettings,
) -> Result<(Vec<Counted>, Option<NaiveDate>)> {
    let rows: Vec<(ActivityKind, Option<u32>, NaiveDate)> = r.query_all(
        "SELECT kind, weight, occurred_on FROM activities WHERE member_id = ?1",
        [member_id],
        |row| {
            Ok((
                row.get("kind")?,
                row.get("weight")?,
                row.get("occurred_on")?,
            ))
        },
    )?;
    let last = rows.iter().map(|&(_, _, on)| on).max();
    let oldest = counted_since(today, settings);
    let counted = rows
        .into_iter()
        .filter(|&(_, _, on)| on >= oldest && on <= today)
        .map(|(kind, own, on)| Counted {
            age_days: (today - on).num_days(),
            weight: own.unwrap_or_else(|| settings.weight(kind)),
        })
        .collect();
    Ok((counted, last))
}

/// The earliest day an activity can count on any day of the grace period ending `today`.
fn counted_since(today: NaiveDate, settings: &EngagementSettings) -> NaiveDate {
    today - Duration::days(i64::from(settings.window_days) + i64::from(settings.grace_days) - 1)
}

/// Recomputes one member's engagement as of today (the community's) and stores it in their
/// row. Every write that changes a member's activities calls this in the same transaction.
pub fn recompute_member(w: &Write, member_id: i64) -> Result<()> {
    let community_id = super::activities::member_community(w, member_id)?;
    let (_, today) = crate::community::locale_and_today(w, community_id)?;
    let settings = settings_in(w)?;
    store_member(w, member_id, today, &settings, &Decay::new(&settings))
}

fn store_member(
    w: &Write,
    member_id: i64,
    today: NaiveDate,
    settings: &EngagementSettings,
    decay: &Decay,
) -> Result<()> {
    let (counted, last) = member_activities(w, member_id, today, settings)?;
    let a = assess(&counted, settings, decay);
    w.execute(
        "UPDATE members SET engagement_score = ?2, engagement_level = ?3, engagement_on = ?4,
                            last_activity_on = ?5
         WHERE id = ?1",
        params![member_id, a.score, a.level, today, last],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::db::testing::{community, temp_db, TempDb};
    use crate::members::activities::{self, ActivityInput};
    use crate::members::{self, MemberInput};

    /// A member of a fresh community kept in UTC, so "today" is the UTC date.
    fn member(t: &mut TempDb) -> i64 {
        let c = community(&mut t.db, "Guild", "en");
        let input = MemberInput {
            name: Some("Ana".into()),
            ..MemberInput::default()
        };
        members::create(&mut t.db, c.id, &input).unwrap().id
    }

    fn days_ago(days: i64) -> String {
        (Utc::now().date_naive() - Duration::days(days)).to_string()
    }

    fn did(t: &mut TempDb, member_id: i64, kind: &str, days: i64, weight: Option<&str>) {
        let input = ActivityInput {
            kind: kind.into(),
            occurred_on: days_ago(days),
            weight: weight.map(str::to_string),
            note: String::new(),
        };
        activities::add(&mut t.db, member_id, &input).unwrap();
    }

    fn stored(t: &TempDb, member_id: i64) -> (f64, EngagementLevel) {
        let m = members::get(&t.db, member_id).unwrap();
        (m.engagement_score, m.engagement_level)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn each_activity_counts_its_weight_halved_every_half_life() {
        let mut t = temp_db();
        let ana = member(&mut t);
        // A talk (10) 90 days ago counts 10 × ½ = 5; content (6) today counts 6; help (4)
        // 180 days ago counts 4 × ¼ = 1. Together 12.00: exactly the contributor threshold.
        did(&mut t, ana, "talk", 90, None);
        assert!(close(stored(&t, ana).0, 5.0), "{:?}", stored(&t, ana));
        assert_eq!(stored(&t, ana).1, EngagementLevel::Participant);
        did(&mut t, ana, "content", 0, None);
        did(&mut t, ana, "help", 180, None);
        let (score, level) = stored(&t, ana);
        assert!(close(score, 12.0), "{score}");
        assert_eq!(level, EngagementLevel::Contributor);
        let m = members::get(&t.db, ana).unwrap();
        assert_eq!(m.last_activity_on, Some(Utc::now().date_naive()));
    }

    #[test]
    fn an_activity_a_window_old_no_longer_counts() {
        let mut t = temp_db();
        let ana = member(&mut t);
        // 364 days: 10 × 0.5^(364/90) = 10 × 0.0604 = 0.60. 365 days: outside the window.
        did(&mut t, ana, "talk", 364, None);
        assert!(close(stored(&t, ana).0, 0.604), "{:?}", stored(&t, ana));
        did(&mut t, ana, "talk", 365, None);
        assert!(close(stored(&t, ana).0, 0.604), "{:?}", stored(&t, ana));
        assert_eq!(stored(&t, ana).1, EngagementLevel::Observer);
    }

    #[test]
    fn a_level_is_held_through_the_grace_period() {
        // One activity weighing 13 (a contributor's score on its day).
        // 25 days ago: today it counts 13 × 0.5^(25/90) = 10.72, a participant's score, but
        // it was 13 that day, within the 30 days of grace: still a contributor.
        // 40 days ago: the grace period began 30 days ago, when it was 10 days old and
        // counted 13 × 0.5^(10/90) = 12.04 ≥ 12: still a contributor.
        // 41 days ago: 30 days ago it counted 13 × 0.5^(11/90) = 11.94 < 12: a participant,
        // with today's score 13 × 0.5^(41/90) = 9.48.
        for (days, score, level) in [
            (25, 10.723, EngagementLevel::Contributor),
            (40, 9.553, EngagementLevel::Contributor),
            (41, 9.480, EngagementLevel::Participant),
        ] {
            let mut t = temp_db();
            let ana = member(&mut t);
            did(&mut t, ana, "other", days, Some("13"));
            let stored = stored(&t, ana);
            assert!(close(stored.0, score), "{days} days: {stored:?}");
            assert_eq!(stored.1, level, "{days} days");
        }
    }
}
