//! Finding elements by `data-testid` and waiting for them. Every wait polls for [`WAIT`] and
//! then fails naming what it waited for, with a screenshot, so a failure says what was missing.

use std::future::Future;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::Locator;

use crate::driver::guard;
use crate::App;

/// How long a wait for something on screen polls before it fails.
pub const WAIT: Duration = Duration::from_secs(15);
pub(crate) const POLL: Duration = Duration::from_millis(100);

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn is_missing(e: &CmdError) -> bool {
    matches!(e, CmdError::Standard(w) if w.error == ErrorStatus::NoSuchElement || w.error == ErrorStatus::StaleElementReference)
}

impl App {
    /// The element with this data-testid if it is in the page now (visible or not).
    pub async fn find_opt(&self, id: &str) -> Option<Element> {
        self.find_css_opt(&testid(id)).await
    }

    pub async fn find_css_opt(&self, css: &str) -> Option<Element> {
        match guard("find element", self.client().find(Locator::Css(css))).await {
            Ok(e) => Some(e),
            Err(e) if is_missing(&e) => None,
            Err(e) => {
                self.session_broken(&e);
                None
            }
        }
    }

    fn session_broken(&self, e: &CmdError) {
        if !self.h.app_running() {
            panic!("the app is not running any more (crashed?); WebDriver said: {e}");
        }
    }

    /// All elements with this data-testid.
    pub async fn find_all(&self, id: &str) -> Vec<Element> {
        self.find_all_css(&testid(id)).await
    }

    /// All elements matching a CSS selector.
    pub async fn find_all_css(&self, css: &str) -> Vec<Element> {
        match guard("find elements", self.client().find_all(Locator::Css(css))).await {
            Ok(v) => v,
            Err(e) => {
                self.session_broken(&e);
                Vec::new()
            }
        }
    }

    /// How many elements carry this data-testid.
    pub async fn count(&self, id: &str) -> usize {
        self.find_all(id).await.len()
    }

    /// Is an element with this data-testid in the page and displayed?
    pub async fn visible(&self, id: &str) -> bool {
        match self.find_opt(id).await {
            Some(e) => self.element_visible(&e).await,
            None => false,
        }
    }

    /// Is the element rendered (not `display: none` itself or through an ancestor, not
    /// `visibility: hidden`)? Decided in the page: WebKitWebDriver's own "is displayed" (the
    /// Selenium atom) says false for plainly visible text in a header with
    /// `overflow: hidden; text-overflow: ellipsis`.
    pub async fn element_visible(&self, el: &Element) -> bool {
        let script = r#"
            const e = arguments[0];
            if (!e || !e.isConnected) return false;
            const s = getComputedStyle(e);
            if (s.visibility === 'hidden' || s.visibility === 'collapse') return false;
            if (typeof e.checkVisibility === 'function') return e.checkVisibility();
            return e.getClientRects().length > 0;
        "#;
        match guard(
            "is visible",
            self.client()
                .execute(script, vec![serde_json::to_value(el).unwrap()]),
        )
        .await
        {
            Ok(v) => v.as_bool().unwrap_or(false),
            Err(e) if is_missing(&e) => false,
            Err(e) => {
                self.session_broken(&e);
                false
            }
        }
    }

    /// The rendered text of an element (`innerText`, read in the page for the same reason
    /// as [`App::element_visible`]).
    pub async fn element_text(&self, el: &Element) -> Option<String> {
        guard(
            "read text",
            self.client().execute(
                "return arguments[0].innerText;",
                vec![serde_json::to_value(el).unwrap()],
            ),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
    }

    /// Poll `f` until it gives `Some`, for up to [`WAIT`]; then screenshot and panic naming `what`.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = f().await {
                return v;
            }
            if Instant::now() > deadline {
                let shot = self.failure_screenshot(what).await;
                panic!(
                    "timed out after {}s waiting for {what}{}{}",
                    WAIT.as_secs(),
                    if self.h.app_running() {
                        ""
                    } else {
                        " (the app is not running!)"
                    },
                    shot.map(|p| format!("; screenshot: {}", p.display()))
                        .unwrap_or_default()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Wait until an element with this data-testid is present and displayed.
    pub async fn wait(&self, id: &str) -> Element {
        let this = self;
        self.eventually(
            &format!("[data-testid=\"{id}\"] to be visible"),
            move || async move {
                let e = this.find_opt(id).await?;
                this.element_visible(&e).await.then_some(e)
            },
        )
        .await
    }

    /// Wait until one of these data-testids is visible; returns the one that is.
    pub async fn wait_any<'a>(&self, ids: &[&'a str]) -> &'a str {
        let this = self;
        let ids = ids.to_vec();
        let what = format!("one of {ids:?} to be visible");
        self.eventually(&what, move || {
            let ids = ids.clone();
            async move {
                for id in ids {
                    if this.visible(id).await {
                        return Some(id);
                    }
                }
                None
            }
        })
        .await
    }

    /// Wait until no element with this data-testid is displayed.
    pub async fn wait_gone(&self, id: &str) {
        let this = self;
        self.eventually(
            &format!("[data-testid=\"{id}\"] to disappear"),
            move || async move { (!this.visible(id).await).then_some(()) },
        )
        .await
    }

    /// Wait until the element's visible text satisfies `pred`; returns the text.
    pub async fn wait_text(&self, id: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let this = self;
        let pred = &pred;
        self.eventually(
            &format!("[data-testid=\"{id}\"] text {what}"),
            move || async move {
                let e = this.find_opt(id).await?;
                let t = this.element_text(&e).await?;
                pred(&t).then_some(t)
            },
        )
        .await
    }

    /// Wait until `count(id)` satisfies `pred`; returns the count.
    pub async fn wait_count(&self, id: &str, what: &str, pred: impl Fn(usize) -> bool) -> usize {
        let this = self;
        let pred = &pred;
        self.eventually(
            &format!("count of [data-testid=\"{id}\"] {what}"),
            move || async move {
                let n = this.count(id).await;
                pred(n).then_some(n)
            },
        )
        .await
    }
}
