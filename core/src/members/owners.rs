//! Members as the owners of plan tasks. Plans were kept before there was a roster, their
//! owners typed as names; a typed owner becomes a link to a member as soon as exactly one
//! member bears that name (compared as search compares text: case, "ё" and spacing aside),
//! whether the member is added by hand, imported or made with the sample. A name two
//! members share, or that no member bears, stays text until the organizer picks the member.

use rusqlite::params;
use serde::Serialize;

use super::model::normalise;
use crate::db::{Db, Read, Write};
use crate::error::Result;

/// How many members a search for an owner offers at most.
pub const CANDIDATES_MAX: u32 = 50;

/// A member offered as a task's owner (or as the organizer's own record): enough to tell
/// two people of the same name apart.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnerCandidate {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: String,
}

/// The one member of the community whose name is `name`, normalised; None when no member
/// or more than one bears it.
pub(crate) fn member_named(r: &Read, community_id: i64, name: &str) -> Result<Option<i64>> {
    let key = normalise(name);
    if key.is_empty() {
        return Ok(None);
    }
    // `sort_name` is the normalised name, and the roster's index starts with it.
    let ids: Vec<i64> = r.query_all(
        "SELECT id FROM members WHERE community_id = ?1 AND sort_name = ?2 LIMIT 2",
        params![community_id, key],
        |row| row.get("id"),
    )?;
    Ok(match ids[..] {
        [id] => Some(id),
        _ => None,
    })
}

/// Links every task of the community whose owner is still text to the one member of that
/// name, if there is one; the text goes, as the member's name now stands for it. Returns
/// how many tasks were linked. Cheap: it reads only the tasks with a typed owner.
pub(crate) fn link_typed_owners(w: &Write, community_id: i64) -> Result<u32> {
    let typed: Vec<(i64, String)> = w.query_all(
        "SELECT id, owner_name FROM plan_tasks
         WHERE community_id = ?1 AND owner_member_id IS NULL AND owner_name IS NOT NULL",
        [community_id],
        |row| Ok((row.get("id")?, row.get("owner_name")?)),
    )?;
    let mut linked = 0;
    for (task_id, name) in typed {
        if let Some(member_id) = member_named(w, community_id, &name)? {
            linked += w.execute(
                "UPDATE plan_tasks SET owner_member_id = ?2, owner_name = NULL WHERE id = ?1",
                params![task_id, member_id],
            )? as u32;
        }
    }
    Ok(linked)
}

/// Links typed owners to members of their name (see the module's note); for a caller that
/// holds no write of its own.
pub fn link_owners(db: &mut Db, community_id: i64) -> Result<u32> {
    db.write(|w| {
        super::store::community_exists(w, community_id)?;
        link_typed_owners(w, community_id)
    })
}

/// Members whose name, email, company, handles or tags contain `query` (as the roster's
/// search compares), best first: the name itself, then names that start with it, then the
/// rest by name. At most `limit` (up to `CANDIDATES_MAX`); nothing for an empty query.
pub fn candidates(
    db: &Db,
    community_id: i64,
    query: &str,
    limit: u32,
) -> Result<Vec<OwnerCandidate>> {
    let key = normalise(query);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.min(CANDIDATES_MAX) as usize;
    let ids = super::roster::named_like(db, community_id, &key, limit)?;
    let rows = db.read(|r| super::roster::rows_by_id(r, &ids))?;
    Ok(rows
        .into_iter()
        .map(|row| OwnerCandidate {
            id: row.id,
            name: row.name,
            company: row.company,
            email: row.email,
        })
        .collect())
}

/// Whether member `member_id` belongs to community `community_id`: the only members a
/// community's task or "Mine" may name.
pub(crate) fn is_member_of(r: &Read, community_id: i64, member_id: i64) -> Result<bool> {
    r.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1 AND community_id = ?2)",
        params![member_id, community_id],
        |row| row.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{self, MemberInput};
    use crate::plan::{self, TaskInput};

    fn named(name: &str) -> MemberInput {
        MemberInput {
            name: Some(name.into()),
            ..MemberInput::default()
        }
    }

    fn owned_by(db: &mut Db, community_id: i64, title: &str, owner: &str) -> plan::Task {
        plan::create_task(
            db,
            community_id,
            &TaskInput {
                stage: 2,
                title: title.into(),
                owner_name: Some(owner.into()),
                ..TaskInput::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn a_typed_owner_is_linked_when_a_member_of_that_name_is_added() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Гильдия", "ru");
        let venue = owned_by(&mut t.db, c.id, "Найти площадку", "  пётр   ЁЛКИН ");
        assert_eq!(
            venue.owner_member_id, None,
            "no roster yet: the name stays text"
        );

        let petr = members::create(&mut t.db, c.id, &named("Пётр Ёлкин")).unwrap();
        let venue = plan::get_task(&t.db, venue.id).unwrap();
        assert_eq!(venue.owner_member_id, Some(petr.id));
        assert_eq!(
            venue.owner_name.as_deref(),
            Some("Пётр Ёлкин"),
            "the member's name"
        );

        // The link follows the member, not the text: a rename shows on the task.
        members::update(&mut t.db, petr.id, &named("Пётр Ёлкин-Смирнов")).unwrap();
        assert_eq!(
            plan::get_task(&t.db, venue.id)
                .unwrap()
                .owner_name
                .as_deref(),
            Some("Пётр Ёлкин-Смирнов")
        );
    }

    #[test]
    fn a_name_two_members_share_or_none_bears_stays_text() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        members::create(&mut t.db, c.id, &named("Ana Costa")).unwrap();
        members::create(&mut t.db, c.id, &named("ana costa")).unwrap();
        let shared = owned_by(&mut t.db, c.id, "Book the hall", "Ana Costa");
        let stranger = owned_by(&mut t.db, c.id, "Print badges", "The venue's manager");
        assert_eq!(link_owners(&mut t.db, c.id).unwrap(), 0);
        for task in [shared, stranger] {
            let task = plan::get_task(&t.db, task.id).unwrap();
            assert_eq!(task.owner_member_id, None, "{task:?}");
            assert!(task.owner_name.is_some(), "the text is kept: {task:?}");
        }
    }

    #[test]
    fn a_member_of_another_community_links_nothing_here() {
        let mut t = temp_db();
        let here = community(&mut t.db, "Here", "en");
        let there = community(&mut t.db, "There", "en");
        let task = owned_by(&mut t.db, here.id, "Book the hall", "Rui Lopes");
        members::create(&mut t.db, there.id, &named("Rui Lopes")).unwrap();
        assert_eq!(
            plan::get_task(&t.db, task.id).unwrap().owner_member_id,
            None
        );
        assert_eq!(link_owners(&mut t.db, 999).unwrap_err().code(), "not_found");
    }

    #[test]
    fn candidates_find_by_any_part_the_name_itself_first() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "ru");
        let make = |db: &mut Db, name: &str, company: &str| {
            members::create(
                db,
                c.id,
                &MemberInput {
                    name: Some(name.into()),
                    company: Some(company.into()),
                    ..MemberInput::default()
                },
            )
            .unwrap()
            .id
        };
        let alena = make(&mut t.db, "Алёна Анина", "Анна и партнёры");
        let anna = make(&mut t.db, "Анна", "");
        let anna_s = make(&mut t.db, "Анна Сафина", "");
        let ivan = make(&mut t.db, "Иван Петров", "Анна-Тех");
        let found = |db: &Db, q: &str| -> Vec<i64> {
            candidates(db, c.id, q, 10)
                .unwrap()
                .into_iter()
                .map(|m| m.id)
                .collect()
        };
        assert_eq!(found(&t.db, "АННА"), [anna, anna_s, alena, ivan]);
        assert_eq!(found(&t.db, "алена"), [alena], "ё found by е");
        assert_eq!(found(&t.db, "   "), Vec::<i64>::new());
        assert_eq!(
            found(&t.db, "петров анна"),
            Vec::<i64>::new(),
            "a match never runs from one field into the next"
        );
        let olga = make(&mut t.db, "Ольга Аннина", "");
        assert_eq!(
            found(&t.db, "аннина"),
            [olga],
            "a member added since is found at once"
        );
        assert_eq!(candidates(&t.db, c.id, "анн", 2).unwrap().len(), 2);
        assert_eq!(
            candidates(&t.db, 999, "анн", 2).unwrap_err().code(),
            "not_found"
        );
    }
}
