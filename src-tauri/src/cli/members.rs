//! `hearth member list`: a community's roster on the command line, as `commands/members.rs`
//! gives it to the window (the same query, in name order). Listing only reads: with no
//! database there is nothing to list, and none is created.

use std::path::Path;

use clap::Subcommand;
use hearth_core::members::roster::{self, RosterQuery, RosterRow, PAGE_MAX};
use hearth_core::Result;

use super::{open_community, printable, Output};

#[derive(Subcommand)]
pub enum MemberCommand {
    /// List a community's members in name order, one a line
    List {
        /// The community [default: the only one]
        #[arg(long, value_name = "ID")]
        community: Option<i64>,
        /// Only members whose name, email, company, handles or tags contain this text
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
    },
}

pub(super) fn run(dir: &Path, command: MemberCommand) -> Result<Output> {
    match command {
        MemberCommand::List { community, search } => list(dir, community, search),
    }
}

fn list(dir: &Path, community: Option<i64>, search: String) -> Result<Output> {
    let (db, community_id) = open_community(dir, community)?;
    let query = RosterQuery {
        search,
        ..RosterQuery::default()
    };
    let mut rows: Vec<RosterRow> = Vec::new();
    loop {
        let offset = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let page = roster::page(&db, community_id, &query, offset, PAGE_MAX)?;
        let done = page.rows.is_empty() || rows.len() + page.rows.len() >= page.total as usize;
        rows.extend(page.rows);
        if done {
            break;
        }
    }
    let text = if rows.is_empty() {
        if query.search.is_empty() {
            format!("no members yet in community {community_id}")
        } else {
            format!(
                "no member of community {community_id} matches {:?}",
                query.search
            )
        }
    } else {
        rows.iter().map(line).collect::<Vec<_>>().join("\n")
    };
    Output::new(text, rows)
}

/// `12  Ana Ribeiro <ana@example.org>  Farfetch  experienced  advocate`: the id, then what
/// a person scanning the list looks for, empty parts left out.
fn line(row: &RosterRow) -> String {
    let mut parts = vec![format!("{:>6}  {}", row.id, printable(&row.name))];
    if !row.email.is_empty() {
        parts[0].push_str(&format!(" <{}>", printable(&row.email)));
    }
    if !row.company.is_empty() {
        parts.push(printable(&row.company));
    }
    if let Some(level) = row.level {
        parts.push(level.to_string());
    }
    parts.push(row.engagement_level.to_string());
    parts.join("  ")
}
