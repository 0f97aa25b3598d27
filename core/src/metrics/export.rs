//! The dashboard as files: JSON for programs and CSV for spreadsheets. Both name each
//! metric by its stable key and write a value that cannot be computed as "—" (JSON's `value`
//! is then null beside it), never NaN or infinity.

use serde_json::{json, Value};

use super::{Dashboard, Key, Measure, Unit};

/// The dash a value that cannot be computed is shown as.
pub const NONE: &str = "—";

/// `measure` of `key` as text: a count whole, a share as a percentage, a mean with two
/// decimals, NPS whole; "—" when there is no value.
pub fn text(key: Key, measure: &Measure) -> String {
    let Some(value) = measure.value else {
        return NONE.into();
    };
    match key.unit() {
        Unit::Count | Unit::Score => format!("{value:.0}"),
        Unit::Share => format!("{:.1}%", value * 100.0),
        Unit::Mean => format!("{value:.2}"),
    }
}

fn measure_json(key: Key, measure: &Measure) -> Value {
    json!({
        "value": measure.value,
        "text": text(key, measure),
        "sample": measure.sample,
        "small": measure.small,
    })
}

/// The whole dashboard as JSON: each metric by key, with the range before it, each month,
/// each event's turnout and the retention cohorts.
pub fn to_json(board: &Dashboard) -> Value {
    let metrics: serde_json::Map<String, Value> = board
        .metrics
        .iter()
        .map(|m| {
            (
                m.key.as_str().to_string(),
                json!({
                    "category": m.category,
                    "unit": m.unit,
                    "current": measure_json(m.key, &m.current),
                    "previous": measure_json(m.key, &m.previous),
                }),
            )
        })
        .collect();
    let months: Vec<Value> = board
        .months
        .iter()
        .map(|month| {
            let values: serde_json::Map<String, Value> = month
                .values
                .iter()
                .map(|v| (v.key.as_str().to_string(), measure_json(v.key, &v.measure)))
                .collect();
            json!({ "month": month.month, "metrics": values })
        })
        .collect();
    json!({
        "communityId": board.community_id,
        "range": board.range,
        "previousRange": board.previous_range,
        "metrics": metrics,
        "months": months,
        "events": board.events,
        "cohorts": board.cohorts,
    })
}

/// One row per metric and period: the range ("current"), the range before it
/// ("previous"), then each month ("2027-03").
pub fn to_csv(board: &Dashboard) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to memory fails only on a bug in the writer.
    let _ = out.write_record([
        "period",
        "key",
        "category",
        "unit",
        "value",
        "text",
        "sample",
        "small_sample",
    ]);
    let mut row = |period: &str, key: Key, measure: &Measure| {
        let value = measure.value.map(|v| v.to_string()).unwrap_or(NONE.into());
        let _ = out.write_record([
            period,
            key.as_str(),
            key.category().as_str(),
            key.unit().as_str(),
            &value,
            &text(key, measure),
            &measure.sample.to_string(),
            if measure.small { "yes" } else { "no" },
        ]);
    };
    for metric in &board.metrics {
        row("current", metric.key, &metric.current);
    }
    for metric in &board.metrics {
        row("previous", metric.key, &metric.previous);
    }
    for month in &board.months {
        for v in &month.values {
            row(&month.month, v.key, &v.measure);
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
