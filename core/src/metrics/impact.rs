//! The impact log: what belonging to the community did for its members, the source note's
//! third measure of success. Per member, dated: a career step, a joint project, a
//! recommendation or connection made, a new skill. It is about a person's working life,
//! so it is kept only with their consent: a member who has not given it cannot have a
//! record added, and one who withdraws it stops being counted. Forgetting a member keeps
//! their records counted, anonymously and without their notes, as their activities are;
//! forgetting one who withdrew their consent removes them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::{Key, Measure, Range, Valued};
use crate::community::locale_and_today;
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::optional_multiline;

string_enum! {
    /// The kinds of impact the source note names.
    pub enum ImpactKind {
        CareerGrowth = "career_growth",
        JointProject = "joint_project",
        Recommendation = "recommendation",
        NewSkill = "new_skill",
    }
}

impl ImpactKind {
    /// The metric that counts records of this kind.
    pub fn key(self) -> Key {
        match self {
            ImpactKind::CareerGrowth => Key::ImpactCareerGrowth,
            ImpactKind::JointProject => Key::ImpactJointProjects,
            ImpactKind::Recommendation => Key::ImpactRecommendations,
            ImpactKind::NewSkill => Key::ImpactNewSkills,
        }
    }
}

pub const NOTE_MAX: u32 = 500;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[("note", NOTE_MAX)];

/// One record of the log.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Impact {
    pub id: i64,
    pub uid: String,
    /// Null once the member was forgotten.
    pub member_id: Option<i64>,
    pub kind: ImpactKind,
    pub occurred_on: NaiveDate,
    pub note: String,
}

/// A record as typed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct ImpactInput {
    pub kind: String,
    /// `YYYY-MM-DD`; empty means today in the community's time zone.
    pub occurred_on: String,
    pub note: String,
}

/// A member's records, newest first.
pub fn list(db: &Db, member_id: i64) -> Result<Vec<Impact>> {
    db.read(|r| {
        member_of(r, member_id)?;
        r.query_all(
            "SELECT id, uid, member_id, kind, occurred_on, note FROM impact_records
             WHERE member_id = ?1 ORDER BY occurred_on DESC, id DESC",
            [member_id],
            from_row,
        )
    })
}

/// Adds a record to a member's log; refused without the member's consent.
pub fn record(db: &mut Db, member_id: i64, input: &ImpactInput) -> Result<Impact> {
    let kind = ImpactKind::parse("kind", input.kind.trim())?;
    let note = optional_multiline("note", &input.note, NOTE_MAX)?;
    let day = crate::members::date("occurredOn", &input.occurred_on)?;
    let id = db.write(|w| {
        let (community_id, consent) = member_of(w, member_id)?;
        if !consent {
            return Err(Error::invalid(
                "consent",
                Rule::Required,
                "impact is recorded only with the member's consent: record it on their card first",
            ));
        }
        let (_, today) = locale_and_today(w, community_id)?;
        let day = day.unwrap_or(today);
        if day > today {
            return Err(Error::invalid(
                "occurredOn",
                Rule::InvalidFormat,
                format!("{day} is in the future: impact is recorded once it happened"),
            ));
        }
        let now = Utc::now();
        w.execute(
            "INSERT INTO impact_records (uid, community_id, member_id, kind, occurred_on, note,
                                         created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                member_id,
                kind,
                day,
                note,
                now
            ],
        )?;
        Ok(w.last_insert_rowid())
    })?;
    db.read(|r| {
        r.query_row(
            "SELECT id, uid, member_id, kind, occurred_on, note FROM impact_records WHERE id = ?1",
            [id],
            from_row,
        )
    })
}

/// Removes a record, leaving a tombstone.
pub fn remove(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let found: Option<(String, i64)> = w.query_optional(
            "SELECT uid, community_id FROM impact_records WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let (uid, community_id) =
            found.ok_or_else(|| Error::NotFound(format!("impact record {id} does not exist")))?;
        w.execute("DELETE FROM impact_records WHERE id = ?1", [id])?;
        tombstones::bury(w, "impact_records", &uid, community_id, Utc::now())
    })
}

/// Removes every record of `member_id`, leaving a tombstone for each: what forgetting a
/// member who withdrew their consent does with their log.
pub(crate) fn remove_all_of(w: &Write, member_id: i64, now: DateTime<Utc>) -> Result<()> {
    let records: Vec<(String, i64)> = w.query_all(
        "SELECT uid, community_id FROM impact_records WHERE member_id = ?1",
        [member_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    for (uid, community_id) in records {
        tombstones::bury(w, "impact_records", &uid, community_id, now)?;
    }
    w.execute(
        "DELETE FROM impact_records WHERE member_id = ?1",
        [member_id],
    )?;
    Ok(())
}

/// The member's community and whether they consented.
fn member_of(r: &Read, member_id: i64) -> Result<(i64, bool)> {
    r.query_optional(
        "SELECT community_id, consent FROM members WHERE id = ?1",
        [member_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?
    .ok_or_else(|| Error::NotFound(format!("member {member_id} does not exist")))
}

fn from_row(row: &Row) -> rusqlite::Result<Impact> {
    Ok(Impact {
        id: row.get("id")?,
        uid: row.get("uid")?,
        member_id: row.get("member_id")?,
        kind: row.get("kind")?,
        occurred_on: row.get("occurred_on")?,
        note: row.get("note")?,
    })
}

/// The records the metrics count (members who consent, and the forgotten), by day.
pub(super) struct Impacts {
    /// (day number, kind), in day order.
    records: Vec<(i32, ImpactKind)>,
}

impl Impacts {
    pub fn read(db: &Db, community_id: i64, span: Range) -> Result<Impacts> {
        let records = db.read(|r| {
            r.query_all(
                "SELECT i.occurred_on, i.kind FROM impact_records i
                 LEFT JOIN members m ON m.id = i.member_id
                 WHERE i.community_id = ?1 AND i.occurred_on BETWEEN ?2 AND ?3
                   AND (i.member_id IS NULL OR m.consent = 1)
                 ORDER BY i.occurred_on",
                params![community_id, span.from, span.to],
                |row| {
                    let day: NaiveDate = row.get(0)?;
                    Ok((day.num_days_from_ce(), row.get::<_, ImpactKind>(1)?))
                },
            )
        })?;
        Ok(Impacts { records })
    }

    /// How many records of each kind fall in `range`.
    pub fn measure(&self, range: Range) -> Vec<Valued> {
        let (from, to) = (range.from.num_days_from_ce(), range.to.num_days_from_ce());
        let start = self.records.partition_point(|&(d, _)| d < from);
        let end = self.records.partition_point(|&(d, _)| d <= to);
        let within = &self.records[start..end];
        ImpactKind::ALL
            .iter()
            .map(|&kind| Valued {
                key: kind.key(),
                measure: Measure::count(within.iter().filter(|&&(_, k)| k == kind).count() as u64),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{self, MemberInput};
    use crate::metrics::dashboard;

    fn member(db: &mut Db, c: i64, name: &str, consent: bool) -> i64 {
        let input = MemberInput {
            name: Some(name.into()),
            consent: Some(consent),
            ..MemberInput::default()
        };
        members::create(db, c, &input).unwrap().id
    }

    fn impact(kind: &str, on: &str) -> ImpactInput {
        ImpactInput {
            kind: kind.into(),
            occurred_on: on.into(),
            note: "Became a team lead".into(),
        }
    }

    fn counted(db: &Db, c: i64, key: Key) -> Option<f64> {
        let board = dashboard(db, c, Range::parse("2026-01-01", "2026-12-31").unwrap()).unwrap();
        board
            .metrics
            .iter()
            .find(|m| m.key == key)
            .unwrap()
            .current
            .value
    }

    #[test]
    fn impact_is_recorded_and_counted_only_with_consent() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let ana = member(&mut t.db, c, "Ana", true);
        let bruno = member(&mut t.db, c, "Bruno", false);

        let refused = record(&mut t.db, bruno, &impact("career_growth", "2026-03-01")).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput { field: Some(f), .. } if f == "consent"));
        assert!(list(&t.db, bruno).unwrap().is_empty());

        record(&mut t.db, ana, &impact("career_growth", "2026-03-01")).unwrap();
        record(&mut t.db, ana, &impact("new_skill", "2026-04-01")).unwrap();
        record(&mut t.db, ana, &impact("new_skill", "2025-04-01")).unwrap();
        assert!(record(&mut t.db, ana, &impact("fame", "2026-04-01")).is_err());
        assert_eq!(list(&t.db, ana).unwrap().len(), 3);
        assert_eq!(counted(&t.db, c, Key::ImpactCareerGrowth), Some(1.0));
        // 2025's skill is before the range.
        assert_eq!(counted(&t.db, c, Key::ImpactNewSkills), Some(1.0));
        assert_eq!(counted(&t.db, c, Key::ImpactJointProjects), Some(0.0));

        // Consent withdrawn: kept, no longer counted.
        let withdrawn = MemberInput {
            consent: Some(false),
            ..MemberInput::default()
        };
        members::update(&mut t.db, ana, &withdrawn).unwrap();
        assert_eq!(counted(&t.db, c, Key::ImpactCareerGrowth), Some(0.0));
        members::update(
            &mut t.db,
            ana,
            &MemberInput {
                consent: Some(true),
                ..MemberInput::default()
            },
        )
        .unwrap();

        // Forgotten: still counted, from no one, without the note.
        members::forget::forget(&mut t.db, ana).unwrap();
        assert_eq!(counted(&t.db, c, Key::ImpactCareerGrowth), Some(1.0));
        let notes: Vec<(Option<i64>, String)> =
            t.db.read(|r| {
                r.query_all("SELECT member_id, note FROM impact_records", [], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
            })
            .unwrap();
        assert!(
            notes.iter().all(|(m, n)| m.is_none() && n.is_empty()),
            "{notes:?}"
        );
    }

    #[test]
    fn a_merge_keeps_the_log_and_forgetting_without_consent_removes_it() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let ana = member(&mut t.db, c, "Ana", true);
        let twin = member(&mut t.db, c, "Ana R.", true);
        record(&mut t.db, twin, &impact("new_skill", "2026-03-01")).unwrap();
        members::merge::merge(&mut t.db, ana, twin).unwrap();
        assert_eq!(
            list(&t.db, ana).unwrap().len(),
            1,
            "the twin's record is Ana's"
        );
        assert_eq!(counted(&t.db, c, Key::ImpactNewSkills), Some(1.0));

        // Consent withdrawn, then forgotten: the record goes, rather than counting again
        // from no one.
        members::update(
            &mut t.db,
            ana,
            &MemberInput {
                consent: Some(false),
                ..MemberInput::default()
            },
        )
        .unwrap();
        members::forget::forget(&mut t.db, ana).unwrap();
        assert_eq!(counted(&t.db, c, Key::ImpactNewSkills), Some(0.0));
        let left: i64 =
            t.db.read(|r| r.query_row("SELECT count(*) FROM impact_records", [], |row| row.get(0)))
                .unwrap();
        assert_eq!(left, 0);
    }
}
