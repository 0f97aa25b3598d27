//! Plan tasks in the database. The order within a stage is the `sort` column, kept dense
//! (0, 1, 2, …) by every move, so a position from the interface is simply an index.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::Serialize;

use super::model::{stage, MemberRef, Plan, StagePlan, Task, TaskFields, TaskInput, TaskStatus};
use super::template;
use crate::db::{Db, Read, Write};
use crate::enums::Locale;
use crate::error::{Error, Result, Rule};
use crate::members::owners;

/// A task with its owner's name: the linked member's as it stands now, else the typed text.
const TASK_SELECT: &str =
    "SELECT t.id, t.community_id, t.uid, t.stage, t.title, t.notes, t.status, t.due,
        t.owner_member_id, coalesce(m.name, t.owner_name) AS owner_name
    FROM plan_tasks t LEFT JOIN members m ON m.id = t.owner_member_id";

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StageSummary {
    pub stage: u8,
    pub total: u32,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub total: u32,
    pub done: u32,
    pub overdue: u32,
    pub stages: Vec<StageSummary>,
}

/// Adds the template items the community does not have yet, in `locale`, with their notes,
/// at the end of their stages; given a launch date, each falls due at its distance from it.
/// Items it already has (by template key) are left as they are.
pub fn seed_from_template(
    w: &Write,
    community_id: i64,
    locale: Locale,
    launch: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut added = 0;
    for item in template::ITEMS {
        let sort = next_sort(w, community_id, item.stage)?;
        added += w.execute(
            "INSERT INTO plan_tasks (uid, community_id, stage, template_key, title, notes, due, sort,
                                     created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
             ON CONFLICT (community_id, template_key) DO NOTHING",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                item.stage,
                item.key,
                item.title(locale),
                item.notes(locale),
                launch.and_then(|day| item.due(day)),
                sort,
                now,
            ],
        )? as u32;
    }
    Ok(added)
}

/// "Restore missing template items": adds back the template tasks the community deleted,
/// in the community's language and with their notes, without duplicating any it kept. They
/// come back without a due date: the launch date counted from at creation is not kept.
pub fn restore_template(db: &mut Db, community_id: i64) -> Result<u32> {
    db.write(|w| {
        let (locale, _) = crate::community::locale_and_today(w, community_id)?;
        seed_from_template(w, community_id, locale, None, Utc::now())
    })
}

/// The tasks of a community, stage by stage, in the organizer's order.
pub fn tasks(db: &Db, community_id: i64) -> Result<Vec<Task>> {
    db.read(|r| {
        let (_, today) = crate::community::locale_and_today(r, community_id)?;
        tasks_in(r, community_id, today)
    })
}

/// The whole plan, with progress per stage and overall.
pub fn plan(db: &Db, community_id: i64) -> Result<Plan> {
    db.read(|r| plan_in(r, community_id))
}

fn plan_in(r: &Read, community_id: i64) -> Result<Plan> {
    let (locale, today) = crate::community::locale_and_today(r, community_id)?;
    let mut tasks = tasks_in(r, community_id, today)?.into_iter().peekable();
    let stages: Vec<StagePlan> = template::STAGES
        .iter()
        .map(|s| {
            let mut stage_tasks = Vec::new();
            while let Some(task) = tasks.next_if(|t| t.stage == s.number) {
                stage_tasks.push(task);
            }
            StagePlan {
                stage: s.number,
                title: s.title(locale).to_string(),
                total: stage_tasks.len() as u32,
                done: stage_tasks
                    .iter()
                    .filter(|t| t.status == TaskStatus::Done)
                    .count() as u32,
                tasks: stage_tasks,
            }
        })
        .collect();
    Ok(Plan {
        own_member: crate::community::own_member_in(r, community_id)?
            .map(|(id, name)| MemberRef { id, name }),
        community_id,
        locale,
        today,
        total: stages.iter().map(|s| s.total).sum(),
        done: stages.iter().map(|s| s.done).sum(),
        overdue: stages
            .iter()
            .flat_map(|s| &s.tasks)
            .filter(|t| t.overdue)
            .count() as u32,
        stages,
    })
}

/// How far the plan has come, overall and per stage, and how much is overdue.
pub fn summary(db: &Db, community_id: i64) -> Result<PlanSummary> {
    let plan = plan(db, community_id)?;
    Ok(PlanSummary {
        total: plan.total,
        done: plan.done,
        overdue: plan.overdue,
        stages: plan
            .stages
            .iter()
            .map(|s| StageSummary {
                stage: s.stage,
                total: s.total,
                done: s.done,
            })
            .collect(),
    })
}

/// Adds a task at the end of its stage.
pub fn create_task(db: &mut Db, community_id: i64, input: &TaskInput) -> Result<Task> {
    let fields = input.validate()?;
    let uid = uuid::Uuid::now_v7().to_string();
    insert_task(db, community_id, &uid, &fields, None)
}

/// Puts a deleted task back (the interface's Undo): same uid, same stage, at `position`
/// (or the end of the stage).
pub fn restore_task(
    db: &mut Db,
    community_id: i64,
    uid: &str,
    input: &TaskInput,
    position: Option<usize>,
) -> Result<Task> {
    let fields = input.validate()?;
    let uid = uuid::Uuid::parse_str(uid)
        .map_err(|_| {
            Error::invalid(
                "uid",
                Rule::InvalidFormat,
                format!("{uid:?} is not a task uid"),
            )
        })?
        .to_string();
    insert_task(db, community_id, &uid, &fields, position)
}

fn insert_task(
    db: &mut Db,
    community_id: i64,
    uid: &str,
    f: &TaskFields,
    position: Option<usize>,
) -> Result<Task> {
    let id = db.write(|w| {
        crate::community::locale_and_today(w, community_id)?;
        let taken: bool = w.query_row("SELECT EXISTS (SELECT 1 FROM plan_tasks WHERE uid = ?1)", [uid], |r| r.get(0))?;
        if taken {
            return Err(Error::Conflict(format!("a task with uid {uid} already exists")));
        }
        let now = Utc::now();
        let (owner_member_id, owner_name) = owner(w, community_id, f)?;
        w.execute(
            "INSERT INTO plan_tasks (uid, community_id, stage, title, notes, status, due, owner_member_id,
                                     owner_name, sort, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                uid,
                community_id,
                f.stage,
                f.title,
                f.notes,
                f.status,
                f.due,
                owner_member_id,
                owner_name,
                next_sort(w, community_id, f.stage)?,
                now
            ],
        )?;
        let id = w.last_insert_rowid();
        if let Some(position) = position {
            place(w, community_id, f.stage, id, position)?;
        }
        Ok(id)
    })?;
    get_task(db, id)
}

/// Replaces a task's fields; a task given a new stage goes to the end of that stage.
pub fn update_task(db: &mut Db, id: i64, input: &TaskInput) -> Result<Task> {
    let f = input.validate()?;
    db.write(|w| {
        let (old, community_id) = task_in(w, id)?;
        let sort = if old.stage == f.stage {
            None
        } else {
            Some(next_sort(w, community_id, f.stage)?)
        };
        let (owner_member_id, owner_name) = owner(w, community_id, &f)?;
        w.execute(
            "UPDATE plan_tasks SET stage = ?2, title = ?3, notes = ?4, status = ?5, due = ?6,
                 owner_member_id = ?7, owner_name = ?8, sort = coalesce(?9, sort), updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                f.stage,
                f.title,
                f.notes,
                f.status,
                f.due,
                owner_member_id,
                owner_name,
                sort,
                Utc::now()
            ],
        )?;
        if sort.is_some() {
            renumber(w, community_id, old.stage)?;
        }
        Ok(())
    })?;
    get_task(db, id)
}

/// Who owns the task as stored: a member of the community (picked, or the one member
/// bearing the typed name), else the typed name as text. A linked task keeps no copy of the
/// name, so the member's own record is the only place it lives (and forgetting them leaves
/// none behind).
fn owner(r: &Read, community_id: i64, f: &TaskFields) -> Result<(Option<i64>, Option<String>)> {
    if let Some(member_id) = f.owner_member_id {
        if !owners::is_member_of(r, community_id, member_id)? {
            return Err(Error::invalid(
                "ownerMemberId",
                Rule::UnknownValue,
                format!("member {member_id} is not a member of this community"),
            ));
        }
        return Ok((Some(member_id), None));
    }
    Ok(match &f.owner_name {
        None => (None, None),
        Some(name) => match owners::member_named(r, community_id, name)? {
            Some(member_id) => (Some(member_id), None),
            None => (None, Some(name.clone())),
        },
    })
}

/// Ticks a task done, or back to to-do or in progress.
pub fn set_status(db: &mut Db, id: i64, status: &str) -> Result<Task> {
    let status = TaskStatus::parse("status", status.trim())?;
    db.write(|w| {
        task_in(w, id)?;
        w.execute(
            "UPDATE plan_tasks SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status, Utc::now()],
        )?;
        Ok(())
    })?;
    get_task(db, id)
}

/// Deletes a task and returns it as it was, so the interface can offer Undo.
pub fn delete_task(db: &mut Db, id: i64) -> Result<Task> {
    db.write(|w| {
        let (task, community_id) = task_in(w, id)?;
        w.execute("DELETE FROM plan_tasks WHERE id = ?1", [id])?;
        renumber(w, community_id, task.stage)?;
        Ok(task)
    })
}

/// Moves a task to `position` (0-based) within stage `to_stage`: a reorder within a stage,
/// or a move to another one. Returns the plan as it now stands, for the screen to redraw.
pub fn move_task(db: &mut Db, id: i64, to_stage: i64, position: usize) -> Result<Plan> {
    let to_stage = stage(to_stage)?;
    db.write(|w| {
        let (task, community_id) = task_in(w, id)?;
        if task.stage != to_stage {
            w.execute(
                "UPDATE plan_tasks SET stage = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, to_stage, Utc::now()],
            )?;
            renumber(w, community_id, task.stage)?;
        }
        place(w, community_id, to_stage, id, position)?;
        plan_in(w, community_id)
    })
}

pub fn get_task(db: &Db, id: i64) -> Result<Task> {
    db.read(|r| task_in(r, id).map(|(task, _)| task))
}

/// The task and its community.
fn task_in(r: &Read, id: i64) -> Result<(Task, i64)> {
    let (task, community_id) = r
        .query_optional(&format!("{TASK_SELECT} WHERE t.id = ?1"), [id], |row| {
            Ok((task_from_row(row)?, row.get("community_id")?))
        })?
        .ok_or_else(|| Error::NotFound(format!("task {id} does not exist")))?;
    let (_, today) = crate::community::locale_and_today(r, community_id)?;
    Ok((with_overdue(task, today), community_id))
}

fn tasks_in(r: &Read, community_id: i64, today: NaiveDate) -> Result<Vec<Task>> {
    r.query_all(
        &format!("{TASK_SELECT} WHERE t.community_id = ?1 ORDER BY t.stage, t.sort, t.id"),
        [community_id],
        |row| Ok(with_overdue(task_from_row(row)?, today)),
    )
}

fn task_from_row(row: &Row) -> rusqlite::Result<Task> {
    Ok(Task {
        id: row.get("id")?,
        uid: row.get("uid")?,
        stage: row.get("stage")?,
        title: row.get("title")?,
        notes: row.get("notes")?,
        status: row.get("status")?,
        due: row.get("due")?,
        owner_member_id: row.get("owner_member_id")?,
        owner_name: row.get("owner_name")?,
        overdue: false,
    })
}

/// Overdue depends on the community's today, which the row does not hold.
fn with_overdue(mut task: Task, today: NaiveDate) -> Task {
    task.overdue = task.status != TaskStatus::Done && task.due.is_some_and(|d| d < today);
    task
}

fn next_sort(r: &Read, community_id: i64, stage: u8) -> Result<i64> {
    r.query_row(
        "SELECT coalesce(max(sort), -1) + 1 FROM plan_tasks WHERE community_id = ?1 AND stage = ?2",
        params![community_id, stage],
        |row| row.get(0),
    )
}

/// Puts task `id` at `position` among the other tasks of the stage, and numbers them 0, 1, 2, ….
fn place(w: &Write, community_id: i64, stage: u8, id: i64, position: usize) -> Result<()> {
    let mut order = stage_order(w, community_id, stage)?;
    order.retain(|&other| other != id);
    order.insert(position.min(order.len()), id);
    write_order(w, &order)
}

/// Numbers a stage's tasks 0, 1, 2, … in their current order, closing the gap a task left.
fn renumber(w: &Write, community_id: i64, stage: u8) -> Result<()> {
    let order = stage_order(w, community_id, stage)?;
    write_order(w, &order)
}

fn stage_order(r: &Read, community_id: i64, stage: u8) -> Result<Vec<i64>> {
    r.query_all(
        "SELECT id FROM plan_tasks WHERE community_id = ?1 AND stage = ?2 ORDER BY sort, id",
        params![community_id, stage],
        |row| row.get("id"),
    )
}

fn write_order(w: &Write, order: &[i64]) -> Result<()> {
    for (sort, id) in order.iter().enumerate() {
        w.execute(
            "UPDATE plan_tasks SET sort = ?2 WHERE id = ?1 AND sort IS NOT ?2",
            params![id, sort as i64],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;

    fn community(db: &mut Db, locale: &str) -> i64 {
        crate::db::testing::community(db, "Guild", locale).id
    }

    fn titles(plan: &Plan, stage: usize) -> Vec<String> {
        plan.stages[stage - 1]
            .tasks
            .iter()
            .map(|t| t.title.clone())
            .collect()
    }

    /// The plan reads its community's day through the community domain: a damaged zone is
    /// an error there, as everywhere, not a silent switch to UTC.
    #[test]
    fn a_stored_zone_that_is_not_a_zone_is_reported_not_taken_for_utc() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        t.db.raw()
            .execute(
                "UPDATE communities SET time_zone = 'Mars/Olympus' WHERE id = ?1",
                [id],
            )
            .unwrap();
        let err = super::plan(&t.db, id).unwrap_err();
        assert_eq!(err.code(), "corrupt");
        assert!(err.to_string().contains("Mars/Olympus"), "{err}");
    }

    /// A status the schema would refuse, put there past its checks as another program
    /// could: the plan says the file is damaged and what it found.
    #[test]
    fn a_stored_status_that_is_not_one_is_reported_as_corrupt() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        t.db.raw()
            .execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE plan_tasks SET status = 'someday' WHERE id = (SELECT min(id) FROM plan_tasks);
                 PRAGMA ignore_check_constraints = OFF;",
            )
            .unwrap();
        let err = super::plan(&t.db, id).unwrap_err();
        assert_eq!(err.code(), "corrupt");
        let message = err.to_string();
        for part in ["TaskStatus", "\"someday\"", "todo, in_progress, done"] {
            assert!(message.contains(part), "{message}");
        }
    }

    #[test]
    fn a_new_community_gets_the_template_in_its_language() {
        let mut t = temp_db();
        let ru = community(&mut t.db, "ru");
        let en = community(&mut t.db, "en");
        let ru_plan = plan(&t.db, ru).unwrap();
        assert_eq!(ru_plan.total as usize, template::ITEMS.len());
        assert_eq!(ru_plan.stages[0].title, "Определение цели");
        assert_eq!(titles(&ru_plan, 1)[0], "Ясно сформулировать миссию");
        assert_eq!(
            titles(&plan(&t.db, en).unwrap(), 1)[0],
            "Formulate the mission clearly"
        );
    }

    #[test]
    fn restoring_the_template_adds_only_what_is_missing() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let first = tasks(&t.db, id).unwrap()[0].clone();
        let mut renamed = TaskInput::from(&first);
        renamed.title = "Our mission, in our words".into();
        update_task(&mut t.db, first.id, &renamed).unwrap();
        let pilots = tasks(&t.db, id)
            .unwrap()
            .into_iter()
            .find(|t| t.title == "Launch pilot initiatives")
            .unwrap();
        delete_task(&mut t.db, pilots.id).unwrap();

        assert_eq!(restore_template(&mut t.db, id).unwrap(), 1);
        assert_eq!(
            restore_template(&mut t.db, id).unwrap(),
            0,
            "a second restore adds nothing"
        );
        let after = tasks(&t.db, id).unwrap();
        assert_eq!(after.len(), template::ITEMS.len());
        assert!(after.iter().any(|t| t.title == "Our mission, in our words"));
        assert!(after.iter().any(|t| t.title == "Launch pilot initiatives"));
    }

    #[test]
    fn tasks_are_created_updated_ticked_and_deleted_with_undo() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let input = TaskInput {
            stage: 3,
            title: "Book the venue".into(),
            due: Some("2026-12-01".into()),
            owner_name: Some("Anna".into()),
            ..TaskInput::default()
        };
        let task = create_task(&mut t.db, id, &input).unwrap();
        assert_eq!(
            titles(&plan(&t.db, id).unwrap(), 3).last().unwrap(),
            "Book the venue"
        );

        let done = set_status(&mut t.db, task.id, "done").unwrap();
        assert_eq!(done.status, TaskStatus::Done);
        assert_eq!(plan(&t.db, id).unwrap().done, 1);

        let position = titles(&plan(&t.db, id).unwrap(), 3).len() - 1;
        let deleted = delete_task(&mut t.db, task.id).unwrap();
        assert_eq!(get_task(&t.db, task.id).unwrap_err().code(), "not_found");
        let back = restore_task(
            &mut t.db,
            id,
            &deleted.uid,
            &TaskInput::from(&deleted),
            Some(position),
        )
        .unwrap();
        assert_eq!(
            (back.uid.as_str(), back.status, back.due),
            (deleted.uid.as_str(), TaskStatus::Done, deleted.due)
        );
        assert_eq!(
            restore_task(
                &mut t.db,
                id,
                &deleted.uid,
                &TaskInput::from(&deleted),
                None
            )
            .unwrap_err()
            .code(),
            "conflict",
            "undo twice does not duplicate"
        );
    }

    #[test]
    fn moving_reorders_within_a_stage_and_across_stages() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let before = plan(&t.db, id).unwrap();
        let last_of_1 = before.stages[0].tasks[3].clone();

        let after = move_task(&mut t.db, last_of_1.id, 1, 0).unwrap();
        assert_eq!(
            titles(&after, 1)[0],
            last_of_1.title,
            "moved to the top of its stage"
        );
        assert_eq!(titles(&after, 1).len(), 4);

        let after = move_task(&mut t.db, last_of_1.id, 4, 2).unwrap();
        assert_eq!(titles(&after, 1).len(), 3);
        assert_eq!(titles(&after, 4)[2], last_of_1.title);
        assert_eq!(titles(&after, 4).len(), 5);

        let after = move_task(&mut t.db, last_of_1.id, 4, 99).unwrap();
        assert_eq!(
            titles(&after, 4).last().unwrap(),
            &last_of_1.title,
            "a position past the end means the end"
        );
        let sorts: Vec<i64> = t
            .db
            .read(|r| {
                r.query_all(
                    "SELECT sort FROM plan_tasks WHERE community_id = ?1 AND stage = 4 ORDER BY sort",
                    [id],
                    |row| row.get("sort"),
                )
            })
            .unwrap();
        assert_eq!(sorts, [0, 1, 2, 3, 4], "positions stay dense");
    }

    #[test]
    fn bad_moves_and_edits_change_nothing() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let task = tasks(&t.db, id).unwrap()[0].clone();
        let revision = t.db.revision().unwrap();
        assert_eq!(
            move_task(&mut t.db, task.id, 5, 0).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            move_task(&mut t.db, 9999, 1, 0).unwrap_err().code(),
            "not_found"
        );
        let mut bad = TaskInput::from(&task);
        bad.due = Some("not a date".into());
        assert_eq!(
            update_task(&mut t.db, task.id, &bad).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            set_status(&mut t.db, task.id, "someday")
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        assert_eq!(
            create_task(&mut t.db, 999, &TaskInput::from(&task))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
    }

    fn member(db: &mut Db, community_id: i64, name: &str) -> i64 {
        let input = crate::members::MemberInput {
            name: Some(name.into()),
            ..Default::default()
        };
        crate::members::create(db, community_id, &input).unwrap().id
    }

    #[test]
    fn a_task_is_owned_by_a_member_picked_or_named_and_else_by_text() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let ana = member(&mut t.db, id, "Ana Ribeiro");
        let task = |owner_member_id, owner_name: Option<&str>| TaskInput {
            stage: 2,
            title: "Book the venue".into(),
            owner_member_id,
            owner_name: owner_name.map(Into::into),
            ..TaskInput::default()
        };
        let picked = create_task(&mut t.db, id, &task(Some(ana), Some("ignored"))).unwrap();
        assert_eq!(
            (picked.owner_member_id, picked.owner_name.as_deref()),
            (Some(ana), Some("Ana Ribeiro"))
        );
        let named = create_task(&mut t.db, id, &task(None, Some("ANA  ribeiro"))).unwrap();
        assert_eq!(
            named.owner_member_id,
            Some(ana),
            "the one member of that name"
        );
        let typed = create_task(&mut t.db, id, &task(None, Some("Rui from the venue"))).unwrap();
        assert_eq!(
            (typed.owner_member_id, typed.owner_name.as_deref()),
            (None, Some("Rui from the venue"))
        );

        // Unlinking: an edit that names no member and no text leaves no owner.
        let mut edit = TaskInput::from(&picked);
        edit.owner_member_id = None;
        edit.owner_name = None;
        let none = update_task(&mut t.db, picked.id, &edit).unwrap();
        assert_eq!((none.owner_member_id, none.owner_name), (None, None));

        // The plan stores no copy of a linked owner's name: a removed member leaves none.
        t.db.write(|w| {
            w.execute("DELETE FROM members WHERE id = ?1", [ana])?;
            Ok(())
        })
        .unwrap();
        let after = get_task(&t.db, named.id).unwrap();
        assert_eq!((after.owner_member_id, after.owner_name), (None, None));
    }

    #[test]
    fn a_member_of_another_community_cannot_own_a_task() {
        let mut t = temp_db();
        let here = community(&mut t.db, "en");
        let there = community(&mut t.db, "en");
        let stranger = member(&mut t.db, there, "Rui Lopes");
        let first = tasks(&t.db, here).unwrap()[0].clone();
        let revision = t.db.revision().unwrap();
        let mut input = TaskInput::from(&first);
        input.owner_member_id = Some(stranger);
        for err in [
            update_task(&mut t.db, first.id, &input).unwrap_err(),
            create_task(&mut t.db, here, &input).unwrap_err(),
        ] {
            match err {
                Error::InvalidInput { field: Some(f), .. } => assert_eq!(f, "ownerMemberId"),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
    }

    #[test]
    fn overdue_is_counted_against_the_communitys_today() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let all = tasks(&t.db, id).unwrap();
        let yesterday = (Utc::now().date_naive() - chrono::Duration::days(2)).to_string();
        for (task, status) in all.iter().take(3).zip(["todo", "in_progress", "done"]) {
            let mut input = TaskInput::from(task);
            input.due = Some(yesterday.clone());
            input.status = status.into();
            update_task(&mut t.db, task.id, &input).unwrap();
        }
        let s = summary(&t.db, id).unwrap();
        assert_eq!(s.overdue, 2, "a done task is never overdue");
        assert_eq!(s.done, 1);
        assert_eq!(
            s.stages[0],
            StageSummary {
                stage: 1,
                total: 4,
                done: 1
            }
        );
        assert_eq!(summary(&t.db, 999).unwrap_err().code(), "not_found");
    }
}
