//! Printing from the plan's print preview, proven by what it does: the Print button and
//! Ctrl+P each open the GTK print dialog, and the dialog's Print, on the "Print to File"
//! printer, writes the plan as a PDF. The preview fits the screen, and its Close button and
//! Escape each close its window (and only it: the main window stays). Save as PDF writes the
//! plan with no print dialog. An event's meetup plan prints from its preview the same way.
//!
//! WebKit makes `window.print()` do nothing in a page under automation, so a WebDriver
//! session can show the preview but never print from it. The journey therefore learns under
//! WebDriver where the controls are, then starts the app as a person does, with no driver,
//! and uses the X server's pointer and keyboard on the same display: the windows that appear
//! and the file that is written are the proof.

use std::path::Path;
use std::time::{Duration, Instant};

use hearth_e2e::calendar::{event_list, today};
use hearth_e2e::pdf::{pdf_text, pdf_to_png};
use hearth_e2e::{json, App, Harness, PlainApp, WAIT};

const NAME: &str = "Print Club";
/// An event of today, in sight when the calendar opens.
const EVENT: &str = "Print Night";
/// The title of GTK's print dialog.
const DIALOG: &str = "^Print$";

/// The centre of the element `css` in the page, in the window's pixels.
async fn centre(app: &App, css: &str) -> (f64, f64) {
    let at = app
        .exec(
            "const e = document.querySelector(arguments[0]);
             if (!e) return null;
             const r = e.getBoundingClientRect();
             return [r.x + r.width / 2, r.y + r.height / 2];",
            vec![json!(css)],
        )
        .await;
    let at: Option<(f64, f64)> = serde_json::from_value(at).expect("a point");
    at.unwrap_or_else(|| panic!("nothing on the page matches {css}"))
}

/// Wait for the dialog's "Print to File" to have written a whole PDF at `path`; its bytes.
async fn wait_pdf(path: &Path, what: &str) -> Vec<u8> {
    let deadline = Instant::now() + WAIT;
    loop {
        // Written as it is printed: whole once it ends with the end-of-file marker.
        if let Ok(bytes) = std::fs::read(path) {
            let tail = &bytes[bytes.len().saturating_sub(32)..];
            if bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF") {
                return bytes;
            }
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {}s waiting for {what} to write {}",
            WAIT.as_secs(),
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Choose "Print to File", the dialog's one printer here, and press Print (Enter).
fn print_to_file(plain: &PlainApp, dialog: &str) {
    plain.keys(dialog, &["Down", "Return"]);
}

#[tokio::test]
async fn print_button_and_ctrl_p_print_the_plan() {
    let started = Instant::now();
    let harness = Harness::new("print_preview");
    harness
        .cli(&["community", "create", "--name", NAME])
        .assert_success();
    // Only GTK's own "Print to File" in the dialog: on a machine with printers, the keys
    // that choose a printer must never send the plan to paper.
    let gtk = harness.config_home().join("gtk-3.0");
    std::fs::create_dir_all(&gtk).expect("create the GTK settings folder");
    std::fs::write(
        gtk.join("settings.ini"),
        "[Settings]\ngtk-print-backends=file\n",
    )
    .expect("write the GTK settings");
    let day = today().replace('-', "");
    let ics = harness.root().join("tonight.ics");
    std::fs::write(
        &ics,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hearth e2e//EN\r\nBEGIN:VEVENT\r\n\
             UID:print-night@hearth.test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{day}T170000Z\r\n\
             DTEND:{day}T190000Z\r\nSUMMARY:{EVENT}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    )
    .expect("write the calendar file");
    harness
        .cli(&["import", "events", ics.to_str().unwrap()])
        .assert_success();
    let event_id = event_list(&harness)[0]["id"].as_i64().expect("the event");

    // ---- Under WebDriver: the preview shows the plan; where the controls are ---------------
    let mut app = harness.launch().await;
    app.wait("app-shell").await;
    let nav_plan = centre(&app, "[data-testid=\"nav-plan\"]").await;
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let plan_print = centre(&app, "[data-testid=\"plan-print\"]").await;
    let main_window = app.client().window().await.expect("the main window");
    let heading = app.open_print_preview("plan-print").await;
    assert_eq!(heading, NAME);
    let print_button = centre(&app, "#print-button").await;
    let close_button = centre(&app, "#close-button").await;
    // Close beside Print, on the same row, in the toolbar's order (Close, then Print).
    assert!(
        (close_button.1 - print_button.1).abs() < 1.0 && close_button.0 < print_button.0,
        "Close {close_button:?} sits left of Print {print_button:?} on its row"
    );
    let fits = app
        .exec(
            "return [window.outerWidth, window.outerHeight, screen.availWidth, screen.availHeight];",
            vec![],
        )
        .await;
    let [width, height, screen_width, screen_height]: [f64; 4] =
        serde_json::from_value(fits).expect("four sizes");
    assert!(
        width <= screen_width && height <= screen_height,
        "the preview ({width}×{height}) fits the screen ({screen_width}×{screen_height})"
    );
    app.screenshot("print-preview-01").await;

    // Save as PDF: the plan, with no print dialog, where the save dialog says.
    let saved = app.home().join("plan.pdf");
    let took = app.save_preview_as("preview-save-pdf", &saved).await;
    eprintln!("[e2e] the plan's Save as PDF printed in {took:?} ms");
    let text = pdf_text(&saved);
    assert!(
        text.contains(NAME) && text.contains("Community plan"),
        "the saved PDF is the plan: {text}"
    );
    assert!(
        !text.contains("Save as PDF"),
        "without the preview's toolbar"
    );
    assert!(!pdf_to_png(&saved, "plan-pdf").is_empty());

    // The meetup plan's preview, from the event's panel in the calendar.
    app.client()
        .switch_to_window(main_window)
        .await
        .expect("back to the main window");
    let nav_calendar = centre(&app, "[data-testid=\"nav-calendar\"]").await;
    app.click("nav-calendar").await;
    app.wait(&format!("event-{event_id}")).await;
    let event = centre(&app, &format!("[data-testid=\"event-{event_id}\"]")).await;
    app.click(&format!("event-{event_id}")).await;
    app.wait("event-panel-print").await;
    let panel_print = centre(&app, "[data-testid=\"event-panel-print\"]").await;
    assert_eq!(app.open_print_preview("event-panel-print").await, EVENT);
    let meetup_print = centre(&app, "#print-button").await;
    app.stop_app().await;

    // ---- As a person starts it: the pointer and the keyboard --------------------------------
    let plain = app.start_plain();
    let main = plain.wait_window("^Hearth$", "the main window").await;
    // The page mounts after its window maps and the plan after the click, out of sight from
    // here: press the plan's Print until its preview opens (pressed again, it only reloads).
    let title = format!("^{NAME} — Hearth$");
    let deadline = Instant::now() + WAIT;
    let preview = loop {
        plain.click(&main, nav_plan);
        tokio::time::sleep(Duration::from_millis(500)).await;
        plain.click(&main, plan_print);
        let until = Instant::now() + Duration::from_secs(3);
        let mut found = None;
        while found.is_none() && Instant::now() < until {
            found = plain.windows(&title).pop();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if let Some(id) = found {
            break id;
        }
        assert!(
            Instant::now() < deadline,
            "no preview window after pressing the plan's Print; windows: {:?}",
            plain.window_titles()
        );
    };
    // Its page loads from the app in a moment; a press before its script runs would do
    // nothing, and one press is all the journey makes, so that a late dialog is never
    // taken for the next one.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(plain.windows(DIALOG).is_empty(), "no dialog before Print");

    let pdf = app.home().join("output.pdf");

    // ---- The Print button ------------------------------------------------------------------
    plain.click(&preview, print_button);
    let dialog = plain
        .wait_window(DIALOG, "the print dialog after pressing Print")
        .await;
    print_to_file(&plain, &dialog);
    plain.wait_window_gone(DIALOG, "the print dialog").await;
    let printed = wait_pdf(&pdf, "the Print button's print").await;
    assert!(
        printed.windows(NAME.len()).any(|w| w == NAME.as_bytes()),
        "the PDF is the plan of {NAME:?} (its title names the community)"
    );
    std::fs::remove_file(&pdf).expect("remove the first PDF");
    // The press printed once: the next dialog can only be Ctrl+P's.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(plain.windows(DIALOG).is_empty(), "no second dialog");

    // ---- Ctrl+P ------------------------------------------------------------------------------
    plain.keys(&preview, &["ctrl+p"]);
    let dialog = plain
        .wait_window(DIALOG, "the print dialog after Ctrl+P")
        .await;
    print_to_file(&plain, &dialog);
    plain.wait_window_gone(DIALOG, "the print dialog").await;
    let printed = wait_pdf(&pdf, "Ctrl+P's print").await;
    assert!(printed.windows(NAME.len()).any(|w| w == NAME.as_bytes()));

    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(plain.windows(DIALOG).is_empty(), "Ctrl+P printed once");

    // ---- Close, then Escape, each close the preview and leave the app open -----------------
    plain.click(&preview, close_button);
    plain
        .wait_window_gone(&title, "the preview after pressing Close")
        .await;
    assert!(
        !plain.windows("^Hearth$").is_empty(),
        "the main window stays open when the preview closes"
    );
    plain.click(&main, plan_print);
    let preview = plain.wait_window(&title, "the preview opened again").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    plain.keys(&preview, &["Escape"]);
    plain
        .wait_window_gone(&title, "the preview after Escape")
        .await;
    assert!(
        !plain.windows("^Hearth$").is_empty(),
        "the main window stays open"
    );

    // ---- The meetup plan's Print -------------------------------------------------------------
    std::fs::remove_file(&pdf).expect("remove the second PDF");
    let title = format!("^{EVENT} — Hearth$");
    plain.click(&main, nav_calendar);
    let deadline = Instant::now() + WAIT;
    let preview = loop {
        // The calendar draws its events a moment after it shows, and the panel opens after
        // the click: press on until the preview opens.
        tokio::time::sleep(Duration::from_millis(700)).await;
        plain.click(&main, event);
        tokio::time::sleep(Duration::from_millis(700)).await;
        plain.click(&main, panel_print);
        if let Some(id) = plain.windows(&title).pop() {
            break id;
        }
        assert!(
            Instant::now() < deadline,
            "no meetup plan preview after pressing Print plan; windows: {:?}",
            plain.window_titles()
        );
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    plain.click(&preview, meetup_print);
    let dialog = plain
        .wait_window(DIALOG, "the print dialog after the meetup plan's Print")
        .await;
    print_to_file(&plain, &dialog);
    plain.wait_window_gone(DIALOG, "the print dialog").await;
    wait_pdf(&pdf, "the meetup plan's print").await;
    let text = pdf_text(&pdf);
    assert!(
        text.contains(EVENT) && text.contains("Meetup plan"),
        "the PDF is the meetup plan of {EVENT:?}: {text}"
    );
    eprintln!(
        "[e2e] print_preview took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
