//! Closing the main window without losing typed text.
//!
//! The close button (or Alt+F4, or the window manager's menu) only asks: the shell keeps the
//! window open and passes the request to the page, which alone knows what is unsaved (charter
//! drafts, an open form). The page closes at once when nothing is, and otherwise asks the
//! person "Save changes before closing?" and closes after Save or Discard, the way a GNOME
//! editor does.
//!
//! A page that never answers (hung, or broken before it could listen) must not make the
//! window impossible to close: without an answer within a few seconds the window closes
//! anyway. Once the page says its question is on screen, the shell waits for the person, for
//! as long as it takes. Print previews are not guarded: they hold nothing typed.

use std::sync::Mutex;
use std::time::Duration;

use hearth_core::{Error, Result};
use tauri::{AppHandle, Emitter, Manager, Runtime, State, Window, WindowEvent};

/// The window whose close is guarded.
pub const MAIN_WINDOW: &str = "main";
/// What the page listens to (ui/js/api.js, `onCloseRequested`).
pub const CLOSE_REQUESTED_EVENT: &str = "window-close-requested";
/// Long enough for a busy page to answer, short enough that a hung one is not waited on for long.
const ANSWER_WAIT: Duration = Duration::from_secs(5);

/// The close requests the page has not answered yet.
#[derive(Default)]
pub struct CloseRequests(Mutex<Unanswered>);

#[derive(Default)]
struct Unanswered {
    /// Counts requests, so a later request's own wait decides, not an earlier one's.
    latest: u64,
    waiting: bool,
}

/// Holds the main window open on a close request and hands the request to the page.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if window.label() != MAIN_WINDOW {
        return;
    }
    api.prevent_close();
    let request = {
        let requests = window.state::<CloseRequests>();
        let mut unanswered = requests.0.lock().unwrap_or_else(|e| e.into_inner());
        unanswered.latest += 1;
        unanswered.waiting = true;
        unanswered.latest
    };
    if let Err(err) = window.emit_to(MAIN_WINDOW, CLOSE_REQUESTED_EVENT, ()) {
        eprintln!("hearth: the page could not be asked before closing ({err}); closing");
        log_failure(destroy_main(window.app_handle()));
        return;
    }
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(ANSWER_WAIT);
        let unanswered = {
            let requests = app.state::<CloseRequests>();
            let state = requests.0.lock().unwrap_or_else(|e| e.into_inner());
            state.waiting && state.latest == request
        };
        if unanswered {
            eprintln!("hearth: the page did not answer the close request; closing anyway");
            log_failure(destroy_main(&app));
        }
    });
}

/// The page's answer "close now": nothing is unsaved, or the person chose Discard, or Save
/// and every save went through.
#[tauri::command]
pub async fn app_close(app: AppHandle) -> Result<()> {
    destroy_main(&app)
}

/// The page's answer to Ctrl+Q once nothing is unsaved (or the person chose): the app
/// ends, print previews and all, as Quit does in a GNOME app; Ctrl+W and the close button
/// close the main window only.
#[tauri::command]
pub fn app_quit(app: AppHandle) {
    app.exit(0);
}

/// The page's answer "my question is on screen": the person decides, however long it takes.
#[tauri::command]
pub fn app_close_asking(requests: State<'_, CloseRequests>) {
    requests.0.lock().unwrap_or_else(|e| e.into_inner()).waiting = false;
}

/// Destroys the main window without asking again (a plain close would come back here).
/// The app ends with its last window, as before: an open print preview stays.
fn destroy_main<R: Runtime>(app: &AppHandle<R>) -> Result<()> {
    match app.get_webview_window(MAIN_WINDOW) {
        Some(window) => window
            .destroy()
            .map_err(|e| Error::Internal(format!("the window could not be closed: {e}"))),
        None => Ok(()),
    }
}

fn log_failure(result: Result<()>) {
    if let Err(err) = result {
        eprintln!("hearth: {err}");
    }
}
