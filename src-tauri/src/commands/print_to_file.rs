//! Save as PDF and Save as HTML from a print preview, into a file the person names in the
//! system's save dialog. The PDF is printed by WebKit from the preview itself (the page as it
//! is laid out, on the paper the document is set for) to GTK's "Print to File" printer, with
//! no print dialog; the HTML is the document as `hearth print` writes it. Either is written
//! beside the chosen name and renamed into place whole, so that a full disk or a kill leaves
//! the old file, or none, never half a new one. The preview may call no command: it asks by
//! address (print.rs), and the outcome goes back to its page as a call of
//! `window.hearthPreview.saved` with the path, or the reason it was not saved.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

use hearth_core::print::{self, Output, Paper};
use hearth_core::{output_file, Error, Result};
use tauri::{AppHandle, Manager, Url, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

/// What the preview is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Html,
}

impl Format {
    /// The format a save address names (`/save/pdf`, `/save/html`).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension {
            "pdf" => Some(Format::Pdf),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Html => "HTML",
        }
    }
}

/// Asks where to save the document shown in the preview window `label`, offering `offered`
/// as the file's name, and saves it there; the page hears how it ended. On a thread of its
/// own: the dialog waits for the person, and the window's navigation callback, which starts
/// this, must return at once.
pub fn start(app: AppHandle, label: String, format: Format, offered: String) {
    std::thread::spawn(move || {
        let Some(window) = app.get_webview_window(&label) else {
            return;
        };
        let outcome = (|| -> Result<Started> {
            let document = window
                .url()
                .map_err(|e| Error::Internal(format!("the preview's address: {e}")))?;
            let Some(out) = choose(&app, &window, format, &offered) else {
                return Ok(Started::Cancelled);
            };
            output_file::guard(&app.state::<AppState>().data_dir, &out)?;
            match format {
                Format::Html => {
                    let html = super::print::render(
                        &app,
                        document.path(),
                        document.query(),
                        Output::Document,
                    )?;
                    output_file::write(&out, html.as_bytes())?;
                    Ok(Started::Saved(out))
                }
                Format::Pdf => {
                    let paper = super::print::paper_of(document.query())?;
                    print_pdf(&window, out, paper)?;
                    Ok(Started::Printing)
                }
            }
        })();
        match outcome {
            Ok(Started::Saved(path)) => report(&window, Some(Ok(path)), None),
            Ok(Started::Cancelled) => report(&window, None, None),
            // The print operation reports when it ends.
            Ok(Started::Printing) => {}
            Err(err) => report(&window, Some(Err(err)), None),
        }
    });
}

/// The system's save dialog over the preview, offering `offered` with the format's
/// extension; None when the person cancels. A name typed without an extension gets it.
fn choose(
    app: &AppHandle,
    window: &WebviewWindow,
    format: Format,
    offered: &str,
) -> Option<PathBuf> {
    let extension = format.extension();
    let offered = if offered.is_empty() {
        "Hearth"
    } else {
        offered
    };
    let path = app
        .dialog()
        .file()
        .set_parent(window)
        .add_filter(format.filter_name(), &[extension])
        .set_file_name(format!("{offered}.{extension}"))
        .blocking_save_file()?
        .into_path()
        .ok()?;
    Some(if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    })
}

/// Prints the preview's page to `out` as a PDF on `paper`, with no dialog: WebKit's print
/// operation, on GTK's "Print to File" printer, into a partial file that is put in place when
/// the operation finishes. It runs on the main thread, where the web view lives, and ends
/// there later; its end is reported to the page.
fn print_pdf(window: &WebviewWindow, out: PathBuf, paper: Paper) -> Result<()> {
    use webkit2gtk::PrintOperationExt;

    let partial = output_file::partial_path(&out);
    let uri = Url::from_file_path(&partial)
        .map_err(|()| Error::Internal(format!("not a file address: {}", partial.display())))?;
    let reporter = window.clone();
    window
        .with_webview(move |webview| {
            let started = Instant::now();
            let operation = webkit2gtk::PrintOperation::new(&webview.inner());
            let settings = gtk::PrintSettings::new();
            // GTK names its file printer in the desktop's language ("Печать в файл").
            settings.set_printer(&gtk::glib::dgettext(Some("gtk30"), "Print to File"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri.as_str()));
            let setup = gtk::PageSetup::new();
            setup.set_paper_size(&gtk::PaperSize::new(Some(match paper {
                Paper::A4 => gtk::PAPER_NAME_A4,
                Paper::Letter => gtk::PAPER_NAME_LETTER,
            })));
            // WebKit lays the page out on the printer's page, not on the document's `@page`:
            // the printer is given the document's margins.
            let [top, right, bottom, left] = print::MARGINS_MM;
            setup.set_top_margin(top, gtk::Unit::Mm);
            setup.set_right_margin(right, gtk::Unit::Mm);
            setup.set_bottom_margin(bottom, gtk::Unit::Mm);
            setup.set_left_margin(left, gtk::Unit::Mm);
            operation.set_print_settings(&settings);
            operation.set_page_setup(&setup);

            // "failed" comes before "finished", which always comes; the operation is kept
            // until then.
            let failure: Rc<RefCell<Option<String>>> = Rc::default();
            let kept = Rc::new(RefCell::new(Some(operation.clone())));
            let failed = failure.clone();
            operation.connect_failed(move |_, err| {
                *failed.borrow_mut() = Some(err.to_string());
            });
            operation.connect_finished(move |_| {
                kept.borrow_mut().take();
                let outcome = match failure.borrow_mut().take() {
                    Some(reason) => {
                        let _ = std::fs::remove_file(&partial);
                        Err(Error::Io(format!("the PDF could not be printed: {reason}")))
                    }
                    None => output_file::put_in_place(&partial, &out).map(|()| out.clone()),
                };
                let took = started.elapsed().as_millis();
                report(&reporter, Some(outcome), Some(took));
            });
            operation.print();
        })
        .map_err(|e| Error::Internal(format!("the preview could not print: {e}")))
}

/// Where a save stands once the dialog is answered.
enum Started {
    Saved(PathBuf),
    /// The PDF is being printed; the print operation reports its end.
    Printing,
    Cancelled,
}

/// Tells the preview's page how a save ended: saved at a path (and, for a PDF, how many
/// milliseconds printing took), not saved and why, or cancelled (None).
fn report(window: &WebviewWindow, outcome: Option<Result<PathBuf>>, took_ms: Option<u128>) {
    let message = match outcome {
        Some(Ok(path)) => serde_json::json!({ "path": path.display().to_string(), "ms": took_ms }),
        Some(Err(err)) => serde_json::json!({ "reason": err.to_string() }),
        None => serde_json::json!({}),
    };
    if let Err(err) = window.eval(format!("window.hearthPreview?.saved({message})")) {
        eprintln!("hearth: the preview could not be told how the save ended: {err}");
    }
}
