//! Tauri commands, one file per domain as in hearth-core. A command parses its arguments,
//! calls hearth-core on a blocking thread (the window never waits on SQLite), and returns
//! plain data or a `{code, message, field, rule, limit}` error.

mod community;
#[cfg(test)]
mod contract;
mod db;
mod members;
mod plan;
pub mod print;
mod settings;
pub mod window;

pub use members::remember_dropped_files;
pub use settings::AppStatus;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        settings::app_status,
        settings::app_ready,
        settings::settings_set_language,
        settings::settings_set_selected_community,
        window::app_close,
        window::app_quit,
        window::app_close_asking,
        community::community_list,
        community::community_get,
        community::community_create,
        community::community_update,
        community::community_delete,
        community::community_set_own_member,
        community::demo_create,
        community::time_zone_search,
        community::platform_list,
        community::platform_create,
        community::platform_update,
        community::platform_delete,
        community::open_link,
        members::member_create,
        members::member_update,
        members::member_get,
        members::member_import_choose_file,
        members::member_import_preview,
        members::member_import_commit,
        members::member_import_cancel,
        members::member_export_choose_file,
        members::member_export,
        members::member_page,
        members::member_ids,
        members::member_tags,
        members::member_bulk_tags,
        members::member_bulk_role,
        members::member_merge,
        members::member_forget,
        members::member_personal_data,
        members::member_personal_data_choose_file,
        members::activity_add,
        members::activity_remove,
        members::activity_list,
        members::member_kudos,
        members::engagement_explain,
        members::engagement_settings_get,
        members::engagement_settings_set,
        members::engagement_top,
        members::engagement_losing_touch,
        plan::plan_get,
        plan::plan_summary,
        plan::plan_task_create,
        plan::plan_task_update,
        plan::plan_task_set_status,
        plan::plan_task_delete,
        plan::plan_task_restore,
        plan::plan_task_move,
        plan::plan_restore_template,
        plan::plan_owner_search,
        print::print_plan_preview,
        db::backup_list,
        db::backup_now,
        db::backup_restore,
        db::db_check,
    ]
}
