//! One error type for the whole core. Each variant has a stable `code` that crosses to the
//! interface and the command line unchanged, so a message can be localised there while the
//! English text here stays useful in logs.

use serde::{Serialize, Serializer};

use crate::enums::string_enum;

pub type Result<T, E = Error> = std::result::Result<T, E>;

string_enum! {
    /// Why a piece of input was refused; the interface turns it into a localised sentence.
    /// `control_character`: a line break, escape or text-direction control where it could
    /// forge or disguise text.
    pub enum Rule {
        Required = "required",
        TooLong = "too_long",
        UnknownValue = "unknown_value",
        InvalidFormat = "invalid_format",
        ControlCharacter = "control_character",
    }
}

string_enum! {
    /// The stable code of an error: the part of it that scripts and the interface rely on.
    pub enum ErrorCode {
        InvalidInput = "invalid_input",
        NotFound = "not_found",
        Conflict = "conflict",
        Corrupt = "corrupt",
        Io = "io",
        Internal = "internal",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    InvalidInput {
        /// The field as the interface names it (camelCase), when one field is at fault.
        field: Option<String>,
        rule: Rule,
        limit: Option<u32>,
        message: String,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(field: &str, rule: Rule, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: Some(field.to_string()),
            rule,
            limit: None,
            message: message.into(),
        }
    }

    pub fn too_long(field: &str, limit: u32) -> Self {
        Error::InvalidInput {
            field: Some(field.to_string()),
            rule: Rule::TooLong,
            limit: Some(limit),
            message: format!("{field} must be at most {limit} characters"),
        }
    }

    /// The stable code the interface and scripts rely on.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Io(_) => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Bad input is the caller's to fix; everything else is a failure of the operation.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Error::InvalidInput { .. } | Error::NotFound(_))
    }
}

/// An error as the interface and `--json` receive it. `field`, `rule` and `limit` are set for
/// invalid input, so the interface can show core's own message under the field it names.
// A struct of its own, so the interface's type of it is generated from what is really sent.
#[derive(Serialize, ts_rs::TS)]
#[ts(rename = "HearthError")]
pub struct ErrorReply<'a> {
    pub code: ErrorCode,
    /// English, for logs and scripts; the interface shows its own words for `code` and `rule`.
    pub message: String,
    /// The field as the interface names it (camelCase).
    pub field: Option<&'a str>,
    pub rule: Option<Rule>,
    /// The limit that was passed, e.g. 200 for a name that is too long.
    pub limit: Option<u32>,
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (field, rule, limit) = match self {
            Error::InvalidInput {
                field, rule, limit, ..
            } => (field.as_deref(), Some(*rule), *limit),
            _ => (None, None, None),
        };
        ErrorReply {
            code: self.error_code(),
            message: self.to_string(),
            field,
            rule,
            limit,
        }
        .serialize(serializer)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match err.sqlite_error_code() {
            Some(C::DatabaseCorrupt | C::NotADatabase) => {
                Error::Corrupt(format!("the database file is damaged: {err}"))
            }
            Some(C::DatabaseBusy | C::DatabaseLocked) => {
                Error::Conflict(format!("the database is busy, try again: {err}"))
            }
            Some(
                C::ReadOnly
                | C::CannotOpen
                | C::PermissionDenied
                | C::DiskFull
                | C::SystemIoFailure,
            ) => Error::Io(format!("cannot write the database: {err}")),
            _ => match err {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound("no such record".into()),
                // A stored value that passed validation once but no longer converts (an
                // enum text this build does not know, a date that is not one) means the
                // file was altered: every such read ends up here.
                rusqlite::Error::FromSqlConversionFailure(_, _, why) => {
                    Error::Corrupt(format!("a stored value is not valid: {why}"))
                }
                other => Error::Internal(format!("database error: {other}")),
            },
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Io(err.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Internal(format!("stored data could not be read: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_code_message_and_field() {
        let json = serde_json::to_value(Error::too_long("name", 200)).unwrap();
        assert_eq!(json["code"], "invalid_input");
        assert_eq!(json["field"], "name");
        assert_eq!(json["rule"], "too_long");
        assert_eq!(json["limit"], 200);
        assert_eq!(json["message"], "name must be at most 200 characters");

        let json = serde_json::to_value(Error::NotFound("community 7".into())).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json["field"].is_null());
    }

    #[test]
    fn sqlite_corruption_maps_to_corrupt() {
        let err = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        );
        assert_eq!(Error::from(err).code(), "corrupt");
    }
}
