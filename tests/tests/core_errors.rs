//! Core is the one validator: the platform dialog and the charter send what was typed, and
//! core's refusal appears under the field core names, in the interface's language, with
//! nothing written (read back through the command line, as stored).
//!
//! The page's calls into core are watched, so a check in the interface that refused the
//! input before asking core (and wrote the same words) would fail this journey: every
//! refusal on screen must be the answer of a command that was called, naming that field and
//! that rule.

use hearth_e2e::{json, App, Harness, Value};

/// What the person sees under the fields, in each language (core's field and rule, put into
/// words by the interface).
struct Words {
    lang: &'static str,
    url_not_web_link: &'static str,
    name_required: &'static str,
    count_not_whole: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    url_not_web_link: "Enter a link that starts with http:// or https://",
    name_required: "Name is required",
    count_not_whole: "Enter a whole number, 0 or more",
};

const RUSSIAN: Words = Words {
    lang: "ru",
    url_not_web_link: "Укажите ссылку, которая начинается с http:// или https://",
    name_required: "Заполните поле «Название»",
    count_not_whole: "Укажите целое число, 0 или больше",
};

/// The community as stored: its printed plan (charter, platforms, tasks) and its listing
/// (name and when it was last changed), read through the CLI beside the running app. The
/// print date is left out: it is written in the interface's language, which the journey
/// changes on purpose.
fn stored(harness: &Harness) -> (String, Value) {
    let printed = harness.cli(&["print", "plan", "--community", "1"]);
    printed.assert_success();
    let plan: Vec<&str> = printed
        .stdout
        .lines()
        .filter(|line| !line.contains("class=\"meta\""))
        .collect();
    assert!(
        plan.iter().any(|line| line.contains("<h1>")),
        "the printed plan has its heading:\n{}",
        printed.stdout
    );
    let listed = harness.cli(&["--json", "community", "list"]);
    listed.assert_success();
    (plan.join("\n"), listed.json())
}

/// Watches the page's calls into core from here on: each command's name, and the error it
/// was refused with. The api layer looks the invoke function up at every call, so a wrapped
/// one sees them all. A reload (the language switch may do one) drops it: install again.
async fn watch_core_calls(app: &App) {
    let installed = app
        .exec(
            r#"
            const tauri = window.__TAURI__;
            if (window.__coreCalls && tauri.core.invoke.watching) return true;
            const original = tauri.core.invoke;
            const calls = (window.__coreCalls = []);
            const watching = async (command, args, options) => {
                const call = { command, refused: null };
                calls.push(call);
                try {
                    return await original(command, args, options);
                } catch (error) {
                    call.refused = error;
                    throw error;
                }
            };
            watching.watching = true;
            tauri.core = { ...tauri.core, invoke: watching };
            return window.__TAURI__.core.invoke === watching;
            "#,
            vec![],
        )
        .await;
    assert_eq!(installed, true, "the page's calls into core are watched");
}

/// The calls into core since the last look, and forgets them.
async fn core_calls(app: &App) -> Vec<Value> {
    let calls = app
        .exec(
            "const calls = window.__coreCalls.splice(0); return calls;",
            vec![],
        )
        .await;
    calls.as_array().cloned().unwrap_or_default()
}

/// Waits for core's refusal under `field_id`'s error line, checks the words and the invalid
/// mark, and that the words answer a call of `command` that core refused for `field` and
/// `rule` (so no check in the interface stood in for core).
async fn refused_by_core(
    app: &App,
    field_id: &str,
    command: &str,
    field: &str,
    rule: &str,
    words: &str,
) {
    let error = format!("{field_id}-error");
    let shown = app
        .wait_text(&error, &format!("core's refusal under {field_id}"), |t| {
            !t.trim().is_empty()
        })
        .await;
    assert_eq!(shown.trim(), words, "the words under {field_id}");
    let invalid = app
        .exec(
            "return document.querySelector(`[data-testid=\"${arguments[0]}\"]`).getAttribute('aria-invalid');",
            vec![json!(field_id)],
        )
        .await;
    assert_eq!(invalid, "true", "{field_id} is marked invalid");
    let calls = core_calls(app).await;
    let answered: Vec<&Value> = calls.iter().filter(|c| c["command"] == command).collect();
    assert_eq!(
        answered.len(),
        1,
        "the save called {command} once: {calls:#?}"
    );
    let refusal = &answered[0]["refused"];
    assert_eq!(refusal["code"], "invalid_input", "{refusal:#}");
    assert_eq!(refusal["field"], field, "core names the field: {refusal:#}");
    assert_eq!(refusal["rule"], rule, "core names the rule: {refusal:#}");
}

/// The platform dialog, in the language of `words`: a link that is not a web link, one that
/// is no link at all, a blank name and a member count that is not a whole number are each
/// refused by core under their field; Cancel closes the dialog.
async fn platform_dialog(app: &App, words: &Words) {
    let shot = |n: &str| format!("core-errors-{n}-{}", words.lang);
    app.click("platform-add").await;
    app.wait("platform-dialog").await;
    app.type_text("platform-name", "Old forum").await;

    for link in ["ftp://forum.example.org", "not a link"] {
        app.type_text("platform-url", link).await;
        app.click("platform-save").await;
        refused_by_core(
            app,
            "platform-url",
            "platform_create",
            "url",
            "invalid_format",
            words.url_not_web_link,
        )
        .await;
        assert!(
            app.visible("platform-dialog").await,
            "the dialog stays open"
        );
    }
    // The first picture of a dialog is often a frame behind in WebKitWebDriver: one thrown
    // away and a short pause give what a person sees.
    let _ = app.client().screenshot().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot(&shot("01-platform-url")).await;

    app.type_text("platform-url", "https://forum.example.org")
        .await;
    app.type_text("platform-members", "1.5").await;
    app.click("platform-save").await;
    refused_by_core(
        app,
        "platform-members",
        "platform_create",
        "memberCount",
        "invalid_format",
        words.count_not_whole,
    )
    .await;
    app.screenshot(&shot("02-platform-members")).await;

    app.type_text("platform-members", "").await;
    app.type_text("platform-name", "   ").await;
    app.click("platform-save").await;
    refused_by_core(
        app,
        "platform-name",
        "platform_create",
        "name",
        "required",
        words.name_required,
    )
    .await;

    app.click("platform-cancel").await;
    app.wait_gone("platform-dialog").await;
}

/// The charter with its name emptied: core's "required" under Name, not saved; the name is
/// then typed back, so nothing is left to save.
async fn charter_without_a_name(app: &App, words: &Words, name: &str) {
    app.clear("charter-name").await;
    app.click("charter-save").await;
    refused_by_core(
        app,
        "charter-name",
        "community_update",
        "name",
        "required",
        words.name_required,
    )
    .await;
    app.screenshot(&format!("core-errors-03-charter-name-{}", words.lang))
        .await;
    app.type_text("charter-name", name).await;
}

#[tokio::test]
async fn core_refuses_under_the_field_and_nothing_is_written() {
    const NAME: &str = "Guild";
    let harness = Harness::new("core-errors");
    harness
        .cli(&["community", "create", "--name", NAME, "--template", "en"])
        .assert_success();
    let before = stored(&harness);
    assert!(!before.0.contains("forum.example.org"), "no platform yet");

    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.wait("platforms").await;
    app.wait_html_lang("en").await;
    watch_core_calls(&app).await;

    // ---- English ----------------------------------------------------------------------------
    platform_dialog(&app, &ENGLISH).await;
    charter_without_a_name(&app, &ENGLISH, NAME).await;
    assert_eq!(stored(&app), before, "nothing was written (English)");

    // ---- Russian: the same refusals, in Russian ----------------------------------------------
    app.click("nav-settings").await;
    app.select("settings-language", "ru").await;
    app.wait_html_lang("ru").await;
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.wait("platforms").await;
    watch_core_calls(&app).await;
    core_calls(&app).await;

    platform_dialog(&app, &RUSSIAN).await;
    charter_without_a_name(&app, &RUSSIAN, NAME).await;
    assert_eq!(stored(&app), before, "nothing was written (Russian)");

    // ---- And what core takes is saved: the dialog was in the way of nothing else ----------
    app.click("platform-add").await;
    app.wait("platform-dialog").await;
    app.type_text("platform-name", "Old forum").await;
    app.type_text("platform-url", " https://forum.example.org ")
        .await;
    app.type_text("platform-members", " 120 ").await;
    app.click("platform-save").await;
    app.wait_gone("platform-dialog").await;
    app.wait_count("platform-row", "to list the new platform", |n| n == 1)
        .await;
    let platforms = app
        .invoke("platform_list", json!({ "communityId": 1 }))
        .await
        .expect("platform_list");
    assert_eq!(
        platforms[0]["url"], "https://forum.example.org/",
        "stored as core writes the link: {platforms:#}"
    );
    assert_eq!(
        platforms[0]["memberCount"], 120,
        "the typed count, read by core: {platforms:#}"
    );

    app.shutdown().await;
}
