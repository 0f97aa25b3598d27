//! Communities in the database.

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Row};

use super::model::{Charter, CharterInput, Community, CommunitySummary, NewCommunity};
use crate::db::{Db, Json, Read};
use crate::enums::Locale;
use crate::error::{Error, Result};
use crate::plan;

/// The community's language and today's date in its time zone, for the domains that work
/// by the community's calendar (the plan's overdue tasks). A stored zone that is not a
/// zone is a damaged record, reported as such, never quietly taken for UTC.
pub(crate) fn locale_and_today(r: &Read, id: i64) -> Result<(Locale, NaiveDate)> {
    let (locale, zone): (Locale, String) = r
        .query_optional(
            "SELECT locale, time_zone FROM communities WHERE id = ?1",
            [id],
            |row| Ok((row.get("locale")?, row.get("time_zone")?)),
        )?
        .ok_or_else(|| Error::NotFound(format!("community {id} does not exist")))?;
    let zone: chrono_tz::Tz = zone.parse().map_err(|_| {
        Error::Corrupt(format!(
            "community {id} has a stored time zone that is not one: {zone:?}"
        ))
    })?;
    Ok((locale, Utc::now().with_timezone(&zone).date_naive()))
}

/// Creates a community and lays out its plan from the template in the community's language,
/// due dates counted from the launch date when it has one.
pub fn create(db: &mut Db, new: &NewCommunity) -> Result<Community> {
    let (charter, launch) = new.validate()?;
    let now = Utc::now();
    let uid = uuid::Uuid::now_v7().to_string();
    let id = db.write(|w| {
        w.execute(
            "INSERT INTO communities (uid, name, time_zone, locale, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![uid, charter.name, charter.time_zone, charter.locale, now],
        )?;
        let id = w.last_insert_rowid();
        plan::seed_from_template(w, id, charter.locale, launch, now)?;
        Ok(id)
    })?;
    get(db, id)
}

pub fn get(db: &Db, id: i64) -> Result<Community> {
    db.read(|r| {
        r.query_optional(
            "SELECT id, uid, name, mission, kind, audiences, formats, unique_value,
                    expected_results, rules, time_zone, locale, own_member_id, created_at, updated_at
             FROM communities WHERE id = ?1",
            [id],
            community_from_row,
        )?
        .ok_or_else(|| Error::NotFound(format!("community {id} does not exist")))
    })
}

pub fn list(db: &Db) -> Result<Vec<CommunitySummary>> {
    db.read(|r| {
        r.query_all(
            "SELECT id, uid, name, kind, locale, updated_at, sample FROM communities
             ORDER BY name COLLATE NOCASE, id",
            [],
            |row| {
                Ok(CommunitySummary {
                    id: row.get("id")?,
                    uid: row.get("uid")?,
                    name: row.get("name")?,
                    kind: row.get("kind")?,
                    locale: row.get("locale")?,
                    updated_at: row.get("updated_at")?,
                    sample: row.get("sample")?,
                })
            },
        )
    })
}

/// Replaces the charter of community `id`.
pub fn update(db: &mut Db, id: i64, input: &CharterInput) -> Result<Community> {
    let charter = input.validate()?;
    let now = Utc::now();
    db.write(|w| {
        let changed = w.execute(
            "UPDATE communities SET name = ?2, mission = ?3, kind = ?4, audiences = ?5, formats = ?6,
                 unique_value = ?7, expected_results = ?8, rules = ?9, time_zone = ?10, locale = ?11,
                 updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                charter.name,
                charter.mission,
                charter.kind,
                Json(&charter.audiences),
                Json(&charter.formats),
                charter.unique_value,
                charter.expected_results,
                charter.rules,
                charter.time_zone,
                charter.locale,
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
        |w| match w.execute("UPDATE communities SET sample = 1 WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound(format!("community {id} does not exist"))),
            _ => Ok(()),
        },
    )
}

/// Deletes community `id` with everything that belongs to it.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(
        |w| match w.execute("DELETE FROM communities WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound(format!("community {id} does not exist"))),
            _ => Ok(()),
        },
    )
}

fn community_from_row(row: &Row) -> rusqlite::Result<Community> {
    Ok(Community {
        id: row.get("id")?,
        uid: row.get("uid")?,
        charter: Charter {
            name: row.get("name")?,
            mission: row.get("mission")?,
            kind: row.get("kind")?,
            audiences: row.get::<_, Json<_>>("audiences")?.0,
            formats: row.get::<_, Json<_>>("formats")?.0,
            unique_value: row.get("unique_value")?,
            expected_results: row.get("expected_results")?,
            rules: row.get("rules")?,
            time_zone: row.get("time_zone")?,
            locale: row.get("locale")?,
        },
        own_member_id: row.get("own_member_id")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{Audience, Kind};
    use crate::db::testing::temp_db;

    fn new(name: &str, locale: &str) -> NewCommunity {
        NewCommunity {
            name: name.into(),
            locale: locale.into(),
            time_zone: "Europe/Moscow".into(),
            launch_date: None,
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

    /// A value that passed validation once but no longer parses means the file was altered
    /// (here past the schema's checks, as another program could): every read of it says
    /// `corrupt` and what it found, not a bare conversion failure.
    #[test]
    fn a_stored_value_that_is_not_valid_reads_back_as_corrupt() {
        let mut t = temp_db();
        let c = crate::db::testing::community(&mut t.db, "Guild", "en");
        t.db.raw()
            .execute_batch(&format!(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE communities SET kind = 'astrology' WHERE id = {};
                 PRAGMA ignore_check_constraints = OFF;",
                c.id
            ))
            .unwrap();
        for err in [get(&t.db, c.id).unwrap_err(), list(&t.db).unwrap_err()] {
            assert_eq!(err.code(), "corrupt");
            let message = err.to_string();
            for part in ["Kind", "\"astrology\"", "technology, industry"] {
                assert!(message.contains(part), "{message}");
            }
        }

        t.db.raw()
            .execute(
                "UPDATE communities SET kind = NULL, audiences = '[\"aliens\"]' WHERE id = ?1",
                [c.id],
            )
            .unwrap();
        let err = get(&t.db, c.id).unwrap_err();
        assert_eq!(err.code(), "corrupt");
        assert!(err.to_string().contains("aliens"), "{err}");
    }

    #[test]
    fn deleting_a_community_deletes_its_plan() {
        let mut t = temp_db();
        let a = create(&mut t.db, &new("Guild", "en")).unwrap();
        assert!(plan::summary(&t.db, a.id).unwrap().total > 0);
        delete(&mut t.db, a.id).unwrap();
        let left: i64 =
            t.db.read(|c| c.query_row("SELECT count(*) FROM plan_tasks", [], |r| r.get(0)))
                .unwrap();
        assert_eq!(left, 0);
    }
}
