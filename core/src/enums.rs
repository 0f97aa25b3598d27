//! Closed sets of values stored as text (`"technology"`, `"mid_level"`, …). Input arrives as
//! strings and is parsed here, so an unknown value is an `invalid_input` error naming the
//! field, not a failure deep inside deserialisation.

macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        // The interface's types are generated from this one definition (ui/js/contract/).
        #[derive(ts_rs::TS)]
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
    };
}

pub(crate) use string_enum;

string_enum! {
    /// The language of a community's documents and of the interface.
    pub enum Locale { En = "en", Ru = "ru" }
}
