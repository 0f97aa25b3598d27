//! One error type for the whole core. Each variant has a stable `code` that crosses to the
//! interface and the command line unchanged, so a message can be localised there while the
//! English text here stays useful in logs.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a piece of input was refused; the interface turns it into a localised sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong,
    UnknownValue,
    InvalidFormat,
    /// A line break, escape or text-direction control where it could forge or disguise text.
    ControlCharacter,
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
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Corrupt(_) => "corrupt",
            Error::Io(_) => "io",
            Error::Internal(_) => "internal",
        }
    }

    /// Bad input is the caller's to fix; everything else is a failure of the operation.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Error::InvalidInput { .. } | Error::NotFound(_))
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (field, rule, limit) = match self {
            Error::InvalidInput {
                field, rule, limit, ..
            } => (field.as_deref(), Some(*rule), *limit),
            _ => (None, None, None),
        };
        let mut s = serializer.serialize_struct("Error", 5)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("field", &field)?;
        s.serialize_field("rule", &rule)?;
        s.serialize_field("limit", &limit)?;
        s.end()
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
