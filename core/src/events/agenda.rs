//! The run of an event: agenda items in order, each so many minutes long, with a speaker
//! from the roster; and the roles members take on (host, MC, timekeeper, check-in,
//! photographer, other). Clock times are counted from the event's start each time they are
//! read, so dragging the event moves the whole agenda with it.

use chrono::{Duration, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::store::{self, on_roster};
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline, required};

pub const TITLE_MAX: u32 = 200;
pub const NOTES_MAX: u32 = 2_000;
pub const ROLE_NOTE_MAX: u32 = 200;
/// The longest agenda item: a day.
pub const MINUTES_MAX: u32 = 1_440;

string_enum! {
    pub enum RoleKind {
        Host = "host",
        Mc = "mc",
        Timekeeper = "timekeeper",
        CheckIn = "check_in",
        Photographer = "photographer",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub id: i64,
    pub uid: String,
    pub event_id: i64,
    pub position: u32,
    pub title: String,
    pub minutes: u32,
    pub speaker_member_id: Option<i64>,
    /// The speaker's name while they are on the roster.
    pub speaker_name: String,
    pub notes: String,
    /// Wall-clock start and end in the event's zone ("19:20"), counted from the event's start.
    pub starts: String,
    pub ends: String,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AgendaItemInput {
    pub title: String,
    pub minutes: u32,
    pub speaker_member_id: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventRole {
    pub id: i64,
    pub uid: String,
    pub event_id: i64,
    pub role: RoleKind,
    pub member_id: Option<i64>,
    pub member_name: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EventRoleInput {
    pub role: String,
    pub member_id: Option<i64>,
    /// What the role is, for "other"; a remark otherwise.
    pub note: String,
}

struct CheckedItem {
    title: String,
    minutes: u32,
    speaker: Option<i64>,
    notes: String,
}

impl AgendaItemInput {
    fn validate(&self) -> Result<CheckedItem> {
        if !(1..=MINUTES_MAX).contains(&self.minutes) {
            return Err(Error::invalid(
                "minutes",
                Rule::InvalidFormat,
                format!(
                    "{} minutes: an item lasts 1 to {MINUTES_MAX} minutes",
                    self.minutes
                ),
            ));
        }
        Ok(CheckedItem {
            title: required("title", &self.title, TITLE_MAX)?,
            minutes: self.minutes,
            speaker: self.speaker_member_id,
            notes: optional_multiline("notes", &self.notes, NOTES_MAX)?,
        })
    }
}

/// The agenda in order, with clock times.
pub fn items(db: &Db, event_id: i64) -> Result<Vec<AgendaItem>> {
    db.read(|r| items_in(r, event_id))
}

/// Adds an item at the end of the agenda.
pub fn add_item(db: &mut Db, event_id: i64, input: &AgendaItemInput) -> Result<Vec<AgendaItem>> {
    let item = input.validate()?;
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        on_roster(w, "speakerMemberId", event.community_id, item.speaker)?;
        w.execute(
            "INSERT INTO agenda_items (uid, event_id, position, title, minutes, speaker_member_id, notes, created_at, updated_at)
             VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM agenda_items WHERE event_id = ?2),
                     ?3, ?4, ?5, ?6, ?7, ?7)",
            params![uuid::Uuid::now_v7().to_string(), event_id, item.title, item.minutes, item.speaker, item.notes, Utc::now()],
        )?;
        items_in(w, event_id)
    })
}

pub fn update_item(db: &mut Db, id: i64, input: &AgendaItemInput) -> Result<Vec<AgendaItem>> {
    let item = input.validate()?;
    db.write(|w| {
        let (event_id, _) = item_of(w, id)?;
        let event = store::read_one(w, event_id)?;
        on_roster(w, "speakerMemberId", event.community_id, item.speaker)?;
        w.execute(
            "UPDATE agenda_items SET title = ?2, minutes = ?3, speaker_member_id = ?4, notes = ?5, updated_at = ?6
             WHERE id = ?1",
            params![id, item.title, item.minutes, item.speaker, item.notes, Utc::now()],
        )?;
        items_in(w, event_id)
    })
}

/// Moves an item to `position` (0 is first; past the end is last), the others closing up.
pub fn move_item(db: &mut Db, id: i64, position: u32) -> Result<Vec<AgendaItem>> {
    db.write(|w| {
        let (event_id, _) = item_of(w, id)?;
        let mut order: Vec<i64> = w.query_all(
            "SELECT id FROM agenda_items WHERE event_id = ?1 AND id <> ?2 ORDER BY position, id",
            params![event_id, id],
            |row| row.get(0),
        )?;
        order.insert((position as usize).min(order.len()), id);
        renumber(w, &order)?;
        items_in(w, event_id)
    })
}

pub fn remove_item(db: &mut Db, id: i64) -> Result<Vec<AgendaItem>> {
    db.write(|w| {
        let (event_id, uid) = item_of(w, id)?;
        let community_id = store::read_one(w, event_id)?.community_id;
        w.execute("DELETE FROM agenda_items WHERE id = ?1", [id])?;
        tombstones::bury(w, "agenda_items", &uid, community_id, Utc::now())?;
        let order: Vec<i64> = w.query_all(
            "SELECT id FROM agenda_items WHERE event_id = ?1 ORDER BY position, id",
            [event_id],
            |row| row.get(0),
        )?;
        renumber(w, &order)?;
        items_in(w, event_id)
    })
}

/// The event's roles, in the order of the list above, then by name.
pub fn roles(db: &Db, event_id: i64) -> Result<Vec<EventRole>> {
    db.read(|r| roles_in(r, event_id))
}

/// Gives a role to a member (or to nobody yet, with a note).
pub fn assign_role(db: &mut Db, event_id: i64, input: &EventRoleInput) -> Result<Vec<EventRole>> {
    let role = RoleKind::parse("role", input.role.trim())?;
    let note = optional("note", &input.note, ROLE_NOTE_MAX)?;
    if role == RoleKind::Other && note.is_empty() {
        return Err(Error::invalid(
            "note",
            Rule::Required,
            "name the role in the note",
        ));
    }
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        on_roster(w, "memberId", event.community_id, input.member_id)?;
        w.execute(
            "INSERT INTO event_roles (uid, event_id, role, member_id, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                uuid::Uuid::now_v7().to_string(),
                event_id,
                role,
                input.member_id,
                note,
                Utc::now()
            ],
        )?;
        roles_in(w, event_id)
    })
}

pub fn remove_role(db: &mut Db, id: i64) -> Result<Vec<EventRole>> {
    db.write(|w| {
        let (event_id, uid): (i64, String) = w
            .query_optional(
                "SELECT event_id, uid FROM event_roles WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
            .ok_or_else(|| Error::NotFound(format!("role {id} does not exist")))?;
        let community_id = store::read_one(w, event_id)?.community_id;
        w.execute("DELETE FROM event_roles WHERE id = ?1", [id])?;
        tombstones::bury(w, "event_roles", &uid, community_id, Utc::now())?;
        roles_in(w, event_id)
    })
}

fn renumber(w: &Write, order: &[i64]) -> Result<()> {
    let now = Utc::now();
    for (position, id) in order.iter().enumerate() {
        w.execute(
            "UPDATE agenda_items SET position = ?2, updated_at = ?3 WHERE id = ?1 AND position <> ?2",
            params![id, position as i64, now],
        )?;
    }
    Ok(())
}

fn item_of(r: &Read, id: i64) -> Result<(i64, String)> {
    r.query_optional(
        "SELECT event_id, uid FROM agenda_items WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?
    .ok_or_else(|| Error::NotFound(format!("agenda item {id} does not exist")))
}

fn items_in(r: &Read, event_id: i64) -> Result<Vec<AgendaItem>> {
    let event = store::read_one(r, event_id)?;
    let zone: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let mut clock = event.starts_at;
    let rows = r.query_all(
        "SELECT a.id, a.uid, a.event_id, a.position, a.title, a.minutes, a.speaker_member_id,
                coalesce(m.name, '') AS speaker_name, a.notes
         FROM agenda_items a LEFT JOIN members m ON m.id = a.speaker_member_id
         WHERE a.event_id = ?1 ORDER BY a.position, a.id",
        [event_id],
        item_from_row,
    )?;
    Ok(rows
        .into_iter()
        .map(|mut item| {
            let end = clock + Duration::minutes(i64::from(item.minutes));
            item.starts = clock.with_timezone(&zone).format("%H:%M").to_string();
            item.ends = end.with_timezone(&zone).format("%H:%M").to_string();
            clock = end;
            item
        })
        .collect())
}

fn item_from_row(row: &Row) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: row.get("id")?,
        uid: row.get("uid")?,
        event_id: row.get("event_id")?,
        position: row.get("position")?,
        title: row.get("title")?,
        minutes: row.get("minutes")?,
        speaker_member_id: row.get("speaker_member_id")?,
        speaker_name: row.get("speaker_name")?,
        notes: row.get("notes")?,
        starts: String::new(),
        ends: String::new(),
    })
}

fn roles_in(r: &Read, event_id: i64) -> Result<Vec<EventRole>> {
    store::read_one(r, event_id)?;
    r.query_all(
        "SELECT e.id, e.uid, e.event_id, e.role, e.member_id, coalesce(m.name, '') AS member_name, e.note
         FROM event_roles e LEFT JOIN members m ON m.id = e.member_id
         WHERE e.event_id = ?1
         ORDER BY CASE e.role WHEN 'host' THEN 0 WHEN 'mc' THEN 1 WHEN 'timekeeper' THEN 2
                  WHEN 'check_in' THEN 3 WHEN 'photographer' THEN 4 ELSE 5 END, member_name, e.id",
        [event_id],
        |row| {
            Ok(EventRole {
                id: row.get("id")?,
                uid: row.get("uid")?,
                event_id: row.get("event_id")?,
                role: row.get("role")?,
                member_id: row.get("member_id")?,
                member_name: row.get("member_name")?,
                note: row.get("note")?,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use crate::events::testing::{item, lisbon, meetup, member};
    use crate::events::{self, EventInput};

    fn setup() -> (crate::db::testing::TempDb, i64, i64) {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let e = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
        )
        .unwrap()
        .id;
        (t, c, e)
    }

    #[test]
    fn clock_times_run_from_the_start_and_move_with_the_event() {
        let (mut t, c, e) = setup();
        let ana = member(&mut t.db, c, "Ana");
        add_item(&mut t.db, e, &item("Welcome", 10, None)).unwrap();
        add_item(
            &mut t.db,
            e,
            &item("Async Rust in production", 40, Some(ana)),
        )
        .unwrap();
        let agenda = add_item(&mut t.db, e, &item("Networking", 30, None)).unwrap();
        let clock: Vec<(&str, &str, &str)> = agenda
            .iter()
            .map(|i| (i.title.as_str(), i.starts.as_str(), i.ends.as_str()))
            .collect();
        assert_eq!(
            clock,
            [
                ("Welcome", "19:00", "19:10"),
                ("Async Rust in production", "19:10", "19:50"),
                ("Networking", "19:50", "20:20")
            ]
        );
        assert_eq!(agenda[1].speaker_name, "Ana");

        // Networking first, then the event moves to 18:30 (and across the DST change).
        let moved = move_item(&mut t.db, agenda[2].id, 0).unwrap();
        assert_eq!(
            moved.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["Networking", "Welcome", "Async Rust in production"]
        );
        events::update(
            &mut t.db,
            e,
            &EventInput {
                title: "Rust evening".into(),
                kind: "meetup".into(),
                format: "offline".into(),
                start: "2027-04-08T18:30".into(),
                end: "2027-04-08T20:30".into(),
                ..EventInput::default()
            },
        )
        .unwrap();
        let after = items(&t.db, e).unwrap();
        assert_eq!(
            (after[0].starts.as_str(), after[2].ends.as_str()),
            ("18:30", "19:50")
        );

        let left = remove_item(&mut t.db, after[1].id).unwrap();
        assert_eq!(left.iter().map(|i| i.position).collect::<Vec<_>>(), [0, 1]);
        let err = add_item(&mut t.db, e, &item("Too long", 1_441, None)).unwrap_err();
        assert!(matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "minutes"));
        let err = add_item(&mut t.db, e, &item("Stranger", 10, Some(999))).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == "speakerMemberId")
        );
    }

    #[test]
    fn roles_are_listed_in_their_order() {
        let (mut t, c, e) = setup();
        let bea = member(&mut t.db, c, "Bea");
        let role = |role: &str, member_id: Option<i64>, note: &str| EventRoleInput {
            role: role.into(),
            member_id,
            note: note.into(),
        };
        assign_role(&mut t.db, e, &role("photographer", Some(bea), "")).unwrap();
        let list = assign_role(&mut t.db, e, &role("host", Some(bea), "")).unwrap();
        assert_eq!(
            list.iter().map(|r| r.role).collect::<Vec<_>>(),
            [RoleKind::Host, RoleKind::Photographer]
        );
        assert_eq!(list[0].member_name, "Bea");
        assert!(
            assign_role(&mut t.db, e, &role("other", None, "")).is_err(),
            "other needs its name"
        );
        assert!(assign_role(&mut t.db, e, &role("dj", None, "")).is_err());
        let list = remove_role(&mut t.db, list[1].id).unwrap();
        assert_eq!(list.len(), 1);
    }
}
