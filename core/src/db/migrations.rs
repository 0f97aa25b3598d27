//! The numbered schema migrations. A landed migration is never edited: the test below
//! fails if its text changes, because databases in the field already ran it. Add a new
//! numbered file instead.

use rusqlite_migration::{Migrations, M};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_foundation.sql")),
    M::up(include_str!("migrations/0002_platforms.sql")),
];

pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The schema version this build of Hearth writes.
pub const SCHEMA_VERSION: u32 = STEPS.len() as u32;

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a: a stable fingerprint of each landed migration's text.
    fn fingerprint(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    const LANDED: &[(&str, u64)] = &[
        (
            include_str!("migrations/0001_foundation.sql"),
            0xd287_f142_bced_307c,
        ),
        (
            include_str!("migrations/0002_platforms.sql"),
            0x2984_6cf2_1f78_e8f0,
        ),
    ];

    #[test]
    fn landed_migrations_are_unchanged() {
        for (i, (text, expected)) in LANDED.iter().enumerate() {
            assert_eq!(
                fingerprint(text),
                *expected,
                "migration {} changed after it landed; add a new migration instead",
                i + 1
            );
        }
        assert_eq!(
            LANDED.len() as u32,
            SCHEMA_VERSION,
            "record every new migration in LANDED"
        );
    }

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }
}
