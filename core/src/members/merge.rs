//! Two records of one person become one. Duplicates come from imports, from a person who
//! signed up twice with two emails, from a name typed two ways; the organizer picks which
//! record is kept. Nothing the person did is lost: every activity, every kudos they gave,
//! the plan tasks they own and "Mine" move to the kept record, and its empty fields are
//! filled from the other. The other record goes, leaving a tombstone so another copy of the
//! community can remove it too.

use chrono::{NaiveDate, Utc};

use super::model::{normalise, Member, MemberFields, Role, NOTES_MAX, TAGS_MAX};
use super::store::{apply, get, get_in};
use crate::db::{tombstones, Db};
use crate::error::{Error, Result, Rule};

/// Merges member `other_id` into member `keep_id` and returns the kept member as stored.
pub fn merge(db: &mut Db, keep_id: i64, other_id: i64) -> Result<Member> {
    if keep_id == other_id {
        return Err(Error::invalid(
            "otherId",
            Rule::InvalidFormat,
            "a member cannot be merged with themself",
        ));
    }
    let now = Utc::now();
    db.write(|w| {
        let keep = get_in(w, keep_id)?;
        let other = get_in(w, other_id)?;
        if keep.community_id != other.community_id {
            return Err(Error::Conflict(format!(
                "members {keep_id} and {other_id} belong to different communities"
            )));
        }
        // What the other did is now the kept member's. A kudos the other gave the kept one
        // would read as a kudos to oneself: it stays counted, from no one in particular.
        w.execute(
            "UPDATE activities SET from_member_id = NULL
             WHERE from_member_id = ?1 AND member_id = ?2",
            [other_id, keep_id],
        )?;
        w.execute(
            "UPDATE activities SET member_id = ?1 WHERE member_id = ?2",
            [keep_id, other_id],
        )?;
        w.execute(
            "UPDATE activities SET from_member_id = ?1 WHERE from_member_id = ?2",
            [keep_id, other_id],
        )?;
        // Their impact log too; it counts while the kept record has the member's consent.
        w.execute(
            "UPDATE impact_records SET member_id = ?1 WHERE member_id = ?2",
            [keep_id, other_id],
        )?;
        crate::events::attendance::merge_members(w, keep_id, other_id, other.community_id, now)?;
        w.execute(
            "UPDATE plan_tasks SET owner_member_id = ?1 WHERE owner_member_id = ?2",
            [keep_id, other_id],
        )?;
        w.execute(
            "UPDATE event_tasks SET owner_member_id = ?1 WHERE owner_member_id = ?2",
            [keep_id, other_id],
        )?;
        w.execute(
            "UPDATE agenda_items SET speaker_member_id = ?1 WHERE speaker_member_id = ?2",
            [keep_id, other_id],
        )?;
        w.execute(
            "UPDATE event_roles SET member_id = ?1 WHERE member_id = ?2",
            [keep_id, other_id],
        )?;
        w.execute(
            "UPDATE communities SET own_member_id = ?1 WHERE own_member_id = ?2",
            [keep_id, other_id],
        )?;
        apply(w, keep_id, &combined(&keep, &other), now)?;
        w.execute("DELETE FROM members WHERE id = ?1", [other_id])?;
        tombstones::bury(w, "members", &other.uid, other.community_id, now)?;
        super::engagement::recompute_member(w, keep_id)
    })?;
    get(db, keep_id)
}

/// The kept member's fields after the merge: each empty one filled from the other, roles
/// and tags united, notes joined, the earlier joining date. Consent is the kept record's:
/// a permission is never inferred from another record.
fn combined(keep: &Member, other: &Member) -> MemberFields {
    let fill = |mine: &str, theirs: &str| {
        (mine.is_empty() && !theirs.is_empty()).then(|| theirs.to_string())
    };
    let roles: Vec<Role> = Role::ALL
        .iter()
        .copied()
        .filter(|r| keep.roles.contains(r) || other.roles.contains(r))
        .collect();
    // Each tag once (as a form counts them: case and "ё" aside), the kept record's first;
    // past the most a member may carry, the other's last ones are left out.
    let mut seen: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for tag in keep.tags.iter().chain(&other.tags) {
        let key = normalise(tag);
        if !seen.contains(&key) {
            seen.push(key);
            tags.push(tag.clone());
        }
    }
    tags.truncate(TAGS_MAX as usize);
    let notes = match (keep.notes.is_empty(), other.notes.is_empty()) {
        (false, false) if keep.notes != other.notes => {
            let joined = format!("{}\n\n{}", keep.notes, other.notes);
            Some(joined.chars().take(NOTES_MAX as usize).collect())
        }
        (true, false) => Some(other.notes.clone()),
        _ => None,
    };
    let earlier = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let joined_on = earlier(keep.joined_on, other.joined_on);
    // A left date only when both records had left: one of them is still a member.
    let left_on = match (keep.left_on, other.left_on) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
    MemberFields {
        name: None,
        email: fill(&keep.email, &other.email),
        phone: fill(&keep.phone, &other.phone),
        telegram: fill(&keep.telegram, &other.telegram),
        linkedin: fill(&keep.linkedin, &other.linkedin),
        github: fill(&keep.github, &other.github),
        other_handle: fill(&keep.other_handle, &other.other_handle),
        company: fill(&keep.company, &other.company),
        position: fill(&keep.position, &other.position),
        city: fill(&keep.city, &other.city),
        level: keep.level.is_none().then_some(other.level),
        roles: Some(roles),
        tags: Some(tags),
        joined_on: (joined_on != keep.joined_on).then_some(joined_on),
        left_on: (left_on != keep.left_on).then_some(left_on),
        source: fill(&keep.source, &other.source),
        consent: None,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::activities::{self, ActivityInput};
    use crate::members::{create, Level, MemberInput};

    fn add(db: &mut Db, c: i64, input: MemberInput) -> i64 {
        create(db, c, &input).unwrap().id
    }

    fn activity(db: &mut Db, member: i64, kind: &str, on: &str) {
        let input = ActivityInput {
            kind: kind.into(),
            occurred_on: on.into(),
            weight: None,
            note: "at the May meetup".into(),
        };
        activities::add(db, member, &input).unwrap();
    }

    fn count(db: &Db, sql: &str, id: i64) -> i64 {
        db.read(|r| r.query_row(sql, [id], |row| row.get(0)))
            .unwrap()
    }

    #[test]
    fn the_kept_member_gets_every_activity_task_and_kudos_and_the_other_goes() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let keep = add(
            &mut t.db,
            c,
            MemberInput {
                name: Some("Ana Ribeiro".into()),
                email: Some("ana@example.org".into()),
                roles: Some(vec!["speaker".into()]),
                tags: Some(vec!["Rust".into()]),
                joined_on: Some("2025-03-01".into()),
                notes: Some("Met at RustConf.".into()),
                ..MemberInput::default()
            },
        );
        let other = add(
            &mut t.db,
            c,
            MemberInput {
                name: Some("Ana R.".into()),
                email: Some("ana.r@work.example".into()),
                phone: Some("+351 912 345 678".into()),
                company: Some("Farfetch".into()),
                level: Some("leader".into()),
                roles: Some(vec!["organizer".into(), "speaker".into()]),
                tags: Some(vec!["rust".into(), "Kafka".into()]),
                joined_on: Some("2024-06-10".into()),
                consent: Some(true),
                notes: Some("Runs the Porto chapter.".into()),
                ..MemberInput::default()
            },
        );
        let bruno = add(
            &mut t.db,
            c,
            MemberInput {
                name: Some("Bruno".into()),
                ..MemberInput::default()
            },
        );
        activity(&mut t.db, keep, "talk", "2026-01-10");
        activity(&mut t.db, other, "content", "2026-02-01");
        activity(&mut t.db, other, "help", "2026-02-03");
        activities::give_kudos(&mut t.db, bruno, Some(other), "thanks").unwrap();
        activities::give_kudos(&mut t.db, keep, Some(other), "to myself?").unwrap();
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
                "UPDATE plan_tasks SET owner_member_id = ?1 WHERE id = ?2",
                [other, task],
            )?;
            w.execute(
                "UPDATE communities SET own_member_id = ?1 WHERE id = ?2",
                [other, c],
            )
        })
        .unwrap();
        let activities_before = count(
            &t.db,
            "SELECT count(*) FROM activities WHERE community_id = ?1",
            c,
        );
        let other_uid = crate::members::get(&t.db, other).unwrap().uid;

        let merged = merge(&mut t.db, keep, other).unwrap();

        assert_eq!(merged.id, keep);
        assert_eq!(merged.name, "Ana Ribeiro", "the kept member's name stays");
        assert_eq!(
            merged.email, "ana@example.org",
            "a filled field is not overwritten"
        );
        assert_eq!(merged.phone, "+351 912 345 678", "an empty field is filled");
        assert_eq!(merged.company, "Farfetch");
        assert_eq!(merged.level, Some(Level::Leader));
        assert_eq!(merged.roles, [Role::Organizer, Role::Speaker]);
        assert_eq!(merged.tags, ["Rust", "Kafka"]);
        assert_eq!(merged.joined_on.unwrap().to_string(), "2024-06-10");
        assert_eq!(merged.notes, "Met at RustConf.\n\nRuns the Porto chapter.");
        assert!(
            !merged.consent,
            "consent is never taken from the other record"
        );

        assert_eq!(
            count(
                &t.db,
                "SELECT count(*) FROM activities WHERE community_id = ?1",
                c
            ),
            activities_before,
            "every activity is kept"
        );
        assert_eq!(
            count(
                &t.db,
                "SELECT count(*) FROM activities WHERE member_id = ?1",
                keep
            ),
            4,
            "the talk, the content, the help and the kudos received"
        );
        assert_eq!(
            count(
                &t.db,
                "SELECT count(*) FROM activities WHERE from_member_id = ?1",
                keep
            ),
            1,
            "the kudos the other gave Bruno is now the kept member's"
        );
        assert_eq!(
            count(&t.db, "SELECT count(*) FROM activities WHERE member_id = ?1 AND from_member_id IS NULL AND kind = 'kudos'", keep),
            1,
            "a kudos between the two is no kudos to oneself"
        );
        assert_eq!(
            count(
                &t.db,
                "SELECT owner_member_id FROM plan_tasks WHERE id = ?1",
                task
            ),
            keep
        );
        assert_eq!(
            count(
                &t.db,
                "SELECT own_member_id FROM communities WHERE id = ?1",
                c
            ),
            keep
        );
        assert_eq!(
            crate::members::get(&t.db, other).unwrap_err().code(),
            "not_found"
        );
        let buried = tombstones::since(&t.db, c, None).unwrap();
        assert!(buried
            .iter()
            .any(|b| b.uid == other_uid && b.record == "members"));
        assert!(
            merged.engagement_score > 0.0,
            "engagement counts the moved activities"
        );
        let timeline = activities::timeline(&t.db, keep).unwrap();
        assert_eq!(timeline.len(), 4);
    }

    #[test]
    fn merging_a_member_with_themself_or_across_communities_changes_nothing() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let d = community(&mut t.db, "Other", "en").id;
        let named = |n: &str| MemberInput {
            name: Some(n.into()),
            ..MemberInput::default()
        };
        let a = add(&mut t.db, c, named("Ana"));
        let b = add(&mut t.db, d, named("Ana"));
        let before = t.db.revision().unwrap();
        assert_eq!(merge(&mut t.db, a, a).unwrap_err().code(), "invalid_input");
        assert_eq!(merge(&mut t.db, a, b).unwrap_err().code(), "conflict");
        assert_eq!(merge(&mut t.db, a, 999).unwrap_err().code(), "not_found");
        assert_eq!(t.db.revision().unwrap(), before);
        assert!(crate::members::get(&t.db, b).is_ok());
    }

    #[test]
    fn long_notes_and_many_tags_are_cut_to_what_a_member_may_hold() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let tags = |prefix: &str| (0..40).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
        let a = add(
            &mut t.db,
            c,
            MemberInput {
                name: Some("A".into()),
                tags: Some(tags("a")),
                notes: Some("x".repeat(3_000)),
                ..MemberInput::default()
            },
        );
        let b = add(
            &mut t.db,
            c,
            MemberInput {
                name: Some("B".into()),
                tags: Some(tags("b")),
                notes: Some("y".repeat(3_000)),
                ..MemberInput::default()
            },
        );
        let merged = merge(&mut t.db, a, b).unwrap();
        assert_eq!(merged.tags.len(), TAGS_MAX as usize);
        assert_eq!(
            merged.tags[..40],
            tags("a")[..],
            "the kept member's own tags first"
        );
        assert_eq!(merged.notes.chars().count(), NOTES_MAX as usize);
        assert!(merged.notes.starts_with("xxx"));
    }
}
