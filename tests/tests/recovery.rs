//! Recovery and restore as a person meets them: a database damaged while Hearth was closed
//! is kept aside at the next start and the newest good backup is offered and restored; a
//! backup made from Settings brings back the charter as it was, and the backup that restore
//! took first (listed as "before a restore") brings back what it replaced; a stray file
//! that is not a Hearth backup is refused with a clear message.

use hearth_e2e::Harness;

const SAMPLE: &str = "Lisbon Data Engineers";

#[tokio::test]
async fn a_damaged_database_is_kept_aside_and_a_backup_restored() {
    let harness = Harness::new("recovery");
    harness.cli(&["demo"]).assert_success();
    harness.cli(&["backup"]).assert_success();

    // Damage every page after the file header while the app is closed.
    let db = harness.data_dir().join("hearth.sqlite3");
    let mut bytes = std::fs::read(&db).expect("the database file");
    bytes.iter_mut().skip(100).for_each(|b| *b = 0x5a);
    std::fs::write(&db, &bytes).expect("damage the file");

    let mut app = harness.launch().await;
    app.wait("recovery").await;
    app.screenshot("recovery-01-banner").await;
    let kept: Vec<_> = std::fs::read_dir(app.data_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("hearth.sqlite3.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside");
    assert_eq!(
        std::fs::read(kept[0].path()).unwrap(),
        bytes,
        "kept byte for byte"
    );

    app.click("recovery-restore").await;
    app.wait("app-shell").await;
    app.wait("charter-form").await;
    assert_eq!(
        app.value("charter-name").await,
        SAMPLE,
        "the sample community is back"
    );
    assert!(!app.visible("recovery").await, "the offer is settled");
    app.screenshot("recovery-02-restored").await;

    // ---- A backup from Settings undoes a change to the charter ----------------------------
    app.click("nav-settings").await;
    // The list loads after the screen. The restore replaced a new, untouched database,
    // which holds nothing to keep: the backup made by the CLI is the one listed.
    let before = app
        .wait_count("backup-row", "to list the earlier backup", |n| n >= 1)
        .await;
    assert_eq!(
        before, 1,
        "an empty database is not backed up before a restore"
    );
    app.click("backup-now").await;
    app.wait_count("backup-row", "to grow by one", |n| n == before + 1)
        .await;

    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.type_text("charter-name", "Renamed by mistake").await;
    app.click("charter-save").await;
    app.wait_text("charter-status", "to confirm the save", |t| {
        !t.trim().is_empty() && !t.contains('…')
    })
    .await;

    app.click("nav-settings").await;
    app.wait("backup-row").await;
    // The newest backup is listed first: the one made just before the rename.
    let restore_buttons = app.find_all("backup-restore").await;
    app.click_element(&restore_buttons[0], "the newest backup's Restore button")
        .await;
    app.wait("dialog").await;
    app.screenshot("recovery-03-restore-confirm").await;
    app.click("dialog-confirm").await;

    app.wait("app-shell").await;
    app.wait("charter-form").await;
    let app_ref = &app;
    app.eventually(
        "the charter name as it was before the rename",
        || async move { (app_ref.value("charter-name").await == SAMPLE).then_some(()) },
    )
    .await;

    // ---- The restore itself can be undone: the renamed charter was kept -------------------
    app.click("nav-settings").await;
    app.wait("backup-before-restore").await;
    app.screenshot("recovery-05-before-restore-listed").await;
    // The backup taken before the restore is listed and says so. (A backup the app takes of
    // the restored data may come after it; which one is newest depends on timing.)
    let rows = app.find_all("backup-row").await;
    let mut before = None;
    for (i, row) in rows.iter().enumerate() {
        if app
            .element_text(row)
            .await
            .unwrap_or_default()
            .contains("before a restore")
        {
            before = Some(i);
            break;
        }
    }
    let before = before.expect("the backup taken before the restore is listed, and says so");
    assert!(before <= 1, "it is among the newest: row {before}");
    let restore_buttons = app.find_all("backup-restore").await;
    app.click_element(
        &restore_buttons[before],
        "the before-restore backup's Restore button",
    )
    .await;
    app.wait("dialog").await;
    app.click("dialog-confirm").await;
    app.wait("charter-form").await;
    app.eventually("the renamed charter, back from before the restore", || async move {
        (app_ref.value("charter-name").await == "Renamed by mistake").then_some(())
    })
    .await;

    // ---- A file in the backups folder that is not a Hearth backup is refused --------------
    let junk = app
        .data_dir()
        .join("backups/hearth-2020-01-01T00-00-00.000Z-r1.sqlite3");
    std::fs::write(&junk, "name,email\nAnna,anna@example.org\n").unwrap();
    app.click("nav-settings").await;
    let rows = app
        .wait_count("backup-row", "to list the stray file too", |n| n >= 3)
        .await;
    let restore_buttons = app.find_all("backup-restore").await;
    // The oldest row: the stray file claims to be from 2020.
    app.click_element(
        &restore_buttons[rows - 1],
        "the stray file's Restore button",
    )
    .await;
    app.wait("dialog").await;
    app.click("dialog-confirm").await;
    app.wait_text("toast", "to explain that the file is no backup", |t| {
        t.contains("not a usable Hearth backup")
    })
    .await;
    app.screenshot("recovery-04-not-a-backup").await;
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    assert_eq!(
        app.value("charter-name").await,
        "Renamed by mistake",
        "nothing changed"
    );

    app.stop_app().await;
    assert_eq!(app.check()["ok"], true, "hearth check after the restores");
}
