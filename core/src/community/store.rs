//! Communities in the database.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{
    Audience, Charter, CharterInput, Community, CommunitySummary, Format, Kind, NewCommunity,
};
use crate::db::Db;
use crate::enums::Locale;
use crate::error::{Error, Result};
use crate::plan;

const COLUMNS: &str = "id, uid, name, mission, kind, audiences, formats, unique_value, \
                       expected_results, rules, time_zone, locale, created_at, updated_at";

/// The community's language and today's date in its time zone, for the domains that work
/// by the community's calendar (the plan's overdue tasks). A stored zone that is not a
/// zone is a damaged record, reported as such, never quietly taken for UTC.
pub(crate) fn locale_and_today(conn: &Connection, id: i64) -> Result<(Locale, NaiveDate)> {
    let (locale, zone): (String, String) = conn
        .query_row(
            "SELECT locale, time_zone FROM communities WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("community {id} does not exist")))?;
    let locale = Locale::parse("locale", &locale).map_err(|e| Error::Corrupt(e.to_string()))?;
    let zone: chrono_tz::Tz = zone.parse().map_err(|_| {
        Error::Corrupt(format!(
            "community {id} has a stored time zone that is not one: {zone:?}"
        ))
    })?;
    Ok((locale, Utc::now().with_timezone(&zone).date_naive()))
}

/// Creates a community and lays out its plan from the template in the community's language.
pub fn create(db: &mut Db, new: &NewCommunity) -> Result<Community> {
    let charter = new.validate()?;
    let now = Utc::now();
    let uid = uuid::Uuid::now_v7().to_string();
    let id = db.write(|tx| {
        tx.execute(
            "INSERT INTO communities (uid, name, time_zone, locale, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                uid,
                charter.name,
                charter.time_zone,
                charter.locale.as_str(),
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        plan::seed_from_template(tx, id, charter.locale, now)?;
        Ok(id)
    })?;
    get(db, id)
}

pub fn get(db: &Db, id: i64) -> Result<Community> {
    db.read(|conn| get_in(conn, id))
}

fn get_in(conn: &Connection, id: i64) -> Result<Community> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM communities WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                Error::NotFound(format!("community {id} does not exist"))
            }
            other => other.into(),
        })?
}

pub fn list(db: &Db) -> Result<Vec<CommunitySummary>> {
    db.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT id, uid, name, kind, locale, updated_at, sample FROM communities
             ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, DateTime<Utc>>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (id, uid, name, kind, locale, updated_at, sample) = row?;
            Ok(CommunitySummary {
                id,
                uid,
                name,
                kind: kind
                    .map(|k| Kind::parse("kind", &k))
                    .transpose()
                    .map_err(stored)?,
                locale: Locale::parse("locale", &locale).map_err(stored)?,
                updated_at,
                sample,
            })
        })
        .collect()
    })
}

/// Replaces the charter of community `id`.
pub fn update(db: &mut Db, id: i64, input: &CharterInput) -> Result<Community> {
    let charter = input.validate()?;
    let now = Utc::now();
    db.write(|tx| {
        let changed = tx.execute(
            "UPDATE communities SET name = ?2, mission = ?3, kind = ?4, audiences = ?5, formats = ?6,
                 unique_value = ?7, expected_results = ?8, rules = ?9, time_zone = ?10, locale = ?11,
                 updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                charter.name,
                charter.mission,
                charter.kind.map(Kind::as_str),
                serde_json::to_string(&charter.audiences)?,
                serde_json::to_string(&charter.formats)?,
                charter.unique_value,
                charter.expected_results,
                charter.rules,
                charter.time_zone,
                charter.locale.as_str(),
                now,
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!("community {id} does not exist")));
        }
        Ok(())
    })?;
    get(db, id)
}

/// Marks community `id` as the sample one (only the sample's maker does).
pub(crate) fn mark_sample(db: &mut Db, id: i64) -> Result<()> {
    db.write(
        |tx| match tx.execute("UPDATE communities SET sample = 1 WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound(format!("community {id} does not exist"))),
            _ => Ok(()),
        },
    )
}

/// Deletes community `id` with everything that belongs to it.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(
        |tx| match tx.execute("DELETE FROM communities WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound(format!("community {id} does not exist"))),
            _ => Ok(()),
        },
    )
}

fn from_row(r: &Row) -> rusqlite::Result<Result<Community>> {
    let kind: Option<String> = r.get(4)?;
    let audiences: String = r.get(5)?;
    let formats: String = r.get(6)?;
    let locale: String = r.get(11)?;
    let (id, uid, name, mission) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    let (unique_value, expected_results, rules, time_zone) =
        (r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?);
    let (created_at, updated_at) = (r.get(12)?, r.get(13)?);
    Ok((|| {
        Ok(Community {
            id,
            uid,
            charter: Charter {
                name,
                mission,
                kind: kind
                    .map(|k| Kind::parse("kind", &k))
                    .transpose()
                    .map_err(stored)?,
                audiences: serde_json::from_str::<Vec<Audience>>(&audiences)?,
                formats: serde_json::from_str::<Vec<Format>>(&formats)?,
                unique_value,
                expected_results,
                rules,
                time_zone,
                locale: Locale::parse("locale", &locale).map_err(stored)?,
            },
            created_at,
            updated_at,
        })
    })())
}

/// A value that passed validation once but no longer parses means the file was altered.
fn stored(err: Error) -> Error {
    Error::Corrupt(format!("a stored value is not valid: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;

    fn new(name: &str, locale: &str) -> NewCommunity {
        NewCommunity {
            name: name.into(),
            locale: locale.into(),
            time_zone: "Europe/Moscow".into(),
        }
    }

    #[test]
    fn create_get_list_update_delete() {
        let mut t = temp_db();
        let a = create(&mut t.db, &new("  Казанский Rust  ", "ru")).unwrap();
        assert_eq!(a.charter.name, "Казанский Rust");
        assert_eq!(a.uid.len(), 36);
        let b = create(&mut t.db, &new("Alpha guild", "en")).unwrap();
        let names: Vec<_> = list(&t.db).unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["Alpha guild", "Казанский Rust"]);

        let mut input = CharterInput::from(&a.charter);
        input.mission = "Помогать инженерам расти".into();
        input.kind = Some("technology".into());
        input.audiences = vec!["newcomers".into(), "leaders".into()];
        let updated = update(&mut t.db, a.id, &input).unwrap();
        assert_eq!(updated.charter.kind, Some(Kind::Technology));
        assert_eq!(
            updated.charter.audiences,
            [Audience::Newcomers, Audience::Leaders]
        );
        assert_eq!(get(&t.db, a.id).unwrap(), updated);
        assert!(updated.updated_at >= a.updated_at);

        delete(&mut t.db, b.id).unwrap();
        assert_eq!(get(&t.db, b.id).unwrap_err().code(), "not_found");
        assert_eq!(list(&t.db).unwrap().len(), 1);
    }

    #[test]
    fn bad_input_changes_nothing() {
        let mut t = temp_db();
        let a = create(&mut t.db, &new("Guild", "en")).unwrap();
        let revision = t.db.revision().unwrap();
        let mut input = CharterInput::from(&a.charter);
        input.name = String::new();
        assert_eq!(
            update(&mut t.db, a.id, &input).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            create(&mut t.db, &new("x", "fr")).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            update(&mut t.db, 999, &CharterInput::from(&a.charter))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(delete(&mut t.db, 999).unwrap_err().code(), "not_found");
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
        assert_eq!(get(&t.db, a.id).unwrap(), a);
    }

    #[test]
    fn deleting_a_community_deletes_its_plan() {
        let mut t = temp_db();
        let a = create(&mut t.db, &new("Guild", "en")).unwrap();
        assert!(plan::summary(&t.db, a.id).unwrap().total > 0);
        delete(&mut t.db, a.id).unwrap();
        let left: i64 =
            t.db.read(|c| Ok(c.query_row("SELECT count(*) FROM plan_tasks", [], |r| r.get(0))?))
                .unwrap();
        assert_eq!(left, 0);
    }
}
