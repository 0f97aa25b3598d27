//! Preferences kept in the database, so they travel with backups: today, the interface
//! language (unset until the person chooses one; the interface then follows the system).

use crate::db::Db;
use crate::enums::Locale;
use crate::error::Result;

const LANGUAGE: &str = "language";

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

#[cfg(test)]
mod tests {
    use super::*;
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
}
