//! A community's platform links open in the system browser, never inside the app window, and
//! only web links are ever opened. The machine has no browser: a stand-in for each desktop
//! launcher the opener may try sits at the front of PATH and writes down what it was asked to
//! open, so the test sees exactly what would have reached the browser. A click, Enter on a
//! link reached with Tab, and Shift+click (a new window, in a browser) each open the link once
//! and leave the window on the charter; a `javascript:`, `file:` or `ftp:` link sent straight
//! to the command is refused with a message and nothing is launched.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hearth_e2e::fantoccini::actions::{
    Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use hearth_e2e::fantoccini::elements::Element;
use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness, Value};

/// The launchers the opener tries on a Linux desktop, in its order: the first that starts and
/// does not fail is the one used. Each gets a stand-in, so a fallback would be seen too and no
/// real launcher is ever reached.
const LAUNCHERS: [&str; 6] = [
    "xdg-open",
    "gio",
    "gnome-open",
    "kde-open6",
    "kde-open5",
    "kde-open",
];

/// Refused links: not http(s), so they must never reach a launcher.
const NOT_WEB_LINKS: [&str; 3] = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://files.example.org/",
];

/// A folder of stand-in launchers that append one line per call to a log:
/// the program's name, then each argument, separated by tabs.
struct FakeLaunchers {
    dir: tempfile::TempDir,
    log: PathBuf,
}

impl FakeLaunchers {
    fn new() -> FakeLaunchers {
        // Not named like the harness's own temporary roots, which it sweeps when it starts.
        let dir = tempfile::Builder::new()
            .prefix("hearth-launchers-")
            .tempdir()
            .expect("create a folder for the stand-in launchers");
        let log = dir.path().join("calls.log");
        let quoted = log.to_string_lossy();
        assert!(
            !quoted.contains('\''),
            "the log path must not hold a quote: {quoted}"
        );
        let script = format!(
            "#!/bin/sh\n\
             # A stand-in for a desktop launcher: write down the call, open nothing.\n\
             line=\"${{0##*/}}\"\n\
             for arg in \"$@\"; do line=\"$line\t$arg\"; done\n\
             printf '%s\\n' \"$line\" >> '{quoted}'\n"
        );
        for name in LAUNCHERS {
            let path = dir.path().join(name);
            fs::write(&path, &script).expect("write a stand-in launcher");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
                .expect("make the stand-in launcher executable");
        }
        FakeLaunchers { dir, log }
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// This process's PATH with the stand-ins first.
    fn path_var(&self) -> String {
        let rest = std::env::var_os("PATH").unwrap_or_default();
        let rest = std::env::split_paths(&rest).filter(|d| !d.as_os_str().is_empty());
        let dirs = std::iter::once(self.dir().to_path_buf()).chain(rest);
        std::env::join_paths(dirs)
            .expect("join PATH")
            .into_string()
            .expect("PATH is UTF-8")
    }

    /// Every call so far: [program, args…].
    fn calls(&self) -> Vec<Vec<String>> {
        fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }
}

/// Wait until the launchers have been called `n` times in all; returns every call.
async fn wait_calls(app: &App, launchers: &FakeLaunchers, n: usize) -> Vec<Vec<String>> {
    app.eventually(&format!("{n} call(s) of the system opener"), || async {
        let calls = launchers.calls();
        (calls.len() >= n).then_some(calls)
    })
    .await
}

/// Wait for the `n`th call of the launchers, check that xdg-open was asked for `url`, and that
/// it stays the only call for this action once the opener's 250 ms trial of a launcher is over.
async fn assert_opened_once(app: &App, launchers: &FakeLaunchers, n: usize, url: &str, what: &str) {
    let calls = wait_calls(app, launchers, n).await;
    assert_eq!(
        calls[n - 1],
        vec!["xdg-open".to_string(), url.to_string()],
        "{what} asks xdg-open for {url}; all calls: {calls:?}"
    );
    tokio::time::sleep(Duration::from_millis(750)).await;
    assert_eq!(
        launchers.calls().len(),
        n,
        "{what} opens the link once: {:?}",
        launchers.calls()
    );
}

/// The app process really runs with the stand-ins first in its PATH (the harness passes its
/// environment through tauri-driver and WebKitWebDriver to the app).
fn assert_app_path(app: &App, launchers: &FakeLaunchers) {
    let pids = app.app_pids();
    assert!(!pids.is_empty(), "the app process is running");
    for pid in pids {
        let environ = fs::read(format!("/proc/{pid}/environ")).expect("read the app's environment");
        let path = environ
            .split(|b| *b == 0)
            .find_map(|kv| kv.strip_prefix(b"PATH="))
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_else(|| panic!("the app (pid {pid}) has no PATH"));
        let first = path.split(':').next().unwrap_or_default();
        assert_eq!(
            Path::new(first),
            launchers.dir(),
            "the app's PATH starts with the stand-in launchers: {path}"
        );
    }
}

/// What says "this window still shows Hearth, on the charter".
async fn window_state(app: &App) -> Value {
    app.exec(
        r#"
        return {
            href: location.href,
            marker: window.__platformLinksMarker ?? null,
            shell: !!document.querySelector('[data-testid="app-shell"]'),
            charter: !!document.querySelector('[data-testid="charter-form"]'),
            platforms: document.querySelectorAll('[data-testid="platform-row"]').length,
            errorToasts: document.querySelectorAll('#toast .toast-error').length,
        };
        "#,
        vec![],
    )
    .await
}

/// The app window did not navigate, reload or open another window.
async fn assert_still_on_charter(app: &App, before: &Value, webdriver_url: &str, when: &str) {
    let now = window_state(app).await;
    assert_eq!(
        now["href"], before["href"],
        "{when}: the document URL: {now:#}"
    );
    assert_eq!(
        now["marker"], "still here",
        "{when}: the page was not reloaded or replaced: {now:#}"
    );
    assert_eq!(
        now["shell"], true,
        "{when}: the app shell is there: {now:#}"
    );
    assert_eq!(
        now["charter"], true,
        "{when}: the charter is there: {now:#}"
    );
    assert_eq!(
        now["platforms"], 3,
        "{when}: the platforms are listed: {now:#}"
    );
    assert_eq!(now["errorToasts"], 0, "{when}: no error message: {now:#}");
    assert!(
        app.visible("platforms").await,
        "{when}: the platforms are on screen"
    );
    let url = app.client().current_url().await.expect("current URL");
    assert_eq!(url.as_str(), webdriver_url, "{when}: the window's URL");
    let windows = app.client().windows().await.expect("window handles");
    assert_eq!(windows.len(), 1, "{when}: no other window was opened");
}

/// Is the element wholly inside its scroll area (or the window)?
const IN_VIEW: &str = r#"
    const r = arguments[0].getBoundingClientRect();
    const area = (arguments[0].closest('.scroller') ?? document.documentElement)
        .getBoundingClientRect();
    return r.top >= area.top && r.bottom <= area.bottom;
"#;

/// Bring the element wholly on screen in its scroll area and take the named screenshot.
/// Right after a scroll WebKitWebDriver's screenshot often still shows the frame before it
/// (the window itself has moved); one screenshot thrown away and a short pause give a picture
/// of what a person sees. (A wheel scroll through WebDriver is no help: WebKit drops some.)
async fn screenshot_in_view(app: &App, el: &Element, name: &str) {
    app.exec(
        "arguments[0].scrollIntoView({ block: 'center' }); return null;",
        vec![json!(el)],
    )
    .await;
    let what = format!("{name}: the element wholly on screen");
    app.eventually(&what, || async {
        (app.exec(IN_VIEW, vec![json!(el)]).await == true).then_some(())
    })
    .await;
    let _ = app.client().screenshot().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot(name).await;
}

/// A click on the element while holding a key (Shift, Control…), tick by tick: the key goes
/// down as the pointer moves there and comes up after the click.
async fn click_holding(app: &App, el: &Element, key: Key) {
    let zero = Duration::ZERO;
    let keyboard = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Pause { duration: zero })
        .then(KeyAction::Pause { duration: zero })
        .then(KeyAction::Up { value: key.into() });
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: el.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Pause { duration: zero });
    app.client()
        .perform_actions(Actions::from(keyboard).and(mouse))
        .await
        .unwrap_or_else(|e| panic!("click holding {key:?}: {e}"));
    let _ = app.client().release_actions().await;
}

#[tokio::test]
async fn platform_links_open_in_the_system_browser_only() {
    let launchers = FakeLaunchers::new();
    let harness = Harness::builder("platform-links")
        .env("PATH", Some(&launchers.path_var()))
        .build();
    harness.cli(&["demo"]).assert_success();
    let app = harness.launch().await;
    app.wait("app-shell").await;
    assert_app_path(&app, &launchers);
    assert!(launchers.calls().is_empty(), "nothing opened at start-up");

    let communities = app
        .invoke("community_list", json!({}))
        .await
        .expect("community_list");
    let community_id = communities[0]["id"].clone();
    let platforms = app
        .invoke("platform_list", json!({ "communityId": community_id }))
        .await
        .expect("platform_list");
    let urls: Vec<String> = platforms
        .as_array()
        .expect("a list of platforms")
        .iter()
        .map(|p| p["url"].as_str().expect("a platform URL").to_string())
        .collect();
    assert_eq!(
        urls.len(),
        3,
        "the sample community has 3 platforms: {platforms:#}"
    );

    // ---- The charter, with its platforms -------------------------------------------------------
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    let section = app.wait("platforms").await;
    app.wait_count("platform-row", "to list the 3 platforms", |n| n == 3)
        .await;
    let links = app.find_all("platform-link").await;
    assert_eq!(links.len(), 3, "one link per platform");
    for (link, url) in links.iter().zip(&urls) {
        let href = link.attr("href").await.expect("read href");
        assert_eq!(
            href.as_deref(),
            Some(url.as_str()),
            "the link points at the platform"
        );
    }
    // Gone if the window navigates or reloads.
    app.exec(
        "window.__platformLinksMarker = 'still here'; return null;",
        vec![],
    )
    .await;
    let before = window_state(&app).await;
    let webdriver_url = app
        .client()
        .current_url()
        .await
        .expect("current URL")
        .to_string();
    screenshot_in_view(&app, &section, "platform-links-01").await;

    // ---- A click opens the first platform in the system browser --------------------------------
    app.click_element(&links[0], "the first platform's link")
        .await;
    assert_opened_once(&app, &launchers, 1, &urls[0], "a click on the first link").await;
    assert_still_on_charter(&app, &before, &webdriver_url, "after clicking the link").await;

    // ---- Anything but http(s) is refused, and nothing is launched ------------------------------
    for bad in NOT_WEB_LINKS {
        let error = app
            .invoke("open_link", json!({ "url": bad }))
            .await
            .expect_err(&format!("open_link refuses {bad:?}"));
        assert_eq!(error["code"], "invalid_input", "{bad}: {error:#}");
        assert_eq!(error["field"], "url", "{bad}: {error:#}");
        assert_eq!(error["rule"], "invalid_format", "{bad}: {error:#}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(bad) && message.contains("not a web link"),
            "{bad}: the message names the link and why: {message:?}"
        );
    }
    // The opener gives a launcher 250 ms to fail; wait longer than that before looking.
    tokio::time::sleep(Duration::from_millis(750)).await;
    assert_eq!(
        launchers.calls().len(),
        1,
        "no launcher was started for a refused link: {:?}",
        launchers.calls()
    );
    assert_still_on_charter(&app, &before, &webdriver_url, "after the refused links").await;

    // ---- From the keyboard: Tab to the second platform's link, then Enter ----------------------
    let focused = app
        .exec(
            r#"
            const row = document.querySelectorAll('[data-testid="platform-row"]')[0];
            const edit = row.querySelector('[data-testid="platform-edit"]');
            edit.focus();
            return document.activeElement === edit;
            "#,
            vec![],
        )
        .await;
    assert_eq!(
        focused, true,
        "the first platform's Edit button takes the focus"
    );
    app.keys(&[], Key::Tab).await;
    let on_link = app
        .exec(
            r#"
            const link = document.querySelectorAll('[data-testid="platform-link"]')[1];
            return document.activeElement === link;
            "#,
            vec![],
        )
        .await;
    assert_eq!(
        on_link, true,
        "Tab from the first platform's Edit button reaches the second platform's link"
    );
    app.keys(&[], Key::Enter).await;
    assert_opened_once(&app, &launchers, 2, &urls[1], "Enter on the second link").await;
    assert_still_on_charter(&app, &before, &webdriver_url, "after Enter on the link").await;

    // ---- Shift+click (a new window, in a browser) still means the system browser, once -------
    let links = app.find_all("platform-link").await;
    click_holding(&app, &links[2], Key::Shift).await;
    // Once: the opener plugin's own link handler must not open it a second time.
    assert_opened_once(
        &app,
        &launchers,
        3,
        &urls[2],
        "Shift+click on the third link",
    )
    .await;
    assert_still_on_charter(&app, &before, &webdriver_url, "after Shift+click").await;

    assert!(
        launchers.calls().iter().all(|c| c[0] == "xdg-open"),
        "xdg-open did every open; no fallback launcher was tried: {:?}",
        launchers.calls()
    );

    app.shutdown().await;
}
