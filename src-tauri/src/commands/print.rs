//! Printable documents in a preview window of their own. The window loads them from the
//! `hearth-print:` protocol, which renders them in hearth-core on request; the window may
//! call no command, and its page carries a Print button that the printed sheet leaves out.

use hearth_core::print::{self, Output};
use hearth_core::{community, Error, Result};
use tauri::http::{header, HeaderValue, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::state::{with_db, AppState};

pub const SCHEME: &str = "hearth-print";
const PREVIEW_SCRIPT: &str = include_str!("print_preview.js");
/// The preview's own policy: its styles are inline (the same file prints from the command
/// line), its one script comes from the protocol, and nothing else loads.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src data:";

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
    let label = format!("print-plan-{community_id}");
    if let Some(window) = app.get_webview_window(&label) {
        let _ = window.eval("location.reload()");
        return window
            .set_focus()
            .map_err(|e| Error::Internal(e.to_string()));
    }
    let url = format!("{SCHEME}://localhost/plan/{community_id}")
        .parse()
        .map_err(|e| Error::Internal(format!("bad preview address: {e}")))?;
    WebviewWindowBuilder::new(&app, label, WebviewUrl::CustomProtocol(url))
        .title(format!("{name} — Hearth"))
        .inner_size(900.0, 760.0)
        .min_inner_size(600.0, 500.0)
        .build()
        .map(drop)
        .map_err(|e| Error::Internal(format!("the preview window could not be opened: {e}")))
}

/// Answers a `hearth-print:` request: `/plan/<community id>`, or the preview's script.
pub fn respond(app: &AppHandle, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let path = request.uri().path();
    if path == "/print.js" {
        return reply(
            StatusCode::OK,
            "text/javascript",
            PREVIEW_SCRIPT.as_bytes().to_vec(),
        );
    }
    let rendered = path
        .strip_prefix("/plan/")
        .and_then(|id| id.parse::<i64>().ok())
        .ok_or_else(|| Error::NotFound(format!("no printable document at {path}")))
        .and_then(|id| {
            let state = app.state::<AppState>();
            let db = state
                .db
                .lock()
                .map_err(|_| Error::Internal("the database lock was poisoned".into()))?;
            match &*db {
                Ok(db) => print::community_plan(db, id, Output::Preview),
                Err(err) => Err(Error::Io(format!(
                    "the database could not be opened: {err}"
                ))),
            }
        });
    match rendered {
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
