//! The community and its charter: what it is for, whom it serves, how it meets, and the
//! rules it keeps. Creating a community also lays out its plan from the built-in template.

mod model;
mod own_member;
pub mod platforms;
mod store;
pub mod time_zones;

pub(crate) use model::parse_time_zone;
pub use model::LIMITS;
pub use model::{
    Audience, Charter, CharterInput, Community, CommunitySummary, Format, Kind, NewCommunity,
};
pub(crate) use own_member::own_member_in;
pub use own_member::set_own_member;
pub use store::{create, delete, get, list, update};
pub(crate) use store::{locale_and_today, mark_sample};
