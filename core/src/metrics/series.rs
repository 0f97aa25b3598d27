//! Recorded metrics: what Hearth cannot count for itself, typed in as dated values. The
//! members of the community's Telegram chat, a survey's result, a partner's newsletter
//! readers: each is a named series, in one of the source note's three categories, with a
//! unit of its own. A platform's member count in the charter is such a series too: every
//! count saved in the charter becomes that day's point, so the charter's one number gains
//! a history, and removing the platform keeps that history under the name it had.

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::Category;
use crate::community::locale_and_today;
use crate::db::{tombstones, Db, Read, Write};
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline, required};

pub const NAME_MAX: u32 = 200;
pub const UNIT_MAX: u32 = 40;
pub const NOTE_MAX: u32 = 500;
/// The largest value a point or a goal holds, either side of zero: far beyond any count a
/// community has, and well inside what a double holds exactly enough.
pub const VALUE_MAX: f64 = 1e12;

/// Each limit under the name the interface and errors give its field.
pub const LIMITS: &[(&str, u32)] = &[("name", NAME_MAX), ("unit", UNIT_MAX), ("note", NOTE_MAX)];

/// One value of a series, on one day.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "MetricPoint")]
pub struct Point {
    pub id: i64,
    pub on_day: NaiveDate,
    pub value: f64,
    pub note: String,
}

/// A recorded series with its points, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "MetricSeries")]
pub struct Series {
    pub id: i64,
    pub uid: String,
    pub community_id: i64,
    pub name: String,
    pub category: Category,
    pub unit: String,
    /// The platform whose member count this is, while it exists.
    pub platform_id: Option<i64>,
    pub points: Vec<Point>,
}

impl Series {
    /// The latest value on or before `day`.
    pub fn value_on(&self, day: NaiveDate) -> Option<f64> {
        self.points
            .iter()
            .rev()
            .find(|p| p.on_day <= day)
            .map(|p| p.value)
    }
}

/// A series as typed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "MetricSeriesInput", optional_fields)]
pub struct SeriesInput {
    pub name: String,
    pub category: String,
    pub unit: String,
}

/// A point as typed: the value as text, so "4,5" and "1 200" get core's reading, and
/// "many" gets core's answer under the field.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "MetricPointInput", optional_fields)]
pub struct PointInput {
    /// `YYYY-MM-DD`; empty means today in the community's time zone.
    pub on_day: String,
    pub value: String,
    pub note: String,
}

struct Checked {
    name: String,
    category: Category,
    unit: String,
}

impl SeriesInput {
    fn validate(&self) -> Result<Checked> {
        Ok(Checked {
            name: required("name", &self.name, NAME_MAX)?,
            category: Category::parse("category", self.category.trim())?,
            unit: optional("unit", &self.unit, UNIT_MAX)?,
        })
    }
}

/// Reads a typed number: a decimal comma or point, spaces between thousands, a sign; and
/// commas between thousands as English writes them ("1,250", "12,500.5"), which is how the
/// app shows a value in English, so what is copied from the screen reads back the same.
/// Anything else, or a number beyond [`VALUE_MAX`], is refused under `field`.
pub fn typed_number(field: &str, typed: &str) -> Result<f64> {
    let spaced: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if spaced.is_empty() {
        return Err(Error::invalid(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    let cleaned = if english_thousands(&spaced) {
        spaced.replace(',', "")
    } else {
        spaced.replace(',', ".")
    };
    let plain = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    match cleaned.parse::<f64>() {
        Ok(v) if plain && v.is_finite() && v.abs() <= VALUE_MAX => Ok(v),
        _ => Err(Error::invalid(
            field,
            Rule::InvalidFormat,
            format!("{typed:?} is not a number"),
        )),
    }
}

/// "1,250" or "-12,500.75": one to three digits, then groups of a comma and three digits,
/// then at most a decimal point. "1,25" and "1,2500" are decimal commas.
fn english_thousands(text: &str) -> bool {
    let unsigned = text.trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or_default();
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub fn list(db: &Db, community_id: i64) -> Result<Vec<Series>> {
    db.read(|r| list_in(r, community_id))
}

pub(crate) fn list_in(r: &Read, community_id: i64) -> Result<Vec<Series>> {
    let mut series: Vec<Series> = r.query_all(
        "SELECT id, uid, community_id, name, category, unit, platform_id FROM metric_series
         WHERE community_id = ?1 ORDER BY platform_id IS NULL, name, id",
        [community_id],
        from_row,
    )?;
    let points: Vec<(i64, Point)> = r.query_all(
        "SELECT p.series_id, p.id, p.on_day, p.value, p.note FROM metric_points p
         JOIN metric_series s ON s.id = p.series_id
         WHERE s.community_id = ?1 ORDER BY p.on_day, p.id",
        [community_id],
        |row| Ok((row.get("series_id")?, point_from_row(row)?)),
    )?;
    for (series_id, point) in points {
        if let Some(s) = series.iter_mut().find(|s| s.id == series_id) {
            s.points.push(point);
        }
    }
    Ok(series)
}

pub fn get(db: &Db, id: i64) -> Result<Series> {
    db.read(|r| get_in(r, id))
}

pub(crate) fn get_in(r: &Read, id: i64) -> Result<Series> {
    let mut series = r
        .query_optional(
            "SELECT id, uid, community_id, name, category, unit, platform_id FROM metric_series
             WHERE id = ?1",
            [id],
            from_row,
        )?
        .ok_or_else(|| Error::NotFound(format!("metric series {id} does not exist")))?;
    series.points = r.query_all(
        "SELECT id, on_day, value, note FROM metric_points WHERE series_id = ?1
         ORDER BY on_day, id",
        [id],
        point_from_row,
    )?;
    Ok(series)
}

pub fn create(db: &mut Db, community_id: i64, input: &SeriesInput) -> Result<Series> {
    let s = input.validate()?;
    let id = db.write(|w| {
        locale_and_today(w, community_id)?;
        refuse_taken_name(w, community_id, &s.name, None)?;
        let now = Utc::now();
        w.execute(
            "INSERT INTO metric_series (uid, community_id, name, category, unit, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![uuid::Uuid::now_v7().to_string(), community_id, s.name, s.category, s.unit, now],
        )?;
        Ok(w.last_insert_rowid())
    })?;
    get(db, id)
}

/// Renames a series, or changes its category or unit. A platform's series takes its name
/// from the platform, so only its category and unit change here.
pub fn update(db: &mut Db, id: i64, input: &SeriesInput) -> Result<Series> {
    let s = input.validate()?;
    db.write(|w| {
        let old = get_in(w, id)?;
        let name = if old.platform_id.is_some() {
            old.name
        } else {
            refuse_taken_name(w, old.community_id, &s.name, Some(id))?;
            s.name
        };
        w.execute(
            "UPDATE metric_series SET name = ?2, category = ?3, unit = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, name, s.category, s.unit, Utc::now()],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Removes a series with its points and the goals set on it, leaving a tombstone. A
/// platform's series goes only with its platform.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let s = get_in(w, id)?;
        if s.platform_id.is_some() {
            return Err(Error::Conflict(format!(
                "{:?} is a platform's member count: it goes when the platform is removed",
                s.name
            )));
        }
        // Its values and goals go with it, each leaving its own tombstone, so another copy
        // does not bring one back without its series.
        let now = Utc::now();
        let goals: Vec<String> =
            w.query_all("SELECT uid FROM goals WHERE series_id = ?1", [id], |row| {
                row.get(0)
            })?;
        for uid in goals {
            tombstones::bury(w, "goals", &uid, s.community_id, now)?;
        }
        let points: Vec<String> = w.query_all(
            "SELECT uid FROM metric_points WHERE series_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        for uid in points {
            tombstones::bury(w, "metric_points", &uid, s.community_id, now)?;
        }
        w.execute("DELETE FROM metric_series WHERE id = ?1", [id])?;
        tombstones::bury(w, "metric_series", &s.uid, s.community_id, now)
    })
}

/// Records `value` on a day of series `series_id`, replacing that day's value if it had
/// one: a series holds one value a day. A platform's latest count becomes its count in
/// the charter.
pub fn record(db: &mut Db, series_id: i64, input: &PointInput) -> Result<Series> {
    let value = typed_number("value", &input.value)?;
    let note = optional_multiline("note", &input.note, NOTE_MAX)?;
    let day = crate::members::date("onDay", &input.on_day)?;
    db.write(|w| {
        let s = get_in(w, series_id)?;
        let (_, today) = locale_and_today(w, s.community_id)?;
        let day = day.unwrap_or(today);
        if day > today {
            return Err(Error::invalid(
                "onDay",
                Rule::InvalidFormat,
                format!("{day} is in the future: a value is recorded once it is known"),
            ));
        }
        let whole = value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX);
        if s.platform_id.is_some() && !whole {
            return Err(Error::invalid(
                "value",
                Rule::InvalidFormat,
                format!("{value} is not a member count: a whole number, 0 or more"),
            ));
        }
        let newest = s.points.last().is_none_or(|p| p.on_day <= day);
        put_point(w, series_id, day, value, Some(&note))?;
        if let (Some(platform_id), true) = (s.platform_id, newest) {
            set_platform_count(w, platform_id, Some(value))?;
        }
        Ok(())
    })?;
    get(db, series_id)
}

/// Removes one point of a series. The newest of a platform's series takes the charter's
/// count with it, to the one before (or to "not known").
pub fn remove_point(db: &mut Db, point_id: i64) -> Result<Series> {
    let series_id = db.write(|w| {
        let found: Option<(i64, String)> = w.query_optional(
            "SELECT series_id, uid FROM metric_points WHERE id = ?1",
            [point_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let (series_id, uid) = found
            .ok_or_else(|| Error::NotFound(format!("metric point {point_id} does not exist")))?;
        let s = get_in(w, series_id)?;
        w.execute("DELETE FROM metric_points WHERE id = ?1", [point_id])?;
        tombstones::bury(w, "metric_points", &uid, s.community_id, Utc::now())?;
        let was_newest = s.points.last().is_some_and(|p| p.id == point_id);
        if let (Some(platform_id), true) = (s.platform_id, was_newest) {
            let before = s.points.iter().rev().nth(1).map(|p| p.value);
            set_platform_count(w, platform_id, before)?;
        }
        Ok(series_id)
    })?;
    get(db, series_id)
}

/// Keeps a platform's series in step with the platform as just saved: its name, and the
/// member count as that day's point (the community's today). A count left blank records
/// nothing: not knowing is not a value.
pub(crate) fn platform_saved(w: &Write, platform_id: i64) -> Result<()> {
    let (community_id, name, count): (i64, String, Option<u32>) = w.query_row(
        "SELECT community_id, name, member_count FROM platforms WHERE id = ?1",
        [platform_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let now = Utc::now();
    let existing: Option<i64> = w.query_optional(
        "SELECT id FROM metric_series WHERE platform_id = ?1",
        [platform_id],
        |row| row.get(0),
    )?;
    let series_id =
        match (existing, count) {
            (Some(id), _) => {
                w.execute(
                "UPDATE metric_series SET name = ?2, updated_at = ?3 WHERE id = ?1 AND name <> ?2",
                params![id, name, now],
            )?;
                id
            }
            (None, Some(_)) => {
                w.execute(
                "INSERT INTO metric_series (uid, community_id, name, category, unit, platform_id,
                                            created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'quantitative', '', ?4, ?5, ?5)",
                params![uuid::Uuid::now_v7().to_string(), community_id, name, platform_id, now],
            )?;
                w.last_insert_rowid()
            }
            (None, None) => return Ok(()),
        };
    if let Some(count) = count {
        if latest_value(w, series_id)? != Some(f64::from(count)) {
            let (_, today) = locale_and_today(w, community_id)?;
            put_point(w, series_id, today, f64::from(count), None)?;
        }
    }
    Ok(())
}

/// Stores a point, replacing the day's value if the series had one; its note too, unless
/// `note` is None (a count saved in the charter has none, and keeps the day's).
fn put_point(
    w: &Write,
    series_id: i64,
    day: NaiveDate,
    value: f64,
    note: Option<&str>,
) -> Result<()> {
    let now = Utc::now();
    w.execute(
        "INSERT INTO metric_points (uid, series_id, on_day, value, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6, ?6)
         ON CONFLICT (series_id, on_day)
         DO UPDATE SET value = ?4, note = coalesce(?5, note), updated_at = ?6",
        params![
            uuid::Uuid::now_v7().to_string(),
            series_id,
            day,
            value,
            note,
            now
        ],
    )?;
    w.execute(
        "UPDATE metric_series SET updated_at = ?2 WHERE id = ?1",
        params![series_id, now],
    )?;
    Ok(())
}

/// The charter shows a platform's newest count: what a value recorded or removed in its
/// series makes it (a whole number, checked when recorded).
fn set_platform_count(w: &Write, platform_id: i64, count: Option<f64>) -> Result<()> {
    let count = count.map(|v| v.round() as u32);
    w.execute(
        "UPDATE platforms SET member_count = ?2, updated_at = ?3
         WHERE id = ?1 AND member_count IS NOT ?2",
        params![platform_id, count, Utc::now()],
    )?;
    Ok(())
}

fn latest_value(r: &Read, series_id: i64) -> Result<Option<f64>> {
    r.query_optional(
        "SELECT value FROM metric_points WHERE series_id = ?1 ORDER BY on_day DESC LIMIT 1",
        [series_id],
        |row| row.get(0),
    )
}

/// Two series of one community under one name could not be told apart in a goal or a
/// chart's legend.
fn refuse_taken_name(w: &Write, community_id: i64, name: &str, except: Option<i64>) -> Result<()> {
    let taken: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM metric_series
                        WHERE community_id = ?1 AND lower(name) = lower(?2) AND id IS NOT ?3)",
        params![community_id, name, except],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "name",
            Rule::InvalidFormat,
            format!("the community already has a series named {name:?}"),
        ));
    }
    Ok(())
}

fn from_row(row: &Row) -> rusqlite::Result<Series> {
    Ok(Series {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        name: row.get("name")?,
        category: row.get("category")?,
        unit: row.get("unit")?,
        platform_id: row.get("platform_id")?,
        points: Vec::new(),
    })
}

fn point_from_row(row: &Row) -> rusqlite::Result<Point> {
    Ok(Point {
        id: row.get("id")?,
        on_day: row.get("on_day")?,
        value: row.get("value")?,
        note: row.get("note")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::platforms::{self, PlatformInput};
    use crate::db::testing::{community, temp_db};

    fn point(on: &str, value: &str) -> PointInput {
        PointInput {
            on_day: on.into(),
            value: value.into(),
            note: String::new(),
        }
    }

    fn values(s: &Series) -> Vec<f64> {
        s.points.iter().map(|p| p.value).collect()
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(typed_number("value", "4,5").unwrap(), 4.5);
        assert_eq!(typed_number("value", " 1 200 ").unwrap(), 1200.0);
        assert_eq!(typed_number("value", "−3").unwrap(), -3.0);
        // Commas between thousands, as the app writes a value in English.
        assert_eq!(typed_number("value", "1,250").unwrap(), 1250.0);
        assert_eq!(typed_number("value", "-12,500.75").unwrap(), -12500.75);
        assert_eq!(typed_number("value", "1,25").unwrap(), 1.25);
        assert_eq!(typed_number("value", "1,2500").unwrap(), 1.25);
        assert!(typed_number("value", "1,250,5").is_err());
        for bad in [
            "many",
            "NaN",
            "inf",
            "-infinity",
            "1e400",
            "2e12",
            "",
            "1,2,3",
        ] {
            assert!(typed_number("value", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_series_holds_one_value_a_day_and_refuses_the_future() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let input = SeriesInput {
            name: "Survey: usefulness".into(),
            category: "qualitative".into(),
            unit: "of 10".into(),
        };
        let s = create(&mut t.db, c, &input).unwrap();
        record(&mut t.db, s.id, &point("2026-01-10", "7,5")).unwrap();
        record(&mut t.db, s.id, &point("2025-12-01", "6")).unwrap();
        let s = record(&mut t.db, s.id, &point("2026-01-10", "8")).unwrap();
        assert_eq!(values(&s), [6.0, 8.0]);
        assert_eq!(s.value_on("2026-01-01".parse().unwrap()), Some(6.0));
        let refused = record(&mut t.db, s.id, &point("2999-01-01", "1")).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput { field: Some(f), .. } if f == "onDay"));
        let refused = record(&mut t.db, s.id, &point("2026-01-11", "lots")).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput { field: Some(f), .. } if f == "value"));
        // The same name twice, in any case, is refused.
        let again = SeriesInput {
            name: "survey: USEFULNESS".into(),
            ..input
        };
        assert!(create(&mut t.db, c, &again).is_err());
        let s = remove_point(&mut t.db, s.points[0].id).unwrap();
        assert_eq!(values(&s), [8.0]);
        assert_eq!(list(&t.db, c).unwrap().len(), 1);
    }

    #[test]
    fn a_platforms_member_count_is_a_series_that_outlives_it() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let mut input = PlatformInput {
            kind: "telegram".into(),
            name: "Chat".into(),
            url: "https://t.me/guild".into(),
            member_count: Some("120".into()),
        };
        let p = platforms::create(&mut t.db, c, &input).unwrap();
        let chat = |db: &Db| list(db, c).unwrap().remove(0);
        assert_eq!(chat(&t.db).platform_id, Some(p.id));
        assert_eq!(values(&chat(&t.db)), [120.0]);
        // Saved again the same day: that day's value changes, and the name follows.
        input.member_count = Some("150".into());
        input.name = "Guild chat".into();
        platforms::update(&mut t.db, p.id, &input).unwrap();
        assert_eq!(values(&chat(&t.db)), [150.0]);
        assert_eq!(chat(&t.db).name, "Guild chat");
        // An older value recorded in the series leaves the charter's count alone.
        let id = chat(&t.db).id;
        let s = record(&mut t.db, id, &point("2020-01-01", "10")).unwrap();
        assert_eq!(values(&s), [10.0, 150.0]);
        assert_eq!(platforms::get(&t.db, p.id).unwrap().member_count, Some(150));
        // Today's value becomes the charter's.
        let today = s.points[1].on_day.to_string();
        record(&mut t.db, s.id, &point(&today, "163")).unwrap();
        assert_eq!(platforms::get(&t.db, p.id).unwrap().member_count, Some(163));
        // A member count is whole: 163.5 people is refused, nothing changes.
        let refused = record(&mut t.db, s.id, &point(&today, "163,5")).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput { field: Some(f), .. } if f == "value"));
        // A count saved in the charter keeps the note of the day's value.
        let noted = PointInput {
            note: "after the meetup".into(),
            ..point(&today, "170")
        };
        record(&mut t.db, s.id, &noted).unwrap();
        input.member_count = Some("171".into());
        platforms::update(&mut t.db, p.id, &input).unwrap();
        let s = get(&t.db, s.id).unwrap();
        assert_eq!(
            (s.points[1].value, s.points[1].note.as_str()),
            (171.0, "after the meetup")
        );
        // The newest value removed: the charter's count is the one before.
        let s = remove_point(&mut t.db, s.points[1].id).unwrap();
        assert_eq!(platforms::get(&t.db, p.id).unwrap().member_count, Some(10));
        let s = record(&mut t.db, s.id, &point(&today, "163")).unwrap();
        // Cleared in the charter: an older value recorded leaves it cleared.
        input.member_count = None;
        platforms::update(&mut t.db, p.id, &input).unwrap();
        record(&mut t.db, s.id, &point("2021-01-01", "12")).unwrap();
        assert_eq!(platforms::get(&t.db, p.id).unwrap().member_count, None);
        // Not removable on its own; the platform's removal keeps it.
        assert!(matches!(delete(&mut t.db, s.id), Err(Error::Conflict(_))));
        platforms::delete(&mut t.db, p.id).unwrap();
        let kept = chat(&t.db);
        assert_eq!((kept.platform_id, kept.name.as_str()), (None, "Guild chat"));
        assert_eq!(values(&kept), [10.0, 12.0, 163.0]);
    }
}
