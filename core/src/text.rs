//! Checks shared by every form: trimmed text within a length limit, counted in characters
//! (not bytes), because a Russian name is twice as long in UTF-8 as it looks.

use crate::error::{Error, Result, Rule};

/// Trims `value` and refuses it when empty.
pub(crate) fn required(field: &str, value: &str, max: u32) -> Result<String> {
    let value = optional(field, value, max)?;
    if value.is_empty() {
        return Err(Error::invalid(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    Ok(value)
}

/// Trims `value`; empty is allowed.
pub(crate) fn optional(field: &str, value: &str, max: u32) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max as usize {
        return Err(Error::too_long(field, max));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let name = "Я".repeat(200);
        assert_eq!(required("name", &name, 200).unwrap(), name);
        assert!(required("name", &"Я".repeat(201), 200).is_err());
    }

    #[test]
    fn trims_and_requires() {
        assert_eq!(required("name", "  Rust  ", 10).unwrap(), "Rust");
        let err = required("name", "   ", 10).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                rule: Rule::Required,
                ..
            }
        ));
    }
}
