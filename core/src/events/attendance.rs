//! Who is coming: members' answers to an event, the waitlist a full event keeps, check-in
//! on the day, and feedback afterwards.
//!
//! A "going" beyond the event's capacity waits, in the order people answered; when someone
//! who was going changes their mind, or the capacity grows, the first waiting takes the
//! place. Checking in marks who came (a walk-in had not said "going") and adds "attended"
//! to the member's timeline in the roster, which engagement counts; undoing the check-in
//! takes it away again.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::store;
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::members::activities::{self, ActivityFields, ActivityKind};
use crate::text::optional_multiline;

string_enum! {
    pub enum Rsvp {
        Going = "going",
        Maybe = "maybe",
        Declined = "declined",
        Waitlist = "waitlist",
    }
}

pub const COMMENT_MAX: u32 = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub id: i64,
    pub uid: String,
    pub event_id: i64,
    /// None once the member was forgotten.
    pub member_id: Option<i64>,
    /// The member's name, as the list shows it; empty once forgotten.
    pub member_name: String,
    pub rsvp: Rsvp,
    #[ts(type = "string")]
    pub responded_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub checked_in_at: Option<DateTime<Utc>>,
    pub walk_in: bool,
    pub feedback_score: Option<u8>,
    pub nps: Option<u8>,
    pub comment: String,
}

/// Feedback as a form gives it: each part may be left out.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FeedbackInput {
    /// 1 to 5.
    pub score: Option<u8>,
    /// 0 to 10: how likely they are to recommend the community.
    pub nps: Option<u8>,
    pub comment: String,
}

/// Everyone who answered, going first, then the waitlist in its order, then maybe and
/// declined; within each, in the order they answered.
pub fn list(db: &Db, event_id: i64) -> Result<Vec<Attendance>> {
    db.read(|r| {
        store::read_one(r, event_id)?;
        list_in(r, event_id)
    })
}

/// Records a member's answer ("going", "maybe" or "declined") and gives the list after it,
/// with whoever the answer moved (a "going" to the waitlist, or the first waiting off it).
pub fn respond(
    db: &mut Db,
    event_id: i64,
    member_id: i64,
    answer: &str,
) -> Result<Vec<Attendance>> {
    let answer = Rsvp::parse("rsvp", answer.trim())?;
    if answer == Rsvp::Waitlist {
        return Err(Error::invalid(
            "rsvp",
            Rule::UnknownValue,
            "the waitlist is where a full event puts a \"going\", not an answer of its own",
        ));
    }
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        same_community(w, member_id, event.community_id)?;
        let now = Utc::now();
        let previous = answer_of(w, event_id, member_id)?;
        let rsvp = match (answer, previous) {
            // Already going or waiting: the place in the queue is kept.
            (Rsvp::Going, Some(Rsvp::Going | Rsvp::Waitlist)) => previous.unwrap_or(Rsvp::Going),
            (Rsvp::Going, _) if is_full(w, event_id, event.capacity)? => Rsvp::Waitlist,
            _ => answer,
        };
        if previous.is_some() {
            let keeps_place = previous == Some(rsvp);
            w.execute(
                "UPDATE attendance SET rsvp = ?3, responded_at = CASE WHEN ?4 THEN responded_at ELSE ?5 END,
                     updated_at = ?5
                 WHERE event_id = ?1 AND member_id = ?2",
                params![event_id, member_id, rsvp, keeps_place, now],
            )?;
        } else {
            w.execute(
                "INSERT INTO attendance (uid, event_id, member_id, rsvp, responded_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
                params![uuid::Uuid::now_v7().to_string(), event_id, member_id, rsvp, now],
            )?;
        }
        promote(w, event_id, event.capacity)?;
        list_in(w, event_id)
    })
}

/// Marks the member as come, on the day of the event or after it. A member who had not
/// said "going" is a walk-in (and no longer waits or declines). Adds "attended" to their
/// timeline; checking in twice changes nothing.
pub fn check_in(db: &mut Db, event_id: i64, member_id: i64) -> Result<Attendance> {
    db.write(|w| check_in_in(w, event_id, member_id))
}

/// A walk-in who is not on the roster yet: adds them as a member (a name, and an email if
/// they give one) and checks them in, in one write, so the door never holds half of it.
pub fn walk_in(db: &mut Db, event_id: i64, name: &str, email: &str) -> Result<Attendance> {
    let fields = crate::members::MemberInput {
        name: Some(name.to_string()),
        email: (!email.trim().is_empty()).then(|| email.to_string()),
        ..crate::members::MemberInput::default()
    }
    .validate(true)?;
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        let member_id = crate::members::insert_member(
            w,
            event.community_id,
            &uuid::Uuid::now_v7().to_string(),
            &fields,
            Utc::now(),
        )?;
        // As for any new member: a plan task whose owner was typed as this name is theirs.
        crate::members::owners::link_typed_owners(w, event.community_id)?;
        check_in_in(w, event_id, member_id)
    })
}

fn check_in_in(w: &Write, event_id: i64, member_id: i64) -> Result<Attendance> {
    let event = store::read_one(w, event_id)?;
    same_community(w, member_id, event.community_id)?;
    let zone: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let day = event.starts_at.with_timezone(&zone).date_naive();
    let (_, today) = crate::community::locale_and_today(w, event.community_id)?;
    if day > today {
        return Err(Error::invalid(
            "checkIn",
            Rule::InvalidFormat,
            format!("check-in opens on the day of the event ({day})"),
        ));
    }
    let now = Utc::now();
    match one(w, event_id, member_id)? {
        Some(a) if a.checked_in_at.is_some() => return Ok(a),
        Some(a) => {
            // Whoever is at the door is going, waitlist or not; the answer they had is
            // kept for an undo.
            w.execute(
                "UPDATE attendance SET rsvp = 'going', answer_before = ?2, walk_in = ?3, checked_in_at = ?4,
                     updated_at = ?4
                 WHERE id = ?1",
                params![a.id, a.rsvp, a.rsvp != Rsvp::Going, now],
            )?;
        }
        None => {
            w.execute(
                "INSERT INTO attendance (uid, event_id, member_id, rsvp, responded_at, checked_in_at, walk_in,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'going', ?4, ?4, 1, ?4, ?4)",
                params![uuid::Uuid::now_v7().to_string(), event_id, member_id, now],
            )?;
        }
    }
    let attended = ActivityFields {
        kind: ActivityKind::EventAttended,
        occurred_on: Some(day.min(today)),
        weight: None,
        note: crate::text::optional("note", &event.title, activities::NOTE_MAX)?,
    };
    let activity = activities::insert(w, member_id, &attended, None)?;
    w.execute(
        "UPDATE attendance SET activity_id = ?3 WHERE event_id = ?1 AND member_id = ?2",
        params![event_id, member_id, activity],
    )?;
    one(w, event_id, member_id)?.ok_or_else(|| Error::Internal("the check-in vanished".into()))
}

/// Takes a check-in back (a mistap at the door), with the "attended" it added: the member
/// has the answer they had before, in their place in the queue, and a walk-in the check-in
/// added is gone again (None). A place it frees goes to the waitlist.
pub fn undo_check_in(db: &mut Db, event_id: i64, member_id: i64) -> Result<Option<Attendance>> {
    db.write(|w| {
        let a = one(w, event_id, member_id)?.ok_or_else(|| not_answered(event_id, member_id))?;
        if a.checked_in_at.is_none() {
            return Ok(Some(a));
        }
        let (activity, before): (Option<i64>, Option<Rsvp>) = w.query_row(
            "SELECT activity_id, answer_before FROM attendance WHERE id = ?1",
            [a.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if let Some(activity) = activity {
            activities::remove_in(w, activity)?;
        }
        let event = store::read_one(w, event_id)?;
        match before {
            None => {
                w.execute("DELETE FROM attendance WHERE id = ?1", [a.id])?;
                tombstones::bury(w, "attendance", &a.uid, event.community_id, Utc::now())?;
            }
            Some(before) => {
                w.execute(
                    "UPDATE attendance SET rsvp = ?2, answer_before = NULL, walk_in = 0, checked_in_at = NULL,
                         activity_id = NULL, updated_at = ?3
                     WHERE id = ?1",
                    params![a.id, before, Utc::now()],
                )?;
            }
        }
        promote(w, event_id, event.capacity)?;
        one(w, event_id, member_id)
    })
}

/// Records what a member who came thought of the event.
pub fn feedback(
    db: &mut Db,
    event_id: i64,
    member_id: i64,
    input: &FeedbackInput,
) -> Result<Attendance> {
    if input.score.is_some_and(|s| !(1..=5).contains(&s)) {
        return Err(Error::invalid(
            "score",
            Rule::InvalidFormat,
            "a score is 1 to 5",
        ));
    }
    if input.nps.is_some_and(|n| n > 10) {
        return Err(Error::invalid(
            "nps",
            Rule::InvalidFormat,
            "a recommendation score is 0 to 10",
        ));
    }
    let comment = optional_multiline("comment", &input.comment, COMMENT_MAX)?;
    db.write(|w| {
        let a = one(w, event_id, member_id)?.ok_or_else(|| not_answered(event_id, member_id))?;
        if a.checked_in_at.is_none() {
            return Err(Error::invalid(
                "memberId",
                Rule::InvalidFormat,
                "feedback comes from members who came: check them in first",
            ));
        }
        w.execute(
            "UPDATE attendance SET feedback_score = ?2, nps = ?3, comment = ?4, updated_at = ?5 WHERE id = ?1",
            params![a.id, input.score, input.nps, comment, Utc::now()],
        )?;
        one(w, event_id, member_id)?.ok_or_else(|| Error::Internal("the answer vanished".into()))
    })
}

/// Gives free places to the waitlist, first come first served. Called after every change
/// that may free one (an answer, a larger capacity).
pub(crate) fn promote(w: &Write, event_id: i64, capacity: Option<u32>) -> Result<()> {
    let free = match capacity {
        None => i64::MAX,
        Some(capacity) => i64::from(capacity) - going(w, event_id)?,
    };
    if free <= 0 {
        return Ok(());
    }
    w.execute(
        "UPDATE attendance SET rsvp = 'going', updated_at = ?3
         WHERE id IN (SELECT id FROM attendance WHERE event_id = ?1 AND rsvp = 'waitlist'
                      ORDER BY responded_at, id LIMIT ?2)",
        params![event_id, free, Utc::now()],
    )?;
    Ok(())
}

/// Two records of one person become one (`members::merge`): the other's answers become the
/// kept member's. Where both answered the same event, the stronger answer stays (came, then
/// going, waiting, maybe, declined; the kept record's on a tie) and the other goes, with a
/// second "attended" if both were checked in; a place that frees goes to the waitlist.
pub(crate) fn merge_members(
    w: &Write,
    keep_id: i64,
    other_id: i64,
    community_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    struct Answer {
        id: i64,
        uid: String,
        activity_id: Option<i64>,
        rank: i64,
    }
    const RANK: &str =
        "CASE WHEN {t}.checked_in_at IS NOT NULL THEN 0 WHEN {t}.rsvp = 'going' THEN 1
        WHEN {t}.rsvp = 'waitlist' THEN 2 WHEN {t}.rsvp = 'maybe' THEN 3 ELSE 4 END";
    let both: Vec<(i64, Answer, Answer)> = w.query_all(
        &format!(
            "SELECT k.event_id, k.id, k.uid, k.activity_id, {}, o.id, o.uid, o.activity_id, {}
             FROM attendance k JOIN attendance o ON o.event_id = k.event_id
             WHERE k.member_id = ?1 AND o.member_id = ?2",
            RANK.replace("{t}", "k"),
            RANK.replace("{t}", "o")
        ),
        params![keep_id, other_id],
        |row| {
            Ok((
                row.get(0)?,
                Answer {
                    id: row.get(1)?,
                    uid: row.get(2)?,
                    activity_id: row.get(3)?,
                    rank: row.get(4)?,
                },
                Answer {
                    id: row.get(5)?,
                    uid: row.get(6)?,
                    activity_id: row.get(7)?,
                    rank: row.get(8)?,
                },
            ))
        },
    )?;
    for (event_id, kept, other) in both {
        let (winner, loser) = if other.rank < kept.rank {
            (other, kept)
        } else {
            (kept, other)
        };
        if let (Some(_), Some(surplus)) = (winner.activity_id, loser.activity_id) {
            activities::remove_in(w, surplus)?;
        }
        w.execute("DELETE FROM attendance WHERE id = ?1", [loser.id])?;
        tombstones::bury(w, "attendance", &loser.uid, community_id, now)?;
        w.execute(
            "UPDATE attendance SET member_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![winner.id, keep_id, now],
        )?;
        let capacity = store::read_one(w, event_id)?.capacity;
        promote(w, event_id, capacity)?;
    }
    w.execute(
        "UPDATE attendance SET member_id = ?1, updated_at = ?3 WHERE member_id = ?2",
        params![keep_id, other_id, now],
    )?;
    Ok(())
}

fn going(r: &Read, event_id: i64) -> Result<i64> {
    r.query_row(
        "SELECT count(*) FROM attendance WHERE event_id = ?1 AND rsvp = 'going'",
        [event_id],
        |row| row.get(0),
    )
}

fn is_full(r: &Read, event_id: i64, capacity: Option<u32>) -> Result<bool> {
    Ok(capacity.is_some_and(|c| going(r, event_id).is_ok_and(|n| n >= i64::from(c))))
}

fn answer_of(r: &Read, event_id: i64, member_id: i64) -> Result<Option<Rsvp>> {
    r.query_optional(
        "SELECT rsvp FROM attendance WHERE event_id = ?1 AND member_id = ?2",
        params![event_id, member_id],
        |row| row.get(0),
    )
}

fn same_community(r: &Read, member_id: i64, community_id: i64) -> Result<()> {
    if activities::member_community(r, member_id)? != community_id {
        return Err(Error::invalid(
            "memberId",
            Rule::UnknownValue,
            format!("member {member_id} belongs to another community"),
        ));
    }
    Ok(())
}

fn not_answered(event_id: i64, member_id: i64) -> Error {
    Error::NotFound(format!(
        "member {member_id} has not answered event {event_id}"
    ))
}

const COLUMNS: &str =
    "a.id, a.uid, a.event_id, a.member_id, coalesce(m.name, '') AS member_name, a.rsvp,
    a.responded_at, a.checked_in_at, a.walk_in, a.feedback_score, a.nps, a.comment";

fn one(r: &Read, event_id: i64, member_id: i64) -> Result<Option<Attendance>> {
    r.query_optional(
        &format!(
            "SELECT {COLUMNS} FROM attendance a LEFT JOIN members m ON m.id = a.member_id
             WHERE a.event_id = ?1 AND a.member_id = ?2"
        ),
        params![event_id, member_id],
        from_row,
    )
}

fn list_in(r: &Read, event_id: i64) -> Result<Vec<Attendance>> {
    r.query_all(
        &format!(
            "SELECT {COLUMNS} FROM attendance a LEFT JOIN members m ON m.id = a.member_id
             WHERE a.event_id = ?1
             ORDER BY CASE a.rsvp WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END,
                      a.responded_at, a.id"
        ),
        [event_id],
        from_row,
    )
}

fn from_row(row: &Row) -> rusqlite::Result<Attendance> {
    Ok(Attendance {
        id: row.get("id")?,
        uid: row.get("uid")?,
        event_id: row.get("event_id")?,
        member_id: row.get("member_id")?,
        member_name: row.get("member_name")?,
        rsvp: row.get("rsvp")?,
        responded_at: row.get("responded_at")?,
        checked_in_at: row.get("checked_in_at")?,
        walk_in: row.get("walk_in")?,
        feedback_score: row.get("feedback_score")?,
        nps: row.get("nps")?,
        comment: row.get("comment")?,
    })
}

/// The share of "going" who did not come, over the community's past events where anyone
/// was checked in (an event nobody checked in at says nothing about who came), this one
/// left out; and how many events that was. None with no such event.
pub fn no_show_rate(db: &Db, community_id: i64, event_id: i64) -> Result<(Option<f64>, i64)> {
    db.read(|r| {
        let (events, going, came): (i64, i64, i64) = r.query_row(
            "SELECT count(DISTINCT a.event_id), count(*), count(a.checked_in_at)
             FROM attendance a JOIN events e ON e.id = a.event_id
             WHERE e.community_id = ?1 AND e.id <> ?2 AND e.ends_at < ?3
               AND (a.rsvp = 'going' OR a.checked_in_at IS NOT NULL) AND a.walk_in = 0
               AND EXISTS (SELECT 1 FROM attendance c WHERE c.event_id = e.id AND c.checked_in_at IS NOT NULL)",
            rusqlite::params![community_id, event_id, super::local_time::utc_text(Utc::now())],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let rate = (going > 0).then(|| (going - came) as f64 / going as f64);
        Ok((rate, events))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::events::testing::member;
    use crate::events::{self, EventInput};
    use crate::members;

    /// An event today (UTC community), for two.
    fn event_for_two(db: &mut Db, community_id: i64) -> i64 {
        let today = Utc::now().date_naive();
        let input = EventInput {
            title: "Rust evening".into(),
            kind: "meetup".into(),
            format: "offline".into(),
            start: format!("{today}T00:00"),
            end: format!("{today}T23:59"),
            capacity: Some("2".into()),
            ..EventInput::default()
        };
        events::create(db, community_id, &input).unwrap().id
    }

    fn answers(list: &[Attendance]) -> Vec<(String, Rsvp)> {
        list.iter()
            .map(|a| (a.member_name.clone(), a.rsvp))
            .collect()
    }

    #[test]
    fn a_full_event_keeps_a_waitlist_and_promotes_the_first_waiting() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let e = event_for_two(&mut t.db, c);
        let [ana, bea, cid, dan] = ["Ana", "Bea", "Cid", "Dan"].map(|n| member(&mut t.db, c, n));
        respond(&mut t.db, e, ana, "going").unwrap();
        respond(&mut t.db, e, bea, "going").unwrap();
        respond(&mut t.db, e, cid, "going").unwrap();
        let list = respond(&mut t.db, e, dan, "going").unwrap();
        let named = |v: &[(&str, Rsvp)]| {
            v.iter()
                .map(|(n, r)| (n.to_string(), *r))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            answers(&list),
            named(&[
                ("Ana", Rsvp::Going),
                ("Bea", Rsvp::Going),
                ("Cid", Rsvp::Waitlist),
                ("Dan", Rsvp::Waitlist)
            ])
        );
        // Cid answers "going" again: the place in the queue is kept.
        respond(&mut t.db, e, cid, "going").unwrap();
        // Bea declines: Cid, first in the queue, takes the place.
        let list = respond(&mut t.db, e, bea, "declined").unwrap();
        assert_eq!(
            answers(&list),
            named(&[
                ("Ana", Rsvp::Going),
                ("Cid", Rsvp::Going),
                ("Dan", Rsvp::Waitlist),
                ("Bea", Rsvp::Declined)
            ])
        );
        // A larger capacity lets Dan in.
        let mut bigger = EventInput {
            title: "Rust evening".into(),
            kind: "meetup".into(),
            format: "offline".into(),
            capacity: Some("3".into()),
            ..EventInput::default()
        };
        let current = events::get(&t.db, e).unwrap();
        bigger.start = current.start.clone();
        bigger.end = current.end.clone();
        events::update(&mut t.db, e, &bigger).unwrap();
        let now = super::list(&t.db, e).unwrap();
        assert_eq!(now.iter().filter(|a| a.rsvp == Rsvp::Going).count(), 3);
        assert!(
            respond(&mut t.db, e, ana, "waitlist").is_err(),
            "not an answer of its own"
        );
        assert!(respond(&mut t.db, e, ana, "perhaps").is_err());
        let other = community(&mut t.db, "Other", "en").id;
        let stranger = member(&mut t.db, other, "Eve");
        assert!(
            respond(&mut t.db, e, stranger, "going").is_err(),
            "another community's member"
        );
    }

    #[test]
    fn check_in_counts_as_attended_until_it_is_undone() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let e = event_for_two(&mut t.db, c);
        let [ana, walk] = ["Ana", "Walk-in Wendy"].map(|n| member(&mut t.db, c, n));
        respond(&mut t.db, e, ana, "going").unwrap();
        let came = check_in(&mut t.db, e, ana).unwrap();
        assert!(came.checked_in_at.is_some() && !came.walk_in);
        assert_eq!(
            check_in(&mut t.db, e, ana).unwrap(),
            came,
            "twice changes nothing"
        );
        let wendy = check_in(&mut t.db, e, walk).unwrap();
        assert!(wendy.walk_in && wendy.rsvp == Rsvp::Going);

        let attended = |t: &crate::db::testing::TempDb, m: i64| {
            members::activities::timeline(&t.db, m)
                .unwrap()
                .iter()
                .filter(|a| a.kind == ActivityKind::EventAttended)
                .count()
        };
        assert_eq!((attended(&t, ana), attended(&t, walk)), (1, 1));
        assert!(
            members::get(&t.db, ana).unwrap().engagement_score > 0.0,
            "it counts for engagement"
        );

        let fb = feedback(
            &mut t.db,
            e,
            ana,
            &FeedbackInput {
                score: Some(5),
                nps: Some(9),
                comment: "Great talks".into(),
            },
        )
        .unwrap();
        assert_eq!(
            (fb.feedback_score, fb.nps, fb.comment.as_str()),
            (Some(5), Some(9), "Great talks")
        );
        for bad in [
            FeedbackInput {
                score: Some(0),
                ..FeedbackInput::default()
            },
            FeedbackInput {
                nps: Some(11),
                ..FeedbackInput::default()
            },
            FeedbackInput {
                comment: "x".repeat(2_001),
                ..FeedbackInput::default()
            },
        ] {
            assert!(feedback(&mut t.db, e, ana, &bad).is_err());
        }

        let undone = undo_check_in(&mut t.db, e, walk).unwrap();
        assert_eq!(undone, None, "a walk-in the check-in added is gone again");
        assert_eq!(attended(&t, walk), 0, "the attended activity went with it");
        let err = feedback(&mut t.db, e, walk, &FeedbackInput::default()).unwrap_err();
        assert!(matches!(err, Error::NotFound(_)), "{err:?}");
        undo_check_in(&mut t.db, e, ana).unwrap();
        let err = feedback(&mut t.db, e, ana, &FeedbackInput::default()).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { .. }),
            "only those who came give feedback"
        );
    }

    #[test]
    fn check_in_waits_for_the_day_and_answers_go_with_their_event() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let ana = member(&mut t.db, c, "Ana");
        let next_year = Utc::now().date_naive() + chrono::Duration::days(365);
        let later = EventInput {
            title: "Next year".into(),
            kind: "conference".into(),
            format: "hybrid".into(),
            start: format!("{next_year}T10:00"),
            end: format!("{next_year}T18:00"),
            ..EventInput::default()
        };
        let e = events::create(&mut t.db, c, &later).unwrap().id;
        respond(&mut t.db, e, ana, "maybe").unwrap();
        let err = check_in(&mut t.db, e, ana).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "checkIn"),
            "{err:?}"
        );
        events::delete(&mut t.db, e).unwrap();
        let records: Vec<String> = tombstones::since(&t.db, c, None)
            .unwrap()
            .into_iter()
            .map(|b| b.record)
            .collect();
        assert!(records.contains(&"attendance".to_string()), "{records:?}");
        assert!(matches!(list(&t.db, e), Err(Error::NotFound(_))));
    }

    #[test]
    fn merged_duplicates_keep_the_stronger_answer_per_event() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let [first, second, third] = [0, 1, 2].map(|_| event_for_two(&mut t.db, c));
        let [ana, ana_again] = ["Ana Ribeiro", "Ana R."].map(|n| member(&mut t.db, c, n));
        respond(&mut t.db, first, ana, "maybe").unwrap();
        respond(&mut t.db, first, ana_again, "going").unwrap();
        respond(&mut t.db, second, ana_again, "going").unwrap();
        check_in(&mut t.db, third, ana).unwrap();
        check_in(&mut t.db, third, ana_again).unwrap();
        members::merge::merge(&mut t.db, ana, ana_again).unwrap();
        let of = |e: i64| -> Vec<(Option<i64>, Rsvp, bool)> {
            super::list(&t.db, e)
                .unwrap()
                .iter()
                .map(|a| (a.member_id, a.rsvp, a.checked_in_at.is_some()))
                .collect()
        };
        assert_eq!(
            of(first),
            [(Some(ana), Rsvp::Going, false)],
            "going beats maybe"
        );
        assert_eq!(
            of(second),
            [(Some(ana), Rsvp::Going, false)],
            "the other's answer is now theirs"
        );
        assert_eq!(of(third), [(Some(ana), Rsvp::Going, true)]);
        let attended = members::activities::timeline(&t.db, ana)
            .unwrap()
            .iter()
            .filter(|a| a.kind == ActivityKind::EventAttended)
            .count();
        assert_eq!(attended, 1, "one event attended once, not twice");
        // The kept check-in can still be undone, with its "attended".
        undo_check_in(&mut t.db, third, ana).unwrap();
        let attended = members::activities::timeline(&t.db, ana)
            .unwrap()
            .iter()
            .filter(|a| a.kind == ActivityKind::EventAttended)
            .count();
        assert_eq!(attended, 0);
    }

    #[test]
    fn an_undone_check_in_gives_back_the_answer_and_the_place() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let e = event_for_two(&mut t.db, c);
        let [ana, bea, cid, dan] = ["Ana", "Bea", "Cid", "Dan"].map(|n| member(&mut t.db, c, n));
        for m in [ana, bea, cid, dan] {
            respond(&mut t.db, e, m, "going").unwrap();
        }
        // Dan, fourth in line, is checked in by mistake: he counts as going for a moment.
        let mistake = check_in(&mut t.db, e, dan).unwrap();
        assert!(mistake.walk_in && mistake.rsvp == Rsvp::Going);
        let back = undo_check_in(&mut t.db, e, dan).unwrap().unwrap();
        assert_eq!((back.rsvp, back.walk_in), (Rsvp::Waitlist, false));
        // Bea declines: Cid, still first in the queue, takes the place, not Dan.
        let list = respond(&mut t.db, e, bea, "declined").unwrap();
        let going: Vec<&str> = list
            .iter()
            .filter(|a| a.rsvp == Rsvp::Going)
            .map(|a| a.member_name.as_str())
            .collect();
        assert_eq!(going, ["Ana", "Cid"]);
    }

    #[test]
    fn a_walk_in_joins_the_roster_and_is_checked_in_at_once() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let e = event_for_two(&mut t.db, c);
        let came = walk_in(&mut t.db, e, " Wendy Walker ", "wendy@example.org").unwrap();
        assert!(came.walk_in && came.checked_in_at.is_some());
        assert_eq!(came.member_name, "Wendy Walker");
        let wendy = members::get(&t.db, came.member_id.unwrap()).unwrap();
        assert_eq!(
            (wendy.email.as_str(), wendy.community_id),
            ("wendy@example.org", c)
        );
        let before = super::list(&t.db, e).unwrap().len();
        assert!(walk_in(&mut t.db, e, "  ", "").is_err(), "a name is needed");
        assert!(walk_in(&mut t.db, e, "Vic", "not an email").is_err());
        assert_eq!(
            super::list(&t.db, e).unwrap().len(),
            before,
            "nothing half-written"
        );
    }
}
