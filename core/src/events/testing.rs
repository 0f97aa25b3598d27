//! What the calendar's tests share: a community whose clocks change, an evening meetup as a
//! form sends it, and a member on the roster.

use crate::community::{self, NewCommunity};
use crate::db::Db;
use crate::events::agenda::AgendaItemInput;
use crate::events::EventInput;
use crate::members::{self, MemberInput};

/// A community held in Lisbon (UTC+0 in winter, UTC+1 in summer; the clocks go forward at
/// 01:00 on the last Sunday of March).
pub fn lisbon(db: &mut Db) -> i64 {
    community::create(
        db,
        &NewCommunity {
            name: "Lisbon Rust".into(),
            locale: "en".into(),
            time_zone: "Europe/Lisbon".into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id
}

/// A meetup from `start` to `end`, wall-clock times in the community's zone.
pub fn meetup(start: &str, end: &str) -> EventInput {
    EventInput {
        title: "Rust evening".into(),
        kind: "meetup".into(),
        format: "offline".into(),
        start: start.into(),
        end: end.into(),
        ..EventInput::default()
    }
}

/// A member of `community_id` with only a name.
pub fn member(db: &mut Db, community_id: i64, name: &str) -> i64 {
    let input = MemberInput {
        name: Some(name.into()),
        ..MemberInput::default()
    };
    members::create(db, community_id, &input).unwrap().id
}

/// An agenda item as the panel sends it, without notes.
pub fn item(title: &str, minutes: u32, speaker: Option<i64>) -> AgendaItemInput {
    AgendaItemInput {
        title: title.into(),
        minutes,
        speaker_member_id: speaker,
        notes: String::new(),
    }
}
