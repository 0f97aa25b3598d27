//! Closing the main window without losing typed text.
//!
//! The close button (or Alt+F4, or the window manager's menu) only asks: the shell keeps the
//! window open and passes the request to the page, which alone knows what is unsaved (charter
//! drafts, an open form). The page closes at once when nothing is, and otherwise asks the
//! person "Save changes before closing?" and closes after Save or Discard, the way a GNOME
//! editor does.
//!
//! The page starts listening once its first screen is up (a round trip before would hold
//! the first screen back) and says when it listens (`app_listens_for_close`): a request that
//! comes before is held until then, and the page on screen, typed text and all, answers it.
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
    /// The page hears close requests: it has said so since it was loaded.
    page_listens: bool,
    /// A request came while the page did not listen yet: handed to it once it does.
    held: bool,
}

impl Unanswered {
    /// A new close request: its number, and whether the page is to be asked now (it listens)
    /// rather than once it listens.
    fn request(&mut self) -> (u64, bool) {
        self.latest += 1;
        self.waiting = true;
        self.held = !self.page_listens;
        (self.latest, !self.held)
    }

    /// A page starts loading: it does not listen until it says so again.
    fn page_loading(&mut self) {
        self.page_listens = false;
    }

    /// The page listens from now on: whether a request is held for it.
    fn page_listens(&mut self) -> bool {
        self.page_listens = true;
        std::mem::take(&mut self.held)
    }
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
    let (request, ask_now) = {
        let requests = window.state::<CloseRequests>();
        let mut unanswered = requests.0.lock().unwrap_or_else(|e| e.into_inner());
        unanswered.request()
    };
    if ask_now {
        ask_the_page(window.app_handle());
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

/// Hands a close request to the page; closes the window when it cannot be reached.
fn ask_the_page<R: Runtime>(app: &AppHandle<R>) {
    if let Err(err) = app.emit_to(MAIN_WINDOW, CLOSE_REQUESTED_EVENT, ()) {
        eprintln!("hearth: the page could not be asked before closing ({err}); closing");
        log_failure(destroy_main(app));
    }
}

/// The page's "I hear close requests from now on": a request held meanwhile is its to answer.
#[tauri::command]
pub fn app_listens_for_close(app: AppHandle, requests: State<'_, CloseRequests>) {
    let held = {
        let mut unanswered = requests.0.lock().unwrap_or_else(|e| e.into_inner());
        unanswered.page_listens()
    };
    if held {
        ask_the_page(&app);
    }
}

/// A page starts loading (the first, or a reload after a restore): it does not listen yet.
pub fn page_loading<R: Runtime>(app: &AppHandle<R>) {
    let requests = app.state::<CloseRequests>();
    requests
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .page_loading();
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

#[cfg(test)]
mod tests {
    use super::Unanswered;

    #[test]
    fn a_request_before_the_page_listens_is_held_until_it_does() {
        let mut unanswered = Unanswered::default();
        assert_eq!(
            unanswered.request(),
            (1, false),
            "held: nobody hears it yet"
        );
        assert_eq!(
            unanswered.request(),
            (2, false),
            "a second one is held with it"
        );
        assert!(
            unanswered.page_listens(),
            "handed over once the page listens"
        );
        assert!(!unanswered.page_listens(), "and only once");
        assert_eq!(
            unanswered.request(),
            (3, true),
            "asked at once from then on"
        );
        assert!(unanswered.waiting, "the answer is awaited");
    }

    #[test]
    fn a_reloading_page_does_not_listen_until_it_says_so_again() {
        let mut unanswered = Unanswered::default();
        unanswered.page_listens();
        unanswered.page_loading();
        assert_eq!(unanswered.request(), (1, false));
        assert!(unanswered.page_listens());
    }
}
