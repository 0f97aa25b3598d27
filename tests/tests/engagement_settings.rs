//! How engagement is scored is the organizer's to change, in Settings › Engagement: the
//! weight of a talk raised there is the weight a member's talk counts with on their page
//! (the explanation's row and the score); a threshold below the one it must be above and a
//! negative weight are refused by core, said under the field in question, and nothing of
//! them is stored; "Restore defaults" fills in Hearth's settings, which Save stores; Ctrl+S
//! saves too; what is typed and not saved outlives a visit to another section, and closing
//! the window asks about it (Save stores it). Each field is labelled (a weight by its kind, a threshold by its level). In
//! English, then in Russian, photographed at the default size and at 800×600.

use std::time::Duration;

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness, Value};

const NAME: &str = "Ana Ribeiro";

/// The stored settings, as core gives them.
async fn stored(app: &App) -> Value {
    app.invoke("engagement_settings_get", json!({}))
        .await
        .unwrap_or_else(|e| panic!("engagement_settings_get: {e}"))
}

fn weight_of(settings: &Value, kind: &str) -> u64 {
    settings["weights"]
        .as_array()
        .expect("weights")
        .iter()
        .find(|w| w["kind"] == kind)
        .and_then(|w| w["weight"].as_u64())
        .unwrap_or_else(|| panic!("a weight for {kind}: {settings}"))
}

/// The visible label of the input `testid` (through its `for`).
async fn label_of(app: &App, testid: &str) -> String {
    app.exec(
        "const input = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
         return document.querySelector(`label[for=\"${input.id}\"]`)?.textContent ?? '';",
        vec![json!(testid)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// The `data-testid` of the element that has the keyboard's focus.
async fn focused(app: &App) -> String {
    app.exec(
        "return document.activeElement?.dataset?.testid ?? '';",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn open_settings(app: &App) {
    app.click("nav-settings").await;
    app.wait("engagement-weights-talk").await;
    app.exec(
        "document.querySelector('[data-testid=\"settings-engagement\"]').scrollIntoView({ block: 'start' }); return 1;",
        vec![],
    )
    .await;
}

/// Saves with the button and waits for the status to say `status`.
async fn save(app: &App, status: &str) {
    app.click("engagement-save").await;
    app.wait_text(
        "engagement-status",
        &format!("the status {status:?}"),
        |t| t == status,
    )
    .await;
}

/// The member's page, with the explanation of their engagement.
async fn member_page(app: &App) -> (String, String) {
    app.click("nav-members").await;
    let row = app
        .eventually(&format!("{NAME}'s row"), || async {
            for el in app.find_all("members-row-name").await {
                if app.element_text(&el).await.as_deref() == Some(NAME) {
                    return Some(el);
                }
            }
            None
        })
        .await;
    app.click_element(&row, NAME).await;
    app.wait_text("member-page-name", "the member's page", |t| t == NAME)
        .await;
    app.wait("member-why-row").await;
    (
        app.text("member-why-row").await,
        app.text("member-engagement-score").await,
    )
}

/// Photographs the form with an error under a threshold, at both sizes, and checks it
/// with axe-core.
async fn photograph(app: &App, lang: &str) {
    for (width, height) in [(1100, 720), (800, 600)] {
        app.resize(width, height).await;
        app.exec(
            "document.getElementById('engagement-levels').scrollIntoView({ block: 'start' }); return 1;",
            vec![],
        )
        .await;
        let _ = app.client().screenshot().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("engagement-settings-{lang}-{width}x{height}"))
            .await;
        app.exec(
            "document.querySelector('[data-testid=\"settings-engagement\"]').scrollIntoView({ block: 'start' }); return 1;",
            vec![],
        )
        .await;
        let _ = app.client().screenshot().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("engagement-settings-{lang}-{width}x{height}-top"))
            .await;
        app.assert_accessible(&format!("engagement settings ({lang}, {width}×{height})"))
            .await;
    }
    app.resize(1100, 720).await;
}

#[tokio::test]
async fn a_weight_changed_in_settings_rescores_members() {
    let harness = Harness::new("engagement-settings");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let community = harness.cli(&["--json", "community", "list"]).json()[0]["id"].clone();
    let mut app = harness.launch().await;
    app.wait("app-shell").await;
    let member = app
        .invoke(
            "member_create",
            json!({ "communityId": community, "member": { "name": NAME } }),
        )
        .await
        .unwrap_or_else(|e| panic!("member_create: {e}"));
    // A talk today counts with its whole weight: the score is the weight.
    app.invoke(
        "activity_add",
        json!({ "memberId": member["id"], "activity": { "kind": "talk", "occurredOn": "", "note": "" } }),
    )
    .await
    .unwrap_or_else(|e| panic!("activity_add: {e}"));
    let defaults = stored(&app).await;
    assert_eq!(
        weight_of(&defaults, "talk"),
        10,
        "a talk weighs 10 at first"
    );

    // ---- The form shows the stored settings, each field named ----------------------------
    open_settings(&app).await;
    assert_eq!(app.value("engagement-weights-talk").await, "10");
    assert_eq!(
        label_of(&app, "engagement-weights-talk").await,
        "Talk given"
    );
    assert_eq!(
        label_of(&app, "engagement-weights-event_attended").await,
        "Event attended"
    );
    assert_eq!(
        label_of(&app, "engagement-contributor").await,
        "Contributor"
    );
    assert_eq!(app.value("engagement-contributor").await, "12");
    assert_eq!(app.value("engagement-halfLifeDays").await, "90");
    assert_eq!(app.value("engagement-losingTouchDays").await, "60");
    assert_eq!(
        app.text("engagement-status").await,
        "",
        "nothing to say yet"
    );

    // ---- A talk made to weigh 25: the member's page counts it so -------------------------
    app.type_text("engagement-weights-talk", "25").await;
    app.wait_text("engagement-status", "the edit to be noticed", |t| {
        t == "Unsaved changes"
    })
    .await;
    save(&app, "Saved").await;
    assert_eq!(weight_of(&stored(&app).await, "talk"), 25, "core stored it");
    let (row, score) = member_page(&app).await;
    assert!(
        row.contains("Talk given") && row.contains("25"),
        "the explanation's row counts the talk at 25: {row:?}"
    );
    assert_eq!(score, "Score 25", "and the score follows");
    let level = app
        .exec(
            "return document.querySelector('[data-testid=member-engagement-level]').textContent;",
            vec![],
        )
        .await;
    assert_eq!(
        level, "Contributor",
        "25 is a contributor's score (12 to 30)"
    );

    // ---- A contributor's threshold below a participant's: refused, said, not stored ------
    open_settings(&app).await;
    assert_eq!(app.value("engagement-weights-talk").await, "25");
    app.type_text("engagement-contributor", "2").await;
    save(&app, "Not saved").await;
    let said = app
        .wait_text("engagement-contributor-error", "core's refusal", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(said, "Enter a score above the Participant threshold (3)");
    assert_eq!(
        focused(&app).await,
        "engagement-contributor",
        "the focus is taken to the field"
    );
    let invalid = app
        .exec(
            "return document.querySelector('[data-testid=\"engagement-contributor\"]').getAttribute('aria-invalid');",
            vec![],
        )
        .await;
    assert_eq!(invalid, "true");
    let after = stored(&app).await;
    assert_eq!(
        after["thresholds"]["contributor"], 12,
        "nothing stored: {after}"
    );
    photograph(&app, "en").await;

    // ---- A negative weight: refused under the weight, nothing stored -----------------------
    app.type_text("engagement-contributor", "12").await;
    assert!(
        !app.visible("engagement-contributor-error").await,
        "typing in the field takes its error away"
    );
    app.type_text("engagement-weights-help", "-5").await;
    save(&app, "Not saved").await;
    let said = app
        .wait_text("engagement-weights-help-error", "core's refusal", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(said, "Enter a whole number from 0 to 100");
    assert_eq!(stored(&app).await, after, "nothing of it stored");

    // ---- Restore defaults fills Hearth's settings in; Save stores them ---------------------
    app.click("engagement-restore").await;
    assert_eq!(app.value("engagement-weights-talk").await, "10");
    assert_eq!(app.value("engagement-weights-help").await, "4");
    assert!(!app.visible("engagement-weights-help-error").await);
    assert_eq!(
        app.text("engagement-status").await,
        "Defaults filled in: Save to use them"
    );
    assert_eq!(
        weight_of(&stored(&app).await, "talk"),
        25,
        "not stored before Save"
    );
    save(&app, "Saved").await;
    assert_eq!(stored(&app).await, defaults, "the defaults stored");
    let why = app
        .invoke("engagement_explain", json!({ "memberId": member["id"] }))
        .await
        .unwrap_or_else(|e| panic!("engagement_explain: {e}"));
    assert_eq!(
        why["score"].as_f64(),
        Some(10.0),
        "rescored with the defaults: {why}"
    );

    // ---- Ctrl+S saves from the keyboard ---------------------------------------------------
    app.type_text("engagement-graceDays", "14").await;
    app.keys(&[Key::Control], 's').await;
    app.wait_text("engagement-status", "Ctrl+S to save", |t| t == "Saved")
        .await;
    assert_eq!(stored(&app).await["graceDays"], 14);

    // ---- Typed, not saved: kept while elsewhere, and asked about before closing -----------
    app.type_text("engagement-windowDays", "200").await;
    app.click("nav-members").await;
    app.wait("members-row-name").await;
    open_settings(&app).await;
    assert_eq!(
        app.value("engagement-windowDays").await,
        "200",
        "kept while away"
    );
    assert_eq!(app.text("engagement-status").await, "Unsaved changes");
    app.close_window().await;
    app.wait("close-question").await;
    let mut items = Vec::new();
    for el in app.find_all("close-question-item").await {
        items.push(app.element_text(&el).await.unwrap_or_default());
    }
    assert_eq!(items, ["Engagement settings"], "the question names them");
    app.click_closing("close-question-save").await;
    assert!(
        app.wait_exited(Duration::from_secs(10)).await,
        "saved, the window closes"
    );
    app.start_app().await;
    app.wait("app-shell").await;
    assert_eq!(
        stored(&app).await["windowDays"],
        200,
        "saved before closing"
    );

    // ---- In Russian ------------------------------------------------------------------------
    app.click("nav-settings").await;
    app.select("settings-language", "ru").await;
    app.wait_html_lang("ru").await;
    open_settings(&app).await;
    assert_eq!(
        label_of(&app, "engagement-weights-talk").await,
        "Выступление"
    );
    assert_eq!(label_of(&app, "engagement-advocate").await, "Амбассадор");
    app.type_text("engagement-advocate", "10").await;
    save(&app, "Не сохранено").await;
    let said = app
        .wait_text("engagement-advocate-error", "core's refusal", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(said, "Введите балл выше порога уровня «Контрибьютор» (12)");
    assert_eq!(stored(&app).await["thresholds"]["advocate"], 30);
    app.type_text("engagement-contributor", "2").await;
    app.type_text("engagement-advocate", "30").await;
    save(&app, "Не сохранено").await;
    app.wait_text("engagement-contributor-error", "core's refusal", |t| {
        t == "Введите балл выше порога уровня «Участвует» (3)"
    })
    .await;
    photograph(&app, "ru").await;
    app.type_text("engagement-contributor", "15").await;
    save(&app, "Сохранено").await;
    assert_eq!(stored(&app).await["thresholds"]["contributor"], 15);

    app.shutdown().await;
}
