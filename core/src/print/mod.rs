//! Printable documents, laid out for A4 or US Letter and rendered from templates
//! (minijinja, with HTML escaping on) that share one page (`layout.html`: paper, type,
//! tables that break between rows, the preview's toolbar). Their words are in the
//! community's language, from the one label catalogue the interface also uses; their dates
//! are written as the interface writes them ([`DateFormat`]), so the paper matches the
//! screen. The community plan (`plan.rs`) and an event's meetup plan (`meetup.rs`).

mod dates;
mod meetup;
mod plan;

use minijinja::{Environment, UndefinedBehavior};

pub use dates::{system_locale, DateFormat};
pub use meetup::{meetup_plan, Variant};
pub use plan::community_plan;

/// How the document is shown: on its own (a file to print), or in the app's preview
/// window, which adds a Print button that the printed page leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Document,
    Preview,
}

crate::enums::string_enum! {
    /// The paper a document is laid out for.
    pub enum Paper {
        A4 = "a4",
        Letter = "letter",
    }
}

impl Paper {
    /// As CSS's `@page { size }` names it.
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// Strict about names, so a word missing from the catalogue fails the tests' rendering
/// instead of leaving a blank on paper.
fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_template("layout.html", include_str!("layout.html"))?;
    env.add_template("plan.html", include_str!("plan.html"))?;
    env.add_template("meetup.html", include_str!("meetup.html"))?;
    Ok(env)
}

/// The words a template asks for (`l.<word>`), for the tests that check the catalogue has
/// each of them in both languages.
#[cfg(test)]
fn words_used(template: &str) -> Vec<&str> {
    template
        .match_indices("l.")
        .filter(|&(at, _)| !template[..at].ends_with(|c: char| c.is_alphanumeric()))
        .map(|(at, _)| {
            let rest = &template[at + 2..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}
