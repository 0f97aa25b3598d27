//! Everything the event panel shows about one event, read in one go: the event, its series'
//! rule, its venue, who answered and who came, the agenda with clock times, the roles, the
//! checklist with due dates, and the clashes to warn about. Read while the window's one
//! handle on the database is held, so no write falls between the parts, and the window
//! makes one call per open.

use serde::Serialize;

use super::agenda::{self, AgendaItem, EventRole};
use super::attendance::{self, Attendance, Rsvp};
use super::checklist::{self, EventTask};
use super::conflicts::{self, Conflict};
use super::series::{self, Series};
use super::venues::{self, Venue};
use super::{store, Event};
use crate::db::Db;
use crate::error::Result;

/// How many answered each way, and how many came.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Turnout {
    pub going: u32,
    pub waitlist: u32,
    pub maybe: u32,
    pub declined: u32,
    pub checked_in: u32,
}

/// A series as the panel names it: its rule and how many occurrences it has.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SeriesSummary {
    pub id: i64,
    pub uid: String,
    pub rrule: String,
    pub occurrences: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventPage {
    pub event: Event,
    pub series: Option<SeriesSummary>,
    pub venue: Option<Venue>,
    pub attendance: Vec<Attendance>,
    pub turnout: Turnout,
    pub agenda: Vec<AgendaItem>,
    pub roles: Vec<EventRole>,
    pub checklist: Vec<EventTask>,
    pub conflicts: Vec<Conflict>,
}

pub fn get(db: &Db, event_id: i64) -> Result<EventPage> {
    let event = store::get(db, event_id)?;
    let series = match event.series_id {
        Some(id) => {
            let Series {
                id,
                uid,
                rrule,
                occurrences,
                ..
            } = series::get(db, id)?;
            Some(SeriesSummary {
                id,
                uid,
                rrule,
                occurrences: u32::try_from(occurrences.len()).unwrap_or(u32::MAX),
            })
        }
        None => None,
    };
    let venue = match event.venue_id {
        Some(id) => Some(venues::get(db, id)?),
        None => None,
    };
    let attendance = attendance::list(db, event_id)?;
    let mut turnout = Turnout::default();
    for a in &attendance {
        match a.rsvp {
            Rsvp::Going => turnout.going += 1,
            Rsvp::Waitlist => turnout.waitlist += 1,
            Rsvp::Maybe => turnout.maybe += 1,
            Rsvp::Declined => turnout.declined += 1,
        }
        if a.checked_in_at.is_some() {
            turnout.checked_in += 1;
        }
    }
    Ok(EventPage {
        series,
        venue,
        turnout,
        agenda: agenda::items(db, event_id)?,
        roles: agenda::roles(db, event_id)?,
        checklist: checklist::list(db, event_id)?,
        conflicts: conflicts::of(db, event_id)?,
        attendance,
        event,
    })
}
