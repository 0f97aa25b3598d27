//! The member roster under attack from the command line, as a careful tester tries it: an
//! import killed in the middle of its write, imports racing each other and other writers,
//! files saved by other programs (and files that are not member lists at all), closed
//! pipes, and `--out` aimed at the database. Whatever happens, people's data is exactly as
//! before or exactly as a command that said it succeeded left it: never half an import.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{code, command, hearth, json, ok, stderr};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The roster as `hearth member list --json` prints it: the bytes a checksum would cover.
fn roster(dir: &Path) -> Vec<u8> {
    ok(dir, &["member", "list", "--json"]).stdout
}

fn roster_len(dir: &Path) -> usize {
    json(&ok(dir, &["member", "list", "--json"]))
        .as_array()
        .unwrap()
        .len()
}

fn names(dir: &Path) -> Vec<String> {
    json(&ok(dir, &["member", "list", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

/// A CSV of `rows` generated people, each with a name starting with `prefix`.
fn people(file: &Path, prefix: &str, rows: usize) {
    let mut text = String::from("Name,Email,Phone,Company,City\n");
    for i in 0..rows {
        writeln!(
            text,
            "{prefix} {i},{}{i}@example.org,+1555{i:07},Co {},City {}",
            prefix.to_lowercase(),
            i % 97,
            i % 13
        )
        .unwrap();
    }
    std::fs::write(file, text).unwrap();
}

fn with_community(dir: &Path) {
    ok(
        dir,
        &[
            "community",
            "create",
            "--name",
            "Roster",
            "--time-zone",
            "UTC",
        ],
    );
}

fn size(file: &Path) -> u64 {
    std::fs::metadata(file).map(|m| m.len()).unwrap_or(0)
}

/// A `hearth import members` of 100,000 rows killed (SIGKILL) while it writes: the kill is
/// sent once the write-ahead log has grown by a megabyte, so it lands inside the one
/// transaction (or, rarely, just after its commit). Afterwards `check` is ok and the roster
/// is byte for byte as before, or (a kill after the commit) the whole file is in.
#[test]
fn an_import_killed_while_it_writes_leaves_the_roster_as_it_was() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    ok(&dir, &["demo"]);
    let file = d.path().join("big.csv");
    people(&file, "Person", 100_000);
    let before = roster(&dir);
    let count_before = roster_len(&dir);
    let wal = dir.join("hearth.sqlite3-wal");
    let mut killed_inside = 0;
    for round in 0..3 {
        let grown_from = size(&wal);
        let mut child = command(&dir, &["import", "members", path(&file)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        let finished = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if size(&wal) > grown_from + 1_000_000 {
                break None;
            }
            assert!(Instant::now() < deadline, "round {round}: the import hangs");
            std::thread::sleep(Duration::from_millis(1));
        };
        if finished.is_none() {
            child.kill().unwrap();
            let status = child.wait().unwrap();
            if status.code().is_none() {
                killed_inside += 1;
            }
        }
        let check = json(&ok(&dir, &["check", "--json"]));
        assert_eq!(check["ok"], true, "round {round}: {check}");
        let after = roster(&dir);
        if after != before {
            // The kill came after the commit: the whole file is in, then, and stays for
            // the next rounds (whose rows are then all duplicates, skipped).
            assert_eq!(
                roster_len(&dir),
                count_before + 100_000,
                "round {round}: all of the import or none of it"
            );
            return;
        }
    }
    assert!(killed_inside > 0, "no kill landed inside the write");
}

/// Two imports of different files and the sample's creation, all at once on one folder;
/// then three imports of one file at once. Each ends wholly applied (exit 0) or refused with
/// a message (the database stayed busy past the wait), and nothing is there twice.
#[test]
fn imports_racing_each_other_and_other_writers_are_each_all_or_nothing() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    with_community(&dir);
    let (one, two) = (d.path().join("one.csv"), d.path().join("two.csv"));
    people(&one, "Alpha", 20_000);
    people(&two, "Beta", 20_000);
    let run = |args: Vec<String>| {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            hearth(&dir, &args)
        })
    };
    let import = |file: &PathBuf| {
        vec![
            "import".to_string(),
            "members".into(),
            path(file).into(),
            "--community".into(),
            "1".into(),
        ]
    };
    let racers = vec![
        run(import(&one)),
        run(import(&two)),
        run(vec!["demo".into()]),
    ];
    let outs: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
    let all = names_in_community(&dir, 1);
    for (prefix, out) in [("Alpha", &outs[0]), ("Beta", &outs[1])] {
        let theirs = all.iter().filter(|n| n.starts_with(prefix)).count();
        match code(out) {
            0 => assert_eq!(theirs, 20_000, "{prefix}: said done, so all of it"),
            1 => {
                assert!(stderr(out).contains("busy, try again"), "{}", stderr(out));
                assert_eq!(theirs, 0, "{prefix}: refused, so none of it");
            }
            other => panic!("{prefix}: exit {other}: {}", stderr(out)),
        }
    }
    assert_eq!(code(&outs[2]), 0, "demo: {}", stderr(&outs[2]));
    let alpha_in = code(&outs[0]) == 0;

    let three: Vec<_> = (0..3).map(|_| run(import(&one))).collect();
    let outs: Vec<_> = three.into_iter().map(|t| t.join().unwrap()).collect();
    for out in &outs {
        assert!(
            code(out) == 0 || stderr(out).contains("busy, try again"),
            "exit {}: {}",
            code(out),
            stderr(out)
        );
    }
    let alphas = names_in_community(&dir, 1)
        .iter()
        .filter(|n| n.starts_with("Alpha"))
        .count();
    let expected = if alpha_in || outs.iter().any(|o| code(o) == 0) {
        20_000
    } else {
        0
    };
    assert_eq!(alphas, expected, "each Alpha once, or none");
    assert_eq!(json(&ok(&dir, &["check", "--json"]))["ok"], true);
}

fn names_in_community(dir: &Path, id: i64) -> Vec<String> {
    json(&ok(
        dir,
        &["member", "list", "--community", &id.to_string(), "--json"],
    ))
    .as_array()
    .unwrap()
    .iter()
    .map(|m| m["name"].as_str().unwrap().to_string())
    .collect()
}

/// What other programs write, as they write it, imports as the people in it.
#[test]
fn files_saved_by_other_programs_import_their_people() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    with_community(&dir);
    let file = |name: &str, bytes: &[u8]| {
        let p = d.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // Excel's "CSV UTF-8" in a semicolon locale: a byte-order mark, `sep=;`, CRLF.
    let excel = file(
        "excel.csv",
        "\u{feff}sep=;\r\nName;E-mail;Phone;Company\r\nАнна Иванова;anna@example.ru;+7 912 \
         345-67-89;Яндекс\r\nJosé Müller;jose@example.org;;ACME\r\n"
            .as_bytes(),
    );
    // Google Contacts: each value has a "… - Type" column before it ("* Home", "Mobile").
    let google = file(
        "contacts.csv",
        b"Name,Given Name,Additional Name,Family Name,Notes,Group Membership,E-mail 1 - Type,\
          E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,\
          Organization 1 - Name,Organization 1 - Title\n\
          Maria Silva,Maria,,Silva,Met at a meetup,* myContacts,* Home,maria@example.pt,Mobile,\
          +351 912 345 678,,Farfetch,Engineer\n",
    );
    // Outlook: first, middle and last names apart, CRLF, every cell quoted.
    let outlook = file(
        "outlook.csv",
        b"\"First Name\",\"Middle Name\",\"Last Name\",\"E-mail Address\",\"Mobile Phone\",\
          \"Categories\",\"Company\"\r\n\"John\",\"\",\"Smith\",\"john@example.com\",\
          \"+1 555 0100\",\"Speakers;VIP\",\"Contoso\"\r\n",
    );
    // Excel's "Unicode text": UTF-16 with a mark, tabs.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Name\tEmail\r\nОльга Петрова\tolga@example.ru\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let unicode_text = file("unicode.txt.csv", &utf16);
    // The same written by a script, without the mark.
    let unmarked: Vec<u8> = "Name\tEmail\nИгорь Седов\tigor@example.ru\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let unmarked = file("unmarked.csv", &unmarked);
    let vcf = file("phone.vcf", phone_cards().as_bytes());
    for f in [&excel, &google, &outlook, &unicode_text, &unmarked, &vcf] {
        ok(&dir, &["import", "members", path(f)]);
    }
    let list = json(&ok(&dir, &["member", "list", "--json"]));
    let by_name = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not in {list}"))
            .clone()
    };
    assert_eq!(by_name("Анна Иванова")["email"], "anna@example.ru");
    assert_eq!(by_name("Анна Иванова")["company"], "Яндекс");
    assert_eq!(by_name("José Müller")["email"], "jose@example.org");
    let maria = by_name("Maria Silva");
    assert_eq!(
        maria["email"], "maria@example.pt",
        "the value, not its type"
    );
    assert_eq!(maria["company"], "Farfetch");
    assert_eq!(by_name("John Smith")["email"], "john@example.com");
    assert_eq!(by_name("Ольга Петрова")["email"], "olga@example.ru");
    assert_eq!(by_name("Игорь Седов")["email"], "igor@example.ru");
    let anna = by_name("Анна Сидорова");
    assert_eq!(anna["company"], "Рога и копыта");
    assert_eq!(anna["tags"], serde_json::json!(["speakers", "vip"]));
    assert_eq!(by_name("Пётр Петров")["email"], "petr@example.ru");
    by_name("Иваник Сидоров");
    assert_eq!(list.as_array().unwrap().len(), 9);
}

/// Cards as phones export them: vCard 3.0 with a photo folded over many lines, a folded
/// note, quoted-printable names (3.0 from an Android phone, and 2.1 with soft line breaks).
fn phone_cards() -> String {
    let photo: String = (0..2000)
        .map(|i| {
            char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64])
        })
        .collect();
    let mut photo_lines = format!("PHOTO;ENCODING=b;TYPE=JPEG:{}", &photo[..48]);
    for chunk in photo.as_bytes()[48..].chunks(74) {
        photo_lines.push_str("\r\n ");
        photo_lines.push_str(std::str::from_utf8(chunk).unwrap());
    }
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Сидорова;Анна;;;",
        "FN:Анна Сидорова",
        "ORG:Рога и копыта;",
        "TITLE:Developer",
        "EMAIL;type=INTERNET;type=HOME;type=pref:anna.s@example.ru",
        "TEL;type=CELL;type=VOICE;type=pref:+7 (912) 345-67-89",
        &photo_lines,
        "NOTE:A long note that is fol",
        " ded across two lines",
        "CATEGORIES:speakers,vip",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2;=D0=9F=D1=91=D1=82=D1=80;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D1=91=D1=82=D1=80 =D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2",
        "TEL;TYPE=CELL:+79001234567",
        "item1.EMAIL;type=INTERNET:petr@example.ru",
        "item1.X-ABLabel:work",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=D0=A1=D0=B8=D0=B4=D0=BE=D1=80=D0=BE=D0=B2;=D0=98=D0=B2=D0=B0=D0=BD=",
        "=D0=B8=D0=BA;;;",
        "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=D0=98=D0=B2=D0=B0=D0=BD=D0=B8=D0=BA =D0=A1=D0=B8=D0=B4=D0=BE=",
        "=D1=80=D0=BE=D0=B2",
        "TEL;CELL:+79005554433",
        "END:VCARD",
    ]
    .join("\r\n")
        + "\r\n"
}

/// Files that are no member list: each is refused with exit 2 and a message that says
/// why (and where, when a line is at fault), and the database is not touched.
#[test]
fn files_that_are_no_member_list_are_refused_and_write_nothing() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    ok(&dir, &["demo"]);
    let db = dir.join("hearth.sqlite3");
    let before = std::fs::read(&db).unwrap();
    let roster_before = roster(&dir);
    let file = |name: &str, bytes: &[u8]| {
        let p = d.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let folder = d.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let huge = d.path().join("huge.csv");
    // Sparse: over the limit on paper, nothing on the disk.
    std::fs::write(&huge, b"Name\n").unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            file("nul.csv", b"Name,Email\nAn\0na,a@example.org\n"),
            "line 2: binary data",
        ),
        (file("empty.csv", b""), "the file is empty"),
        (
            file(
                "photo.csv",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
            ),
            "binary data",
        ),
        (
            file(
                "bad.csv",
                b"Name,Email\nAna,ana@example.org\nBo,not an address\n",
            ),
            "row 3, column 2 (Email)",
        ),
        (folder, "is a folder, not a file"),
        (d.path().join("no-such.csv"), "there is no file"),
        (huge, "larger than 64 MiB"),
    ];
    for (f, says) in &cases {
        let out = hearth(&dir, &["import", "members", path(f)]);
        assert_eq!(code(&out), 2, "{}: {}", f.display(), stderr(&out));
        assert!(
            stderr(&out).contains(says),
            "{}: {}",
            f.display(),
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    assert_eq!(roster(&dir), roster_before);
    assert_eq!(std::fs::read(&db).unwrap(), before, "byte for byte");
}

/// `hearth member list | head -1` and an export into a closed pipe end quietly, and
/// `--out` aimed at the database, its journal files or the backups (also through a
/// link to the folder) is refused with the database untouched.
#[test]
fn the_roster_goes_to_a_closed_pipe_quietly_and_never_onto_the_database() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("data");
    ok(&dir, &["demo"]);
    for args in [
        &["member", "list"][..],
        &["member", "list", "--json"],
        &["export", "members", "--format", "csv"],
        &["export", "members", "--format", "vcf"],
    ] {
        let mut child = command(&dir, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
        // And through a real `| head -1`, which reads a line before it goes.
        let script = format!(
            "{} --data-dir {} {} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            common::bin().to_str().unwrap(),
            path(&dir),
            args.join(" ")
        );
        let piped = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&piped.stdout).trim(),
            "0",
            "{args:?}: {}",
            String::from_utf8_lossy(&piped.stderr)
        );
        assert!(piped.stderr.is_empty(), "{args:?}");
    }

    ok(&dir, &["backup"]);
    let db = dir.join("hearth.sqlite3");
    let before = std::fs::read(&db).unwrap();
    let backup = common::backups(&dir).remove(0);
    let backup_bytes = std::fs::read(&backup).unwrap();
    let alias = d.path().join("alias");
    std::os::unix::fs::symlink(&dir, &alias).unwrap();
    for out in [
        db.clone(),
        dir.join("hearth.sqlite3-wal"),
        dir.join("hearth.sqlite3-shm"),
        backup.clone(),
        dir.join("backups/members.csv"),
        alias.join("hearth.sqlite3"),
        alias.join("backups/members.csv"),
    ] {
        for format in ["csv", "vcf"] {
            let run = hearth(
                &dir,
                &["export", "members", "--format", format, "--out", path(&out)],
            );
            assert_eq!(code(&run), 2, "{}: {}", out.display(), stderr(&run));
            assert!(
                stderr(&run).contains("write somewhere else"),
                "{}",
                stderr(&run)
            );
        }
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "byte for byte");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes);
    assert!(!dir.join("backups/members.csv").exists());
    assert_eq!(names(&dir).len(), 150);
}
