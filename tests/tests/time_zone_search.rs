//! The charter's time zone is picked, not typed blind: in English, typing "Lisbon" lists
//! "Lisbon — Portugal", ArrowDown and Enter pick it, and the saved charter holds
//! Europe/Lisbon after a relaunch; in Russian, "Москва" lists "Москва — Россия", Escape
//! closes the list and a click picks it, and Europe/Moscow is saved. The field is an ARIA
//! combobox (role, aria-expanded, aria-controls, aria-activedescendant); a complete IANA id
//! typed without the list is still saved as it is, a name nothing matches says so, and a
//! country lists its zones. The open list is photographed in both languages
//! (`time-zone-search-*.png`).

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness, Value};

const FIELD: &str = "charter-time-zone";
const LIST: &str = "charter-time-zone-list";
const OPTION: &str = "charter-time-zone-option";
const NAME: &str = "charter-time-zone-name";

async fn open_charter(app: &App) {
    app.wait("app-shell").await;
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.wait(FIELD).await;
}

/// The combobox's state as assistive technology sees it.
async fn combobox_state(app: &App) -> Value {
    app.exec(
        r#"
        const input = document.querySelector('[data-testid="charter-time-zone"]');
        const list = document.getElementById(input.getAttribute('aria-controls'));
        const active = input.getAttribute('aria-activedescendant');
        const options = list ? [...list.querySelectorAll('[role="option"]')] : [];
        return {
            role: input.getAttribute('role'),
            expanded: input.getAttribute('aria-expanded'),
            listRole: list ? list.getAttribute('role') : null,
            listLabel: list ? list.getAttribute('aria-label') : null,
            listShown: list ? !list.hidden && list.checkVisibility() : false,
            focused: document.activeElement === input,
            active,
            activeText: active ? document.getElementById(active)?.innerText ?? null : null,
            selected: options.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.id),
            options: options.map((o) => o.innerText.replace(/\s+/g, ' ').trim()),
        };
        "#,
        vec![],
    )
    .await
}

/// Types `text` into the time-zone field and waits for the list to show an option that
/// contains `expected`; returns the options' texts.
async fn search(app: &App, text: &str, expected: &str) -> Vec<String> {
    app.type_text(FIELD, text).await;
    let this = app;
    app.eventually(
        &format!("the list for {text:?} to offer {expected:?}"),
        || async move {
            let state = combobox_state(this).await;
            let options: Vec<String> = state["options"]
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(|o| o.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            (state["listShown"] == true && options.iter().any(|o| o.contains(expected)))
                .then_some(options)
        },
    )
    .await
}

/// Brings the field to the middle of the window, its open list below it, and photographs
/// them. Right after a scroll the WebDriver screenshot can still show the frame before it:
/// one is thrown away first.
async fn screenshot_list(app: &App, name: &str) {
    let shown = app
        .exec(
            r#"
            const field = document.querySelector('[data-testid="charter-time-zone"]');
            field.scrollIntoView({ block: 'center' });
            const list = document.querySelector('[data-testid="charter-time-zone-list"]');
            return list.getBoundingClientRect().bottom <= window.innerHeight;
            "#,
            vec![],
        )
        .await;
    assert_eq!(shown, true, "{name}: the list is wholly in the window");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let _ = app.client().screenshot().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot(name).await;
}

/// The stored charter's zone, read through the same command the charter uses.
async fn stored_zone(app: &App) -> String {
    let communities = app
        .invoke("community_list", json!({}))
        .await
        .expect("community_list");
    let id = communities[0]["id"].clone();
    let community = app
        .invoke("community_get", json!({ "id": id }))
        .await
        .expect("community_get");
    community["timeZone"]
        .as_str()
        .unwrap_or_else(|| panic!("a community with a time zone: {community:#}"))
        .to_string()
}

async fn save(app: &App) {
    app.click("charter-save").await;
    app.wait_text("charter-status", "to say the charter was saved", |t| {
        t == "Saved" || t == "Сохранено"
    })
    .await;
}

#[tokio::test]
async fn time_zone_search_in_both_languages() {
    let harness = Harness::new("time-zone-search");
    harness
        .cli(&[
            "community",
            "create",
            "--name",
            "Lisbon Rustaceans",
            "--template",
            "en",
            "--time-zone",
            "UTC",
        ])
        .assert_success();
    let mut app = harness.launch().await;
    open_charter(&app).await;

    // ---- The field as it opens: the stored id, named in words below it ---------------------
    assert_eq!(app.value(FIELD).await, "UTC");
    let name = app
        .wait_text(NAME, "to name the stored zone", |t| !t.is_empty())
        .await;
    assert_eq!(name, "Coordinated Universal Time (UTC+0)");
    let closed = combobox_state(&app).await;
    assert_eq!(closed["role"], "combobox", "{closed:#}");
    assert_eq!(closed["expanded"], "false", "{closed:#}");
    assert_eq!(
        closed["listRole"], "listbox",
        "aria-controls names the list: {closed:#}"
    );
    assert_eq!(closed["listLabel"], "Time zones", "{closed:#}");
    assert_eq!(closed["listShown"], false, "{closed:#}");

    // ---- English: "Lisbon", ArrowDown, Enter --------------------------------------------------
    let options = search(&app, "Lisbon", "Lisbon — Portugal").await;
    assert!(
        options[0].starts_with("Lisbon — Portugal (UTC+") && options[0].ends_with("Europe/Lisbon"),
        "Lisbon comes first, with its country, offset and id: {options:?}"
    );
    let open = combobox_state(&app).await;
    assert_eq!(open["expanded"], "true", "{open:#}");
    assert_eq!(
        open["active"],
        Value::Null,
        "nothing is active before the arrows: {open:#}"
    );
    assert_eq!(
        app.value("charter-name").await,
        "Lisbon Rustaceans",
        "typing in the zone touched no other field"
    );

    app.keys(&[], Key::Down).await;
    let moved = combobox_state(&app).await;
    assert!(
        moved["activeText"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Lisbon — Portugal"),
        "ArrowDown makes the first option active: {moved:#}"
    );
    assert_eq!(moved["selected"], json!([moved["active"]]), "{moved:#}");
    assert_eq!(
        moved["focused"], true,
        "the focus stays in the field: {moved:#}"
    );
    screenshot_list(&app, "time-zone-search-01-list-en").await;
    app.keys(&[], Key::Down).await;
    app.keys(&[], Key::Up).await;
    let back = combobox_state(&app).await;
    assert_eq!(
        back["active"], moved["active"],
        "ArrowUp goes back: {back:#}"
    );

    app.keys(&[], Key::Enter).await;
    assert_eq!(
        app.value(FIELD).await,
        "Europe/Lisbon",
        "Enter picks the zone's id"
    );
    let picked = combobox_state(&app).await;
    assert_eq!(picked["expanded"], "false", "the list closes: {picked:#}");
    assert_eq!(picked["listShown"], false, "{picked:#}");
    assert_eq!(picked["active"], Value::Null, "{picked:#}");
    let name = app
        .wait_text(NAME, "to name Lisbon", |t| t.starts_with("Lisbon"))
        .await;
    assert!(name.starts_with("Lisbon — Portugal (UTC+"), "{name:?}");
    app.wait_text("charter-status", "to see the unsaved change", |t| {
        t == "Unsaved changes"
    })
    .await;
    save(&app).await;
    assert_eq!(stored_zone(&app).await, "Europe/Lisbon");

    // ---- Kept after a relaunch ----------------------------------------------------------------
    app.relaunch().await;
    open_charter(&app).await;
    assert_eq!(app.value(FIELD).await, "Europe/Lisbon", "after a relaunch");
    assert_eq!(stored_zone(&app).await, "Europe/Lisbon");
    app.wait_text(NAME, "to name Lisbon after a relaunch", |t| {
        t.starts_with("Lisbon — Portugal")
    })
    .await;

    // ---- A complete id typed without the list still counts; nonsense says so ---------------
    search(&app, "Asia/Tokyo", "Tokyo — Japan").await;
    app.keys(&[], Key::Escape).await;
    let escaped = combobox_state(&app).await;
    assert_eq!(
        escaped["expanded"], "false",
        "Escape closes the list: {escaped:#}"
    );
    assert_eq!(
        app.value(FIELD).await,
        "Asia/Tokyo",
        "Escape keeps the text"
    );
    save(&app).await;
    assert_eq!(stored_zone(&app).await, "Asia/Tokyo");

    app.type_text(FIELD, "Atlantis").await;
    app.wait_text("charter-time-zone-empty", "to say nothing matches", |t| {
        t == "No time zone matches “Atlantis”."
    })
    .await;
    app.keys(&[], Key::Escape).await;
    app.wait_gone("charter-time-zone-empty").await;

    // ---- Russian: "Москва", Escape, then a click ----------------------------------------------
    app.click("nav-settings").await;
    app.select("settings-language", "ru").await;
    app.wait_html_lang("ru").await;
    open_charter(&app).await;
    // The unsaved "Atlantis" is kept as a draft across the switch; the search replaces it.
    // A country lists its zones, the most populous first.
    let options = search(&app, "Португалия", "Лиссабон — Португалия").await;
    assert_eq!(options.len(), 3, "{options:?}");
    assert!(
        options.iter().all(|o| o.contains(" — Португалия (UTC")),
        "{options:?}"
    );
    assert!(options[0].starts_with("Лиссабон"), "{options:?}");
    screenshot_list(&app, "time-zone-search-03-country-ru").await;

    let options = search(&app, "Москва", "Москва — Россия").await;
    assert!(
        options[0].starts_with("Москва — Россия (UTC+3)") && options[0].ends_with("Europe/Moscow"),
        "Moscow comes first, named in Russian: {options:?}"
    );
    let open = combobox_state(&app).await;
    assert_eq!(open["listLabel"], "Часовые пояса", "{open:#}");
    screenshot_list(&app, "time-zone-search-02-list-ru").await;

    app.keys(&[], Key::Escape).await;
    let escaped = combobox_state(&app).await;
    assert_eq!(
        escaped["expanded"], "false",
        "Escape closes the list: {escaped:#}"
    );
    assert_eq!(
        app.value(FIELD).await,
        "Москва",
        "Escape keeps what was typed"
    );
    assert!(
        app.visible("charter-form").await,
        "Escape closed only the list"
    );

    app.keys(&[], Key::Down).await;
    let this = &app;
    let reopened = app
        .eventually("ArrowDown to open the list again", || async move {
            let state = combobox_state(this).await;
            (state["expanded"] == "true").then_some(state)
        })
        .await;
    assert!(
        reopened["activeText"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Москва"),
        "with its first option active: {reopened:#}"
    );
    let first = app.find_all(OPTION).await;
    app.click_element(&first[0], "the first time-zone option")
        .await;
    assert_eq!(
        app.value(FIELD).await,
        "Europe/Moscow",
        "a click picks the zone's id"
    );
    app.wait_text(NAME, "to name Moscow in Russian", |t| {
        t == "Москва — Россия (UTC+3)"
    })
    .await;
    save(&app).await;
    assert_eq!(stored_zone(&app).await, "Europe/Moscow");
    assert!(!app.visible(LIST).await, "the list is closed after picking");

    app.relaunch().await;
    app.wait_html_lang("ru").await;
    open_charter(&app).await;
    assert_eq!(
        app.value(FIELD).await,
        "Europe/Moscow",
        "after a relaunch in Russian"
    );
    assert_eq!(stored_zone(&app).await, "Europe/Moscow");

    app.shutdown().await;
}
