//! The metrics report on paper: the goals and where they stand today, every metric of a
//! range beside the range before it, the months one by one, the recorded metrics' values in
//! the range, each event's turnout and who comes back, in the community's language with its
//! numbers written its way ("45,3 %" in Russian). The figures are the dashboard's
//! (`metrics::dashboard`), computed once by the caller.

use minijinja::context;

use super::{environment, DateFormat, Output, Paper};
use crate::community;
use crate::db::Db;
use crate::enums::Locale;
use crate::error::{Error, Result};
use crate::labels::{self, Labelled};
use crate::metrics::export::{decimal, number, percent};
use crate::metrics::goals::{self, Goal};
use crate::metrics::series;
use crate::metrics::{self, Category, Dashboard, Key, Measure, Unit};

/// The metrics shown month by month: those a month says most about.
const MONTH_COLUMNS: [Key; 6] = [
    Key::MembersTotal,
    Key::NewMembers,
    Key::ActiveMembers,
    Key::AverageAttendance,
    Key::Satisfaction,
    Key::Nps,
];

/// The printable report of `board`.
pub fn metrics_report(
    db: &Db,
    board: &Dashboard,
    output: Output,
    dates: &DateFormat,
) -> Result<String> {
    let community = community::get(db, board.community_id)?;
    let locale = community.charter.locale;
    let words = labels::words(locale, "report");
    let points = words.get("points").copied().unwrap_or("pp");
    let categories: Vec<_> = Category::ALL
        .iter()
        .map(|&category| {
            let metrics: Vec<_> = board
                .metrics
                .iter()
                .filter(|m| m.category == category)
                .map(|m| {
                    context! {
                        name => m.key.label(locale),
                        current => number(locale, m.key, &m.current),
                        previous => number(locale, m.key, &m.previous),
                        change => change(locale, m.key, &m.current, &m.previous, points),
                        small => m.current.small && m.key.unit() != Unit::Count,
                    }
                })
                .collect();
            context! { title => category.label(locale), metrics => metrics }
        })
        .collect();
    let months: Vec<_> = board
        .months
        .iter()
        .map(|month| {
            let values: Vec<String> = MONTH_COLUMNS
                .iter()
                .map(|&key| {
                    month
                        .values
                        .iter()
                        .find(|v| v.key == key)
                        .map(|v| number(locale, key, &v.measure))
                        .unwrap_or_else(|| metrics::export::NONE.into())
                })
                .collect();
            context! { name => month.month.clone(), values => values }
        })
        .collect();
    let share = |value: Option<f64>| match value {
        Some(v) => percent(locale, v),
        None => metrics::export::NONE.to_string(),
    };
    let cohorts: Vec<_> = board
        .cohorts
        .iter()
        .map(|c| {
            context! {
                month => &c.month, size => c.size, small => c.small,
                within_30 => share(c.within_30), within_60 => share(c.within_60),
                within_90 => share(c.within_90),
            }
        })
        .collect();
    let events: Vec<_> = board
        .events
        .iter()
        .map(|e| {
            context! {
                day => dates.format(e.day), title => &e.title, came => e.came, new => e.new,
                returning => e.returning,
            }
        })
        .collect();
    let goals: Vec<_> = goals::list(db, board.community_id)?
        .iter()
        .map(|g| {
            let value = |v: Option<f64>| goal_value(locale, g, v);
            context! {
                name => goal_name(locale, g),
                target => format!("{} {}", g.direction.label(locale), value(Some(g.target))),
                due => dates.format(g.due_on),
                now => value(g.progress.current),
                share => g.progress.share.map(|s| percent(locale, s)).unwrap_or_else(|| metrics::export::NONE.into()),
                status => g.progress.status.label(locale),
                result => &g.expected_result,
            }
        })
        .collect();
    let recorded: Vec<_> = series::list(db, board.community_id)?
        .into_iter()
        .map(|s| {
            let values: Vec<_> = s
                .points
                .iter()
                .filter(|p| board.range.contains(p.on_day))
                .map(|p| context! { day => dates.format(p.on_day), value => decimal_trimmed(locale, p.value), note => &p.note })
                .collect();
            context! { name => s.name, unit => s.unit, category => s.category.label(locale), values => values }
        })
        .collect();
    let ctx = context! {
        lang => locale.as_str(),
        page_size => Paper::A4.css(),
        margins => super::css_margins(),
        preview => output == Output::Preview,
        ui => labels::words(locale, "preview"),
        l => words,
        name => &community.charter.name,
        from => dates.format(board.range.from),
        to => dates.format(board.range.to),
        previous_from => dates.format(board.previous_range.from),
        previous_to => dates.format(board.previous_range.to),
        printed_on => dates.format(chrono::Utc::now().date_naive()),
        categories => categories,
        goals => goals,
        today => dates.format(goals_today(db, board.community_id)?),
        recorded => recorded,
        month_columns => MONTH_COLUMNS.iter().map(|k| k.label(locale)).collect::<Vec<_>>(),
        months => months,
        events => events,
        cohorts => cohorts,
    };
    environment()
        .and_then(|env| env.get_template("metrics.html")?.render(ctx))
        .map_err(|e| Error::Internal(format!("the metrics report could not be rendered: {e}")))
}

/// Today in the community's time zone: the day the goals are measured on.
fn goals_today(db: &Db, community_id: i64) -> Result<chrono::NaiveDate> {
    Ok(db.read(|r| community::locale_and_today(r, community_id))?.1)
}

/// What a goal is on: its metric's name, or its series'.
fn goal_name(locale: Locale, goal: &Goal) -> String {
    match goal.metric {
        Some(key) => key.label(locale).to_string(),
        None => goal.series_name.clone().unwrap_or_default(),
    }
}

/// A goal's value as its metric writes it; a series' as recorded, with its unit.
fn goal_value(locale: Locale, goal: &Goal, value: Option<f64>) -> String {
    let Some(v) = value else {
        return metrics::export::NONE.into();
    };
    match goal.metric {
        Some(key) => number(locale, key, &Measure::of(Some(v), u64::MAX)),
        None => match goal.series_unit.as_deref() {
            Some(unit) if !unit.is_empty() => format!("{} {unit}", decimal_trimmed(locale, v)),
            _ => decimal_trimmed(locale, v),
        },
    }
}

/// A recorded value as typed: up to two decimals, without trailing zeros.
fn decimal_trimmed(locale: Locale, value: f64) -> String {
    let places = if (value * 100.0).round() % 100.0 == 0.0 {
        0
    } else if (value * 100.0).round() % 10.0 == 0.0 {
        1
    } else {
        2
    };
    decimal(locale, value, places)
}

/// The change from `previous` to `current`, signed; a share's in percentage points.
fn change(locale: Locale, key: Key, current: &Measure, previous: &Measure, points: &str) -> String {
    let (Some(now), Some(before)) = (current.value, previous.value) else {
        return metrics::export::NONE.into();
    };
    let delta = now - before;
    let sign = if delta > 0.0 { "+" } else { "" };
    let text = match key.unit() {
        Unit::Share => format!("{} {points}", decimal(locale, delta * 100.0, 1)),
        Unit::Mean => decimal(locale, delta, 2),
        Unit::Count | Unit::Score => decimal(locale, delta, 0),
    };
    // A minus sign, not a hyphen, as typeset numbers have it.
    format!("{sign}{}", text.replace('-', "−"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::metrics::Range;

    #[test]
    fn the_report_writes_each_metric_in_the_communitys_language() {
        let mut t = temp_db();
        let guild = community(&mut t.db, "Гильдия", "ru").id;
        let input = crate::members::MemberInput {
            name: Some("Анна".into()),
            joined_on: Some("2026-01-05".into()),
            ..crate::members::MemberInput::default()
        };
        crate::members::create(&mut t.db, guild, &input).unwrap();
        let range = Range::parse("2026-01-01", "2026-03-31").unwrap();
        let board = metrics::dashboard(&t.db, guild, range).unwrap();
        let dates = DateFormat::new(Locale::Ru, "ru_RU.UTF-8");
        let html = metrics_report(&t.db, &board, Output::Document, &dates).unwrap();
        assert!(html.contains("<html lang=\"ru\""));
        assert!(html.contains("Отчёт по метрикам") && html.contains("Гильдия"));
        assert!(html.contains("01.01.2026 – 31.03.2026"), "{html}");
        assert!(
            html.contains("<td>Участники</td><td class=\"value\">1</td>"),
            "{html}"
        );
        // Nobody active: 0 of 1, written the Russian way.
        assert!(html.contains("0,0\u{a0}%"), "{html}");
        // No feedback: no satisfaction, and a dash rather than a number.
        assert!(
            html.contains("<td>Удовлетворённость</td><td class=\"value\">—*</td>"),
            "{html}"
        );
        assert!(!html.contains("NaN") && !html.contains("inf"));
        assert!(html.contains("2026-03"));
        assert!(!html.contains("print-button"));
    }

    #[test]
    fn the_report_has_the_goals_and_the_recorded_values_of_the_range() {
        let mut t = temp_db();
        let guild = community(&mut t.db, "Guild", "en").id;
        let chat = series::create(
            &mut t.db,
            guild,
            &series::SeriesInput {
                name: "Telegram chat".into(),
                category: "quantitative".into(),
                unit: "members".into(),
            },
        )
        .unwrap();
        for (day, value, note) in [
            ("2026-02-01", "1 250,5", "after the meetup"),
            ("2025-06-01", "900", ""),
        ] {
            let point = series::PointInput {
                on_day: day.into(),
                value: value.into(),
                note: note.into(),
            };
            series::record(&mut t.db, chat.id, &point).unwrap();
        }
        let goal = goals::GoalInput {
            metric: "no_show_rate".into(),
            target: "10".into(),
            due_on: "2099-01-01".into(),
            expected_result: "People come when they say they will".into(),
            ..goals::GoalInput::default()
        };
        goals::create(&mut t.db, guild, &goal).unwrap();
        let range = Range::parse("2026-01-01", "2026-03-31").unwrap();
        let board = metrics::dashboard(&t.db, guild, range).unwrap();
        let dates = DateFormat::new(Locale::En, "en_GB.UTF-8");
        let html = metrics_report(&t.db, &board, Output::Document, &dates).unwrap();
        assert!(html.contains("<h2>Goals</h2>"), "{html}");
        assert!(
            html.contains("<td class=\"goal-target\">at most 10.0%<div class=\"note\">Due 01&#x2f;01&#x2f;2099</div></td>"),
            "{html}"
        );
        assert!(html.contains("People come when they say they will"));
        assert!(
            html.contains("No data yet"),
            "no answers, no no-show rate: {html}"
        );
        assert!(
            html.contains("<h2>Impact</h2>"),
            "the third category: {html}"
        );
        assert!(html.contains("Telegram chat, members"), "{html}");
        // The value in the range, as typed; June 2025's is outside it.
        assert!(
            html.contains("<td class=\"value\">1250.5</td><td>after the meetup</td>"),
            "{html}"
        );
        assert!(!html.contains(">900<"), "{html}");
    }

    #[test]
    fn changes_are_signed_and_shares_change_in_points() {
        let m = |v: f64| Measure {
            value: Some(v),
            sample: 100,
            small: false,
        };
        assert_eq!(
            change(Locale::En, Key::MembersTotal, &m(120.0), &m(100.0), "pp"),
            "+20"
        );
        assert_eq!(
            change(
                Locale::Ru,
                Key::EngagementRate,
                &m(0.40),
                &m(0.455),
                "п. п."
            ),
            "−5,5 п. п."
        );
        assert_eq!(
            change(Locale::En, Key::Satisfaction, &m(4.0), &m(4.0), "pp"),
            "0.00"
        );
        let none = Measure {
            value: None,
            sample: 0,
            small: true,
        };
        assert_eq!(change(Locale::En, Key::Nps, &none, &m(10.0), "pp"), "—");
    }

    /// Every word the template asks for is in the catalogue in both languages.
    #[test]
    fn the_catalogue_has_every_word_the_report_uses() {
        let used = super::super::words_used(include_str!("metrics.html"), "l");
        assert!(used.contains(&"cohorts"));
        for locale in Locale::ALL {
            let words = labels::words(*locale, "report");
            for word in used.iter().chain(&["points"]) {
                assert!(words.contains_key(word), "{locale}: report.{word}");
            }
        }
    }
}
