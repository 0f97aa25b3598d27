//! Screenshots of the window: the ones a test asks for, and the one a failed wait leaves in
//! `<target>/e2e-screens/FAILED-*.png`.

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use crate::driver::guard;
use crate::paths::screens_dir;
use crate::App;

impl App {
    /// Save a screenshot of the window to `<target>/e2e-screens/<name>.png`, once the page has
    /// painted two more frames: WebDriver's snapshot is the last frame the window composited,
    /// which on a busy machine can be behind the page.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let painted = self.client().execute_async(
            "const done = arguments[0];
             const fallback = setTimeout(done, 1000);
             requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(fallback); done(); }));",
            vec![],
        );
        let _ = tokio::time::timeout(Duration::from_secs(5), painted).await;
        let png = guard(&format!("screenshot {name}"), self.client().screenshot())
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let path = screens_dir().join(format!("{name}.png"));
        fs::write(&path, png).expect("write the screenshot");
        eprintln!("[e2e] screenshot {}", path.display());
        path
    }

    pub async fn failure_screenshot(&self, what: &str) -> Option<PathBuf> {
        let client = self.client.as_ref()?;
        let png = match tokio::time::timeout(Duration::from_secs(10), client.screenshot()).await {
            Ok(Ok(png)) => png,
            Ok(Err(e)) => {
                eprintln!("[e2e] failure screenshot: {e}");
                return None;
            }
            Err(_) => {
                eprintln!("[e2e] failure screenshot timed out");
                return None;
            }
        };
        let slug: String = what
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        let path = screens_dir().join(format!("FAILED-{}-{slug}.png", self.h.name));
        fs::write(&path, png).ok()?;
        Some(path)
    }
}
