//! Warnings, never refusals: another event at the same venue at the same time, or a member
//! who speaks or has a role at two events at once. Cancelled events clash with nothing.

use rusqlite::params;
use serde::Serialize;

use super::local_time::utc_text;
use super::store;
use crate::db::Db;
use crate::enums::string_enum;
use crate::error::Result;

string_enum! {
    pub enum ConflictKind {
        Venue = "venue",
        Person = "person",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub kind: ConflictKind,
    pub other_event_id: i64,
    pub other_title: String,
    /// The other event's wall-clock start in its zone.
    pub other_start: String,
    /// For a person: who is booked twice.
    pub member_id: Option<i64>,
    pub member_name: String,
}

/// What clashes with event `event_id`, soonest other event first.
pub fn of(db: &Db, event_id: i64) -> Result<Vec<Conflict>> {
    db.read(|r| {
        let event = store::read_one(r, event_id)?;
        if event.status == super::EventStatus::Cancelled {
            return Ok(Vec::new());
        }
        let (starts, ends) = (utc_text(event.starts_at), utc_text(event.ends_at));
        // Other live events of the community that overlap this one in time.
        let overlapping = "SELECT id, title, starts_at, venue_id FROM events
             WHERE community_id = ?1 AND id <> ?2 AND status <> 'cancelled'
               AND starts_at < ?4 AND ends_at > ?3";
        // Who speaks or has a role at an event.
        let people = "SELECT speaker_member_id AS member_id, event_id FROM agenda_items WHERE speaker_member_id IS NOT NULL
             UNION SELECT member_id, event_id FROM event_roles WHERE member_id IS NOT NULL";
        let mut found = r.query_all(
            &format!(
                "SELECT o.id, o.title, 'venue' AS kind, NULL AS member_id, '' AS member_name, o.starts_at
                 FROM ({overlapping}) o WHERE o.venue_id IS NOT NULL AND o.venue_id = ?5
                 UNION ALL
                 SELECT o.id, o.title, 'person', mine.member_id, coalesce(m.name, ''), o.starts_at
                 FROM ({overlapping}) o
                 JOIN ({people}) theirs ON theirs.event_id = o.id
                 JOIN ({people}) mine ON mine.event_id = ?2 AND mine.member_id = theirs.member_id
                 LEFT JOIN members m ON m.id = mine.member_id
                 ORDER BY 6, 1, 4"
            ),
            params![event.community_id, event_id, starts, ends, event.venue_id],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, ConflictKind>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )?;
        found.dedup();
        found
            .into_iter()
            .map(|(id, title, kind, member_id, member_name)| {
                let other = store::read_one(r, id)?;
                Ok(Conflict {
                    kind,
                    other_event_id: id,
                    other_title: title,
                    other_start: other.start,
                    member_id,
                    member_name,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::events::agenda::{self, AgendaItemInput, EventRoleInput};
    use crate::events::testing::member;
    use crate::events::venues::{self, VenueInput};
    use crate::events::{self, EventInput};

    fn at(title: &str, start: &str, end: &str, venue: Option<i64>) -> EventInput {
        EventInput {
            title: title.into(),
            kind: "meetup".into(),
            format: "offline".into(),
            start: start.into(),
            end: end.into(),
            venue_id: venue,
            ..EventInput::default()
        }
    }

    #[test]
    fn the_same_venue_or_person_at_once_is_a_warning() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let hall = venues::create(
            &mut t.db,
            c,
            &VenueInput {
                name: "Hall".into(),
                ..VenueInput::default()
            },
        )
        .unwrap()
        .id;
        let ana = member(&mut t.db, c, "Ana");
        let a = events::create(
            &mut t.db,
            c,
            &at(
                "Rust evening",
                "2027-03-11T19:00",
                "2027-03-11T21:00",
                Some(hall),
            ),
        )
        .unwrap();
        let b = events::create(
            &mut t.db,
            c,
            &at(
                "Go evening",
                "2027-03-11T20:00",
                "2027-03-11T22:00",
                Some(hall),
            ),
        )
        .unwrap();
        let later = events::create(
            &mut t.db,
            c,
            &at("Later", "2027-03-11T21:00", "2027-03-11T23:00", Some(hall)),
        )
        .unwrap();
        agenda::add_item(
            &mut t.db,
            a.id,
            &AgendaItemInput {
                title: "Talk".into(),
                minutes: 30,
                speaker_member_id: Some(ana),
                notes: String::new(),
            },
        )
        .unwrap();
        agenda::assign_role(
            &mut t.db,
            b.id,
            &EventRoleInput {
                role: "mc".into(),
                member_id: Some(ana),
                note: String::new(),
            },
        )
        .unwrap();

        let clashes = of(&t.db, a.id).unwrap();
        let seen: Vec<(ConflictKind, i64, Option<i64>)> = clashes
            .iter()
            .map(|x| (x.kind, x.other_event_id, x.member_id))
            .collect();
        assert_eq!(
            seen,
            [
                (ConflictKind::Venue, b.id, None),
                (ConflictKind::Person, b.id, Some(ana))
            ]
        );
        assert_eq!(clashes[1].member_name, "Ana");
        assert_eq!(clashes[0].other_start, "2027-03-11T20:00");
        // Touching ends are not a clash; a cancelled event clashes with nothing.
        let for_later: Vec<(ConflictKind, i64)> = of(&t.db, later.id)
            .unwrap()
            .iter()
            .map(|x| (x.kind, x.other_event_id))
            .collect();
        assert_eq!(for_later, [(ConflictKind::Venue, b.id)]);
        let mut cancelled = at(
            "Go evening",
            "2027-03-11T20:00",
            "2027-03-11T22:00",
            Some(hall),
        );
        cancelled.status = "cancelled".into();
        events::update(&mut t.db, b.id, &cancelled).unwrap();
        assert!(of(&t.db, a.id).unwrap().is_empty());
        assert!(of(&t.db, b.id).unwrap().is_empty());
    }
}
