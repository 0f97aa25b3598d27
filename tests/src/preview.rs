//! A print preview's Save as PDF and Save as HTML, answered as a person answers them: the
//! button pressed, the path named in the system's save dialog, and the preview's word that
//! the file is saved; and the meetup plan's variants, switched in its toolbar.

use std::path::Path;

use serde_json::json;

use crate::App;

impl App {
    /// Presses `button` (Save as PDF or Save as HTML), names `path` in the save dialog, and waits
    /// for the preview to say it was saved there; how long printing took (a PDF), as it says.
    pub async fn save_preview_as(&self, button: &str, path: &Path) -> Option<u64> {
        let _ = std::fs::remove_file(path);
        self.save_file_as(button, path).await;
        let shown = path.display().to_string();
        let said = self
            .eventually(&format!("the preview to say it saved {shown}"), || async {
                let status = self
                    .exec(
                        "const s = document.getElementById('save-status');
                         return { text: s.textContent, error: s.classList.contains('is-error'), ms: s.dataset.ms ?? '' };",
                        vec![],
                    )
                    .await;
                let text = status["text"].as_str().unwrap_or_default();
                assert_ne!(status["error"], json!(true), "not saved: {text}");
                text.contains(&shown).then_some(status)
            })
            .await;
        assert!(path.is_file(), "{shown} was written");
        let partials: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(
            partials.is_empty(),
            "no partial file left beside it: {partials:?}"
        );
        said["ms"].as_str().and_then(|ms| ms.parse().ok())
    }

    /// Switches the meetup plan's preview to `variant` ("full", "agenda" or "checkin") with
    /// its link in the toolbar, and waits for the preview to show it.
    pub async fn show_variant(&self, variant: &str) {
        let link = self
            .find_css_opt(&format!("#variant-{variant}"))
            .await
            .expect("the variant's link");
        self.click_element(&link, variant).await;
        self.eventually(&format!("the {variant} variant"), || async {
            let current = self
                .exec(
                    "return document.querySelector('[aria-current=\"page\"]')?.id ?? null;",
                    vec![],
                )
                .await;
            (current == json!(format!("variant-{variant}"))).then_some(())
        })
        .await;
    }
}
