//! The Metrics section on the demo community, in English and in Russian: every card shows
//! the value `hearth report metrics` computes for the same range; a preset changes the range
//! and the cards follow; a reversed range is refused with a message and the figures stay;
//! Export CSV writes, through the system's save dialog, the very file the command line
//! writes; Print report opens the report of the range in the preview.

use hearth_e2e::{json, App, Harness, Value};

const KEYS: [&str; 18] = [
    "members_total",
    "new_members",
    "growth_rate",
    "active_members",
    "engagement_rate",
    "interactions_per_member_per_month",
    "events_per_month",
    "average_attendance",
    "no_show_rate",
    "new_attendees",
    "returning_attendees",
    "satisfaction",
    "nps",
    "positive_reviews",
    "impact_career_growth",
    "impact_joint_projects",
    "impact_recommendations",
    "impact_new_skills",
];

/// Each card's value (as the page holds it, unformatted; null for "—").
async fn cards(app: &App) -> Value {
    app.exec(
        "return Object.fromEntries(arguments[0].map((key) => {
           const card = document.querySelector(`[data-testid=\"metric-${key}\"]`);
           const value = card ? card.dataset.value : undefined;
           return [key, value === undefined ? 'missing' : value === '' ? null : Number(value)];
         }));",
        vec![json!(KEYS)],
    )
    .await
}

/// What the command line computes for the range, by the same keys.
fn reported(harness: &Harness, from: &str, to: &str) -> Value {
    let out = harness
        .cli(&[
            "report", "metrics", "--from", from, "--to", to, "--format", "json",
        ])
        .json();
    let metrics = &out["metrics"];
    Value::Object(
        KEYS.iter()
            .map(|key| (key.to_string(), metrics[key]["current"]["value"].clone()))
            .collect(),
    )
}

/// The cards match the command line's figures for the range the inputs show.
async fn assert_cards_match(app: &App) -> (String, String) {
    let from = app.value("metrics-from").await;
    let to = app.value("metrics-to").await;
    let expected = reported(app, &from, &to);
    let shown = app
        .eventually("the cards to show the range's figures", || async {
            let shown = cards(app).await;
            close_enough(&shown, &expected).then_some(shown)
        })
        .await;
    assert!(close_enough(&shown, &expected), "{shown} vs {expected}");
    (from, to)
}

fn close_enough(shown: &Value, expected: &Value) -> bool {
    KEYS.iter().all(|key| match (&shown[key], &expected[key]) {
        (Value::Null, Value::Null) => true,
        (a, b) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => false,
        },
    })
}

async fn metrics_of_the_demo(name: &str, locale: &str, language: &str) {
    let harness = Harness::builder(name).locale(locale).build();
    harness
        .cli(&["demo", "--locale", language])
        .assert_success();
    let app = harness.launch().await;
    let harness: &Harness = &app;
    app.wait("app-shell").await;
    app.click("nav-metrics").await;
    app.wait("metric-members_total-value").await;

    // ---- The default range: twelve months to today, every card as core computes it --------
    let (from, to) = assert_cards_match(&app).await;
    let members = app.text("metric-members_total-value").await;
    assert!(
        members.chars().any(|c| c.is_ascii_digit()),
        "members are counted: {members:?}"
    );
    let label = app
        .exec(
            "return document.querySelector('[data-testid=\"metric-members_total\"] .metrics-card-name').textContent;",
            vec![],
        )
        .await;
    assert_eq!(
        label,
        json!(if language == "ru" {
            "Участники"
        } else {
            "Members"
        })
    );
    let attendance = app.text("metric-average_attendance-value").await;
    assert_ne!(attendance, "—", "the demo's events have check-ins");
    assert!(
        app.exec(
            "return document.querySelectorAll('[data-testid=\"metrics-events\"] tbody tr').length;",
            vec![]
        )
        .await
        .as_u64()
        .unwrap()
            > 0,
        "each event with check-ins has its row"
    );
    app.screenshot(&format!("metrics-{language}-dashboard"))
        .await;

    // ---- Each event with check-ins: the newest twelve, then all of them on request --------
    let events = app
        .cli(&[
            "report", "metrics", "--from", &from, "--to", &to, "--format", "json",
        ])
        .json()["events"]
        .as_array()
        .unwrap()
        .len();
    let rows =
        "return document.querySelectorAll('[data-testid=\"metrics-events\"] tbody tr').length;";
    assert_eq!(
        app.exec(rows, vec![]).await,
        json!(events.min(12)),
        "the newest twelve first"
    );
    if events > 12 {
        app.click("metrics-events-all").await;
        assert_eq!(
            app.exec(rows, vec![]).await,
            json!(events),
            "then every one"
        );
    }

    // ---- Month by month: the chart drawn, and its table holding core's months -------------
    let months = harness
        .cli(&[
            "report", "metrics", "--from", &from, "--to", &to, "--format", "json",
        ])
        .json()["months"]
        .as_array()
        .unwrap()
        .clone();
    let chart = app
        .exec(
            "const canvas = document.querySelector('[data-testid=\"metrics-chart\"] canvas');
             const cells = [...document.querySelectorAll('[data-testid=\"metrics-chart-table\"] td')];
             return { width: canvas ? canvas.width : 0, months: cells.map((c) => c.dataset.month),
                      texts: cells.map((c) => c.textContent) };",
            vec![],
        )
        .await;
    assert!(
        chart["width"].as_u64().unwrap() > 100,
        "the chart is drawn: {chart}"
    );
    let month_keys: Vec<Value> = months.iter().map(|m| m["month"].clone()).collect();
    assert_eq!(
        chart["months"],
        json!(month_keys),
        "a row a month of the range"
    );
    let members_texts: Vec<Value> = months
        .iter()
        .map(|m| m["metrics"]["members_total"]["text"].clone())
        .collect();
    assert_eq!(
        chart["texts"].as_array().unwrap().len(),
        members_texts.len()
    );
    // Another metric: the table follows, with a dash where core has no value.
    app.select("metrics-chart-metric", "satisfaction").await;
    let caption = app
        .exec(
            "return document.querySelector('[data-testid=\"metrics-chart-table\"] caption').textContent;",
            vec![],
        )
        .await;
    assert_eq!(
        caption,
        json!(if language == "ru" {
            "Удовлетворённость"
        } else {
            "Satisfaction"
        })
    );
    let dashes = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=\"metrics-chart-table\"] td')].map((c) => c.textContent === '—');",
            vec![],
        )
        .await;
    let expected_dashes: Vec<bool> = months
        .iter()
        .map(|m| m["metrics"]["satisfaction"]["value"].is_null())
        .collect();
    assert_eq!(dashes, json!(expected_dashes));
    app.exec(
        "document.querySelector('[data-testid=\"metrics-chart-metric\"]').scrollIntoView({ block: 'start' });",
        vec![],
    )
    .await;
    app.screenshot(&format!("metrics-{language}-chart")).await;

    // ---- Engagement levels over time: this month's are the roster's levels today ----------
    let roster = harness.cli(&["member", "list", "--json"]).json();
    let today = hearth_e2e::calendar::today();
    let mut expected_levels = [0u64; 4];
    for member in roster.as_array().unwrap() {
        let gone = member["leftOn"]
            .as_str()
            .is_some_and(|left| left <= today.as_str());
        let joined = member["joinedOn"]
            .as_str()
            .is_none_or(|on| on <= today.as_str());
        if gone || !joined {
            continue;
        }
        let slot = ["advocate", "contributor", "participant", "observer"]
            .iter()
            .position(|level| member["engagementLevel"] == *level)
            .unwrap();
        expected_levels[slot] += 1;
    }
    let last_row = app
        .eventually("the levels to be drawn", || async {
            let row = app
                .exec(
                    "const rows = document.querySelectorAll('[data-testid=\"metrics-levels-chart-table\"] tbody tr');
                     const canvas = document.querySelector('[data-testid=\"metrics-levels-chart\"] canvas');
                     if (!rows.length || !canvas) return null;
                     return [...rows[rows.length - 1].querySelectorAll('td')].map((c) => Number(c.textContent.replace(/\\D/g, '')));",
                    vec![],
                )
                .await;
            row.as_array().map(|cells| cells.iter().map(|c| c.as_u64().unwrap()).collect::<Vec<_>>())
        })
        .await;
    assert_eq!(
        last_row,
        expected_levels.to_vec(),
        "advocates, contributors, participants and observers today, as the roster has them"
    );
    assert!(
        expected_levels[..3].iter().sum::<u64>() > 0,
        "the demo has engaged members"
    );
    app.exec(
        "document.querySelector('[data-testid=\"metrics-levels-chart\"]').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await;
    app.screenshot(&format!("metrics-{language}-levels")).await;

    // ---- A preset: the last 90 days, and the cards follow -----------------------------------
    app.click("metrics-preset-ninetyDays").await;
    app.eventually("the range to change", || async {
        (app.value("metrics-from").await != from).then_some(())
    })
    .await;
    let (from90, to90) = assert_cards_match(&app).await;
    assert_eq!(to90, to, "a preset ends today");
    let days = app
        .exec(
            "return (Date.parse(arguments[1]) - Date.parse(arguments[0])) / 86400000;",
            vec![json!(from90), json!(to90)],
        )
        .await;
    assert_eq!(days, json!(89), "90 days, both ends included");

    // ---- A reversed range: said, and the figures stay ---------------------------------------
    // Set as a person's date picker sets it (WebKitGTK takes no typed digits in a date field).
    let before = cards(&app).await;
    app.exec(
        "const input = document.querySelector('[data-testid=\"metrics-from\"]');
         input.value = '2030-01-01';
         input.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    let problem = app
        .wait_text("metrics-problem", "the reversed range to be refused", |t| {
            !t.is_empty()
        })
        .await;
    assert!(
        problem.contains(if language == "ru" {
            "раньше"
        } else {
            "before"
        }),
        "the message says what is wrong: {problem:?}"
    );
    assert_eq!(cards(&app).await, before, "the figures shown stay");
    app.screenshot(&format!("metrics-{language}-reversed"))
        .await;
    app.click("metrics-preset-ninetyDays").await;
    app.eventually("the message to go", || async {
        let hidden = app
            .exec(
                "return document.querySelector('[data-testid=\"metrics-problem\"]').hidden;",
                vec![],
            )
            .await;
        (hidden == json!(true)).then_some(())
    })
    .await;

    // ---- Export CSV: the file the command line writes ----------------------------------------
    let saved = harness.root().join(format!("metrics-{language}.csv"));
    app.export_metrics_csv(&saved, &from90, &to90).await;
    app.wait_text("toast", "the export to be reported", |t| {
        t.contains(&format!("metrics-{language}.csv"))
    })
    .await;

    // ---- Print report: the range's report in the preview ------------------------------------
    let heading = app.open_print_preview("metrics-print").await;
    assert!(!heading.is_empty());
    let report = app
        .exec("return document.body.innerText;", vec![])
        .await
        .as_str()
        .unwrap()
        .to_string();
    let title = if language == "ru" {
        "Отчёт по метрикам"
    } else {
        "Metrics report"
    };
    assert!(report.contains(title), "the report's title: {report:.300}");
    app.screenshot(&format!("metrics-{language}-report")).await;
}

#[tokio::test]
async fn metrics_in_english() {
    metrics_of_the_demo("metrics-en", "C.UTF-8", "en").await;
}

#[tokio::test]
async fn metrics_in_russian() {
    metrics_of_the_demo("metrics-ru", "ru_RU.UTF-8", "ru").await;
}
