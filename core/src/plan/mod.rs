//! The community plan: four stages (define the goal, plan, launch, develop), each a
//! checklist of tasks laid out from the built-in template and kept by the organizer for
//! the community's whole life.

mod model;
mod store;
pub mod template;

pub use model::{MemberRef, Plan, StagePlan, Task, TaskInput, TaskStatus};
pub use model::{LIMITS, STAGES};
pub use store::{
    create_task, delete_task, get_task, move_task, plan, restore_task, restore_template,
    seed_from_template, set_status, summary, tasks, update_task, PlanSummary, StageSummary,
};
