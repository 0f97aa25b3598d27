//! The places a community meets: picked for an event instead of typing an address each time,
//! and (later) where two events at once are a conflict. Removing a venue keeps its events;
//! they are then held nowhere in particular.

use chrono::{DateTime, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::model::capacity;
use crate::db::{tombstones, Db, Read};
use crate::error::{Error, Result};
use crate::text::{optional, optional_multiline, required};

pub const NAME_MAX: u32 = 200;
pub const ADDRESS_MAX: u32 = 500;
pub const CONTACT_MAX: u32 = 300;
pub const NOTES_MAX: u32 = 4_000;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[
    ("name", NAME_MAX),
    ("address", ADDRESS_MAX),
    ("contact", CONTACT_MAX),
    ("notes", NOTES_MAX),
];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Venue {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    pub name: String,
    pub address: String,
    pub capacity: Option<u32>,
    pub contact: String,
    pub notes: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct VenueInput {
    pub name: String,
    pub address: String,
    /// As typed: blank when not known.
    pub capacity: Option<String>,
    pub contact: String,
    pub notes: String,
}

struct Checked {
    name: String,
    address: String,
    capacity: Option<u32>,
    contact: String,
    notes: String,
}

impl VenueInput {
    fn validate(&self) -> Result<Checked> {
        Ok(Checked {
            name: required("name", &self.name, NAME_MAX)?,
            address: optional_multiline("address", &self.address, ADDRESS_MAX)?,
            capacity: capacity("capacity", self.capacity.as_deref())?,
            contact: optional("contact", &self.contact, CONTACT_MAX)?,
            notes: optional_multiline("notes", &self.notes, NOTES_MAX)?,
        })
    }
}

const COLUMNS: &str = "id, uid, community_id, name, address, capacity, contact, notes, updated_at";

/// A community's venues by name.
pub fn list(db: &Db, community_id: i64) -> Result<Vec<Venue>> {
    db.read(|r| {
        r.query_all(
            &format!("SELECT {COLUMNS} FROM venues WHERE community_id = ?1 ORDER BY name, id"),
            [community_id],
            from_row,
        )
    })
}

pub fn get(db: &Db, id: i64) -> Result<Venue> {
    db.read(|r| read_one(r, id))
}

pub fn create(db: &mut Db, community_id: i64, input: &VenueInput) -> Result<Venue> {
    let v = input.validate()?;
    let id = db.write(|w| {
        let exists: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM communities WHERE id = ?1)",
            [community_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound(format!(
                "community {community_id} does not exist"
            )));
        }
        w.execute(
            "INSERT INTO venues (uid, community_id, name, address, capacity, contact, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                v.name,
                v.address,
                v.capacity,
                v.contact,
                v.notes,
                Utc::now()
            ],
        )?;
        Ok(w.last_insert_rowid())
    })?;
    get(db, id)
}

pub fn update(db: &mut Db, id: i64, input: &VenueInput) -> Result<Venue> {
    let v = input.validate()?;
    db.write(|w| {
        let changed = w.execute(
            "UPDATE venues SET name = ?2, address = ?3, capacity = ?4, contact = ?5, notes = ?6, updated_at = ?7
             WHERE id = ?1",
            params![id, v.name, v.address, v.capacity, v.contact, v.notes, Utc::now()],
        )?;
        match changed {
            0 => Err(not_found(id)),
            _ => Ok(()),
        }
    })?;
    get(db, id)
}

/// Removes a venue, leaving a tombstone; its events stay, without a venue.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let venue = read_one(w, id)?;
        w.execute("DELETE FROM venues WHERE id = ?1", [id])?;
        tombstones::bury(w, "venues", &venue.uid, venue.community_id, Utc::now())
    })
}

fn read_one(r: &Read, id: i64) -> Result<Venue> {
    r.query_optional(
        &format!("SELECT {COLUMNS} FROM venues WHERE id = ?1"),
        [id],
        from_row,
    )?
    .ok_or_else(|| not_found(id))
}

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("venue {id} does not exist"))
}

fn from_row(row: &Row) -> rusqlite::Result<Venue> {
    Ok(Venue {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        name: row.get("name")?,
        address: row.get("address")?,
        capacity: row.get("capacity")?,
        contact: row.get("contact")?,
        notes: row.get("notes")?,
        updated_at: row.get("updated_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};

    fn hall() -> VenueInput {
        VenueInput {
            name: "Loft 12".into(),
            address: "Bolshaya Pokrovskaya 12\r\nNizhny Novgorod".into(),
            capacity: Some("80".into()),
            contact: "Olga, +7 900 000-00-00".into(),
            notes: "Projector; no microphone".into(),
        }
    }

    #[test]
    fn a_venue_is_kept_and_updated_as_typed() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let v = create(&mut t.db, c, &hall()).unwrap();
        assert_eq!(
            v.address, "Bolshaya Pokrovskaya 12\nNizhny Novgorod",
            "one kind of line break"
        );
        assert_eq!((v.capacity, v.community_id), (Some(80), c));
        let mut bigger = hall();
        bigger.name = "Loft 12, big room".into();
        bigger.capacity = Some(String::new());
        let after = update(&mut t.db, v.id, &bigger).unwrap();
        assert_eq!(
            (after.name.as_str(), after.capacity),
            ("Loft 12, big room", None)
        );
        assert_eq!(after.uid, v.uid);
        assert_eq!(list(&t.db, c).unwrap(), [after]);
        assert!(matches!(
            update(&mut t.db, 999, &hall()),
            Err(Error::NotFound(_))
        ));
        assert!(matches!(
            create(&mut t.db, 999, &hall()),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn bad_input_names_its_field() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        type BreakIt = fn(&mut VenueInput);
        let cases: Vec<(BreakIt, &str)> = vec![
            (|v| v.name = " ".into(), "name"),
            (|v| v.name = "Hall\n2".into(), "name"),
            (|v| v.capacity = Some("-5".into()), "capacity"),
            (|v| v.contact = "x".repeat(301), "contact"),
            (|v| v.notes = "x".repeat(4_001), "notes"),
        ];
        for (break_it, field) in cases {
            let mut input = hall();
            break_it(&mut input);
            let err = create(&mut t.db, c, &input).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field: Some(f), .. } if f == field),
                "{field}: {err:?}"
            );
        }
        assert!(list(&t.db, c).unwrap().is_empty());
    }
}
