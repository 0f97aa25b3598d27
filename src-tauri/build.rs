fn main() {
    // Every command the interface may call is listed here, and the window's capability
    // (capabilities/main.json) allows exactly these: nothing else crosses the bridge.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "app_ready",
        "community_list",
        "community_get",
        "community_create",
        "community_update",
        "community_delete",
        "demo_create",
        "plan_summary",
        "settings_set_language",
        "backup_list",
        "backup_now",
        "backup_restore",
        "db_check",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run the Tauri build script");
}
