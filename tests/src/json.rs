//! Schema-agnostic checks of CLI output and page text, so tests need not know every field.

use serde_json::Value;

/// Does any string anywhere in `v` satisfy `pred`? (For schema-agnostic checks of CLI output.)
pub fn any_string(v: &Value, pred: &dyn Fn(&str) -> bool) -> bool {
    match v {
        Value::String(s) => pred(s),
        Value::Array(a) => a.iter().any(|x| any_string(x, pred)),
        Value::Object(o) => o.values().any(|x| any_string(x, pred)),
        _ => false,
    }
}

/// Every string anywhere in `v`.
pub fn all_strings(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(v, &mut out);
    out
}

/// Does this text contain Cyrillic letters?
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}
