//! The metrics recorded by hand shared: series, their values, the impact log and goals
//! reach the other copy, one day keeps one value, and a removed series takes its values and
//! goals with it on both copies.

use super::{add_member, shared_pair, sync_pair, Copy};
use crate::metrics::{goals, impact, series};

/// What a person sees of the recorded metrics, by uid.
pub(super) fn recorded(copy: &Copy) -> Vec<String> {
    copy.t
        .db
        .read(|r| {
            r.query_all(
                "SELECT 'series ' || s.uid || ' ' || s.name || ' ' || s.unit || ' '
                        || ifnull(p.uid, '-') AS line
                 FROM metric_series s LEFT JOIN platforms p ON p.id = s.platform_id
                 WHERE s.community_id = ?1
                 UNION ALL
                 SELECT 'point ' || s.uid || ' ' || v.on_day || ' ' || v.value || ' ' || v.note
                 FROM metric_points v JOIN metric_series s ON s.id = v.series_id
                 WHERE s.community_id = ?1
                 UNION ALL
                 SELECT 'impact ' || i.uid || ' ' || i.kind || ' ' || ifnull(m.uid, '-')
                 FROM impact_records i LEFT JOIN members m ON m.id = i.member_id
                 WHERE i.community_id = ?1
                 UNION ALL
                 SELECT 'goal ' || g.uid || ' ' || ifnull(g.metric, '-') || ' '
                        || ifnull(s.uid, '-') || ' ' || g.target
                 FROM goals g LEFT JOIN metric_series s ON s.id = g.series_id
                 WHERE g.community_id = ?1
                 ORDER BY line",
                [copy.id],
                |row| row.get("line"),
            )
        })
        .unwrap()
}

fn series_id(copy: &Copy, uid: &str) -> i64 {
    copy.t
        .db
        .read(|r| {
            r.query_row(
                "SELECT id FROM metric_series WHERE uid = ?1",
                [uid],
                |row| row.get("id"),
            )
        })
        .unwrap()
}

/// A survey's series, recorded by hand, on `copy`.
fn survey(copy: &mut Copy) -> series::Series {
    let id = copy.id;
    let input = series::SeriesInput {
        name: "Survey".into(),
        category: "qualitative".into(),
        unit: String::new(),
    };
    series::create(copy.db(), id, &input).unwrap()
}

fn point(day: &str, value: &str) -> series::PointInput {
    series::PointInput {
        on_day: day.into(),
        value: value.into(),
        note: String::new(),
    }
}

#[test]
fn recorded_series_values_impact_and_goals_reach_the_other_copy() {
    let (mut a, mut b) = shared_pair();
    let anna = add_member(&mut a, "Anna", &[]);
    let id = a.id;
    let survey = series::create(
        a.db(),
        id,
        &series::SeriesInput {
            name: "Survey: usefulness".into(),
            category: "qualitative".into(),
            unit: "points".into(),
        },
    )
    .unwrap();
    series::record(a.db(), survey.id, &point("2026-11-02", "4.5")).unwrap();
    impact::record(
        a.db(),
        anna.id,
        &impact::ImpactInput {
            kind: "career_growth".into(),
            occurred_on: "2026-11-03".into(),
            note: "Became a team lead".into(),
        },
    )
    .unwrap();
    goals::create(
        a.db(),
        id,
        &goals::GoalInput {
            series_id: Some(survey.id),
            direction: "at_least".into(),
            target: "4.8".into(),
            due_on: "2030-06-30".into(),
            ..goals::GoalInput::default()
        },
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

    let seen = recorded(&a);
    // The platform's member count (shared_pair's 120) is a series of its own.
    assert!(
        seen.iter()
            .any(|l| l.starts_with("point ") && l.contains(" 120.0")),
        "{seen:#?}"
    );
    assert!(seen.iter().any(|l| l.contains(" 4.5")), "{seen:#?}");
    assert!(
        seen.iter()
            .any(|l| l.starts_with("impact ") && l.ends_with(&anna.uid)),
        "{seen:#?}"
    );
    assert!(
        seen.iter()
            .any(|l| l.starts_with("goal ") && l.contains(&survey.uid)),
        "{seen:#?}"
    );
    assert_eq!(recorded(&b), seen);
    // The other copy reads the values as numbers, not text.
    let on_b = series::get(&b.t.db, series_id(&b, &survey.uid)).unwrap();
    assert_eq!(on_b.points[0].value, 4.5);
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(b.doc.record_local(&mut b.t.db).unwrap(), 0);
}

#[test]
fn one_day_recorded_on_both_copies_apart_keeps_one_value_on_both() {
    let (mut a, mut b) = shared_pair();
    let survey = survey(&mut a);
    sync_pair(&mut a, &mut b);

    series::record(a.db(), survey.id, &point("2026-11-02", "4")).unwrap();
    let on_b = series_id(&b, &survey.uid);
    series::record(b.db(), on_b, &point("2026-11-02", "5")).unwrap();
    sync_pair(&mut a, &mut b);

    let days = |copy: &Copy| -> Vec<String> {
        recorded(copy)
            .into_iter()
            .filter(|l| l.starts_with(&format!("point {}", survey.uid)))
            .collect()
    };
    assert_eq!(days(&a).len(), 1, "{:#?}", days(&a));
    assert_eq!(days(&a), days(&b));
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(b.doc.record_local(&mut b.t.db).unwrap(), 0);

    // The value kept is removed on one copy, closed and opened again meanwhile: the other
    // copy's value for that day, kept in the document all along, is shown on both.
    let kept = days(&a)[0].clone();
    let point: i64 =
        a.t.db
            .read(|r| {
                r.query_row(
                    "SELECT p.id FROM metric_points p JOIN metric_series s ON s.id = p.series_id
                 WHERE s.uid = ?1",
                    [&survey.uid],
                    |row| row.get("id"),
                )
            })
            .unwrap();
    a.doc = super::SharedCommunity::open(&a.t.db, a.id)
        .unwrap()
        .unwrap();
    series::remove_point(a.db(), point).unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(days(&a).len(), 1, "{:#?}", days(&a));
    assert_ne!(days(&a)[0], kept, "the other value came back");
    assert_eq!(days(&a), days(&b));
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(b.doc.record_local(&mut b.t.db).unwrap(), 0);
}

#[test]
fn a_series_removed_on_one_copy_while_recorded_on_the_other_goes_with_its_values_and_goals() {
    let (mut a, mut b) = shared_pair();
    let survey = survey(&mut a);
    sync_pair(&mut a, &mut b);

    series::delete(a.db(), survey.id).unwrap();
    let on_b = series_id(&b, &survey.uid);
    series::record(b.db(), on_b, &point("2026-11-02", "4")).unwrap();
    let b_id = b.id;
    goals::create(
        b.db(),
        b_id,
        &goals::GoalInput {
            series_id: Some(on_b),
            direction: "at_least".into(),
            target: "4".into(),
            due_on: "2030-06-30".into(),
            ..goals::GoalInput::default()
        },
    )
    .unwrap();
    sync_pair(&mut a, &mut b);

    for copy in [&a, &b] {
        let seen = recorded(copy);
        assert!(!seen.iter().any(|l| l.contains(&survey.uid)), "{seen:#?}");
    }
    assert_eq!(recorded(&a), recorded(&b));
    assert_eq!(a.doc.record_local(&mut a.t.db).unwrap(), 0);
    assert_eq!(b.doc.record_local(&mut b.t.db).unwrap(), 0);
}
