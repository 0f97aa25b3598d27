//! Plan tasks in the database.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use super::template;
use crate::db::Db;
use crate::enums::{string_enum, Locale};
use crate::error::{Error, Result};

string_enum! {
    pub enum TaskStatus { Todo = "todo", InProgress = "in_progress", Done = "done" }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: i64,
    pub uid: String,
    pub stage: u8,
    pub title: String,
    pub notes: String,
    pub status: TaskStatus,
    pub due: Option<NaiveDate>,
    pub owner_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageSummary {
    pub stage: u8,
    pub total: u32,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub total: u32,
    pub done: u32,
    pub stages: Vec<StageSummary>,
}

/// Adds the template items the community does not have yet, in `locale`, at the end of
/// their stages. Items it already has (by template key) are left as they are.
pub fn seed_from_template(
    tx: &Transaction,
    community_id: i64,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut next_sort = tx.prepare_cached(
        "SELECT coalesce(max(sort), -1) + 1 FROM plan_tasks WHERE community_id = ?1 AND stage = ?2",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO plan_tasks (uid, community_id, stage, template_key, title, sort, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (community_id, template_key) DO NOTHING",
    )?;
    let mut added = 0;
    for item in template::ITEMS {
        let sort: i64 = next_sort.query_row(params![community_id, item.stage], |r| r.get(0))?;
        added += insert.execute(params![
            uuid::Uuid::now_v7().to_string(),
            community_id,
            item.stage,
            item.key,
            item.title(locale),
            sort,
            now,
        ])? as u32;
    }
    Ok(added)
}

/// The tasks of a community, stage by stage, in the organizer's order.
pub fn tasks(db: &Db, community_id: i64) -> Result<Vec<Task>> {
    db.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT id, uid, stage, title, notes, status, due, owner_name FROM plan_tasks
             WHERE community_id = ?1 ORDER BY stage, sort, id",
        )?;
        let rows = stmt.query_map([community_id], |r| {
            Ok((
                Task {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    stage: r.get(2)?,
                    title: r.get(3)?,
                    notes: r.get(4)?,
                    status: TaskStatus::Todo,
                    due: r.get(6)?,
                    owner_name: r.get(7)?,
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (mut task, status) = row?;
            task.status = TaskStatus::parse("status", &status)
                .map_err(|e| Error::Corrupt(format!("a stored task status is not valid: {e}")))?;
            Ok(task)
        })
        .collect()
    })
}

/// How far the plan has come, overall and per stage.
pub fn summary(db: &Db, community_id: i64) -> Result<PlanSummary> {
    db.read(|conn| summary_in(conn, community_id))
}

fn summary_in(conn: &Connection, community_id: i64) -> Result<PlanSummary> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM communities WHERE id = ?1)",
        [community_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound(format!(
            "community {community_id} does not exist"
        )));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT stage, count(*), count(*) FILTER (WHERE status = 'done') FROM plan_tasks
         WHERE community_id = ?1 GROUP BY stage",
    )?;
    let mut stages: Vec<StageSummary> = template::STAGES
        .iter()
        .map(|s| StageSummary {
            stage: s.number,
            total: 0,
            done: 0,
        })
        .collect();
    for row in stmt.query_map([community_id], |r| {
        Ok((r.get::<_, u8>(0)?, r.get(1)?, r.get(2)?))
    })? {
        let (stage, total, done) = row?;
        if let Some(s) = stages.iter_mut().find(|s| s.stage == stage) {
            s.total = total;
            s.done = done;
        }
    }
    Ok(PlanSummary {
        total: stages.iter().map(|s| s.total).sum(),
        done: stages.iter().map(|s| s.done).sum(),
        stages,
    })
}

/// Sets a task's status (and, for the sample community, its due date).
pub fn set_status(
    db: &mut Db,
    task_id: i64,
    status: TaskStatus,
    due: Option<NaiveDate>,
) -> Result<()> {
    db.write(|tx| {
        let changed = tx.execute(
            "UPDATE plan_tasks SET status = ?2, due = coalesce(?3, due), updated_at = ?4 WHERE id = ?1",
            params![task_id, status.as_str(), due, Utc::now()],
        )?;
        match changed {
            0 => Err(Error::NotFound(format!("task {task_id} does not exist"))),
            _ => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{self, NewCommunity};
    use crate::db::testing::temp_db;

    fn community(db: &mut Db, locale: &str) -> i64 {
        community::create(
            db,
            &NewCommunity {
                name: "Guild".into(),
                locale: locale.into(),
                time_zone: "UTC".into(),
            },
        )
        .unwrap()
        .id
    }

    #[test]
    fn a_new_community_gets_the_template_in_its_language() {
        let mut t = temp_db();
        let ru = community(&mut t.db, "ru");
        let en = community(&mut t.db, "en");
        let ru_tasks = tasks(&t.db, ru).unwrap();
        assert_eq!(ru_tasks.len(), template::ITEMS.len());
        assert_eq!(ru_tasks[0].title, "Ясно сформулировать миссию");
        assert_eq!(
            tasks(&t.db, en).unwrap()[0].title,
            "Formulate the mission clearly"
        );
        let stages: Vec<u8> = ru_tasks.iter().map(|t| t.stage).collect();
        assert!(stages.windows(2).all(|w| w[0] <= w[1]), "ordered by stage");
    }

    #[test]
    fn seeding_again_adds_only_what_is_missing() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let first = tasks(&t.db, id).unwrap()[0].clone();
        t.db.write(|tx| {
            tx.execute(
                "UPDATE plan_tasks SET title = 'Our mission, in our words' WHERE id = ?1",
                [first.id],
            )?;
            tx.execute(
                "DELETE FROM plan_tasks WHERE template_key = 'launch.pilots'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let added =
            t.db.write(|tx| seed_from_template(tx, id, Locale::En, Utc::now()))
                .unwrap();
        assert_eq!(added, 1);
        let after = tasks(&t.db, id).unwrap();
        assert_eq!(after.len(), template::ITEMS.len());
        assert!(after.iter().any(|t| t.title == "Our mission, in our words"));
    }

    #[test]
    fn summary_counts_done_per_stage() {
        let mut t = temp_db();
        let id = community(&mut t.db, "en");
        let all = tasks(&t.db, id).unwrap();
        for task in all.iter().filter(|t| t.stage == 1) {
            set_status(&mut t.db, task.id, TaskStatus::Done, None).unwrap();
        }
        let s = summary(&t.db, id).unwrap();
        assert_eq!(s.total as usize, template::ITEMS.len());
        assert_eq!(s.done, 4);
        assert_eq!(
            s.stages[0],
            StageSummary {
                stage: 1,
                total: 4,
                done: 4
            }
        );
        assert_eq!(s.stages[3].done, 0);
        assert_eq!(summary(&t.db, 999).unwrap_err().code(), "not_found");
        assert_eq!(
            set_status(&mut t.db, 999, TaskStatus::Done, None)
                .unwrap_err()
                .code(),
            "not_found"
        );
    }
}
