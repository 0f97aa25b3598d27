//! The community plan on paper: charter, platforms, and the four stages with their tasks.

use std::collections::BTreeMap;

use minijinja::context;
use serde::Serialize;

use super::{environment, DateFormat, Output, Paper};
use crate::community::{self, platforms, Community};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::labels::{self, Labelled};
use crate::plan::{self, TaskStatus};

/// The community plan: charter, platforms, and the four stages with their tasks and notes.
pub fn community_plan(
    db: &Db,
    community_id: i64,
    output: Output,
    dates: &DateFormat,
) -> Result<String> {
    let community = community::get(db, community_id)?;
    let plan = plan::plan(db, community_id)?;
    let platforms = platforms::list(db, community_id)?;
    let locale = community.charter.locale;
    let words = labels::words(locale, "print");
    let stages: Vec<_> = plan
        .stages
        .iter()
        .map(|s| {
            let tasks: Vec<_> = s
                .tasks
                .iter()
                .map(|t| PrintedTask {
                    title: &t.title,
                    notes: &t.notes,
                    done: t.status == TaskStatus::Done,
                    status: t.status.label(locale),
                    owner: t.owner_name.as_deref().unwrap_or(""),
                    due: t.due.map(|d| dates.format(d)).unwrap_or_default(),
                    overdue: t.overdue,
                })
                .collect();
            context! { number => s.stage, title => &s.title, total => s.total, done => s.done, tasks => tasks }
        })
        .collect();
    let ctx = context! {
        lang => locale.as_str(),
        name => &community.charter.name,
        printed_on => dates.format(plan.today),
        charter => charter_rows(&community, &words),
        l => words,
        ui => labels::words(locale, "preview"),
        platforms => platforms.iter().map(|p| context! {
            kind => p.kind.label(locale), name => &p.name, url => &p.url, members => p.member_count,
        }).collect::<Vec<_>>(),
        stages => stages,
        total => plan.total,
        done => plan.done,
        overdue => plan.overdue,
        preview => output == Output::Preview,
        page_size => Paper::A4.css(),
        margins => super::css_margins(),
    };
    environment()
        .and_then(|env| env.get_template("plan.html")?.render(ctx))
        .map_err(|e| Error::Internal(format!("the printable plan could not be rendered: {e}")))
}

#[derive(Serialize)]
struct PrintedTask<'a> {
    title: &'a str,
    notes: &'a str,
    done: bool,
    status: &'static str,
    owner: &'a str,
    due: String,
    overdue: bool,
}

/// The charter's filled-in fields, each under its printed label (its key when the catalogue
/// lacks it, which a test rules out).
fn charter_rows(
    c: &Community,
    words: &BTreeMap<&'static str, &'static str>,
) -> Vec<(&'static str, String)> {
    let ch = &c.charter;
    let locale = ch.locale;
    let word = |key: &'static str| words.get(key).copied().unwrap_or(key);
    let joined = |items: Vec<&'static str>| items.join(", ");
    [
        (word("mission"), ch.mission.clone()),
        (
            word("kind"),
            ch.kind
                .map(|k| k.label(locale).to_string())
                .unwrap_or_default(),
        ),
        (
            word("audiences"),
            joined(ch.audiences.iter().map(|a| a.label(locale)).collect()),
        ),
        (
            word("formats"),
            joined(ch.formats.iter().map(|f| f.label(locale)).collect()),
        ),
        (word("uniqueValue"), ch.unique_value.clone()),
        (word("expectedResults"), ch.expected_results.clone()),
        (word("rules"), ch.rules.clone()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::Kind;
    use crate::db::testing::temp_db;
    use crate::{demo, Locale};

    fn american() -> DateFormat {
        DateFormat::new(Locale::En, "en_US.UTF-8")
    }

    #[test]
    fn the_plan_prints_in_the_communitys_language_with_everything_in_it() {
        for (locale, stage, heading) in [
            (Locale::Ru, "Планирование", "Устав"),
            (Locale::En, "Planning", "Charter"),
        ] {
            let mut t = temp_db();
            let c = demo::create(&mut t.db, locale).unwrap();
            let html = community_plan(&t.db, c.id, Output::Document, &american()).unwrap();
            assert!(html.contains(&format!("<html lang=\"{}\"", locale.as_str())));
            assert!(html.contains(stage) && html.contains(heading), "{locale}");
            assert!(html.contains(&c.charter.name));
            for task in plan::tasks(&t.db, c.id).unwrap() {
                assert!(html.contains(&task.title), "{locale}: {}", task.title);
            }
            for p in platforms::list(&t.db, c.id).unwrap() {
                assert!(html.contains(&p.name), "{locale}: platform {}", p.name);
            }
            assert!(html.contains(Kind::Technology.label(locale)), "{locale}");
            assert!(!html.contains("uniqueValue"), "no key in place of a word");
            assert!(html.contains("size: A4"));
            assert!(
                !html.contains("print-button"),
                "a document has no Print button"
            );
            assert!(community_plan(&t.db, c.id, Output::Preview, &american())
                .unwrap()
                .contains("print-button"));
        }
    }

    /// Every word the template asks for (`l.<word>`) is in the catalogue in both languages,
    /// including those of branches a test document may not take (an empty stage).
    #[test]
    fn the_catalogue_has_every_word_the_template_uses() {
        let template = [include_str!("plan.html"), include_str!("layout.html")].concat();
        let used = super::super::words_used(&template, "l");
        assert!(used.contains(&"noTasks") && used.contains(&"planTitle"));
        for locale in Locale::ALL {
            let words = labels::words(*locale, "print");
            for word in &used {
                assert!(words.contains_key(word), "{locale}: print.{word}");
            }
        }
    }

    /// A task's notes are on paper under its title, the template's teaching included.
    #[test]
    fn the_plan_prints_each_tasks_notes() {
        let mut t = temp_db();
        let c = demo::create(&mut t.db, Locale::Ru).unwrap();
        let html = community_plan(&t.db, c.id, Output::Document, &american()).unwrap();
        let mission = &plan::tasks(&t.db, c.id).unwrap()[0];
        assert!(mission.notes.starts_with("Зачем: "));
        let first_line = mission.notes.lines().next().unwrap();
        assert!(
            html.contains(&format!("<span class=\"notes\">{first_line}")),
            "{html}"
        );
    }

    /// Dates follow the interface, not the community: a Russian community printed from an
    /// English interface on a British system has British dates, as the app shows them.
    #[test]
    fn dates_are_written_as_the_interface_writes_them() {
        let mut t = temp_db();
        let c = demo::create(&mut t.db, Locale::Ru).unwrap();
        let today = plan::plan(&t.db, c.id).unwrap().today;
        let task = plan::tasks(&t.db, c.id).unwrap()[0].clone();
        let mut input = plan::TaskInput::from(&task);
        input.due = Some("2027-03-07".into());
        plan::update_task(&mut t.db, task.id, &input).unwrap();
        let cases = [
            (DateFormat::new(Locale::En, "en_GB.UTF-8"), "07/03/2027"),
            (DateFormat::new(Locale::En, "en_US.UTF-8"), "3/7/2027"),
            (DateFormat::new(Locale::Ru, "en_US.UTF-8"), "07.03.2027"),
        ];
        for (dates, due) in cases {
            let html = community_plan(&t.db, c.id, Output::Document, &dates)
                .unwrap()
                .replace("&#x2f;", "/");
            assert!(html.contains(due), "{due}");
            assert!(html.contains(&dates.format(today)), "printed on, {due}");
            assert!(
                html.contains("Напечатано"),
                "the words stay the community's"
            );
        }
    }

    #[test]
    fn the_interfaces_language_is_the_chosen_one() {
        let mut t = temp_db();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        crate::settings::set_language(&mut t.db, Some("ru")).unwrap();
        assert_eq!(
            DateFormat::of_interface(&t.db).unwrap().format(day),
            "25.11.2026"
        );
    }

    #[test]
    fn text_from_the_organizer_is_escaped() {
        let mut t = temp_db();
        let c = demo::create(&mut t.db, Locale::En).unwrap();
        let task = plan::tasks(&t.db, c.id).unwrap()[0].clone();
        let mut input = plan::TaskInput::from(&task);
        input.title = "<script>alert(1)</script> & more".into();
        plan::update_task(&mut t.db, task.id, &input).unwrap();
        let html = community_plan(&t.db, c.id, Output::Document, &american()).unwrap();
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("&lt;script&gt;alert(1)") && html.contains("&amp; more"));
    }

    #[test]
    fn a_missing_community_is_not_found() {
        let t = temp_db();
        assert_eq!(
            community_plan(&t.db, 7, Output::Document, &american())
                .unwrap_err()
                .code(),
            "not_found"
        );
    }
}
