//! `make bench`, the core half: times hearth-core operations on generated data in a
//! temporary folder and prints each figure beside its target from the design, where the
//! design sets one. Run with `cargo run --release -p hearth-core --example bench`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

use std::time::{Duration, Instant};

use hearth_core::community::{self, CharterInput, NewCommunity};
use hearth_core::db::{backup, startup};
use hearth_core::{demo, plan, Locale};

/// Runs `f` `runs` times and returns the median duration.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn report(what: &str, took: Duration, target: Option<Duration>) {
    let ms = took.as_secs_f64() * 1000.0;
    match target {
        Some(t) => {
            let verdict = if took <= t { "ok" } else { "OVER" };
            println!(
                "{what:<58} {ms:>9.3} ms   target ≤ {:>6.0} ms   {verdict}",
                t.as_secs_f64() * 1000.0
            );
        }
        None => println!("{what:<58} {ms:>9.3} ms   (no target set)"),
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let backups = dir.path().join("backups");
    println!("hearth-core benchmarks (median of repeated runs, release build)\n");

    let mut opened = startup::open(dir.path()).expect("open");
    for i in 0..200 {
        demo::create(
            &mut opened.db,
            if i % 2 == 0 { Locale::En } else { Locale::Ru },
        )
        .expect("demo");
    }
    let db = &mut opened.db;
    let communities = community::list(db).expect("list");
    let first = communities[0].id;
    println!(
        "data: {} communities, {} plan tasks\n",
        communities.len(),
        communities.len() * plan::template::ITEMS.len()
    );

    let path = db.path().to_path_buf();
    report(
        "open the database with the start-up check",
        median(11, || drop(startup::open(dir.path()).expect("open"))),
        None,
    );
    report(
        "list communities",
        median(51, || drop(community::list(db).unwrap())),
        None,
    );
    report(
        "read one charter",
        median(51, || drop(community::get(db, first).unwrap())),
        None,
    );
    let charter = CharterInput::from(&community::get(db, first).unwrap().charter);
    report(
        "save a charter (one transaction, synced to disk)",
        median(21, || drop(community::update(db, first, &charter).unwrap())),
        None,
    );
    let mut n = 0;
    report(
        "create a community with its 16 template tasks",
        median(21, || {
            n += 1;
            let new = NewCommunity {
                name: format!("Bench {n}"),
                locale: "ru".into(),
                time_zone: "Europe/Moscow".into(),
                launch_date: None,
            };
            community::create(db, &new).unwrap();
        }),
        None,
    );
    report(
        "plan summary of one community",
        median(51, || drop(plan::summary(db, first).unwrap())),
        None,
    );
    report(
        "full check (integrity, references, schema)",
        median(5, || drop(db.check().unwrap())),
        None,
    );
    report(
        "backup through the backup API, verified",
        median(5, || drop(backup::create(db, &backups).unwrap())),
        None,
    );
    // The plan issue's target: a plan of 500 tasks opens, and redraws after a drag, within 50 ms
    // (these are the core's shares: reading the plan, and a move that returns the new plan).
    let big = community::create(
        db,
        &NewCommunity {
            name: "Big plan".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id;
    for i in 0..(500 - plan::template::ITEMS.len()) {
        let task = plan::TaskInput {
            stage: (i % 4 + 1) as i64,
            title: format!("Task {i}"),
            due: Some("2026-12-01".into()),
            owner_name: Some("Anna".into()),
            ..plan::TaskInput::default()
        };
        plan::create_task(db, big, &task).unwrap();
    }
    let target = Some(Duration::from_millis(50));
    report(
        "plan of 500 tasks: read for the screen",
        median(21, || drop(plan::plan(db, big).unwrap())),
        target,
    );
    let ids: Vec<i64> = plan::tasks(db, big).unwrap().iter().map(|t| t.id).collect();
    let mut k = 0;
    report(
        "plan of 500 tasks: move a task to another stage, new plan back",
        median(21, || {
            k += 1;
            drop(plan::move_task(db, ids[k * 7 % ids.len()], (k % 4 + 1) as i64, k % 50).unwrap());
        }),
        target,
    );
    let dates = hearth_core::print::DateFormat::of_interface(db).unwrap();
    report(
        "printable plan of 500 tasks generated",
        median(11, || {
            drop(
                hearth_core::print::community_plan(
                    db,
                    big,
                    hearth_core::print::Output::Document,
                    &dates,
                )
                .unwrap(),
            )
        }),
        Some(Duration::from_millis(20)),
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("\ndatabase file: {:.1} KiB", size as f64 / 1024.0);
    writes_beside_a_backup();
}

/// The data-safety issue's figure: with 100,000 rows, how long does a write wait while a
/// backup runs? Backups read through a connection of their own (WAL), so a write should
/// wait no longer than it does with no backup at all.
fn writes_beside_a_backup() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let dir = tempfile::tempdir().expect("temporary folder");
    let backups = dir.path().join("backups");
    let mut db = startup::open(dir.path()).expect("open").db;
    let id = community::create(
        &mut db,
        &NewCommunity {
            name: "Hundred thousand".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id;
    db.write(|tx| {
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO plan_tasks (uid, community_id, stage, title, notes, sort, created_at, updated_at)
             SELECT 'bench-' || i, ?1, i % 4 + 1, 'Task number ' || i || ' of a large plan',
                    hex(randomblob(40)), i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",
            [id],
        )?;
        Ok(())
    })
    .unwrap();
    let size = std::fs::metadata(db.path()).map(|m| m.len()).unwrap_or(0);
    println!(
        "\nwrites beside a backup: 100,000 plan tasks, {:.1} MiB",
        size as f64 / 1024.0 / 1024.0
    );
    report(
        "backup of 100k rows, verified (own read-only connection)",
        median(3, || drop(backup::create(&db, &backups).unwrap())),
        None,
    );

    // A writer saving a charter every 5 ms, as the window would, timed write by write.
    let writes = |during_backups: bool| -> (usize, Duration) {
        let stop = Arc::new(AtomicBool::new(false));
        let path = db.path().to_path_buf();
        let writer = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut db = hearth_core::Db::open(&path).unwrap();
                let charter = CharterInput::from(&community::get(&db, id).unwrap().charter);
                let mut longest = Duration::ZERO;
                let mut count = 0;
                while !stop.load(Ordering::Relaxed) {
                    let start = Instant::now();
                    community::update(&mut db, id, &charter).unwrap();
                    longest = longest.max(start.elapsed());
                    count += 1;
                    std::thread::sleep(Duration::from_millis(5));
                }
                (count, longest)
            })
        };
        if during_backups {
            for _ in 0..3 {
                backup::create_from_file(db.path(), &backups).unwrap();
            }
        } else {
            std::thread::sleep(Duration::from_secs(2));
        }
        stop.store(true, Ordering::Relaxed);
        writer.join().unwrap()
    };
    let (n, quiet) = writes(false);
    report(
        &format!("longest write, no backup running ({n} writes)"),
        quiet,
        None,
    );
    let (n, busy) = writes(true);
    report(
        &format!("longest write during 3 backups ({n} writes)"),
        busy,
        None,
    );
    let source = backup::list(&backups).unwrap().pop().unwrap();
    let start = Instant::now();
    backup::restore(&mut db, &backups.join(source.file_name), &backups).unwrap();
    report(
        "restore of 100k rows (check, stage, safety backup, swap)",
        start.elapsed(),
        None,
    );
}
