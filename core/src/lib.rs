//! hearth-core: everything Hearth does that needs no window.
//!
//! One folder per domain (`community`, `plan`, `settings`, …), plus `db` for storage and
//! safety (migrations, checks, backups). The desktop shell and the command line are thin
//! layers over the functions here; every rule of the domain lives and is tested in this crate.

pub mod community;
pub mod data_dir;
pub mod db;
pub mod demo;
pub mod enums;
pub mod error;
pub mod events;
pub mod interop;
pub mod labels;
pub mod members;
pub mod metrics;
pub mod output_file;
pub mod plan;
pub mod print;
pub mod settings;
pub mod sharing;
mod text;

pub use db::Db;
pub use enums::Locale;
pub use error::{Error, Result, Rule};
