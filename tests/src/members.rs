//! The ways to the roster that several journeys share: members imported from a CSV as a
//! person would import them, and a member's page opened from the roster's row.

use crate::{App, Harness};

impl Harness {
    /// Writes `csv` (a header line, then a row a member) beside the data and imports it
    /// with `hearth import members`, into the one community there is.
    pub fn import_members_csv(&self, csv: &str) {
        let file = self.root().join("people.csv");
        std::fs::write(&file, csv).expect("write the members file");
        self.cli(&["import", "members", file.to_str().unwrap()])
            .assert_success();
    }
}

impl App {
    /// Opens the page of the member called `name` from the roster on screen, as a person
    /// does: a click on their row.
    pub async fn open_member(&self, name: &str) {
        let row = self
            .eventually(&format!("{name}'s row"), || async {
                for el in self.find_all("members-row-name").await {
                    if self.element_text(&el).await.as_deref() == Some(name) {
                        return Some(el);
                    }
                }
                None
            })
            .await;
        self.click_element(&row, name).await;
        self.wait_text("member-page-name", &format!("{name}'s page"), |t| t == name)
            .await;
    }
}
