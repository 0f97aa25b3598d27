//! The impact log on a member's page, kept only with the member's consent: a member who has
//! not given it shows why nothing can be recorded, with the button disabled; for one who
//! has, a joint project is recorded through the dialog (a day that has not come yet is
//! refused by core, said under the date, and nothing is stored), appears in the page's
//! impact card and is counted on the Metrics section's "Joint projects" card.
//!
//! The members come from a CSV with a consent column, imported with the command line before
//! the app starts; what is stored is read through core's own command (`impact_list`).

use std::time::Duration;

use hearth_e2e::{json, App, Harness, Value};

const PEOPLE: &str = "Name,Email,Consent\n\
Ana Ribeiro,ana@example.org,yes\n\
Bruno Costa,bruno@example.org,no\n";

const NOTE: &str = "Built the meetup's check-in app with Bruno";

/// Each member's id by name, as `hearth member list` has them.
fn member_id(harness: &Harness, name: &str) -> i64 {
    let out = harness.cli(&["member", "list", "--json"]);
    out.assert_success();
    out.json()
        .as_array()
        .expect("a list of members")
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["id"].as_i64())
        .unwrap_or_else(|| panic!("{name} was imported: {}", out.stdout))
}

/// The member's impact log as core stores it.
async fn stored_impact(app: &App, member_id: i64) -> Vec<Value> {
    app.invoke("impact_list", json!({ "memberId": member_id }))
        .await
        .unwrap_or_else(|e| panic!("impact_list: {e}"))
        .as_array()
        .cloned()
        .expect("a list of records")
}

/// From the roster, the page of the member called `name`.
async fn open_member(app: &App, name: &str) {
    app.click("nav-members").await;
    app.open_member(name).await;
    app.wait("member-impact").await;
}

/// Brings the impact card into view and photographs the window; the first screenshot after
/// a scroll made from a script may still show the page before it, so it is thrown away.
async fn photograph_impact(app: &App, name: &str) {
    app.exec(
        "document.querySelector('[data-testid=\"member-impact\"]').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await;
    let _ = app.client().screenshot().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot(name).await;
}

async fn add_disabled(app: &App) -> Value {
    app.exec(
        "return document.querySelector('[data-testid=\"impact-add\"]').disabled;",
        vec![],
    )
    .await
}

#[tokio::test]
async fn impact_is_recorded_with_consent_and_counted_in_metrics() {
    let harness = Harness::new("impact");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let people = harness.root().join("people.csv");
    std::fs::write(&people, PEOPLE).expect("write the CSV");
    harness
        .cli(&["import", "members", people.to_str().unwrap()])
        .assert_success();
    let ana = member_id(&harness, "Ana Ribeiro");
    let bruno = member_id(&harness, "Bruno Costa");
    let app = harness.launch().await;
    app.wait("app-shell").await;

    // ---- Without consent: said plainly, and nothing to press --------------------------------
    open_member(&app, "Bruno Costa").await;
    assert_eq!(app.text("member-consent-shown").await, "Not given");
    let said = app.text("member-impact-consent").await;
    assert!(
        said.contains("only with the member’s consent"),
        "the card says why nothing can be recorded: {said:?}"
    );
    assert_eq!(
        add_disabled(&app).await,
        json!(true),
        "Record impact is disabled"
    );
    let empty = app.text("member-impact-empty").await;
    assert!(
        empty.contains("career steps") && empty.contains("new skills"),
        "the empty log says what it is for: {empty:?}"
    );
    // Not only the button: core itself refuses a record without consent.
    let refused = app
        .invoke(
            "impact_record",
            json!({ "memberId": bruno, "input": { "kind": "new_skill", "note": "" } }),
        )
        .await
        .expect_err("refused without consent");
    assert_eq!(refused["field"], json!("consent"), "{refused}");
    assert!(stored_impact(&app, bruno).await.is_empty());
    photograph_impact(&app, "impact-01-no-consent").await;
    app.click("member-back").await;
    app.wait("members-roster").await;

    // ---- With consent: the dialog, today by default -----------------------------------------
    open_member(&app, "Ana Ribeiro").await;
    assert_eq!(app.text("member-consent-shown").await, "Given");
    assert!(
        !app.visible("member-impact-consent").await,
        "no consent sentence for a member who gave it"
    );
    assert_eq!(add_disabled(&app).await, json!(false));
    app.click("impact-add").await;
    app.wait("impact-dialog").await;
    let today = app
        .exec(
            "const now = new Date(); const pad = (n) => String(n).padStart(2, '0');
             return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;",
            vec![],
        )
        .await
        .as_str()
        .expect("today")
        .to_string();
    assert_eq!(
        app.value("impact-date").await,
        today,
        "the date is today's at first"
    );
    app.select("impact-kind", "joint_project").await;
    assert_eq!(app.selected_label("impact-kind").await, "Joint project");
    app.type_text("impact-note", NOTE).await;

    // ---- A day that has not come: refused under the date, nothing stored --------------------
    app.set_date("impact-date", "2099-06-01").await;
    app.click("impact-save").await;
    let refused = app
        .wait_text(
            "impact-date-error",
            "core's refusal of the future day",
            |t| !t.trim().is_empty(),
        )
        .await;
    assert!(
        refused.contains("already"),
        "the message says the day has not come: {refused:?}"
    );
    assert!(app.visible("impact-dialog").await, "the dialog stays open");
    let invalid = app
        .exec(
            "return document.querySelector('[data-testid=\"impact-date\"]').getAttribute('aria-invalid');",
            vec![],
        )
        .await;
    assert_eq!(invalid, "true", "the date is marked invalid");
    assert!(stored_impact(&app, ana).await.is_empty(), "nothing stored");
    app.screenshot("impact-02-future-date").await;

    // ---- Today again: recorded, listed, stored -----------------------------------------------
    app.set_date("impact-date", &today).await;
    assert!(
        !app.visible("impact-date-error").await,
        "changing the date takes its error away"
    );
    app.click("impact-save").await;
    app.wait_gone("impact-dialog").await;
    app.wait_count("member-impact-record", "the record in the card", |n| n == 1)
        .await;
    let card = app.text("member-impact").await;
    assert!(
        card.contains("Joint project") && card.contains(NOTE),
        "the card shows the kind and the note: {card:?}"
    );
    let stored = stored_impact(&app, ana).await;
    assert_eq!(stored.len(), 1, "one record stored: {stored:?}");
    assert_eq!(stored[0]["kind"], "joint_project");
    assert_eq!(stored[0]["note"], NOTE);
    assert_eq!(stored[0]["occurredOn"], today.as_str());
    let remove = format!("impact-remove-{}", stored[0]["id"]);
    assert!(
        app.visible(&remove).await,
        "the row has its remove button ({remove})"
    );
    photograph_impact(&app, "impact-03-recorded").await;

    // ---- Counted in Metrics --------------------------------------------------------------------
    app.click("nav-metrics").await;
    app.wait("metric-impact_joint_projects").await;
    app.eventually("the Joint projects card to count the record", || async {
        let value = app
            .exec(
                "return document.querySelector('[data-testid=\"metric-impact_joint_projects\"]').dataset.value;",
                vec![],
            )
            .await;
        (value == json!("1")).then_some(())
    })
    .await;
    app.exec(
        "document.querySelector('[data-testid=\"metric-impact_joint_projects\"]').scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await;
    let _ = app.client().screenshot().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("impact-04-metrics").await;
    app.shutdown().await;
}
