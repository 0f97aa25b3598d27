//! Members out of the app and into another copy of Hearth: the sample's roster exported
//! from the Members section as CSV for Excel (with a byte-order mark) and as vCard, each to
//! a file named in the system's save dialog. The files hold every member; each, imported
//! into an empty database (`hearth import members` in a data directory of its own), gives
//! back the same members with the same fields, read through `hearth export members`.

use std::path::{Path, PathBuf};

use hearth_e2e::{App, Harness};
use serde_json::json;

/// The community's members as `hearth export members --format csv` writes them, from the
/// harness's data directory or from `copy`.
fn exported_csv(harness: &Harness, copy: Option<&Path>) -> String {
    let mut args = vec!["export", "members", "--format", "csv"];
    if let Some(dir) = copy {
        args.extend(["--data-dir", dir.to_str().unwrap()]);
    }
    let out = harness.cli(&args);
    out.assert_success();
    out.stdout
}

/// Exports from the Members section's Export dialog in `format` ("csv" or "vcard") to
/// `path`, chosen in the save dialog; returns the toast's words.
async fn export_from_app(app: &App, format: &str, bom: bool, path: &Path) -> String {
    app.click("members-export").await;
    app.wait("export-dialog").await;
    app.click(&format!("export-{format}")).await;
    if bom {
        app.set_checked("export-bom", true).await;
    }
    app.save_file_as("export-save", path).await;
    app.wait_gone("export-dialog").await;
    app.wait_text("toast", "the export's toast", |t| !t.is_empty())
        .await
}

/// A new, empty copy of Hearth (a data directory of its own) with one community, the file
/// imported into it; the copy's directory.
fn import_into_empty(harness: &Harness, name: &str, file: &Path) -> PathBuf {
    let copy = harness.root().join(name);
    let dir = copy.to_str().unwrap();
    harness
        .cli(&[
            "community",
            "create",
            "--name",
            "Copy",
            "--template",
            "en",
            "--data-dir",
            dir,
        ])
        .assert_success();
    assert_eq!(
        exported_csv(harness, Some(&copy)).lines().count(),
        1,
        "the copy starts with no members"
    );
    let out = harness.cli(&[
        "import",
        "members",
        file.to_str().unwrap(),
        "--data-dir",
        dir,
    ]);
    assert!(
        out.success(),
        "the copy imports {}: {}{}",
        file.display(),
        out.stdout,
        out.stderr
    );
    copy
}

#[tokio::test]
async fn members_exported_from_the_app_come_back_the_same() {
    let harness = Harness::new("members-export");
    harness.cli(&["demo", "--locale", "ru"]).assert_success();
    let original = exported_csv(&harness, None);
    let members = original.lines().count() - 1;
    assert!(members >= 150, "the sample's members: {members}");
    let csv = harness.root().join("exported-members.csv");
    let vcf = harness.root().join("exported-members.vcf");

    let mut app = harness.launch().await;
    app.wait("app-shell").await;
    app.click("nav-members").await;
    app.wait("members-roster").await;

    // ---- CSV for Excel ------------------------------------------------------------------------
    let toast = export_from_app(&app, "csv", true, &csv).await;
    assert!(
        toast.contains(&members.to_string()) || toast.contains("exported-members.csv"),
        "the toast says what was written: {toast:?}"
    );
    let bytes = std::fs::read(&csv).expect("the CSV was written where it was asked");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark, for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert_eq!(
        text, original,
        "the file holds every member, as the CLI exports them"
    );
    app.screenshot("members-export-01-done").await;

    // ---- vCard ------------------------------------------------------------------------------------
    export_from_app(&app, "vcard", false, &vcf).await;
    let cards = std::fs::read_to_string(&vcf).expect("the vCard file was written");
    assert_eq!(
        cards.matches("BEGIN:VCARD").count(),
        members,
        "a card for every member"
    );

    // ---- Only a file the person chose -------------------------------------------------------------
    // A page gone wrong may not write or read a file the person never chose in a dialog.
    let sneaky = csv.with_file_name("never-chosen.csv");
    let refused = app
        .invoke(
            "member_export",
            json!({ "communityId": 1, "format": "csv", "bom": false, "path": sneaky.to_str().unwrap() }),
        )
        .await
        .expect_err("an export to a path no dialog gave is refused");
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert!(!sneaky.exists(), "nothing was written there");
    let refused = app
        .invoke(
            "member_import_preview",
            json!({ "communityId": 1, "source": { "path": csv.to_str().unwrap() }, "options": {} }),
        )
        .await;
    assert!(
        refused.is_ok(),
        "the file chosen in the save dialog may be read back: {refused:?}"
    );
    let secret = csv.with_file_name("secret.csv");
    std::fs::write(&secret, "Name,Email\nAna,ana@example.org\n").unwrap();
    let refused = app
        .invoke(
            "member_import_preview",
            json!({ "communityId": 1, "source": { "path": secret.to_str().unwrap() }, "options": {} }),
        )
        .await
        .expect_err("a file no dialog gave is not read");
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    app.stop_app().await;

    // ---- Into empty databases: the same members and fields --------------------------------------
    let from_csv = import_into_empty(&app, "copy-from-csv", &csv);
    assert_eq!(
        exported_csv(&app, Some(&from_csv)),
        original,
        "the CSV gives back the same members"
    );
    let from_vcard = import_into_empty(&app, "copy-from-vcard", &vcf);
    assert_eq!(
        exported_csv(&app, Some(&from_vcard)),
        original,
        "the vCard file gives back the same members"
    );
}
