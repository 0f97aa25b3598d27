//! A plan task, its limits, and the plan as the screen and the printed page show it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::enums::{string_enum, Locale};
use crate::error::{Error, Result, Rule};
use crate::text::{optional, optional_multiline, required};

string_enum! {
    pub enum TaskStatus { Todo = "todo", InProgress = "in_progress", Done = "done" }
}

pub const TITLE_MAX: u32 = 300;
pub const NOTES_MAX: u32 = 4_000;
pub const OWNER_MAX: u32 = 200;
pub const STAGES: std::ops::RangeInclusive<u8> = 1..=4;

/// Each limit under the name the interface and errors give its field, for the interface's
/// generated contract.
pub const LIMITS: &[(&str, u32)] = &[
    ("title", TITLE_MAX),
    ("notes", NOTES_MAX),
    ("ownerName", OWNER_MAX),
];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: i64,
    pub uid: String,
    pub stage: u8,
    pub title: String,
    pub notes: String,
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
    /// The member who owns the task, when it is linked to one.
    pub owner_member_id: Option<i64>,
    /// The owner's name: the member's when the task is linked to one, else the text typed
    /// for it (an owner from before the roster, or someone who is not a member).
    pub owner_name: Option<String>,
    /// Not done and due before the community's today.
    pub overdue: bool,
}

/// A task as submitted: plain text, not yet checked.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskInput {
    pub stage: i64,
    pub title: String,
    pub notes: String,
    pub status: String,
    pub due: Option<String>,
    /// The member who owns the task; when given, the typed name is not looked at.
    #[ts(optional = nullable)]
    pub owner_member_id: Option<i64>,
    /// An owner typed as text: linked to the member of that name when there is exactly one,
    /// else kept as text.
    pub owner_name: Option<String>,
}

/// A checked task, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFields {
    pub stage: u8,
    pub title: String,
    pub notes: String,
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
    pub owner_member_id: Option<i64>,
    pub owner_name: Option<String>,
}

impl TaskInput {
    pub fn validate(&self) -> Result<TaskFields> {
        let status = match self.status.trim() {
            "" => TaskStatus::Todo,
            other => TaskStatus::parse("status", other)?,
        };
        let owner_name = match self.owner_name.as_deref() {
            None => None,
            Some(owner) => Some(optional("ownerName", owner, OWNER_MAX)?).filter(|o| !o.is_empty()),
        };
        Ok(TaskFields {
            stage: stage(self.stage)?,
            title: required("title", &self.title, TITLE_MAX)?,
            notes: optional_multiline("notes", &self.notes, NOTES_MAX)?,
            status,
            due: self.due.as_deref().map(due_date).transpose()?.flatten(),
            owner_member_id: self.owner_member_id,
            owner_name,
        })
    }
}

impl From<&Task> for TaskInput {
    fn from(t: &Task) -> Self {
        TaskInput {
            stage: t.stage.into(),
            title: t.title.clone(),
            notes: t.notes.clone(),
            status: t.status.as_str().into(),
            due: t.due.map(|d| d.to_string()),
            owner_member_id: t.owner_member_id,
            owner_name: t.owner_name.clone(),
        }
    }
}

/// A stage number as the interface sends it: 1 to 4.
pub fn stage(value: i64) -> Result<u8> {
    u8::try_from(value)
        .ok()
        .filter(|s| STAGES.contains(s))
        .ok_or_else(|| {
            Error::invalid(
                "stage",
                Rule::UnknownValue,
                format!("there is no stage {value}; stages are 1 to 4"),
            )
        })
}

/// `YYYY-MM-DD`, or empty for no date.
fn due_date(value: &str) -> Result<Option<NaiveDate>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Error::invalid(
                "due",
                Rule::InvalidFormat,
                format!("{value:?} is not a date (YYYY-MM-DD)"),
            )
        })
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StagePlan {
    pub stage: u8,
    pub title: String,
    pub total: u32,
    pub done: u32,
    pub tasks: Vec<Task>,
}

/// The whole plan of one community, stage by stage, as its screen and printed page show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub community_id: i64,
    pub locale: Locale,
    /// The community's own date, in its time zone: what "overdue" is measured against.
    pub today: NaiveDate,
    pub stages: Vec<StagePlan>,
    pub total: u32,
    pub done: u32,
    pub overdue: u32,
    /// The organizer's own member record in this community: whose tasks "Mine" shows.
    pub own_member: Option<MemberRef>,
}

/// A member as the plan names one: enough to show and to pick.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRef {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TaskInput {
        TaskInput {
            stage: 2,
            title: "Pick a venue".into(),
            ..TaskInput::default()
        }
    }

    #[test]
    fn a_minimal_task_is_a_todo_without_date_or_owner() {
        let t = input().validate().unwrap();
        assert_eq!(
            (t.stage, t.status, t.due, t.owner_name),
            (2, TaskStatus::Todo, None, None)
        );
    }

    #[test]
    fn bad_fields_are_named() {
        type Case = (fn(&mut TaskInput), &'static str);
        let cases: [Case; 6] = [
            (|i| i.title = "  ".into(), "title"),
            (|i| i.title = "x".repeat(301), "title"),
            (|i| i.stage = 5, "stage"),
            (|i| i.due = Some("31.02.2026".into()), "due"),
            (|i| i.status = "someday".into(), "status"),
            (|i| i.owner_name = Some("x".repeat(201)), "ownerName"),
        ];
        for (change, field) in cases {
            let mut i = input();
            change(&mut i);
            match i.validate().unwrap_err() {
                Error::InvalidInput { field: Some(f), .. } => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        let mut i = input();
        i.due = Some("2026-02-30".into());
        assert!(i.validate().is_err(), "February has no 30th");
    }

    #[test]
    fn title_and_owner_are_one_line_and_notes_keep_their_breaks() {
        type Case = (fn(&mut TaskInput), &'static str);
        let cases: [Case; 5] = [
            (|i| i.title = "Venue\nDone: everything".into(), "title"),
            (|i| i.title = "\u{1b}[31mUrgent".into(), "title"),
            (|i| i.owner_name = Some("Anna\tB".into()), "ownerName"),
            (|i| i.owner_name = Some("\u{2067}annA".into()), "ownerName"),
            (|i| i.notes = "call \u{7}".into(), "notes"),
        ];
        for (change, field) in cases {
            let mut i = input();
            change(&mut i);
            match i.validate().unwrap_err() {
                Error::InvalidInput {
                    field: Some(f),
                    rule,
                    ..
                } => assert_eq!((f.as_str(), rule), (field, Rule::ControlCharacter)),
                other => panic!("{field}: {other:?}"),
            }
        }
        let mut i = input();
        i.notes = "Ask:\r\n\t- the hall\r\n\t- the café".into();
        assert_eq!(
            i.validate().unwrap().notes,
            "Ask:\n\t- the hall\n\t- the café"
        );
    }

    #[test]
    fn a_forged_task_writes_nothing() {
        use crate::plan;
        let mut t = crate::db::testing::temp_db();
        let community = crate::community::create(
            &mut t.db,
            &crate::community::NewCommunity {
                name: "Guild".into(),
                locale: "en".into(),
                time_zone: "UTC".into(),
                launch_date: None,
            },
        )
        .unwrap()
        .id;
        let first = plan::tasks(&t.db, community).unwrap()[0].clone();
        let revision = t.db.revision().unwrap();
        let mut bad = input();
        bad.title = "A\nB".into();
        let err = plan::create_task(&mut t.db, community, &bad).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        let mut edit = TaskInput::from(&first);
        edit.title = "\u{1b}[31mX".into();
        assert_eq!(
            plan::update_task(&mut t.db, first.id, &edit)
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
        assert_eq!(plan::get_task(&t.db, first.id).unwrap().title, first.title);

        let mut good = input();
        good.notes = "one\r\ntwo".into();
        let task = plan::create_task(&mut t.db, community, &good).unwrap();
        assert_eq!(plan::get_task(&t.db, task.id).unwrap().notes, "one\ntwo");
    }
}
