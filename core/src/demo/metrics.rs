//! The sample's measures beyond what Hearth counts for itself: a year of each platform's
//! member count, the survey after each meetup, the people hired through the community and
//! the contributors to its joint projects, typed in month by month; an impact log for
//! members who agreed to one; and goals set two months ago on the lines of the charter's
//! expected results, so that every chart of the Metrics section has a story to tell.

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};

use super::members::Dice;
use crate::community::locale_and_today;
use crate::db::Db;
use crate::enums::Locale;
use crate::error::Result;
use crate::metrics::goals::{self, GoalInput};
use crate::metrics::impact::{self, ImpactInput, ImpactKind};
use crate::metrics::series::{self, PointInput, SeriesInput};
use crate::metrics::{dashboard, Key, Range};

struct Texts {
    /// Each recorded series' name and unit.
    survey: (&'static str, &'static str),
    hired: (&'static str, &'static str),
    contributors: (&'static str, &'static str),
    /// A survey point's note: how many answered (`{n}`).
    answers: &'static str,
    /// Notes for the impact log, by kind in the order of [`ImpactKind::ALL`]; whoever they
    /// are given to, so without a pronoun or, in Russian, a verb's gender.
    impact: [&'static [&'static str]; 4],
}

const EN: Texts = Texts {
    survey: ("Meetup usefulness survey", "of 10"),
    hired: ("Members hired through the community", "people"),
    contributors: ("Contributors to our open-source projects", "people"),
    answers: "{n} answers",
    impact: [
        &[
            "Promoted to senior data engineer",
            "Hired through a contact made at the meetup",
            "Moved into a team lead role after the mentoring sessions",
            "Became head of data at a startup",
        ],
        &[
            "Contributed the Kafka checks to the data quality project",
            "Co-maintains the transit open data pipeline",
            "Built a dbt package with two members from the chat",
        ],
        &[
            "Introduced to a hiring manager at the meetup",
            "Recommended as a speaker to a conference",
            "Found a co-founder in the chat",
        ],
        &[
            "Learned Flink at the streaming workshop",
            "Started using dbt at work after a talk",
            "Set up data contracts in the team after the meetup",
        ],
    ],
};

const RU: Texts = Texts {
    survey: ("Опрос: польза встреч", "из 10"),
    hired: ("Трудоустроены через сообщество", "чел."),
    contributors: ("Контрибьюторы наших open-source проектов", "чел."),
    answers: "Ответов: {n}",
    impact: [
        &[
            "Повышение до старшего дата-инженера",
            "Новая работа через знакомство на митапе",
            "Переход на роль тимлида после менторских встреч",
            "Назначение руководителем отдела данных в стартапе",
        ],
        &[
            "Проверки Kafka для проекта качества данных",
            "Сопровождение пайплайна открытых данных о транспорте",
            "Пакет для dbt вместе с двумя участниками чата",
        ],
        &[
            "Познакомили с нанимающим менеджером на митапе",
            "Порекомендовали докладчиком на конференцию",
            "Знакомство с будущим сооснователем в чате",
        ],
        &[
            "Освоение Flink на воркшопе по стримингу",
            "Внедрение dbt на работе после доклада",
            "Запуск контрактов данных в команде после митапа",
        ],
    ],
};

/// Months of history before today's point of each monthly series: with today's, a point in
/// each of the twelve months the dashboard shows first.
const MONTHS: u32 = 11;
/// The people hired through the community, counted every second month (the latest last).
const HIRED: [u32; 6] = [3, 5, 6, 9, 11, 14];
/// The contributors to the joint projects, month by month (the latest, today's, last).
const CONTRIBUTORS: [u32; 12] = [5, 6, 8, 9, 10, 12, 13, 15, 16, 17, 20, 23];
/// The contributors the goal on them asks for.
const CONTRIBUTORS_TARGET: u32 = 30;
/// How many records the impact log has, and the members they are spread over.
const IMPACTS: u64 = 18;
const IMPACTED: usize = 14;
/// The goals were set this many days ago, and are due this many days from today.
const GOALS_SET: u64 = 60;
const GOALS_DUE: u64 = 90;

/// Adds the sample's recorded series, impact log and goals to community `community_id`,
/// whose platforms, members and events are in place; `meetups` are the past monthly
/// meetups, and the goals are tied to the lines of `expected_results`.
pub(super) fn add(
    db: &mut Db,
    community_id: i64,
    locale: Locale,
    expected_results: &str,
    meetups: &[NaiveDate],
) -> Result<()> {
    let t = match locale {
        Locale::En => &EN,
        Locale::Ru => &RU,
    };
    let today = db.read(|r| locale_and_today(r, community_id))?.1;
    let mut dice = Dice(0x4d45_5452_4943);
    platform_history(db, community_id, &mut dice)?;
    let year_ago = today - Days::new(330);

    // After each meetup of the year, its survey: how useful it was, out of ten.
    let survey = new_series(db, community_id, t.survey, "qualitative")?;
    let surveyed: Vec<NaiveDate> = meetups
        .iter()
        .map(|&meetup| meetup + Days::new(1))
        .filter(|&day| day >= year_ago && day <= today)
        .collect();
    // About two in three of those who came answer it.
    let came: HashMap<NaiveDate, i64> = db
        .read(|r| {
            r.query_all(
                "SELECT occurred_on, count(*) FROM activities
                 WHERE community_id = ?1 AND kind = 'event_attended' GROUP BY occurred_on",
                [community_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })?
        .into_iter()
        .collect();
    let last = surveyed.len().saturating_sub(1).max(1) as f64;
    for (k, &day) in surveyed.iter().enumerate() {
        // From about 7.2 to 8.2 over the year, give or take a little.
        let value = 7.2 + k as f64 / last + 0.1 * dice.days(-2, 2) as f64;
        let answers = match came.get(&(day - Days::new(1))) {
            Some(&n) if n >= 3 => t.answers.replace("{n}", &(n * 2 / 3).to_string()),
            _ => String::new(),
        };
        record(
            db,
            survey,
            day,
            &format!("{:.1}", value.clamp(0.0, 10.0)),
            &answers,
        )?;
    }

    // People hired through the community since it began, counted every second month.
    let hired = new_series(db, community_id, t.hired, "impact")?;
    for (k, value) in HIRED.iter().enumerate() {
        let months_ago = 2 * (HIRED.len() - 1 - k) as u32 + 1;
        if let Some(day) = today.checked_sub_months(Months::new(months_ago)) {
            record(db, hired, day, &value.to_string(), "")?;
        }
    }

    // Contributors to the joint open-source projects, month by month up to today.
    let contributors = new_series(db, community_id, t.contributors, "quantitative")?;
    for (k, value) in CONTRIBUTORS.iter().enumerate() {
        let months_ago = (CONTRIBUTORS.len() - 1 - k) as u32;
        if let Some(day) = today.checked_sub_months(Months::new(months_ago)) {
            record(db, contributors, day, &value.to_string(), "")?;
        }
    }

    impact_log(db, community_id, t, today, &mut dice)?;
    set_goals(db, community_id, expected_results, today, contributors)
}

/// A year of each platform's member count, growing to the count in the charter (today's
/// point, which saving the platform recorded).
fn platform_history(db: &mut Db, community_id: i64, dice: &mut Dice) -> Result<()> {
    let latest: Vec<(i64, NaiveDate, f64)> = series::list(db, community_id)?
        .into_iter()
        .filter(|s| s.platform_id.is_some())
        .filter_map(|s| s.points.last().map(|p| (s.id, p.on_day, p.value)))
        .collect();
    for (series_id, on, count) in latest {
        let mut newer = count;
        for months_ago in 1..=MONTHS {
            let Some(day) = on.checked_sub_months(Months::new(months_ago)) else {
                continue;
            };
            // From about 60 % of today's count a year ago, faster lately, never falling.
            let back = f64::from(months_ago) / f64::from(MONTHS);
            let share = 0.6 + 0.4 * (1.0 - back).powf(1.3);
            let wobble = 1.0 + 0.01 * dice.days(-2, 2) as f64;
            let value = (count * share * wobble).round().min(newer - 1.0).max(0.0);
            record(db, series_id, day, &value.to_string(), "")?;
            newer = value;
        }
    }
    Ok(())
}

fn new_series(
    db: &mut Db,
    community_id: i64,
    (name, unit): (&str, &str),
    category: &str,
) -> Result<i64> {
    let input = SeriesInput {
        name: name.into(),
        category: category.into(),
        unit: unit.into(),
    };
    Ok(series::create(db, community_id, &input)?.id)
}

fn record(db: &mut Db, series_id: i64, day: NaiveDate, value: &str, note: &str) -> Result<()> {
    let point = PointInput {
        on_day: day.to_string(),
        value: value.into(),
        note: note.into(),
    };
    series::record(db, series_id, &point).map(drop)
}

/// What the community did for some of its most engaged members who agreed to an impact
/// log: every kind, spread over the year, each on a day the member had already joined.
fn impact_log(
    db: &mut Db,
    community_id: i64,
    t: &Texts,
    today: NaiveDate,
    dice: &mut Dice,
) -> Result<()> {
    // Those who were there the whole year first, the most engaged of them first.
    let year_ago = today - Days::new(4 + 19 * IMPACTS + 7);
    let consenting: Vec<(i64, NaiveDate)> = db.read(|r| {
        r.query_all(
            "SELECT id, coalesce(joined_on, substr(created_at, 1, 10)) AS joined FROM members
             WHERE community_id = ?1 AND consent = 1 AND left_on IS NULL
             ORDER BY joined <= ?2 DESC, engagement_score DESC, id",
            rusqlite::params![community_id, year_ago],
            |row| Ok((row.get("id")?, row.get("joined")?)),
        )
    })?;
    // Every second of them: not only the organizers and the core.
    let chosen: Vec<(i64, NaiveDate)> = consenting.into_iter().step_by(2).take(IMPACTED).collect();
    for k in 0..IMPACTS {
        // From a few days ago back to about eleven months, inside the twelve the dashboard shows.
        let day = today - Days::new(4 + 19 * k + dice.below(7) as u64);
        let kind = ImpactKind::ALL[k as usize % ImpactKind::ALL.len()];
        let notes = t.impact[k as usize % t.impact.len()];
        let Some(&(member, _)) = (0..chosen.len())
            .map(|i| &chosen[(k as usize + i) % chosen.len()])
            .find(|(_, joined)| *joined <= day)
        else {
            continue;
        };
        let input = ImpactInput {
            kind: kind.as_str().into(),
            occurred_on: day.to_string(),
            note: dice.pick(notes).into(),
        };
        impact::record(db, member, &input)?;
    }
    Ok(())
}

/// Goals set two months ago and due in three: one for each line of the charter's expected
/// results. The active members' target is what the pace since then keeps up with when
/// their number grew (on track), and beyond it when it did not (behind).
fn set_goals(
    db: &mut Db,
    community_id: i64,
    expected_results: &str,
    today: NaiveDate,
    contributors: i64,
) -> Result<()> {
    let lines: Vec<&str> = expected_results
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = |i: usize| lines.get(i).or(lines.last()).copied().unwrap_or("");
    let set_on = today - Days::new(GOALS_SET);
    let due = today + Days::new(GOALS_DUE);
    let active = |db: &Db, day: NaiveDate| -> Result<u64> {
        let board = dashboard(db, community_id, Range::new(day, day)?)?;
        Ok(board
            .metrics
            .iter()
            .find(|m| m.key == Key::ActiveMembers)
            .and_then(|m| m.current.value)
            .unwrap_or(0.0) as u64)
    };
    let (start, now) = (active(db, set_on)?, active(db, today)?);
    // At the pace from `start` on the set day to the target on the due day, today's
    // expected value is start + (target − start) × set / (set + due).
    let active_target = if now > start {
        // Just short of the most the pace allows, so that it is kept with room to spare.
        let keeps_pace = start + (now - start) * (GOALS_SET + GOALS_DUE) / GOALS_SET;
        ((keeps_pace - 1) / 5 * 5).max(now + 1)
    } else {
        (start.max(now) / 10 + 2) * 10
    };
    let goal = |metric: &str, series_id: Option<i64>, target: String, line: &str| GoalInput {
        metric: metric.into(),
        series_id,
        target,
        due_on: due.to_string(),
        expected_result: line.into(),
        ..GoalInput::default()
    };
    let on = |key: Key, target: &str, line: &str| goal(key.as_str(), None, target.into(), line);
    let inputs = [
        on(Key::EventsPerMonth, "2", line(0)),
        on(Key::Satisfaction, "4.5", line(0)),
        // A share is typed in percent.
        on(Key::NoShowRate, "15", line(0)),
        on(Key::ActiveMembers, &active_target.to_string(), line(1)),
        goal(
            "",
            Some(contributors),
            CONTRIBUTORS_TARGET.to_string(),
            line(2),
        ),
    ];
    db.write(|w| {
        for input in &inputs {
            goals::insert(w, community_id, input, set_on)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::platforms;
    use crate::db::testing::temp_db;
    use crate::metrics::goals::GoalStatus;

    fn in_cyrillic(text: &str) -> bool {
        text.chars()
            .any(|ch| ('а'..='я').contains(&ch.to_lowercase().next().unwrap_or(ch)))
    }

    /// Every chart of Metrics has something to show: a year of each recorded series, an
    /// impact log of members who agreed to one, and goals on the charter's expected results
    /// with two months of progress to read.
    #[test]
    fn the_sample_has_a_year_of_series_an_impact_log_and_goals_under_way() {
        for (locale, cyrillic) in [(Locale::En, false), (Locale::Ru, true)] {
            let mut t = temp_db();
            let c = super::super::create(&mut t.db, locale).unwrap();
            let today = t.db.read(|r| locale_and_today(r, c.id)).unwrap().1;
            let year = Range::last_twelve_months(today);

            // ---- Recorded series: the platforms' counts and three more, a year of each ----
            let all = series::list(&t.db, c.id).unwrap();
            assert_eq!(all.len(), 5, "{locale:?}");
            for s in &all {
                assert!(
                    s.points.len() >= 6,
                    "{locale:?}: {}: {:?}",
                    s.name,
                    s.points
                );
                assert!(
                    s.points.iter().all(|p| year.contains(p.on_day)),
                    "{}",
                    s.name
                );
                if s.platform_id.is_none() {
                    assert_eq!(in_cyrillic(&s.name), cyrillic, "{}", s.name);
                    assert_eq!(in_cyrillic(&s.unit), cyrillic, "{}", s.unit);
                }
            }
            for platform in platforms::list(&t.db, c.id).unwrap() {
                let Some(count) = platform.member_count else {
                    assert!(all.iter().all(|s| s.platform_id != Some(platform.id)));
                    continue;
                };
                let s = all
                    .iter()
                    .find(|s| s.platform_id == Some(platform.id))
                    .unwrap();
                let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
                assert_eq!(values.len(), 12, "{}", s.name);
                assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:?}");
                assert_eq!(
                    values.last(),
                    Some(&f64::from(count)),
                    "the charter's count"
                );
                assert!(values[0] < 0.7 * f64::from(count), "{values:?}");
            }

            // ---- The impact log: members who agreed to one, every kind, over the year -----
            let records: Vec<(i64, bool, ImpactKind, NaiveDate, String)> =
                t.db.read(|r| {
                    r.query_all(
                        "SELECT i.member_id, m.consent, i.kind, i.occurred_on, i.note
                         FROM impact_records i JOIN members m ON m.id = i.member_id
                         WHERE i.community_id = ?1",
                        [c.id],
                        |row| {
                            Ok((
                                row.get(0)?,
                                row.get(1)?,
                                row.get(2)?,
                                row.get(3)?,
                                row.get(4)?,
                            ))
                        },
                    )
                })
                .unwrap();
            assert!(records.len() >= 10, "{}", records.len());
            assert!(records.iter().all(|r| r.1), "only with consent");
            let members: std::collections::HashSet<i64> = records.iter().map(|r| r.0).collect();
            assert!((10..=20).contains(&members.len()), "{}", members.len());
            assert!(records.iter().all(|r| year.contains(r.3)));
            assert!(records.iter().all(|r| in_cyrillic(&r.4) == cyrillic));
            let board = dashboard(&t.db, c.id, year).unwrap();
            for kind in ImpactKind::ALL {
                let counted = board.metrics.iter().find(|m| m.key == kind.key()).unwrap();
                assert!(
                    counted.current.value.unwrap_or(0.0) > 0.0,
                    "{locale:?}: {kind:?}"
                );
            }
            let months_with_impact = board
                .months
                .iter()
                .filter(|m| {
                    m.values.iter().any(|v| {
                        v.key.category() == crate::metrics::Category::Impact
                            && v.measure.value.unwrap_or(0.0) > 0.0
                    })
                })
                .count();
            assert!(months_with_impact >= 9, "{months_with_impact} of 12 months");

            // ---- Goals: set two months ago, each on a line of the expected results -------
            let lines: Vec<&str> = c.charter.expected_results.lines().collect();
            assert_eq!(lines.len(), 3);
            // As the goal form offers them: a leading number would be read as numbering.
            assert!(lines
                .iter()
                .all(|l| !l.starts_with(|ch: char| ch.is_ascii_digit()
                    || "-•*.)".contains(ch)
                    || ch.is_whitespace())));
            let set = goals::list(&t.db, c.id).unwrap();
            assert_eq!(set.len(), 5);
            for g in &set {
                assert_ne!(g.progress.status, GoalStatus::NoData, "{g:?}");
                assert!(g.progress.start.is_some() && g.progress.current.is_some());
                assert_eq!(g.set_on, today - Days::new(GOALS_SET));
                assert!(g.due_on > today);
                assert!(lines.contains(&g.expected_result.as_str()), "{g:?}");
            }
            assert!(
                lines
                    .iter()
                    .all(|l| set.iter().any(|g| g.expected_result == *l)),
                "every line has a goal"
            );
            let status = |wanted: &dyn Fn(&goals::Goal) -> bool| {
                set.iter().find(|g| wanted(g)).unwrap().progress.status
            };
            let active = status(&|g| g.metric == Some(Key::ActiveMembers));
            assert!(
                matches!(active, GoalStatus::OnTrack | GoalStatus::Behind),
                "{active:?}"
            );
            assert_eq!(status(&|g| g.series_id.is_some()), GoalStatus::OnTrack);
            let no_shows = set
                .iter()
                .find(|g| g.metric == Some(Key::NoShowRate))
                .unwrap();
            assert_eq!(no_shows.target, 0.15, "typed in percent");
            assert!(t.db.check().unwrap().ok);
        }
    }
}
