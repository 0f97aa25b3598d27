//! Checks shared by every form: trimmed text within a length limit, counted in characters
//! (not bytes), because a Russian name is twice as long in UTF-8 as it looks.
//!
//! Text is also refused when it holds characters that change how it is displayed rather
//! than what it says. A line break in a name would forge extra lines in a listing on the
//! command line, an escape sequence would recolour or rewrite the terminal, and a bidi
//! override can make a name display as some other name. Single-line fields (names, titles,
//! links) refuse all of them; multi-line fields (mission, notes, rules) keep line breaks and
//! tabs, with Windows line endings turned into plain `\n`.

use crate::error::{Error, Result, Rule};

/// Trims `value` and refuses it when empty. One line of text.
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

/// Trims `value`; empty is allowed. One line of text.
pub(crate) fn optional(field: &str, value: &str, max: u32) -> Result<String> {
    checked(field, value, max, Shape::Line)
}

/// Trims `value`; empty is allowed. Several lines of text, as a `<textarea>` sends them.
pub(crate) fn optional_multiline(field: &str, value: &str, max: u32) -> Result<String> {
    checked(field, value, max, Shape::Lines)
}

/// Refuses control characters in a single-line value that has its own parser (a time
/// zone), so it fails with the same rule and message as every other field.
pub(crate) fn single_line(field: &str, value: &str) -> Result<()> {
    refuse_controls(field, value, 0, Shape::Line)
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Line,
    Lines,
}

fn checked(field: &str, raw: &str, max: u32, shape: Shape) -> Result<String> {
    let value = raw.trim();
    let skipped = raw[..raw.len() - raw.trim_start().len()].chars().count();
    refuse_controls(field, value, skipped, shape)?;
    let value = match shape {
        Shape::Line => value.to_string(),
        Shape::Lines => value.replace("\r\n", "\n"),
    };
    if value.chars().count() > max as usize {
        return Err(Error::too_long(field, max));
    }
    Ok(value)
}

/// `skipped` is how many characters trimming removed in front, so the position in the
/// message is the one the person sees in what they typed.
fn refuse_controls(field: &str, value: &str, skipped: usize, shape: Shape) -> Result<()> {
    let mut chars = value.chars().peekable();
    let mut position = skipped;
    while let Some(c) = chars.next() {
        position += 1;
        let allowed = match shape {
            Shape::Line => !forbidden_in_line(c),
            Shape::Lines => match c {
                '\n' | '\t' => true,
                '\r' => chars.peek() == Some(&'\n'),
                _ => !is_control(c),
            },
        };
        if !allowed {
            let rule = match shape {
                Shape::Line => "such as line breaks",
                Shape::Lines => "other than line breaks and tabs",
            };
            return Err(Error::invalid(
                field,
                Rule::ControlCharacter,
                format!(
                    "{field} must not contain control characters {rule}: found {} (U+{:04X}) at character {position}",
                    describe(c),
                    c as u32,
                ),
            ));
        }
    }
    Ok(())
}

/// Unicode's control characters (general category Cc, which includes `\n`, `\t` and the
/// escape that starts terminal sequences) and the bidi embeddings, overrides and isolates.
fn is_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// A single line also refuses the line and paragraph separators: they are not Cc, but
/// they break a line wherever Unicode line breaking is honoured.
fn forbidden_in_line(c: char) -> bool {
    is_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn describe(c: char) -> &'static str {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        '\u{1B}' => "an escape character",
        c if is_bidi_control(c) => "a text direction control",
        _ => "a control character",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_and_message(err: Error) -> (Rule, String) {
        match err {
            Error::InvalidInput { rule, message, .. } => (rule, message),
            other => panic!("expected invalid_input, got {other:?}"),
        }
    }

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

    #[test]
    fn a_single_line_refuses_every_control_and_says_where() {
        for bad in [
            "A\nB",
            "A\rB",
            "A\r\nB",
            "A\tB",
            "\u{1b}[31mX",
            "A\u{0}B",
            "A\u{7f}B",
            "A\u{85}B",
            "A\u{9b}B",
            "evil\u{202E}gnp.exe",
            "A\u{202A}B",
            "A\u{2066}B\u{2069}",
            "A\u{2028}B",
            "A\u{2029}B",
        ] {
            let (rule, _) = rule_and_message(optional("name", bad, 200).unwrap_err());
            assert_eq!(rule, Rule::ControlCharacter, "{bad:?}");
        }
        let (_, message) = rule_and_message(required("name", "  A\nB", 200).unwrap_err());
        assert_eq!(
            message,
            "name must not contain control characters such as line breaks: \
             found a line break (U+000A) at character 4"
        );
        let (_, message) = rule_and_message(required("name", "\u{1b}[31mX", 200).unwrap_err());
        assert!(
            message.contains("an escape character (U+001B) at character 1"),
            "{message}"
        );
    }

    #[test]
    fn the_interface_receives_the_rule_by_its_name() {
        let err = serde_json::to_value(required("name", "A\nB", 200).unwrap_err()).unwrap();
        assert_eq!(
            (&err["code"], &err["field"], &err["rule"]),
            (
                &serde_json::json!("invalid_input"),
                &serde_json::json!("name"),
                &serde_json::json!("control_character")
            )
        );
    }

    #[test]
    fn trimmed_whitespace_at_the_ends_is_not_a_control() {
        assert_eq!(
            required("name", "\tKazan Rust\r\n", 200).unwrap(),
            "Kazan Rust"
        );
    }

    #[test]
    fn ordinary_unicode_passes() {
        for good in [
            "Казанский Rust-клуб",
            "日本語",
            "שלום",
            "café — ☕",
            "a\u{200D}b",
        ] {
            assert_eq!(required("name", good, 200).unwrap(), good);
        }
    }

    #[test]
    fn multiple_lines_keep_breaks_and_tabs_and_lose_carriage_returns() {
        assert_eq!(
            optional_multiline("notes", "one\r\ntwo\n\tthree", 100).unwrap(),
            "one\ntwo\n\tthree"
        );
        for bad in [
            "one\rtwo",
            "red \u{1b}[31m",
            "bell\u{7}",
            "x\u{202E}y",
            "x\u{2067}y",
        ] {
            let (rule, message) =
                rule_and_message(optional_multiline("notes", bad, 100).unwrap_err());
            assert_eq!(rule, Rule::ControlCharacter, "{bad:?}");
            assert!(
                message.starts_with(
                    "notes must not contain control characters other than line breaks and tabs"
                ),
                "{message}"
            );
        }
    }

    #[test]
    fn the_limit_counts_a_windows_line_ending_as_one_character() {
        assert_eq!(
            optional_multiline("notes", "ab\r\ncd", 5).unwrap(),
            "ab\ncd"
        );
        assert!(optional_multiline("notes", "ab\r\ncde", 5).is_err());
    }

    #[test]
    fn a_parsed_single_line_value_is_checked_too() {
        assert!(single_line("timeZone", "Europe/Moscow").is_ok());
        let (rule, _) = rule_and_message(single_line("timeZone", "Europe/\nMoscow").unwrap_err());
        assert_eq!(rule, Rule::ControlCharacter);
    }
}
