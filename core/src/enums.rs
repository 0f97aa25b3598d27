//! Closed sets of values stored as text (`"technology"`, `"mid_level"`, …). Input arrives as
//! strings and is parsed here, so an unknown value is an `invalid_input` error naming the
//! field, not a failure deep inside deserialisation.

macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        // The interface's types are generated from this one definition (ui/js/contract/).
        #[derive(ts_rs::TS)]
        $(#[$meta])*
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses stored or submitted text; `field` names the input in the error.
            pub fn parse(field: &str, value: &str) -> crate::Result<Self> {
                match value {
                    $($text => Ok($name::$variant),)+
                    other => Err(crate::Error::invalid(
                        field,
                        crate::Rule::UnknownValue,
                        format!(
                            "{field}: unknown value {other:?}; expected one of {}",
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Stored as its text, so the database reads like the interface's values.
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        // Stored text was valid when written, so text this build does not know means the
        // file was altered: a conversion error, which becomes `corrupt` in `Error::from`.
        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!(
                            "the stored {} {text:?} is not one of {}",
                            stringify!($name),
                            [$($text),+].join(", ")
                        )
                        .into(),
                    )
                })
            }
        }
    };
}

pub(crate) use string_enum;

string_enum! {
    /// The language of a community's documents and of the interface.
    pub enum Locale { En = "en", Ru = "ru" }
}
