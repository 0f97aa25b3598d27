//! The two ways domain code touches the database. A `Read` can only run queries SQLite
//! itself calls read-only; a `Write` adds `execute` and exists only inside `Db::write`'s
//! transaction, which also moves the revision forward. So a function that takes a `Read`
//! cannot change data, and no change can bypass the revision that backups rely on.
//!
//! Rows come back through closures over `rusqlite::Row`, read by column name
//! (`row.get("title")`), so a reordered SELECT list cannot shift one field into another.
//! A stored value that no longer converts (an unknown enum text, a broken date) surfaces
//! as a `rusqlite` conversion error, which `Error::from` turns into `corrupt` in one place.

use rusqlite::{CachedStatement, Connection, OptionalExtension, Params, Row};

use crate::error::{Error, Result};

/// Read access to the database, handed out by `Db::read` (and by a `Write`, which can
/// read what it is about to change).
pub struct Read<'c> {
    pub(super) conn: &'c Connection,
}

impl Read<'_> {
    /// The one row `sql` returns; no row is `not_found`.
    pub fn query_row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        Ok(self.statement(sql)?.query_row(params, map)?)
    }

    /// The row `sql` returns, or None when it returns none.
    pub fn query_optional<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.statement(sql)?.query_row(params, map).optional()?)
    }

    /// Every row `sql` returns, in its order.
    pub fn query_all<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.statement(sql)?;
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    /// A cached statement that SQLite confirms cannot modify the database: the type keeps
    /// `execute` away from a read, and this keeps an UPDATE from hiding in a query.
    fn statement(&self, sql: &str) -> Result<CachedStatement<'_>> {
        let stmt = self.conn.prepare_cached(sql)?;
        if !stmt.readonly() {
            return Err(Error::Internal(format!(
                "a read was given a statement that writes: {sql}"
            )));
        }
        Ok(stmt)
    }
}

/// Write access: only `Db::write` makes one, inside its transaction. It reads too (through
/// `Read`), so checks and their changes see the same data.
pub struct Write<'c> {
    pub(super) read: Read<'c>,
}

impl Write<'_> {
    /// Runs an INSERT, UPDATE or DELETE and returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        Ok(self.read.conn.prepare_cached(sql)?.execute(params)?)
    }

    /// The key of the row the last INSERT added.
    pub fn last_insert_rowid(&self) -> i64 {
        self.read.conn.last_insert_rowid()
    }
}

impl<'c> std::ops::Deref for Write<'c> {
    type Target = Read<'c>;

    fn deref(&self) -> &Read<'c> {
        &self.read
    }
}

#[cfg(test)]
mod tests {
    use crate::db::testing::temp_db;

    #[test]
    fn a_read_cannot_run_a_statement_that_writes() {
        let t = temp_db();
        let before = t.db.revision().unwrap();
        let err =
            t.db.read(|r| {
                r.query_optional("UPDATE meta SET value = 'x' RETURNING key", [], |row| {
                    row.get::<_, String>("key")
                })
            })
            .unwrap_err();
        assert_eq!(err.code(), "internal");
        assert!(err.to_string().contains("writes"), "{err}");
        assert_eq!(
            t.db.revision().unwrap(),
            before,
            "the revision is untouched"
        );
    }

    #[test]
    fn a_write_reads_what_it_has_just_written() {
        let mut t = temp_db();
        let value =
            t.db.write(|w| {
                w.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
                w.query_row("SELECT value FROM settings WHERE key = 'k'", [], |row| {
                    row.get::<_, String>("value")
                })
            })
            .unwrap();
        assert_eq!(value, "v");
    }
}
