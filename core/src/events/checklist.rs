//! An event's checklist: what to do three weeks before, a week before, the day before, on
//! the day and after. Each task is kept as a number of days from the event's day (in the
//! event's zone), not as a date, so when the event is dragged to another day every due date
//! moves with it. The usual tasks come from a template in the community's language.

use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::store::{self, on_roster};
use crate::db::{tombstones, Db, Read, Write};
use crate::enums::Locale;
use crate::error::{Error, Result, Rule};
use crate::text::required;

pub const TITLE_MAX: u32 = 200;
/// How far from the event a task may fall due, in days either way.
pub const OFFSET_MAX: i64 = 365;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventTask {
    pub id: i64,
    pub uid: String,
    pub event_id: i64,
    pub title: String,
    /// Days from the event's day: negative before it.
    pub offset_days: i64,
    /// The day it falls due, from the event's day as it is now.
    #[ts(type = "string")]
    pub due: NaiveDate,
    pub done: bool,
    pub owner_member_id: Option<i64>,
    /// The owner's name as the roster has it now; empty without an owner.
    pub owner_name: String,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EventTaskInput {
    pub title: String,
    pub offset_days: i64,
    pub owner_member_id: Option<i64>,
}

/// The usual tasks: (days from the event, English, Russian).
const TEMPLATE: &[(i64, &str, &str)] = &[
    (
        -21,
        "Confirm the venue and the speakers",
        "Подтвердить площадку и спикеров",
    ),
    (-21, "Announce the event", "Анонсировать событие"),
    (
        -7,
        "Remind those who are going; check the waitlist",
        "Напомнить участникам, проверить лист ожидания",
    ),
    (
        -1,
        "Print the meetup plan and the check-in list",
        "Распечатать план встречи и список регистрации",
    ),
    (
        0,
        "Set up the room: projector, sound, signs",
        "Подготовить зал: проектор, звук, указатели",
    ),
    (
        1,
        "Thank the speakers and the guests; share the photos",
        "Поблагодарить спикеров и гостей, поделиться фото",
    ),
    (
        2,
        "Send the feedback survey",
        "Разослать опрос обратной связи",
    ),
];

/// The event's tasks in the order they fall due.
pub fn list(db: &Db, event_id: i64) -> Result<Vec<EventTask>> {
    db.read(|r| list_in(r, event_id))
}

/// Adds the usual tasks, in the community's language; a task already there by the same
/// title and day is not added twice.
pub fn add_template(db: &mut Db, event_id: i64) -> Result<Vec<EventTask>> {
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        let (locale, _) = crate::community::locale_and_today(w, event.community_id)?;
        for (offset, en, ru) in TEMPLATE {
            let title = match locale {
                Locale::Ru => ru,
                Locale::En => en,
            };
            let exists: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM event_tasks WHERE event_id = ?1 AND title = ?2 AND offset_days = ?3)",
                params![event_id, title, offset],
                |row| row.get(0),
            )?;
            if !exists {
                insert(w, event_id, title, *offset, None)?;
            }
        }
        list_in(w, event_id)
    })
}

pub fn add(db: &mut Db, event_id: i64, input: &EventTaskInput) -> Result<EventTask> {
    let title = required("title", &input.title, TITLE_MAX)?;
    let offset = offset(input.offset_days)?;
    db.write(|w| {
        let event = store::read_one(w, event_id)?;
        on_roster(
            w,
            "ownerMemberId",
            event.community_id,
            input.owner_member_id,
        )?;
        let id = insert(w, event_id, &title, offset, input.owner_member_id)?;
        one(w, id)
    })
}

pub fn update(db: &mut Db, id: i64, input: &EventTaskInput) -> Result<EventTask> {
    let title = required("title", &input.title, TITLE_MAX)?;
    let offset = offset(input.offset_days)?;
    db.write(|w| {
        let task = one(w, id)?;
        let event = store::read_one(w, task.event_id)?;
        on_roster(w, "ownerMemberId", event.community_id, input.owner_member_id)?;
        w.execute(
            "UPDATE event_tasks SET title = ?2, offset_days = ?3, owner_member_id = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, title, offset, input.owner_member_id, Utc::now()],
        )?;
        one(w, id)
    })
}

pub fn set_done(db: &mut Db, id: i64, done: bool) -> Result<EventTask> {
    db.write(|w| {
        one(w, id)?;
        w.execute(
            "UPDATE event_tasks SET done = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, done, Utc::now()],
        )?;
        one(w, id)
    })
}

pub fn remove(db: &mut Db, id: i64) -> Result<()> {
    db.write(|w| {
        let task = one(w, id)?;
        let community_id = store::read_one(w, task.event_id)?.community_id;
        w.execute("DELETE FROM event_tasks WHERE id = ?1", [id])?;
        tombstones::bury(w, "event_tasks", &task.uid, community_id, Utc::now())
    })
}

fn offset(days: i64) -> Result<i64> {
    if !(-OFFSET_MAX..=OFFSET_MAX).contains(&days) {
        return Err(Error::invalid(
            "offsetDays",
            Rule::InvalidFormat,
            format!("{days} days: a task falls due at most {OFFSET_MAX} days from its event"),
        ));
    }
    Ok(days)
}

fn insert(w: &Write, event_id: i64, title: &str, offset: i64, owner: Option<i64>) -> Result<i64> {
    w.execute(
        "INSERT INTO event_tasks (uid, event_id, title, offset_days, owner_member_id, sort, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(sort), -1) + 1 FROM event_tasks WHERE event_id = ?2), ?6, ?6)",
        params![uuid::Uuid::now_v7().to_string(), event_id, title, offset, owner, Utc::now()],
    )?;
    Ok(w.last_insert_rowid())
}

/// The event's day in its own zone, from which every task's due date is counted.
fn event_day(r: &Read, event_id: i64) -> Result<NaiveDate> {
    let event = store::read_one(r, event_id)?;
    let zone: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    Ok(event.starts_at.with_timezone(&zone).date_naive())
}

fn list_in(r: &Read, event_id: i64) -> Result<Vec<EventTask>> {
    let day = event_day(r, event_id)?;
    r.query_all(
        &format!("{TASK_COLUMNS} WHERE t.event_id = ?1 ORDER BY t.offset_days, t.sort, t.id"),
        [event_id],
        |row| from_row(row, day),
    )
}

fn one(r: &Read, id: i64) -> Result<EventTask> {
    let event_id: i64 = r
        .query_optional(
            "SELECT event_id FROM event_tasks WHERE id = ?1",
            [id],
            |row| row.get(0),
        )?
        .ok_or_else(|| Error::NotFound(format!("checklist task {id} does not exist")))?;
    let day = event_day(r, event_id)?;
    r.query_row(&format!("{TASK_COLUMNS} WHERE t.id = ?1"), [id], |row| {
        from_row(row, day)
    })
}

const TASK_COLUMNS: &str =
    "SELECT t.id, t.uid, t.event_id, t.title, t.offset_days, t.done, t.owner_member_id,
        coalesce(m.name, '') AS owner_name
    FROM event_tasks t LEFT JOIN members m ON m.id = t.owner_member_id";

fn from_row(row: &Row, day: NaiveDate) -> rusqlite::Result<EventTask> {
    let offset_days: i64 = row.get("offset_days")?;
    Ok(EventTask {
        id: row.get("id")?,
        uid: row.get("uid")?,
        event_id: row.get("event_id")?,
        title: row.get("title")?,
        offset_days,
        due: day + Duration::days(offset_days),
        done: row.get("done")?,
        owner_member_id: row.get("owner_member_id")?,
        owner_name: row.get("owner_name")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::events;
    use crate::events::testing::meetup;

    #[test]
    fn due_dates_move_with_the_event() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Гильдия", "ru").id;
        let e = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
        )
        .unwrap();
        let tasks = add_template(&mut t.db, e.id).unwrap();
        assert_eq!(tasks.len(), TEMPLATE.len());
        assert_eq!(
            tasks[0].title, "Подтвердить площадку и спикеров",
            "in the community's language"
        );
        assert_eq!(tasks[0].due.to_string(), "2027-02-18", "three weeks before");
        assert_eq!(
            add_template(&mut t.db, e.id).unwrap().len(),
            TEMPLATE.len(),
            "not twice"
        );

        let own = add(
            &mut t.db,
            e.id,
            &EventTaskInput {
                title: "Order pizza".into(),
                offset_days: -2,
                owner_member_id: None,
            },
        )
        .unwrap();
        assert_eq!(own.due.to_string(), "2027-03-09");
        set_done(&mut t.db, own.id, true).unwrap();

        // Edited: given to a member, a day earlier; still done.
        let ana = crate::events::testing::member(&mut t.db, c, "Ана");
        let edited = update(
            &mut t.db,
            own.id,
            &EventTaskInput {
                title: "Order pizza and tea".into(),
                offset_days: -3,
                owner_member_id: Some(ana),
            },
        )
        .unwrap();
        assert_eq!(
            (
                edited.title.as_str(),
                edited.due.to_string(),
                edited.owner_name.as_str(),
                edited.done
            ),
            ("Order pizza and tea", "2027-03-08".to_string(), "Ана", true)
        );

        // Dragged a week later: every due date follows.
        events::update(
            &mut t.db,
            e.id,
            &meetup("2027-03-18T19:00", "2027-03-18T21:00"),
        )
        .unwrap();
        let moved = list(&t.db, e.id).unwrap();
        assert_eq!(moved[0].due.to_string(), "2027-02-25");
        let pizza = moved.iter().find(|task| task.id == own.id).unwrap();
        assert_eq!(
            (
                pizza.due.to_string().as_str(),
                pizza.done,
                pizza.owner_member_id
            ),
            ("2027-03-15", true, Some(ana))
        );

        remove(&mut t.db, own.id).unwrap();
        assert_eq!(list(&t.db, e.id).unwrap().len(), TEMPLATE.len());
        assert!(matches!(remove(&mut t.db, own.id), Err(Error::NotFound(_))));
    }

    #[test]
    fn bad_tasks_name_their_field() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let e = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
        )
        .unwrap();
        let field = |err: Error| match err {
            Error::InvalidInput { field, .. } => field.unwrap_or_default(),
            other => panic!("{other:?}"),
        };
        let input = |title: &str, offset_days: i64, owner_member_id: Option<i64>| EventTaskInput {
            title: title.into(),
            offset_days,
            owner_member_id,
        };
        assert_eq!(
            field(add(&mut t.db, e.id, &input(" ", 0, None)).unwrap_err()),
            "title"
        );
        assert_eq!(
            field(add(&mut t.db, e.id, &input("Book", -366, None)).unwrap_err()),
            "offsetDays"
        );
        assert_eq!(
            field(add(&mut t.db, e.id, &input("Book", i64::MIN, None)).unwrap_err()),
            "offsetDays"
        );
        assert_eq!(
            field(add(&mut t.db, e.id, &input("Book", 0, Some(999))).unwrap_err()),
            "ownerMemberId"
        );
        assert!(list(&t.db, e.id).unwrap().is_empty());
    }
}
