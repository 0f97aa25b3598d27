//! The dashboard as files: JSON for programs and CSV for spreadsheets, and its numbers as
//! text in either language (the printed report writes them the same way). Both name each
//! metric by its stable key and write a value that cannot be computed as "—" (JSON's `value`
//! is then null beside it), never NaN or infinity.

use serde_json::{json, Value};

use super::{Dashboard, Key, Measure, Unit};
use crate::enums::Locale;

/// The dash a value that cannot be computed is shown as.
pub const NONE: &str = "—";

/// `measure` of `key` as text, the way files write it (as English does): a count whole, a
/// share as a percentage, a mean with two decimals, NPS whole; "—" when there is no value.
pub fn text(key: Key, measure: &Measure) -> String {
    number(Locale::En, key, measure)
}

/// `measure` of `key` as `locale` writes numbers ("45,3 %" in Russian); "—" with no value.
pub fn number(locale: Locale, key: Key, measure: &Measure) -> String {
    let Some(value) = measure.value else {
        return NONE.into();
    };
    match key.unit() {
        Unit::Count | Unit::Score => decimal(locale, value, 0),
        Unit::Share => percent(locale, value),
        Unit::Mean => decimal(locale, value, 2),
    }
}

/// A share (0–1) as a percentage with one decimal, as `locale` writes it.
pub fn percent(locale: Locale, share: f64) -> String {
    match locale {
        // Russian sets the sign apart, with a space that does not break.
        Locale::Ru => format!("{}\u{a0}%", decimal(locale, share * 100.0, 1)),
        Locale::En => format!("{}%", decimal(locale, share * 100.0, 1)),
    }
}

/// `value` with `places` decimals, with the language's decimal mark; "-0" is "0".
pub fn decimal(locale: Locale, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    let text = if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    };
    match locale {
        Locale::Ru => text.replace('.', ","),
        Locale::En => text,
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
