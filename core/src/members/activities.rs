//! What members did, day by day: a talk given, a post written, a question answered, kudos
//! received. The timeline is what engagement is computed from (see `engagement`), so every
//! change to it here recomputes the member's engagement in the same transaction: the roster
//! never shows a score that disagrees with the timeline beside it.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::engagement::{self, EngagementSettings};
use crate::db::{Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline};

string_enum! {
    /// What kind of thing a member did. Each kind has a weight in the engagement settings.
    pub enum ActivityKind {
        Talk = "talk",
        Content = "content",
        Help = "help",
        JointProject = "joint_project",
        Recommendation = "recommendation",
        Kudos = "kudos",
        EventAttended = "event_attended",
        Other = "other",
    }
}

pub const NOTE_MAX: u32 = 500;
/// The largest weight an activity can carry, the same for a kind's weight in the settings.
pub const WEIGHT_MAX: u32 = 100;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[("note", NOTE_MAX), ("weight", WEIGHT_MAX)];

/// One thing a member did, as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: i64,
    pub uid: String,
    /// Null once the member was forgotten: the activity still counts, anonymously.
    pub member_id: Option<i64>,
    pub kind: ActivityKind,
    /// The weight it counts with: its own when one was given, else its kind's from the
    /// engagement settings.
    pub weight: u32,
    /// True when this activity was given a weight of its own.
    pub weight_overridden: bool,
    pub occurred_on: NaiveDate,
    pub note: String,
    /// The member who gave the kudos, when a member did (and still exists).
    pub from_member_id: Option<i64>,
    pub from_member_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An activity as submitted: text as typed, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct ActivityInput {
    pub kind: String,
    /// `YYYY-MM-DD`; empty means today in the community's time zone.
    pub occurred_on: String,
    /// As typed: blank (or absent) counts the kind's weight; a whole number 0 to 100
    /// overrides it for this activity.
    pub weight: Option<String>,
    pub note: String,
}

/// A checked activity, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityFields {
    pub kind: ActivityKind,
    /// None: today in the community's time zone, decided when stored.
    pub occurred_on: Option<NaiveDate>,
    pub weight: Option<u32>,
    pub note: String,
}

impl ActivityInput {
    pub fn validate(&self) -> Result<ActivityFields> {
        Ok(ActivityFields {
            kind: ActivityKind::parse("kind", self.kind.trim())?,
            occurred_on: super::date("occurredOn", &self.occurred_on)?,
            weight: weight(self.weight.as_deref())?,
            note: optional_multiline("note", &self.note, NOTE_MAX)?,
        })
    }
}

/// Reads a typed weight: blank is "the kind's weight"; anything else must be a whole
/// number from 0 to `WEIGHT_MAX`.
pub(crate) fn weight(typed: Option<&str>) -> Result<Option<u32>> {
    let typed = optional("weight", typed.unwrap_or_default(), 20)?;
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.parse::<u32>() {
        Ok(w) if w <= WEIGHT_MAX => Ok(Some(w)),
        _ => Err(Error::invalid(
            "weight",
            Rule::InvalidFormat,
            format!("{typed:?} is not a weight: a whole number from 0 to {WEIGHT_MAX}"),
        )),
    }
}

/// Adds an activity to a member's timeline and recomputes their engagement.
pub fn add(db: &mut Db, member_id: i64, input: &ActivityInput) -> Result<Activity> {
    let fields = input.validate()?;
    let id = db.write(|w| insert(w, member_id, &fields, None))?;
    get(db, id)
}

/// `add` inside a write of the caller's (the sample community, a merge): checks `input`,
/// stores it, recomputes the member's engagement, and returns the new activity's id.
pub fn add_in(w: &Write, member_id: i64, input: &ActivityInput) -> Result<i64> {
    insert(w, member_id, &input.validate()?, None)
}

/// Records kudos for `to_member_id`, today, from another member of the same community
/// (or from the organizer, when `from_member_id` is None).
pub fn give_kudos(
    db: &mut Db,
    to_member_id: i64,
    from_member_id: Option<i64>,
    note: &str,
) -> Result<Activity> {
    let fields = ActivityFields {
        kind: ActivityKind::Kudos,
        occurred_on: None,
        weight: None,
        note: optional_multiline("note", note, NOTE_MAX)?,
    };
    let id = db.write(|w| insert(w, to_member_id, &fields, from_member_id))?;
    get(db, id)
}

/// Stores a checked activity of `member_id` and recomputes the member's engagement.
pub(crate) fn insert(
    w: &Write,
    member_id: i64,
    f: &ActivityFields,
    from_member_id: Option<i64>,
) -> Result<i64> {
    let community_id = member_community(w, member_id)?;
    let (_, today) = crate::community::locale_and_today(w, community_id)?;
    let occurred_on = f.occurred_on.unwrap_or(today);
    if occurred_on > today {
        return Err(Error::invalid(
            "occurredOn",
            Rule::InvalidFormat,
            format!("{occurred_on} is in the future: an activity is recorded once it happened"),
        ));
    }
    if let Some(from) = from_member_id {
        if from == member_id {
            return Err(Error::invalid(
                "fromMemberId",
                Rule::InvalidFormat,
                "a member cannot give kudos to themselves",
            ));
        }
        if member_community(w, from)? != community_id {
            return Err(Error::invalid(
                "fromMemberId",
                Rule::InvalidFormat,
                format!("member {from} belongs to another community"),
            ));
        }
    }
    let now = Utc::now();
    w.execute(
        "INSERT INTO activities (uid, community_id, member_id, kind, weight, occurred_on, note,
                                 from_member_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            uuid::Uuid::now_v7().to_string(),
            community_id,
            member_id,
            f.kind,
            f.weight,
            occurred_on,
            f.note,
            from_member_id,
            now
        ],
    )?;
    let id = w.last_insert_rowid();
    engagement::recompute_member(w, member_id)?;
    Ok(id)
}

/// Removes an activity, leaving a tombstone so the removal can travel to another copy, and
/// recomputes the engagement of the member it belonged to.
pub fn remove(db: &mut Db, activity_id: i64) -> Result<()> {
    db.write(|w| remove_in(w, activity_id))
}

/// [`remove`] inside a write already under way (undoing a check-in).
pub(crate) fn remove_in(w: &Write, activity_id: i64) -> Result<()> {
    let (uid, community_id, member_id): (String, i64, Option<i64>) = w
        .query_optional(
            "SELECT uid, community_id, member_id FROM activities WHERE id = ?1",
            [activity_id],
            |row| {
                Ok((
                    row.get("uid")?,
                    row.get("community_id")?,
                    row.get("member_id")?,
                ))
            },
        )?
        .ok_or_else(|| not_found(activity_id))?;
    w.execute("DELETE FROM activities WHERE id = ?1", [activity_id])?;
    crate::db::tombstones::bury(w, "activities", &uid, community_id, Utc::now())?;
    if let Some(member_id) = member_id {
        engagement::recompute_member(w, member_id)?;
    }
    Ok(())
}

/// A member's timeline, newest first.
pub fn timeline(db: &Db, member_id: i64) -> Result<Vec<Activity>> {
    db.read(|r| {
        member_community(r, member_id)?;
        let settings = engagement::settings_in(r)?;
        r.query_all(
            &format!(
                "{ACTIVITY_SELECT} WHERE a.member_id = ?1 ORDER BY a.occurred_on DESC, a.id DESC"
            ),
            [member_id],
            |row| activity_from_row(row, &settings),
        )
    })
}

/// One activity, with its effective weight.
pub fn get(db: &Db, activity_id: i64) -> Result<Activity> {
    db.read(|r| get_in(r, activity_id))
}

pub(crate) fn get_in(r: &Read, activity_id: i64) -> Result<Activity> {
    let settings = engagement::settings_in(r)?;
    r.query_optional(
        &format!("{ACTIVITY_SELECT} WHERE a.id = ?1"),
        [activity_id],
        |row| activity_from_row(row, &settings),
    )?
    .ok_or_else(|| not_found(activity_id))
}

/// Every activity with the name of whoever gave it (kudos), for a row of `Activity`.
pub(crate) const ACTIVITY_SELECT: &str =
    "SELECT a.id, a.uid, a.member_id, a.kind, a.weight, a.occurred_on, a.note, a.from_member_id,
            g.name AS from_member_name, a.created_at
     FROM activities a LEFT JOIN members g ON g.id = a.from_member_id";

pub(crate) fn activity_from_row(
    row: &Row<'_>,
    settings: &EngagementSettings,
) -> rusqlite::Result<Activity> {
    let kind: ActivityKind = row.get("kind")?;
    let own: Option<u32> = row.get("weight")?;
    Ok(Activity {
        id: row.get("id")?,
        uid: row.get("uid")?,
        member_id: row.get("member_id")?,
        kind,
        weight: own.unwrap_or_else(|| settings.weight(kind)),
        weight_overridden: own.is_some(),
        occurred_on: row.get("occurred_on")?,
        note: row.get("note")?,
        from_member_id: row.get("from_member_id")?,
        from_member_name: row.get("from_member_name")?,
        created_at: row.get("created_at")?,
    })
}

/// The community of member `member_id`; a member that does not exist is `not_found`.
pub(crate) fn member_community(r: &Read, member_id: i64) -> Result<i64> {
    r.query_optional(
        "SELECT community_id FROM members WHERE id = ?1",
        [member_id],
        |row| row.get("community_id"),
    )?
    .ok_or_else(|| Error::NotFound(format!("member {member_id} does not exist")))
}

fn not_found(activity_id: i64) -> Error {
    Error::NotFound(format!("activity {activity_id} does not exist"))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::db::testing::{community, temp_db, TempDb};
    use crate::members::{self, EngagementLevel, MemberInput};

    fn member(t: &mut TempDb, community_id: i64, name: &str) -> i64 {
        let input = MemberInput {
            name: Some(name.into()),
            ..MemberInput::default()
        };
        members::create(&mut t.db, community_id, &input).unwrap().id
    }

    fn input(kind: &str, occurred_on: &str, weight: Option<&str>) -> ActivityInput {
        ActivityInput {
            kind: kind.into(),
            occurred_on: occurred_on.into(),
            weight: weight.map(str::to_string),
            note: String::new(),
        }
    }

    fn field_of(err: Error) -> String {
        match err {
            Error::InvalidInput { field: Some(f), .. } => f,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_activities_are_refused_under_their_field_and_nothing_is_stored() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let ana = member(&mut t, c.id, "Ana");
        let tomorrow = (Utc::now().date_naive() + Duration::days(1)).to_string();
        let cases = [
            (input("singing", "", None), "kind"),
            (input("talk", "31.02.2026", None), "occurredOn"),
            (input("talk", &tomorrow, None), "occurredOn"),
            (input("talk", "", Some("101")), "weight"),
            (input("talk", "", Some("1.5")), "weight"),
            (
                ActivityInput {
                    note: "x".repeat(501),
                    ..input("talk", "", None)
                },
                "note",
            ),
        ];
        for (bad, field) in cases {
            assert_eq!(field_of(add(&mut t.db, ana, &bad).unwrap_err()), field);
        }
        assert!(timeline(&t.db, ana).unwrap().is_empty());
        assert_eq!(
            add(&mut t.db, 999, &input("talk", "", None))
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    #[test]
    fn the_timeline_is_newest_first_with_the_weight_each_counts() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let ana = member(&mut t, c.id, "Ana");
        let talk = add(&mut t.db, ana, &input("talk", "2026-03-01", None)).unwrap();
        assert_eq!((talk.weight, talk.weight_overridden), (10, false));
        let help = add(&mut t.db, ana, &input("help", "2026-05-01", Some(" 7 "))).unwrap();
        assert_eq!((help.weight, help.weight_overridden), (7, true));
        // Blank typed weight: the kind's.
        let today = add(&mut t.db, ana, &input("content", "", Some(""))).unwrap();
        assert_eq!(today.occurred_on, Utc::now().date_naive(), "blank is today");
        assert_eq!(today.weight, 6);
        let kinds: Vec<ActivityKind> = timeline(&t.db, ana)
            .unwrap()
            .iter()
            .map(|a| a.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                ActivityKind::Content,
                ActivityKind::Help,
                ActivityKind::Talk
            ]
        );
        assert_eq!(
            uuid::Uuid::parse_str(&talk.uid).unwrap().get_version_num(),
            7
        );
        let m = members::get(&t.db, ana).unwrap();
        assert_eq!(m.last_activity_on, Some(today.occurred_on));
    }

    #[test]
    fn removing_an_activity_rescores_the_member_and_leaves_a_tombstone() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let ana = member(&mut t, c.id, "Ana");
        let first = add(&mut t.db, ana, &input("talk", "", None)).unwrap();
        add(&mut t.db, ana, &input("talk", "", None)).unwrap();
        assert_eq!(
            members::get(&t.db, ana).unwrap().engagement_level,
            EngagementLevel::Contributor
        );
        remove(&mut t.db, first.id).unwrap();
        let m = members::get(&t.db, ana).unwrap();
        assert_eq!(
            (m.engagement_score, m.engagement_level),
            (10.0, EngagementLevel::Participant)
        );
        let buried: (String, i64) =
            t.db.read(|r| {
                r.query_row(
                    "SELECT record, community_id FROM tombstones WHERE uid = ?1",
                    [&first.uid],
                    |row| Ok((row.get("record")?, row.get("community_id")?)),
                )
            })
            .unwrap();
        assert_eq!(buried, ("activities".to_string(), c.id));
        assert_eq!(timeline(&t.db, ana).unwrap().len(), 1);
        assert_eq!(remove(&mut t.db, first.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn kudos_come_from_a_member_of_the_same_community_or_the_organizer() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let other = community(&mut t.db, "Other", "en");
        let ana = member(&mut t, c.id, "Ana");
        let bo = member(&mut t, c.id, "Bo");
        let stranger = member(&mut t, other.id, "Stranger");
        let kudos = give_kudos(&mut t.db, ana, Some(bo), "  great talk ").unwrap();
        assert_eq!(kudos.kind, ActivityKind::Kudos);
        assert_eq!(kudos.from_member_name.as_deref(), Some("Bo"));
        assert_eq!(kudos.note, "great talk");
        assert_eq!(kudos.occurred_on, Utc::now().date_naive());
        assert_eq!(members::get(&t.db, ana).unwrap().engagement_score, 3.0);
        let anonymous = give_kudos(&mut t.db, ana, None, "").unwrap();
        assert_eq!(anonymous.from_member_id, None);
        for from in [ana, stranger] {
            let err = give_kudos(&mut t.db, ana, Some(from), "").unwrap_err();
            assert_eq!(field_of(err), "fromMemberId");
        }
        assert_eq!(timeline(&t.db, ana).unwrap().len(), 2);
    }
}
