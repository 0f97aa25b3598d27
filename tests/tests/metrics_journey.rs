//! The metrics journey of a small community, as an organizer makes it: attendance and
//! feedback recorded at an event move the dashboard's attendance, no-shows, satisfaction and
//! NPS to the values worked out by hand; a goal on satisfaction is refused while its target
//! or due date is wrong, then shows its progress; a recorded metric (the Telegram chat's
//! members) gets its values and its chart; the CSV export is the command line's; and the
//! report of the range prints.

use fantoccini::key::Key;
use hearth_e2e::calendar::{days_from_today, today};
use hearth_e2e::{json, App, Harness, Value};

/// The card's value as the page holds it (null for "—").
async fn card(app: &App, key: &str) -> Value {
    app.exec(
        "const card = document.querySelector(`[data-testid=\"metric-${arguments[0]}\"]`);
         return card && card.dataset.value !== '' ? Number(card.dataset.value) : null;",
        vec![json!(key)],
    )
    .await
}

async fn wait_card(app: &App, key: &str, expected: f64) {
    app.eventually(&format!("{key} to read {expected}"), || async {
        let shown = card(app, key).await.as_f64();
        shown.filter(|v| (v - expected).abs() < 1e-9).map(|_| ())
    })
    .await;
}

/// The first recorded series' values as core holds them: (day, value, id), oldest first.
async fn series_values(app: &App) -> Vec<(String, f64, i64)> {
    app.invoke("metric_series_list", json!({ "communityId": 1 }))
        .await
        .unwrap()[0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["onDay"].as_str().unwrap().to_string(),
                p["value"].as_f64().unwrap(),
                p["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn open_metrics(app: &App) {
    app.click("nav-metrics").await;
    app.wait("metric-members_total-value").await;
    app.wait("goal-add").await;
}

fn member_id(harness: &Harness, name: &str) -> i64 {
    harness
        .cli(&["member", "list", "--json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["id"].as_i64())
        .unwrap()
}

#[tokio::test]
async fn metrics_journey() {
    let harness = Harness::builder("metrics-journey")
        .locale("C.UTF-8")
        .build();
    harness
        .cli(&[
            "community",
            "create",
            "--name",
            "Guild",
            "--template",
            "en",
            "--time-zone",
            "UTC",
        ])
        .assert_success();
    harness.import_members_csv(
        "Name,Email\nAna Ribeiro,ana@example.org\nBruno Costa,bruno@example.org\nCarla Dias,carla@example.org\n",
    );
    // A meetup ten days ago, that the three said they would come to.
    let day = days_from_today(-10);
    let ics = harness.root().join("meetup.ics");
    std::fs::write(
        &ics,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Guild//EN\r\nBEGIN:VEVENT\r\n\
             UID:journey-meetup@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART:{d}T170000Z\r\nDTEND:{d}T190000Z\r\nSUMMARY:Autumn meetup\r\n\
             END:VEVENT\r\nEND:VCALENDAR\r\n",
            d = day.replace('-', "")
        ),
    )
    .unwrap();
    harness
        .cli(&["import", "events", ics.to_str().unwrap()])
        .assert_success();
    let event = harness.cli(&["event", "list", "--json"]).json()[0]["id"]
        .as_i64()
        .unwrap();
    let (ana, bruno, carla) = (
        member_id(&harness, "Ana Ribeiro"),
        member_id(&harness, "Bruno Costa"),
        member_id(&harness, "Carla Dias"),
    );

    let app = harness.launch().await;
    let harness: &Harness = &app;
    app.wait("app-shell").await;
    app.resize(1400, 900).await;
    for member in [ana, bruno, carla] {
        app.invoke(
            "event_respond",
            json!({ "eventId": event, "memberId": member, "answer": "going" }),
        )
        .await
        .expect("the answer saved");
    }

    // ---- Before the meetup's record: nothing to measure attendance or feedback by --------
    open_metrics(&app).await;
    assert_eq!(card(&app, "average_attendance").await, Value::Null);
    assert_eq!(card(&app, "satisfaction").await, Value::Null);
    assert_eq!(card(&app, "nps").await, Value::Null);
    app.wait("metrics-goals-empty").await;
    app.wait("metrics-recorded-empty").await;
    app.screenshot("metrics-journey-01-empty").await;

    // ---- Attendance and feedback, recorded in the event's panel -----------------------------
    app.open_event(event, &day).await;
    for member in [ana, bruno] {
        app.click(&format!("rsvp-check-in-{member}")).await;
        app.eventually("the check-in to be saved", || async {
            let row = app
                .exec(
                    "const row = document.querySelector(`[data-testid=\"rsvp-row-${arguments[0]}\"]`);
                     return row ? row.dataset.checkedIn : null;",
                    vec![json!(member)],
                )
                .await;
            (row == json!("true")).then_some(())
        })
        .await;
    }
    // Ana: 5 and a promoter's 10; Bruno: 4 and a passive 8.
    for (member, score, nps) in [(ana, "5", "10"), (bruno, "4", "8")] {
        app.click(&format!("rsvp-feedback-{member}")).await;
        app.wait("feedback-dialog").await;
        app.select("feedback-score", score).await;
        app.select("feedback-nps", nps).await;
        app.click("feedback-save").await;
        app.wait_gone("feedback-dialog").await;
        app.wait(&format!("rsvp-feedback-shown-{member}")).await;
    }

    // ---- The dashboard follows, to the values worked out by hand ----------------------------
    open_metrics(&app).await;
    // Two of the three who said they would come came: one event, two people.
    wait_card(&app, "average_attendance", 2.0).await;
    wait_card(&app, "no_show_rate", 1.0 / 3.0).await;
    // Satisfaction: (5 + 4) / 2. NPS: one promoter, one passive, no detractor: 50.
    wait_card(&app, "satisfaction", 4.5).await;
    wait_card(&app, "nps", 50.0).await;
    assert_eq!(app.text("metric-satisfaction-value").await, "4.5*");
    app.screenshot("metrics-journey-02-after-the-meetup").await;

    // ---- A goal: refused while wrong, then set, with its progress ----------------------------
    // From the keyboard: Ctrl+N is the section's new thing.
    app.keys(&[Key::Control], 'n').await;
    app.wait("goal-dialog").await;
    app.select("goal-metric", "satisfaction").await;
    app.type_text("goal-target", "lots").await;
    app.set_date("goal-due", &days_from_today(90)).await;
    app.click("goal-save").await;
    app.wait_text(
        "goal-target-error",
        "a target that is not a number to be refused",
        |t| !t.is_empty(),
    )
    .await;
    app.clear("goal-target").await;
    app.type_text("goal-target", "4,8").await;
    app.set_date("goal-due", &days_from_today(-1)).await;
    app.click("goal-save").await;
    let passed = app
        .wait_text(
            "goal-due-error",
            "a due date in the past to be refused",
            |t| !t.is_empty(),
        )
        .await;
    assert!(passed.contains("passed"), "{passed:?}");
    assert_eq!(
        app.invoke("goal_list", json!({ "communityId": 1 }))
            .await
            .unwrap(),
        json!([]),
        "nothing stored while the goal was wrong"
    );
    app.set_date("goal-due", &days_from_today(90)).await;
    app.click("goal-save").await;
    app.wait_gone("goal-dialog").await;
    let goals = app
        .invoke("goal_list", json!({ "communityId": 1 }))
        .await
        .unwrap();
    let goal = goals[0]["id"].as_i64().expect("the goal stored");
    assert_eq!(goals[0]["target"], json!(4.8));
    assert_eq!(goals[0]["direction"], json!("at_least"));
    // Set today: it starts at today's 4.5, which is where the pace puts it today.
    assert_eq!(goals[0]["progress"]["current"], json!(4.5));
    assert_eq!(goals[0]["progress"]["status"], json!("on_track"));
    let status = app
        .wait_text(&format!("goal-{goal}-status"), "the goal's status", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(status, "On track");
    let target = app.text(&format!("goal-{goal}-target")).await;
    assert!(target.starts_with("at least 4.8 by"), "{target:?}");
    let now = app.text(&format!("goal-{goal}-now")).await;
    assert!(now.starts_with("Now 4.5"), "{now:?}");
    app.screenshot("metrics-journey-03-goal").await;

    // ---- A recorded metric: the chat's members, with its chart ------------------------------
    app.click("series-add").await;
    app.wait("series-dialog").await;
    app.type_text("series-name", "Telegram chat").await;
    app.type_text("series-unit", "members").await;
    app.click("series-save").await;
    app.wait_gone("series-dialog").await;
    let series = app
        .eventually("the series to be stored", || async {
            let all = app
                .invoke("metric_series_list", json!({ "communityId": 1 }))
                .await
                .unwrap();
            all[0]["id"].as_i64()
        })
        .await;
    app.wait_text(&format!("series-{series}-latest"), "no value yet", |t| {
        t == "No value yet"
    })
    .await;
    for (day, typed) in [(today(), "1 250"), (days_from_today(-30), "1100")] {
        app.click(&format!("series-{series}-record")).await;
        app.wait("point-dialog").await;
        app.set_date("point-day", &day).await;
        app.type_text("point-value", typed).await;
        app.click("point-save").await;
        app.wait_gone("point-dialog").await;
    }
    // Not a number: said under the field, nothing stored.
    app.click(&format!("series-{series}-record")).await;
    app.wait("point-dialog").await;
    app.type_text("point-value", "many").await;
    app.keys(&[], Key::Enter).await;
    app.wait_text("point-value-error", "the value to be refused", |t| {
        !t.is_empty()
    })
    .await;
    app.click("point-cancel").await;
    app.wait_gone("point-dialog").await;
    let chart = app
        .eventually("the chart to be drawn with both values", || async {
            let chart = app
                .exec(
                    "const id = arguments[0];
                     const canvas = document.querySelector(`[data-testid=\"series-${id}-chart\"] canvas`);
                     const cells = [...document.querySelectorAll(`[data-testid=\"series-${id}-chart-table\"] td`)];
                     return { width: canvas ? canvas.width : 0, days: cells.map((c) => c.dataset.day),
                              texts: cells.map((c) => c.textContent) };",
                    vec![json!(series)],
                )
                .await;
            (chart["days"].as_array().map(Vec::len) == Some(2)).then_some(chart)
        })
        .await;
    assert!(chart["width"].as_u64().unwrap() > 100, "drawn: {chart}");
    assert_eq!(chart["days"], json!([days_from_today(-30), today()]));
    assert_eq!(chart["texts"], json!(["1,100", "1,250"]));
    let latest = app.text(&format!("series-{series}-latest")).await;
    assert!(latest.starts_with("1,250 members on"), "{latest:?}");
    app.exec(
        "document.querySelector(`[data-testid=\"series-${arguments[0]}\"]`).scrollIntoView({ block: 'center' });",
        vec![json!(series)],
    )
    .await;
    app.screenshot("metrics-journey-04-recorded").await;

    // ---- A value removed, and back with Undo ------------------------------------------------
    let before = series_values(&app).await;
    let older = before[0].2;
    app.click(&format!("series-{series}-values-toggle")).await;
    app.click(&format!("point-{older}-remove")).await;
    app.eventually("the value to be removed", || async {
        (series_values(&app).await.len() == 1).then_some(())
    })
    .await;
    app.click("toast-undo").await;
    app.eventually("the value to be back", || async {
        let now = series_values(&app).await;
        (now.len() == 2 && now[0].0 == before[0].0 && now[0].1 == before[0].1).then_some(())
    })
    .await;
    // In its table (folded away under the chart: read as the page holds it).
    app.eventually("the chart to have both again", || async {
        let text = app
            .exec(
                "return document.querySelector(`[data-testid=\"series-${arguments[0]}-chart-table\"]`).textContent;",
                vec![json!(series)],
            )
            .await;
        let text = text.as_str().unwrap_or_default().to_string();
        (text.contains("1,100") && text.contains("1,250")).then_some(())
    })
    .await;

    // ---- A goal on the recorded metric, and the satisfaction goal changed --------------------
    app.click("goal-add").await;
    app.wait("goal-dialog").await;
    app.select("goal-metric", &format!("series:{series}")).await;
    app.type_text("goal-target", "2,000").await;
    app.set_date("goal-due", &days_from_today(120)).await;
    app.click("goal-save").await;
    app.wait_gone("goal-dialog").await;
    let chat_goal = app
        .eventually("the second goal", || async {
            let goals = app
                .invoke("goal_list", json!({ "communityId": 1 }))
                .await
                .unwrap();
            goals
                .as_array()
                .unwrap()
                .iter()
                .find(|g| g["seriesId"] == json!(series))
                .map(|g| (g["id"].as_i64().unwrap(), g["target"].clone()))
        })
        .await;
    assert_eq!(
        chat_goal.1.as_f64(),
        Some(2000.0),
        "2,000 read as two thousand"
    );
    let target = app
        .wait_text(
            &format!("goal-{}-target", chat_goal.0),
            "the chat's goal",
            |t| !t.is_empty(),
        )
        .await;
    assert!(
        target.starts_with("at least 2,000 members by"),
        "{target:?}"
    );
    app.click(&format!("goal-{goal}-edit")).await;
    app.wait("goal-dialog").await;
    assert_eq!(
        app.value("goal-target").await,
        "4.8",
        "the target as it was typed back"
    );
    app.clear("goal-target").await;
    app.type_text("goal-target", "4.6").await;
    app.click("goal-save").await;
    app.wait_gone("goal-dialog").await;
    app.wait_text(&format!("goal-{goal}-target"), "the changed target", |t| {
        t.starts_with("at least 4.6 by")
    })
    .await;

    // ---- The recorded metric deleted, after one question, with the goal on it -------------
    app.click(&format!("series-{series}-edit")).await;
    app.wait("series-dialog").await;
    app.click("series-delete").await;
    app.wait("dialog").await;
    app.click("dialog-confirm").await;
    app.wait_gone(&format!("series-{series}")).await;
    app.wait_gone(&format!("goal-{}", chat_goal.0)).await;
    app.wait("metrics-recorded-empty").await;
    let goals = app
        .invoke("goal_list", json!({ "communityId": 1 }))
        .await
        .unwrap();
    assert_eq!(
        goals.as_array().unwrap().len(),
        1,
        "the goal on it went with it"
    );

    // ---- Export CSV: the command line's file, with the meetup's satisfaction in it ---------
    let from = app.value("metrics-from").await;
    let to = app.value("metrics-to").await;
    let saved = harness.root().join("guild-metrics.csv");
    let written = app.export_metrics_csv(&saved, &from, &to).await;
    assert!(
        written
            .lines()
            .any(|line| line.starts_with("current,satisfaction,") && line.contains(",4.5,")),
        "satisfaction in the file: {written}"
    );

    // ---- The report of the range prints --------------------------------------------------------
    let heading = app.open_print_preview("metrics-print").await;
    assert!(!heading.is_empty());
    let report = app
        .exec("return document.body.innerText;", vec![])
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert!(report.contains("Metrics report"), "{report:.300}");
    assert!(report.contains("Satisfaction"), "{report:.600}");
    app.screenshot("metrics-journey-05-report").await;
}
