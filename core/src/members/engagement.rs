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

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::activities::{ActivityKind, WEIGHT_MAX};
use super::model::EngagementLevel;
use crate::db::{Db, Json, Read, Write};
use crate::error::{Error, Result, Rule};

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
    let score = hundredths(score_at(activities, 0, decay));
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
        let past = hundredths(score_at(activities, offset, decay));
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

/// A score to the hundredth, as it is stored and shown: finer than anyone reads it, and a
/// member whose score moved less than that since yesterday needs no write today.
fn hundredths(score: f64) -> f64 {
    (score * 100.0).round() / 100.0
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

/// The settings as typed into the settings form: every number as text, so a person's "1.5"
/// or "" gets core's answer under the field it was typed in.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EngagementSettingsInput {
    /// A kind left out keeps its weight.
    pub weights: Vec<KindWeightInput>,
    pub half_life_days: String,
    pub window_days: String,
    pub participant: String,
    pub contributor: String,
    pub advocate: String,
    pub grace_days: String,
    pub losing_touch_days: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct KindWeightInput {
    pub kind: String,
    pub weight: String,
}

/// The bounds of each setting, under the name errors give its field.
pub const SETTING_LIMITS: &[(&str, u32, u32)] = &[
    ("weight", 0, WEIGHT_MAX),
    ("halfLifeDays", 1, 3_650),
    ("windowDays", 1, 3_650),
    ("threshold", 1, 100_000),
    ("graceDays", 0, 365),
    ("losingTouchDays", 1, 3_650),
];

fn bounds(name: &str) -> (u32, u32) {
    SETTING_LIMITS
        .iter()
        .find(|&&(n, _, _)| n == name)
        .map_or((0, u32::MAX), |&(_, low, high)| (low, high))
}

/// A whole number typed into `field`, within the bounds of the setting `limit`.
fn whole(field: &str, typed: &str, limit: &str) -> Result<u32> {
    let typed = crate::text::optional(field, typed, 20)?;
    let (low, high) = bounds(limit);
    if typed.is_empty() {
        return Err(Error::invalid(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    match typed.parse::<u32>() {
        Ok(n) if (low..=high).contains(&n) => Ok(n),
        _ => Err(Error::invalid(
            field,
            Rule::InvalidFormat,
            format!("{typed:?} is not a whole number from {low} to {high}"),
        )),
    }
}

impl EngagementSettingsInput {
    /// Checks every field against `current` (whose weights fill the kinds not given).
    pub fn validate(&self, current: &EngagementSettings) -> Result<EngagementSettings> {
        let mut weights = current.weights.clone();
        for given in &self.weights {
            let kind = ActivityKind::parse("weights", given.kind.trim())?;
            let field = format!("weights.{kind}");
            let weight = whole(&field, &given.weight, "weight")?;
            if let Some(slot) = weights.iter_mut().find(|w| w.kind == kind) {
                slot.weight = weight;
            }
        }
        let thresholds = Thresholds {
            participant: whole("participant", &self.participant, "threshold")?,
            contributor: whole("contributor", &self.contributor, "threshold")?,
            advocate: whole("advocate", &self.advocate, "threshold")?,
        };
        if thresholds.contributor <= thresholds.participant {
            return Err(Error::invalid(
                "contributor",
                Rule::InvalidFormat,
                "a contributor's score must be above a participant's",
            ));
        }
        if thresholds.advocate <= thresholds.contributor {
            return Err(Error::invalid(
                "advocate",
                Rule::InvalidFormat,
                "an advocate's score must be above a contributor's",
            ));
        }
        Ok(EngagementSettings {
            weights,
            half_life_days: whole("halfLifeDays", &self.half_life_days, "halfLifeDays")?,
            window_days: whole("windowDays", &self.window_days, "windowDays")?,
            thresholds,
            grace_days: whole("graceDays", &self.grace_days, "graceDays")?,
            losing_touch_days: whole(
                "losingTouchDays",
                &self.losing_touch_days,
                "losingTouchDays",
            )?,
        })
    }
}

impl From<&EngagementSettings> for EngagementSettingsInput {
    /// The settings as the form shows them.
    fn from(s: &EngagementSettings) -> Self {
        EngagementSettingsInput {
            weights: s
                .weights
                .iter()
                .map(|w| KindWeightInput {
                    kind: w.kind.as_str().to_string(),
                    weight: w.weight.to_string(),
                })
                .collect(),
            half_life_days: s.half_life_days.to_string(),
            window_days: s.window_days.to_string(),
            participant: s.thresholds.participant.to_string(),
            contributor: s.thresholds.contributor.to_string(),
            advocate: s.thresholds.advocate.to_string(),
            grace_days: s.grace_days.to_string(),
            losing_touch_days: s.losing_touch_days.to_string(),
        }
    }
}

/// Checks and stores new settings, and recomputes every member of every community with
/// them, in one transaction: no score is ever stored under settings other than the current.
pub fn set_settings(db: &mut Db, input: &EngagementSettingsInput) -> Result<EngagementSettings> {
    let current = settings(db)?;
    let new = input.validate(&current)?;
    db.write(|w| {
        w.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![SETTINGS_KEY, Json(&new)],
        )?;
        let communities: Vec<i64> =
            w.query_all("SELECT id FROM communities ORDER BY id", [], |row| {
                row.get("id")
            })?;
        for community_id in communities {
            let (_, today) = crate::community::locale_and_today(w, community_id)?;
            refresh_in(w, community_id, today, &new)?;
        }
        Ok(())
    })?;
    Ok(new)
}

/// The key under which the day a community's engagement was last brought up to date is kept.
fn refreshed_key(community_id: i64) -> String {
    format!("engagement.refreshed.{community_id}")
}

/// Makes the next `refresh_if_stale` go over the community again: members or activities
/// came from another copy, whose engagement this copy has not computed.
pub(crate) fn mark_stale(w: &Write, community_id: i64) -> Result<()> {
    w.execute(
        "DELETE FROM settings WHERE key = ?1",
        [refreshed_key(community_id)],
    )?;
    Ok(())
}

/// Brings every member's stored engagement in the community up to today (the community's):
/// scores decay with the days even when nothing is added. Does nothing when that was done
/// today already (one lookup); else one pass over the activities that can still count, and
/// one write when any member's engagement changed (none when nothing did, so the data's
/// revision, and with it the backups, only move for a real change). Returns how many
/// members' engagement changed.
pub fn refresh_if_stale(db: &mut Db, community_id: i64) -> Result<u32> {
    let key = refreshed_key(community_id);
    let (today, done) = db.read(|r| {
        let (_, today) = crate::community::locale_and_today(r, community_id)?;
        let done: Option<NaiveDate> =
            r.query_optional("SELECT value FROM settings WHERE key = ?1", [&key], |row| {
                row.get("value")
            })?;
        Ok((today, done))
    })?;
    if done == Some(today) {
        return Ok(0);
    }
    let current = CurrentToday {
        file: db.path().to_path_buf(),
        community_id,
        revision: db.revision()?,
        today,
    };
    if found_current(&current) {
        return Ok(0);
    }
    let changes = db.read(|r| changes_in(r, community_id, today, &settings_in(r)?))?;
    if changes.is_empty() {
        remember_current(current);
        return Ok(0);
    }
    db.write(|w| apply_changes(w, community_id, today, &changes))
}

/// A community found current on a day with nothing to write: nothing marks it in the
/// file (that would be a write), so the process remembers it, for as long as the file's
/// revision says nothing was written since.
#[derive(Debug, Clone, PartialEq)]
struct CurrentToday {
    file: std::path::PathBuf,
    community_id: i64,
    revision: i64,
    today: NaiveDate,
}

static CURRENT_TODAY: std::sync::Mutex<Vec<CurrentToday>> = std::sync::Mutex::new(Vec::new());

fn found_current(current: &CurrentToday) -> bool {
    CURRENT_TODAY
        .lock()
        .is_ok_and(|known| known.contains(current))
}

fn remember_current(current: CurrentToday) {
    if let Ok(mut known) = CURRENT_TODAY.lock() {
        known.retain(|k| (&k.file, k.community_id) != (&current.file, current.community_id));
        known.push(current);
    }
}

/// The weight an activity row counts with, in SQL: its own, else its kind's. The weights
/// are checked numbers, written into the statement as such.
pub(crate) fn weight_sql(settings: &EngagementSettings) -> String {
    let cases: String = settings
        .weights
        .iter()
        .map(|w| format!(" WHEN '{}' THEN {}", w.kind.as_str(), w.weight))
        .collect();
    format!("coalesce(weight, CASE kind{cases} ELSE 0 END)")
}

/// `refresh_if_stale` for every community: what the shell runs once the first screen is up,
/// so that the roster opens on today's scores without waiting for them.
pub fn refresh_all_if_stale(db: &mut Db) -> Result<u32> {
    let communities: Vec<i64> = db.read(|r| {
        r.query_all("SELECT id FROM communities ORDER BY id", [], |row| {
            row.get("id")
        })
    })?;
    let mut changed = 0;
    for community_id in communities {
        changed += refresh_if_stale(db, community_id)?;
    }
    Ok(changed)
}

/// Recomputes every member of the community as of `today`, stores what changed and
/// remembers that it did.
fn refresh_in(
    w: &Write,
    community_id: i64,
    today: NaiveDate,
    settings: &EngagementSettings,
) -> Result<u32> {
    let changes = changes_in(w, community_id, today, settings)?;
    apply_changes(w, community_id, today, &changes)
}

/// A member whose stored engagement is not what today's computation gives.
struct Change {
    member_id: i64,
    score: f64,
    /// Set when the level changed too.
    level: Option<EngagementLevel>,
}

/// Every member of the community whose engagement as of `today` differs from what is stored.
fn changes_in(
    r: &Read,
    community_id: i64,
    today: NaiveDate,
    settings: &EngagementSettings,
) -> Result<Vec<Change>> {
    let decay = Decay::new(settings);
    // Every activity that can count on a day of the grace period, by member, with the
    // weight it counts with and aged as of today, both in SQL: a million rows are read
    // here, and each column Rust converts costs.
    // NOT INDEXED: most of a community's activities are within reach of the window, and
    // reading the table in its own order is several times faster than visiting each row
    // from the date index (0.3 s against 2 s for a million activities).
    let mut counted: Vec<(i64, Counted)> = r.query_all(
        &format!(
            "SELECT member_id, {} AS weight,
                    CAST(julianday(?2) - julianday(occurred_on) AS INTEGER) AS age
             FROM activities NOT INDEXED
             WHERE community_id = ?1 AND member_id IS NOT NULL
               AND occurred_on >= ?3 AND occurred_on <= ?2",
            weight_sql(settings)
        ),
        params![community_id, today, counted_since(today, settings)],
        |row| {
            Ok((
                row.get("member_id")?,
                Counted {
                    age_days: row.get("age")?,
                    weight: row.get("weight")?,
                },
            ))
        },
    )?;
    counted.sort_unstable_by_key(|&(member, _)| member);
    let stored: Vec<(i64, f64, EngagementLevel)> = r.query_all(
        "SELECT id, engagement_score, engagement_level FROM members
         WHERE community_id = ?1 ORDER BY id",
        [community_id],
        |row| {
            Ok((
                row.get("id")?,
                row.get("engagement_score")?,
                row.get("engagement_level")?,
            ))
        },
    )?;
    let mut changes = Vec::new();
    let mut rest = counted.as_slice();
    let mut group: Vec<Counted> = Vec::new();
    for (id, old_score, old_level) in stored {
        // Both lists are in member order: skip the anonymous and take this member's rows.
        while rest.first().is_some_and(|&(m, _)| m < id) {
            rest = &rest[1..];
        }
        group.clear();
        while let Some((&(_, c), tail)) = rest.split_first().filter(|(&(m, _), _)| m == id) {
            group.push(c);
            rest = tail;
        }
        let a = assess(&group, settings, &decay);
        if a.score != old_score || a.level != old_level {
            changes.push(Change {
                member_id: id,
                score: a.score,
                level: (a.level != old_level).then_some(a.level),
            });
        }
    }
    Ok(changes)
}

/// Stores `changes` and that the community is current as of `today`.
fn apply_changes(
    w: &Write,
    community_id: i64,
    today: NaiveDate,
    changes: &[Change],
) -> Result<u32> {
    for change in changes {
        match change.level {
            Some(level) => w.execute(
                "UPDATE members SET engagement_score = ?2, engagement_level = ?3,
                                    engagement_on = ?4
                 WHERE id = ?1",
                params![change.member_id, change.score, level, today],
            )?,
            // Without the level, which the roster's index holds: most days only scores
            // move, and leaving the index alone makes this write three times cheaper.
            None => w.execute(
                "UPDATE members SET engagement_score = ?2, engagement_on = ?3 WHERE id = ?1",
                params![change.member_id, change.score, today],
            )?,
        };
    }
    w.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![refreshed_key(community_id), today],
    )?;
    Ok(changes.len() as u32)
}

/// Why a member's engagement is what it is: the data for the member's page to render in
/// the person's language (numbers, days and levels; no sentences).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub member_id: i64,
    /// The day the score is for: today in the community's time zone.
    pub on: NaiveDate,
    pub score: f64,
    /// The member's level: `scoreLevel`, or higher while the grace period holds it.
    pub level: EngagementLevel,
    /// The level today's score earns on its own.
    pub score_level: EngagementLevel,
    /// Set when the grace period holds the level above `scoreLevel`.
    pub grace: Option<GraceHold>,
    /// Every activity that counts today, newest first.
    pub counted: Vec<CountedActivity>,
    /// How many of the member's activities are too old to count (outside the window).
    pub not_counted: u32,
    pub thresholds: Thresholds,
    pub half_life_days: u32,
    pub window_days: u32,
    pub grace_days: u32,
}

/// One activity's part in a score.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CountedActivity {
    pub activity_id: i64,
    pub kind: ActivityKind,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub weight: u32,
    pub weight_overridden: bool,
    pub age_days: u32,
    /// 0.5^(ageDays / halfLifeDays): how much of the weight still counts.
    pub factor: f64,
    /// weight × factor.
    pub contribution: f64,
}

/// The grace period holding a level: the score reached `peakScore` on `peakOn`, which
/// earns `level`; the level is kept through `until` unless the score earns it again.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct GraceHold {
    pub peak_on: NaiveDate,
    pub peak_score: f64,
    pub level: EngagementLevel,
    pub until: NaiveDate,
}

/// Explains a member's engagement today from their activities.
pub fn explain(db: &Db, member_id: i64) -> Result<Explanation> {
    db.read(|r| {
        let community_id = super::activities::member_community(r, member_id)?;
        let (_, today) = crate::community::locale_and_today(r, community_id)?;
        let settings = settings_in(r)?;
        let decay = Decay::new(&settings);
        let timeline: Vec<super::Activity> = r.query_all(
            &format!(
                "{} WHERE a.member_id = ?1 ORDER BY a.occurred_on DESC, a.id DESC",
                super::activities::ACTIVITY_SELECT
            ),
            [member_id],
            |row| super::activities::activity_from_row(row, &settings),
        )?;
        let oldest = counted_since(today, &settings);
        let scored: Vec<Counted> = timeline
            .iter()
            .filter(|a| a.occurred_on >= oldest && a.occurred_on <= today)
            .map(|a| Counted {
                age_days: (today - a.occurred_on).num_days(),
                weight: a.weight,
            })
            .collect();
        let assessment = assess(&scored, &settings, &decay);
        let mut counted = Vec::new();
        let mut not_counted = 0;
        for a in timeline {
            let age = (today - a.occurred_on).num_days();
            let factor = decay.factor(age);
            if factor == 0.0 {
                not_counted += u32::from(age >= 0);
                continue;
            }
            counted.push(CountedActivity {
                activity_id: a.id,
                kind: a.kind,
                occurred_on: a.occurred_on,
                note: a.note,
                weight: a.weight,
                weight_overridden: a.weight_overridden,
                age_days: u32::try_from(age).unwrap_or(0),
                factor,
                contribution: f64::from(a.weight) * factor,
            });
        }
        let grace = assessment.held_by.map(|(offset, peak_score)| {
            let peak_on = today - Duration::days(offset);
            GraceHold {
                peak_on,
                peak_score,
                level: assessment.level,
                until: peak_on + Duration::days(i64::from(settings.grace_days)),
            }
        });
        Ok(Explanation {
            member_id,
            on: today,
            score: assessment.score,
            level: assessment.level,
            score_level: assessment.score_level,
            grace,
            counted,
            not_counted,
            thresholds: settings.thresholds,
            half_life_days: settings.half_life_days,
            window_days: settings.window_days,
            grace_days: settings.grace_days,
        })
    })
}

/// The members who earned the most in a period.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TopContributors {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<Contributor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Contributor {
    pub member_id: i64,
    pub name: String,
    /// The weights of their activities in the period, added up (no decay: what they did).
    pub points: u32,
    pub activities: u32,
    pub engagement_level: EngagementLevel,
}

/// The most limit's rows any ranking returns.
pub const RANKING_MAX: u32 = 100;

/// The members who earned the most weight from `from` to `to` (both included; by default
/// this month of the community's calendar up to today), most first.
pub fn top_contributors(
    db: &Db,
    community_id: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    limit: u32,
) -> Result<TopContributors> {
    db.read(|r| {
        let (_, today) = crate::community::locale_and_today(r, community_id)?;
        let from = from.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
        let to = to.unwrap_or(today);
        if to < from {
            return Err(Error::invalid(
                "to",
                Rule::InvalidFormat,
                format!("the period ends ({to}) before it starts ({from})"),
            ));
        }
        let settings = settings_in(r)?;
        // Summed per member first, and only the few ranked members' rows read.
        let sql = format!(
            "SELECT t.member_id, m.name, m.engagement_level, t.activities, t.points
             FROM (SELECT member_id, count(*) AS activities, sum({}) AS points
                   FROM activities
                   WHERE community_id = ?1 AND occurred_on >= ?2 AND occurred_on <= ?3
                     AND member_id IS NOT NULL
                   GROUP BY member_id
                   ORDER BY points DESC, activities DESC, member_id
                   LIMIT ?4) t
             JOIN members m ON m.id = t.member_id
             ORDER BY t.points DESC, t.activities DESC, m.sort_name",
            weight_sql(&settings)
        );
        let limit = limit.min(RANKING_MAX);
        let rows = r.query_all(&sql, params![community_id, from, to, limit], |row| {
            Ok(Contributor {
                member_id: row.get("member_id")?,
                name: row.get("name")?,
                points: row.get("points")?,
                activities: row.get("activities")?,
                engagement_level: row.get("engagement_level")?,
            })
        })?;
        Ok(TopContributors { from, to, rows })
    })
}

/// Members who drifted away, for a personal word from the organizer.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LosingTouch {
    /// No activity for at least this many days (the setting).
    pub days: u32,
    /// How many members are losing touch, of which `rows` holds the most engaged.
    pub total: u32,
    pub rows: Vec<DriftingMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DriftingMember {
    pub member_id: i64,
    pub name: String,
    pub email: String,
    pub last_activity_on: NaiveDate,
    pub days_silent: u32,
    /// Their score on the day of their last activity: how engaged they were.
    pub score_then: f64,
    pub level_then: EngagementLevel,
    /// Their level now, as stored.
    pub engagement_level: EngagementLevel,
}

/// Members who have not left, were at least participants on the day of their last activity,
/// and have done nothing since for `losing_touch_days` or more, most engaged first.
pub fn losing_touch(db: &Db, community_id: i64, limit: u32) -> Result<LosingTouch> {
    db.read(|r| {
        let (_, today) = crate::community::locale_and_today(r, community_id)?;
        let settings = settings_in(r)?;
        let decay = Decay::new(&settings);
        let cutoff = today - Duration::days(i64::from(settings.losing_touch_days));
        // The silent members, each with the day of their last activity (as a day number)
        // and the score they had that day, summed over one pass through the activities in
        // the table's own order (visiting each member's through the index is three times
        // slower with a million of them).
        let mut silent: HashMap<i64, (i64, f64)> = r
            .query_all(
                "SELECT id, CAST(julianday(last_activity_on) AS INTEGER) AS last_day
                 FROM members
                 WHERE community_id = ?1 AND left_on IS NULL AND last_activity_on <= ?2",
                params![community_id, cutoff],
                |row| Ok((row.get("id")?, (row.get("last_day")?, 0.0))),
            )?
            .into_iter()
            .collect();
        // Each row is added to its member's score as it is read; the list of `()` that
        // `query_all` returns takes no memory.
        r.query_all(
            &format!(
                "SELECT member_id, {} AS weight, CAST(julianday(occurred_on) AS INTEGER) AS day
                 FROM activities NOT INDEXED
                 WHERE community_id = ?1 AND member_id IS NOT NULL AND occurred_on <= ?2",
                weight_sql(&settings)
            ),
            params![community_id, cutoff],
            |row| {
                if let Some((last_day, score)) = silent.get_mut(&row.get("member_id")?) {
                    let weight: u32 = row.get("weight")?;
                    let day: i64 = row.get("day")?;
                    *score += f64::from(weight) * decay.factor(*last_day - day);
                }
                Ok(())
            },
        )?;
        let participant = rank(EngagementLevel::Participant);
        let mut engaged: Vec<(i64, f64)> = silent
            .into_iter()
            .map(|(id, (_, score))| (id, hundredths(score)))
            .filter(|&(_, score)| rank(settings.level_for(score)) >= participant)
            .collect();
        engaged.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let total = engaged.len() as u32;
        let mut drifting = Vec::new();
        for (member_id, score) in engaged.into_iter().take(limit.min(RANKING_MAX) as usize) {
            let (name, email, last, level): (String, String, NaiveDate, EngagementLevel) = r
                .query_row(
                    "SELECT name, email, last_activity_on, engagement_level FROM members
                     WHERE id = ?1",
                    [member_id],
                    |row| {
                        Ok((
                            row.get("name")?,
                            row.get("email")?,
                            row.get("last_activity_on")?,
                            row.get("engagement_level")?,
                        ))
                    },
                )?;
            drifting.push(DriftingMember {
                member_id,
                name,
                email,
                last_activity_on: last,
                days_silent: u32::try_from((today - last).num_days()).unwrap_or(0),
                score_then: score,
                level_then: settings.level_for(score),
                engagement_level: level,
            });
        }
        Ok(LosingTouch {
            days: settings.losing_touch_days,
            total,
            rows: drifting,
        })
    })
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
        // 364 days: 10 × 0.5^(364/90) = 10 × 0.0606, stored as 0.61. 365 days: outside
        // the window, nothing.
        did(&mut t, ana, "talk", 364, None);
        assert_eq!(stored(&t, ana).0, 0.61);
        did(&mut t, ana, "talk", 365, None);
        assert_eq!(stored(&t, ana).0, 0.61);
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

    fn set(t: &mut TempDb, change: impl FnOnce(&mut EngagementSettingsInput)) {
        let mut input = EngagementSettingsInput::from(&settings(&t.db).unwrap());
        change(&mut input);
        set_settings(&mut t.db, &input).unwrap();
    }

    #[test]
    fn the_days_passing_are_caught_up_once_a_day() {
        let mut t = temp_db();
        let ana = member(&mut t);
        let community_id = members::get(&t.db, ana).unwrap().community_id;
        // A talk and content today: 10 + 6 = 16, a contributor.
        did(&mut t, ana, "talk", 0, None);
        did(&mut t, ana, "content", 0, None);
        assert_eq!(stored(&t, ana), (16.0, EngagementLevel::Contributor));
        let today = Utc::now().date_naive();
        let settings = settings(&t.db).unwrap();
        // 20 days on: 16 × 0.5^(20/90) = 13.72, still a contributor by its own score.
        t.db.write(|w| refresh_in(w, community_id, today + Duration::days(20), &settings))
            .unwrap();
        let (score, level) = stored(&t, ana);
        assert_eq!(score, 13.72, "stored to the hundredth");
        assert_eq!(level, EngagementLevel::Contributor);
        // 90 days on: 16 × ½ = 8; the grace period began on day 60, when the score was
        // 16 × 0.5^(60/90) = 10.08 < 12: a participant.
        t.db.write(|w| refresh_in(w, community_id, today + Duration::days(90), &settings))
            .unwrap();
        assert_eq!(stored(&t, ana), (8.0, EngagementLevel::Participant));

        // Today again, through the daily entry point: the stored day is not today, so it
        // recomputes; a second call the same day does nothing.
        assert_eq!(refresh_if_stale(&mut t.db, community_id).unwrap(), 1);
        assert_eq!(stored(&t, ana), (16.0, EngagementLevel::Contributor));
        let before = t.db.revision().unwrap();
        assert_eq!(refresh_if_stale(&mut t.db, community_id).unwrap(), 0);
        assert_eq!(refresh_all_if_stale(&mut t.db).unwrap(), 0);
        assert_eq!(t.db.revision().unwrap(), before, "nothing was written");
    }

    #[test]
    fn a_refresh_with_nothing_to_change_writes_nothing() {
        let mut t = temp_db();
        let ana = member(&mut t);
        let community_id = members::get(&t.db, ana).unwrap().community_id;
        did(&mut t, ana, "talk", 3, None);
        // Ana's score was computed today when the talk was added: nothing has moved since.
        let before = t.db.revision().unwrap();
        assert_eq!(refresh_if_stale(&mut t.db, community_id).unwrap(), 0);
        assert_eq!(refresh_all_if_stale(&mut t.db).unwrap(), 0);
        assert_eq!(
            t.db.revision().unwrap(),
            before,
            "no write, so no new backup"
        );
        // A write since, which changes a score behind core's back: found on the next call.
        t.db.write(|w| {
            w.execute(
                "UPDATE members SET engagement_score = 1 WHERE id = ?1",
                [ana],
            )
        })
        .unwrap();
        assert_eq!(refresh_if_stale(&mut t.db, community_id).unwrap(), 1);
        assert_eq!(stored(&t, ana).0, 9.77, "10 × 0.5^(3/90)");
    }

    #[test]
    fn a_score_left_behind_is_set_right_by_the_refresh() {
        let mut t = temp_db();
        let ana = member(&mut t);
        let community_id = members::get(&t.db, ana).unwrap().community_id;
        did(&mut t, ana, "help", 0, None);
        let quiet = {
            let c = members::get(&t.db, ana).unwrap().community_id;
            let input = MemberInput {
                name: Some("Bo".into()),
                ..MemberInput::default()
            };
            members::create(&mut t.db, c, &input).unwrap().id
        };
        // Scores as another program (or an older build) might have left them.
        t.db.raw()
            .execute(
                "UPDATE members SET engagement_score = 50, engagement_level = 'advocate'",
                [],
            )
            .unwrap();
        assert_eq!(refresh_if_stale(&mut t.db, community_id).unwrap(), 2);
        assert_eq!(stored(&t, ana), (4.0, EngagementLevel::Participant));
        assert_eq!(stored(&t, quiet), (0.0, EngagementLevel::Observer));
    }

    #[test]
    fn the_explanation_lists_what_counts_and_the_grace_that_holds_the_level() {
        let mut t = temp_db();
        let ana = member(&mut t);
        did(&mut t, ana, "other", 25, Some("13"));
        did(&mut t, ana, "talk", 400, None);
        did(&mut t, ana, "help", 90, None);
        // 13 × 0.5^(25/90) = 10.72 and 4 × ½ = 2: 12.72, a contributor on its own; so
        // the grace period holds nothing.
        let e = explain(&t.db, ana).unwrap();
        assert!(close(e.score, 12.723), "{}", e.score);
        assert_eq!(
            (e.level, e.score_level, e.grace.clone()),
            (
                EngagementLevel::Contributor,
                EngagementLevel::Contributor,
                None
            )
        );
        assert_eq!(
            e.not_counted, 1,
            "the talk 400 days ago is outside the window"
        );
        let parts: Vec<(ActivityKind, u32, u32, bool)> = e
            .counted
            .iter()
            .map(|c| (c.kind, c.weight, c.age_days, c.weight_overridden))
            .collect();
        assert_eq!(
            parts,
            [
                (ActivityKind::Other, 13, 25, true),
                (ActivityKind::Help, 4, 90, false)
            ]
        );
        assert!(close(e.counted[1].factor, 0.5) && close(e.counted[1].contribution, 2.0));
        let sum: f64 = e.counted.iter().map(|c| c.contribution).sum();
        assert!(close(sum, e.score));

        // Without the help, 10.72 earns a participant, and the peak of 13 on the day of the
        // activity, 25 days ago, holds contributor until 30 days after it.
        let help = activities::timeline(&t.db, ana).unwrap()[1].clone();
        assert_eq!(help.kind, ActivityKind::Help);
        activities::remove(&mut t.db, help.id).unwrap();
        let e = explain(&t.db, ana).unwrap();
        assert_eq!(
            (e.level, e.score_level),
            (EngagementLevel::Contributor, EngagementLevel::Participant)
        );
        let today = Utc::now().date_naive();
        let hold = e.grace.unwrap();
        assert_eq!(hold.peak_on, today - Duration::days(25));
        assert!(close(hold.peak_score, 13.0));
        assert_eq!(hold.level, EngagementLevel::Contributor);
        assert_eq!(hold.until, today + Duration::days(5));
        assert_eq!(
            stored(&t, ana).1,
            EngagementLevel::Contributor,
            "stored agrees"
        );
    }

    #[test]
    fn top_contributors_are_ranked_by_the_weight_they_earned_in_the_period() {
        let mut t = temp_db();
        let ana = member(&mut t);
        let community_id = members::get(&t.db, ana).unwrap().community_id;
        let add = |t: &mut TempDb, name: &str| {
            let input = MemberInput {
                name: Some(name.into()),
                ..MemberInput::default()
            };
            members::create(&mut t.db, community_id, &input).unwrap().id
        };
        let bo = add(&mut t, "Bo");
        let cy = add(&mut t, "Cy");
        // Ana: a talk (10) and help (4) in the period: 14. Bo: content weighed 20 by hand.
        // Cy: a talk the day before the period starts: not in it.
        did(&mut t, ana, "talk", 3, None);
        did(&mut t, ana, "help", 10, None);
        did(&mut t, bo, "content", 5, Some("20"));
        did(&mut t, cy, "talk", 11, None);
        let today = Utc::now().date_naive();
        let top = top_contributors(
            &t.db,
            community_id,
            Some(today - Duration::days(10)),
            Some(today),
            10,
        )
        .unwrap();
        let rows: Vec<(&str, u32, u32)> = top
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.points, r.activities))
            .collect();
        assert_eq!(rows, [("Bo", 20, 1), ("Ana", 14, 2)]);
        // A changed weight changes the ranking: talks now weigh 30.
        set(&mut t, |s| {
            s.weights = vec![KindWeightInput {
                kind: "talk".into(),
                weight: "30".into(),
            }]
        });
        let top = top_contributors(
            &t.db,
            community_id,
            Some(today - Duration::days(10)),
            Some(today),
            1,
        )
        .unwrap();
        assert_eq!((top.rows[0].name.as_str(), top.rows[0].points), ("Ana", 34));
        assert_eq!(top.rows.len(), 1, "the limit is kept");
        assert_eq!(
            top_contributors(
                &t.db,
                community_id,
                Some(today),
                Some(today - Duration::days(1)),
                5
            )
            .unwrap_err()
            .code(),
            "invalid_input"
        );
    }

    #[test]
    fn losing_touch_lists_engaged_members_gone_quiet_most_engaged_first() {
        let mut t = temp_db();
        let ana = member(&mut t);
        let community_id = members::get(&t.db, ana).unwrap().community_id;
        let add = |t: &mut TempDb, name: &str, left: Option<&str>| {
            let input = MemberInput {
                name: Some(name.into()),
                left_on: left.map(str::to_string),
                ..MemberInput::default()
            };
            members::create(&mut t.db, community_id, &input).unwrap().id
        };
        let bo = add(&mut t, "Bo", None);
        let cy = add(&mut t, "Cy", None);
        let di = add(&mut t, "Di", None);
        let ed = add(&mut t, "Ed", Some("2020-01-01"));
        // Ana: two talks, the last 100 days ago, 90 days apart: on her last day she had
        // 10 + 10 × ½ = 15, a contributor. Bo: one talk 70 days ago: 10, a participant.
        // Cy: attended once, 100 days ago: 2, an observer, so not "engaged".
        // Di: a talk 10 days ago, not quiet long enough (60 days). Ed left.
        did(&mut t, ana, "talk", 190, None);
        did(&mut t, ana, "talk", 100, None);
        did(&mut t, bo, "talk", 70, None);
        did(&mut t, cy, "event_attended", 100, None);
        did(&mut t, di, "talk", 10, None);
        did(&mut t, ed, "talk", 100, None);
        let list = losing_touch(&t.db, community_id, 10).unwrap();
        assert_eq!((list.days, list.total), (60, 2));
        let rows: Vec<(&str, u32, EngagementLevel)> = list
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.days_silent, r.level_then))
            .collect();
        assert_eq!(
            rows,
            [
                ("Ana", 100, EngagementLevel::Contributor),
                ("Bo", 70, EngagementLevel::Participant)
            ]
        );
        assert!(close(list.rows[0].score_then, 15.0));
        // Quiet for 80 days or more: Bo no longer.
        set(&mut t, |s| s.losing_touch_days = "80".into());
        let list = losing_touch(&t.db, community_id, 10).unwrap();
        assert_eq!((list.total, list.rows[0].member_id), (1, ana));
    }

    #[test]
    fn new_settings_are_checked_and_rescore_everyone() {
        let mut t = temp_db();
        let ana = member(&mut t);
        did(&mut t, ana, "talk", 0, None);
        assert_eq!(stored(&t, ana), (10.0, EngagementLevel::Participant));
        type Case = (fn(&mut EngagementSettingsInput), &'static str);
        let cases: [Case; 7] = [
            (
                |s| {
                    s.weights = vec![KindWeightInput {
                        kind: "talk".into(),
                        weight: "101".into(),
                    }]
                },
                "weights.talk",
            ),
            (
                |s| {
                    s.weights = vec![KindWeightInput {
                        kind: "singing".into(),
                        weight: "1".into(),
                    }]
                },
                "weights",
            ),
            (|s| s.half_life_days = "0".into(), "halfLifeDays"),
            (|s| s.window_days = "1.5".into(), "windowDays"),
            (|s| s.grace_days = String::new(), "graceDays"),
            (|s| s.contributor = "3".into(), "contributor"),
            (|s| s.advocate = "12".into(), "advocate"),
        ];
        for (change, field) in cases {
            let mut input = EngagementSettingsInput::from(&settings(&t.db).unwrap());
            change(&mut input);
            match set_settings(&mut t.db, &input).unwrap_err() {
                Error::InvalidInput { field: Some(f), .. } => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(settings(&t.db).unwrap(), EngagementSettings::default());
        // Talks weigh 20 and contributors start at 15: Ana's one talk makes her one.
        set(&mut t, |s| {
            s.weights = vec![KindWeightInput {
                kind: "talk".into(),
                weight: "20".into(),
            }];
            s.contributor = "15".into();
        });
        let now = settings(&t.db).unwrap();
        assert_eq!(now.weight(ActivityKind::Talk), 20);
        assert_eq!(now.weight(ActivityKind::Help), 4, "the others keep theirs");
        assert_eq!(now.thresholds.contributor, 15);
        assert_eq!(stored(&t, ana), (20.0, EngagementLevel::Contributor));
    }
}
