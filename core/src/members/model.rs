//! A member of a community as the roster, the member's page and the files that carry members
//! (CSV, vCard) see them: the profile, its closed sets of values (level, role), its limits,
//! and the one check every way in (the form, an import, the command line) goes through.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline, required};

string_enum! {
    /// How far along a member is: the charter's audiences, one person at a time.
    pub enum Level {
        Newcomer = "newcomer",
        MidLevel = "mid_level",
        Experienced = "experienced",
        Leader = "leader",
    }
}

string_enum! {
    /// What a member does in the community; a member may have several.
    pub enum Role {
        Member = "member",
        Organizer = "organizer",
        Moderator = "moderator",
        Speaker = "speaker",
        Volunteer = "volunteer",
        Sponsor = "sponsor",
    }
}

string_enum! {
    /// Where a member stands by what they have done lately (see `engagement`), from the
    /// most engaged down, in the spirit of the Orbit model's levels.
    pub enum EngagementLevel {
        Advocate = "advocate",
        Contributor = "contributor",
        Participant = "participant",
        Observer = "observer",
    }
}

pub const NAME_MAX: u32 = 200;
pub const EMAIL_MAX: u32 = 254;
pub const PHONE_MAX: u32 = 40;
pub const TELEGRAM_MAX: u32 = 100;
pub const LINKEDIN_MAX: u32 = 300;
pub const GITHUB_MAX: u32 = 100;
pub const OTHER_HANDLE_MAX: u32 = 300;
pub const COMPANY_MAX: u32 = 200;
pub const POSITION_MAX: u32 = 200;
pub const CITY_MAX: u32 = 100;
pub const SOURCE_MAX: u32 = 200;
pub const NOTES_MAX: u32 = 4_000;
/// One tag, and how many a member may carry.
pub const TAG_MAX: u32 = 50;
pub const TAGS_MAX: u32 = 50;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[
    ("name", NAME_MAX),
    ("email", EMAIL_MAX),
    ("phone", PHONE_MAX),
    ("telegram", TELEGRAM_MAX),
    ("linkedin", LINKEDIN_MAX),
    ("github", GITHUB_MAX),
    ("otherHandle", OTHER_HANDLE_MAX),
    ("company", COMPANY_MAX),
    ("position", POSITION_MAX),
    ("city", CITY_MAX),
    ("source", SOURCE_MAX),
    ("notes", NOTES_MAX),
    ("tag", TAG_MAX),
    ("tags", TAGS_MAX),
];

/// A member as stored, with what core derives from their activities.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub telegram: String,
    pub linkedin: String,
    pub github: String,
    pub other_handle: String,
    pub company: String,
    pub position: String,
    pub city: String,
    pub level: Option<Level>,
    pub roles: Vec<Role>,
    pub tags: Vec<String>,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub source: String,
    pub consent: bool,
    pub notes: String,
    pub engagement_score: f64,
    pub engagement_level: EngagementLevel,
    pub last_activity_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A member's fields as submitted: text as typed, not yet checked. Every field is optional:
/// creating treats a missing one as empty; editing changes only the fields that are present,
/// so an edit never writes back a whole record read earlier.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct MemberInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub telegram: Option<String>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
    pub other_handle: Option<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub city: Option<String>,
    /// Empty text clears the level.
    pub level: Option<String>,
    pub roles: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
    /// `YYYY-MM-DD`; empty text clears the date.
    pub joined_on: Option<String>,
    pub left_on: Option<String>,
    pub source: Option<String>,
    pub consent: Option<bool>,
    pub notes: Option<String>,
}

/// Checked fields; `None` is a field the input did not mention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberFields {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub telegram: Option<String>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
    pub other_handle: Option<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub city: Option<String>,
    pub level: Option<Option<Level>>,
    pub roles: Option<Vec<Role>>,
    pub tags: Option<Vec<String>>,
    pub joined_on: Option<Option<NaiveDate>>,
    pub left_on: Option<Option<NaiveDate>>,
    pub source: Option<String>,
    pub consent: Option<bool>,
    pub notes: Option<String>,
}

impl MemberInput {
    /// Checks every field present; `creating` also requires a name.
    pub fn validate(&self, creating: bool) -> Result<MemberFields> {
        let line = |field: &str, value: &Option<String>, max: u32| {
            value
                .as_deref()
                .map(|v| optional(field, v, max))
                .transpose()
        };
        let name = match (&self.name, creating) {
            (Some(name), _) => Some(required("name", name, NAME_MAX)?),
            (None, true) => Some(required("name", "", NAME_MAX)?),
            (None, false) => None,
        };
        let fields = MemberFields {
            name,
            email: self.email.as_deref().map(email).transpose()?,
            phone: self.phone.as_deref().map(phone).transpose()?,
            telegram: self.telegram.as_deref().map(telegram).transpose()?,
            linkedin: line("linkedin", &self.linkedin, LINKEDIN_MAX)?,
            github: self.github.as_deref().map(github).transpose()?,
            other_handle: line("otherHandle", &self.other_handle, OTHER_HANDLE_MAX)?,
            company: line("company", &self.company, COMPANY_MAX)?,
            position: line("position", &self.position, POSITION_MAX)?,
            city: line("city", &self.city, CITY_MAX)?,
            level: self
                .level
                .as_deref()
                .map(|l| match l.trim() {
                    "" => Ok(None),
                    l => Level::parse("level", l).map(Some),
                })
                .transpose()?,
            roles: self.roles.as_deref().map(roles).transpose()?,
            tags: self.tags.as_deref().map(tags).transpose()?,
            joined_on: self
                .joined_on
                .as_deref()
                .map(|d| date("joinedOn", d))
                .transpose()?,
            left_on: self
                .left_on
                .as_deref()
                .map(|d| date("leftOn", d))
                .transpose()?,
            source: line("source", &self.source, SOURCE_MAX)?,
            consent: self.consent,
            notes: self
                .notes
                .as_deref()
                .map(|n| optional_multiline("notes", n, NOTES_MAX))
                .transpose()?,
        };
        if let (Some(Some(joined)), Some(Some(left))) = (fields.joined_on, fields.left_on) {
            if left < joined {
                return Err(Error::invalid(
                    "leftOn",
                    Rule::InvalidFormat,
                    format!("left on {left} is before joined on {joined}"),
                ));
            }
        }
        Ok(fields)
    }
}

impl From<&Member> for MemberFields {
    /// A stored member as checked fields that name every value.
    fn from(m: &Member) -> Self {
        MemberFields {
            name: Some(m.name.clone()),
            email: Some(m.email.clone()),
            phone: Some(m.phone.clone()),
            telegram: Some(m.telegram.clone()),
            linkedin: Some(m.linkedin.clone()),
            github: Some(m.github.clone()),
            other_handle: Some(m.other_handle.clone()),
            company: Some(m.company.clone()),
            position: Some(m.position.clone()),
            city: Some(m.city.clone()),
            level: Some(m.level),
            roles: Some(m.roles.clone()),
            tags: Some(m.tags.clone()),
            joined_on: Some(m.joined_on),
            left_on: Some(m.left_on),
            source: Some(m.source.clone()),
            consent: Some(m.consent),
            notes: Some(m.notes.clone()),
        }
    }
}

impl From<&Member> for MemberInput {
    /// Every field of a stored member, as a form would send it back.
    fn from(m: &Member) -> Self {
        MemberInput {
            name: Some(m.name.clone()),
            email: Some(m.email.clone()),
            phone: Some(m.phone.clone()),
            telegram: Some(m.telegram.clone()),
            linkedin: Some(m.linkedin.clone()),
            github: Some(m.github.clone()),
            other_handle: Some(m.other_handle.clone()),
            company: Some(m.company.clone()),
            position: Some(m.position.clone()),
            city: Some(m.city.clone()),
            level: Some(m.level.map(|l| l.as_str().to_string()).unwrap_or_default()),
            roles: Some(m.roles.iter().map(|r| r.as_str().to_string()).collect()),
            tags: Some(m.tags.clone()),
            joined_on: Some(m.joined_on.map(|d| d.to_string()).unwrap_or_default()),
            left_on: Some(m.left_on.map(|d| d.to_string()).unwrap_or_default()),
            source: Some(m.source.clone()),
            consent: Some(m.consent),
            notes: Some(m.notes.clone()),
        }
    }
}

/// An email address as people type it: `name@domain.tld`, no spaces; empty is allowed.
/// Not the whole of RFC 5322, on purpose: what a person would call an address.
pub fn email(value: &str) -> Result<String> {
    let value = optional("email", value, EMAIL_MAX)?;
    if value.is_empty() {
        return Ok(value);
    }
    let bad = || {
        Error::invalid(
            "email",
            Rule::InvalidFormat,
            format!("{value:?} is not an email address (name@example.org)"),
        )
    };
    let (local, domain) = value.rsplit_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty()
        || local.contains('@')
        || !domain_ok
        || value
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';')
    {
        return Err(bad());
    }
    Ok(value)
}

/// A phone number: digits with the usual separators and an optional leading `+`.
pub fn phone(value: &str) -> Result<String> {
    let value = optional("phone", value, PHONE_MAX)?;
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = |(i, c): (usize, char)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.') || (c == '+' && i == 0)
    };
    if !value.is_empty() && (digits < 3 || !value.chars().enumerate().all(allowed)) {
        return Err(Error::invalid(
            "phone",
            Rule::InvalidFormat,
            format!("{value:?} is not a phone number"),
        ));
    }
    Ok(value)
}

/// A Telegram username, kept without its `@` or `t.me/` link.
pub fn telegram(value: &str) -> Result<String> {
    let value = optional("telegram", value, TELEGRAM_MAX)?;
    let bare = value
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("t.me/")
        .trim_start_matches('@');
    if bare.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(Error::invalid(
            "telegram",
            Rule::InvalidFormat,
            format!("{value:?} is not a Telegram username"),
        ));
    }
    Ok(bare.to_string())
}

/// A GitHub login, kept without its `@` or `github.com/` link.
pub fn github(value: &str) -> Result<String> {
    let value = optional("github", value, GITHUB_MAX)?;
    let bare = value
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_start_matches("github.com/")
        .trim_start_matches('@')
        .trim_end_matches('/');
    if bare.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(Error::invalid(
            "github",
            Rule::InvalidFormat,
            format!("{value:?} is not a GitHub login"),
        ));
    }
    Ok(bare.to_string())
}

/// Roles as sent: each known, each once, in the order of `Role::ALL`.
pub fn roles(values: &[String]) -> Result<Vec<Role>> {
    let parsed = values
        .iter()
        .map(|r| Role::parse("roles", r.trim()))
        .collect::<Result<Vec<_>>>()?;
    Ok(Role::ALL
        .iter()
        .copied()
        .filter(|r| parsed.contains(r))
        .collect())
}

/// Tags as sent: trimmed, one line each, empty ones dropped, each once (compared the way
/// search compares, so "Rust" and "rust" are one tag; the first spelling is kept).
pub fn tags(values: &[String]) -> Result<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        let tag = optional("tag", value, TAG_MAX)?;
        // The characters that separate tags in a file (CSV cells, vCard CATEGORIES), so a
        // tag comes back from an export as the one tag it was.
        if let Some(c) = tag.chars().find(|c| matches!(c, ',' | ';' | '|')) {
            return Err(Error::invalid(
                "tag",
                Rule::InvalidFormat,
                format!("the tag {tag:?} holds {c:?}, which separates tags; make it two tags"),
            ));
        }
        let key = normalise(&tag);
        if tag.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        kept.push(tag);
    }
    if kept.len() > TAGS_MAX as usize {
        return Err(Error::InvalidInput {
            field: Some("tags".into()),
            rule: Rule::TooLong,
            limit: Some(TAGS_MAX),
            message: format!("a member can have at most {TAGS_MAX} tags"),
        });
    }
    Ok(kept)
}

/// `YYYY-MM-DD`, or empty for no date.
pub fn date(field: &str, value: &str) -> Result<Option<NaiveDate>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Error::invalid(
                field,
                Rule::InvalidFormat,
                format!("{value:?} is not a date (YYYY-MM-DD)"),
            )
        })
}

/// Text as search compares it: lower case, "ё" as "е", runs of white space as one space.
/// Stored members and typed queries both go through here, so "Ёлкин", "ёлкин" and
/// "елкин" find each other.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'ё' | 'Ё' => out.push('е'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The digits of a phone number, for comparing numbers written differently; a Russian
/// trunk prefix 8 counts as the country code 7.
pub fn phone_digits(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('8') {
        Some(rest) if digits.len() == 11 && !phone.trim_start().starts_with('+') => {
            format!("7{rest}")
        }
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> MemberInput {
        MemberInput {
            name: Some(name.into()),
            ..MemberInput::default()
        }
    }

    #[test]
    fn creating_needs_a_name_and_editing_does_not() {
        assert!(MemberInput::default().validate(true).is_err());
        let edit = MemberInput {
            city: Some("Kazan".into()),
            ..MemberInput::default()
        }
        .validate(false)
        .unwrap();
        assert_eq!(edit.name, None, "an edit leaves the name alone");
        assert_eq!(edit.city.as_deref(), Some("Kazan"));
        assert_eq!(edit.email, None, "and every field it does not mention");
    }

    #[test]
    fn bad_fields_are_named() {
        type Case = (fn(&mut MemberInput), &'static str);
        let cases: [Case; 9] = [
            (|i| i.name = Some(" ".into()), "name"),
            (|i| i.email = Some("ana at example.org".into()), "email"),
            (|i| i.email = Some("ana@example".into()), "email"),
            (|i| i.phone = Some("call me".into()), "phone"),
            (|i| i.level = Some("guru".into()), "level"),
            (|i| i.roles = Some(vec!["king".into()]), "roles"),
            (|i| i.tags = Some(vec!["x".repeat(51)]), "tag"),
            (|i| i.joined_on = Some("31.02.2026".into()), "joinedOn"),
            (
                |i| {
                    i.joined_on = Some("2026-05-01".into());
                    i.left_on = Some("2026-04-01".into());
                },
                "leftOn",
            ),
        ];
        for (change, field) in cases {
            let mut input = named("Ana");
            change(&mut input);
            match input.validate(true).unwrap_err() {
                Error::InvalidInput { field: Some(f), .. } => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn handles_are_kept_bare() {
        assert_eq!(telegram("@ana_r").unwrap(), "ana_r");
        assert_eq!(telegram("https://t.me/ana_r").unwrap(), "ana_r");
        assert_eq!(github("https://github.com/ana-r/").unwrap(), "ana-r");
        assert_eq!(phone("+7 (917) 123-45-67").unwrap(), "+7 (917) 123-45-67");
    }

    #[test]
    fn roles_and_tags_are_each_kept_once() {
        let r = roles(&["speaker".into(), "member".into(), "speaker".into()]).unwrap();
        assert_eq!(r, [Role::Member, Role::Speaker]);
        let t = tags(&["Rust".into(), " rust ".into(), "".into(), "SQL".into()]).unwrap();
        assert_eq!(t, ["Rust", "SQL"]);
        for separated in ["Rust, SQL", "a;b", "x|y"] {
            assert_eq!(
                tags(&[separated.into()]).unwrap_err().code(),
                "invalid_input",
                "{separated}"
            );
        }
    }

    #[test]
    fn normalising_folds_case_and_yo() {
        assert_eq!(normalise("  Пётр   ЁЛКИН "), "петр елкин");
        assert_eq!(normalise("Ana RIBEIRO"), "ana ribeiro");
        assert_eq!(phone_digits("8 (917) 123-45-67"), "79171234567");
        assert_eq!(phone_digits("+7 917 123 45 67"), "79171234567");
    }
}
