//! Preferences kept in the database, so they travel with backups: the interface language
//! (unset until the person chooses one; the interface then follows the system), and the
//! community last opened, which start-up draws before anything else.

use crate::db::Db;
use crate::enums::Locale;
use crate::error::{Error, Result};

const LANGUAGE: &str = "language";
const SELECTED_COMMUNITY: &str = "selected_community";

pub fn language(db: &Db) -> Result<Option<Locale>> {
    let stored: Option<String> = db.read(|r| {
        r.query_optional(
            "SELECT value FROM settings WHERE key = ?1",
            [LANGUAGE],
            |row| row.get("value"),
        )
    })?;
    // A value this build does not know is treated as unset rather than an error.
    Ok(stored.and_then(|v| Locale::parse("language", &v).ok()))
}

/// Remembers the interface language; `None` forgets it, so the interface follows the
/// system's language again.
pub fn set_language(db: &mut Db, language: Option<&str>) -> Result<Option<Locale>> {
    let locale = language
        .map(|l| Locale::parse("language", l.trim()))
        .transpose()?;
    db.write(|w| {
        match locale {
            Some(locale) => w.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![LANGUAGE, locale],
            )?,
            None => w.execute("DELETE FROM settings WHERE key = ?1", [LANGUAGE])?,
        };
        Ok(())
    })?;
    Ok(locale)
}

/// The community opened last, while it still exists.
pub fn selected_community(db: &Db) -> Result<Option<i64>> {
    db.read(|r| {
        r.query_optional(
            "SELECT c.id FROM settings s JOIN communities c ON c.id = CAST(s.value AS INTEGER)
             WHERE s.key = ?1",
            [SELECTED_COMMUNITY],
            |row| row.get("id"),
        )
    })
}

/// Remembers the community the person opened; one that does not exist is not found.
pub fn set_selected_community(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let stored = w.execute(
            "INSERT INTO settings (key, value) SELECT ?1, CAST(id AS TEXT) FROM communities WHERE id = ?2
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![SELECTED_COMMUNITY, id],
        )?;
        if stored == 0 {
            return Err(Error::NotFound(format!("community {id}")));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{self, NewCommunity};
    use crate::db::testing::temp_db;

    #[test]
    fn language_is_unset_then_remembered() {
        let mut t = temp_db();
        assert_eq!(language(&t.db).unwrap(), None);
        set_language(&mut t.db, Some("ru")).unwrap();
        set_language(&mut t.db, Some("en")).unwrap();
        assert_eq!(language(&t.db).unwrap(), Some(Locale::En));
        assert_eq!(
            set_language(&mut t.db, Some("klingon")).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(language(&t.db).unwrap(), Some(Locale::En));
    }

    #[test]
    fn forgetting_the_language_follows_the_system_again() {
        let mut t = temp_db();
        set_language(&mut t.db, Some("ru")).unwrap();
        assert_eq!(set_language(&mut t.db, None).unwrap(), None);
        assert_eq!(language(&t.db).unwrap(), None);
        // Forgetting what was never chosen is no error either.
        assert_eq!(set_language(&mut t.db, None).unwrap(), None);
        set_language(&mut t.db, Some("en")).unwrap();
        assert_eq!(language(&t.db).unwrap(), Some(Locale::En));
    }

    #[test]
    fn the_selected_community_is_remembered_while_it_exists() {
        let mut t = temp_db();
        assert_eq!(selected_community(&t.db).unwrap(), None);
        let named = |name: &str| NewCommunity {
            name: name.into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            launch_date: None,
        };
        let first = community::create(&mut t.db, &named("First")).unwrap();
        let second = community::create(&mut t.db, &named("Second")).unwrap();
        set_selected_community(&mut t.db, second.id).unwrap();
        set_selected_community(&mut t.db, first.id).unwrap();
        assert_eq!(selected_community(&t.db).unwrap(), Some(first.id));
        assert_eq!(
            set_selected_community(&mut t.db, 9_999).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(selected_community(&t.db).unwrap(), Some(first.id));
        community::delete(&mut t.db, first.id).unwrap();
        assert_eq!(selected_community(&t.db).unwrap(), None);
    }
}
