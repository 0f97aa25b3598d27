//! The community plan as an organizer works through it: a new community's four stages carry
//! the template in the community's language; ticking moves the progress bars; a task is
//! dragged to another stage (the toast's Undo puts it back) and reordered there, and Escape
//! puts a dragged task back; all of it outlives a relaunch; the printable plan opens in its
//! preview window.

use hearth_e2e::fantoccini::elements::Element;
use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness};

/// The task titles of a stage, top to bottom, as shown.
async fn titles(app: &App, stage: u8) -> Vec<String> {
    let value = app
        .exec(
            "return [...document.querySelectorAll(`[data-testid=\"plan-stage-${arguments[0]}\"] [data-testid=\"plan-task-title\"]`)]
                 .map((e) => e.textContent.trim());",
            vec![json!(stage)],
        )
        .await;
    serde_json::from_value(value).expect("a list of titles")
}

/// The row of the task titled `title`.
async fn row(app: &App, title: &str) -> Element {
    let id = app
        .exec(
            "const row = [...document.querySelectorAll('[data-testid=\"plan-task\"]')]
                 .find((r) => r.querySelector('[data-testid=\"plan-task-title\"]').textContent.trim() === arguments[0]);
             return row ? row.dataset.taskId : null;",
            vec![json!(title)],
        )
        .await;
    let id = id
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no task row titled {title:?}"));
    app.find_css_opt(&format!(
        "[data-testid=\"plan-task\"][data-task-id=\"{id}\"]"
    ))
    .await
    .expect("the row is on screen")
}

async fn progress(app: &App, stage: u8) -> String {
    // Read in the page: the board may be between two draws, and then the answer is "".
    let text = app
        .exec(
            "return document.querySelector(`[data-testid=\"plan-stage-progress-${arguments[0]}\"]`)?.textContent ?? '';",
            vec![json!(stage)],
        )
        .await;
    text.as_str().unwrap_or_default().trim().to_string()
}

#[tokio::test]
async fn plan_ticks_drags_relaunch_and_print() {
    let mut app = Harness::new("plan").launch().await;
    app.wait("welcome").await;
    app.type_text("welcome-name", "Porto Rust Guild").await;
    app.click("welcome-template-en").await;
    app.click("welcome-create").await;
    app.wait("charter-form").await;

    // ---- Four stages with the English template ---------------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.wait_count("plan-task", "to show the 16 template tasks", |n| n == 16)
        .await;
    assert_eq!(titles(&app, 1).await[0], "Formulate the mission clearly");
    assert_eq!(titles(&app, 4).await.len(), 4);
    assert_eq!(progress(&app, 1).await, "0/4");

    // ---- Ticking moves the progress bars --------------------------------------------------
    for (ticked, title) in [
        "Formulate the mission clearly",
        "Define the target audience",
    ]
    .into_iter()
    .enumerate()
    {
        let check = row(&app, title)
            .await
            .find(hearth_e2e::fantoccini::Locator::Css(
                "[data-testid=\"plan-task-check\"]",
            ))
            .await
            .expect("a checkbox in the row");
        app.click_element(&check, &format!("the checkbox of {title:?}"))
            .await;
        // The board redraws after each change: wait for it before touching the next row.
        let expected = format!("{}/4", ticked + 1);
        app.eventually(&format!("stage 1 to show {expected}"), || async {
            (progress(&app, 1).await == expected).then_some(())
        })
        .await;
    }
    let overall = app.text("plan-progress").await;
    assert!(
        overall.contains('2') && overall.contains("16"),
        "overall progress: {overall:?}"
    );
    app.screenshot("plan-01-ticked-en").await;

    // ---- Drag the last launch task to the top of stage 4, then below the next one -----------
    let moved = "Launch pilot initiatives";
    let first_of_4 = titles(&app, 4).await[0].clone();
    let from = row(&app, moved).await;
    let to = row(&app, &first_of_4).await;
    app.drag_to(&from, &to, 0.0, -12.0).await;
    app.eventually("the task to lead stage 4", || async {
        (titles(&app, 4).await.first().map(String::as_str) == Some(moved)).then_some(())
    })
    .await;
    assert_eq!(titles(&app, 3).await.len(), 3, "it left stage 3");
    assert_eq!(progress(&app, 4).await, "0/5");

    // The toast says where it went; its Undo puts it back, and the drag is done again.
    app.wait_text("toast", "to say where the task went", |t| {
        t.contains(&format!(
            "Task “{moved}” is now 1 of 5 in Stage 4, “Development”."
        ))
    })
    .await;
    app.click("toast-undo").await;
    app.eventually(
        "Undo to put the task back at the end of stage 3",
        || async {
            (titles(&app, 3).await.last().map(String::as_str) == Some(moved)).then_some(())
        },
    )
    .await;
    assert_eq!(titles(&app, 4).await[0], first_of_4);
    app.wait_text("toast", "to say the task is back", |t| {
        t.contains(&format!("Task “{moved}” is back where it was."))
    })
    .await;
    let from = row(&app, moved).await;
    let to = row(&app, &first_of_4).await;
    app.drag_to(&from, &to, 0.0, -12.0).await;
    app.eventually("the task to lead stage 4 again", || async {
        (titles(&app, 4).await.first().map(String::as_str) == Some(moved)).then_some(())
    })
    .await;

    let from = row(&app, moved).await;
    let to = row(&app, &first_of_4).await;
    app.drag_to(&from, &to, 0.0, 14.0).await;
    app.eventually("the task to come second in stage 4", || async {
        (titles(&app, 4).await.get(1).map(String::as_str) == Some(moved)).then_some(())
    })
    .await;
    assert_eq!(titles(&app, 4).await[0], first_of_4);
    let stage_4 = titles(&app, 4).await;
    app.screenshot("plan-02-dragged-en").await;

    // ---- Escape during a drag puts the task back, and the release opens nothing ---------------
    let stage_1 = titles(&app, 1).await;
    let from = row(&app, moved).await;
    let to = row(&app, &stage_1[0]).await;
    app.drag_and_press(&from, &to, Key::Escape).await;
    app.wait_gone("plan-placeholder").await;
    assert_eq!(titles(&app, 4).await, stage_4, "stage 4 as it was");
    assert_eq!(titles(&app, 1).await, stage_1, "stage 1 as it was");
    assert!(
        app.find_opt("task-dialog").await.is_none(),
        "releasing the button after Escape does not open the task"
    );

    // ---- A relaunch keeps the order and the ticks -----------------------------------------
    app.relaunch().await;
    app.wait("app-shell").await;
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.wait_count("plan-task", "to show the 16 tasks again", |n| n == 16)
        .await;
    assert_eq!(titles(&app, 4).await, stage_4, "stage 4 order kept");
    assert_eq!(progress(&app, 1).await, "2/4", "ticks kept");
    assert_eq!(progress(&app, 3).await, "0/3");

    // ---- The printable plan opens in its own window ---------------------------------------
    let main = app.client().window().await.expect("the main window");
    let heading = app.open_print_preview("plan-print").await;
    assert_eq!(heading, "Porto Rust Guild");
    assert!(
        app.find_css_opt("#print-button").await.is_some(),
        "a Print button"
    );
    let page = app.exec("return document.body.innerText;", vec![]).await;
    let page = page.as_str().unwrap_or_default();
    assert!(
        page.contains("Stage 4. Development") && page.contains(moved),
        "the plan is printed: {page}"
    );
    app.screenshot("plan-03-printable-en").await;
    app.client()
        .close_window()
        .await
        .expect("close the preview");
    app.client()
        .switch_to_window(main)
        .await
        .expect("back to the main window");

    app.stop_app().await;
    assert_eq!(app.check()["ok"], true);
}
