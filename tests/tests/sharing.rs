//! Team sharing in the window, with a relay on 127.0.0.1 (`hearth relay`) and a second data
//! folder driven from the command line as a co-organizer's copy. In English: a relay address
//! that is not one is refused under the field; sharing shows the join code, which Copy puts
//! on the clipboard; the indicator says synced; people the co-organizer adds appear in the
//! window's roster while it stays open; the charter renamed in the window reaches the other
//! copy; the relay gone, the indicator says offline since when. In Russian: a second window
//! joins the same community from its code in the welcome screen's join dialog, after a
//! code that is not one is refused. Each step is photographed (`sharing-*.png`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hearth_e2e::fantoccini::elements::Element;
use hearth_e2e::fantoccini::Locator;
use hearth_e2e::{json, App, Harness};

/// `hearth relay` on a free port of 127.0.0.1; killed when dropped.
struct Relay {
    child: Child,
    url: String,
}

impl Relay {
    fn start(bin: &Path, dir: &Path) -> Relay {
        Relay::start_on(bin, dir, 0)
    }

    /// On `port` (0: any free one).
    fn start_on(bin: &Path, dir: &Path, port: u16) -> Relay {
        let mut child = Command::new(bin)
            .args([
                "relay",
                "--listen",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--dir",
            ])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start hearth relay");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("the relay's output"))
            .read_line(&mut line)
            .expect("the relay says where it listens");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("ws://"))
            .unwrap_or_else(|| panic!("the relay names its address: {line:?}"))
            .trim_end_matches(',')
            .to_string();
        Relay { child, url }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The co-organizer's copy: `hearth --data-dir <dir> <args>`, which must succeed.
fn other(harness: &Harness, dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--data-dir", dir.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    let out = harness.cli(&all);
    out.assert_success();
    out.stdout
}

/// The indicator's state, once it is `wanted`.
async fn indicator(app: &App, wanted: &str) -> String {
    app.eventually(
        &format!("the sync indicator to say {wanted}"),
        || async move {
            let state = app
                .exec(
                    "const i = document.querySelector('[data-testid=\"sync-indicator\"]');
                 return i && !i.hidden ? [i.dataset.state, i.innerText] : null;",
                    vec![],
                )
                .await;
            (state[0] == wanted).then(|| state[1].as_str().unwrap_or_default().to_string())
        },
    )
    .await
}

/// The names the roster's rows show, sorted.
async fn roster_names(app: &App) -> Vec<String> {
    let names = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=members-row]')]
               .filter((row) => !row.hidden && row.dataset.index !== undefined)
               .map((row) => row.querySelector('[data-testid=members-row-name]').textContent.trim())
               .filter(Boolean).sort();",
            vec![],
        )
        .await;
    serde_json::from_value(names).expect("names")
}

async fn wait_roster(app: &App, expected: &[&str]) {
    app.eventually(
        "the roster to show the co-organizer's people",
        || async move { (roster_names(app).await == expected).then_some(()) },
    )
    .await;
}

/// Whether the plan on screen shows the task titled `title` as done.
async fn task_done(app: &App, title: &str) -> bool {
    app.exec(
        "return [...document.querySelectorAll('[data-testid=plan-task]')]
           .some((row) => row.querySelector('[data-testid=plan-task-title]').textContent === arguments[0]
             && row.classList.contains('is-done')
             && row.querySelector('[data-testid=plan-task-check]').checked);",
        vec![json!(title)],
    )
    .await
        == json!(true)
}

/// The element `part` (a testid) of the plan's row for the task titled `title`.
async fn task_part(app: &App, title: &str, part: &str) -> Element {
    app.eventually(&format!("{part} of the task {title:?}"), || async {
        for row in app.find_all("plan-task").await {
            let shown = row
                .find(Locator::Css("[data-testid=plan-task-title]"))
                .await
                .ok()?;
            if app.element_text(&shown).await.as_deref() == Some(title) {
                return row
                    .find(Locator::Css(&format!("[data-testid={part}]")))
                    .await
                    .ok();
            }
        }
        None
    })
    .await
}

/// The owner the plan's row for `title` shows, and whether the row is marked as clashing.
async fn task_owner(app: &App, title: &str) -> (String, bool) {
    let found = app
        .exec(
            "const row = [...document.querySelectorAll('[data-testid=plan-task]')]
               .find((row) => row.querySelector('[data-testid=plan-task-title]').textContent === arguments[0]);
             return row ? [row.querySelector('[data-testid=plan-task-owner]')?.textContent.trim() ?? '',
                           row.classList.contains('has-conflict')] : ['', false];",
            vec![json!(title)],
        )
        .await;
    (
        found[0].as_str().unwrap_or_default().to_string(),
        found[1].as_bool().unwrap_or_default(),
    )
}

/// How many clashes the charter's Co-organizers section lists.
async fn listed_conflicts(app: &App) -> u64 {
    app.exec(
        "return document.querySelectorAll('[data-testid=sharing-conflict]').length;",
        vec![],
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

/// The buttons of the conflict mark under the field `field` (its `data-field`), sorted.
async fn field_mark(app: &App, field: &str) -> Vec<String> {
    let offered = app
        .exec(
            "return [...document.querySelectorAll(
                 `[data-record] [data-field=\"${arguments[0]}\"] [data-testid=conflict-mark-keep]`)]
               .map((button) => button.textContent).sort();",
            vec![json!(field)],
        )
        .await;
    serde_json::from_value(offered).expect("texts")
}

/// The buttons of the mark under `field` once it offers a value from each window.
async fn two_offered(app: &App, field: &str) -> Vec<String> {
    app.eventually(&format!("{field} marked with both values"), || async {
        let offered = field_mark(app, field).await;
        (offered.len() == 2).then_some(offered)
    })
    .await
}

/// Presses the mark's button that keeps `value` under the field `field`.
async fn keep_at_field(app: &App, field: &str, value: &str) {
    let buttons = app
        .find_all_css(&format!(
            "[data-record] [data-field=\"{field}\"] [data-testid=conflict-mark-keep]"
        ))
        .await;
    for button in buttons {
        if app
            .element_text(&button)
            .await
            .unwrap_or_default()
            .contains(value)
        {
            app.click_element(&button, &format!("keep {value}")).await;
            return;
        }
    }
    panic!("no button keeps {value} under {field}");
}

async fn scroll_into_view(app: &App, id: &str) {
    app.exec(
        "document.querySelector(`[data-testid=\"${arguments[0]}\"]`).scrollIntoView({ block: 'center' });",
        vec![json!(id)],
    )
    .await;
}

#[tokio::test]
async fn a_community_shared_in_one_window_is_joined_in_another_and_edits_travel() {
    let harness = Harness::new("sharing");
    harness
        .cli(&[
            "community",
            "create",
            "--name",
            "Guild",
            "--template",
            "en",
            "--time-zone",
            "UTC",
        ])
        .assert_success();
    let relay = Relay::start(harness.bin(), &harness.root().join("relay"));
    let other_dir = harness.root().join("co-organizer");
    let people = harness.root().join("people.csv");
    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.wait("charter-form").await;
    app.wait("sharing-open").await;
    scroll_into_view(&app, "sharing").await;
    app.screenshot("sharing-01-not-shared").await;

    // ---- An address that is not a relay's is refused under the field -----------------------
    app.click("sharing-open").await;
    app.wait("sharing-dialog").await;
    app.type_text("sharing-relay", "http://192.168.1.20:3030")
        .await;
    app.click("sharing-share").await;
    let refused = app
        .wait_text("sharing-relay-error", "to refuse the address", |t| {
            !t.trim().is_empty()
        })
        .await;
    assert!(refused.contains("ws://"), "{refused}");
    app.screenshot("sharing-02-dialog-refused").await;

    // ---- Shared: the join code, and Copy --------------------------------------------------
    app.type_text("sharing-relay", &relay.url).await;
    app.click("sharing-share").await;
    app.wait("sharing-code-dialog").await;
    let code = app.value("sharing-new-code").await;
    assert!(code.starts_with(&relay.url), "{code} names the relay");
    assert!(code.contains('#'), "{code} names the community");
    app.click("sharing-new-copy").await;
    app.wait_text("toast-message", "to say the code was copied", |t| {
        t.contains("Join code copied")
    })
    .await;
    app.screenshot("sharing-03-code").await;
    app.click("sharing-done").await;
    app.wait_gone("sharing-code-dialog").await;
    let synced = indicator(&app, "in_step").await;
    assert_eq!(synced.trim(), "Synced");
    app.wait_text("sharing-state", "to say synced", |t| t.contains("Synced"))
        .await;
    assert_eq!(app.value("sharing-code").await, code);
    scroll_into_view(&app, "sharing").await;
    app.screenshot("sharing-04-synced").await;

    // ---- A co-organizer on the command line joins, adds people, syncs: they appear here ----
    other(&app, &other_dir, &["join", &code]);
    std::fs::write(
        &people,
        "Name,Email\nAnna Petrova,anna@example.org\nBoris Ivanov,boris@example.org\n",
    )
    .expect("write the people");
    other(
        &app,
        &other_dir,
        &["import", "members", people.to_str().expect("a path")],
    );
    app.click("nav-members").await;
    app.wait("members-add").await;
    let sent = Instant::now();
    other(&app, &other_dir, &["sync", "--once"]);
    wait_roster(&app, &["Anna Petrova", "Boris Ivanov"]).await;
    eprintln!(
        "[e2e] the co-organizer's people shown {:?} after their sync",
        sent.elapsed()
    );
    app.screenshot("sharing-05-roster-from-elsewhere").await;

    // ---- An event added elsewhere appears in the open calendar, which stays on its month ---
    app.click("nav-calendar").await;
    app.wait("calendar-grid").await;
    app.click("calendar-next").await;
    let next_day = app
        .exec(
            "const d = new Date(); const n = new Date(d.getFullYear(), d.getMonth() + 1, 15);
             return `${n.getFullYear()}${String(n.getMonth() + 1).padStart(2, '0')}15`;",
            vec![],
        )
        .await;
    let next_day = next_day.as_str().expect("a day").to_string();
    let month = app
        .eventually("the next month shown", || async {
            let title = app.text("calendar-title").await;
            (!title.is_empty()).then_some(title)
        })
        .await;
    let ics = app.root().join("elsewhere.ics");
    std::fs::write(
        &ics,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//e2e//EN\r\nBEGIN:VEVENT\r\n\
             UID:from-elsewhere@example.org\r\nDTSTAMP:20261201T000000Z\r\n\
             DTSTART:{next_day}T180000Z\r\nDTEND:{next_day}T200000Z\r\n\
             SUMMARY:Meetup from elsewhere\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    )
    .expect("write the calendar");
    other(
        &app,
        &other_dir,
        &["import", "events", ics.to_str().expect("a path")],
    );
    other(&app, &other_dir, &["sync", "--once"]);
    app.eventually("the event from elsewhere in the open month", || async {
        let titles = app
            .exec(
                "return [...document.querySelectorAll('.hearth-event-title')].map((e) => e.textContent);",
                vec![],
            )
            .await;
        (titles == json!(["Meetup from elsewhere"])).then_some(())
    })
    .await;
    assert_eq!(
        app.text("calendar-title").await,
        month,
        "the calendar stays on the month it showed"
    );
    app.screenshot("sharing-05b-calendar-from-elsewhere").await;

    // ---- A second window, in Russian, joins from the code ----------------------------------
    let russian = Harness::builder("sharing-ru").locale("ru_RU.UTF-8").build();
    let backups = russian.data_dir().join("backups");
    let second = russian.launch().await;
    second.wait("welcome").await;
    second.click("welcome-join").await;
    second.wait("join-dialog").await;
    second
        .type_text("join-code", "ws://192.168.1.20:3030")
        .await;
    second.click("join-submit").await;
    let refused = second
        .wait_text("join-code-error", "to refuse the code", |t| {
            !t.trim().is_empty()
        })
        .await;
    assert!(refused.contains("Это не код"), "{refused}");
    second.screenshot("sharing-06-ru-join-refused").await;
    second.type_text("join-code", &code).await;
    second.click("join-submit").await;
    second.wait_gone("join-dialog").await;
    second.wait("charter-form").await;
    assert_eq!(second.value("charter-name").await, "Guild");
    assert!(
        std::fs::read_dir(&backups).map(|d| d.count()).unwrap_or(0) >= 1,
        "a backup was made before joining"
    );
    let synced = indicator(&second, "in_step").await;
    assert_eq!(synced.trim(), "Синхронизировано");
    second.click("sync-indicator").await;
    second
        .wait_text("sharing-state", "to say synced", |t| {
            t.contains("Синхронизировано")
        })
        .await;
    second.screenshot("sharing-07-ru-joined").await;
    second.click("sharing-change").await;
    second.wait("sharing-dialog").await;
    second.screenshot("sharing-08-ru-dialog").await;
    second.click("sharing-cancel").await;
    second.wait_gone("sharing-dialog").await;

    // ---- A task ticked in the first window is ticked in the second ------------------------
    const TASK: &str = "Formulate the mission clearly";
    second.click("nav-plan").await;
    second.wait("plan-board").await;
    assert!(!task_done(&second, TASK).await, "not done yet");
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let check = task_part(&app, TASK, "plan-task-check").await;
    app.click_element(&check, "the task's checkbox").await;
    let ticked = Instant::now();
    second
        .eventually("the task ticked in the second window", || async {
            task_done(&second, TASK).await.then_some(())
        })
        .await;
    eprintln!(
        "[e2e] the tick shown in the second window {:?} after the click",
        ticked.elapsed()
    );
    second.screenshot("sharing-08b-ru-task-ticked").await;
    second.click("nav-charter").await;
    second.wait("charter-form").await;

    // ---- The charter renamed in the first window shows in the second, and elsewhere ---------
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.type_text("charter-name", "Guild of Lisbon").await;
    app.click("charter-save").await;
    let renamed = Instant::now();
    second
        .eventually("the second window to show the new name", || async {
            (second.value("charter-name").await == "Guild of Lisbon").then_some(())
        })
        .await;
    eprintln!(
        "[e2e] the rename shown in the second window {:?} after Save",
        renamed.elapsed()
    );
    second.click("nav-members").await;
    wait_roster(&second, &["Anna Petrova", "Boris Ivanov"]).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        other(&app, &other_dir, &["sync", "--once"]);
        let listed = other(&app, &other_dir, &["community", "list", "--json"]);
        if listed.contains("Guild of Lisbon") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the rename never reached the command line's copy: {listed}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }

    // ---- The relay gone: both say offline, and since when ----------------------------------
    let port: u16 = relay
        .url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("the relay's port");
    drop(relay);
    let offline = indicator(&app, "offline").await;
    assert!(offline.starts_with("Offline since"), "{offline}");
    app.wait("sharing-problem").await;
    scroll_into_view(&app, "sharing").await;
    app.screenshot("sharing-09-offline").await;
    let offline = indicator(&second, "offline").await;
    assert!(offline.starts_with("Нет связи с"), "{offline}");
    second.screenshot("sharing-10-ru-offline").await;

    // ---- Apart, both windows give a member another city, a task another owner and the
    // community another name: each clash is listed in the charter and marked where its field
    // is, with both values, one of them shown alike on both; each is settled at its field ---
    for (window, city) in [(&app, "Porto"), (&second, "Лиссабон")] {
        window.click("nav-members").await;
        window.open_member("Anna Petrova").await;
        window.click("member-edit").await;
        window.wait("member-dialog").await;
        window.type_text("member-city", city).await;
        window.click("member-save").await;
        window.wait_gone("member-dialog").await;
        window.click("nav-charter").await;
        window.wait("charter-form").await;
    }
    for (window, typed, owner) in [
        (&app, "anna", "Anna Petrova"),
        (&second, "bori", "Boris Ivanov"),
    ] {
        window.click("nav-plan").await;
        window.wait("plan-board").await;
        let title = task_part(window, TASK, "plan-task-title").await;
        window.click_element(&title, "the task's title").await;
        window.wait("task-dialog").await;
        window.pick_member("task-owner", typed, owner).await;
        window.click("task-save").await;
        window.wait_gone("task-dialog").await;
        window.click("nav-charter").await;
        window.wait("charter-form").await;
    }
    for (window, name) in [(&app, "Guild of Porto"), (&second, "Гильдия Лиссабона")]
    {
        window.type_text("charter-name", name).await;
        window.click("charter-save").await;
        window
            .wait_text("charter-status", "to say saved", |t| !t.is_empty())
            .await;
    }
    let relay = Relay::start_on(app.bin(), &app.root().join("relay"), port);
    for window in [&app, &second] {
        // Each tries again on its own, waiting longer after each failure (up to 30 s).
        let deadline = Instant::now() + Duration::from_secs(60);
        while listed_conflicts(window).await != 3 {
            assert!(Instant::now() < deadline, "the clashes were never listed");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    let shown = app.value("charter-name").await;
    assert!(
        shown == "Guild of Porto" || shown == "Гильдия Лиссабона",
        "one of them is shown: {shown}"
    );
    assert_eq!(
        second.value("charter-name").await,
        shown,
        "the same on both"
    );
    assert_eq!(
        field_mark(&app, "name").await,
        ["Keep “Guild of Porto”", "Keep “Гильдия Лиссабона”"],
        "the name is marked under it with both values"
    );
    assert_eq!(
        field_mark(&second, "name").await,
        ["Оставить «Guild of Porto»", "Оставить «Гильдия Лиссабона»"],
        "and in Russian in the other window"
    );
    scroll_into_view(&second, "charter-name").await;
    second.screenshot("sharing-11-ru-conflict").await;
    scroll_into_view(&app, "sharing-conflicts").await;
    app.screenshot("sharing-12-conflict-list").await;
    scroll_into_view(&app, "charter-name").await;
    app.screenshot("sharing-13-conflict-at-field").await;
    keep_at_field(&app, "name", "Guild of Porto").await;
    for window in [&app, &second] {
        window
            .eventually("the chosen name shown, and its mark gone", || async move {
                (window.value("charter-name").await == "Guild of Porto"
                    && field_mark(window, "name").await.is_empty()
                    && listed_conflicts(window).await == 2)
                    .then_some(())
            })
            .await;
    }

    // The owner: the plan's row is marked, and the task's dialog marks its owner field (named
    // `ownerName` in the form, `owner_member_id` in core: the mark finds it by its columns).
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.eventually("the task's row marked in the plan", || async {
        task_owner(&app, TASK).await.1.then_some(())
    })
    .await;
    let title = task_part(&app, TASK, "plan-task-title").await;
    app.click_element(&title, "the task's title").await;
    app.wait("task-dialog").await;
    assert_eq!(
        two_offered(&app, "ownerName").await,
        ["Keep “Anna Petrova”", "Keep “Boris Ivanov”"],
        "both owners offered, by name"
    );
    app.screenshot("sharing-14-owner-marked").await;
    keep_at_field(&app, "ownerName", "Boris Ivanov").await;
    app.eventually("the owner's mark gone", || async {
        field_mark(&app, "ownerName").await.is_empty().then_some(())
    })
    .await;
    app.click("task-cancel").await;
    app.wait_gone("task-dialog").await;
    second.click("nav-plan").await;
    second.wait("plan-board").await;
    for window in [&app, &second] {
        window
            .eventually("the kept owner on the plan, unmarked", || async move {
                (task_owner(window, TASK).await == ("Boris Ivanov".to_string(), false))
                    .then_some(())
            })
            .await;
    }
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    app.eventually("one clash left", || async {
        (listed_conflicts(&app).await == 1).then_some(())
    })
    .await;

    // The city: the roster's row is marked, and the member's page marks the field.
    second.click("nav-members").await;
    second
        .eventually("Anna's row marked in the roster", || async {
            let marked = second
                .exec(
                    "return [...document.querySelectorAll('[data-testid=members-row].has-conflict')]
                       .map((row) => row.querySelector('[data-testid=members-row-name]').textContent);",
                    vec![],
                )
                .await;
            (marked == json!(["Anna Petrova"])).then_some(())
        })
        .await;
    second.screenshot("sharing-15-ru-roster-marked").await;
    second.open_member("Anna Petrova").await;
    assert_eq!(
        two_offered(&second, "city").await,
        ["Оставить «Porto»", "Оставить «Лиссабон»"],
        "both cities offered"
    );
    second.screenshot("sharing-16-ru-member-marked").await;
    keep_at_field(&second, "city", "Лиссабон").await;
    for window in [&app, &second] {
        window
            .eventually(
                "the chosen city kept, and no conflict left",
                || async move {
                    (listed_conflicts(window).await == 0
                        && field_mark(window, "city").await.is_empty())
                    .then_some(())
                },
            )
            .await;
    }
    let city = second
        .exec(
            "return document.querySelector('[data-testid=member-page] [data-field=city] dd')?.textContent;",
            vec![],
        )
        .await;
    assert_eq!(city, json!("Лиссабон"), "the page shows the kept city");
    second.screenshot("sharing-17-ru-member-settled").await;

    // ---- Forgetting Anna says what shared copies keep, and she is gone from both ----------
    second.click("member-forget").await;
    second.wait("forget-dialog").await;
    second
        .eventually("the dialog to say the community is shared", || async {
            second.visible("forget-shared").await.then_some(())
        })
        .await;
    let said = second.text("forget-shared").await;
    assert!(said.contains("ретранслятор"), "{said}");
    second.screenshot("sharing-18-ru-forget-shared").await;
    second.click("forget-confirm").await;
    second.wait_gone("forget-dialog").await;
    wait_roster(&second, &["Boris Ivanov"]).await;
    app.click("nav-members").await;
    wait_roster(&app, &["Boris Ivanov"]).await;
    drop(relay);
    second.shutdown().await;
    app.shutdown().await;
}
