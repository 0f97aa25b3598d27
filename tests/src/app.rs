//! [`App`]: the running app with its WebDriver session, and its life: start, stop, relaunch,
//! kill. What a test does with it is in the sibling modules (waits, actions, reading, drags,
//! screenshots, windows).

use std::ops::Deref;
use std::time::Duration;

use fantoccini::Client;

use crate::Harness;

/// The running app with a WebDriver session, plus the [`Harness`] it runs in (reachable
/// through `Deref`: `app.cli(..)`, `app.data_dir()`, …).
pub struct App {
    pub(crate) client: Option<Client>,
    pub(crate) h: Harness,
}

impl Deref for App {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

impl App {
    /// Start a fresh app in a new default harness.
    pub async fn start(name: &str) -> App {
        Harness::new(name).launch().await
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        self.client
            .as_ref()
            .expect("no WebDriver session: the app was killed; call relaunch()")
    }

    /// Close the session (the app exits) and start the app again on the same data.
    pub async fn relaunch(&mut self) {
        self.stop_app().await;
        self.start_app().await;
    }

    /// Close the session; the app exits (SIGKILL after 15 s if it does not). The harness,
    /// its display and data stay: run CLI commands, then `start_app()`.
    pub async fn stop_app(&mut self) {
        self.end_session().await;
    }

    /// Start the app again (a new session) after `stop_app()` or `kill_app()`.
    pub async fn start_app(&mut self) {
        assert!(
            self.client.is_none(),
            "start_app(): the app is already running"
        );
        let client = self.h.open_session().await;
        self.client = Some(client);
    }

    /// SIGKILL the app mid-whatever-it-is-doing. The session is dropped; `relaunch()` starts
    /// the app again.
    pub async fn kill_app(&mut self) -> usize {
        let n = self.h.kill_app_process();
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
        n
    }

    async fn end_session(&mut self) {
        if let Some(c) = self.client.take() {
            match tokio::time::timeout(Duration::from_secs(15), c.close()).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => eprintln!("[e2e] closing the session: {e}"),
                Err(_) => eprintln!("[e2e] closing the session timed out"),
            }
        }
        if !self.h.wait_app_exit(Duration::from_secs(15)).await {
            eprintln!("[e2e] the app did not exit within 15 s of the session closing; SIGKILL");
            self.h.kill_app_process();
        }
    }

    /// End the session and every process; the same as dropping, but the app gets to exit
    /// normally first.
    pub async fn shutdown(mut self) {
        self.end_session().await;
    }
}
