//! The community plan: four stages (define the goal, plan, launch, develop), each a
//! checklist of tasks laid out from the built-in template and kept by the organizer.
//! This foundation seeds and summarises the plan; the plan screen builds on it.

mod store;
pub mod template;

pub use store::{
    seed_from_template, set_status, summary, tasks, PlanSummary, StageSummary, Task, TaskStatus,
};
