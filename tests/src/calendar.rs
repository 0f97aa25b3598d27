//! The ways to an event that the calendar's journeys share: the community's events as the
//! command line lists them, today's date to find the next one, the calendar's "Go to", and
//! an event opened in its panel.

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::{App, Harness};

/// The community's events as `hearth event list --json` gives them, oldest first.
pub fn event_list(harness: &Harness) -> Vec<Value> {
    let out = harness.cli(&["event", "list", "--json"]);
    out.assert_success();
    out.json().as_array().cloned().unwrap_or_default()
}

/// Today's date in UTC, "2026-12-02".
pub fn today() -> String {
    days_from_today(0)
}

/// The date `offset` days from today in UTC (before it when negative), "2026-11-22"
/// (days since 1970 to a civil date).
pub fn days_from_today(offset: i64) -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400
        + offset;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The first occurrence of a series from today on, in the community `hearth demo` made: the
/// meetup to come.
pub fn next_meetup(harness: &Harness) -> Value {
    let today = today();
    event_list(harness)
        .into_iter()
        .find(|e| e["seriesId"].is_number() && e["start"].as_str().unwrap()[..10] >= *today)
        .expect("a meetup to come")
}

impl App {
    /// Goes to the week (or day, …) around `day` from the calendar's toolbar, as typed in
    /// "Go to".
    pub async fn calendar_go_to(&self, day: &str) {
        self.type_text("calendar-jump", day).await;
        self.keys(&[], Key::Enter).await;
        self.eventually("the grid to show the day", || async {
            let shown = self
                .exec(
                    "return !!document.querySelector(`[data-testid=\"calendar-grid\"] [data-date=\"${arguments[0]}\"]`);",
                    vec![json!(day)],
                )
                .await;
            (shown == json!(true)).then_some(())
        })
        .await;
    }

    /// Opens event `id` on `day` ("2027-03-11") in the calendar, as a person does: the
    /// Calendar section, "Go to" the day, a click on the event; its panel shows.
    pub async fn open_event(&self, id: i64, day: &str) {
        self.click("nav-calendar").await;
        self.wait("calendar-grid").await;
        self.calendar_go_to(day).await;
        self.click(&format!("event-{id}")).await;
        self.wait("agenda-add").await;
    }
}
