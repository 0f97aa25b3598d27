//! The data-safety promises, kept by the real binary with no display: every command that
//! said it succeeded left its data in the live database or in a backup, whatever order
//! restores, backups, start-ups, kills and other processes came in. Each test names the
//! problem it guards against, as found by a probe of faults on an earlier Hearth, with its
//! item number in the data-safety issue; each fails on that Hearth (`HEARTH_BIN=…`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{backups, code, command, damage, hearth, json, names, names_in, ok, stderr};

fn create(dir: &Path, name: &str) {
    ok(
        dir,
        &["community", "create", "--name", name, "--time-zone", "UTC"],
    );
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every community name found in the live database or any backup.
fn everywhere(dir: &Path) -> Vec<String> {
    let mut all = names(dir);
    for b in backups(dir) {
        all.extend(names_in(&b));
    }
    all
}

/// Item 1: Restoring the oldest backup of the folder removed it (rotation) and then failed.
#[test]
fn restoring_the_oldest_backup_in_the_folder_works_and_keeps_it() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    for n in ["B1", "B2", "B3"] {
        create(dir, n);
        ok(dir, &["backup"]);
    }
    create(dir, "B4");
    let oldest = backups(dir).into_iter().next().unwrap();
    let out = ok(dir, &["restore", path(&oldest)]);
    assert!(oldest.is_file(), "the restored backup is still there");
    assert_eq!(names(dir), ["B1"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("before-restore"));
    assert!(
        everywhere(dir).contains(&"B4".to_string()),
        "B4 is kept in a backup"
    );
}

/// Item 2: Revision numbers repeated after a restore, so the next restore skipped its safety
/// backup and the writes made in between existed nowhere.
#[test]
fn writes_between_two_restores_of_one_file_are_kept() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    create(dir, "A");
    let r1 = d.path().join("r1.sqlite3");
    ok(dir, &["backup", "--out", path(&r1)]);
    for n in ["B", "C", "D", "E"] {
        create(dir, n);
    }
    ok(dir, &["backup"]);
    ok(dir, &["restore", path(&r1)]);
    for n in ["F", "G", "H", "I"] {
        create(dir, n);
    }
    ok(dir, &["restore", path(&r1)]);
    assert_eq!(names(dir), ["A"]);
    let all = everywhere(dir);
    for n in ["B", "C", "D", "E", "F", "G", "H", "I"] {
        assert!(
            all.contains(&n.to_string()),
            "{n} exists somewhere: {all:?}"
        );
    }
}

/// Items 5 and 6: A restore took a backup with a trigger, without `meta`, with a view for a
/// table, or claiming an older version with tables that do not match; `check` called them ok.
#[test]
fn tampered_backups_are_refused_by_restore_and_check() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    create(dir, "Kept");
    let before = std::fs::read(dir.join("hearth.sqlite3")).unwrap();
    for (i, sql) in [
        "CREATE TRIGGER eat AFTER INSERT ON communities BEGIN DELETE FROM communities; END;",
        "DROP TABLE meta;",
        "DROP TABLE platforms; CREATE VIEW platforms AS SELECT 1 AS id;",
        "PRAGMA user_version = 1;",
    ]
    .iter()
    .enumerate()
    {
        let bad = d.path().join(format!("bad{i}.sqlite3"));
        ok(dir, &["backup", "--out", path(&bad)]);
        let conn = rusqlite::Connection::open(&bad).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);

        let out = hearth(dir, &["restore", path(&bad)]);
        assert_eq!(code(&out), 2, "{sql}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not a usable Hearth backup"),
            "{}",
            stderr(&out)
        );

        // The same file as a data folder's database: check reports it, exit 1.
        let other = d.path().join(format!("other{i}"));
        std::fs::create_dir(&other).unwrap();
        std::fs::copy(&bad, other.join("hearth.sqlite3")).unwrap();
        let check = hearth(&other, &["check", "--json"]);
        assert_eq!(
            code(&check),
            1,
            "{sql}: check says {}",
            String::from_utf8_lossy(&check.stdout)
        );
        assert_eq!(json(&check)["ok"], false);
    }
    assert_eq!(
        std::fs::read(dir.join("hearth.sqlite3")).unwrap(),
        before,
        "unchanged"
    );
    assert!(
        backups(dir).is_empty(),
        "a refused restore writes no backup"
    );
    create(dir, "Later");
    assert_eq!(names(dir), ["Kept", "Later"], "everything works afterwards");
}

/// Item 7: A create that succeeded between the safety backup and the page copy of a restore was
/// in neither.
#[test]
fn creates_racing_a_restore_are_never_lost() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().to_path_buf();
    create(&dir, "Old");
    let old = d.path().join("old.sqlite3");
    ok(&dir, &["backup", "--out", path(&old)]);
    let deadline = Instant::now() + Duration::from_secs(4);
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut confirmed = Vec::new();
                let mut i = 0;
                while Instant::now() < deadline {
                    let name = format!("w{w}-{i}");
                    let out = hearth(
                        &dir,
                        &["community", "create", "--name", &name, "--time-zone", "UTC"],
                    );
                    if code(&out) == 0 {
                        confirmed.push(name);
                    }
                    i += 1;
                }
                confirmed
            })
        })
        .collect();
    let mut restores = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(300));
        let out = hearth(&dir, &["restore", path(&old)]);
        if code(&out) == 0 {
            restores += 1;
        }
    }
    let confirmed: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(restores >= 3, "restores ran: {restores}");
    assert!(confirmed.len() >= 10, "creates ran: {}", confirmed.len());
    let all = everywhere(&dir);
    let lost: Vec<_> = confirmed.iter().filter(|n| !all.contains(n)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} confirmed creates lost: {lost:?}",
        lost.len(),
        confirmed.len()
    );
}

fn start_many(dir: &Path, round: usize) -> Vec<(String, Child)> {
    (0..8)
        .map(|i| {
            let name = format!("p{round}-{i}");
            let child = command(
                dir,
                &["community", "create", "--name", &name, "--time-zone", "UTC"],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
            (name, child)
        })
        .collect()
}

/// Item 3: Several processes at once on a new folder: one set the half-made file aside as
/// damaged, another failed on "table meta already exists", a create that said 0 was lost.
#[test]
fn eight_processes_on_a_new_folder_never_fail_or_lose_a_write() {
    let started = Instant::now();
    let mut rounds = 0;
    while rounds < 20 || (rounds < 40 && started.elapsed() < Duration::from_secs(20)) {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("data");
        let mut expected = Vec::new();
        for (name, child) in start_many(&dir, rounds) {
            let out = child.wait_with_output().unwrap();
            assert_eq!(code(&out), 0, "round {rounds}, {name}: {}", stderr(&out));
            expected.push(name);
        }
        let mut found = names(&dir);
        found.sort();
        expected.sort();
        assert_eq!(
            found, expected,
            "round {rounds}: every confirmed create is there"
        );
        let stray: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.contains("damaged") || n.contains("partial"))
            .collect();
        assert!(stray.is_empty(), "round {rounds}: {stray:?}");
        rounds += 1;
    }
}

/// Item 4: Several processes at once on a damaged database: a later one set another's fresh
/// database aside under the same name, replacing the damaged original.
#[test]
fn eight_processes_on_a_damaged_database_keep_the_original() {
    let started = Instant::now();
    let mut rounds = 0;
    while rounds < 20 || (rounds < 40 && started.elapsed() < Duration::from_secs(20)) {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().to_path_buf();
        create(&dir, "Before");
        let db = dir.join("hearth.sqlite3");
        damage(&db);
        let original = std::fs::read(&db).unwrap();
        let mut confirmed = Vec::new();
        let mut told = 0;
        for (name, child) in start_many(&dir, rounds) {
            let out = child.wait_with_output().unwrap();
            match code(&out) {
                0 => confirmed.push(name),
                1 if stderr(&out).contains("kept aside") => told += 1,
                other => panic!("round {rounds}, {name}: exit {other}: {}", stderr(&out)),
            }
        }
        assert_eq!(
            told, 1,
            "round {rounds}: one process found the damage and said so"
        );
        let aside: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.contains("damaged") && !n.ends_with("-wal") && !n.ends_with("-shm")
            })
            .collect();
        assert_eq!(aside.len(), 1, "round {rounds}: {aside:?}");
        assert_eq!(
            std::fs::read(&aside[0]).unwrap(),
            original,
            "round {rounds}: byte for byte"
        );
        let mut found = names(&dir);
        found.sort();
        confirmed.sort();
        assert_eq!(
            found, confirmed,
            "round {rounds}: every confirmed create is there"
        );
        rounds += 1;
    }
}

/// Item 8: A backup killed midway left its `.partial` file behind, forever.
#[test]
fn killed_backups_leave_nothing_behind() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    ok(dir, &["demo"]);
    // Enough data that a backup takes a while: a kill lands inside it now and then.
    let conn = rusqlite::Connection::open(dir.join("hearth.sqlite3")).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO settings SELECT 'bulk' || i, hex(randomblob(200)) FROM n;",
    )
    .unwrap();
    drop(conn);
    // Kills spread over the whole run of a backup, measured first.
    let start = Instant::now();
    ok(dir, &["backup"]);
    let whole = start.elapsed();
    for round in 0..30u32 {
        let mut child = command(dir, &["backup"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * (round + 5) / 34);
        let _ = child.kill();
        let _ = child.wait();
    }
    ok(dir, &["backup"]);
    let partial: Vec<_> = [dir.to_path_buf(), dir.join("backups")]
        .iter()
        .flat_map(|p| std::fs::read_dir(p).unwrap())
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(partial.is_empty(), "{partial:?}");
    let db_size = std::fs::metadata(dir.join("hearth.sqlite3")).unwrap().len();
    let total: u64 = backups(dir)
        .iter()
        .map(|b| std::fs::metadata(b).unwrap().len())
        .sum();
    assert!(
        total <= db_size * 31 + 1_000_000,
        "backups take {total} bytes"
    );
    assert_eq!(json(&ok(dir, &["check", "--json"]))["ok"], true);
}

/// Item 9: `print plan --out` onto the live database wrote HTML over it; a full disk left a
/// 0-byte file.
#[test]
fn out_never_writes_onto_the_database_or_its_backups() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    create(dir, "Safe");
    ok(dir, &["backup"]);
    let before = std::fs::read(dir.join("hearth.sqlite3")).unwrap();
    let backup = backups(dir).remove(0);
    let link = d.path().join("looks-fine.html");
    std::os::unix::fs::symlink(dir.join("hearth.sqlite3"), &link).unwrap();
    for out in [
        dir.join("hearth.sqlite3"),
        dir.join("hearth.sqlite3-wal"),
        backup.clone(),
        dir.join("backups/plan.html"),
        link,
    ] {
        for args in [
            &["print", "plan", "--out", path(&out)][..],
            &["backup", "--out", path(&out)],
        ] {
            let run = hearth(dir, args);
            assert_eq!(code(&run), 2, "{args:?}: {}", stderr(&run));
            assert!(
                stderr(&run).contains("write somewhere else"),
                "{}",
                stderr(&run)
            );
        }
    }
    assert_eq!(std::fs::read(dir.join("hearth.sqlite3")).unwrap(), before);
    assert_eq!(names_in(&backup), ["Safe"]);
    assert!(!dir.join("backups/plan.html").exists());
}

#[test]
fn a_full_disk_leaves_the_old_file_whole() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    ok(&dir, &["demo"]);
    let full = d.path().join("full");
    std::fs::create_dir(&full).unwrap();
    // A tiny file system of our own, in a mount namespace of our own: filled up, with an
    // earlier plan on it, then asked for a new plan.
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs {full} && printf old > {full}/plan.html && \
         (head -c 1000000 /dev/zero > {full}/filler 2>/dev/null; true) && \
         {bin} --data-dir {dir} print plan --out {full}/plan.html; echo \"exit=$?\"; \
         echo \"kept=$(cat {full}/plan.html)\"; ls -a {full}",
        full = path(&full),
        bin = common::bin().to_str().unwrap(),
        dir = path(&dir),
    );
    let out = std::process::Command::new("unshare")
        .args(["--map-root-user", "--mount", "sh", "-c", &script])
        .output()
        .expect("unshare runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("exit=1"), "a full disk is a failure: {said}");
    assert!(said.contains("kept=old"), "the old file is whole: {said}");
    assert!(!said.contains(".partial"), "no temporary file left: {said}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("No space left"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Item 10: `check` upgraded an older database in place, so its version check could never fail.
#[test]
fn check_reads_an_older_database_without_upgrading_it() {
    let d = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/schema-v1.sqlite3");
    let db = d.path().join("hearth.sqlite3");
    std::fs::copy(&fixture, &db).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = ok(d.path(), &["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("upgrades it to version"));
    let report = json(&ok(d.path(), &["check", "--json"]));
    assert_eq!(report["schemaVersion"], 1);
    assert_eq!(report["needsUpgrade"], true);
    assert_eq!(std::fs::read(&db).unwrap(), before, "byte for byte");
    assert!(backups(d.path()).is_empty());
    // Opening it for real upgrades it, after keeping the old version.
    assert_eq!(names(d.path()).len(), 2);
    assert_eq!(
        json(&ok(d.path(), &["check", "--json"]))["needsUpgrade"],
        false
    );
    assert_eq!(backups(d.path()).len(), 1);
}

/// Item 14: The small ones: a closed pipe, plain-text argument errors under --json, control
/// characters in names, files created by a command that refused its input, a folder named
/// like a backup.
#[test]
fn a_closed_pipe_ends_quietly() {
    let d = tempfile::tempdir().unwrap();
    ok(d.path(), &["demo"]);
    for args in [&["--json", "community", "list"][..], &["print", "plan"]] {
        let mut child = command(d.path(), args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn under_json_argument_errors_are_json_too() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["--json", "no-such-command"][..],
        &["community", "create", "--json"],
        &["--json", "print", "plan", "--community", "seven"],
    ] {
        let out = hearth(d.path(), args);
        assert_eq!(code(&out), 2, "{args:?}");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stderr(&out)));
        assert_eq!(err["error"]["code"], "invalid_input");
        assert!(!err["error"]["message"].as_str().unwrap().is_empty());
    }
    let help = hearth(d.path(), &["--json", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage"));
    assert!(!d.path().join("hearth.sqlite3").exists());
}

#[test]
fn control_characters_in_names_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    for name in ["A\nB", "\u{1b}[31mRed", "Tab\there"] {
        let out = hearth(&dir, &["community", "create", "--name", name]);
        assert_eq!(code(&out), 2, "{name:?}");
        assert!(
            stderr(&out).contains("control characters"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!dir.exists(), "nothing was written");
}

#[test]
fn bad_input_on_a_folder_without_a_database_creates_nothing() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("new");
    for args in [
        &["print", "plan", "--community", "999"][..],
        &["print", "plan"],
        &["backup"],
        &["check"],
    ] {
        let out = hearth(&dir, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    assert_eq!(code(&hearth(&dir, &["community", "list"])), 0);
    assert!(!dir.exists(), "no folder, no database");
}

#[test]
fn a_folder_named_like_a_backup_does_not_stop_backups() {
    let d = tempfile::tempdir().unwrap();
    create(d.path(), "X");
    std::fs::create_dir_all(
        d.path()
            .join("backups/hearth-2020-01-01T00-00-00.000Z-r1.sqlite3"),
    )
    .unwrap();
    // Enough backups that rotation would remove one as old as that.
    for _ in 0..5 {
        ok(d.path(), &["backup"]);
    }
}
