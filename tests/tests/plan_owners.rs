//! The plan meets the roster: owners typed before there were members become links when a
//! member of that name is added; a typed owner the roster does not know by that exact name
//! is offered the member it may be, in the task dialog, and linked with one press; an owner
//! is picked from the members by typing part of a name; a name that is no member's stays
//! text, marked as such on the board; "Mine" asks once which member I am (a name alone will
//! not do), core keeps the answer, and the filter shows that member's tasks under the name
//! the member has now.

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness, Value};

const COMMUNITY: i64 = 1;

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

async fn task_titled(app: &App, title: &str) -> Value {
    tasks(app)
        .await
        .into_iter()
        .find(|t| t["title"] == title)
        .unwrap_or_else(|| panic!("a task titled {title:?}"))
}

async fn add_task(app: &App, stage: u8, title: &str, owner: &str) -> Value {
    app.invoke(
        "plan_task_create",
        json!({ "communityId": COMMUNITY, "task": {
            "stage": stage, "title": title, "notes": "", "status": "todo", "due": null,
            "ownerName": owner,
        }}),
    )
    .await
    .unwrap_or_else(|e| panic!("plan_task_create: {e}"))
}

async fn add_member(app: &App, name: &str, company: &str, email: &str) -> i64 {
    app.invoke(
        "member_create",
        json!({ "communityId": COMMUNITY, "member": { "name": name, "company": company, "email": email } }),
    )
    .await
    .unwrap_or_else(|e| panic!("member_create: {e}"))["id"]
        .as_i64()
        .expect("a member id")
}

/// The owner a task's row shows, and whether it is marked as typed text.
async fn row_owner(app: &App, task_id: i64) -> (String, bool) {
    let value = app
        .exec(
            "const owner = document.querySelector(`[data-task-id=\"${arguments[0]}\"] [data-testid=\"plan-task-owner\"]`);
             return owner ? [owner.textContent.trim(), owner.classList.contains('is-typed')] : ['', false];",
            vec![json!(task_id)],
        )
        .await;
    (
        value[0].as_str().unwrap_or_default().to_string(),
        value[1].as_bool().unwrap_or_default(),
    )
}

async fn open_task(app: &App, task_id: i64) {
    let title = app
        .find_css_opt(&format!(
            "[data-task-id=\"{task_id}\"] [data-testid=\"plan-task-title\"]"
        ))
        .await
        .unwrap_or_else(|| panic!("the row of task {task_id}"));
    app.click_element(&title, "the task's title").await;
    app.wait("task-dialog").await;
}

async fn save_task(app: &App) {
    app.click("task-save").await;
    app.wait_gone("task-dialog").await;
}

#[tokio::test]
async fn plan_owners_are_members_and_mine_is_my_member_record() {
    let harness = Harness::new("plan-owners");
    harness
        .cli(&["community", "create", "--name", "Guild", "--template", "en"])
        .assert_success();
    let app = harness.launch().await;
    app.wait("app-shell").await;

    // ---- Owners typed before there is a roster -------------------------------------------------
    let venue = add_task(&app, 2, "Book the venue", "rui  LOPES").await;
    let badges = add_task(&app, 3, "Print badges", "Bea").await;
    assert!(venue["ownerMemberId"].is_null() && badges["ownerMemberId"].is_null());
    let rui = add_member(&app, "Rui Lopes", "Tejo Analytics", "rui@example.org").await;
    let beatriz = add_member(&app, "Beatriz Costa", "Alfama Labs", "bea@example.org").await;
    let ana = add_member(&app, "Ana Ribeiro", "Lusa Fintech", "ana@example.org").await;
    let venue = task_titled(&app, "Book the venue").await;
    assert_eq!(
        (venue["ownerMemberId"].as_i64(), venue["ownerName"].as_str()),
        (Some(rui), Some("Rui Lopes")),
        "the typed owner became the member of that name"
    );
    let badges = task_titled(&app, "Print badges").await;
    assert_eq!(
        (
            badges["ownerMemberId"].as_i64(),
            badges["ownerName"].as_str()
        ),
        (None, Some("Bea")),
        "no member is called just Bea: the name stays text"
    );

    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let venue_id = venue["id"].as_i64().unwrap();
    let badges_id = badges["id"].as_i64().unwrap();
    app.eventually("the board to show both owners", || async {
        let shown = (
            row_owner(&app, venue_id).await,
            row_owner(&app, badges_id).await,
        );
        (shown == (("Rui Lopes".into(), false), ("Bea".into(), true))).then_some(())
    })
    .await;

    // ---- The dialog offers the member a typed owner may be ---------------------------------------
    open_task(&app, badges_id).await;
    let offer = app
        .wait_text("task-owner-note", "the dialog to offer a member", |t| {
            t.contains("Beatriz Costa")
        })
        .await;
    assert!(
        offer.contains("Alfama Labs"),
        "the offer tells who she is: {offer:?}"
    );
    app.screenshot("plan-owners-01-offer").await;
    app.click("task-owner-link").await;
    assert_eq!(app.value("task-owner").await, "Beatriz Costa");
    app.wait_text("task-owner-note", "the note to say it is a member", |t| {
        t.contains("A member of the community")
    })
    .await;
    save_task(&app).await;
    let badges = task_titled(&app, "Print badges").await;
    assert_eq!(badges["ownerMemberId"].as_i64(), Some(beatriz));
    app.eventually("the board to show the linked owner", || async {
        (row_owner(&app, badges_id).await == ("Beatriz Costa".into(), false)).then_some(())
    })
    .await;

    // ---- An owner picked from the members by part of her name ------------------------------------
    let stage_1: Vec<Value> = tasks(&app)
        .await
        .into_iter()
        .filter(|t| t["stage"] == 1)
        .collect();
    let mission_id = stage_1[0]["id"].as_i64().unwrap();
    open_task(&app, mission_id).await;
    app.clear("task-owner").await;
    app.type_text("task-owner", "ribei").await;
    app.wait_text("task-owner-option", "the list to find Ana", |t| {
        t.contains("Ana Ribeiro")
    })
    .await;
    app.screenshot("plan-owners-02-picker").await;
    app.keys(&[], Key::Down).await;
    app.keys(&[], Key::Enter).await;
    assert_eq!(app.value("task-owner").await, "Ana Ribeiro");
    save_task(&app).await;
    assert_eq!(
        task_titled(&app, stage_1[0]["title"].as_str().unwrap()).await["ownerMemberId"].as_i64(),
        Some(ana)
    );

    // ---- A name that is no member's stays text -----------------------------------------------
    let other_id = stage_1[1]["id"].as_i64().unwrap();
    open_task(&app, other_id).await;
    app.type_text("task-owner", "The venue's manager").await;
    app.wait_text("task-owner-note", "the note to say it stays a name", |t| {
        t.contains("Not a member")
    })
    .await;
    save_task(&app).await;
    let other = task_titled(&app, stage_1[1]["title"].as_str().unwrap()).await;
    assert_eq!(
        (other["ownerMemberId"].as_i64(), other["ownerName"].as_str()),
        (None, Some("The venue's manager"))
    );
    app.eventually("the board to mark the typed owner", || async {
        (row_owner(&app, other_id).await == ("The venue's manager".into(), true)).then_some(())
    })
    .await;

    // ---- "Mine": which member am I? ------------------------------------------------------------
    app.click("plan-filter-mine").await;
    app.wait("plan-my-name-dialog").await;
    app.type_text("plan-my-name-input", "Ana Ribeiro").await;
    // Typed, not picked: a name alone is nobody's record. The list of members found opens
    // under the field once the search answers, over the buttons: closed first, as a person
    // would, so the click lands on Save and not on the member the list offers there.
    app.wait_text("plan-my-name-input-option", "the list to offer Ana", |t| {
        t.contains("Ana Ribeiro")
    })
    .await;
    app.keys(&[], Key::Escape).await;
    app.wait_gone("plan-my-name-input-option").await;
    app.click("plan-my-name-save").await;
    app.wait_text(
        "plan-my-name-input-error",
        "the name alone to be refused",
        |t| t.contains("Pick yourself from the list"),
    )
    .await;
    assert!(
        app.visible("plan-my-name-dialog").await,
        "the question stays"
    );
    let community = app
        .invoke("community_get", json!({ "id": COMMUNITY }))
        .await
        .expect("community_get");
    assert!(community["ownMemberId"].is_null(), "nothing was kept");
    app.pick_member("plan-my-name-input", "ana", "Ana Ribeiro")
        .await;
    app.screenshot("plan-owners-03-who-am-i").await;
    app.click("plan-my-name-save").await;
    app.wait_gone("plan-my-name-dialog").await;
    app.wait_count("plan-task", "to show only Ana's task", |n| n == 1)
        .await;
    assert_eq!(row_owner(&app, mission_id).await.0, "Ana Ribeiro");
    let community = app
        .invoke("community_get", json!({ "id": COMMUNITY }))
        .await
        .expect("community_get");
    assert_eq!(
        community["ownMemberId"].as_i64(),
        Some(ana),
        "core keeps who I am"
    );

    // ---- The member renamed: the plan and "Mine" follow the member ---------------------------
    app.invoke(
        "member_update",
        json!({ "id": ana, "member": { "name": "Ana Ribeiro Silva" } }),
    )
    .await
    .expect("member_update");
    app.click("nav-charter").await;
    app.wait_gone("plan-board").await;
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.wait_count("plan-task", "«Mine» to be kept", |n| n == 1)
        .await;
    app.wait_text("plan-my-name", "the line to name me as I am now", |t| {
        t.contains("Ana Ribeiro Silva")
    })
    .await;
    assert_eq!(row_owner(&app, mission_id).await.0, "Ana Ribeiro Silva");
    app.screenshot("plan-owners-04-mine").await;
}
