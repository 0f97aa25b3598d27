//! Printable documents, laid out for A4 or US Letter and rendered from templates
//! (minijinja, with HTML escaping on) that share one page (`layout.html`: paper, type,
//! tables that break between rows, the preview's toolbar). Their words are in the
//! community's language, from the one label catalogue the interface also uses; their dates
//! are written as the interface writes them ([`DateFormat`]), so the paper matches the
//! screen. The community plan (`plan.rs`), an event's meetup plan (`meetup.rs`) and the
//! metrics report (`metrics.rs`).

mod dates;
mod meetup;
mod metrics;
mod plan;

use minijinja::{Environment, UndefinedBehavior};

pub use dates::{system_locale, DateFormat};
pub use meetup::{meetup_plan, Variant};
pub use metrics::metrics_report;
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

/// The page's margins in millimetres, top, right, bottom and left: the documents' `@page`
/// margins, and the margins the app's PDF printer is given (WebKit prints on the printer's
/// page, not the document's).
pub const MARGINS_MM: [f64; 4] = [16.0, 15.0, 18.0, 15.0];

/// `@page`'s `margin` for [`MARGINS_MM`].
fn css_margins() -> String {
    MARGINS_MM.map(|mm| format!("{mm}mm")).join(" ")
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
    env.add_template("metrics.html", include_str!("metrics.html"))?;
    Ok(env)
}

/// The words a template asks for from the catalogue it names `var` (`l.<word>` for the
/// document's own, `ui.<word>` for the preview's), for the tests that check the catalogue has
/// each of them in both languages.
#[cfg(test)]
fn words_used<'a>(template: &'a str, var: &str) -> Vec<&'a str> {
    let marker = format!("{var}.");
    template
        .match_indices(&marker)
        .filter(|&(at, _)| !template[..at].ends_with(|c: char| c.is_alphanumeric()))
        .map(|(at, _)| {
            let rest = &template[at + marker.len()..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::labels;
    use crate::Locale;

    /// The preview's toolbar (in the shared layout, and the meetup plan's paper switch) finds
    /// each of its words in both languages, those asked for by name (`ui[size]`) included.
    #[test]
    fn the_catalogue_has_every_word_of_the_preview() {
        let template = [include_str!("layout.html"), include_str!("meetup.html")].concat();
        let mut used = super::words_used(&template, "ui");
        assert!(used.contains(&"savePdf") && used.contains(&"paper"));
        used.extend(super::Paper::ALL.iter().map(|paper| paper.as_str()));
        for locale in Locale::ALL {
            let words = labels::words(*locale, "preview");
            for word in &used {
                assert!(words.contains_key(word), "{locale}: preview.{word}");
            }
        }
    }
}
