//! Printable documents, laid out for A4 and rendered from templates (minijinja, with HTML
//! escaping on) in the community's language. Today the community plan; the meetup plan
//! will come through the same pipeline.

mod labels;

use minijinja::{context, Environment};
use serde::Serialize;

use crate::community::{self, platforms, Community};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::plan::{self, TaskStatus};

/// How the document is shown: on its own (a file to print), or in the app's preview
/// window, which adds a Print button that the printed page leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Document,
    Preview,
}

/// The community plan: charter, platforms, and the four stages with their tasks.
pub fn community_plan(db: &Db, community_id: i64, output: Output) -> Result<String> {
    let community = community::get(db, community_id)?;
    let plan = plan::plan(db, community_id)?;
    let platforms = platforms::list(db, community_id)?;
    let l = labels::for_locale(community.charter.locale);
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
                    status: l.status(t.status),
                    owner: t.owner_name.as_deref().unwrap_or(""),
                    due: t.due.map(|d| l.date(d)).unwrap_or_default(),
                    overdue: t.overdue,
                })
                .collect();
            context! { number => s.stage, title => &s.title, total => s.total, done => s.done, tasks => tasks }
        })
        .collect();
    let charter = charter_rows(&community, &l);
    let ctx = context! {
        lang => community.charter.locale.as_str(),
        l => l.text(),
        name => &community.charter.name,
        printed_on => l.date(plan.today),
        charter => charter,
        platforms => platforms.iter().map(|p| context! {
            kind => l.platform(p.kind), name => &p.name, url => &p.url, members => p.member_count,
        }).collect::<Vec<_>>(),
        stages => stages,
        total => plan.total,
        done => plan.done,
        overdue => plan.overdue,
        preview => output == Output::Preview,
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

fn charter_rows(c: &Community, l: &labels::Labels) -> Vec<(&'static str, String)> {
    let ch = &c.charter;
    let joined = |items: Vec<&'static str>| items.join(", ");
    [
        (l.text().mission, ch.mission.clone()),
        (
            l.text().kind,
            ch.kind.map(|k| l.kind(k).to_string()).unwrap_or_default(),
        ),
        (
            l.text().audiences,
            joined(ch.audiences.iter().map(|a| l.audience(*a)).collect()),
        ),
        (
            l.text().formats,
            joined(ch.formats.iter().map(|f| l.format(*f)).collect()),
        ),
        (l.text().unique_value, ch.unique_value.clone()),
        (l.text().expected_results, ch.expected_results.clone()),
        (l.text().rules, ch.rules.clone()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect()
}

fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template("plan.html", include_str!("plan.html"))?;
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use crate::{demo, Locale};

    #[test]
    fn the_plan_prints_in_the_communitys_language_with_everything_in_it() {
        for (locale, stage, heading) in [
            (Locale::Ru, "Планирование", "Устав"),
            (Locale::En, "Planning", "Charter"),
        ] {
            let mut t = temp_db();
            let c = demo::create(&mut t.db, locale).unwrap();
            let html = community_plan(&t.db, c.id, Output::Document).unwrap();
            assert!(html.contains(&format!("<html lang=\"{}\"", locale.as_str())));
            assert!(html.contains(stage) && html.contains(heading), "{locale}");
            assert!(html.contains(&c.charter.name));
            for task in plan::tasks(&t.db, c.id).unwrap() {
                assert!(html.contains(&task.title), "{locale}: {}", task.title);
            }
            for p in platforms::list(&t.db, c.id).unwrap() {
                assert!(html.contains(&p.name), "{locale}: platform {}", p.name);
            }
            assert!(html.contains("size: A4"));
            assert!(
                !html.contains("print-button"),
                "a document has no Print button"
            );
            assert!(community_plan(&t.db, c.id, Output::Preview)
                .unwrap()
                .contains("print-button"));
        }
    }

    #[test]
    fn text_from_the_organizer_is_escaped() {
        let mut t = temp_db();
        let c = demo::create(&mut t.db, Locale::En).unwrap();
        let task = plan::tasks(&t.db, c.id).unwrap()[0].clone();
        let mut input = plan::TaskInput::from(&task);
        input.title = "<script>alert(1)</script> & more".into();
        plan::update_task(&mut t.db, task.id, &input).unwrap();
        let html = community_plan(&t.db, c.id, Output::Document).unwrap();
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("&lt;script&gt;alert(1)") && html.contains("&amp; more"));
    }

    #[test]
    fn a_missing_community_is_not_found() {
        let t = temp_db();
        assert_eq!(
            community_plan(&t.db, 7, Output::Document)
                .unwrap_err()
                .code(),
            "not_found"
        );
    }
}
