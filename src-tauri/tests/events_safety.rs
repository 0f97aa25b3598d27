//! The calendar under attack from the command line: calendar files imported by several
//! processes at once, and an import killed in the middle of its write. Whatever happens,
//! every import that said it succeeded is there whole, and one that did not is not there at
//! all: never half a season.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use common::{code, command, json, ok, stderr};

fn events(dir: &Path) -> Vec<serde_json::Value> {
    json(&ok(dir, &["event", "list", "--json"]))
        .as_array()
        .unwrap()
        .clone()
}

/// A calendar file of `count` one-hour events, their UIDs and titles starting with `tag`.
fn calendar(tag: &str, count: usize) -> String {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n");
    for i in 0..count {
        let (day, hour) = (1 + i % 28, 8 + i % 12);
        write!(
            ics,
            "BEGIN:VEVENT\r\nUID:{tag}-{i}@example.org\r\nDTSTAMP:20261201T000000Z\r\n\
             DTSTART;TZID=Europe/Lisbon:202703{day:02}T{hour:02}0000\r\n\
             DTEND;TZID=Europe/Lisbon:202703{day:02}T{:02}0000\r\n\
             SUMMARY:{tag} {i}\r\nEND:VEVENT\r\n",
            hour + 1
        )
        .unwrap();
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

fn community(dir: &Path) {
    ok(
        dir,
        &[
            "community",
            "create",
            "--name",
            "Lisbon Rust",
            "--time-zone",
            "Europe/Lisbon",
        ],
    );
}

#[test]
fn calendar_files_imported_at_once_are_all_there_whole() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    community(&dir);
    let files: Vec<_> = (0..6)
        .map(|p| {
            let file = d.path().join(format!("p{p}.ics"));
            std::fs::write(&file, calendar(&format!("p{p}"), 150)).unwrap();
            file
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            command(&dir, &["import", "events", file.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (p, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "import {p}: {}", stderr(&out));
    }
    let all = events(&dir);
    assert_eq!(all.len(), 6 * 150, "every confirmed import, whole");
    for p in 0..6 {
        let tag = format!("p{p} ");
        let of_file = all
            .iter()
            .filter(|e| e["title"].as_str().unwrap().starts_with(&tag))
            .count();
        assert_eq!(of_file, 150, "file {p}");
    }
    // Again, all at once: they update, nothing doubles.
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            command(&dir, &["import", "events", file.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    assert_eq!(events(&dir).len(), 6 * 150);
    assert_eq!(json(&ok(&dir, &["check", "--json"]))["ok"], true);
}

#[test]
fn a_killed_import_leaves_all_of_the_file_or_none_of_it() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    community(&dir);
    let file = d.path().join("season.ics");
    std::fs::write(&file, calendar("season", 6_000)).unwrap();
    // Kills spread over the whole run of an import, measured first on a copy.
    let probe = d.path().join("probe");
    community(&probe);
    let start = Instant::now();
    ok(&probe, &["import", "events", file.to_str().unwrap()]);
    let whole = start.elapsed();
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..16u32 {
        let mut child = command(&dir, &["import", "events", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * (round + 2) / 16);
        let _ = child.kill();
        let _ = child.wait();
        let count = events(&dir).len();
        assert!(
            count == 0 || count == 6_000,
            "round {round}: {count} events, half an import"
        );
        seen.insert(count);
    }
    ok(&dir, &["import", "events", file.to_str().unwrap()]);
    assert_eq!(events(&dir).len(), 6_000);
    assert_eq!(json(&ok(&dir, &["check", "--json"]))["ok"], true);
    eprintln!("counts seen after kills: {seen:?}");
}
