//! A member file that cannot be imported, and an import stopped halfway, write nothing.
//!
//! A file with an invalid email, a date in no form Hearth reads and a quotation mark never
//! closed is chosen in the system's file dialog: the review names each problem's row and
//! column, offers no Import, and core itself refuses the commit when asked anyway; the
//! stored members (read through `hearth export members` on the app's data) are the sample's
//! as before. Then a file of 100,000 members is imported and cancelled while the progress
//! bar runs: the roster is as it was, in the app and in the file.

use hearth_e2e::generated::members_csv;
use hearth_e2e::{json, App, Harness};

/// How many members are stored: the rows of `hearth export members --format csv`.
fn stored_count(app: &App) -> usize {
    let out = app.cli(&["export", "members", "--format", "csv"]);
    out.assert_success();
    // One header line; no generated or sample value holds a line break.
    out.stdout.lines().filter(|l| !l.is_empty()).count() - 1
}

fn stored_csv(app: &App) -> String {
    let out = app.cli(&["export", "members", "--format", "csv"]);
    out.assert_success();
    out.stdout
}

const BAD: &str = "Name,Email,Joined\n\
Anna Lopes,not-an-email,2025-03-01\n\
Bob Stone,bob@example.org,31.31.2025\n\
Cleo Park,cleo@example.org,2025-04-02\n\
\"Dan Roe,dan@example.org,2025-05-03\n";

#[tokio::test]
async fn a_bad_file_and_a_cancelled_import_write_nothing() {
    let harness = Harness::new("members-import-errors");
    harness.cli(&["demo", "--locale", "en"]).assert_success();
    let bad = harness.root().join("bad-members.csv");
    std::fs::write(&bad, BAD).expect("write the bad file");
    let big = harness.root().join("big-members.csv");
    std::fs::write(&big, members_csv(100_000)).expect("write the big file");
    let app = harness.launch().await;
    app.wait("app-shell").await;
    let before = stored_csv(&app);
    let count = stored_count(&app);
    assert!(count > 100, "the sample's members: {count}");

    app.click("nav-members").await;
    app.wait("members-roster").await;
    let shown_count = app
        .wait_text("members-count", "the roster's count", |t| !t.is_empty())
        .await;

    // ---- A bad file: named problems, no Import, nothing written -------------------------------
    app.click("members-import").await;
    app.wait("import-dialog").await;
    app.choose_file("import-choose", &bad).await;
    app.wait("import-columns").await;
    app.click("import-next").await;
    app.wait("import-problems").await;
    let problems: Vec<String> = {
        let mut v = Vec::new();
        for el in app.find_all("import-problem").await {
            v.push(app.element_text(&el).await.unwrap_or_default());
        }
        v
    };
    eprintln!("[import-errors] problems: {problems:#?}");
    let named = |row: &str, column: &str| {
        problems
            .iter()
            .any(|p| p.contains(&format!("Row {row}")) && p.contains(&format!("“{column}”")))
    };
    assert!(
        named("2", "Email"),
        "the invalid email by row and column: {problems:?}"
    );
    assert!(
        named("3", "Joined"),
        "the unknown date by row and column: {problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Row 5, column “Name”") && p.contains("quotation mark")),
        "the unbalanced quote by its row: {problems:?}"
    );
    assert!(
        app.find_opt("import-confirm").await.is_none(),
        "no Import while a problem stands"
    );
    app.wait("import-recheck").await;
    app.screenshot("members-import-errors-01-problems").await;

    // Core, asked to import it anyway (as a page that skipped the review would), refuses.
    let refused = app
        .client()
        .execute_async(
            r#"const [path, done] = arguments;
               window.__TAURI__.core
                 .invoke('member_import_commit', { communityId: 1, source: { path }, options: { mapping: null, usDates: false, decisions: [] }, onProgress: new window.__TAURI__.core.Channel() })
                 .then((report) => done({ written: report }), (error) => done({ refused: error }));"#,
            vec![json!(bad.to_str().unwrap())],
        )
        .await
        .expect("the commit answered");
    assert!(
        refused.get("refused").is_some(),
        "core refuses a file with problems: {refused}"
    );
    assert_eq!(stored_csv(&app), before, "nothing was written");

    app.click("import-cancel").await;
    app.wait_gone("import-dialog").await;
    assert_eq!(app.text("members-count").await, shown_count);

    // ---- 100,000 members, cancelled while they are written ----------------------------------
    app.click("members-import").await;
    app.wait("import-dialog").await;
    app.choose_file("import-choose", &big).await;
    app.wait("import-columns").await;
    app.click("import-next").await;
    app.wait("import-confirm").await;
    app.click("import-confirm").await;
    app.wait("import-progress").await;
    // Until the bar shows the first members written, core is still checking the file.
    let progress = app
        .wait_text("import-progress-text", "members being written", |t| {
            t.chars().any(|c| c.is_ascii_digit()) && !t.starts_with("0 ")
        })
        .await;
    eprintln!("[import-errors] cancelled at {progress:?}");
    app.screenshot("members-import-errors-02-progress").await;
    app.click("import-cancel-import").await;
    let note = app
        .wait_text(
            "import-review-note",
            "the import to say it was cancelled",
            |t| t.contains("cancelled"),
        )
        .await;
    assert!(
        app.find_opt("import-report").await.is_none(),
        "no report of an import that was stopped: {note:?}"
    );
    assert_eq!(stored_count(&app), count, "the roster as it was");
    assert_eq!(stored_csv(&app), before, "every member as they were");
    app.screenshot("members-import-errors-03-cancelled").await;
    app.click("import-cancel").await;
    app.wait_gone("import-dialog").await;
    app.wait_text("members-count", "the count as before", |t| t == shown_count)
        .await;
    app.shutdown().await;
}
