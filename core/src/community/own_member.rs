//! Which member of a community is the organizer using this copy of Hearth: what "Mine"
//! means in the plan. Chosen once ("Which member are you?") and kept with the community,
//! so it is the same on every screen and follows the member's renames; forgetting or
//! merging away that member clears or moves it (the schema's foreign key, and merge).

use rusqlite::params;

use super::model::Community;
use crate::db::{Db, Read};
use crate::error::{Error, Result, Rule};
use crate::members::owners;

/// Makes member `member_id` the organizer's own record in community `community_id`; None
/// clears it.
pub fn set_own_member(db: &mut Db, community_id: i64, member_id: Option<i64>) -> Result<Community> {
    db.write(|w| {
        crate::members::community_exists(w, community_id)?;
        if let Some(member_id) = member_id {
            if !owners::is_member_of(w, community_id, member_id)? {
                return Err(Error::invalid(
                    "ownMemberId",
                    Rule::UnknownValue,
                    format!("member {member_id} is not a member of community {community_id}"),
                ));
            }
        }
        w.execute(
            "UPDATE communities SET own_member_id = ?2 WHERE id = ?1",
            params![community_id, member_id],
        )?;
        Ok(())
    })?;
    super::get(db, community_id)
}

/// The organizer's own member record in a community, id and name, if one is chosen.
pub(crate) fn own_member_in(r: &Read, community_id: i64) -> Result<Option<(i64, String)>> {
    r.query_optional(
        "SELECT m.id, m.name FROM communities c JOIN members m ON m.id = c.own_member_id
         WHERE c.id = ?1",
        [community_id],
        |row| Ok((row.get("id")?, row.get("name")?)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{self, MemberInput};

    fn member(db: &mut Db, community_id: i64, name: &str) -> i64 {
        let input = MemberInput {
            name: Some(name.into()),
            ..MemberInput::default()
        };
        members::create(db, community_id, &input).unwrap().id
    }

    #[test]
    fn the_own_member_is_chosen_changed_and_cleared() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        assert_eq!(c.own_member_id, None);
        let ana = member(&mut t.db, c.id, "Ana Ribeiro");
        let rui = member(&mut t.db, c.id, "Rui Lopes");
        assert_eq!(
            set_own_member(&mut t.db, c.id, Some(ana))
                .unwrap()
                .own_member_id,
            Some(ana)
        );
        let read = |db: &Db| db.read(|r| own_member_in(r, c.id)).unwrap();
        assert_eq!(read(&t.db), Some((ana, "Ana Ribeiro".to_string())));
        set_own_member(&mut t.db, c.id, Some(rui)).unwrap();
        assert_eq!(
            crate::plan::plan(&t.db, c.id)
                .unwrap()
                .own_member
                .unwrap()
                .id,
            rui
        );
        assert_eq!(
            set_own_member(&mut t.db, c.id, None).unwrap().own_member_id,
            None
        );
        assert_eq!(read(&t.db), None);
    }

    #[test]
    fn a_member_of_another_community_or_none_cannot_be_mine() {
        let mut t = temp_db();
        let here = community(&mut t.db, "Here", "en");
        let there = community(&mut t.db, "There", "en");
        let stranger = member(&mut t.db, there.id, "Rui Lopes");
        let revision = t.db.revision().unwrap();
        let err = set_own_member(&mut t.db, here.id, Some(stranger)).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("not a member"), "{err}");
        assert_eq!(
            set_own_member(&mut t.db, here.id, Some(9_999))
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        assert_eq!(
            set_own_member(&mut t.db, 9_999, None).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
    }

    #[test]
    fn a_deleted_member_is_no_longer_mine() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let ana = member(&mut t.db, c.id, "Ana Ribeiro");
        set_own_member(&mut t.db, c.id, Some(ana)).unwrap();
        t.db.write(|w| {
            w.execute("DELETE FROM members WHERE id = ?1", [ana])?;
            Ok(())
        })
        .unwrap();
        assert_eq!(
            crate::community::get(&t.db, c.id).unwrap().own_member_id,
            None
        );
        assert_eq!(crate::plan::plan(&t.db, c.id).unwrap().own_member, None);
    }
}
