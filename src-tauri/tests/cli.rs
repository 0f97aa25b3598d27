//! The `hearth` command line as a script would use it: real binary, real data folder,
//! no display. Checks exit codes (0 / 1 / 2), `--json` output, and that bad input writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

mod common;

use common::{code, hearth, json, stderr};
use serde_json::Value;

#[test]
fn demo_then_check_reports_a_healthy_database() {
    let dir = tempfile::tempdir().unwrap();
    let demo = hearth(dir.path(), &["demo", "--json"]);
    assert_eq!(code(&demo), 0, "{}", stderr(&demo));
    assert_eq!(json(&demo)["name"], "Lisbon Data Engineers");

    let check = hearth(dir.path(), &["check", "--json"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    let report = json(&check);
    assert_eq!(report["ok"], true);
    assert_eq!(report["integrityCheck"][0], "ok");
    assert_eq!(report["foreignKeyViolations"], 0);
}

#[test]
fn community_create_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let created = hearth(
        dir.path(),
        &[
            "community",
            "create",
            "--name",
            "Казанский Rust",
            "--template",
            "ru",
            "--time-zone",
            "Europe/Moscow",
            "--json",
        ],
    );
    assert_eq!(code(&created), 0, "{}", stderr(&created));
    assert_eq!(json(&created)["locale"], "ru");

    let list = hearth(dir.path(), &["community", "list", "--json"]);
    let list = json(&list);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "Казанский Rust");

    let text = hearth(dir.path(), &["community", "list"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Казанский Rust"));
}

#[test]
fn a_launch_date_gives_the_plan_due_dates_printed_as_the_app_writes_dates() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad = hearth(
        &data,
        &[
            "community",
            "create",
            "--name",
            "Guild",
            "--launch-date",
            "15.09.2026",
            "--json",
        ],
    );
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
    let err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["error"]["field"], "launchDate");
    assert!(!data.exists(), "nothing was written");

    common::ok(
        &data,
        &[
            "community",
            "create",
            "--name",
            "Guild",
            "--time-zone",
            "UTC",
            "--launch-date",
            "2026-09-15",
        ],
    );
    // The first task, the mission, falls due eight weeks before the launch: 21 July 2026.
    for (system, due) in [
        ("en_GB.UTF-8", "21/07/2026"),
        ("en_US.UTF-8", "7/21/2026"),
        ("ru_RU.UTF-8", "21.07.2026"),
    ] {
        let printed = common::command(&data, &["print", "plan"])
            .env("LC_ALL", system)
            .output()
            .unwrap();
        assert_eq!(code(&printed), 0, "{}", stderr(&printed));
        let html = String::from_utf8_lossy(&printed.stdout).replace("&#x2f;", "/");
        assert!(html.contains(due), "{system}: {due}");
        assert!(html.contains("Stage 1. Define the goal"), "{system}");
    }
}

#[test]
fn bad_input_exits_2_with_a_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for args in [
        &["community", "create", "--name", "  "][..],
        &["community", "create", "--name", "Guild", "--template", "de"],
        &[
            "community",
            "create",
            "--name",
            "Guild",
            "--time-zone",
            "Mars/Olympus",
        ],
        &["demo", "--locale", "fr"],
        &["no-such-command"],
    ] {
        let out = hearth(&data, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).trim().is_empty(), "{args:?} explains itself");
    }
    let long_name = "x".repeat(201);
    let out = hearth(
        &data,
        &["community", "create", "--name", &long_name, "--json"],
    );
    assert_eq!(code(&out), 2);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert_eq!(err["error"]["rule"], "too_long");
    assert_eq!(err["error"]["limit"], 200);
    assert!(!data.exists(), "nothing was written");
}

#[test]
fn restore_refuses_a_file_that_is_not_a_hearth_backup() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&hearth(dir.path(), &["demo"])), 0);
    let before = json(&hearth(dir.path(), &["community", "list", "--json"]));

    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "name,email\nAnna,anna@example.org\n").unwrap();
    let out = hearth(dir.path(), &["restore", junk.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a usable Hearth backup"),
        "{}",
        stderr(&out)
    );

    let missing = hearth(dir.path(), &["restore", "/no/such/backup.sqlite3"]);
    assert_eq!(code(&missing), 2);

    assert_eq!(
        json(&hearth(dir.path(), &["community", "list", "--json"])),
        before
    );
}

#[test]
fn backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        code(&hearth(
            dir.path(),
            &["community", "create", "--name", "First"]
        )),
        0
    );
    let out_file = dir.path().join("copy.sqlite3");
    let backup = hearth(dir.path(), &["backup", "--out", out_file.to_str().unwrap()]);
    assert_eq!(code(&backup), 0, "{}", stderr(&backup));
    assert!(out_file.is_file());

    assert_eq!(
        code(&hearth(
            dir.path(),
            &["community", "create", "--name", "Second"]
        )),
        0
    );
    let restore = hearth(
        dir.path(),
        &["restore", out_file.to_str().unwrap(), "--json"],
    );
    assert_eq!(code(&restore), 0, "{}", stderr(&restore));
    assert_eq!(json(&restore)["ok"], true);

    let names = json(&hearth(dir.path(), &["community", "list", "--json"]));
    assert_eq!(names.as_array().unwrap().len(), 1);
    assert_eq!(names[0]["name"], "First");

    let listed = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(listed, 1, "the state before the restore was backed up");
}

#[test]
fn check_reports_a_damaged_database_with_exit_1_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&hearth(dir.path(), &["demo"])), 0);
    let db = dir.path().join("hearth.sqlite3");
    common::damage(&db);
    let bytes = std::fs::read(&db).unwrap();

    let check = hearth(dir.path(), &["check", "--json"]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    assert_eq!(json(&check)["ok"], false);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "check never changes the file"
    );

    let list = hearth(dir.path(), &["community", "list"]);
    assert_eq!(code(&list), 1);
    assert!(stderr(&list).contains("kept aside"), "{}", stderr(&list));
}

#[test]
fn check_without_a_database_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = hearth(&dir.path().join("empty"), &["check"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no Hearth database"));
}

#[test]
fn print_plan_writes_an_a4_document_in_the_communitys_language() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&hearth(dir.path(), &["demo", "--locale", "ru"])), 0);
    let out = dir.path().join("plan.html");
    let printed = hearth(
        dir.path(),
        &["print", "plan", "--out", out.to_str().unwrap()],
    );
    assert_eq!(code(&printed), 0, "{}", stderr(&printed));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        html.contains("<html lang=\"ru\"")
            && html.contains("Этап 4. Развитие")
            && html.contains("size: A4")
    );

    // With two communities, which one must be said.
    assert_eq!(code(&hearth(dir.path(), &["demo", "--locale", "en"])), 0);
    let ambiguous = hearth(dir.path(), &["print", "plan"]);
    assert_eq!(code(&ambiguous), 2);
    assert!(
        stderr(&ambiguous).contains("--community"),
        "{}",
        stderr(&ambiguous)
    );
    let en = hearth(dir.path(), &["print", "plan", "--community", "2"]);
    assert_eq!(code(&en), 0);
    assert!(String::from_utf8_lossy(&en.stdout).contains("Stage 4. Development"));
    assert_eq!(
        code(&hearth(dir.path(), &["print", "plan", "--community", "99"])),
        2
    );
}

#[test]
fn print_meetup_writes_each_variant_and_refuses_what_it_cannot_print() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&hearth(dir.path(), &["demo", "--locale", "en"])), 0);
    let listed = hearth(dir.path(), &["event", "list", "--json"]);
    let events = json(&listed);
    // The demo's meetups each have an agenda, roles and answers.
    let meetup = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Monthly meetup" && e["status"] == "confirmed")
        .expect("a confirmed meetup");
    let id = meetup["id"].to_string();
    for (variant, holds, lacks) in [
        (
            "full",
            ["Agenda", "Check-in", "Code of conduct"],
            "class=\"wall\"",
        ),
        (
            "agenda",
            ["Agenda", "Roles", "class=\"wall\""],
            "<h2>Check-in</h2>",
        ),
        (
            "checkin",
            ["Check-in", "Walk-in", "Check-in sheet"],
            "<h2>Agenda</h2>",
        ),
    ] {
        let out = dir.path().join(format!("{variant}.html"));
        let printed = hearth(
            dir.path(),
            &[
                "print",
                "meetup",
                &id,
                "--variant",
                variant,
                "--paper",
                "letter",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(code(&printed), 0, "{}", stderr(&printed));
        let html = std::fs::read_to_string(&out).unwrap();
        assert!(html.contains("size: letter"), "{variant}");
        for text in holds {
            assert!(html.contains(text), "{variant}: {text}");
        }
        assert!(!html.contains(lacks), "{variant}: {lacks}");
    }
    let unknown = hearth(dir.path(), &["print", "meetup", "99999"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("event 99999 does not exist"),
        "{}",
        stderr(&unknown)
    );
    assert_eq!(
        code(&hearth(
            dir.path(),
            &["print", "meetup", &id, "--variant", "poster"]
        )),
        2
    );
}

#[test]
fn report_metrics_names_each_metric_by_key_and_refuses_a_reversed_range() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&hearth(dir.path(), &["demo", "--locale", "en"])), 0);
    let reported = hearth(dir.path(), &["report", "metrics", "--format", "json"]);
    assert_eq!(code(&reported), 0, "{}", stderr(&reported));
    let report = json(&reported);
    // The demo community has members, events and feedback: the usual figures are numbers.
    for key in [
        "members_total",
        "active_members",
        "average_attendance",
        "nps",
    ] {
        let value = &report["metrics"][key]["current"]["value"];
        assert!(value.is_number(), "{key}: {value}");
    }
    assert_eq!(report["months"].as_array().unwrap().len(), 12);

    let out = dir.path().join("metrics.csv");
    let written = hearth(
        dir.path(),
        &[
            "report",
            "metrics",
            "--from",
            "2020-01-01",
            "--to",
            "2020-03-31",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    let csv = std::fs::read_to_string(&out).unwrap();
    // Long before the community: nobody, so no share can be computed.
    assert!(
        csv.contains("current,engagement_rate,quantitative,share,—,—,0,yes"),
        "{csv}"
    );
    assert!(!csv.contains("NaN") && !csv.contains("inf"));

    let page = dir.path().join("metrics.html");
    let printed = hearth(
        dir.path(),
        &[
            "report",
            "metrics",
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&printed), 0, "{}", stderr(&printed));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Metrics report") && html.contains("Who comes back"));
    assert!(!html.contains("NaN"));

    let reversed = hearth(
        dir.path(),
        &[
            "report",
            "metrics",
            "--from",
            "2026-03-01",
            "--to",
            "2026-02-01",
        ],
    );
    assert_eq!(code(&reversed), 2);
    assert!(
        stderr(&reversed).contains("before it starts"),
        "{}",
        stderr(&reversed)
    );
    let unreadable = hearth(dir.path(), &["report", "metrics", "--to", "soon"]);
    assert_eq!(code(&unreadable), 2);
}

/// The members of the only community as `hearth export members --format csv` prints them.
fn exported_csv(dir: &std::path::Path) -> String {
    let out = common::ok(dir, &["export", "members", "--format", "csv"]);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn import_members_names_each_problem_and_writes_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::ok(
        &data,
        &[
            "community",
            "create",
            "--name",
            "Казанский Rust",
            "--template",
            "ru",
        ],
    );
    let bad = dir.path().join("участники.csv");
    std::fs::write(
        &bad,
        "ФИО;Электронная почта;Телефон;Дата регистрации\n\
         Пётр Ёлкин;petr@example.ru;8 917 123-45-67;25.03.2026\n\
         Анна Смирнова;anna at example;;01.02.2026\n\
         Борис;boris@example.ru;;31.02.2026\n",
    )
    .unwrap();
    let header_only = exported_csv(&data);
    assert_eq!(header_only.lines().count(), 1);

    let refused = hearth(&data, &["import", "members", bad.to_str().unwrap()]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("2 problems; nothing was imported"),
        "{message}"
    );
    assert!(
        message.contains(
            "row 3, column 2 (Электронная почта): \"anna at example\" is not an email address"
        ),
        "{message}"
    );
    assert!(
        message.contains("row 4, column 4 (Дата регистрации)"),
        "{message}"
    );
    assert_eq!(exported_csv(&data), header_only, "not even the good row");

    let refused = hearth(
        &data,
        &["import", "members", bad.to_str().unwrap(), "--json"],
    );
    assert_eq!(code(&refused), 2);
    let err: Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert_eq!(err["error"]["field"], "file");

    let good = dir.path().join("good.csv");
    let text = std::fs::read_to_string(&bad).unwrap();
    let fixed = text
        .replace("anna at example", "anna@example.ru")
        .replace("31.02.2026", "28.02.2026");
    std::fs::write(&good, fixed).unwrap();
    let dry = common::ok(
        &data,
        &[
            "import",
            "members",
            good.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    let preview = json(&dry);
    assert_eq!(
        (preview["rowCount"].as_u64(), preview["add"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(preview["delimiter"], "semicolon");
    assert_eq!(exported_csv(&data), header_only, "a dry run writes nothing");

    let done = common::ok(
        &data,
        &["import", "members", good.to_str().unwrap(), "--json"],
    );
    assert_eq!(json(&done)["added"], 3);
    let csv = exported_csv(&data);
    assert!(
        csv.contains("Пётр Ёлкин,petr@example.ru,8 917 123-45-67,"),
        "{csv}"
    );
    assert!(csv.contains(",2026-02-28,"), "{csv}");

    // The same file again: everyone is there already.
    let again = common::ok(&data, &["import", "members", good.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("added 0, merged 0, skipped 3"), "{text}");
    assert!(
        text.contains("row 2: Пётр Ёлкин duplicates member"),
        "{text}"
    );
}

#[test]
fn us_dates_are_read_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::ok(&data, &["community", "create", "--name", "Guild"]);
    let file = dir.path().join("luma.csv");
    std::fs::write(&file, "name,email,Joined\nAna,ana@example.org,03/25/2026\n").unwrap();
    let refused = hearth(&data, &["import", "members", file.to_str().unwrap()]);
    assert_eq!(code(&refused), 2);
    assert!(
        stderr(&refused).contains("--us-dates"),
        "{}",
        stderr(&refused)
    );
    common::ok(
        &data,
        &["import", "members", file.to_str().unwrap(), "--us-dates"],
    );
    assert!(exported_csv(&data).contains(",2026-03-25,"));
}

#[test]
fn exported_members_import_into_another_copy_as_the_same_members() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    for data in [&first, &second] {
        common::ok(data, &["community", "create", "--name", "Guild"]);
    }
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "Full name,E-mail,Company,Tags,Level,Notes\n\
         \"Ana Ribeiro, Jr.\",ana@example.org,Farfetch,\"Rust, Kafka\",experienced,\"two\nlines\"\n\
         Пётр Ёлкин,petr@example.ru,Яндекс,,newcomer,\n",
    )
    .unwrap();
    common::ok(&first, &["import", "members", people.to_str().unwrap()]);

    let vcf = dir.path().join("members.vcf");
    let wrote = common::ok(
        &first,
        &[
            "export",
            "members",
            "--format",
            "vcf",
            "--out",
            vcf.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&wrote.stdout).contains("wrote 2 members"));
    assert!(std::fs::read_to_string(&vcf)
        .unwrap()
        .starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    common::ok(&second, &["import", "members", vcf.to_str().unwrap()]);
    assert_eq!(
        exported_csv(&second),
        exported_csv(&first),
        "every field and uid came through"
    );

    let excel = dir.path().join("excel.csv");
    common::ok(
        &first,
        &[
            "export",
            "members",
            "--format",
            "csv",
            "--bom",
            "--out",
            excel.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&excel)
        .unwrap()
        .starts_with(b"\xEF\xBB\xBFName,Email,"));

    let onto_db = first.join("hearth.sqlite3");
    let refused = hearth(
        &first,
        &[
            "export",
            "members",
            "--format",
            "csv",
            "--out",
            onto_db.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    let bad_format = hearth(&first, &["export", "members", "--format", "xlsx"]);
    assert_eq!(code(&bad_format), 2);
}

#[test]
fn member_list_prints_the_roster_one_member_a_line_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let none = hearth(&data, &["member", "list", "--json"]);
    assert_eq!(code(&none), 2, "no database: nothing to list");
    assert!(
        !data.join("hearth.sqlite3").exists(),
        "and none was created"
    );

    common::ok(
        &data,
        &[
            "community",
            "create",
            "--name",
            "Гильдия",
            "--template",
            "ru",
        ],
    );
    let empty = common::ok(&data, &["member", "list"]);
    assert!(String::from_utf8_lossy(&empty.stdout).contains("no members yet"));
    let file = dir.path().join("members.csv");
    std::fs::write(
        &file,
        "ФИО;Электронная почта;Компания\n\
         Пётр Ёлкин;petr@example.ru;Яндекс\n\
         Ana Ribeiro;ana@example.org;Farfetch\n\
         Борис Козлов;;\n",
    )
    .unwrap();
    common::ok(&data, &["import", "members", file.to_str().unwrap()]);

    let listed = json(&common::ok(&data, &["member", "list", "--json"]));
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana Ribeiro", "Борис Козлов", "Пётр Ёлкин"]);
    assert_eq!(listed[0]["email"], "ana@example.org");
    assert_eq!(listed[0]["engagementLevel"], "observer");

    let text = common::ok(&data, &["member", "list"]);
    let text = String::from_utf8(text.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("Ana Ribeiro <ana@example.org>  Farfetch"),
        "{text}"
    );
    assert!(lines[2].contains("Пётр Ёлкин"), "{text}");

    let found = json(&common::ok(
        &data,
        &["member", "list", "--search", "ЕЛКИН", "--json"],
    ));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["name"], "Пётр Ёлкин");

    common::ok(&data, &["community", "create", "--name", "Second"]);
    let which = hearth(&data, &["member", "list", "--json"]);
    assert_eq!(code(&which), 2, "two communities: which one?");
    let err: Value = serde_json::from_slice(&which.stderr).unwrap();
    assert_eq!(err["error"]["field"], "community");
    let second: Vec<Value> = json(&common::ok(&data, &["community", "list", "--json"]))
        .as_array()
        .unwrap()
        .clone();
    let id = second.iter().find(|c| c["name"] == "Second").unwrap()["id"].to_string();
    let other = json(&common::ok(
        &data,
        &["member", "list", "--community", &id, "--json"],
    ));
    assert_eq!(other.as_array().unwrap().len(), 0);
}

#[test]
fn event_list_prints_each_event_in_its_zone_and_filters_by_day() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let none = hearth(&data, &["event", "list"]);
    assert_eq!(code(&none), 2, "no database: nothing to list");
    assert!(
        !data.join("hearth.sqlite3").exists(),
        "and none was created"
    );

    // A database of schema 5: the sample community (Moscow time) has one event and a series
    // of three monthly webinars.
    std::fs::create_dir_all(&data).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/schema-v5.sqlite3");
    std::fs::copy(fixture, data.join("hearth.sqlite3")).unwrap();

    let text = common::ok(&data, &["event", "list", "--community", "1"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(
            "2026-12-10 19:00–22:00 Europe/Moscow  Митап дата-инженеров №12  meetup, confirmed"
        ),
        "{text}"
    );
    let listed = json(&common::ok(
        &data,
        &["event", "list", "--community", "1", "--json"],
    ));
    assert_eq!(listed[0]["startsAt"], "2026-12-10T16:00:00Z", "{listed}");
    assert_eq!(listed[0]["start"], "2026-12-10T19:00");
    assert_eq!(listed[0]["uid"].as_str().unwrap().len(), 36);

    let that_day = json(&common::ok(
        &data,
        &[
            "event",
            "list",
            "--community",
            "1",
            "--from",
            "2026-12-10",
            "--to",
            "2026-12-10",
            "--json",
        ],
    ));
    assert_eq!(that_day.as_array().unwrap().len(), 1);
    let after = common::ok(
        &data,
        &["event", "list", "--community", "1", "--from", "2026-12-11"],
    );
    let after = String::from_utf8(after.stdout).unwrap();
    assert_eq!(after.lines().count(), 3, "{after}");
    assert!(
        after
            .lines()
            .all(|l| l.contains("Вебинар: данные в проде  webinar, planned  series 1")),
        "{after}"
    );
    let later = common::ok(
        &data,
        &["event", "list", "--community", "1", "--from", "2027-04-01"],
    );
    assert!(String::from_utf8_lossy(&later.stdout).contains("no events"));

    for (args, field) in [
        (vec!["--from", "10.12.2026"], "from"),
        (vec!["--from", "2026-12-10", "--to", "2026-12-01"], "to"),
    ] {
        let mut all = vec!["event", "list", "--community", "1", "--json"];
        all.extend(args);
        let out = hearth(&data, &all);
        assert_eq!(code(&out), 2, "{all:?}");
        let error: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
        assert_eq!(error["error"]["field"], field, "{error}");
    }
    let unknown = hearth(&data, &["event", "list", "--community", "9"]);
    assert_eq!(code(&unknown), 2, "an unknown community");
}

#[test]
fn import_events_from_ics_then_export_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::ok(
        &data,
        &[
            "community",
            "create",
            "--name",
            "Berlin Rust",
            "--template",
            "en",
        ],
    );
    let file = dir.path().join("season.ics");
    let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
        BEGIN:VEVENT\r\nUID:season-1@example.org\r\n\
        DTSTART;TZID=W. Europe Standard Time:20270114T190000\r\n\
        DTEND;TZID=W. Europe Standard Time:20270114T210000\r\n\
        RRULE:FREQ=MONTHLY;BYDAY=2TH;COUNT=4\r\nSUMMARY:Rust evening\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    std::fs::write(&file, calendar).unwrap();
    let cut = dir.path().join("cut.ics");
    std::fs::write(&cut, &calendar[..calendar.find("END:VEVENT").unwrap()]).unwrap();

    let refused = hearth(&data, &["import", "events", cut.to_str().unwrap()]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("line 3: BEGIN:VEVENT is never closed: the file was cut short"),
        "{}",
        stderr(&refused)
    );
    let dry = common::ok(
        &data,
        &[
            "import",
            "events",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(json(&dry)["occurrences"], 4);
    assert_eq!(json(&dry)["written"], false);
    let listed = common::ok(&data, &["event", "list", "--json"]);
    assert_eq!(
        json(&listed).as_array().map(Vec::len),
        Some(0),
        "a dry run writes nothing"
    );

    common::ok(&data, &["import", "events", file.to_str().unwrap()]);
    let again = common::ok(
        &data,
        &["import", "events", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        (
            json(&again)["added"].as_u64(),
            json(&again)["updated"].as_u64()
        ),
        (Some(0), Some(1))
    );
    let listed = json(&common::ok(&data, &["event", "list", "--json"]));
    let starts: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2027-01-14T19:00",
            "2027-02-11T19:00",
            "2027-03-11T19:00",
            "2027-04-08T19:00"
        ]
    );
    assert_eq!(listed[0]["timeZone"], "Europe/Berlin");

    let out = dir.path().join("export.ics");
    common::ok(
        &data,
        &[
            "export",
            "events",
            "--format",
            "ics",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("UID:season-1@example.org\r\n"),
        "{written}"
    );
    assert!(
        written.contains("RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=2TH\r\n"),
        "{written}"
    );
    assert!(
        written.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"),
        "{written}"
    );
    let wrong = hearth(&data, &["export", "events", "--format", "csv"]);
    assert_eq!(code(&wrong), 2);
}
