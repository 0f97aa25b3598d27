//! What the Metrics section's journeys share: its CSV export, which must be the very file
//! the command line writes for the same range.

use std::path::Path;

use crate::App;

impl App {
    /// Presses Export CSV, saves the file at `path` through the save dialog and checks it
    /// holds what `hearth report metrics --from FROM --to TO --format csv` writes; returns
    /// the file's text.
    pub async fn export_metrics_csv(&self, path: &Path, from: &str, to: &str) -> String {
        self.save_file_as("metrics-export-csv", path).await;
        let written = self
            .eventually("the CSV to be written", || async {
                std::fs::read_to_string(path).ok()
            })
            .await;
        let expected = self
            .cli(&[
                "report", "metrics", "--from", from, "--to", to, "--format", "csv",
            ])
            .assert_success()
            .stdout
            .clone();
        assert_eq!(written, expected, "the app's CSV is the command line's");
        written
    }
}
