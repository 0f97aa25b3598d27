//! Bad input on the plan screen and in the charter's platforms is refused by core, the one
//! validator: the task dialog sends what was typed (it checks nothing itself), core's
//! message appears under the field core names, in the interface's language, and nothing is
//! written (read back through the command line, as stored).

use hearth_e2e::{json, App, Harness};

/// Core's longest task title (`plan::TITLE_MAX`), as its error message says it.
const TITLE_MAX: usize = 300;

/// The four stages of the printed plan, with every task as stored, read through the CLI.
fn stored_stages(harness: &Harness) -> String {
    let out = harness.cli(&["print", "plan", "--community", "1"]);
    out.assert_success();
    let start = out
        .stdout
        .find("<section class=\"stage")
        .unwrap_or_else(|| panic!("the printed plan has stages:\n{}", out.stdout));
    out.stdout[start..].to_string()
}

/// Puts `value` into a field as a script would, past what the field lets a person type
/// (maxlength) or pick (a date field), and tells the dialog it changed.
async fn set_value(app: &App, id: &str, value: &str) -> String {
    app.exec(
        "const field = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
         field.value = arguments[1];
         field.dispatchEvent(new Event('input', { bubbles: true }));
         return field.value;",
        vec![json!(id), json!(value)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Saves the task dialog and waits for core's refusal under `field`; the dialog stays open
/// with that field marked invalid.
async fn refused(app: &App, field: &str, why: &str) -> String {
    let error = format!("task-{field}-error");
    app.click("task-save").await;
    let message = app.wait_text(&error, why, |t| !t.trim().is_empty()).await;
    assert!(app.visible("task-dialog").await, "the dialog stays open");
    let invalid = app
        .exec(
            "return document.querySelector(`[data-testid=\"${arguments[0]}\"]`).getAttribute('aria-invalid');",
            vec![json!(format!("task-{field}"))],
        )
        .await;
    assert_eq!(invalid, "true", "the {field} field is marked invalid");
    message.trim().to_string()
}

#[tokio::test]
async fn bad_task_and_platform_input_is_refused_under_the_field() {
    let harness = Harness::new("plan-input");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let stored = stored_stages(&harness);
    assert_eq!(
        stored.matches("class=\"title\"").count(),
        16,
        "the template's 16 tasks are stored"
    );
    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.click("plan-add").await;
    app.wait("task-dialog").await;

    // ---- A title of spaces: core trims it and finds nothing ----------------------------------
    app.type_text("task-title", "   ").await;
    let message = refused(&app, "title", "core to refuse the empty title").await;
    assert_eq!(message, "Title is required");
    app.screenshot("plan-input-01-task-title").await;

    // ---- A title longer than core takes (the field's maxlength stops typing at it) ------------
    let long = "Long title ".repeat(TITLE_MAX / 10);
    assert!(long.chars().count() > TITLE_MAX);
    let held = set_value(&app, "task-title", &long).await;
    assert_eq!(held, long, "the field holds the whole over-long title");
    app.eventually("typing to clear the old error", || async {
        (!app.visible("task-title-error").await).then_some(())
    })
    .await;
    let message = refused(&app, "title", "core to refuse the over-long title").await;
    assert_eq!(
        message,
        format!("Title must be at most {TITLE_MAX} characters")
    );
    app.screenshot("plan-input-02-task-title-long").await;

    // ---- A due date core cannot read: the date field is driven past its picker -------------
    // A day that does not exist is dropped by a date field itself; a five-digit year is a
    // date to the field, and not one to core (YYYY-MM-DD).
    app.type_text("task-title", "Book a venue").await;
    let mut sent = String::new();
    for candidate in ["2026-02-30", "20260-01-01"] {
        sent = set_value(&app, "task-due", candidate).await;
        if !sent.is_empty() {
            break;
        }
    }
    assert!(!sent.is_empty(), "the date field takes a date core refuses");
    let message = refused(&app, "due", &format!("core to refuse the date {sent:?}")).await;
    assert_eq!(message, "Enter a real date");
    app.screenshot("plan-input-03-task-due").await;

    app.click("task-cancel").await;
    app.wait_gone("task-dialog").await;
    assert_eq!(
        stored_stages(&app),
        stored,
        "nothing was written: the stored plan is as it was"
    );

    // ---- A platform link that is not a web link ---------------------------------------------------
    app.click("nav-charter").await;
    app.wait("platforms").await;
    app.click("platform-add").await;
    app.wait("platform-dialog").await;
    app.type_text("platform-name", "Old forum").await;
    app.type_text("platform-url", "ftp://forum.example.org")
        .await;
    app.click("platform-save").await;
    app.wait_text("platform-url-error", "to refuse the link", |t| {
        !t.trim().is_empty()
    })
    .await;
    app.screenshot("plan-input-04-platform-url").await;
    app.type_text("platform-url", "https://forum.example.org")
        .await;
    app.click("platform-save").await;
    app.wait_gone("platform-dialog").await;
    app.wait_count("platform-row", "to list the new platform", |n| n == 1)
        .await;
    let platforms = app
        .invoke("platform_list", json!({ "communityId": 1 }))
        .await
        .expect("platforms");
    assert_eq!(platforms[0]["url"], "https://forum.example.org/");
}
