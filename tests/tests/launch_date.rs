//! A community started with a target launch date: the welcome form takes the date, the
//! template's tasks arrive with due dates counted from it and with notes that teach (why,
//! how, an example), a due date can be cleared like any other, and the printed plan writes
//! dates exactly as the screen does (here a British English system: 21/07/2031). That the
//! Russian welcome, a field longer, still fits the default window is `shell.rs`'s check.

use hearth_e2e::{json, App, Harness};

/// Eight weeks before this launch, the first task (the mission) falls due: 21 July 2031.
const LAUNCH: &str = "2031-09-15";
const MISSION_DUE_GB: &str = "21/07/2031";

/// Picks a date in a date field as a script would (WebDriver cannot type into WebKitGTK's
/// date field reliably), and tells the form it changed.
async fn pick_date(app: &App, id: &str, value: &str) {
    app.exec(
        "const field = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
         field.value = arguments[1];
         field.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(id), json!(value)],
    )
    .await;
}

/// The due date of the plan's first task, as the screen shows it ("Due 21/07/2031").
async fn first_due(app: &App) -> String {
    app.exec(
        "const due = document.querySelector('[data-testid=\"plan-task\"] [data-testid=\"plan-task-due\"]');
         return due ? due.textContent : '';",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test]
async fn a_launch_date_gives_the_plan_due_dates_and_the_tasks_teach() {
    let harness = Harness::builder("launch-date")
        .locale("en_GB.UTF-8")
        .build();
    let app = harness.launch().await;
    app.wait("welcome").await;
    app.type_text("welcome-name", "Guild of Testers").await;
    app.click("welcome-template-en").await;
    pick_date(&app, "welcome-launch", LAUNCH).await;
    app.screenshot("launch-date-01-welcome-en").await;
    app.click("welcome-create").await;
    app.wait("app-shell").await;

    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let due = app
        .eventually("the first task to show its due date", || async {
            Some(first_due(&app).await).filter(|d| !d.is_empty())
        })
        .await;
    assert!(due.contains(MISSION_DUE_GB), "on screen: {due}");
    assert_eq!(
        app.count("plan-task-due").await,
        16,
        "every template task has a due date"
    );
    app.screenshot("launch-date-02-plan-with-dates").await;

    // On paper, the same date written the same way (the printed page escapes its slashes).
    let printed = app.cli(&["print", "plan"]);
    printed.assert_success();
    let page = printed.stdout.replace("&#x2f;", "/");
    assert!(
        page.contains(MISSION_DUE_GB),
        "the printed plan has {MISSION_DUE_GB}"
    );
    assert!(
        page.contains("Why: a clear mission"),
        "the printed plan has the notes"
    );

    // The task teaches, and its due date can be cleared.
    let first = app.find_all("plan-task-title").await.remove(0);
    app.click_element(&first, "the first task's title").await;
    app.wait("task-dialog").await;
    let notes = app.value("task-notes").await;
    assert!(
        notes.starts_with("Why: ") && notes.contains("\nHow: ") && notes.contains("\nExample: "),
        "the notes teach: {notes}"
    );
    app.screenshot("launch-date-03-task-notes").await;
    app.click("task-due-clear").await;
    app.click("task-save").await;
    app.wait_gone("task-dialog").await;
    app.wait_count("plan-task-due", "one due date fewer", |n| n == 15)
        .await;
    app.shutdown().await;
}
