//! Preferences kept in the database, so they travel with backups: today, the interface
//! language (unset until the person chooses one; the interface then follows the system).

use rusqlite::OptionalExtension;

use crate::db::Db;
use crate::enums::Locale;
use crate::error::Result;

const LANGUAGE: &str = "language";

pub fn language(db: &Db) -> Result<Option<Locale>> {
    let stored: Option<String> = db.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([LANGUAGE], |r| r.get(0))
            .optional()?)
    })?;
    // A value this build does not know is treated as unset rather than an error.
    Ok(stored.and_then(|v| Locale::parse("language", &v).ok()))
}

pub fn set_language(db: &mut Db, language: &str) -> Result<Locale> {
    let locale = Locale::parse("language", language.trim())?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LANGUAGE, locale.as_str()],
        )?;
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
        set_language(&mut t.db, "ru").unwrap();
        set_language(&mut t.db, "en").unwrap();
        assert_eq!(language(&t.db).unwrap(), Some(Locale::En));
        assert_eq!(
            set_language(&mut t.db, "klingon").unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(language(&t.db).unwrap(), Some(Locale::En));
    }
}
