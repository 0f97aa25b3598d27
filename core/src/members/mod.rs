//! The member roster: who the members of a community are and at what level, what each has
//! done (activities), how engaged they are and why, and the ways members come in and go
//! out (CSV and vCard files, merging duplicates, forgetting a person who asks).

pub mod activities;
pub mod engagement;
pub mod export;
pub mod forget;
pub mod import;
pub mod merge;
mod model;
pub mod owners;
pub mod roster;
mod store;

pub use activities::{Activity, ActivityInput, ActivityKind};
pub use model::{
    date, email, normalise, phone, phone_digits, roles, tags, EngagementLevel, Level, Member,
    MemberFields, MemberInput, Role, LIMITS,
};
pub(crate) use store::derive_after_sync;
pub(crate) use store::insert as insert_member;
#[allow(unused_imports)] // the roster, activities and import use these
pub(crate) use store::{apply, community_exists, get_in, insert, member_from_row, MEMBER_COLUMNS};
pub use store::{create, get, update};
