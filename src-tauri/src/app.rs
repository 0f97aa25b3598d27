//! The desktop window: opens the database (checking it first) while GTK starts, starts the
//! start-up backup beside it, and hands the commands their shared state.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use hearth_core::community::{self, platforms};
use hearth_core::db::{backup, startup};
use hearth_core::{data_dir, plan};
use serde_json::json;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

use crate::commands::{self, AppStatus};
use crate::desktop_font;
use crate::state::AppState;

pub fn run(explicit_data_dir: Option<PathBuf>) -> ExitCode {
    // Opening and checking the database, and the desktop font's answer (remembered, or
    // fontconfig's on a first start), take milliseconds each: both are done beside GTK's
    // start, not before it.
    let opening = std::thread::spawn(move || open_state(explicit_data_dir));
    let desktop_font = std::thread::spawn(desktop_font::for_start_up);
    let result = tauri::Builder::default()
        .manage(commands::window::CloseRequests::default())
        .manage(commands::sharing::Syncing::default())
        .on_window_event(|window, event| {
            commands::window::on_window_event(window, event);
            commands::remember_dropped_files(window, event);
        })
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .register_asynchronous_uri_scheme_protocol(
            commands::print::SCHEME,
            |ctx, request, responder| {
                // Rendering reads the database: off the main thread, like every command.
                let app = ctx.app_handle().clone();
                std::thread::spawn(move || {
                    responder.respond(commands::print::respond(&app, &request))
                });
            },
        )
        .setup(move |app| {
            let state = opening
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if state.db.lock().is_ok_and(|db| db.is_ok()) {
                start_up_backup(state.db_path(), state.backups_dir());
            }
            let desktop_font = desktop_font.join().unwrap_or(true);
            app.manage(state);
            // Shared communities sync behind the window, from the start.
            commands::sharing::start(app.handle());
            let first_screen = first_screen_script(app.handle(), desktop_font);
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("Hearth")
                .inner_size(1100.0, 720.0)
                .min_inner_size(800.0, 560.0)
                .initialization_script(&first_screen)
                .on_page_load(|window, load| {
                    if load.event() == PageLoadEvent::Started {
                        commands::window::page_loading(window.app_handle());
                    }
                })
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hearth: the window could not be opened: {err}");
            ExitCode::FAILURE
        }
    }
}

fn open_state(explicit_data_dir: Option<PathBuf>) -> AppState {
    let resolved = data_dir::resolve(explicit_data_dir);
    let data_dir = resolved.as_ref().cloned().unwrap_or_default();
    let opened = resolved.and_then(|dir| startup::open(&dir));
    let (db, recovery) = match opened {
        Ok(opened) => (Ok(opened.db), opened.recovery),
        Err(err) => {
            eprintln!("hearth: {err}");
            (Err(err), None)
        }
    };
    if let Some(r) = &recovery {
        eprintln!(
            "hearth: the database failed its check and was kept aside at {}",
            r.damaged_path.display()
        );
    }
    AppState {
        data_dir,
        db: Arc::new(Mutex::new(db)),
        recovery: Mutex::new(recovery),
        import_cancel: Arc::default(),
        chosen_files: Default::default(),
    }
}

/// The first screen's data (status, communities, and the charter, platforms, sharing status
/// and overdue count of the community opened first), embedded in the page as the window
/// is created, so the interface draws it without waiting for a round trip over IPC. The
/// interface uses it on its first load only; later loads ask the commands. `null` when the
/// database could not be read: the interface then asks, and shows the error it gets.
/// Beside it, whether the desktop's font is installed, which every load reads.
fn first_screen_script(app: &AppHandle, desktop_font: bool) -> String {
    let state = app.state::<AppState>();
    let data = state.db.lock().ok().and_then(|db| {
        let db = db.as_ref().ok()?;
        let status = AppStatus::read(db, &state).ok()?;
        let communities = community::list(db).ok()?;
        // What the first screen shows of the community it opens, so that all of it is drawn
        // with the shell at once: a second round trip would lay out and paint it twice.
        let opened = status
            .selected_community
            .or(communities.first().map(|c| c.id));
        let first = opened.and_then(|id| {
            Some(json!({
                "charter": community::get(db, id).ok()?,
                "platforms": platforms::list(db, id).ok(),
                "planSummary": plan::summary(db, id).ok(),
                "sharing": commands::sharing::status(app, db, id).ok(),
            }))
        });
        Some(json!({ "status": status, "communities": communities, "first": first }))
    });
    format!(
        "window.__HEARTH_FIRST_SCREEN__ = {}; window.__HEARTH_DESKTOP_FONT__ = {};",
        data.unwrap_or_default(),
        desktop_font
    )
}

/// Backs up on a thread of its own (WAL lets it read beside the app), so start-up does not wait.
fn start_up_backup(db_path: PathBuf, backups_dir: PathBuf) {
    std::thread::spawn(move || {
        if let Err(err) = backup::create_if_changed(&db_path, &backups_dir) {
            eprintln!("hearth: the start-up backup failed: {err}");
        }
    });
}
