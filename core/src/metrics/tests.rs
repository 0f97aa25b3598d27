//! The metrics on small, hand-counted communities: each expected figure is worked out in
//! the comment beside it from the formulas in `docs/metrics.md`.

use super::*;
use crate::db::testing::{community, temp_db};
use crate::events::attendance::{self, FeedbackInput};
use crate::events::{self, testing::meetup};
use crate::members::{self, activities, MemberInput};

fn range(from: &str, to: &str) -> Range {
    Range::parse(from, to).unwrap()
}

fn value(board: &Dashboard, key: Key) -> Option<f64> {
    board
        .metrics
        .iter()
        .find(|m| m.key == key)
        .unwrap()
        .current
        .value
}

fn measure(board: &Dashboard, key: Key) -> Measure {
    board.metrics.iter().find(|m| m.key == key).unwrap().current
}

fn joined(db: &mut Db, c: i64, name: &str, on: &str, left: Option<&str>) -> i64 {
    let input = MemberInput {
        name: Some(name.into()),
        joined_on: Some(on.into()),
        left_on: left.map(Into::into),
        ..MemberInput::default()
    };
    members::create(db, c, &input).unwrap().id
}

fn did(db: &mut Db, member: i64, on: &str) {
    let input = activities::ActivityInput {
        kind: "help".into(),
        occurred_on: on.into(),
        ..activities::ActivityInput::default()
    };
    activities::add(db, member, &input).unwrap();
}

#[test]
fn the_roster_counts_members_growth_and_who_is_active() {
    let mut t = temp_db();
    let c = community(&mut t.db, "Guild", "en").id;
    let ana = joined(&mut t.db, c, "Ana", "2026-01-05", None);
    let bruno = joined(&mut t.db, c, "Bruno", "2026-02-10", None);
    joined(&mut t.db, c, "Carla", "2026-02-20", Some("2026-03-15"));
    let dora = joined(&mut t.db, c, "Dora", "2026-03-01", None);
    did(&mut t.db, ana, "2026-01-10"); // within the 90 days up to 31 March
    did(&mut t.db, bruno, "2025-12-01"); // before them
    did(&mut t.db, dora, "2026-03-05");
    did(&mut t.db, dora, "2026-03-20");

    let march = dashboard(&t.db, c, range("2026-03-01", "2026-03-31")).unwrap();
    // Ana, Bruno and Dora; Carla left in March.
    assert_eq!(value(&march, Key::MembersTotal), Some(3.0));
    assert_eq!(value(&march, Key::NewMembers), Some(1.0));
    // Three at the end of February (Ana, Bruno, Carla), three at the end of March.
    assert_eq!(value(&march, Key::GrowthRate), Some(0.0));
    // Ana (10 January) and Dora; Bruno's December is more than 90 days back.
    assert_eq!(value(&march, Key::ActiveMembers), Some(2.0));
    assert_eq!(value(&march, Key::EngagementRate), Some(2.0 / 3.0));
    // Two activities in March, by three members, over 31 days (1.02 months).
    let per_member = value(&march, Key::InteractionsPerMember).unwrap();
    assert!((per_member - 2.0 / 3.0 / (31.0 / 30.436_875)).abs() < 1e-9);
    // Three members are a small sample for a share.
    assert!(measure(&march, Key::EngagementRate).small);
    assert!(!measure(&march, Key::MembersTotal).small);

    // The range before March is as long and ends on 28 February.
    assert_eq!(march.previous_range, range("2026-01-29", "2026-02-28"));
    let before = march
        .metrics
        .iter()
        .find(|m| m.key == Key::MembersTotal)
        .unwrap()
        .previous;
    assert_eq!(before.value, Some(3.0));

    // Month by month over the first quarter.
    let quarter = dashboard(&t.db, c, range("2026-01-01", "2026-03-31")).unwrap();
    let totals: Vec<(String, Option<f64>)> = quarter
        .months
        .iter()
        .map(|m| {
            let total = m
                .values
                .iter()
                .find(|v| v.key == Key::MembersTotal)
                .unwrap();
            (m.month.clone(), total.measure.value)
        })
        .collect();
    assert_eq!(
        totals,
        [
            ("2026-01".to_string(), Some(1.0)),
            ("2026-02".to_string(), Some(3.0)),
            ("2026-03".to_string(), Some(3.0)),
        ]
    );
    // In January there was nobody at its start: growth from nothing is not a number.
    let january = &quarter.months[0];
    let growth = january
        .values
        .iter()
        .find(|v| v.key == Key::GrowthRate)
        .unwrap();
    assert_eq!(growth.measure.value, None);
}

#[test]
fn an_empty_community_has_no_shares_and_no_infinities() {
    let mut t = temp_db();
    let c = community(&mut t.db, "Guild", "en").id;
    let board = dashboard(&t.db, c, range("2026-03-01", "2026-03-31")).unwrap();
    for metric in &board.metrics {
        let ok = match metric.current.value {
            None => true,
            Some(v) => v.is_finite() && v == 0.0,
        };
        assert!(ok, "{:?}: {:?}", metric.key, metric.current);
    }
    assert_eq!(value(&board, Key::EngagementRate), None);
    assert_eq!(value(&board, Key::Satisfaction), None);
    assert_eq!(value(&board, Key::Nps), None);
    let json = serde_json::to_string(&board).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}

/// A past meetup on `day` (UTC), where `going` said they would come and `came` checked in.
fn meetup_on(db: &mut Db, c: i64, day: &str, going: &[i64], came: &[i64]) -> i64 {
    let e = events::create(
        db,
        c,
        &meetup(&format!("{day}T18:00"), &format!("{day}T20:00")),
    )
    .unwrap()
    .id;
    for &m in going {
        attendance::respond(db, e, m, "going").unwrap();
    }
    for &m in came {
        attendance::check_in(db, e, m).unwrap();
    }
    e
}

fn feedback(db: &mut Db, event: i64, member: i64, score: u8, nps: u8) {
    let input = FeedbackInput {
        score: Some(score),
        nps: Some(nps),
        comment: String::new(),
    };
    attendance::feedback(db, event, member, &input).unwrap();
}

#[test]
fn events_count_who_came_who_did_not_and_who_came_back() {
    let mut t = temp_db();
    let c = community(&mut t.db, "Guild", "en").id;
    let people: Vec<i64> = ["Ana", "Bruno", "Carla", "Dora", "Emil"]
        .iter()
        .map(|name| joined(&mut t.db, c, name, "2025-06-01", None))
        .collect();
    let [ana, bruno, carla, dora, emil] = people[..] else {
        unreachable!()
    };
    // December: Ana came (before the range).
    meetup_on(&mut t.db, c, "2025-12-10", &[ana], &[ana]);
    // January: four said going, three came (Ana back, Bruno and Carla new); Dora did not.
    let january = meetup_on(
        &mut t.db,
        c,
        "2026-01-14",
        &[ana, bruno, carla, dora],
        &[ana, bruno, carla],
    );
    // February: Bruno came back within 30 days; Emil walked in (new).
    let february = meetup_on(&mut t.db, c, "2026-02-11", &[bruno], &[bruno]);
    attendance::walk_in(&mut t.db, february, "Fay", "").unwrap();
    attendance::check_in(&mut t.db, february, emil).unwrap();
    // A cancelled one counts for nothing.
    let cancelled = meetup_on(&mut t.db, c, "2026-02-25", &[carla], &[]);
    t.db.write(|w| {
        w.execute(
            "UPDATE events SET status = 'cancelled' WHERE id = ?1",
            [cancelled],
        )
    })
    .unwrap();
    feedback(&mut t.db, january, ana, 5, 10);
    feedback(&mut t.db, january, bruno, 4, 9);
    feedback(&mut t.db, january, carla, 2, 5);
    feedback(&mut t.db, february, bruno, 5, 7);

    let board = dashboard(&t.db, c, range("2026-01-01", "2026-02-28")).unwrap();
    // Two events in 59 days (1.94 months).
    let per_month = value(&board, Key::EventsPerMonth).unwrap();
    assert!((per_month - 2.0 / (59.0 / 30.436_875)).abs() < 1e-9);
    // Three came in January, three in February (Bruno, Fay, Emil).
    assert_eq!(value(&board, Key::AverageAttendance), Some(3.0));
    // Going: Ana, Bruno, Carla, Dora in January and Bruno in February; Dora stayed away.
    assert_eq!(value(&board, Key::NoShowRate), Some(1.0 / 5.0));
    let turnouts: Vec<(u32, u32, u32)> = board
        .events
        .iter()
        .map(|e| (e.came, e.new, e.returning))
        .collect();
    // January: Ana returning, Bruno and Carla new. February: Bruno returning, Emil new,
    // Fay (a walk-in, a new member) new.
    assert_eq!(turnouts, [(3, 2, 1), (3, 2, 1)]);
    assert_eq!(value(&board, Key::NewAttendees), Some(4.0));
    assert_eq!(value(&board, Key::ReturningAttendees), Some(2.0));
    // Scores 5, 4, 2, 5: a mean of 4; three of them 4 or more.
    assert_eq!(value(&board, Key::Satisfaction), Some(4.0));
    assert_eq!(value(&board, Key::PositiveReviews), Some(3.0));
    // Recommendation 10, 9, 5, 7: two promoters, one detractor of four: +25.
    assert_eq!(value(&board, Key::Nps), Some(25.0));
    assert!(measure(&board, Key::Nps).small);

    // January's first-timers were Bruno and Carla; Bruno came back within 30 days.
    let january_cohort = &board.cohorts[0];
    assert_eq!(january_cohort.month, "2026-01");
    assert_eq!(january_cohort.size, 2);
    assert_eq!(january_cohort.within_30, Some(0.5));
    assert_eq!(january_cohort.within_90, Some(0.5));
    assert!(january_cohort.small);
}

#[test]
fn json_and_csv_name_each_metric_and_write_a_dash_for_no_value() {
    let mut t = temp_db();
    let c = community(&mut t.db, "Guild", "en").id;
    joined(&mut t.db, c, "Ana", "2026-01-05", None);
    let board = dashboard(&t.db, c, range("2026-03-01", "2026-03-31")).unwrap();

    let json = export::to_json(&board);
    assert_eq!(json["metrics"]["members_total"]["current"]["value"], 1.0);
    assert_eq!(json["metrics"]["members_total"]["current"]["text"], "1");
    assert_eq!(
        json["metrics"]["engagement_rate"]["current"]["text"],
        "0.0%"
    );
    let nps = &json["metrics"]["nps"]["current"];
    assert!(nps["value"].is_null(), "{nps}");
    assert_eq!(nps["text"], "—");
    assert_eq!(json["months"][0]["month"], "2026-03");
    for key in Key::ALL {
        assert!(json["metrics"][key.as_str()].is_object(), "{key}");
    }

    let csv = export::to_csv(&board);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("period,key,category,unit,value,text,sample,small_sample")
    );
    assert!(
        csv.contains("current,members_total,quantitative,count,1,1,1,no"),
        "{csv}"
    );
    assert!(
        csv.contains("current,nps,qualitative,score,—,—,0,yes"),
        "{csv}"
    );
    assert!(csv.contains("2026-03,members_total,"), "{csv}");
    assert!(!csv.contains("NaN") && !csv.to_lowercase().contains("inf"));
}
