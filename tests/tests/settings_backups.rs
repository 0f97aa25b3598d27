//! Settings speaks an organizer's language about backups: each is listed with its date and
//! what it holds (its communities, named while they are few, and its plan tasks), read from
//! the file itself; the file's size and name wait under a disclosure that opens from the
//! keyboard; a file in the folder that cannot be read is listed as such and does not take
//! the list down. The database check gives its verdict, and what it checked (schema version,
//! quick check…) under a disclosure of its own. In English, then in Russian.

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness, Value};

/// Named like a backup from 2020, holding a spreadsheet's text.
const STRAY: &str = "hearth-2020-01-01T00-00-00.000Z-r1.sqlite3";

/// Russian plural of "task" for `n` (one, few, many), as `Intl.PluralRules('ru')` picks it.
fn zadach(n: u64) -> String {
    let form = match (n % 10, n % 100) {
        (1, r) if r != 11 => "задача",
        (2..=4, r) if !(12..=14).contains(&r) => "задачи",
        _ => "задач",
    };
    format!("{n} {form}")
}

/// What each listed backup says it holds, newest first.
async fn listed_contents(app: &App) -> Vec<String> {
    let texts = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=\"backup-row\"]')]
                .map((row) => row.querySelector('[data-testid=\"backup-contents\"]')?.textContent ?? '(none)');",
            vec![],
        )
        .await;
    texts
        .as_array()
        .expect("a list of texts")
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_string())
        .collect()
}

/// Is the disclosure `testid` (the `n`th of them) open, and what does it show?
async fn disclosure(app: &App, testid: &str, n: usize) -> Value {
    app.exec(
        "const all = document.querySelectorAll(`[data-testid=\"${arguments[0]}\"]`);
         const details = all[arguments[1]];
         const body = details.querySelector('.details-body');
         // Shown when the disclosure is taller than its summary line.
         const shown = details.getBoundingClientRect().height
             > details.querySelector('summary').getBoundingClientRect().height + 1;
         return { open: details.open, shown, text: body.textContent };",
        vec![json!(testid), json!(n)],
    )
    .await
}

/// Tab-free keyboard check: the first backup's disclosure takes the focus and Enter opens it.
async fn open_first_backup_details(app: &App) {
    let focused = app
        .exec(
            "const summary = document.querySelector('[data-testid=\"backup-details\"] > summary');
             summary.focus();
             return document.activeElement === summary;",
            vec![],
        )
        .await;
    assert_eq!(focused, true, "the disclosure's summary takes the focus");
    app.keys(&[], Key::Enter).await;
}

/// The list, the first backup's details and the check, in one language.
async fn settings_in(
    app: &App,
    lang: &str,
    expected_newest: &str,
    unreadable: &str,
    size_label: &str,
    ok: &str,
) {
    app.wait_count(
        "backup-row",
        "to list both backups and the stray file",
        |n| n == 3,
    )
    .await;
    let contents = listed_contents(app).await;
    assert_eq!(
        contents,
        [expected_newest, expected_newest, unreadable],
        "{lang}: each backup says what it holds; the stray file that it could not be read"
    );

    let closed = disclosure(app, "backup-details", 0).await;
    assert_eq!(
        (closed["open"].clone(), closed["shown"].clone()),
        (json!(false), json!(false)),
        "{lang}: size and file name wait under the disclosure: {closed}"
    );
    open_first_backup_details(app).await;
    let open = disclosure(app, "backup-details", 0).await;
    assert_eq!(
        (open["open"].clone(), open["shown"].clone()),
        (json!(true), json!(true)),
        "{lang}: Enter opens it: {open}"
    );
    let text = open["text"].as_str().unwrap_or_default();
    assert!(
        text.contains(size_label) && text.contains(".sqlite3"),
        "{lang}: the details give the size and the file: {text:?}"
    );

    let data = disclosure(app, "data-details", 0).await;
    assert_eq!(
        data["open"], false,
        "{lang}: the schema version is under a disclosure"
    );

    app.click("check-now").await;
    let verdict = app
        .wait_text("check-result", "to show the check's verdict", |t| {
            !t.trim().is_empty()
        })
        .await;
    assert!(
        verdict.starts_with(ok),
        "{lang}: the verdict first: {verdict:?}"
    );
    let checked = disclosure(app, "check-details", 0).await;
    assert_eq!(
        checked["open"], false,
        "{lang}: what was checked is under a disclosure, closed when all is well: {checked}"
    );
    for (part, testid) in [("top", "settings-language"), ("backups", "backup-list")] {
        app.exec(
            "document.querySelector(`[data-testid=\"${arguments[0]}\"]`).scrollIntoView({ block: 'start' }); return 1;",
            vec![json!(testid)],
        )
        .await;
        // Right after a scroll the picture is often a frame behind: one thrown away.
        let _ = app.client().screenshot().await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.screenshot(&format!("settings-backups-{lang}-{part}"))
            .await;
    }
}

#[tokio::test]
async fn backups_say_what_they_hold() {
    let harness = Harness::new("settings-backups");
    harness.cli(&["demo"]).assert_success();
    harness
        .cli(&[
            "community",
            "create",
            "--name",
            "Rust Meetup",
            "--template",
            "en",
        ])
        .assert_success();
    harness.cli(&["backup"]).assert_success();
    let mut communities = harness
        .cli(&["--json", "community", "list"])
        .json()
        .as_array()
        .cloned()
        .expect("a list of communities");
    communities.sort_by_key(|c| c["id"].as_i64());
    let names: Vec<String> = communities
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names.len(), 2, "the sample and Rust Meetup: {names:?}");

    let app = harness.launch().await;
    app.wait("app-shell").await;
    let mut tasks = 0;
    for community in &communities {
        let summary = app
            .invoke("plan_summary", json!({ "communityId": community["id"] }))
            .await
            .expect("plan_summary");
        tasks += summary["total"].as_u64().expect("a task count");
    }
    assert!(tasks > 16, "both plans have tasks: {tasks}");

    // A second backup from the window, and a stray file in the folder.
    app.click("nav-settings").await;
    app.wait("backup-row").await;
    app.click("backup-now").await;
    app.wait_count("backup-row", "to list the new backup", |n| n == 2)
        .await;
    std::fs::write(
        app.data_dir().join("backups").join(STRAY),
        "name,email\nAnna,anna@example.org\n",
    )
    .expect("write a stray file");
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.click("nav-settings").await;

    let joined = names.join(", ");
    settings_in(
        &app,
        "en",
        &format!("2 communities: {joined} · {tasks} tasks"),
        "Could not be read: this file may not be a Hearth backup.",
        "Size:",
        "No problems found.",
    )
    .await;

    app.select("settings-language", "ru").await;
    app.wait_html_lang("ru").await;
    app.wait("backup-list").await;
    settings_in(
        &app,
        "ru",
        &format!("2 сообщества: {joined} · {}", zadach(tasks)),
        "Не удалось прочитать: возможно, это не резервная копия Hearth.",
        "Размер:",
        "Проблем не найдено.",
    )
    .await;

    app.shutdown().await;
}
