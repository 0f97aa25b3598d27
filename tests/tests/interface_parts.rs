//! The shared interface parts as a person meets them, in the light theme and in the dark one
//! (GTK's dark Adwaita, which WebKitGTK reports as `prefers-color-scheme: dark`):
//!
//! - every dialog (a question, a form, the question before closing) has one row of buttons
//!   at the bottom, at the end edge, Cancel first and the answer last;
//! - a form's empty due date looks empty ("No date", not today's date), a typed date shows,
//!   and its Clear button empties it again;
//! - a toast never covers what it reports: a task just added at the bottom of a stage, in
//!   a window of 800×600, stays in sight above it, and so does Settings' check result with
//!   a toast showing; the toast stands under the content, not over the sidebar;
//! - what outlines a control is at least 3:1 against what is behind it, as WebKit paints
//!   it (an input's border, an unticked box, the progress fill against its track);
//! - a radio reached with the arrow keys shows its focus.
//!
//! Each dialog is photographed in both themes (`interface-parts-*-light|dark.png`).

use std::time::Duration;

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{json, App, Harness};

const NAME: &str = "Parts Guild";
const NEW_TASK: &str = "Book the venue for the first meetup";

/// Page functions the checks share: an element's box, whether two boxes meet, the colour an
/// element's background paints once what is behind it shows through, and WCAG's ratio.
const PAGE_TOOLS: &str = r#"
const el = (s) => typeof s === 'string' ? document.querySelector(s) : s;
const box = (s) => { const r = el(s).getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const rgba = (text) => { const m = text.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
const behind = (node) => {
  const layers = [];
  for (let e = node; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  return layers.reverse().reduce((below, c) => over(c, below), [255, 255, 255]);
};
const lum = (rgb) => { const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
"#;

/// Runs `body` (a function body that may use [`PAGE_TOOLS`]) in the page.
async fn page(app: &App, body: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
    app.exec(&format!("{PAGE_TOOLS}\n{body}"), args).await
}

/// Waits for the database check's verdict, and on failure says what the screen held
/// meanwhile (the button still "Checking…", or a view drawn again over the clicked one), to
/// tell a slow check from a lost click.
async fn check_result_shown(app: &App, theme: &str) {
    const PATIENCE: Duration = Duration::from_secs(60);
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    loop {
        let state = page(
            app,
            "const result = el('[data-testid=\"check-result\"]');
             const button = el('[data-testid=\"check-now\"]');
             return { shown: !!result && !result.hidden && result.innerText.trim() !== '',
                      button: button ? `${button.textContent}${button.disabled ? ' (disabled)' : ''}` : 'none',
                      views: document.querySelectorAll('[data-testid=\"check-now\"]').length };",
            vec![],
        )
        .await;
        if state["shown"] == json!(true) {
            let waited = started.elapsed();
            if waited > Duration::from_secs(5) {
                eprintln!("[e2e] {theme}: the check took {waited:?}; meanwhile {seen:?}");
            }
            return;
        }
        if seen.last() != Some(&state) {
            seen.push(state);
        }
        if started.elapsed() > PATIENCE {
            let shot = app.failure_screenshot("check-result").await;
            panic!("{theme}: the check's result never showed; the screen held {seen:?}; {shot:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The buttons of the open dialog's row: one row, at the end edge, `first` first and `last`
/// last (test ids).
async fn assert_one_button_row(app: &App, dialog: &str, first: &str, last: &str) {
    let row = page(
        app,
        "const dialog = el(`[data-testid=\"${arguments[0]}\"]`);
         const row = dialog.querySelector('.dialog-buttons');
         const buttons = [...row.querySelectorAll('button')].filter((b) => b.checkVisibility());
         const content = dialog.getBoundingClientRect().right - parseFloat(getComputedStyle(dialog).paddingRight);
         return {
           ids: buttons.map((b) => b.dataset.testid ?? ''),
           tops: buttons.map((b) => Math.round(b.getBoundingClientRect().top)),
           lastRight: buttons.at(-1).getBoundingClientRect().right,
           contentRight: content,
           textAlign: getComputedStyle(dialog).textAlign,
         };",
        vec![json!(dialog)],
    )
    .await;
    let ids: Vec<String> = serde_json::from_value(row["ids"].clone()).expect("button ids");
    let tops: Vec<i64> = serde_json::from_value(row["tops"].clone()).expect("button tops");
    assert_eq!(
        ids.first().map(String::as_str),
        Some(first),
        "{dialog}: {ids:?}"
    );
    assert_eq!(
        ids.last().map(String::as_str),
        Some(last),
        "{dialog}: {ids:?}"
    );
    assert!(
        tops.windows(2).all(|w| w[0] == w[1]),
        "{dialog}: the buttons stand in one row: {tops:?}"
    );
    let (last_right, content_right) = (
        row["lastRight"].as_f64().expect("a number"),
        row["contentRight"].as_f64().expect("a number"),
    );
    assert!(
        (last_right - content_right).abs() < 1.5,
        "{dialog}: the row ends at the dialog's end edge ({last_right} vs {content_right})"
    );
    assert_eq!(
        row["textAlign"],
        json!("start"),
        "{dialog}: text from the start edge"
    );
}

/// The contrast WebKit paints between `css`'s border (or, with `fill`, its background) and
/// what is behind it.
async fn painted_contrast(app: &App, css: &str, against: &str) -> f64 {
    page(
        app,
        "const target = el(arguments[0]);
         const style = getComputedStyle(target);
         const back = behind(el(arguments[1]));
         const mark = arguments[2] === 'fill' ? rgba(style.backgroundColor) : rgba(style.borderTopColor);
         return ratio(over(mark, back), back);",
        vec![
            json!(css),
            json!(against),
            json!(if css.contains("fill") { "fill" } else { "border" }),
        ],
    )
    .await
    .as_f64()
    .unwrap_or_else(|| panic!("a ratio for {css}"))
}

async fn journey(theme: &str) {
    let mut builder = Harness::builder(&format!("interface-parts-{theme}"));
    if theme == "dark" {
        builder = builder.env("GTK_THEME", Some("Adwaita:dark"));
    }
    let harness = builder.build();
    harness
        .cli(&["community", "create", "--name", NAME, "--template", "en"])
        .assert_success();
    let app = harness.launch().await;
    app.wait("app-shell").await;
    let dark = app
        .exec(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await;
    assert_eq!(
        dark,
        json!(theme == "dark"),
        "the page is in the {theme} theme"
    );
    let shot = |name: &str| format!("interface-parts-{name}-{theme}");

    // ---- The question before closing: three answers in the one row --------------------------
    app.wait("charter-form").await;
    app.type_text("charter-mission", "Bring people together")
        .await;
    app.close_window().await;
    app.wait("close-question").await;
    assert_one_button_row(
        &app,
        "close-question",
        "close-question-cancel",
        "close-question-save",
    )
    .await;
    app.screenshot(&shot("01-close-question")).await;
    app.click("close-question-cancel").await;
    app.wait_gone("close-question").await;
    app.click("charter-save").await;

    // ---- Contrast of what outlines a control, as painted ------------------------------------
    let input_border = painted_contrast(&app, "[data-testid=\"charter-mission\"]", ".card").await;
    let checkbox = painted_contrast(
        &app,
        "[data-testid=\"charter-audience-newcomers\"]",
        ".card",
    )
    .await;
    eprintln!(
        "[e2e] {theme}: charter input border {input_border:.2}:1, unticked box {checkbox:.2}:1"
    );
    assert!(
        input_border >= 3.0,
        "{theme}: an input's border is {input_border:.2}:1"
    );
    assert!(
        checkbox >= 3.0,
        "{theme}: an unticked box is {checkbox:.2}:1"
    );

    // ---- A form dialog: its empty date looks empty, and Clear empties it --------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let fill = painted_contrast(&app, ".plan-stage .progress-fill", ".plan-stage .progress").await;
    eprintln!("[e2e] {theme}: progress fill against its track {fill:.2}:1");
    assert!(
        fill >= 3.0,
        "{theme}: the progress fill is {fill:.2}:1 against its track"
    );

    app.resize(800, 600).await;
    app.click("plan-add").await;
    app.wait("task-dialog").await;
    assert_one_button_row(&app, "task-dialog", "task-cancel", "task-save").await;
    let empty = page(
        &app,
        "const input = el('[data-testid=\"task-due\"]');
         const shown = input.closest('.date-input').querySelector('.date-input-empty');
         return { value: input.value, placeholder: shown.checkVisibility() ? shown.innerText : '',
                  drawn: getComputedStyle(input).color };",
        vec![],
    )
    .await;
    assert_eq!(empty["value"], json!(""));
    assert_eq!(empty["placeholder"], json!("No date"), "{empty}");
    assert_eq!(
        empty["drawn"],
        json!("rgba(0, 0, 0, 0)"),
        "today's date is not drawn in an empty field"
    );
    app.screenshot(&shot("02-task-dialog")).await;

    app.type_text("task-title", NEW_TASK).await;
    // A date set from the keyboard: Tab to the field past the notes and the status (onto its
    // month), then Up on the month, the day and the year. (WebKitGTK takes no typed digits
    // in a date field, from a real keyboard either; a click opens its calendar.)
    for _ in 0..3 {
        app.keys(&[], Key::Tab).await;
    }
    for (index, key) in [Key::Up, Key::Tab, Key::Up, Key::Tab, Key::Up]
        .into_iter()
        .enumerate()
    {
        app.keys(&[], key).await;
        if index == 0 {
            // Half a date: no value yet, but no longer empty to the person setting it.
            assert_eq!(app.value("task-due").await, "");
        }
    }
    app.eventually("a date to be the field's value", || async {
        let value = app.value("task-due").await;
        (!value.is_empty()).then_some(())
    })
    .await;
    let typed = page(
        &app,
        "const input = el('[data-testid=\"task-due\"]');
         return input.closest('.date-input').classList.contains('is-empty');",
        vec![],
    )
    .await;
    assert_eq!(typed, json!(false), "a typed date does not look empty");
    app.click("task-due-clear").await;
    assert_eq!(app.value("task-due").await, "");
    let cleared = page(
        &app,
        "const input = el('[data-testid=\"task-due\"]');
         return [input.closest('.date-input').classList.contains('is-empty'), document.activeElement === input];",
        vec![],
    )
    .await;
    assert_eq!(
        cleared,
        json!([true, true]),
        "Clear empties the field and stays in it"
    );

    // ---- A toast does not cover the task it reports ------------------------------------------
    app.click("task-save").await;
    app.wait_gone("task-dialog").await;
    app.wait_text("toast", "to say the task was added", |t| {
        t.contains(NEW_TASK)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let placed = page(
        &app,
        "const row = [...document.querySelectorAll('[data-testid=\"plan-task\"]')]
           .find((r) => r.innerText.includes(arguments[0]));
         const toast = box('.toast');
         const scroller = box('.content > .scroller');
         const task = box(row);
         return {
           covered: meet(task, toast),
           inView: task.top >= scroller.top - 1 && task.bottom <= scroller.bottom + 1,
           scrollerAboveToast: scroller.bottom <= toast.top,
           overSidebar: toast.left < box('.sidebar').right,
         };",
        vec![json!(NEW_TASK)],
    )
    .await;
    assert_eq!(
        placed,
        json!({"covered": false, "inView": true, "scrollerAboveToast": true, "overSidebar": false}),
        "{theme}: the new task is in sight above the toast"
    );
    app.screenshot(&shot("03-task-added-800x600")).await;
    app.resize(1100, 720).await;

    // ---- A question: the restore of a backup --------------------------------------------------
    app.click("nav-settings").await;
    app.wait("backup-now").await;
    // An earlier save left a backup already; the new row lands after the toast and pushes
    // the check's button down, so the click waits for it (it once hit where the button was).
    let backups_before = app.count("backup-row").await;
    app.click("backup-now").await;
    app.wait_text("toast", "to say the backup was made", |t| !t.is_empty())
        .await;
    app.wait_count("backup-row", "the new backup listed", |n| {
        n > backups_before
    })
    .await;
    // With the toast showing, the check's result comes up in sight.
    app.click("check-now").await;
    check_result_shown(&app, theme).await;
    app.screenshot(&shot("04-settings-check-toast")).await;
    let result = page(
        &app,
        "const result = box('[data-testid=\"check-result\"]');
         const scroller = box('.content > .scroller');
         const shown = { left: result.left, right: result.right,
                         top: Math.max(result.top, scroller.top), bottom: Math.min(result.bottom, scroller.bottom) };
         const toast = document.querySelector('.toast');
         return { toast: !!toast, covered: !!toast && shown.bottom > shown.top && meet(shown, box(toast)),
                  inView: result.top >= scroller.top - 1 && result.bottom <= scroller.bottom + 1 };",
        vec![],
    )
    .await;
    eprintln!("[e2e] {theme}: check result with a toast: {result}");
    assert_eq!(
        result["toast"],
        json!(true),
        "the backup's toast still shows"
    );
    assert_eq!(
        result["covered"],
        json!(false),
        "the toast covers the check result"
    );
    // Brought into view (as the view does with what it adds below the fold), it is all in
    // sight above the toast, not under it.
    app.exec(
        "document.querySelector('[data-testid=\"check-result\"]').scrollIntoView({ block: 'nearest' }); return 1;",
        vec![],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let revealed = page(
        &app,
        "const result = box('[data-testid=\"check-result\"]');
         const scroller = box('.content > .scroller');
         return [result.bottom <= scroller.bottom + 1, meet(result, box('.toast'))];",
        vec![],
    )
    .await;
    assert_eq!(
        revealed,
        json!([true, false]),
        "{theme}: the revealed result is above the toast"
    );
    app.screenshot(&shot("04-settings-check-revealed")).await;

    app.click("backup-restore").await;
    app.wait("dialog").await;
    assert_one_button_row(&app, "dialog", "dialog-cancel", "dialog-confirm").await;
    app.screenshot(&shot("05-confirm")).await;
    app.click("dialog-cancel").await;
    app.wait_gone("dialog").await;

    // ---- A radio reached with the arrow keys shows its focus ---------------------------------
    app.pick_option("community-switcher", "__new__").await;
    app.wait("welcome-template-en").await;
    app.click("welcome-template-en").await;
    app.keys(&[], Key::Left).await;
    let focused = page(
        &app,
        "const focused = document.activeElement;
         const style = getComputedStyle(focused);
         return [focused.type, focused.checked, style.outlineStyle, parseFloat(style.outlineWidth)];",
        vec![],
    )
    .await;
    assert_eq!(focused[0], json!("radio"));
    assert_eq!(
        focused[1],
        json!(true),
        "the arrow key chose the radio it moved to"
    );
    assert_eq!(
        focused[2],
        json!("solid"),
        "{theme}: the focus ring shows: {focused}"
    );
    assert!(focused[3].as_f64().unwrap_or(0.0) >= 2.0);
    app.screenshot(&shot("06-radio-focus")).await;

    app.shutdown().await;
}

#[tokio::test]
async fn dialogs_toasts_and_controls_in_both_themes() {
    journey("light").await;
    journey("dark").await;
}
