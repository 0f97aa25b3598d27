//! An accessibility pass with axe-core over whatever the app shows, so any journey can say
//! `app.assert_accessible("settings").await` and a missing label, a poor contrast or a
//! broken ARIA reference fails the suite where it appeared.
//!
//! axe-core is a pinned development dependency of the workspace (the root `package.json`),
//! not part of the app: the app's content security policy lets no script load from anywhere
//! but the app itself, and the app must not carry a test tool. WebDriver's "execute script"
//! runs text in the page outside that policy, so the harness reads
//! `node_modules/axe-core/axe.min.js` and runs its text in the page once per loaded document.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::driver::guard;
use crate::paths::workspace_root;
use crate::App;

/// Where `npm ci` puts axe-core's browser build.
fn axe_path() -> PathBuf {
    workspace_root().join("node_modules/axe-core/axe.min.js")
}

/// axe-core's source, read once per test binary. Panics, saying what to run, when
/// `npm ci` has not been run in this checkout.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is missing ({}: {e}).\n\
                 The accessibility pass needs the workspace's development dependencies: run \
                 `npm ci` in {} (`make test` does it when node_modules is missing or stale)",
                path.display(),
                workspace_root().display()
            )
        })
    })
}

/// Runs axe in the current document and hands back its violations as axe reports them,
/// trimmed to what a failure message needs.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (results) => done({
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String),
        html: n.html,
        summary: n.failureSummary,
      })),
    })),
  }),
  (error) => done({ error: String(error && error.stack || error) }),
);
"#;

impl App {
    /// axe-core's violations in the window WebDriver is on (the main window, or a print
    /// preview after switching to it), as a JSON array of `{id, impact, help, helpUrl,
    /// nodes: [{target, html, summary}]}`.
    pub async fn accessibility_violations(&self) -> Vec<Value> {
        let loaded = self
            .exec("return typeof window.axe === 'object';", vec![])
            .await;
        if loaded != Value::Bool(true) {
            // The page's own scripts and the policy never see this: WebDriver evaluates it.
            // axe's bundle sets window.axe when it finds a window, as it does here.
            let script = format!("{}\nreturn typeof window.axe === 'object';", axe_source());
            let injected = self.exec(&script, vec![]).await;
            assert_eq!(
                injected,
                Value::Bool(true),
                "axe-core did not load in the page (executing {} set no window.axe)",
                axe_path().display()
            );
        }
        let out = guard(
            "run axe-core",
            self.client().execute_async(RUN_AXE, Vec::new()),
        )
        .await
        .unwrap_or_else(|e| panic!("running axe-core in the page: {e}"));
        if let Some(error) = out.get("error") {
            panic!("axe-core failed in the page: {error}");
        }
        out["violations"].as_array().cloned().unwrap_or_default()
    }

    /// Fails, listing each violation (its rule, impact, what it asks for and the elements
    /// it found), when axe-core finds any on the screen now showing; `screen` names it in
    /// the message.
    pub async fn assert_accessible(&self, screen: &str) {
        let violations = self.accessibility_violations().await;
        if violations.is_empty() {
            eprintln!("[e2e] axe: no violations on {screen}");
            return;
        }
        let report = describe_violations(&violations);
        let shot = self.failure_screenshot(&format!("axe-{screen}")).await;
        panic!(
            "axe-core found {} violation(s) on {screen}:\n{report}{}",
            violations.len(),
            shot.map(|p| format!("screenshot: {}", p.display()))
                .unwrap_or_default()
        );
    }
}

/// One readable paragraph per violation: `id (impact): help`, then each element's selector,
/// its markup (shortened) and what axe says is wrong with it.
pub fn describe_violations(violations: &[Value]) -> String {
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let mut out = String::new();
    for violation in violations {
        out.push_str(&format!(
            "- {} ({}): {} [{}]\n",
            text(&violation["id"]),
            text(&violation["impact"]),
            text(&violation["help"]),
            text(&violation["helpUrl"]),
        ));
        for node in violation["nodes"].as_array().into_iter().flatten() {
            let target: Vec<String> = node["target"]
                .as_array()
                .into_iter()
                .flatten()
                .map(text)
                .collect();
            let html: String = text(&node["html"]).chars().take(200).collect();
            out.push_str(&format!("    at {}: {html}\n", target.join(" ")));
            for line in text(&node["summary"]).lines() {
                out.push_str(&format!("      {line}\n"));
            }
        }
    }
    out
}
