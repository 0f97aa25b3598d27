//! The app's other windows (a print preview) and closing the app as a person does: through
//! the window's close request, not WebDriver's "close window", which skips the app's question.

use std::time::Duration;

use crate::driver::guard;
use crate::x11;
use crate::App;

impl App {
    /// Resizes the main window and waits until the page has the new size, so what follows
    /// measures the layout at that size (a resize is asynchronous under the window manager).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client()
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("resize the window to {width}×{height}: {e}"));
        self.eventually(&format!("the page to be {width}×{height}"), || async move {
            let size = self
                .exec("return [window.innerWidth, window.innerHeight];", vec![])
                .await;
            (size == serde_json::json!([width, height])).then_some(())
        })
        .await;
    }

    /// Presses `button` (which opens a print preview), switches WebDriver to the new window
    /// and waits for the printable document to load; returns its heading.
    pub async fn open_print_preview(&self, button: &str) -> String {
        // A preview opened earlier may still be open: the new one is the window not there
        // before the press.
        let before = self.client().windows().await.expect("the windows");
        self.click(button).await;
        let preview = self
            .eventually("the preview window to open", || async {
                let handles = self.client().windows().await.ok()?;
                handles.into_iter().find(|h| !before.contains(h))
            })
            .await;
        self.client()
            .switch_to_window(preview)
            .await
            .expect("switch to the preview");
        self.eventually("the printable document to load", || async {
            let h1 = self.find_css_opt("h1").await?;
            let text = h1.text().await.ok()?;
            (!text.is_empty()).then_some(text)
        })
        .await
    }
}

impl App {
    /// Ask the app's main window (titled "Hearth") to close as its title bar's close button
    /// does: the window manager sends the window the `WM_DELETE_WINDOW` message, and GTK
    /// turns it into the window's close request. WebDriver's "close window" cannot stand in
    /// for it: it ends the web view and the app without the app ever being asked (tried: a
    /// typed, unsaved charter was lost with no question).
    pub async fn close_window(&self) {
        self.close_window_titled("Hearth").await;
    }

    /// [`App::close_window`] for another window of the app, e.g. a print preview.
    pub async fn close_window_titled(&self, title: &str) {
        let pids = self.h.app_pids();
        assert!(!pids.is_empty(), "close_window(): the app is not running");
        let display = self.h.display.clone();
        let title = title.to_string();
        tokio::task::spawn_blocking(move || x11::send_delete_window(&display, &pids, &title))
            .await
            .expect("the X request ran")
            .unwrap_or_else(|e| panic!("close the window: {e}"));
    }

    /// Click a button that closes the app (the window closes as the click is answered, so
    /// WebDriver may report the window gone instead of answering). Follow it with
    /// [`App::wait_exited`], which says whether the app did close.
    pub async fn click_closing(&self, id: &str) {
        let el = self.wait(id).await;
        if let Err(e) = guard("click", el.click()).await {
            eprintln!("[e2e] clicking {id} (which closes the app): {e}");
        }
    }

    /// A key chord that may close the app (Ctrl+W, Ctrl+Q): as [`App::keys`], but the
    /// session ending under it is what is expected, not a failure.
    pub async fn keys_closing(&self, modifiers: &[fantoccini::key::Key], key: char) {
        let (chord, actions) = crate::actions::chord_actions(modifiers, key);
        if let Err(e) = guard("keys", self.client().perform_actions(actions)).await {
            eprintln!("[e2e] pressing {chord:?} (which closes the app): {e}");
        }
    }

    /// Wait until the app has exited on its own (its window was closed), then drop the
    /// WebDriver session, which has nothing left to drive; `start_app()` starts it again.
    /// False, with the session kept, when it still runs after `timeout`.
    pub async fn wait_exited(&mut self, timeout: Duration) -> bool {
        if !self.h.wait_app_exit(timeout).await {
            return false;
        }
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
        true
    }
}
