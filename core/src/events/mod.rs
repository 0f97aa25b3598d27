//! The event calendar: a community's events and the venues they are held at.
//!
//! An event is stored as two UTC instants and the IANA zone it is held in. People type and
//! see wall-clock times in that zone ("19:00 in Lisbon"), so every input is a local time
//! read in the event's zone ([`local_time`]), and every event read back carries both.

pub mod agenda;
pub mod attendance;
pub mod checklist;
pub mod conflicts;
pub mod ical;
pub mod local_time;
mod model;
pub mod page;
pub mod recurrence;
pub mod series;
mod store;
pub mod venues;

pub use model::{Event, EventFormat, EventInput, EventKind, EventStatus, LIMITS};
pub use store::{create, delete, get, list, list_days, update};
pub use venues::{Venue, VenueInput};

#[cfg(test)]
pub(crate) mod testing;
