//! Bad input on the plan screen and in the charter's platforms: the message appears under
//! the field, in the interface's language, and nothing is written.

use hearth_e2e::{json, Harness};

#[tokio::test]
async fn bad_task_and_platform_input_is_refused_under_the_field() {
    let harness = Harness::new("plan-input");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let app = harness.launch().await;
    app.wait("app-shell").await;

    // ---- A task without a title --------------------------------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.click("plan-add").await;
    app.wait("task-dialog").await;
    app.click("task-save").await;
    let message = app
        .wait_text("task-title-error", "to explain the missing title", |t| {
            !t.trim().is_empty()
        })
        .await;
    assert!(message.contains("Title"), "{message:?}");
    app.screenshot("plan-input-01-task-title").await;
    app.click("task-cancel").await;
    app.wait_gone("task-dialog").await;
    let total = app
        .invoke("plan_summary", json!({ "communityId": 1 }))
        .await
        .expect("summary")["total"]
        .clone();
    assert_eq!(total, 16, "no task was added");

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
    app.screenshot("plan-input-02-platform-url").await;
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
