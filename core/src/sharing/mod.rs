//! Team sharing: co-organizers keep one community on their own machines and edit it apart.
//! Automerge is the engine that merges their copies; SQLite stays the store the screens read
//! and the file that is backed up. A community being shared has an Automerge document
//! beside its rows, and this module moves changes between the two (docs/sharing.md).
//!
//! What is here so far: the document's layout (`layout`); the document, with its ways to
//! and from SQLite, the sync protocol's messages and the conflicts a person has to settle
//! (`document`); where it is kept, in the same database file (`store`); and what travels to
//! a relay, the protocol's messages and the join code (`wire`). Every domain
//! takes part; the relay, the command line and the interface come next (docs/sharing.md,
//! "Steps").

pub mod connection;
pub mod layout;

mod document;
mod store;
pub mod wire;

/// What this copy knows of one peer in the sync protocol: kept, a reconnect sends only what
/// changed since.
pub use automerge::sync::State as SyncState;
pub use document::{Conflict, SharedCommunity, Stored};

#[cfg(test)]
mod tests;
