//! Closing the window never throws away typed text. The window is closed the way a person
//! closes it, through the window manager's `WM_DELETE_WINDOW`, as the title bar's close button
//! does: with nothing unsaved it closes at once; with a charter draft (of any community) or an
//! edited form dialog it asks "Save changes before closing?", and Cancel (or Escape) keeps
//! everything, a refused save keeps the window open with the error under the field, Save
//! saves everything and closes, "Close without saving" closes. The question is asked in
//! Russian too; a print preview closes as before; a page that hangs cannot keep the window open.
//! Ctrl+W closes the window and Ctrl+Q quits, after the same question.

use std::time::{Duration, Instant};

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{has_cyrillic, json, App, Harness};

/// Listed first (by name), and so the one on screen at the first start.
const FIRST: &str = "Go Guild";
const SECOND: &str = "Rust Moscow";
const MISSION_1: &str = "Bring Go engineers together every month";
const MISSION_2: &str = "Help Rust developers in Moscow grow through talks and code reviews";
const DISCARDED: &str = "A mission nobody meant to keep";
const MISSION_RU: &str = "Помогать разработчикам расти вместе";
/// Longer than the shell waits for a page that does not answer a close request.
const PAST_THE_SHELL_WAIT: Duration = Duration::from_secs(6);

/// A community's printable plan (it carries the charter's mission) as stored, read while
/// the app is closed.
fn stored_plan(app: &App, community: &str) -> String {
    let out = app.cli(&["print", "plan", "--community", community]);
    out.assert_success();
    out.stdout
}

async fn open_charter(app: &App) {
    app.wait("app-shell").await;
    app.wait("charter-form").await;
    // The form is drawn once the charter has arrived; the Save button says so.
    app.eventually("the charter to load", || async {
        let save = app.find_opt("charter-save").await?;
        (save.prop("disabled").await.ok()?.as_deref() == Some("false")).then_some(())
    })
    .await;
}

/// The plan's print preview, a second window beside the main one.
async fn open_print_preview(app: &App) {
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.click("plan-print").await;
    app.eventually("the preview window to open", || async {
        let handles = app.client().windows().await.ok()?;
        (handles.len() == 2).then_some(())
    })
    .await;
}

async fn question_items(app: &App) -> Vec<String> {
    let mut items = Vec::new();
    for el in app.find_all("close-question-item").await {
        items.push(app.element_text(&el).await.unwrap_or_default());
    }
    items
}

async fn assert_exits(app: &mut App, within: Duration, what: &str) {
    assert!(app.wait_exited(within).await, "{what}: the app still runs");
}

#[tokio::test]
async fn closing_the_window_asks_before_losing_typed_text() {
    let harness = Harness::new("close-window");
    for name in [FIRST, SECOND] {
        harness
            .cli(&["community", "create", "--name", name, "--template", "en"])
            .assert_success();
    }
    let mut app = harness.launch().await;
    open_charter(&app).await;

    // ---- Nothing unsaved: the window closes at once, with no question -------------------
    // Sooner than the shell would close a page that never answers: the page said "close".
    let asked = Instant::now();
    app.close_window().await;
    assert_exits(&mut app, Duration::from_secs(4), "nothing was unsaved").await;
    eprintln!("[e2e] closed {:?} after the request", asked.elapsed());

    // ---- A typed mission: the question names it; Cancel and Escape keep it -------------
    app.start_app().await;
    open_charter(&app).await;
    app.type_text("charter-mission", MISSION_1).await;
    app.close_window().await;
    app.wait("close-question").await;
    assert_eq!(question_items(&app).await, [format!("Charter of {FIRST}")]);
    assert_eq!(
        app.text("close-question-save").await,
        "Save",
        "Save is offered"
    );
    let focused = app
        .exec(
            "return document.activeElement?.dataset.testid ?? '';",
            vec![],
        )
        .await;
    assert_eq!(focused, "close-question-save", "Save is the default");
    app.screenshot("close-window-01-question-en").await;
    // The person may take their time: the shell only closes on its own for a page that
    // never answered, never while the question is on screen.
    tokio::time::sleep(PAST_THE_SHELL_WAIT).await;
    assert!(
        app.app_running(),
        "the app closed while the question was on screen"
    );
    assert!(
        app.visible("close-question").await,
        "the question is still there"
    );
    app.click("close-question-cancel").await;
    app.wait_gone("close-question").await;
    assert_eq!(
        app.value("charter-mission").await,
        MISSION_1,
        "Cancel keeps the text"
    );
    assert!(app.app_running());

    app.close_window().await;
    app.wait("close-question").await;
    app.keys(&[], Key::Escape).await;
    app.wait_gone("close-question").await;
    assert_eq!(
        app.value("charter-mission").await,
        MISSION_1,
        "Escape keeps the text"
    );
    assert!(app.app_running());

    // ---- A save the core refuses, of a charter not on screen: the window stays, and
    // ---- shows that charter with the error under its field -----------------------------
    app.clear("charter-name").await;
    app.select("community-switcher", "2").await;
    open_charter(&app).await;
    app.close_window().await;
    app.wait("close-question").await;
    assert_eq!(question_items(&app).await, [format!("Charter of {FIRST}")]);
    app.click("close-question-save").await;
    let error = app
        .wait_text("charter-name-error", "to explain the missing name", |t| {
            !t.trim().is_empty()
        })
        .await;
    assert!(error.contains("Name"), "{error:?}");
    assert_eq!(app.selected_label("community-switcher").await, FIRST);
    assert_eq!(
        app.value("charter-mission").await,
        MISSION_1,
        "the draft is kept"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(app.app_running(), "a refused save keeps the window open");
    assert!(!app.visible("close-question").await);
    app.screenshot("close-window-02-refused-en").await;
    app.type_text("charter-name", FIRST).await;

    // ---- Drafts in two communities and an open dialog: Save saves them all ------------
    app.select("community-switcher", "2").await;
    open_charter(&app).await;
    app.type_text("charter-mission", MISSION_2).await;
    app.click("platform-add").await;
    app.wait("platform-dialog").await;
    app.type_text("platform-name", "Gophers chat").await;
    app.type_text("platform-url", "https://chat.example.org/go")
        .await;
    app.close_window().await;
    app.wait("close-question").await;
    assert_eq!(
        question_items(&app).await,
        [
            "Platform “Gophers chat”".to_string(),
            format!("Charter of {FIRST}"),
            format!("Charter of {SECOND}"),
        ]
    );
    app.screenshot("close-window-03-three-changes-en").await;
    app.keys(&[], Key::Enter).await;
    assert_exits(&mut app, Duration::from_secs(10), "Save saved everything").await;
    assert!(
        stored_plan(&app, "1").contains(MISSION_1),
        "the first mission was saved"
    );
    assert!(
        stored_plan(&app, "2").contains(MISSION_2),
        "the second mission was saved"
    );
    let communities = app.cli(&["community", "list", "--json"]);
    let names: Vec<String> = communities
        .assert_success()
        .json()
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| c["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names, [FIRST, SECOND], "the names are as they were");

    // ---- The dialog's platform was saved; a print preview still closes as before -------
    app.start_app().await;
    open_charter(&app).await;
    let platforms = app
        .invoke("platform_list", json!({ "communityId": 2 }))
        .await
        .expect("platforms");
    assert_eq!(platforms[0]["name"], "Gophers chat", "{platforms}");
    let main = app.client().window().await.expect("the main window");
    open_print_preview(&app).await;
    let shown = app.selected_label("community-switcher").await;
    app.close_window_titled(&format!("{shown} — Hearth")).await;
    app.eventually("the preview window to close", || async {
        let handles = app.client().windows().await.ok()?;
        (handles == [main.clone()]).then_some(())
    })
    .await;
    assert!(
        !app.visible("close-question").await,
        "a preview closes without a question"
    );

    // ---- Close without saving: nothing is written -----------------------------------
    app.click("nav-charter").await;
    open_charter(&app).await;
    app.type_text("charter-mission", DISCARDED).await;
    // The next start is in Russian.
    app.invoke("settings_set_language", json!({ "language": "ru" }))
        .await
        .expect("set the language");
    app.close_window().await;
    app.wait("close-question").await;
    app.click_closing("close-question-discard").await;
    assert_exits(&mut app, Duration::from_secs(4), "Close without saving").await;
    let plan = stored_plan(&app, "2");
    assert!(
        !plan.contains(DISCARDED),
        "the discarded mission was not saved"
    );
    assert!(plan.contains(MISSION_2), "the saved mission is still there");

    // ---- The question in Russian ----------------------------------------------------
    app.start_app().await;
    open_charter(&app).await;
    app.wait_html_lang("ru").await;
    app.type_text("charter-mission", MISSION_RU).await;
    app.close_window().await;
    app.wait("close-question").await;
    let question = app.text("close-question").await;
    assert!(
        question.contains("Сохранить изменения перед закрытием?")
            && question.contains(&format!("Устав сообщества «{SECOND}»"))
            && question.contains("Закрыть без сохранения"),
        "{question}"
    );
    assert!(has_cyrillic(&app.text("close-question-cancel").await));
    app.screenshot("close-window-04-question-ru").await;
    app.click_closing("close-question-save").await;
    assert_exits(&mut app, Duration::from_secs(10), "Save in Russian").await;
    assert!(
        stored_plan(&app, "2").contains(MISSION_RU),
        "the Russian mission was saved"
    );

    // ---- A page that hangs cannot keep the window open ------------------------------
    app.start_app().await;
    open_charter(&app).await;
    app.type_text("charter-mission", DISCARDED).await;
    app.exec(
        "setTimeout(() => { const end = Date.now() + 60000; while (Date.now() < end); }, 200);",
        vec![],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let asked = Instant::now();
    app.close_window().await;
    assert_exits(&mut app, Duration::from_secs(15), "the page hung").await;
    eprintln!(
        "[e2e] the hung page's window closed {:?} after the request",
        asked.elapsed()
    );
    assert!(
        asked.elapsed() >= Duration::from_secs(3),
        "the shell waited for an answer first"
    );
}

#[tokio::test]
async fn ctrl_w_closes_and_ctrl_q_quits_after_the_same_question() {
    let harness = Harness::new("close-keys");
    harness
        .cli(&["community", "create", "--name", FIRST, "--template", "en"])
        .assert_success();
    let mut app = harness.launch().await;
    open_charter(&app).await;

    // ---- Nothing unsaved: Ctrl+W closes the window at once ----------------------------
    app.keys_closing(&[Key::Control], 'w').await;
    assert_exits(
        &mut app,
        Duration::from_secs(4),
        "Ctrl+W with nothing unsaved",
    )
    .await;

    // ---- A typed mission: Ctrl+W asks; Cancel keeps the window and the text ------------
    app.start_app().await;
    open_charter(&app).await;
    app.type_text("charter-mission", MISSION_1).await;
    app.keys(&[Key::Control], 'w').await;
    app.wait("close-question").await;
    assert_eq!(question_items(&app).await, [format!("Charter of {FIRST}")]);
    app.click("close-question-cancel").await;
    app.wait_gone("close-question").await;
    assert_eq!(app.value("charter-mission").await, MISSION_1);
    assert!(app.app_running(), "Cancel keeps the window open");

    // ---- Ctrl+Q with a print preview open: after Save, the whole app ends --------------
    // Closing the main window would leave the preview (and the app) running; quitting does not.
    open_print_preview(&app).await;
    app.click("nav-charter").await;
    open_charter(&app).await;
    app.keys(&[Key::Control], 'q').await;
    app.wait("close-question").await;
    app.click_closing("close-question-save").await;
    assert_exits(&mut app, Duration::from_secs(10), "Ctrl+Q, Save").await;
    assert!(
        stored_plan(&app, "1").contains(MISSION_1),
        "the mission was saved before quitting"
    );
}
