//! Printable documents in a preview window of their own. The window loads them from the
//! `hearth-print:` protocol, which renders them in hearth-core on request; the window may
//! call no command, and its page carries a Print button that the printed sheet leaves out.
//! Its Close button (and Escape) asks for the `/close` address, which the window's
//! navigation guard turns into closing the window: a page that may call no command has no
//! other way to close its window (WebKit's `window.close()` would only empty it).

use hearth_core::print::{self, Output};
use hearth_core::{community, events, metrics, Error, Result};
use tauri::http::{header, HeaderValue, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Monitor, State, Url, WebviewUrl, WebviewWindowBuilder};

use super::print_to_file;
use crate::state::{with_db, AppState};

pub const SCHEME: &str = "hearth-print";
const PREVIEW_SCRIPT: &str = include_str!("print_preview.js");
/// The preview's own policy: its styles are inline (the same file prints from the command
/// line), its one script comes from the protocol, and nothing else loads.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src data:";
/// The address the preview's Close asks for; never loaded, the window closes instead.
const CLOSE_PATH: &str = "/close";
/// The addresses its Save as PDF and Save as HTML ask for (`/save/pdf?name=…`); never
/// loaded, the save dialog opens instead.
const SAVE_PATH: &str = "/save/";

/// The preview's size when the screen has room: an A4 page's width with its margins, and
/// most of a page's height.
const PREVIEW_SIZE: (f64, f64) = (900.0, 760.0);
/// The smallest the preview may be made, when the screen has room for it.
const PREVIEW_MIN_SIZE: (f64, f64) = (600.0, 500.0);
/// Left free around the preview on a small screen: panels, the title bar, and a glimpse of
/// the main window behind it.
const SCREEN_MARGIN: f64 = 48.0;

/// Opens (or brings forward) the preview of the community plan.
#[tauri::command]
pub async fn print_plan_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    community_id: i64,
) -> Result<()> {
    let name = with_db(&state, move |db| {
        community::get(db, community_id).map(|c| c.charter.name)
    })
    .await?;
    open_preview(
        app,
        format!("print-plan-{community_id}"),
        format!("/plan/{community_id}"),
        name,
    )
}

/// Opens (or brings forward) the preview of an event's meetup plan, in `variant` ("full",
/// "agenda" or "checkin"); the preview's toolbar switches between them.
#[tauri::command]
pub async fn print_meetup_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    event_id: i64,
    variant: String,
) -> Result<()> {
    let variant = print::Variant::parse("variant", &variant)?;
    let title = with_db(&state, move |db| events::get(db, event_id).map(|e| e.title)).await?;
    open_preview(
        app,
        format!("print-meetup-{event_id}"),
        format!("/meetup/{event_id}?variant={}", variant.as_str()),
        title,
    )
}

/// Opens the preview window `label` on `path` of the print protocol, titled after `name`;
/// an open one is brought forward and shows the document anew.
pub(super) fn open_preview(
    app: AppHandle,
    label: String,
    path: String,
    name: String,
) -> Result<()> {
    if let Some(window) = app.get_webview_window(&label) {
        let _ = window.eval(format!("location.assign({path:?})"));
        return window
            .set_focus()
            .map_err(|e| Error::Internal(e.to_string()));
    }
    let url = format!("{SCHEME}://localhost{path}")
        .parse()
        .map_err(|e| Error::Internal(format!("bad preview address: {e}")))?;
    let screen = app
        .get_webview_window(super::window::MAIN_WINDOW)
        .and_then(|main| main.current_monitor().ok().flatten())
        .or_else(|| app.primary_monitor().ok().flatten())
        .map(|monitor| work_area(&monitor));
    let (size, min_size) = fit_to_screen(screen);
    let closer = app.clone();
    let closing = label.clone();
    WebviewWindowBuilder::new(&app, label, WebviewUrl::CustomProtocol(url))
        .title(format!("{name} — Hearth"))
        .inner_size(size.0, size.1)
        .min_inner_size(min_size.0, min_size.1)
        .center()
        .on_navigation(move |url| match guarded(url) {
            None => true,
            Some(Guarded::Close) => {
                // Closed from another thread: on this one, inside the web view's own
                // navigation callback, the window would be torn down under the code that
                // is calling us.
                let app = closer.clone();
                let label = closing.clone();
                std::thread::spawn(move || {
                    if let Some(window) = app.get_webview_window(&label) {
                        if let Err(err) = window.close() {
                            eprintln!("hearth: the print preview could not be closed: {err}");
                        }
                    }
                });
                false
            }
            Some(Guarded::Save(format, offered)) => {
                print_to_file::start(closer.clone(), closing.clone(), format, offered);
                false
            }
        })
        .build()
        .map(drop)
        .map_err(|e| Error::Internal(format!("the preview window could not be opened: {e}")))
}

/// What a navigation of the preview asks of the app instead of a page: its Close (the
/// button or Escape), or a save (`/save/pdf` or `/save/html`, with the file name to offer).
#[derive(Debug, PartialEq)]
enum Guarded {
    Close,
    Save(print_to_file::Format, String),
}

fn guarded(url: &Url) -> Option<Guarded> {
    if url.scheme() != SCHEME {
        return None;
    }
    if url.path() == CLOSE_PATH {
        return Some(Guarded::Close);
    }
    let format = print_to_file::Format::from_extension(url.path().strip_prefix(SAVE_PATH)?)?;
    let offered = url
        .query_pairs()
        .find(|(key, _)| key == "name")
        .map(|(_, name)| name.into_owned())
        .unwrap_or_default();
    Some(Guarded::Save(format, offered))
}

/// The part of the monitor that windows may use (without panels), in logical pixels.
fn work_area(monitor: &Monitor) -> (f64, f64) {
    let scale = monitor.scale_factor().max(1.0);
    let area = monitor.work_area().size;
    (
        f64::from(area.width) / scale,
        f64::from(area.height) / scale,
    )
}

/// The preview's size and smallest size on a screen whose work area is `screen` (unknown:
/// the preferred size): never larger than the screen less its margins, so that on a small
/// laptop the window and its Close button stay on screen and the page scrolls inside.
fn fit_to_screen(screen: Option<(f64, f64)>) -> ((f64, f64), (f64, f64)) {
    let Some((width, height)) = screen else {
        return (PREVIEW_SIZE, PREVIEW_MIN_SIZE);
    };
    let room = |preferred: f64, available: f64| preferred.min(available - SCREEN_MARGIN).max(1.0);
    let size = (room(PREVIEW_SIZE.0, width), room(PREVIEW_SIZE.1, height));
    let min_size = (
        PREVIEW_MIN_SIZE.0.min(size.0),
        PREVIEW_MIN_SIZE.1.min(size.1),
    );
    (size, min_size)
}

/// Answers a `hearth-print:` request: a document (see [`render`]) or the preview's script.
pub fn respond(app: &AppHandle, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let path = request.uri().path();
    if path == "/print.js" {
        return reply(
            StatusCode::OK,
            "text/javascript",
            PREVIEW_SCRIPT.as_bytes().to_vec(),
        );
    }
    match render(app, path, request.uri().query(), Output::Preview) {
        Ok(html) => reply(
            StatusCode::OK,
            "text/html; charset=utf-8",
            html.into_bytes(),
        ),
        Err(err) => reply(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            err.to_string().into_bytes(),
        ),
    }
}

/// The printable document at `path` of the print protocol: `/plan/<community id>`,
/// `/meetup/<event id>` with `variant=full|agenda|checkin` and `paper=a4|letter` in `query`,
/// or `/metrics/<community id>` with `from` and `to` days in `query`.
pub(super) fn render(
    app: &AppHandle,
    path: &str,
    query: Option<&str>,
    output: Output,
) -> Result<String> {
    let id_after = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|id| id.parse::<i64>().ok())
    };
    let with_db = |document: &dyn Fn(&hearth_core::Db) -> Result<String>| {
        let state = app.state::<AppState>();
        let db = state
            .db
            .lock()
            .map_err(|_| Error::Internal("the database lock was poisoned".into()))?;
        match &*db {
            Ok(db) => document(db),
            Err(err) => Err(Error::Io(format!(
                "the database could not be opened: {err}"
            ))),
        }
    };
    if let Some(id) = id_after("/plan/") {
        with_db(&|db| print::community_plan(db, id, output, &print::DateFormat::of_interface(db)?))
    } else if let Some(id) = id_after("/meetup/") {
        let variant =
            print::Variant::parse("variant", query_value(query, "variant").unwrap_or("full"))?;
        let paper = paper_of(query)?;
        with_db(&|db| print::meetup_plan(db, id, variant, paper, output, &print::system_locale()))
    } else if let Some(id) = id_after("/metrics/") {
        let range = metrics::Range::parse(
            query_value(query, "from").unwrap_or_default(),
            query_value(query, "to").unwrap_or_default(),
        )?;
        with_db(&|db| {
            let board = metrics::dashboard(db, id, range)?;
            print::metrics_report(db, &board, output, &print::DateFormat::of_interface(db)?)
        })
    } else {
        Err(Error::NotFound(format!("no printable document at {path}")))
    }
}

/// The paper a document's address asks for; A4 when it does not say (the community plan).
pub(super) fn paper_of(query: Option<&str>) -> Result<print::Paper> {
    print::Paper::parse("paper", query_value(query, "paper").unwrap_or("a4"))
}

/// The value of `key` in a query string such as `variant=full&paper=a4`.
fn query_value<'q>(query: Option<&'q str>, key: &str) -> Option<&'q str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

fn reply(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Vec<u8>> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_keeps_its_size_where_the_screen_has_room() {
        assert_eq!(
            fit_to_screen(Some((1920.0, 1040.0))),
            (PREVIEW_SIZE, PREVIEW_MIN_SIZE)
        );
        assert_eq!(fit_to_screen(None), (PREVIEW_SIZE, PREVIEW_MIN_SIZE));
    }

    #[test]
    fn on_a_small_screen_the_preview_fits_inside_it_with_a_margin() {
        // A 1366×768 laptop with a 32 px panel: 736 px of height for windows.
        let ((width, height), (min_width, min_height)) = fit_to_screen(Some((1366.0, 736.0)));
        assert_eq!(width, PREVIEW_SIZE.0);
        assert_eq!(height, 736.0 - SCREEN_MARGIN);
        assert!(min_height <= height && min_width <= width);
        // Smaller than its usual smallest size: the smallest follows the screen down.
        let ((width, height), (min_width, min_height)) = fit_to_screen(Some((560.0, 480.0)));
        assert_eq!(
            (width, height),
            (560.0 - SCREEN_MARGIN, 480.0 - SCREEN_MARGIN)
        );
        assert_eq!((min_width, min_height), (width, height));
    }

    #[test]
    fn only_the_previews_own_addresses_are_kept_from_loading() {
        let url = |text: &str| text.parse::<Url>().expect("an address");
        assert_eq!(
            guarded(&url("hearth-print://localhost/close")),
            Some(Guarded::Close)
        );
        assert_eq!(guarded(&url("hearth-print://localhost/plan/7")), None);
        assert_eq!(guarded(&url("https://localhost/close")), None);
        assert_eq!(
            guarded(&url(
                "hearth-print://localhost/save/pdf?name=%D0%92%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0%3A%20full"
            )),
            Some(Guarded::Save(
                print_to_file::Format::Pdf,
                "Встреча: full".into()
            ))
        );
        assert_eq!(
            guarded(&url("hearth-print://localhost/save/html")),
            Some(Guarded::Save(print_to_file::Format::Html, String::new()))
        );
        assert_eq!(guarded(&url("hearth-print://localhost/save/docx")), None);
    }

    #[test]
    fn a_documents_paper_is_read_from_its_address() {
        assert_eq!(paper_of(None).unwrap(), print::Paper::A4);
        assert_eq!(
            paper_of(Some("variant=agenda&paper=letter")).unwrap(),
            print::Paper::Letter
        );
        assert_eq!(
            paper_of(Some("paper=legal")).unwrap_err().code(),
            "invalid_input"
        );
    }
}
