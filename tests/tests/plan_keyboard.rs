//! The plan of the Russian sample community, worked from the keyboard: the sidebar counts the
//! overdue tasks; the filters show the overdue, the open and "my" tasks (the organizer's own
//! member record, and another member once "Это не вы?" picks her); on a focused row the
//! arrows walk the board, Space ticks, Alt+arrows move the task to the next stage and up
//! within it, Delete removes it and Ctrl+Z brings it back where it was, Enter opens it for a
//! new title, Ctrl+N starts a task in the stage at hand; ticking an overdue task lowers the
//! badge; all of it outlives a relaunch.

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{has_cyrillic, json, App, Harness, Value};

/// The sample's organizer whose member record is the organizer's own: "Мои" shows her tasks.
const ME: &str = "Анна Сафина";
/// Another organizer of the sample, picked as "me" by typing part of her name.
const OWNER: &str = "Мария Ильина";
/// The title the keyboard-edited task gets.
const NEW_TITLE: &str = "Спланировать осенние встречи";

// ---- What the core says ------------------------------------------------------------------

async fn core_plan(app: &App, community: i64) -> Value {
    app.invoke("plan_get", json!({ "communityId": community }))
        .await
        .unwrap_or_else(|e| panic!("plan_get: {e}"))
}

async fn core_summary(app: &App, community: i64) -> Value {
    app.invoke("plan_summary", json!({ "communityId": community }))
        .await
        .unwrap_or_else(|e| panic!("plan_summary: {e}"))
}

fn all_tasks(plan: &Value) -> Vec<Value> {
    plan["stages"]
        .as_array()
        .expect("the plan has stages")
        .iter()
        .flat_map(|s| s["tasks"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The task ids of a stage, in order.
fn stage_ids(plan: &Value, stage: u64) -> Vec<i64> {
    plan["stages"]
        .as_array()
        .expect("the plan has stages")
        .iter()
        .find(|s| s["stage"] == stage)
        .and_then(|s| s["tasks"].as_array())
        .map(|tasks| tasks.iter().map(|t| t["id"].as_i64().unwrap()).collect())
        .unwrap_or_default()
}

/// Where the task with this uid is: (stage, position in the stage, the task).
fn locate_uid(plan: &Value, uid: &str) -> Option<(u64, usize, Value)> {
    for stage in plan["stages"].as_array()? {
        let tasks = stage["tasks"].as_array()?;
        if let Some(position) = tasks.iter().position(|t| t["uid"] == uid) {
            return Some((stage["stage"].as_u64()?, position, tasks[position].clone()));
        }
    }
    None
}

// ---- What the screen shows -----------------------------------------------------------------

/// Read in the page in one go: the board may be between two draws.
async fn page_text(app: &App, script: &str, args: Vec<Value>) -> String {
    app.exec(script, args)
        .await
        .as_str()
        .unwrap_or_default()
        .trim()
        .to_string()
}

async fn dialog_heading(app: &App) -> String {
    page_text(
        app,
        "return document.getElementById('task-dialog-heading')?.textContent ?? '';",
        vec![],
    )
    .await
}

async fn toast_text(app: &App) -> String {
    page_text(
        app,
        "return document.querySelector('#toast .toast-text')?.textContent ?? '';",
        vec![],
    )
    .await
}

async fn progress(app: &App, stage: u8) -> String {
    page_text(
        app,
        "return document.querySelector(`[data-testid=\"plan-stage-progress-${arguments[0]}\"]`)?.textContent ?? '';",
        vec![json!(stage)],
    )
    .await
}

async fn overall(app: &App) -> String {
    page_text(
        app,
        "return document.querySelector('[data-testid=\"plan-progress\"]')?.textContent ?? '';",
        vec![],
    )
    .await
}

/// The sidebar's overdue badge: its text, or "" when it is hidden.
async fn badge(app: &App) -> String {
    page_text(
        app,
        "const b = document.querySelector('[data-testid=\"nav-plan-badge\"]');
         return b && !b.hidden ? b.textContent : '';",
        vec![],
    )
    .await
}

/// The task ids a stage shows, top to bottom.
async fn shown(app: &App, stage: u8) -> Vec<i64> {
    let value = app
        .exec(
            "return [...document.querySelectorAll(`[data-testid=\"plan-stage-${arguments[0]}\"] [data-testid=\"plan-task\"]`)]
                 .map((r) => Number(r.dataset.taskId));",
            vec![json!(stage)],
        )
        .await;
    serde_json::from_value(value).expect("a list of task ids")
}

/// Every row on the board as shown: id, stage, done, overdue, owner, title, and the name a
/// screen reader reads out for it.
async fn rows(app: &App) -> Vec<Value> {
    let value = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=\"plan-task\"]')].map((r) => ({
                 id: Number(r.dataset.taskId),
                 stage: Number(r.dataset.stage),
                 done: r.classList.contains('is-done'),
                 overdue: r.classList.contains('is-overdue'),
                 owner: r.querySelector('[data-testid=\"plan-task-owner\"]')?.textContent.trim() ?? null,
                 title: r.querySelector('[data-testid=\"plan-task-title\"]')?.textContent.trim() ?? null,
                 name: r.getAttribute('aria-label'),
                 due: r.querySelector('[data-testid=\"plan-task-due\"]')?.textContent.trim() ?? null,
             }));",
            vec![],
        )
        .await;
    serde_json::from_value(value).expect("a list of rows")
}

/// Where the filter buttons are on screen: left, top, width of each, in pixels.
async fn filters_place(app: &App) -> Value {
    app.exec(
        "return [...document.querySelectorAll('[data-testid^=\"plan-filter-\"][aria-pressed]')].map((b) => {
             const r = b.getBoundingClientRect();
             return [Math.round(r.left), Math.round(r.top), Math.round(r.width)];
         });",
        vec![],
    )
    .await
}

/// The title a row shows.
async fn row_title(app: &App, id: i64) -> Option<String> {
    let value = app
        .exec(
            "return document.querySelector(`[data-testid=\"plan-task\"][data-task-id=\"${arguments[0]}\"] [data-testid=\"plan-task-title\"]`)?.textContent.trim() ?? null;",
            vec![json!(id)],
        )
        .await;
    value.as_str().map(str::to_string)
}

/// The task whose row has the keyboard focus, if a row has it.
async fn focused_task(app: &App) -> Option<i64> {
    app.exec(
        "const a = document.activeElement;
         return a && a.matches('[data-testid=\"plan-task\"]') ? Number(a.dataset.taskId) : null;",
        vec![],
    )
    .await
    .as_i64()
}

/// Wait until the row of task `id` has the keyboard focus and shows it with the focus ring.
async fn wait_focus(app: &App, id: i64, why: &str) {
    app.eventually(
        &format!("the row of task {id} to have the focus, with its ring ({why})"),
        || async {
            let ring = app
                .exec(
                    "const a = document.activeElement;
                     return Boolean(a?.matches(`[data-testid=\"plan-task\"][data-task-id=\"${arguments[0]}\"]:focus-visible`))
                         && getComputedStyle(a).outlineStyle !== 'none';",
                    vec![json!(id)],
                )
                .await;
            (ring == true).then_some(())
        },
    )
    .await
}

/// Start counting the plan screen's "the plan changed" notices (the sidebar badge listens to
/// them): a change announces itself once the screen holds the core's answer, so the next key
/// is pressed on a settled board, as a person's would be.
async fn count_changes(app: &App) {
    app.exec(
        "if (!('hearthPlanChanges' in window)) {
             window.hearthPlanChanges = 0;
             document.addEventListener('hearth:plan-changed', () => { window.hearthPlanChanges += 1; });
         }",
        vec![],
    )
    .await;
}

async fn changes(app: &App) -> u64 {
    app.exec("return window.hearthPlanChanges ?? 0;", vec![])
        .await
        .as_u64()
        .unwrap_or(0)
}

/// Wait until the screen has announced a change since `since` was read.
async fn settled(app: &App, since: u64, what: &str) {
    app.eventually(&format!("the board to settle after {what}"), || async {
        (changes(app).await > since).then_some(())
    })
    .await
}

#[tokio::test]
async fn plan_from_the_keyboard_in_russian() {
    let harness = Harness::builder("plan-keyboard")
        .locale("ru_RU.UTF-8")
        .build();
    let demo = harness.cli(&["demo", "--locale", "ru", "--json"]);
    demo.assert_success();
    let community = demo.json()["id"]
        .as_i64()
        .expect("the sample community's id");
    let mut app = harness.launch().await;
    app.wait("app-shell").await;
    app.wait_html_lang("ru").await;

    // ---- The sidebar counts the overdue tasks; the plan speaks Russian ---------------------
    let summary = core_summary(&app, community).await;
    let overdue = summary["overdue"].as_u64().expect("an overdue count");
    assert_eq!(
        overdue, 2,
        "the sample has two overdue launch tasks: {summary:#}"
    );
    app.wait("nav-plan-badge").await;
    app.wait_text("nav-plan-badge", "to count the overdue tasks", |t| {
        t.trim() == overdue.to_string()
    })
    .await;

    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let total = summary["total"].as_u64().unwrap() as usize;
    let done = summary["done"].as_u64().unwrap() as usize;
    assert_eq!((total, done), (16, 6), "the sample's plan: {summary:#}");
    app.wait_count("plan-task", "to show every task", |n| n == total)
        .await;
    let title = app.text("section-title").await;
    assert_eq!(title.trim(), "План");
    let plan = core_plan(&app, community).await;
    for stage in 1..=4u8 {
        let name = page_text(
            &app,
            "return document.querySelector(`[data-testid=\"plan-stage-${arguments[0]}\"] .stage-name`)?.textContent ?? '';",
            vec![json!(stage)],
        )
        .await;
        assert!(
            has_cyrillic(&name),
            "stage {stage} is titled in Russian: {name:?}"
        );
        assert_eq!(name, plan["stages"][usize::from(stage) - 1]["title"]);
        assert_eq!(
            shown(&app, stage).await,
            stage_ids(&plan, u64::from(stage)),
            "stage {stage} shows the core's tasks in the core's order"
        );
    }
    assert_eq!(overall(&app).await, "Выполнено 6 из 16");
    assert_eq!(progress(&app, 2).await, "2/4");
    // Every row is described by the keyboard help, which is on screen and in Russian.
    let help = page_text(
        &app,
        "const ids = new Set([...document.querySelectorAll('[data-testid=\"plan-task\"]')].map((r) => r.getAttribute('aria-describedby')));
         return ids.size === 1 ? document.getElementById([...ids][0])?.textContent ?? '' : '';",
        vec![],
    )
    .await;
    assert!(
        help.contains("Alt") && has_cyrillic(&help),
        "the rows' help: {help:?}"
    );
    assert!(
        app.visible("plan-task-help").await,
        "the keyboard help is on screen"
    );
    app.screenshot("plan-keyboard-01-ru").await;

    // ---- Filters ----------------------------------------------------------------------------
    // Overdue: exactly the rows the core counts, each marked overdue.
    app.click("plan-filter-overdue").await;
    app.wait_count("plan-task", "to show only the overdue tasks", |n| {
        n == overdue as usize
    })
    .await;
    let overdue_ids: Vec<i64> = all_tasks(&plan)
        .iter()
        .filter(|t| t["overdue"] == true)
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    for row in rows(&app).await {
        assert!(
            row["overdue"] == true,
            "an overdue-filtered row is overdue: {row}"
        );
        assert!(
            overdue_ids.contains(&row["id"].as_i64().unwrap()),
            "the core says it is overdue: {row}"
        );
        let due = row["due"].as_str().unwrap_or_default();
        assert!(due.starts_with("Просрочено"), "the row says so: {due:?}");
        // Read out short: the title and that it is overdue, not every line of the row.
        let title = row["title"].as_str().unwrap_or_default();
        assert_eq!(row["name"], format!("{title}, просрочена"), "{row}");
    }
    assert!(
        app.find_css_opt("[data-testid=\"plan-filter-overdue\"][aria-pressed=\"true\"]")
            .await
            .is_some(),
        "the overdue filter shows as chosen"
    );

    // Open: no done rows.
    app.click("plan-filter-open").await;
    app.wait_count("plan-task", "to show only the open tasks", |n| {
        n == total - done
    })
    .await;
    assert!(
        rows(&app).await.iter().all(|r| r["done"] == false),
        "no done task under «Открытые»"
    );

    // Mine: the organizer's own member record, which the sample has chosen: no question.
    assert_eq!(
        plan["ownMember"]["name"], ME,
        "the sample knows which member I am: {:#}",
        plan["ownMember"]
    );
    let owned_by = |name: &str| {
        let id = all_tasks(&plan)
            .iter()
            .find(|t| t["ownerName"] == name)
            .map(|t| t["ownerMemberId"].clone())
            .unwrap_or_else(|| panic!("{name} owns tasks in the sample"));
        assert!(
            id.is_i64(),
            "{name}'s tasks are linked to her member record"
        );
        all_tasks(&plan)
            .iter()
            .filter(|t| t["ownerMemberId"] == id)
            .count()
    };
    let filters_before = filters_place(&app).await;
    app.click("plan-filter-mine").await;
    let mine = owned_by(ME);
    app.wait_count(
        "plan-task",
        &format!("to show the {mine} tasks of {ME}"),
        |n| n == mine,
    )
    .await;
    assert!(
        app.find_opt("plan-my-name-dialog").await.is_none(),
        "no question: the sample's own member is known"
    );
    assert!(
        rows(&app).await.iter().all(|r| r["owner"] == ME),
        "every row under «Мои» is {ME}'s"
    );
    app.wait_text(
        "plan-my-name",
        "to name whose tasks «Мои» shows",
        |t| t.contains(ME),
    )
    .await;
    assert_eq!(
        filters_place(&app).await,
        filters_before,
        "the filter buttons stay where they were when «Мои» names its owner"
    );

    // "Это не вы?": another member is picked as "me" by part of her name, and kept by core.
    app.click("plan-my-name-change").await;
    app.wait("plan-my-name-dialog").await;
    app.clear("plan-my-name-input").await;
    app.type_text("plan-my-name-input", "ильин").await;
    app.wait_text(
        "plan-my-name-input-option",
        "to offer the member found by part of her name",
        |t| t.contains(OWNER),
    )
    .await;
    app.keys(&[], Key::Down).await;
    app.keys(&[], Key::Enter).await;
    assert_eq!(app.value("plan-my-name-input").await, OWNER, "picked");
    app.keys(&[], Key::Enter).await;
    app.wait_gone("plan-my-name-dialog").await;
    let owned = owned_by(OWNER);
    app.wait_count(
        "plan-task",
        &format!("to show the {owned} tasks of {OWNER}"),
        |n| n == owned,
    )
    .await;
    assert!(
        rows(&app).await.iter().all(|r| r["owner"] == OWNER),
        "every row under «Мои» is {OWNER}'s"
    );
    let as_owner = app.text("plan-my-name").await;
    assert!(
        as_owner.contains(OWNER),
        "the filter names its owner: {as_owner:?}"
    );
    let community_now = app
        .invoke("community_get", json!({ "id": community }))
        .await
        .expect("community_get");
    assert_eq!(
        core_plan(&app, community).await["ownMember"]["id"],
        community_now["ownMemberId"],
        "core keeps the member picked"
    );
    assert_eq!(core_plan(&app, community).await["ownMember"]["name"], OWNER);
    app.screenshot("plan-keyboard-01-ru-mine").await;

    // All: everything again.
    app.click("plan-filter-all").await;
    app.wait_count("plan-task", "to show every task again", |n| n == total)
        .await;
    assert!(
        !app.visible("plan-my-name").await,
        "no owner line under «Все»"
    );

    // ---- The keyboard ---------------------------------------------------------------------
    count_changes(&app).await;
    // The third task of stage 2, in progress, is the one worked on.
    let stage_2 = stage_ids(&plan, 2);
    let task = all_tasks(&plan)
        .into_iter()
        .find(|t| t["id"] == stage_2[2])
        .unwrap();
    let id = task["id"].as_i64().unwrap();
    let uid = task["uid"].as_str().unwrap().to_string();
    let old_title = task["title"].as_str().unwrap().to_string();
    assert_eq!(task["status"], "in_progress", "{task:#}");
    // From the filter just clicked, Tab goes on through the toolbar and lands on the board's
    // first row.
    let stage_1 = stage_ids(&plan, 1);
    let mut tabs = 0;
    while focused_task(&app).await.is_none() {
        tabs += 1;
        assert!(tabs <= 20, "Tab reaches the board");
        app.keys(&[], Key::Tab).await;
    }
    wait_focus(&app, stage_1[0], "Tab into the board").await;
    // A row is one Tab stop: Tab goes on to the next row, not into the row's checkbox, and
    // Shift+Tab comes back. The focused row's name is its title and its state.
    app.keys(&[], Key::Tab).await;
    wait_focus(&app, stage_1[1], "Tab to the next row").await;
    let second = rows(&app)
        .await
        .into_iter()
        .find(|r| r["id"] == stage_1[1])
        .expect("the second row");
    assert_eq!(
        second["name"],
        format!(
            "{}, выполнена",
            second["title"].as_str().unwrap_or_default()
        ),
        "a done row's name: {second}"
    );
    app.keys(&[Key::Shift], Key::Tab).await;
    wait_focus(&app, stage_1[0], "Shift+Tab back to the first row").await;
    // ArrowDown walks the rows of the whole board: through stage 1 into stage 2.
    let board_order: Vec<i64> = stage_1.iter().chain(&stage_2).copied().collect();
    for (i, next) in board_order
        .iter()
        .enumerate()
        .skip(1)
        .take(stage_1.len() + 2)
    {
        app.keys(&[], Key::Down).await;
        wait_focus(&app, *next, &format!("ArrowDown #{i}")).await;
    }
    app.keys(&[], Key::Up).await;
    wait_focus(&app, stage_2[1], "ArrowUp").await;
    app.keys(&[], Key::Down).await;
    wait_focus(&app, id, "ArrowDown back").await;

    // Space ticks it.
    let since = changes(&app).await;
    app.keys(&[], ' ').await;
    settled(&app, since, "Space").await;
    app.eventually("Space to tick the task (stage 2: 3/4, 7 of 16)", || async {
        (progress(&app, 2).await == "3/4" && overall(&app).await == "Выполнено 7 из 16")
            .then_some(())
    })
    .await;
    app.eventually("the core to have the task done", || async {
        let plan = core_plan(&app, community).await;
        let (_, _, t) = locate_uid(&plan, &uid)?;
        (t["status"] == "done").then_some(())
    })
    .await;
    let done_row = app
        .find_css_opt(&format!(
            "[data-testid=\"plan-task\"][data-task-id=\"{id}\"].is-done"
        ))
        .await;
    assert!(done_row.is_some(), "the row shows as done");
    wait_focus(&app, id, "after Space").await;

    // Alt+ArrowRight moves it to the end of stage 3.
    let since = changes(&app).await;
    app.keys(&[Key::Alt], Key::Right).await;
    settled(&app, since, "Alt+ArrowRight").await;
    app.eventually(
        "Alt+ArrowRight to move the task to the end of stage 3",
        || async {
            let s3 = shown(&app, 3).await;
            (s3.len() == 5 && s3.last() == Some(&id) && !shown(&app, 2).await.contains(&id))
                .then_some(())
        },
    )
    .await;
    assert_eq!(progress(&app, 2).await, "2/3");
    assert_eq!(progress(&app, 3).await, "1/5");
    let plan = app
        .eventually("the core to have the task last in stage 3", || async {
            let plan = core_plan(&app, community).await;
            (locate_uid(&plan, &uid).map(|(s, p, _)| (s, p)) == Some((3, 4))).then_some(plan)
        })
        .await;
    assert_eq!(shown(&app, 3).await, stage_ids(&plan, 3));
    wait_focus(&app, id, "after Alt+ArrowRight").await;
    // The toast (a live region) says where the task went, and offers Undo.
    let stage_3 = plan["stages"][2]["title"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        toast_text(&app).await,
        format!("Задача «{old_title}» теперь 5-я из 5 в этапе 3 «{stage_3}».")
    );
    assert_eq!(app.text("toast-undo").await.trim(), "Отменить");

    // Alt+ArrowUp moves it up one place within stage 3.
    let before_up = stage_ids(&plan, 3);
    let since = changes(&app).await;
    app.keys(&[Key::Alt], Key::Up).await;
    settled(&app, since, "Alt+ArrowUp").await;
    let mut expected_3 = before_up.clone();
    expected_3.swap(3, 4);
    app.eventually("Alt+ArrowUp to move the task up one place", || async {
        (shown(&app, 3).await == expected_3).then_some(())
    })
    .await;
    app.eventually("the core to keep the new order of stage 3", || async {
        (stage_ids(&core_plan(&app, community).await, 3) == expected_3).then_some(())
    })
    .await;
    wait_focus(&app, id, "after Alt+ArrowUp").await;

    // Delete removes it, with Undo offered.
    let since = changes(&app).await;
    app.keys(&[], Key::Delete).await;
    settled(&app, since, "Delete").await;
    let toast = toast_text(&app).await;
    assert_eq!(toast, format!("Задача «{old_title}» удалена."));
    let undo_label = app.text("toast-undo").await;
    assert_eq!(undo_label.trim(), "Отменить");
    app.eventually("the deleted row to leave stage 3", || async {
        let s3 = shown(&app, 3).await;
        (s3.len() == 4 && !s3.contains(&id)).then_some(())
    })
    .await;
    assert_eq!(progress(&app, 3).await, "0/4");
    assert_eq!(overall(&app).await, "Выполнено 6 из 15");
    let plan = core_plan(&app, community).await;
    assert!(locate_uid(&plan, &uid).is_none(), "the core deleted it");
    assert_eq!(plan["total"], 15);
    app.screenshot("plan-keyboard-02-deleted").await;

    // Ctrl+Z brings it back at the same stage and place.
    let since = changes(&app).await;
    app.keys(&[Key::Control], 'z').await;
    settled(&app, since, "Ctrl+Z").await;
    // The toast says so (read at once: it does not stay long).
    let toast = toast_text(&app).await;
    assert_eq!(toast, format!("Задача «{old_title}» восстановлена."));
    assert!(
        !app.visible("toast-undo").await,
        "Undo is no longer offered"
    );
    let restored = app
        .eventually("Ctrl+Z to restore the task in the core", || async {
            let plan = core_plan(&app, community).await;
            let (stage, position, t) = locate_uid(&plan, &uid)?;
            Some((stage, position, t))
        })
        .await;
    assert_eq!(
        (restored.0, restored.1),
        (3, 3),
        "restored where it was: {:#}",
        restored.2
    );
    assert_eq!(restored.2["status"], "done", "restored as it was");
    assert_eq!(restored.2["title"], old_title.as_str());
    let id = restored.2["id"].as_i64().unwrap();
    app.eventually("the restored row to be back in its place", || async {
        let s3 = shown(&app, 3).await;
        (s3.len() == 5 && s3.get(3) == Some(&id)).then_some(())
    })
    .await;
    assert_eq!(progress(&app, 3).await, "1/5");
    assert_eq!(overall(&app).await, "Выполнено 7 из 16");
    wait_focus(&app, id, "after Ctrl+Z").await;

    // Enter opens it; a new title is saved and shown.
    app.keys(&[], Key::Enter).await;
    app.wait("task-dialog").await;
    let heading = dialog_heading(&app).await;
    assert_eq!(heading, "Изменить задачу");
    assert_eq!(app.value("task-title").await, old_title);
    app.type_text("task-title", NEW_TITLE).await;
    let since = changes(&app).await;
    app.click("task-save").await;
    settled(&app, since, "saving the task").await;
    app.wait_gone("task-dialog").await;
    app.eventually("the row to show the new title", || async {
        (row_title(&app, id).await.as_deref() == Some(NEW_TITLE)).then_some(())
    })
    .await;
    let plan = core_plan(&app, community).await;
    let (stage, position, t) = locate_uid(&plan, &uid).expect("the task is there");
    assert_eq!((stage, position), (3, 3), "saving kept its place");
    assert_eq!(t["title"], NEW_TITLE);
    wait_focus(&app, id, "after saving").await;

    // Ctrl+N starts a new task in the stage at hand; Cancel adds nothing.
    app.keys(&[Key::Control], 'n').await;
    app.wait("task-dialog").await;
    let heading = dialog_heading(&app).await;
    assert_eq!(heading, "Новая задача");
    assert_eq!(app.value("task-title").await, "");
    assert_eq!(
        app.value("task-stage").await,
        "3",
        "the stage of the focused row"
    );
    app.click("task-cancel").await;
    app.wait_gone("task-dialog").await;
    assert_eq!(core_summary(&app, community).await["total"], 16);

    // ---- Ticking an overdue task lowers the badge --------------------------------------------
    let late = overdue_ids[0];
    let check = app
        .find_css_opt(&format!(
            "[data-testid=\"plan-task\"][data-task-id=\"{late}\"] [data-testid=\"plan-task-check\"]"
        ))
        .await
        .expect("the overdue task's checkbox");
    let since = changes(&app).await;
    app.click_element(&check, "the overdue task's checkbox")
        .await;
    settled(&app, since, "ticking the overdue task").await;
    let lower = (overdue - 1).to_string();
    app.eventually("the badge to count one overdue task less", || async {
        (badge(&app).await == lower).then_some(())
    })
    .await;
    assert_eq!(core_summary(&app, community).await["overdue"], overdue - 1);
    app.eventually("the ticked row to be done, no longer overdue", || async {
        let row = rows(&app).await.into_iter().find(|r| r["id"] == late)?;
        (row["done"] == true && row["overdue"] == false).then_some(())
    })
    .await;
    assert_eq!(progress(&app, 3).await, "2/5");
    app.screenshot("plan-keyboard-02-after").await;

    // ---- A relaunch keeps it all --------------------------------------------------------------
    let stage_3 = shown(&app, 3).await;
    app.relaunch().await;
    app.wait("app-shell").await;
    app.wait_text(
        "nav-plan-badge",
        "to count the overdue tasks after the relaunch",
        |t| t.trim() == lower,
    )
    .await;
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.wait_count("plan-task", "to show every task after the relaunch", |n| {
        n == total
    })
    .await;
    assert_eq!(shown(&app, 3).await, stage_3, "stage 3 kept its order");
    assert_eq!(row_title(&app, id).await.as_deref(), Some(NEW_TITLE));
    let checked = app
        .find_css_opt(&format!(
            "[data-testid=\"plan-task\"][data-task-id=\"{id}\"] [data-testid=\"plan-task-check\"]:checked"
        ))
        .await;
    assert!(checked.is_some(), "the task is still ticked");
    let plan = core_plan(&app, community).await;
    let (stage, position, t) = locate_uid(&plan, &uid).expect("the task outlived the relaunch");
    assert_eq!((stage, position), (3, 3));
    assert_eq!(t["title"], NEW_TITLE);
    assert_eq!(progress(&app, 3).await, "2/5");
    assert_eq!(overall(&app).await, "Выполнено 8 из 16");

    app.stop_app().await;
    assert_eq!(app.check()["ok"], true);
}
