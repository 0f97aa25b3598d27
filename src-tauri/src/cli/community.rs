//! `hearth community list | create` and `hearth demo`: the communities, as
//! `commands/community.rs` is for the window. Listing only reads and creates nothing;
//! creating validates before it creates the data folder.

use std::path::Path;

use clap::Subcommand;
use hearth_core::community::{self, NewCommunity};
use hearth_core::{demo, Locale, Result};

use super::{open, open_existing, printable, Output};

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Language of the sample: en or ru
    #[arg(long, default_value = "en")]
    locale: String,
}

#[derive(Subcommand)]
pub enum CommunityCommand {
    /// List the communities
    List,
    /// Create a community with its plan from the built-in template
    Create {
        #[arg(long)]
        name: String,
        /// Language of the plan template: en or ru
        #[arg(long, default_value = "en")]
        template: String,
        /// IANA time zone [default: the system's]
        #[arg(long)]
        time_zone: Option<String>,
        /// Target launch, YYYY-MM-DD: the template's tasks get due dates counted from it
        #[arg(long, value_name = "DATE")]
        launch_date: Option<String>,
    },
}

pub(super) fn run(dir: &Path, command: CommunityCommand) -> Result<Output> {
    match command {
        CommunityCommand::List => list(dir),
        CommunityCommand::Create {
            name,
            template,
            time_zone,
            launch_date,
        } => create(
            dir,
            NewCommunity {
                name,
                locale: template,
                time_zone: time_zone.unwrap_or_else(system_time_zone),
                launch_date,
            },
        ),
    }
}

pub(super) fn demo(dir: &Path, DemoArgs { locale }: DemoArgs) -> Result<Output> {
    let locale = Locale::parse("locale", &locale)?;
    let mut db = open(dir)?;
    let community = demo::create(&mut db, locale)?;
    Output::new(
        format!(
            "created the sample community \"{}\" (id {})",
            printable(&community.charter.name),
            community.id
        ),
        community,
    )
}

fn list(dir: &Path) -> Result<Output> {
    let list = match open_existing(dir)? {
        Some(db) => community::list(&db)?,
        None => Vec::new(),
    };
    let text = if list.is_empty() {
        "no communities yet: create one with `hearth community create --name NAME`".into()
    } else {
        list.iter()
            .map(|c| format!("{}\t{}\t{}", c.id, c.locale, printable(&c.name)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Output::new(text, list)
}

fn create(dir: &Path, new: NewCommunity) -> Result<Output> {
    // Validate first, so bad input does not even create the data folder.
    new.validate()?;
    let mut db = open(dir)?;
    let created = community::create(&mut db, &new)?;
    Output::new(
        format!(
            "created community \"{}\" (id {})",
            printable(&created.charter.name),
            created.id
        ),
        created,
    )
}

fn system_time_zone() -> String {
    iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into())
}
