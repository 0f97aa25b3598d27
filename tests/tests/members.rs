//! The member roster from end to end, as an organizer uses it: a member added and edited in
//! the dialog; the roster's search finds them by a Latin and a Cyrillic part of what is
//! stored, and "ё" by "е"; a semicolon-separated CSV in Windows-1251 with Cyrillic names,
//! chosen in the system's file dialog, read through the mapping step (one column mapped by
//! hand), imported and shown in the roster; the same person in the file twice (surname
//! first the second time), the two selected and merged with every activity kept; kudos
//! given on a member's page, which then shows the activities and why the member's
//! engagement level is what it is; a plan task given to a member, and "Mine" showing it
//! once the organizer says which member they are.
//!
//! Effects are read apart from the screen: the stored members through `hearth export
//! members` and `hearth member list` on the running app's data, the activities, the
//! engagement and the task's owner through core's commands.

use std::collections::HashMap;

use hearth_e2e::{json, App, Harness, Value};

const COMMUNITY: i64 = 1;

/// Text as Windows-1251 stores it: ASCII as it is, the Russian alphabet in its block.
fn windows_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            other => panic!("{other:?} has no place in this test's Windows-1251"),
        })
        .collect()
}

/// A CSV line's fields (quotes as our export writes them: doubled inside quoted fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The members stored, by name, each a map of the export's header to its value: what
/// `hearth export members --format csv` reads from the data directory the app is using.
fn stored_members(app: &App) -> HashMap<String, HashMap<String, String>> {
    let out = app.cli(&["export", "members", "--format", "csv"]);
    out.assert_success();
    let mut lines = out.stdout.lines();
    let header = csv_fields(lines.next().expect("the export's header"));
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let row: HashMap<String, String> =
                header.iter().cloned().zip(csv_fields(line)).collect();
            (row["Name"].clone(), row)
        })
        .collect()
}

/// The names the roster's rows show, in order.
async fn roster_names(app: &App) -> Vec<String> {
    let names = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=members-row]')]
               .filter((row) => !row.hidden && row.dataset.index !== undefined)
               .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
               .map((row) => row.querySelector('[data-testid=members-row-name]').textContent.trim())
               .filter(Boolean);",
            vec![],
        )
        .await;
    serde_json::from_value(names).expect("names")
}

async fn wait_roster(app: &App, what: &str, expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    app.eventually(what, || {
        let expected = expected.clone();
        async move {
            let mut shown = roster_names(app).await;
            shown.sort();
            (shown == expected).then_some(())
        }
    })
    .await;
}

/// Types `query` into the roster's search, as a person does, and waits for exactly
/// `expected` to be listed.
async fn search(app: &App, query: &str, expected: &[&str]) {
    app.clear("members-search").await;
    app.type_text("members-search", query).await;
    wait_roster(
        app,
        &format!("the search {query:?} to list {expected:?}"),
        expected,
    )
    .await;
}

async fn tasks(app: &App) -> Vec<Value> {
    let plan = app
        .invoke("plan_get", json!({ "communityId": COMMUNITY }))
        .await
        .unwrap_or_else(|e| panic!("plan_get: {e}"));
    plan["stages"]
        .as_array()
        .expect("the plan has stages")
        .iter()
        .flat_map(|s| s["tasks"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The ids of the members a roster search finds, by name (core's own page of them).
async fn member_ids(app: &App, search: &str) -> HashMap<String, i64> {
    let rows = app
        .exec(
            "return window.__TAURI__.core.invoke('member_page', { communityId: 1, query: { search: arguments[0], levels: [], roles: [], tags: [], engagement: [], sort: 'name', descending: false }, offset: 0, limit: 50 }).then((p) => p.rows.map((r) => [r.name, r.id]));",
            vec![json!(search)],
        )
        .await;
    serde_json::from_value::<Vec<(String, i64)>>(rows)
        .expect("names and ids")
        .into_iter()
        .collect()
}

/// A member's activities as core keeps them.
async fn activities(app: &App, member_id: i64) -> Vec<Value> {
    app.invoke("activity_list", json!({ "memberId": member_id }))
        .await
        .unwrap_or_else(|e| panic!("activity_list: {e}"))
        .as_array()
        .cloned()
        .expect("a list")
}

const IMPORTED: &str = "ФИО;Электронная почта;Телефон;Где работает;Город;Дата регистрации\r\n\
Алёна Соколова;alena@example.ru;+7 900 111-22-33;Тинькофф;Казань;01.03.2025\r\n\
Семён Ёлкин;semen@example.ru;;Сбер;Москва;15.11.2024\r\n\
Ильдар Хайруллин;ildar@example.ru;8 (843) 222-33-44;\"Ак Барс; ИТ\";Казань;02.02.2026\r\n\
Соколова Алёна;sokolova.a@work.example;;;Казань;10.10.2025\r\n";

#[tokio::test]
async fn a_roster_from_first_member_to_mine() {
    let harness = Harness::new("members");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let csv = harness.root().join("members-1251.csv");
    std::fs::write(&csv, windows_1251(IMPORTED)).expect("write the CSV");
    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.click("nav-members").await;
    app.wait("members-empty").await;

    // ---- A member added, then edited ---------------------------------------------------------
    app.click("members-add").await;
    app.wait("member-dialog").await;
    app.type_text("member-name", "Пётр Smirnov").await;
    app.type_text("member-email", "petr@example.org").await;
    app.type_text("member-company", "Yandex").await;
    app.click("member-save").await;
    app.wait_gone("member-dialog").await;
    wait_roster(&app, "the new member in the roster", &["Пётр Smirnov"]).await;
    let stored = stored_members(&app);
    assert_eq!(stored.len(), 1, "one member stored: {stored:?}");
    assert_eq!(stored["Пётр Smirnov"]["Company"], "Yandex");

    app.open_member("Пётр Smirnov").await;
    app.click("member-edit").await;
    app.wait("member-dialog").await;
    assert_eq!(app.value("member-company").await, "Yandex");
    app.clear("member-company").await;
    app.type_text("member-company", "JetBrains").await;
    app.type_text("member-city", "Казань").await;
    app.click("member-save").await;
    app.wait_gone("member-dialog").await;
    app.wait_text("member-profile", "the page to show the edit", |t| {
        t.contains("JetBrains")
    })
    .await;
    let stored = stored_members(&app);
    let petr = &stored["Пётр Smirnov"];
    assert_eq!(
        (
            petr["Company"].as_str(),
            petr["City"].as_str(),
            petr["Email"].as_str()
        ),
        ("JetBrains", "Казань", "petr@example.org"),
        "the edit is stored, and what it did not touch is kept"
    );
    app.click("member-back").await;
    app.wait("members-roster").await;

    // ---- Search: Latin, Cyrillic, ё by е ------------------------------------------------------
    search(&app, "jetbr", &["Пётр Smirnov"]).await;
    search(&app, "SMIR", &["Пётр Smirnov"]).await;
    search(&app, "пётр", &["Пётр Smirnov"]).await;
    search(&app, "петр", &["Пётр Smirnov"]).await;
    search(&app, "zzz", &[]).await;
    app.wait("members-no-match").await;
    app.click("members-clear-search").await;
    wait_roster(&app, "the whole roster again", &["Пётр Smirnov"]).await;

    // ---- A Windows-1251, semicolon-separated file through the mapping step ---------------------
    app.click("members-import").await;
    app.wait("import-dialog").await;
    let title = app.choose_file("import-choose", &csv).await;
    eprintln!("[members] the file dialog was titled {title:?}");
    app.wait("import-columns").await;
    let summary = app.text("import-file-summary").await;
    assert!(
        summary.contains("members-1251.csv")
            && summary.contains("1251")
            && summary.to_lowercase().contains("semicolon"),
        "the file as core read it: {summary:?}"
    );
    assert_eq!(app.count("import-column-row").await, 6);
    assert_eq!(app.value("import-column-0").await, "name");
    assert_eq!(app.value("import-column-1").await, "email");
    assert_eq!(
        app.value("import-column-3").await,
        "",
        "«Где работает» is no header core knows"
    );
    app.screenshot("members-01-import-columns").await;
    app.select("import-column-3", "company").await;
    app.click("import-next").await;
    app.wait("import-counts").await;
    assert_eq!(app.count("import-problem").await, 0, "a clean file");
    app.screenshot("members-02-import-review").await;
    assert!(
        !stored_members(&app).contains_key("Алёна Соколова"),
        "nothing is written before Import"
    );
    app.click("import-confirm").await;
    app.wait_text("import-report", "the import's report", |t| t.contains('4'))
        .await;
    app.click("import-close").await;
    app.wait_gone("import-dialog").await;
    wait_roster(
        &app,
        "the imported members in the roster",
        &[
            "Пётр Smirnov",
            "Алёна Соколова",
            "Семён Ёлкин",
            "Ильдар Хайруллин",
            "Соколова Алёна",
        ],
    )
    .await;
    let stored = stored_members(&app);
    assert_eq!(stored.len(), 5, "{stored:?}");
    let alena = &stored["Алёна Соколова"];
    assert_eq!(
        (
            alena["Email"].as_str(),
            alena["Company"].as_str(),
            alena["City"].as_str(),
            alena["Joined on"].as_str()
        ),
        ("alena@example.ru", "Тинькофф", "Казань", "2025-03-01"),
        "the column mapped by hand is stored as the company; the Russian date read"
    );
    assert_eq!(stored["Ильдар Хайруллин"]["Company"], "Ак Барс; ИТ");
    search(&app, "елкин", &["Семён Ёлкин"]).await;
    search(&app, "алена", &["Алёна Соколова", "Соколова Алёна"]).await;
    app.screenshot("members-03-roster-search").await;

    // ---- One person twice, merged: every activity kept ----------------------------------------
    app.open_member("Соколова Алёна").await;
    app.click("activity-add").await;
    app.wait("activity-dialog").await;
    app.select("activity-kind", "talk").await;
    app.type_text("activity-note", "Kafka in production").await;
    app.click("activity-save").await;
    app.wait_gone("activity-dialog").await;
    app.wait_count("member-activity", "the talk on her timeline", |n| n == 1)
        .await;
    app.click("member-back").await;
    app.wait("members-roster").await;
    search(&app, "соколова", &["Алёна Соколова", "Соколова Алёна"]).await;
    let ids = member_ids(&app, "соколова").await;
    let (kept, other) = (ids["Алёна Соколова"], ids["Соколова Алёна"]);
    for (name, id) in [("Алёна Соколова", kept), ("Соколова Алёна", other)]
    {
        let count = activities(&app, id).await.len();
        assert_eq!(
            count,
            usize::from(id == other),
            "{name}'s activities before"
        );
    }
    for el in app.find_all("members-row").await {
        let check = el
            .find(hearth_e2e::fantoccini::Locator::Css(".members-check"))
            .await
            .expect("a row's box");
        app.click_element(&check, "a row's box").await;
    }
    app.wait_text("members-selected", "two selected", |t| t.contains('2'))
        .await;
    app.click("members-bulk-merge").await;
    app.wait("merge-dialog").await;
    let table = app.text("merge-table").await;
    assert!(
        table.contains("alena@example.ru") && table.contains("sokolova.a@work.example"),
        "both side by side: {table:?}"
    );
    app.click("merge-keep-0").await;
    app.screenshot("members-04-merge").await;
    app.click("merge-confirm").await;
    app.wait_gone("merge-dialog").await;
    wait_roster(&app, "one Алёна after the merge", &["Алёна Соколова"]).await;
    let listed = app.cli(&["--json", "member", "list"]);
    listed.assert_success();
    let names: Vec<String> = listed
        .json()
        .as_array()
        .expect("the members")
        .iter()
        .map(|m| m["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names.len(), 4, "one of the two removed: {names:?}");
    assert!(
        names.contains(&"Алёна Соколова".to_string())
            && !names.contains(&"Соколова Алёна".to_string()),
        "the one chosen is kept: {names:?}"
    );
    let moved = activities(&app, kept).await;
    assert_eq!(
        moved
            .iter()
            .map(|a| a["kind"].as_str().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["talk"],
        "the other's talk is the kept member's now"
    );

    // ---- Kudos, and why the level is what it is -----------------------------------------------
    app.open_member("Алёна Соколова").await;
    app.wait_count(
        "member-activity",
        "the talk that came with the merge",
        |n| n == 1,
    )
    .await;
    app.click("member-kudos").await;
    app.wait("kudos-dialog").await;
    app.pick_member("kudos-from", "smirn", "Пётр Smirnov").await;
    app.type_text("kudos-note", "Ran the Kazan meetup's check-in")
        .await;
    app.click("kudos-save").await;
    app.wait_gone("kudos-dialog").await;
    app.wait_count("member-activity", "the kudos on the timeline", |n| n == 2)
        .await;
    let timeline = app.text("member-activities").await;
    assert!(
        timeline.contains("Kudos")
            && timeline.contains("Пётр Smirnov")
            && timeline.contains("Talk given"),
        "the timeline says what and from whom: {timeline:?}"
    );
    let why = app
        .invoke("engagement_explain", json!({ "memberId": kept }))
        .await
        .unwrap_or_else(|e| panic!("engagement_explain: {e}"));
    let mut kinds: Vec<&str> = why["counted"]
        .as_array()
        .expect("the counted activities")
        .iter()
        .map(|a| a["kind"].as_str().unwrap_or_default())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["kudos", "talk"], "both count: {why}");
    app.wait_count(
        "member-why-row",
        "the talk and the kudos counted in the explanation",
        |n| n == 2,
    )
    .await;
    let rows = app.text("member-why").await;
    assert!(
        rows.contains("Kudos") && rows.contains("Talk given"),
        "the counted rows name them: {rows:?}"
    );
    let level = why["level"].as_str().expect("a level");
    let shown_level = app
        .exec(
            "return document.querySelector('[data-testid=member-engagement-level]').className;",
            vec![],
        )
        .await;
    assert!(
        shown_level
            .as_str()
            .unwrap_or_default()
            .contains(&format!("is-{level}")),
        "the page shows core's level {level}: {shown_level}"
    );
    let thresholds = app.text("member-thresholds").await;
    assert!(
        thresholds.contains("Participant") || thresholds.contains("participant"),
        "the thresholds say where the levels start: {thresholds:?}"
    );
    app.screenshot("members-05-member-page").await;
    // Forgetting asks first; in a community that is not shared, nothing is said of copies.
    app.click("member-forget").await;
    app.wait("forget-dialog").await;
    app.eventually("the sharing status read", || async {
        let said = app
            .exec(
                "return document.querySelector('[data-testid=forget-shared]')?.dataset.shared ?? null;",
                vec![],
            )
            .await;
        (said == json!("false")).then_some(())
    })
    .await;
    assert!(
        !app.visible("forget-shared").await,
        "not shared: no word of copies"
    );
    app.click("forget-cancel").await;
    app.wait_gone("forget-dialog").await;
    app.click("member-back").await;
    app.wait("members-roster").await;

    // ---- A plan task for a member, and "Mine" -------------------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let task = tasks(&app)
        .await
        .into_iter()
        .find(|t| t["stage"] == 1)
        .expect("a task");
    let task_id = task["id"].as_i64().unwrap();
    let title = app
        .find_css_opt(&format!(
            "[data-task-id=\"{task_id}\"] [data-testid=\"plan-task-title\"]"
        ))
        .await
        .expect("the task's row");
    app.click_element(&title, "the task's title").await;
    app.wait("task-dialog").await;
    app.pick_member("task-owner", "smir", "Пётр Smirnov").await;
    app.click("task-save").await;
    app.wait_gone("task-dialog").await;
    let petr_id = member_ids(&app, "smirnov").await["Пётр Smirnov"];
    let stored_task = tasks(&app)
        .await
        .into_iter()
        .find(|t| t["id"] == task_id)
        .expect("the task");
    assert_eq!(
        stored_task["ownerMemberId"].as_i64(),
        Some(petr_id),
        "the task's stored owner is the member: {stored_task}"
    );

    app.click("plan-filter-mine").await;
    app.wait("plan-my-name-dialog").await;
    app.pick_member("plan-my-name-input", "пётр", "Пётр Smirnov")
        .await;
    app.click("plan-my-name-save").await;
    app.wait_gone("plan-my-name-dialog").await;
    app.wait_count("plan-task", "«Mine» to show the one task", |n| n == 1)
        .await;
    let shown = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=plan-task]')].map((t) => Number(t.dataset.taskId));",
            vec![],
        )
        .await;
    assert_eq!(shown, json!([task_id]), "the task given to me");
    app.screenshot("members-06-mine").await;
    app.shutdown().await;
}
