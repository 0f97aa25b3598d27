//! Team sharing from the command line, as co-organizers on three machines would use it:
//! three data folders and `hearth relay` on 127.0.0.1. A community is shared, joined by its
//! code, edited apart in every folder and synced until all three hold the same; and a join
//! or a sync killed in the middle leaves every folder whole, and the next one finishes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails

mod common;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{code, command, hearth, json, ok, stderr};

/// `hearth relay` on a free port of 127.0.0.1, in a folder of its own; killed when dropped.
struct Relay {
    child: Child,
    url: String,
}

impl Relay {
    fn start(dir: &Path) -> Relay {
        let mut child = command(dir, &["relay", "--port", "0", "--listen", "127.0.0.1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("ws://"))
            .unwrap_or_else(|| panic!("the relay says where it listens: {line:?}"))
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

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CSV of `rows` generated people, each with a name starting with `prefix`.
fn people(file: &Path, prefix: &str, rows: usize) {
    let mut text = String::from("Name,Email,Company,City\n");
    for i in 0..rows {
        writeln!(
            text,
            "{prefix} {i},{}{i}@example.org,Co {},City {}",
            prefix.to_lowercase(),
            i % 97,
            i % 13
        )
        .unwrap();
    }
    std::fs::write(file, text).unwrap();
}

fn import(dir: &Path, file: &Path) {
    ok(dir, &["import", "members", path(file)]);
}

/// The roster, names sorted: what a person compares between two machines.
fn roster(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = json(&ok(dir, &["member", "list", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn checked(dir: &Path) {
    let check = json(&ok(dir, &["check", "--json"]));
    assert_eq!(check["ok"], true, "{check}");
}

/// A community of `size` generated people in `dir`, shared through `relay`: the join code.
fn shared(dir: &Path, files: &Path, relay: &Relay, size: usize) -> String {
    ok(
        dir,
        &[
            "community",
            "create",
            "--name",
            "Guild",
            "--time-zone",
            "UTC",
        ],
    );
    let file = files.join("first.csv");
    people(&file, "Anna", size);
    import(dir, &file);
    let out = json(&ok(dir, &["share", "--relay", &relay.url, "--json"]));
    assert_eq!(out["synced"], true, "{out}");
    out["joinCode"].as_str().unwrap().to_string()
}

#[test]
fn three_folders_share_join_and_meet_through_a_relay() {
    let d = tempfile::tempdir().unwrap();
    let relay = Relay::start(&d.path().join("relay"));
    let [a, b, c]: [PathBuf; 3] = ["a", "b", "c"].map(|n| d.path().join(n));
    let code_text = shared(&a, d.path(), &relay, 200);

    for folder in [&b, &c] {
        let joined = json(&ok(folder, &["join", &code_text, "--json"]));
        assert_eq!(joined["communityId"], 1, "{joined}");
        assert_eq!(roster(folder), roster(&a));
    }
    // Joining again says so, and writes nothing.
    let again = hearth(&b, &["join", &code_text]);
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    assert!(stderr(&again).contains("already"), "{}", stderr(&again));

    // Apart: B and C each take in people of their own, A too.
    for (folder, prefix, rows) in [(&a, "Alma", 10), (&b, "Boris", 50), (&c, "Clara", 30)] {
        let file = d.path().join(format!("{prefix}.csv"));
        people(&file, prefix, rows);
        import(folder, &file);
    }
    for folder in [&a, &b, &c, &a, &b] {
        ok(folder, &["sync", "--once"]);
    }
    let everyone = roster(&a);
    assert_eq!(everyone.len(), 200 + 10 + 50 + 30);
    assert_eq!(roster(&b), everyone);
    assert_eq!(roster(&c), everyone);
    for folder in [&a, &b, &c] {
        checked(folder);
    }
    let none = json(&ok(&a, &["conflicts", "--json"]));
    assert_eq!(none["conflicts"], serde_json::json!([]), "{none}");

    // Apart, B and C give Anna 0 another city and level (as another program writing the
    // database would): every copy lists both clashes, by her name, with both values.
    for (folder, city, level) in [(&b, "Braga", "leader"), (&c, "Coimbra", "newcomer")] {
        let db = rusqlite::Connection::open(folder.join("hearth.sqlite3")).unwrap();
        let changed = db
            .execute(
                "UPDATE members SET city = ?1, level = ?2 WHERE name = 'Anna 0'",
                [city, level],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    for folder in [&b, &c, &a, &b] {
        ok(folder, &["sync", "--once"]);
    }
    for folder in [&a, &b, &c] {
        let listed = json(&ok(folder, &["conflicts", "--json"]));
        let conflicts = listed["conflicts"].as_array().unwrap();
        assert_eq!(conflicts.len(), 2, "{listed}");
        let clash = conflicts.iter().find(|c| c["field"] == "city").unwrap();
        assert_eq!(
            (&clash["table"], &clash["label"], &clash["field"]),
            (&"members".into(), &"Anna 0".into(), &"city".into()),
            "{clash}"
        );
        let mut cities: Vec<&str> = clash["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        cities.sort_unstable();
        assert_eq!(cities, ["Braga", "Coimbra"]);
        // A closed value comes with where its labels are, for the window to name it.
        let level = conflicts.iter().find(|c| c["field"] == "level").unwrap();
        assert_eq!(level["labelPrefix"], "members.level", "{level}");
    }
    let said = String::from_utf8_lossy(&ok(&a, &["conflicts"]).stdout).into_owned();
    assert!(
        said.contains("members “Anna 0” · city:")
            && said.contains("“Braga”")
            && said.contains("level: ")
            && said.contains("“Newcomer”"),
        "{said}"
    );

    let alone = d.path().join("alone");
    ok(
        &alone,
        &[
            "community",
            "create",
            "--name",
            "Solo",
            "--time-zone",
            "UTC",
        ],
    );
    let unshared = hearth(&alone, &["conflicts"]);
    assert_ne!(code(&unshared), 0);
    assert!(
        stderr(&unshared).contains("is not shared"),
        "{}",
        stderr(&unshared)
    );

    // A wrong code, and a relay that is not there, are said plainly.
    let wrong = hearth(&c, &["join", "ws://127.0.0.1:9#nonsense"]);
    assert_eq!(code(&wrong), 2);
    assert!(
        stderr(&wrong).contains("not a shared community's id"),
        "{}",
        stderr(&wrong)
    );
    drop(relay);
    let offline = hearth(&a, &["sync", "--once"]);
    assert_eq!(code(&offline), 1);
    assert!(
        stderr(&offline).contains("cannot reach the relay"),
        "{}",
        stderr(&offline)
    );
}

/// Kills `args` in `dir` (SIGKILL) once the database's write-ahead log grows (inside its
/// transaction), or after `after` when it has not by then. Whether it was killed.
fn killed_midway(dir: &Path, args: &[&str], after: Duration) -> bool {
    let wal = dir.join("hearth.sqlite3-wal");
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let grown_from = size(&wal);
    let mut child = command(dir, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let writing = size(&wal) > grown_from + 64 * 1024;
        if writing || started.elapsed() > after {
            child.kill().unwrap();
            child.wait().unwrap();
            eprintln!(
                "killed {args:?} after {:?}{}",
                started.elapsed(),
                if writing { ", while it wrote" } else { "" }
            );
            return true;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{args:?} hangs"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_join_or_a_sync_killed_midway_leaves_every_folder_whole() {
    let d = tempfile::tempdir().unwrap();
    let relay = Relay::start(&d.path().join("relay"));
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    let code_text = shared(&a, d.path(), &relay, 2_000);
    let whole = roster(&a);
    ok(
        &b,
        &["community", "create", "--name", "Own", "--time-zone", "UTC"],
    );

    // A join killed at different moments: before the relay answers, while the document
    // arrives, inside the transaction. B then has its own community and, at most, the
    // whole shared one.
    let mut kills = 0;
    for after in [5, 40, 120, 400, 5_000] {
        if !killed_midway(&b, &["join", &code_text], Duration::from_millis(after)) {
            break;
        }
        kills += 1;
        checked(&b);
        let listed = json(&ok(&b, &["community", "list", "--json"]));
        let communities = listed.as_array().unwrap();
        assert!(communities.len() <= 2, "{listed}");
        // Not by place: the list is by name, and the joined "Guild" comes before "Own".
        if let Some(joined) = communities.iter().find(|c| c["name"] != "Own") {
            let id = joined["id"].to_string();
            let members = json(&ok(&b, &["member", "list", "--community", &id, "--json"]));
            assert_eq!(
                members.as_array().unwrap().len(),
                whole.len(),
                "all or nothing"
            );
            break;
        }
    }
    assert!(kills > 0, "no kill landed before the join finished");
    if json(&ok(&b, &["community", "list", "--json"]))
        .as_array()
        .unwrap()
        .len()
        == 1
    {
        ok(&b, &["join", &code_text]);
    }

    // A sync killed while it writes what A added: B holds all of it or none of it, and the
    // next sync brings it.
    let more = d.path().join("more.csv");
    people(&more, "Later", 1_000);
    import(&a, &more);
    ok(&a, &["sync", "--once"]);
    let roster_b = || {
        let members = json(&ok(&b, &["member", "list", "--community", "2", "--json"]));
        members.as_array().unwrap().len()
    };
    for after in [5, 60, 300, 5_000] {
        if !killed_midway(&b, &["sync", "--once"], Duration::from_millis(after)) {
            break;
        }
        checked(&b);
        let count = roster_b();
        assert!(
            count == whole.len() || count == whole.len() + 1_000,
            "{count}"
        );
    }
    ok(&b, &["sync", "--once"]);
    assert_eq!(roster_b(), whole.len() + 1_000);
    checked(&b);
    drop(relay);
}
