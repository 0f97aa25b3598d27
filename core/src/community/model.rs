//! The charter's fields, their limits, and how submitted text becomes a checked `Charter`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::{string_enum, Locale};
use crate::error::{Error, Result, Rule};
use crate::text::{optional_multiline, required, single_line};

string_enum! {
    /// The note's "тематические сообщества": what the community gathers around.
    pub enum Kind {
        Technology = "technology",
        Industry = "industry",
        Functional = "functional",
        Geographic = "geographic",
    }
}

string_enum! {
    /// The note's target audiences, from newcomers to leaders.
    pub enum Audience {
        Newcomers = "newcomers",
        MidLevel = "mid_level",
        Experienced = "experienced",
        Leaders = "leaders",
    }
}

string_enum! {
    /// The note's "форматы взаимодействия".
    pub enum Format {
        OnlineGroups = "online_groups",
        OfflineEvents = "offline_events",
        WebinarsConferences = "webinars_conferences",
        JointProjects = "joint_projects",
    }
}

pub const NAME_MAX: u32 = 200;
pub const MISSION_MAX: u32 = 2_000;
pub const UNIQUE_VALUE_MAX: u32 = 2_000;
pub const EXPECTED_RESULTS_MAX: u32 = 4_000;
pub const RULES_MAX: u32 = 20_000;

/// Each limit under the name the interface and errors give its field, for the interface's
/// generated contract.
pub const LIMITS: &[(&str, u32)] = &[
    ("name", NAME_MAX),
    ("mission", MISSION_MAX),
    ("uniqueValue", UNIQUE_VALUE_MAX),
    ("expectedResults", EXPECTED_RESULTS_MAX),
    ("rules", RULES_MAX),
];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Community {
    pub id: i64,
    pub uid: String,
    #[serde(flatten)]
    pub charter: Charter,
    /// The organizer's own member record here: whose tasks "Mine" shows. None until chosen.
    pub own_member_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunitySummary {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub kind: Option<Kind>,
    pub locale: Locale,
    pub updated_at: DateTime<Utc>,
    /// The sample community ("Open the sample community"), there to look around in: the
    /// interface says so and points to a community of one's own.
    pub sample: bool,
}

/// A checked charter: every field within its limits, every choice a known value.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Charter {
    pub name: String,
    pub mission: String,
    pub kind: Option<Kind>,
    pub audiences: Vec<Audience>,
    pub formats: Vec<Format>,
    pub unique_value: String,
    pub expected_results: String,
    pub rules: String,
    pub time_zone: String,
    pub locale: Locale,
}

/// The charter as submitted by the interface or a script: plain text, not yet checked.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CharterInput {
    pub name: String,
    pub mission: String,
    pub kind: Option<String>,
    pub audiences: Vec<String>,
    pub formats: Vec<String>,
    pub unique_value: String,
    pub expected_results: String,
    pub rules: String,
    pub time_zone: String,
    pub locale: String,
}

/// What it takes to start a community: the rest of the charter is filled in afterwards.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCommunity {
    pub name: String,
    /// The language of the plan template, and of the community's documents.
    pub locale: String,
    pub time_zone: String,
    /// The target launch, `YYYY-MM-DD`: the template's tasks fall due counted from it.
    /// None or empty: the tasks have no due dates.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub launch_date: Option<String>,
}

impl CharterInput {
    pub fn validate(&self) -> Result<Charter> {
        Ok(Charter {
            name: required("name", &self.name, NAME_MAX)?,
            mission: optional_multiline("mission", &self.mission, MISSION_MAX)?,
            kind: match self.kind.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(kind) => Some(Kind::parse("kind", kind)?),
            },
            audiences: parse_set("audiences", &self.audiences, Audience::parse)?,
            formats: parse_set("formats", &self.formats, Format::parse)?,
            unique_value: optional_multiline("uniqueValue", &self.unique_value, UNIQUE_VALUE_MAX)?,
            expected_results: optional_multiline(
                "expectedResults",
                &self.expected_results,
                EXPECTED_RESULTS_MAX,
            )?,
            rules: optional_multiline("rules", &self.rules, RULES_MAX)?,
            time_zone: parse_time_zone(&self.time_zone)?,
            locale: Locale::parse("locale", self.locale.trim())?,
        })
    }
}

impl NewCommunity {
    /// The charter to store, and the launch date the plan's due dates count from.
    pub fn validate(&self) -> Result<(Charter, Option<NaiveDate>)> {
        let charter = CharterInput {
            name: self.name.clone(),
            time_zone: self.time_zone.clone(),
            locale: self.locale.clone(),
            ..CharterInput::default()
        }
        .validate()?;
        Ok((charter, launch_date(self.launch_date.as_deref())?))
    }
}

/// `YYYY-MM-DD` with a four-digit year, or empty for none. The year stops short of 9999 so
/// that every due date counted from it can still be written the same way.
fn launch_date(value: Option<&str>) -> Result<Option<NaiveDate>> {
    let value = value.unwrap_or_default().trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|date| (1000..9999).contains(&date.year()))
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(
                "launchDate",
                Rule::InvalidFormat,
                format!("the launch date {value:?} is not a date (YYYY-MM-DD)"),
            )
        })
}

impl From<&Charter> for CharterInput {
    fn from(c: &Charter) -> Self {
        CharterInput {
            name: c.name.clone(),
            mission: c.mission.clone(),
            kind: c.kind.map(|k| k.as_str().to_string()),
            audiences: c.audiences.iter().map(|a| a.as_str().to_string()).collect(),
            formats: c.formats.iter().map(|f| f.as_str().to_string()).collect(),
            unique_value: c.unique_value.clone(),
            expected_results: c.expected_results.clone(),
            rules: c.rules.clone(),
            time_zone: c.time_zone.clone(),
            locale: c.locale.as_str().to_string(),
        }
    }
}

/// Parses a set of choices in their canonical order, without repeats.
fn parse_set<T: Copy + PartialEq + 'static>(
    field: &str,
    values: &[String],
    parse: fn(&str, &str) -> Result<T>,
) -> Result<Vec<T>> {
    let mut chosen = Vec::new();
    for value in values {
        let item = parse(field, value.trim())?;
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    Ok(chosen)
}

/// Checks a typed IANA zone (the charter's, or an event's) and gives its canonical name.
pub(crate) fn parse_time_zone(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(
            "timeZone",
            Rule::Required,
            "timeZone is required",
        ));
    }
    single_line("timeZone", value)?;
    value
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            Error::invalid(
                "timeZone",
                Rule::UnknownValue,
                format!("{value:?} is not a known IANA time zone (e.g. Europe/Moscow)"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CharterInput {
        CharterInput {
            name: "Kazan Rust".into(),
            time_zone: "Europe/Moscow".into(),
            locale: "ru".into(),
            ..CharterInput::default()
        }
    }

    fn rule_and_field(err: Error) -> (Rule, Option<String>) {
        match err {
            Error::InvalidInput { rule, field, .. } => (rule, field),
            other => panic!("expected invalid_input, got {other:?}"),
        }
    }

    #[test]
    fn a_minimal_charter_is_valid() {
        let charter = input().validate().unwrap();
        assert_eq!(charter.name, "Kazan Rust");
        assert_eq!(charter.kind, None);
        assert_eq!(charter.locale, Locale::Ru);
    }

    #[test]
    fn each_limit_names_its_field() {
        type Case = (fn(&mut CharterInput), &'static str, Rule);
        let cases: [Case; 7] = [
            (|i| i.name = " ".into(), "name", Rule::Required),
            (|i| i.name = "x".repeat(201), "name", Rule::TooLong),
            (|i| i.mission = "x".repeat(2001), "mission", Rule::TooLong),
            (|i| i.rules = "x".repeat(20_001), "rules", Rule::TooLong),
            (
                |i| i.kind = Some("astrology".into()),
                "kind",
                Rule::UnknownValue,
            ),
            (
                |i| i.audiences = vec!["toddlers".into()],
                "audiences",
                Rule::UnknownValue,
            ),
            (
                |i| i.time_zone = "Mars/Olympus".into(),
                "timeZone",
                Rule::UnknownValue,
            ),
        ];
        for (change, field, rule) in cases {
            let mut i = input();
            change(&mut i);
            assert_eq!(
                rule_and_field(i.validate().unwrap_err()),
                (rule, Some(field.to_string()))
            );
        }
        let mut i = input();
        i.locale = "de".into();
        assert_eq!(
            rule_and_field(i.validate().unwrap_err()).1.as_deref(),
            Some("locale")
        );
    }

    #[test]
    fn single_line_fields_refuse_control_characters_and_multi_line_ones_keep_breaks() {
        type Case = (fn(&mut CharterInput), &'static str);
        let refused: [Case; 6] = [
            (|i| i.name = "A\nB".into(), "name"),
            (|i| i.name = "\u{1b}[31mX".into(), "name"),
            (|i| i.name = "Rust\u{202E}tsuR".into(), "name"),
            (|i| i.time_zone = "Europe/\nMoscow".into(), "timeZone"),
            (|i| i.mission = "grow \u{1b}[2J".into(), "mission"),
            (|i| i.rules = "be kind\u{2066}".into(), "rules"),
        ];
        for (change, field) in refused {
            let mut i = input();
            change(&mut i);
            assert_eq!(
                rule_and_field(i.validate().unwrap_err()),
                (Rule::ControlCharacter, Some(field.to_string()))
            );
        }
        let mut i = input();
        i.mission = "Meet monthly.\r\nShare what we learn.".into();
        i.unique_value = "Talks\tand code".into();
        i.expected_results = "1. Jobs\n2. Friends".into();
        i.rules = "Be kind.\r\n\r\nNo spam.".into();
        let charter = i.validate().unwrap();
        assert_eq!(charter.mission, "Meet monthly.\nShare what we learn.");
        assert_eq!(charter.unique_value, "Talks\tand code");
        assert_eq!(charter.expected_results, "1. Jobs\n2. Friends");
        assert_eq!(charter.rules, "Be kind.\n\nNo spam.");
    }

    #[test]
    fn a_forged_name_writes_nothing() {
        let mut t = crate::db::testing::temp_db();
        let revision = t.db.revision().unwrap();
        for name in ["A\nB", "\u{1b}[31mX", "Kazan\rRust", "evil\u{202E}gnp"] {
            let err = crate::community::create(
                &mut t.db,
                &NewCommunity {
                    name: name.into(),
                    locale: "en".into(),
                    time_zone: "UTC".into(),
                    launch_date: None,
                },
            )
            .unwrap_err();
            assert_eq!(err.code(), "invalid_input");
            assert!(
                err.to_string()
                    .starts_with("name must not contain control characters such as line breaks"),
                "{err}"
            );
        }
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
        assert!(crate::community::list(&t.db).unwrap().is_empty());

        let good = crate::db::testing::community(&mut t.db, "Guild", "en");
        let mut edit = CharterInput::from(&good.charter);
        edit.name = "Guild\n2 | Fake community".into();
        let err = crate::community::update(&mut t.db, good.id, &edit).unwrap_err();
        assert_eq!(
            rule_and_field(err),
            (Rule::ControlCharacter, Some("name".into()))
        );
        edit.name = "Guild".into();
        edit.mission = "Line one\r\nLine two".into();
        let saved = crate::community::update(&mut t.db, good.id, &edit).unwrap();
        assert_eq!(
            crate::community::get(&t.db, saved.id)
                .unwrap()
                .charter
                .mission,
            "Line one\nLine two"
        );
    }

    #[test]
    fn a_launch_date_is_optional_and_must_be_a_real_date() {
        let new = |launch: Option<&str>| NewCommunity {
            name: "Guild".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            launch_date: launch.map(Into::into),
        };
        for none in [None, Some(""), Some("  ")] {
            assert_eq!(new(none).validate().unwrap().1, None);
        }
        assert_eq!(
            new(Some(" 2026-09-01 ")).validate().unwrap().1,
            NaiveDate::from_ymd_opt(2026, 9, 1)
        );
        for bad in [
            "2026-02-30",
            "01.09.2026",
            "next spring",
            "99999-01-01",
            "0999-12-31",
        ] {
            assert_eq!(
                rule_and_field(new(Some(bad)).validate().unwrap_err()),
                (Rule::InvalidFormat, Some("launchDate".into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn choices_are_deduplicated_and_kind_may_be_empty() {
        let mut i = input();
        i.kind = Some(String::new());
        i.formats = vec![
            "offline_events".into(),
            "offline_events".into(),
            "webinars_conferences".into(),
        ];
        let charter = i.validate().unwrap();
        assert_eq!(charter.kind, None);
        assert_eq!(
            charter.formats,
            [Format::OfflineEvents, Format::WebinarsConferences]
        );
    }
}
