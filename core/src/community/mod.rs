//! The community and its charter: what it is for, whom it serves, how it meets, and the
//! rules it keeps. Creating a community also lays out its plan from the built-in template.

mod model;
pub mod platforms;
mod store;
pub mod time_zones;

pub use model::LIMITS;
pub use model::{
    Audience, Charter, CharterInput, Community, CommunitySummary, Format, Kind, NewCommunity,
};
pub use store::{create, delete, get, list, update};
pub(crate) use store::{locale_and_today, mark_sample};
