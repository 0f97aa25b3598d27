// A build script fails by panicking: that is how cargo reports it.
#![allow(clippy::expect_used)]

fn main() {
    // Every command the interface may call is listed here, and the window's capability
    // (capabilities/main.json) allows exactly these: nothing else crosses the bridge.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "app_ready",
        "app_close",
        "app_close_asking",
        "community_list",
        "community_get",
        "community_create",
        "community_update",
        "community_delete",
        "community_set_own_member",
        "demo_create",
        "time_zone_search",
        "platform_list",
        "platform_create",
        "platform_update",
        "platform_delete",
        "open_link",
        "member_create",
        "member_update",
        "member_get",
        "member_page",
        "member_ids",
        "member_tags",
        "member_bulk_tags",
        "member_bulk_role",
        "plan_get",
        "plan_summary",
        "plan_task_create",
        "plan_task_update",
        "plan_task_set_status",
        "plan_task_delete",
        "plan_task_restore",
        "plan_task_move",
        "plan_restore_template",
        "plan_owner_search",
        "print_plan_preview",
        "settings_set_language",
        "backup_list",
        "backup_now",
        "backup_restore",
        "db_check",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run the Tauri build script");
}
