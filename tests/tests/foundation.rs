//! The foundation journey: first run → create a community from the Russian template → fill
//! and save the charter → it survives a relaunch → validation keeps bad input out → switch the
//! interface to English → back up. A screenshot of each main screen in both languages lands in
//! `target/e2e-screens/foundation-*.png`.

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{all_strings, any_string, has_cyrillic, App, Harness};

const NAME: &str = "Клуб разработчиков Rust";
const MISSION: &str = "Помогать разработчикам расти: встречи, разборы кода, наставничество.";
const UNIQUE: &str = "Единственное сообщество в городе, где разбирают реальный код участников.";
const RESULTS: &str = "Two talks a month; five members give their first talk this year.";
const KIND: &str = "technology";
const AUDIENCES: [&str; 2] = ["newcomers", "experienced"];
const FORMATS: [&str; 1] = ["offline_events"];
const ALL_AUDIENCES: [&str; 4] = ["newcomers", "mid_level", "experienced", "leaders"];
const ALL_FORMATS: [&str; 4] = [
    "online_groups",
    "offline_events",
    "webinars_conferences",
    "joint_projects",
];

async fn open_charter(app: &App) {
    app.wait("app-shell").await;
    app.click("nav-charter").await;
    app.wait("charter-form").await;
}

/// The charter shows exactly what was saved.
async fn assert_charter_saved(app: &App, when: &str) {
    assert_eq!(app.value("charter-name").await, NAME, "charter name {when}");
    assert_eq!(
        app.value("charter-mission").await,
        MISSION,
        "mission {when}"
    );
    assert_eq!(app.value("charter-kind").await, KIND, "kind {when}");
    assert_eq!(
        app.value("charter-unique-value").await,
        UNIQUE,
        "unique value {when}"
    );
    for a in ALL_AUDIENCES {
        let id = format!("charter-audience-{a}");
        assert_eq!(
            app.checked(&id).await,
            AUDIENCES.contains(&a),
            "{id} {when}"
        );
    }
    for f in ALL_FORMATS {
        let id = format!("charter-format-{f}");
        assert_eq!(app.checked(&id).await, FORMATS.contains(&f), "{id} {when}");
    }
}

#[tokio::test]
async fn foundation_journey() {
    // A Russian desktop: the language was never chosen, so the UI follows the system locale.
    let harness = Harness::builder("foundation").locale("ru_RU.UTF-8").build();
    let mut app = harness.launch().await;

    // ---- First run: the welcome screen, in Russian --------------------------------------
    app.wait("welcome").await;
    app.wait_html_lang("ru").await;
    assert!(
        !app.visible("app-shell").await,
        "first run shows the welcome screen, not the app shell"
    );
    app.wait("welcome-name").await;
    app.wait("welcome-demo").await;
    let welcome_ru = app.text("welcome").await;
    app.screenshot("foundation-01-welcome-ru").await;

    // ---- Create the community from the Russian template ---------------------------------
    app.type_text("welcome-name", NAME).await;
    app.click("welcome-template-ru").await;
    assert!(
        app.checked("welcome-template-ru").await,
        "the Russian template is chosen"
    );
    app.click("welcome-create").await;
    app.wait("app-shell").await;
    app.wait("charter-form").await;
    app.wait_gone("welcome").await;
    assert_eq!(
        app.value("charter-name").await,
        NAME,
        "the charter opens with the new community's name"
    );
    let switcher_label = app.selected_label("community-switcher").await;
    assert_eq!(
        switcher_label, NAME,
        "the community switcher shows the new community"
    );

    // ---- Fill the charter and save ------------------------------------------------------
    app.type_text("charter-mission", MISSION).await;
    app.select("charter-kind", KIND).await;
    for a in AUDIENCES {
        app.set_checked(&format!("charter-audience-{a}"), true)
            .await;
    }
    for f in FORMATS {
        app.set_checked(&format!("charter-format-{f}"), true).await;
    }
    app.type_text("charter-unique-value", UNIQUE).await;
    app.click("charter-save").await;
    app.wait_text("charter-status", "to say «Сохранено»", |t| {
        t.contains("Сохранено")
    })
    .await;
    assert!(
        !app.visible("charter-name-error").await,
        "no error after a valid save"
    );
    let title_charter_ru = app.text("section-title").await;
    assert!(
        has_cyrillic(&title_charter_ru),
        "Russian section title, got {title_charter_ru:?}"
    );
    app.screenshot("foundation-02-charter-ru").await;

    // ---- The app is closed: the file is sound and the CLI sees the community -------------
    app.stop_app().await;
    let report = app.check();
    assert_eq!(
        report["ok"], true,
        "hearth check after the first save: {report:#}"
    );
    let list = app.cli(&["community", "list", "--json"]);
    list.assert_success();
    assert!(
        any_string(&list.json(), &|s| s == NAME),
        "`hearth community list --json` lists {NAME:?}:\n{}",
        list.stdout
    );

    // ---- Relaunch: everything typed is still there ---------------------------------------
    app.start_app().await;
    open_charter(&app).await;
    app.wait_html_lang("ru").await;
    assert_charter_saved(&app, "after relaunch").await;

    // ---- Validation: an empty name is refused and nothing is written ---------------------
    app.clear("charter-name").await;
    app.click("charter-save").await;
    let error_text = app.text("charter-name-error").await;
    assert!(
        !error_text.trim().is_empty(),
        "charter-name-error has a message"
    );
    assert!(
        has_cyrillic(&error_text),
        "the error is in Russian, got {error_text:?}"
    );
    assert!(
        !app.text("charter-status").await.contains("Сохранено"),
        "a refused save does not say «Сохранено»"
    );
    app.screenshot("foundation-03-charter-error-ru").await;
    app.relaunch().await;
    open_charter(&app).await;
    assert_eq!(
        app.value("charter-name").await,
        NAME,
        "the refused save wrote nothing"
    );
    assert!(
        !app.visible("charter-name-error").await,
        "no stale error after relaunch"
    );

    // ---- The plan, in Russian -----------------------------------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let title_plan_ru = app.text("section-title").await;
    assert!(
        has_cyrillic(&title_plan_ru),
        "Russian Plan title, got {title_plan_ru:?}"
    );
    assert_ne!(
        title_plan_ru, title_charter_ru,
        "the section title follows the section"
    );
    app.screenshot("foundation-04-plan-ru").await;

    // ---- Settings: switch the interface to English ----------------------------------------
    app.click("nav-settings").await;
    app.wait("settings-language").await;
    let title_settings_ru = app.text("section-title").await;
    assert!(
        has_cyrillic(&title_settings_ru),
        "Russian Settings title, got {title_settings_ru:?}"
    );
    assert_eq!(
        app.selected_label("settings-language").await,
        "Как в системе (Русский)",
        "the language select says the system's language is followed"
    );
    app.screenshot("foundation-05-settings-ru").await;

    app.select("settings-language", "en").await;
    app.wait_html_lang("en").await;
    let title_settings_en = app
        .wait_text("section-title", "to change to English", |t| {
            !t.trim().is_empty() && t != title_settings_ru && !has_cyrillic(t)
        })
        .await;
    eprintln!("[e2e] settings title: {title_settings_ru:?} -> {title_settings_en:?}");
    app.wait("settings-language").await;
    app.screenshot("foundation-06-settings-en").await;

    // ---- Backups: "back up now" adds a row --------------------------------------------------
    app.wait("backup-list").await;
    let before = app.count("backup-row").await;
    app.click("backup-now").await;
    let after = app
        .wait_count("backup-row", &format!("to grow past {before}"), |n| {
            n > before
        })
        .await;
    assert_eq!(after, before + 1, "one backup added");
    app.screenshot("foundation-07-settings-backup-en").await;

    // ---- The integrity check from the UI ---------------------------------------------------
    app.click("check-now").await;
    let result = app
        .wait_text("check-result", "to be non-empty", |t| !t.trim().is_empty())
        .await;
    eprintln!("[e2e] check-result: {result:?}");

    // ---- The other screens, in English -------------------------------------------------------
    open_charter(&app).await;
    let title_charter_en = app.text("section-title").await;
    assert!(
        !has_cyrillic(&title_charter_en),
        "English Charter title, got {title_charter_en:?}"
    );
    assert_charter_saved(&app, "in English").await;
    // The community's own text stays as typed, whatever the UI language.
    app.screenshot("foundation-08-charter-en").await;

    // Ctrl+S saves, in English "Saved".
    app.type_text("charter-expected-results", RESULTS).await;
    app.press("charter-expected-results", &[Key::Control], "s")
        .await;
    app.wait_text("charter-status", "to say \"Saved\"", |t| {
        t.contains("Saved")
    })
    .await;

    // The plan and the other sections, each with its own screen.
    let mut titles_seen = Vec::new();
    for (i, section) in ["plan", "members", "calendar", "metrics"]
        .into_iter()
        .enumerate()
    {
        app.click(&format!("nav-{section}")).await;
        app.wait(match section {
            "plan" => "plan-board",
            "members" => "members-roster",
            "calendar" => "calendar-grid",
            _ => "metrics-content",
        })
        .await;
        let title = app
            .wait_text("section-title", "to name a new section", |t| {
                !t.trim().is_empty() && !titles_seen.iter().any(|c: &String| c == t)
            })
            .await;
        assert!(
            !has_cyrillic(&title),
            "English {section} title, got {title:?}"
        );
        if section == "plan" {
            // A community made from the Russian template keeps its Russian tasks in an English UI.
            let tasks = app
                .exec(
                    "return [...document.querySelectorAll('[data-testid=\"plan-task-title\"]')].map((e) => e.textContent);",
                    vec![],
                )
                .await;
            let tasks = all_strings(&tasks);
            assert_eq!(
                tasks.len(),
                16,
                "the template's tasks are all there: {tasks:?}"
            );
            assert!(
                tasks.iter().all(|t| has_cyrillic(t)),
                "tasks kept their language: {tasks:?}"
            );
        }
        titles_seen.push(title);
        app.screenshot(&format!("foundation-{:02}-{section}-en", 9 + i))
            .await;
    }

    // ---- The chosen language outlives a relaunch on a Russian system ---------------------------
    app.relaunch().await;
    app.wait("app-shell").await;
    app.wait_html_lang("en").await;
    open_charter(&app).await;
    assert_eq!(
        app.value("charter-expected-results").await,
        RESULTS,
        "Ctrl+S saved the expected results"
    );

    // ---- The welcome screen in English: "New community…" in the switcher -------------------
    app.pick_option("community-switcher", "__new__").await;
    app.wait("welcome").await;
    app.wait("welcome-name").await;
    let welcome_en = app.text("welcome").await;
    // (Not "no Cyrillic at all": the Russian template may well be labelled «Русский».)
    assert_ne!(
        welcome_en, welcome_ru,
        "the welcome screen changed language"
    );
    app.screenshot("foundation-13-welcome-en").await;

    // ---- Closed cleanly: the file is still sound -----------------------------------------------
    app.stop_app().await;
    let report = app.check();
    assert_eq!(report["ok"], true, "hearth check at the end: {report:#}");
}
