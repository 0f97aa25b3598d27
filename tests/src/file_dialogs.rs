//! The system's file dialogs (GTK's file chooser, opened by the app from Rust), answered as
//! a person answers them: with the keyboard, through the X server. WebDriver cannot reach a
//! native window, and the app offers no way around the dialog, so what a test chooses goes
//! through the same dialog, the same path handling and the same commands as a person's
//! choice.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::paths::screens_dir;
use crate::plain::xdotool;
use crate::waits::{POLL, WAIT};
use crate::App;

impl App {
    /// The app's visible windows, by X id.
    fn x_windows(&self) -> Vec<String> {
        let display = self.display().to_string();
        self.app_pids()
            .iter()
            .flat_map(|pid| {
                let pid = pid.to_string();
                xdotool(
                    &display,
                    &[
                        "search",
                        "--all",
                        "--onlyvisible",
                        "--pid",
                        &pid,
                        "--name",
                        ".",
                    ],
                )
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
            })
            .collect()
    }

    fn x_window_name(&self, window: &str) -> String {
        xdotool(self.display(), &["getwindowname", window])
    }

    /// Presses `button`, which opens a file dialog, and waits for the dialog's window (a
    /// window of the app that was not there before); its X id.
    async fn open_file_dialog(&self, button: &str) -> String {
        let before = self.x_windows();
        self.click(button).await;
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(dialog) = self.x_windows().into_iter().find(|w| !before.contains(w)) {
                // Mapped is not yet ready for keys: GTK fills it in just after.
                tokio::time::sleep(Duration::from_millis(500)).await;
                return dialog;
            }
            if Instant::now() > deadline {
                let titles: Vec<String> = self
                    .x_windows()
                    .iter()
                    .map(|w| self.x_window_name(w))
                    .collect();
                panic!(
                    "timed out after {}s waiting for the file dialog that {button} opens; the app's windows: {titles:?}",
                    WAIT.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn wait_window_closed(&self, window: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while self.x_windows().iter().any(|w| w == window) {
            if Instant::now() > deadline {
                let shot = self.x_screenshot(&format!("FAILED-{}-file-dialog", self.name()));
                panic!(
                    "timed out after {}s waiting for {what} to close; the screen: {shot}",
                    WAIT.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Whether `dialog` is still on the screen after up to `wait`.
    async fn still_open(&self, dialog: &str, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while self.x_windows().iter().any(|w| w == dialog) {
            if Instant::now() > deadline {
                return true;
            }
            tokio::time::sleep(POLL).await;
        }
        false
    }

    /// Types `path` into the dialog's field that `open_field` (keys) brings up, over what it
    /// holds, and presses Enter, as a person does; again, as a person would, when the dialog
    /// is still there: a dialog just mapped can miss the first keys (a path arrived without
    /// its "/tmp/"), and the first Enter may only close the field's completion list.
    async fn type_path(&self, dialog: &str, open_field: &[&str], path: &str, what: &str) {
        let display = self.display();
        for _ in 0..3 {
            if !focus(display, dialog) {
                return;
            }
            for key in open_field {
                xdotool(display, &["key", "--clearmodifiers", key]);
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            xdotool(display, &["key", "--clearmodifiers", "ctrl+a"]);
            xdotool(display, &["type", "--delay", "20", path]);
            tokio::time::sleep(Duration::from_millis(300)).await;
            for _ in 0..2 {
                if !self.x_windows().iter().any(|w| w == dialog) {
                    return;
                }
                if !focus(display, dialog) {
                    return;
                }
                xdotool(display, &["key", "--clearmodifiers", "Return"]);
                if !self.still_open(dialog, Duration::from_millis(1500)).await {
                    return;
                }
            }
        }
        self.wait_window_closed(dialog, what).await;
    }

    /// The whole display as the X server has it (WebDriver sees only the page), through
    /// ImageMagick's `import` when it is installed; where it went, or why not.
    fn x_screenshot(&self, name: &str) -> String {
        let path = screens_dir().join(format!("{name}.png"));
        match Command::new("import")
            .args(["-window", "root", "-display", self.display()])
            .arg(&path)
            .status()
        {
            Ok(status) if status.success() => path.display().to_string(),
            Ok(status) => format!("not taken (import: {status})"),
            Err(e) => format!("not taken (ImageMagick's import: {e})"),
        }
    }

    /// Presses `button`, which opens the system's dialog for a file to open, and chooses
    /// `path` in it as a person who knows where the file is: Ctrl+L for the location field,
    /// the path typed, Enter. Returns the dialog's title.
    pub async fn choose_file(&self, button: &str, path: &Path) -> String {
        let dialog = self.open_file_dialog(button).await;
        let title = self.x_window_name(&dialog);
        self.type_path(&dialog, &["ctrl+l"], typeable(path), "the file dialog")
            .await;
        title
    }

    /// Presses `button`, which opens the system's dialog for a file to save, and saves as
    /// `path` (a file that does not exist yet): the offered name selected, the whole path
    /// typed over it, Enter. Returns the dialog's title.
    pub async fn save_file_as(&self, button: &str, path: &Path) -> String {
        let dialog = self.open_file_dialog(button).await;
        let title = self.x_window_name(&dialog);
        // The name field has the focus: the offered name is replaced by the whole path.
        self.type_path(&dialog, &[], typeable(path), "the save dialog")
            .await;
        title
    }
}

/// The path as `xdotool type` can type it: ASCII only, because it types other characters
/// through a keycode it remaps for each one, and under load a character is now and then
/// lost (a Cyrillic file name arrived with a letter missing).
fn typeable(path: &Path) -> &str {
    match path.to_str() {
        Some(text) if text.is_ascii() => text,
        _ => panic!(
            "{} cannot be typed reliably into a file dialog: give the file an ASCII path",
            path.display()
        ),
    }
}

/// Gives `window` the keyboard focus; false when it has gone meanwhile (a dialog that closed
/// as it was answered).
fn focus(display: &str, window: &str) -> bool {
    // `timeout`: `--sync` waits for the focus to arrive, which it never does to a window
    // that is going away.
    Command::new("timeout")
        .args(["10", "xdotool", "windowfocus", "--sync", window])
        .env("DISPLAY", display)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
