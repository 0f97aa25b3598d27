//! Calendar files (iCalendar, RFC 5545) in and out: a community's events exported with
//! their stable UIDs, zones, rules and exceptions, and files from Google Calendar, Outlook,
//! Thunderbird or Apple Calendar imported, a second time updating what the first made.
//!
//! The [`calcard`] crate does the format: unfolding, unescaping, values, time zone names
//! (IANA, Windows and Outlook's own) and, for exports, the VTIMEZONE of each zone. It was
//! chosen because it is kept by a team that runs a CalDAV server on it and tests it against
//! files from every major calendar; the `ical` crate it replaced in our search is archived,
//! and `icalendar` neither resolves Windows zones nor writes VTIMEZONEs. What a file's
//! events mean for Hearth (a series, an occurrence moved alone, a cancelled one) is decided
//! here: [`read`] turns a file into events Hearth can keep or names what stops it, by line;
//! [`import`] applies them, all or nothing; [`export`] writes them.

pub mod export;
pub mod import;
mod read;

use serde::Serialize;

use crate::enums::string_enum;

/// The largest calendar file an import reads: 32 MiB, some 80,000 events as calendar
/// programs write them. A bigger file is refused before it is parsed.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The most events (single events and occurrences of series together) one import makes.
pub const MAX_EVENTS: usize = 100_000;

string_enum! {
    /// What is wrong with a calendar file, in a word the interface turns into a sentence
    /// of its own language. The first five stop the whole file; the others name the event.
    pub enum IcsProblemKind {
        TooBig = "too_big",
        NotText = "not_text",
        NotCalendar = "not_calendar",
        Malformed = "malformed",
        CutShort = "cut_short",
        TooMany = "too_many",
        UnknownZone = "unknown_zone",
        EndlessRule = "endless_rule",
        BadRule = "bad_rule",
        BadValue = "bad_value",
        EndsBeforeStart = "ends_before_start",
        RepeatedUid = "repeated_uid",
        NoSeries = "no_series",
        OtherCommunity = "other_community",
    }
}

/// One thing that stops a calendar file from being imported, where a person would look.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsProblem {
    pub kind: IcsProblemKind,
    /// The line of the file (from 1), as a text editor numbers it.
    pub line: Option<u32>,
    /// The event's UID, when one event is at fault.
    pub uid: Option<String>,
    /// The event field at fault (camelCase, as errors name fields).
    pub field: Option<String>,
    /// English, complete (line and reason), for logs and the command line.
    pub message: String,
}

impl IcsProblem {
    fn new(kind: IcsProblemKind, line: Option<u32>, message: impl Into<String>) -> IcsProblem {
        let message = message.into();
        IcsProblem {
            kind,
            line,
            uid: None,
            field: None,
            message: match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            },
        }
    }
}

#[cfg(test)]
mod tests;
