//! The shell around a community: the sample community says it is one (a banner above its
//! content, in English and Russian, whose "New community" opens the new-community form); a
//! "New community" button in the sidebar, in sight; a long community name ends with an
//! ellipsis in the switcher, the whole name in its tooltip; the interface language goes back
//! to following the system, and that choice outlives a relaunch; at 800×600 the welcome and
//! the charter keep their primary action in the window with nothing to scroll sideways, and
//! the Russian welcome fits the default window (1100×720) whole. When the desktop's font is
//! not installed (`system-ui` resolves to the very face `sans-serif` does, as `fc-match`
//! tells), the interface asks for `sans-serif` directly, and otherwise for `system-ui`.
//!
//! Screenshots: `target/e2e-screens/shell-*.png`, both languages at both sizes.

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{has_cyrillic, json, App, Harness, Value};

/// The window Hearth opens with, and the smallest it is checked at.
const DEFAULT_SIZE: (u32, u32) = (1100, 720);
const SMALL_SIZE: (u32, u32) = (800, 600);

const LONG_NAME: &str =
    "The Extraordinarily Long-Named Association of Data and Platform Engineers of Lisbon";

/// Where the element is, against the window: a person sees all of it without scrolling.
async fn assert_in_window(app: &App, id: &str, when: &str) {
    app.wait(id).await;
    let found = app
        .exec(
            "const r = document.querySelector(`[data-testid=\"${arguments[0]}\"]`).getBoundingClientRect();
             return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                     width: window.innerWidth, height: window.innerHeight};",
            vec![json!(id)],
        )
        .await;
    let at = |k: &str| found[k].as_f64().unwrap_or(f64::NAN);
    assert!(
        at("left") >= 0.0
            && at("top") >= 0.0
            && at("right") <= at("width")
            && at("bottom") <= at("height"),
        "{id} {when} is not wholly in the window: {found}"
    );
}

/// Nothing on the page is wider than its box: no sideways scrolling anywhere.
async fn assert_no_sideways_scroll(app: &App, when: &str) {
    let wide = app
        .exec(
            "const boxes = [document.documentElement, ...document.querySelectorAll('.scroller, .welcome, .sidebar')];
             return boxes.filter((b) => b.scrollWidth > b.clientWidth + 1)
                         .map((b) => `${b.className || b.tagName}: ${b.scrollWidth} > ${b.clientWidth}`);",
            vec![],
        )
        .await;
    assert_eq!(wide, json!([]), "sideways scrolling {when}");
}

/// Elements of the page whose size differs from what a fresh layout of the same window gives
/// (the page is taken out and put back, which makes WebKit lay it all out anew): after a
/// resize, nothing may keep a size from the width it had before.
async fn stale_sizes(app: &App) -> Value {
    app.exec(
        "const root = document.getElementById('app');
         const sizes = () => [...root.querySelectorAll('*')].map((e) => {
           const r = e.getBoundingClientRect();
           return `${Math.round(r.width)}×${Math.round(r.height)}`;
         });
         const before = sizes();
         const elements = [...root.querySelectorAll('*')];
         root.hidden = true;
         void root.offsetHeight;
         root.hidden = false;
         const after = sizes();
         return elements.flatMap((e, i) => before[i] === after[i] ? []
           : [`${e.dataset.testid || e.className || e.tagName}: ${before[i]}, fresh ${after[i]}`]).slice(0, 10);",
        vec![],
    )
    .await
}

/// The font the interface asks for: `sans-serif` directly exactly when the desktop's font is
/// missing (src-tauri/src/desktop_font.rs), as fontconfig's own `fc-match` says when it is
/// installed; `system-ui` first otherwise.
async fn assert_desktop_font(app: &App) {
    let found = app
        .exec(
            "return { missing: document.documentElement.classList.contains('without-desktop-font'),
                      font: getComputedStyle(document.body).fontFamily };",
            vec![],
        )
        .await;
    let missing = found["missing"].as_bool().unwrap_or_default();
    let font = found["font"].as_str().unwrap_or_default();
    if missing {
        assert_eq!(
            font, "sans-serif",
            "the text asks for the fallback directly"
        );
    } else {
        assert!(
            font.starts_with("system-ui"),
            "the text asks for the desktop's font: {font}"
        );
    }
    let matched = |pattern: &str| {
        std::process::Command::new("fc-match")
            .args(["-f", "%{family[0]}", pattern])
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    if let (Some(desktop), Some(fallback)) = (matched("system-ui"), matched("sans-serif")) {
        assert_eq!(
            missing,
            desktop == fallback,
            "system-ui is {desktop:?} and sans-serif {fallback:?} for fontconfig: {found}"
        );
    }
}

/// The welcome screen is whole in the window: nothing below it to scroll to.
async fn welcome_overflow(app: &App) -> Value {
    app.exec(
        "const w = document.querySelector('[data-testid=\"welcome\"]');
         return w.scrollHeight - w.clientHeight;",
        vec![],
    )
    .await
}

async fn language_label(app: &App) -> String {
    app.selected_label("settings-language").await
}

async fn stored_language(app: &App) -> Value {
    app.invoke("app_status", json!({}))
        .await
        .unwrap_or_else(|e| panic!("app_status: {e}"))["language"]
        .clone()
}

#[tokio::test]
async fn shell_journey() {
    english_system().await;
    russian_system().await;
}

/// An English desktop: the sample and its banner, the New community buttons, a long name,
/// Russian chosen and then the system's language again, each kept after a relaunch.
async fn english_system() {
    let harness = Harness::new("shell-en");
    let mut app = harness.launch().await;

    // ---- The welcome, in the default window and the smallest ----------------------------
    app.wait("welcome").await;
    app.wait_html_lang("en").await;
    assert_desktop_font(&app).await;
    assert_eq!(
        welcome_overflow(&app).await,
        json!(0),
        "the English welcome fits 1100×720"
    );
    app.screenshot("shell-01-welcome-en-1100x720").await;
    app.resize(SMALL_SIZE.0, SMALL_SIZE.1).await;
    assert_in_window(&app, "welcome-create", "at 800×600").await;
    assert_no_sideways_scroll(&app, "on the welcome at 800×600").await;
    app.screenshot("shell-02-welcome-en-800x600").await;
    app.resize(DEFAULT_SIZE.0, DEFAULT_SIZE.1).await;

    // ---- The sample says it is one -------------------------------------------------------
    app.click("welcome-demo").await;
    app.wait("charter-form").await;
    let banner = app.text("sample-banner").await;
    assert!(
        banner.contains("sample community") && banner.contains("new community"),
        "the sample's banner says what it is and where one's own work goes: {banner:?}"
    );
    let sample_id = app.value("community-switcher").await;
    app.screenshot("shell-03-sample-en-1100x720").await;
    // The banner stays above every section of the sample.
    app.click("nav-plan").await;
    app.wait("plan-stage-4").await;
    assert!(
        app.visible("sample-banner").await,
        "the banner over the Plan"
    );
    // The plan's stage cards follow the window as it is resized, both ways (they kept the
    // height of the first width until the Plan was opened again).
    for size in [SMALL_SIZE, DEFAULT_SIZE] {
        app.resize(size.0, size.1).await;
        assert_eq!(
            stale_sizes(&app).await,
            json!([]),
            "the Plan after a resize to {size:?}"
        );
    }
    app.click("nav-charter").await;
    app.wait("charter-form").await;

    app.resize(SMALL_SIZE.0, SMALL_SIZE.1).await;
    assert_in_window(&app, "charter-save", "at 800×600").await;
    assert_in_window(&app, "sample-banner-new", "at 800×600").await;
    assert_in_window(&app, "sidebar-new-community", "at 800×600").await;
    assert_no_sideways_scroll(&app, "on the charter at 800×600").await;
    app.screenshot("shell-04-sample-en-800x600").await;
    // Every other section at 800×600: nothing to scroll sideways, the banner's button in view.
    for section in ["plan", "members", "calendar", "metrics", "settings"] {
        app.click(&format!("nav-{section}")).await;
        app.wait_text("section-title", "to follow the section", |t| {
            t.eq_ignore_ascii_case(section)
        })
        .await;
        assert_in_window(
            &app,
            "sample-banner-new",
            &format!("over {section} at 800×600"),
        )
        .await;
        assert_no_sideways_scroll(&app, &format!("on {section} at 800×600")).await;
    }
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.resize(DEFAULT_SIZE.0, DEFAULT_SIZE.1).await;

    // ---- The banner's "New community" opens the form; Cancel comes back ------------------
    app.click("sample-banner-new").await;
    app.wait("welcome").await;
    app.wait("welcome-name").await;
    assert!(
        app.visible("welcome-cancel").await,
        "the banner's button opens the new-community form"
    );
    app.click("welcome-cancel").await;
    app.wait("sample-banner").await;

    // ---- Ctrl+N on the charter still does it ---------------------------------------------
    app.click("section-title").await;
    app.keys(&[Key::Control], 'n').await;
    app.wait("welcome-cancel").await;
    app.keys(&[], Key::Escape).await;
    app.wait("sample-banner").await;

    // ---- The sidebar's button: a community with a long name ------------------------------
    app.click("sidebar-new-community").await;
    app.wait("welcome-cancel").await;
    app.type_text("welcome-name", LONG_NAME).await;
    app.click("welcome-create").await;
    app.wait("charter-form").await;
    assert_eq!(app.value("charter-name").await, LONG_NAME);
    app.wait_gone("sample-banner").await;
    let long_id = app.value("community-switcher").await;
    assert_eq!(
        app.selected_label("community-switcher").await,
        LONG_NAME,
        "the switcher has the new community chosen"
    );
    let switcher = app
        .exec(
            "const s = document.querySelector('[data-testid=\"community-switcher\"]');
             const shown = document.querySelector('[data-testid=\"community-switcher-name\"]');
             const style = getComputedStyle(shown);
             return {title: s.title, text: shown.textContent, ellipsis: style.textOverflow,
                     clipped: shown.scrollWidth > shown.clientWidth,
                     inside: shown.getBoundingClientRect().right <= s.getBoundingClientRect().right,
                     ownText: getComputedStyle(s).color};",
            vec![],
        )
        .await;
    assert_eq!(
        switcher["title"], LONG_NAME,
        "hovering the switcher shows the whole name"
    );
    assert_eq!(switcher["text"], LONG_NAME);
    assert_eq!(
        switcher["ellipsis"], "ellipsis",
        "the cut name ends with an ellipsis"
    );
    assert_eq!(
        switcher["clipped"], true,
        "the name is longer than the switcher: {switcher}"
    );
    assert_eq!(
        switcher["inside"], true,
        "the name stays inside the switcher: {switcher}"
    );
    assert_eq!(
        switcher["ownText"], "rgba(0, 0, 0, 0)",
        "the select's own, unellipsized text is not drawn under the name"
    );
    app.screenshot("shell-05-long-name-en").await;

    // Back to the sample through the switcher: its banner comes back, its name shows.
    app.select("community-switcher", &sample_id).await;
    app.wait("sample-banner").await;
    app.wait_text("community-switcher-name", "to name the sample", |t| {
        t == "Lisbon Data Engineers"
    })
    .await;

    // ---- Language: Russian, then the system's again -------------------------------------
    app.click("nav-settings").await;
    app.wait("settings-language").await;
    assert_eq!(app.value("settings-language").await, "");
    assert_eq!(language_label(&app).await, "System (English)");
    app.select("settings-language", "ru").await;
    app.wait_html_lang("ru").await;
    assert_eq!(stored_language(&app).await, "ru");
    let banner_ru = app.text("sample-banner").await;
    assert!(
        has_cyrillic(&banner_ru) && banner_ru.contains("пример сообщества"),
        "the banner in Russian: {banner_ru:?}"
    );
    app.relaunch().await;
    app.wait("app-shell").await;
    app.wait_html_lang("ru").await;
    assert_eq!(
        app.value("community-switcher").await,
        sample_id,
        "a relaunch opens the community opened last"
    );
    // Its overdue count came with the first screen, as its charter did.
    app.wait_text("nav-plan-badge", "the sample's overdue tasks", |t| {
        !t.is_empty()
    })
    .await;
    app.click("nav-settings").await;
    assert_eq!(app.value("settings-language").await, "ru");
    assert_eq!(
        language_label(&app).await,
        "Русский",
        "Russian is kept after a relaunch"
    );
    let options = app
        .exec(
            "return [...document.querySelector('[data-testid=\"settings-language\"]').options].map((o) => [o.value, o.text]);",
            vec![],
        )
        .await;
    assert_eq!(
        options,
        json!([
            ["", "Как в системе (English)"],
            ["en", "English"],
            ["ru", "Русский"]
        ]),
        "the system's choice names the system's language"
    );
    app.select("settings-language", "").await;
    app.wait_html_lang("en").await;
    assert_eq!(language_label(&app).await, "System (English)");
    assert_eq!(
        stored_language(&app).await,
        Value::Null,
        "no language is kept: the system's is followed"
    );
    // The sample was opened last: the relaunch above opened it, not the first in the list.
    // Now the long-named one, which the next start draws first, charter and all.
    app.select("community-switcher", &long_id).await;
    app.wait_gone("sample-banner").await;
    app.relaunch().await;
    app.wait("app-shell").await;
    app.wait_html_lang("en").await;
    assert_eq!(
        app.value("community-switcher").await,
        long_id,
        "a relaunch opens the community opened last"
    );
    app.wait("charter-form").await;
    assert_eq!(app.value("charter-name").await, LONG_NAME);
    app.click("nav-settings").await;
    assert_eq!(app.value("settings-language").await, "");
    assert_eq!(language_label(&app).await, "System (English)");
    app.shutdown().await;
}

/// A Russian desktop: the Russian welcome fits the default window, and the sample's banner
/// speaks Russian at both sizes.
async fn russian_system() {
    let harness = Harness::builder("shell-ru").locale("ru_RU.UTF-8").build();
    let app = harness.launch().await;

    app.wait("welcome").await;
    app.wait_html_lang("ru").await;
    assert_eq!(
        app.selected_label("welcome-language").await,
        "Как в системе (Русский)",
        "a first run follows the system, and says so"
    );
    assert_eq!(
        welcome_overflow(&app).await,
        json!(0),
        "the Russian welcome fits 1100×720 without scrolling"
    );
    assert_in_window(&app, "welcome-demo", "in Russian at 1100×720").await;
    app.screenshot("shell-06-welcome-ru-1100x720").await;
    app.resize(SMALL_SIZE.0, SMALL_SIZE.1).await;
    assert_in_window(&app, "welcome-create", "in Russian at 800×600").await;
    assert_no_sideways_scroll(&app, "on the Russian welcome at 800×600").await;
    let apart = app
        .exec(
            "const a = document.querySelector('.welcome-language').getBoundingClientRect();
             const b = document.querySelector('.welcome-column').getBoundingClientRect();
             return a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left;",
            vec![],
        )
        .await;
    assert_eq!(
        apart,
        json!(true),
        "the language menu keeps clear of the welcome's column at 800×600"
    );
    app.screenshot("shell-07-welcome-ru-800x600").await;
    app.resize(DEFAULT_SIZE.0, DEFAULT_SIZE.1).await;

    app.click("welcome-demo").await;
    app.wait("charter-form").await;
    let sample_name = app.value("charter-name").await;
    assert!(
        has_cyrillic(&sample_name),
        "the sample is written in the interface's language, the system's: {sample_name:?}"
    );
    let banner = app.text("sample-banner").await;
    assert!(
        banner.contains("пример сообщества") && banner.contains("новом сообществе"),
        "the sample's banner in Russian: {banner:?}"
    );
    let button = app.text("sample-banner-new").await;
    assert_eq!(button, "Новое сообщество");
    app.screenshot("shell-08-sample-ru-1100x720").await;
    app.resize(SMALL_SIZE.0, SMALL_SIZE.1).await;
    assert_in_window(&app, "charter-save", "in Russian at 800×600").await;
    assert_in_window(&app, "sample-banner-new", "in Russian at 800×600").await;
    assert_no_sideways_scroll(&app, "on the Russian charter at 800×600").await;
    app.screenshot("shell-09-sample-ru-800x600").await;

    app.click("sample-banner-new").await;
    app.wait("welcome-cancel").await;
    app.screenshot("shell-10-new-community-ru-800x600").await;
    app.shutdown().await;
}
