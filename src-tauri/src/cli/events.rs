//! `hearth event list`: a community's events on the command line, in the order they start,
//! with their wall-clock times in the zone each is held in (a series' occurrences among them).
//! Listing only reads: with no database there is nothing to list, and none is created.

use std::path::Path;

use clap::Subcommand;
use hearth_core::events::{self, local_time, Event};
use hearth_core::Result;

use super::{open_community, printable, Output};

#[derive(Subcommand)]
pub enum EventCommand {
    /// List a community's events in the order they start, one a line
    List {
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// Only events on or after this day (YYYY-MM-DD, in the community's time zone)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only events on or before this day (YYYY-MM-DD, in the community's time zone)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
}

pub(super) fn run(dir: &Path, command: EventCommand) -> Result<Output> {
    match command {
        EventCommand::List {
            community,
            from,
            to,
        } => list(dir, community, from.as_deref(), to.as_deref()),
    }
}

fn list(
    dir: &Path,
    community: Option<i64>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Output> {
    let (db, community_id) = open_community(dir, community)?;
    let from = from
        .map(|d| local_time::parse_date("from", d))
        .transpose()?;
    let to = to.map(|d| local_time::parse_date("to", d)).transpose()?;
    let listed = events::list_days(&db, community_id, from, to)?;
    let text = if listed.is_empty() {
        format!("no events in community {community_id} in that time")
    } else {
        listed.iter().map(line).collect::<Vec<_>>().join("\n")
    };
    Output::new(text, listed)
}

/// `  12  2026-12-10 19:00–21:30 Europe/Lisbon  Rust evening  meetup, planned  series 3  <uid>`:
/// the id, when (a whole-day event by its days), what, its series if it has one, and the
/// uid a file would carry.
fn line(event: &Event) -> String {
    let when = if event.all_day {
        if event.start == event.end {
            event.start.clone()
        } else {
            format!("{}–{}", event.start, event.end)
        }
    } else {
        let (start_day, start_time) = event.start.split_once('T').unwrap_or((&event.start, ""));
        let (end_day, end_time) = event.end.split_once('T').unwrap_or((&event.end, ""));
        if start_day == end_day {
            format!("{start_day} {start_time}–{end_time}")
        } else {
            format!("{start_day} {start_time}–{end_day} {end_time}")
        }
    };
    let series = event
        .series_id
        .map(|id| format!("  series {id}"))
        .unwrap_or_default();
    format!(
        "{:>6}  {when} {}  {}  {}, {}{series}  {}",
        event.id,
        event.time_zone,
        printable(&event.title),
        event.kind.as_str(),
        event.status.as_str(),
        event.uid
    )
}
