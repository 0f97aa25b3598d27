//! A person's right over their own data: to see everything Hearth holds about them, and to
//! be forgotten. Forgetting deletes the member record (name, contacts, handles, notes) and
//! what was written about them (their activities' and impact records' notes, the owner
//! name on their plan tasks); the activities and impact records themselves stay, owned by
//! no one, so the community's counts and other members' kudos do not change. A tombstone (a random uid and the time) lets
//! another copy of the community forget them too.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::activities::{self, Activity};
use super::model::Member;
use super::store::{get, get_in};
use crate::db::{tombstones, Db};
use crate::error::{Error, Result};
use crate::output_file;
use crate::plan::TaskStatus;

/// Deletes member `id` and the personal data tied to them, keeping their activities counted
/// anonymously.
pub fn forget(db: &mut Db, id: i64) -> Result<()> {
    let now = Utc::now();
    db.write(|w| {
        let member = get_in(w, id)?;
        // What was written about them goes with them; that they did something stays.
        w.execute("UPDATE activities SET note = '' WHERE member_id = ?1", [id])?;
        // Their impact stays counted, from no one, without what was written about it; but
        // only what they consented to: without their consent it goes, as it is not counted.
        if !member.consent {
            crate::metrics::impact::remove_all_of(w, id, now)?;
        }
        w.execute(
            "UPDATE impact_records SET note = '' WHERE member_id = ?1",
            [id],
        )?;
        // Their comments on events too; their answers and scores stay, from no one.
        w.execute(
            "UPDATE attendance SET comment = '' WHERE member_id = ?1",
            [id],
        )?;
        // And what was noted about their talks and roles.
        w.execute(
            "UPDATE agenda_items SET notes = '' WHERE speaker_member_id = ?1",
            [id],
        )?;
        w.execute(
            "UPDATE event_roles SET note = '' WHERE member_id = ?1",
            [id],
        )?;
        w.execute(
            "UPDATE plan_tasks SET owner_member_id = NULL, owner_name = NULL
             WHERE owner_member_id = ?1",
            [id],
        )?;
        // Activities (member_id, from_member_id), answers to events (member_id) and "Mine"
        // (own_member_id) let go of the member by their foreign keys (ON DELETE SET NULL).
        w.execute("DELETE FROM members WHERE id = ?1", [id])?;
        tombstones::bury(w, "members", &member.uid, member.community_id, now)
    })?;
    // The file zeroes what is deleted (secure_delete, see `Db::connect`); the log still
    // holds the pages as they were until it is emptied.
    db.truncate_log()
}

/// Everything Hearth holds about one person, for a person who asks (written out as JSON).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonalData {
    pub exported_at: DateTime<Utc>,
    /// The community whose roster holds them.
    pub community: CommunityName,
    /// Their profile, as stored.
    pub member: Member,
    /// What they did, newest first, with the weight each counts with.
    pub activities: Vec<Activity>,
    /// What the community did for their working life (the impact log), newest first.
    pub impact: Vec<crate::metrics::impact::Impact>,
    /// Kudos they gave other members.
    pub kudos_given: Vec<KudosGiven>,
    /// Plan tasks they own.
    pub tasks_owned: Vec<OwnedTask>,
    /// Their answers to events, check-ins and feedback, the latest event first.
    pub event_answers: Vec<EventAnswer>,
    /// What they do at events: talks on agendas, roles, checklist tasks they own.
    pub event_parts: Vec<EventPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventPart {
    pub uid: String,
    pub event_title: String,
    #[ts(type = "string")]
    pub event_starts_at: String,
    /// "talk", "role" or "task".
    pub part: String,
    /// The talk's title, the role ("host", "mc", …) or the task's title.
    pub what: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventAnswer {
    pub uid: String,
    pub event_title: String,
    #[ts(type = "string")]
    pub event_starts_at: String,
    pub rsvp: crate::events::attendance::Rsvp,
    #[ts(type = "string | null")]
    pub checked_in_at: Option<DateTime<Utc>>,
    pub feedback_score: Option<u8>,
    pub nps: Option<u8>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityName {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KudosGiven {
    pub uid: String,
    /// Who received it, while that member is on the roster.
    pub to_member_name: Option<String>,
    pub occurred_on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnedTask {
    pub uid: String,
    pub stage: u8,
    pub title: String,
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
}

/// Everything Hearth holds about member `id`.
pub fn personal_data(db: &Db, id: i64) -> Result<PersonalData> {
    let member = get(db, id)?;
    let activities = activities::timeline(db, id)?;
    let impact = crate::metrics::impact::list(db, id)?;
    db.read(|r| {
        let community = r.query_row(
            "SELECT id, name FROM communities WHERE id = ?1",
            [member.community_id],
            |row| {
                Ok(CommunityName {
                    id: row.get("id")?,
                    name: row.get("name")?,
                })
            },
        )?;
        let kudos_given = r.query_all(
            "SELECT a.uid AS uid, m.name AS to_member_name, a.occurred_on AS occurred_on,
                    a.note AS note
             FROM activities AS a LEFT JOIN members AS m ON m.id = a.member_id
             WHERE a.from_member_id = ?1
             ORDER BY a.occurred_on DESC, a.id DESC",
            [id],
            |row| {
                Ok(KudosGiven {
                    uid: row.get("uid")?,
                    to_member_name: row.get("to_member_name")?,
                    occurred_on: row.get("occurred_on")?,
                    note: row.get("note")?,
                })
            },
        )?;
        let tasks_owned = r.query_all(
            "SELECT uid, stage, title, status, due FROM plan_tasks
             WHERE owner_member_id = ?1 ORDER BY stage, sort",
            [id],
            |row| {
                Ok(OwnedTask {
                    uid: row.get("uid")?,
                    stage: row.get("stage")?,
                    title: row.get("title")?,
                    status: row.get("status")?,
                    due: row.get("due")?,
                })
            },
        )?;
        let event_answers = r.query_all(
            "SELECT a.uid, e.title, e.starts_at, a.rsvp, a.checked_in_at, a.feedback_score, a.nps, a.comment
             FROM attendance AS a JOIN events AS e ON e.id = a.event_id
             WHERE a.member_id = ?1
             ORDER BY e.starts_at DESC, a.id DESC",
            [id],
            |row| {
                Ok(EventAnswer {
                    uid: row.get("uid")?,
                    event_title: row.get("title")?,
                    event_starts_at: row.get("starts_at")?,
                    rsvp: row.get("rsvp")?,
                    checked_in_at: row.get("checked_in_at")?,
                    feedback_score: row.get("feedback_score")?,
                    nps: row.get("nps")?,
                    comment: row.get("comment")?,
                })
            },
        )?;
        let event_parts = r.query_all(
            "SELECT p.uid, e.title, e.starts_at, p.part, p.what, p.note
             FROM (SELECT uid, event_id, 'talk' AS part, title AS what, notes AS note
                   FROM agenda_items WHERE speaker_member_id = ?1
                   UNION ALL
                   SELECT uid, event_id, 'role', role, note FROM event_roles WHERE member_id = ?1
                   UNION ALL
                   SELECT uid, event_id, 'task', title, '' FROM event_tasks WHERE owner_member_id = ?1) AS p
             JOIN events AS e ON e.id = p.event_id
             ORDER BY e.starts_at DESC, p.part, p.uid",
            [id],
            |row| {
                Ok(EventPart {
                    uid: row.get(0)?,
                    event_title: row.get(1)?,
                    event_starts_at: row.get(2)?,
                    part: row.get(3)?,
                    what: row.get(4)?,
                    note: row.get(5)?,
                })
            },
        )?;
        Ok(PersonalData {
            exported_at: Utc::now(),
            community,
            member,
            activities,
            impact,
            kudos_given,
            tasks_owned,
            event_answers,
            event_parts,
        })
    })
}

/// Writes member `id`'s data as JSON to `out` (never onto the database in `data_dir` or
/// its backups), whole or not at all; returns what was written.
pub fn save_personal_data(db: &Db, id: i64, data_dir: &Path, out: &Path) -> Result<PersonalData> {
    output_file::guard(data_dir, out)?;
    let data = personal_data(db, id)?;
    let json = serde_json::to_vec_pretty(&data)
        .map_err(|e| Error::Internal(format!("cannot write the member's data as JSON: {e}")))?;
    output_file::write(out, &json)?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::activities::ActivityInput;
    use crate::members::{create, MemberInput};

    fn count(db: &Db, sql: &str, id: i64) -> i64 {
        db.read(|r| r.query_row(sql, [id], |row| row.get(0)))
            .unwrap()
    }

    struct Fixture {
        t: crate::db::testing::TempDb,
        c: i64,
        olga: i64,
        petr: i64,
        task: i64,
    }

    /// Olga gave a talk and a kudos to Пётр, owns a plan task, and is "Mine".
    fn fixture() -> Fixture {
        let mut t = temp_db();
        let c = community(&mut t.db, "Гильдия", "ru").id;
        let olga = create(
            &mut t.db,
            c,
            &MemberInput {
                name: Some("Ольга Смирнова".into()),
                email: Some("olga@example.org".into()),
                notes: Some("Lives near the venue.".into()),
                consent: Some(true),
                ..MemberInput::default()
            },
        )
        .unwrap()
        .id;
        let petr = create(
            &mut t.db,
            c,
            &MemberInput {
                name: Some("Пётр".into()),
                ..MemberInput::default()
            },
        )
        .unwrap()
        .id;
        let talk = ActivityInput {
            kind: "talk".into(),
            occurred_on: "2026-03-05".into(),
            weight: None,
            note: "Ольга's talk on her move to Lisbon".into(),
        };
        activities::add(&mut t.db, olga, &talk).unwrap();
        activities::give_kudos(&mut t.db, petr, Some(olga), "great slides").unwrap();
        let step = crate::metrics::impact::ImpactInput {
            kind: "career_growth".into(),
            occurred_on: "2026-04-01".into(),
            note: "Ольга became a team lead".into(),
        };
        crate::metrics::impact::record(&mut t.db, olga, &step).unwrap();
        let task: i64 =
            t.db.read(|r| {
                r.query_row(
                    "SELECT id FROM plan_tasks WHERE community_id = ?1 LIMIT 1",
                    [c],
                    |row| row.get(0),
                )
            })
            .unwrap();
        t.db.write(|w| {
            w.execute(
                "UPDATE plan_tasks SET owner_member_id = ?1, owner_name = 'Ольга Смирнова'
                 WHERE id = ?2",
                [olga, task],
            )?;
            w.execute(
                "UPDATE communities SET own_member_id = ?1 WHERE id = ?2",
                [olga, c],
            )
        })
        .unwrap();
        Fixture {
            t,
            c,
            olga,
            petr,
            task,
        }
    }

    #[test]
    fn personal_data_holds_the_profile_activities_kudos_and_tasks() {
        let f = fixture();
        let data = personal_data(&f.t.db, f.olga).unwrap();
        assert_eq!(data.community.name, "Гильдия");
        assert_eq!(data.member.email, "olga@example.org");
        assert_eq!(data.activities.len(), 1);
        assert_eq!(
            data.activities[0].note,
            "Ольга's talk on her move to Lisbon"
        );
        assert_eq!(data.kudos_given.len(), 1);
        assert_eq!(data.kudos_given[0].to_member_name.as_deref(), Some("Пётр"));
        assert_eq!(data.kudos_given[0].note, "great slides");
        assert_eq!(data.tasks_owned.len(), 1);
        assert_eq!(data.impact.len(), 1);
        assert_eq!(data.impact[0].note, "Ольга became a team lead");
        let json = serde_json::to_string(&data).unwrap();
        assert!(json.contains("\"kudosGiven\""), "{json}");
        assert!(json.contains("olga@example.org"));
        assert_eq!(personal_data(&f.t.db, 999).unwrap_err().code(), "not_found");
    }

    #[test]
    fn personal_data_is_saved_as_json_but_never_over_the_database() {
        let f = fixture();
        let data_dir = f.t.db.path().parent().unwrap().to_path_buf();
        let out = f.t.dir.path().join("olga.json");
        save_personal_data(&f.t.db, f.olga, &data_dir, &out).unwrap();
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(saved["member"]["name"], "Ольга Смирнова");
        assert_eq!(saved["kudosGiven"][0]["note"], "great slides");
        let db_file = f.t.db.path().to_path_buf();
        let err = save_personal_data(&f.t.db, f.olga, &data_dir, &db_file).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(
            crate::members::get(&f.t.db, f.olga).is_ok(),
            "the database is intact"
        );
    }

    #[test]
    fn forgetting_deletes_the_person_and_keeps_the_counts() {
        let mut f = fixture();
        let activities_before = count(
            &f.t.db,
            "SELECT count(*) FROM activities WHERE community_id = ?1",
            f.c,
        );
        let petr_before = crate::members::get(&f.t.db, f.petr).unwrap();
        let uid = crate::members::get(&f.t.db, f.olga).unwrap().uid;

        forget(&mut f.t.db, f.olga).unwrap();

        assert_eq!(
            crate::members::get(&f.t.db, f.olga).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(
            count(
                &f.t.db,
                "SELECT count(*) FROM activities WHERE community_id = ?1",
                f.c
            ),
            activities_before,
            "every activity still counts"
        );
        assert_eq!(
            count(
                &f.t.db,
                "SELECT count(*) FROM activities WHERE community_id = ?1 AND member_id IS NULL",
                f.c
            ),
            1,
            "her talk belongs to no one"
        );
        let petr = crate::members::get(&f.t.db, f.petr).unwrap();
        assert_eq!(
            petr.engagement_score, petr_before.engagement_score,
            "the kudos she gave still counts for Пётр"
        );
        let kudos = activities::timeline(&f.t.db, f.petr).unwrap();
        assert_eq!(kudos[0].from_member_id, None);
        // Nothing of hers is left to read: not her name, her email, her notes, or what was
        // written about her.
        let leftovers = count(
            &f.t.db,
            "SELECT (SELECT count(*) FROM members WHERE name LIKE '%Ольга%' OR email LIKE '%olga%')
                  + (SELECT count(*) FROM activities WHERE note LIKE '%Ольга%')
                  + (SELECT count(*) FROM plan_tasks WHERE owner_name LIKE '%Ольга%'
                                                     OR owner_member_id IS NOT NULL)
                  + (SELECT count(*) FROM communities WHERE own_member_id IS NOT NULL)
                  + ?1 * 0",
            0,
        );
        assert_eq!(leftovers, 0);
        assert_eq!(
            count(
                &f.t.db,
                "SELECT count(*) FROM plan_tasks WHERE id = ?1",
                f.task
            ),
            1,
            "the task itself stays"
        );
        let buried = tombstones::since(&f.t.db, f.c, None).unwrap();
        assert!(buried.iter().any(|b| b.uid == uid && b.record == "members"));
        assert_eq!(forget(&mut f.t.db, f.olga).unwrap_err().code(), "not_found");
    }
}
