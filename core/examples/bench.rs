//! `make bench`, the core half: times hearth-core operations on generated data in a
//! temporary folder and prints each figure beside its target from the design, where the
//! design sets one. Run with `cargo run --release -p hearth-core --example bench`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

use std::time::{Duration, Instant};

use chrono::Datelike;

use hearth_core::community::{self, CharterInput, NewCommunity};
use hearth_core::db::{backup, startup};
use hearth_core::{demo, plan, Locale};

/// A new database in a temporary folder with one community, "Network", in `locale` and
/// `time_zone`: what each section generates its data into.
fn network(locale: &str, time_zone: &str) -> (tempfile::TempDir, hearth_core::Db, i64) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut db = startup::open(dir.path()).expect("open").db;
    let id = community::create(
        &mut db,
        &NewCommunity {
            name: "Network".into(),
            locale: locale.into(),
            time_zone: time_zone.into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id;
    (dir, db, id)
}

/// A small linear congruential generator from `seed`: the same data on every run, no crate
/// for it. Each call draws a number below its argument.
fn draws(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    }
}

/// A member of the `count` from id `first` on, drawn with a skew towards the first: a few
/// do much.
fn skewed_member(next: &mut impl FnMut(u64) -> u64, first: i64, count: i64) -> i64 {
    let r = next(1 << 20) as f64 / f64::from(1 << 20);
    first + (r * r * count as f64) as i64
}

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

/// The sections a run was asked for (`bench members_search`, or `HEARTH_BENCH=a,b`); none
/// named runs them all.
fn chosen_sections() -> Vec<String> {
    let named: Vec<String> = std::env::args().skip(1).collect();
    let named = if named.is_empty() {
        std::env::var("HEARTH_BENCH")
            .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default()
    } else {
        named
    };
    named.into_iter().filter(|s| !s.is_empty()).collect()
}

fn main() {
    let sections = chosen_sections();
    if !sections.is_empty() {
        for section in &sections {
            match section.as_str() {
                "members_search" => members_search(),
                "engagement" => engagement(),
                "import" => import_members(),
                "events" => events(),
                "meetup_plan" => meetup_plan(),
                "metrics" => metrics(),
                "sharing" => sharing(),
                other => panic!("no bench section {other:?}"),
            }
        }
        return;
    }
    core_operations();
    members_search();
    engagement();
    import_members();
    events();
    meetup_plan();
    metrics();
    sharing();
}

/// Team sharing (docs/sharing.md): a community of 10,000 members and 1,000 events put in a
/// document, sent to a relay on 127.0.0.1 and joined from there by a second copy; one edit
/// carried between the two kept connected; a long life of edits, then a reopen.
fn sharing() {
    use hearth_core::members::{self, MemberInput};
    use hearth_core::sharing::SharedCommunity;

    const MEMBERS: usize = 10_000;
    const EVENTS: usize = 1_000;
    let (_dir, mut db, id) = network("en", "UTC");
    generate_members(&mut db, id, MEMBERS);
    // A weekly meetup for twenty years, each with five members' answers.
    db.write(|w| {
        w.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
             INSERT INTO events (uid, community_id, title, kind, format, starts_at, ends_at,
                                 time_zone, created_at, updated_at)
             SELECT printf('bench-event-%d', i), ?1, printf('Meetup %d', i), 'meetup', 'offline',
                    strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-02 19:00', printf('+%d days', 7 * i)),
                    strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-02 21:00', printf('+%d days', 7 * i)),
                    'UTC', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
             FROM n",
            rusqlite::params![id, EVENTS as i64],
        )?;
        w.execute(
            "INSERT INTO attendance (uid, event_id, member_id, rsvp, responded_at, created_at,
                                     updated_at)
             SELECT printf('bench-answer-%d-%d', e.id, m.id), e.id, m.id, 'going',
                    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
             FROM events e JOIN members m ON m.community_id = e.community_id
                 AND m.id % ?2 = e.id % ?2
             WHERE e.community_id = ?1",
            rusqlite::params![id, (MEMBERS / 5) as i64],
        )?;
        Ok(())
    })
    .expect("events and answers");
    println!(
        "\nsharing: a community of {MEMBERS} members, {EVENTS} events with 5 answers each, \
         and the template's 16 tasks"
    );
    let start = Instant::now();
    let mut shared = SharedCommunity::share(&mut db, id).expect("share");
    report("share: the document made and kept", start.elapsed(), None);
    let bytes = shared.save();
    println!(
        "{:<58} {:>9} KB",
        "the document, saved whole",
        bytes.len() / 1024
    );

    // Through a relay on 127.0.0.1, as co-organizers' copies sync: the document sent there
    // once, joined from there by a second copy, then both kept connected as the window
    // keeps them, and one edit timed from its commit on the first copy to its rows written
    // on the second.
    use hearth_core::sharing::connection::{self, Event};
    use std::sync::{Arc, Mutex};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let relay_dir = tempfile::tempdir().expect("temporary folder");
    let (relay_stop, relay_stopped) = tokio::sync::oneshot::channel::<()>();
    let relay: url::Url = runtime.block_on(async {
        let listener = hearth_relay::bind("127.0.0.1:0".parse().expect("an address"))
            .await
            .expect("a port");
        let url = format!("ws://{}", listener.local_addr().expect("bound"));
        let folder = relay_dir.path().to_path_buf();
        tokio::spawn(async move {
            let stopped = async {
                let _ = relay_stopped.await;
            };
            hearth_relay::serve(listener, &folder, stopped)
                .await
                .expect("the relay");
        });
        url.parse().expect("a relay address")
    });
    let code = shared.link_to(&mut db, &relay).expect("linked");
    drop(shared);
    let a = Arc::new(Mutex::new(db));
    let start = Instant::now();
    runtime
        .block_on(connection::sync_once(&a, None))
        .expect("sent to the relay");
    report(
        "share: the document sent to the relay",
        start.elapsed(),
        None,
    );

    let (other_dir, other_db, _) = network("en", "UTC");
    let b = Arc::new(Mutex::new(other_db));
    let start = Instant::now();
    runtime
        .block_on(connection::join(
            &b,
            &code,
            &other_dir.path().join("backups"),
        ))
        .expect("join");
    report(
        "join through the relay (backup, fetch, write the rows)",
        start.elapsed(),
        Some(Duration::from_secs(3)),
    );

    let (heard_tx, heard) = std::sync::mpsc::channel::<Event>();
    let (stop_a, stopped_a) = tokio::sync::oneshot::channel::<()>();
    let (stop_b, stopped_b) = tokio::sync::oneshot::channel::<()>();
    for (side, stopped, tell) in [
        (a.clone(), stopped_a, None),
        (b.clone(), stopped_b, Some(heard_tx)),
    ] {
        let relay = relay.clone();
        runtime.spawn(async move {
            let until = async {
                let _ = stopped.await;
            };
            connection::keep_syncing(
                &side,
                &relay,
                None,
                move |event| {
                    if let Some(tell) = &tell {
                        let _ = tell.send(event);
                    }
                },
                until,
            )
            .await
        });
    }
    let wait_for = |wanted: &dyn Fn(&Event) -> bool| loop {
        let event = heard
            .recv_timeout(Duration::from_secs(30))
            .expect("the second copy heard");
        if wanted(&event) {
            return;
        }
    };
    wait_for(&|e| matches!(e, Event::InSync { .. }));
    let member = {
        let db = a.lock().expect("the first copy");
        members::roster::page(&db, id, &members::roster::RosterQuery::default(), 0, 1)
            .expect("a page")
            .rows[0]
            .id
    };
    let mut n = 0;
    let carried = median_of(9, || {
        n += 1;
        let input = MemberInput {
            name: Some(format!("Renamed {n}")),
            ..Default::default()
        };
        members::update(&mut a.lock().expect("the first copy"), member, &input).expect("edit");
        let start = Instant::now();
        wait_for(&|e| matches!(e, Event::Received { .. }));
        start.elapsed()
    });
    report(
        "an edit seen on another copy, through the relay",
        carried,
        Some(Duration::from_secs(1)),
    );
    let _ = (stop_a.send(()), stop_b.send(()), relay_stop.send(()));
    runtime.shutdown_timeout(Duration::from_secs(5));
    let mut db = Arc::try_unwrap(a)
        .ok()
        .expect("the first copy's only holder")
        .into_inner()
        .expect("the first copy");
    let mut shared = SharedCommunity::open(&db, id)
        .expect("open")
        .expect("still shared");

    // What a step costs the copy where the edit was made: recording it.
    let mut recorded = Vec::new();
    for n in 0..9 {
        let input = MemberInput {
            name: Some(format!("Recorded {n}")),
            ..Default::default()
        };
        members::update(&mut db, member, &input).expect("edit");
        let start = Instant::now();
        shared.record_local(&mut db).expect("record");
        recorded.push(start.elapsed());
    }
    recorded.sort();
    report(
        "record one edit (the rows the outbox noted)",
        recorded[recorded.len() / 2],
        Some(Duration::from_millis(2)),
    );

    // A long life: 100,000 edits, each step recording ten (a person's edits come between
    // steps), kept in the database as they are, compacted every 64 steps; then the
    // community is opened again, as at the next start.
    const EDITS: usize = 100_000;
    const PER_STEP: usize = 10;
    let start = Instant::now();
    for step in 0..EDITS / PER_STEP {
        db.write(|w| {
            w.execute(
                "UPDATE members SET notes = printf('Step %d', ?2)
                 WHERE id IN (SELECT id FROM members WHERE community_id = ?1
                              ORDER BY id LIMIT ?3 OFFSET ?4)",
                rusqlite::params![
                    id,
                    step as i64,
                    PER_STEP as i64,
                    ((step * PER_STEP) % MEMBERS) as i64
                ],
            )
        })
        .expect("edits");
        shared.record_local(&mut db).expect("record");
    }
    println!(
        "{:<58} {:>9.1} s",
        format!("{EDITS} edits recorded in {} steps", EDITS / PER_STEP),
        start.elapsed().as_secs_f64()
    );
    let reopened = median_of(5, || {
        let start = Instant::now();
        let again = SharedCommunity::open(&db, id)
            .expect("open")
            .expect("still shared");
        let took = start.elapsed();
        drop(again);
        took
    });
    report(
        &format!("open the shared community again after {EDITS} edits"),
        reopened,
        Some(Duration::from_secs(1)),
    );
}

/// The metrics issue's target: the dashboard of a network of 100,000 members, 10,000 events
/// (each with its answers, check-ins and feedback) and 1,000,000 activities computed in
/// ≤ 200 ms: the twelve months up to today, the twelve before, and each month.
fn metrics() {
    use hearth_core::metrics;

    const MEMBERS: i64 = 100_000;
    const ACTIVITIES: i64 = 1_000_000;
    const EVENTS: i64 = 10_000;
    const ATTENDEES: i64 = 25;
    const DAYS: i64 = 3 * 365;
    let (data, mut db, id) = network("en", "Europe/Lisbon");
    let start = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let mut next = draws(0x9e37_79b9_7f4a_7c15);
    db.write(|w| {
        let now = chrono::Utc::now();
        for i in 0..MEMBERS {
            let name = format!("Member {i}");
            let joined = today - chrono::Duration::days(next(DAYS as u64) as i64);
            let left = (next(20) == 0).then(|| joined + chrono::Duration::days(next(300) as i64));
            w.execute(
                "INSERT INTO members (uid, community_id, name, joined_on, left_on, search_text,
                                      sort_name, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)",
                rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    id,
                    name,
                    joined,
                    left,
                    name.to_lowercase(),
                    now
                ],
            )?;
        }
        let first: i64 = w.query_row("SELECT min(id) AS id FROM members", [], |r| r.get("id"))?;
        for _ in 0..ACTIVITIES {
            let member = skewed_member(&mut next, first, MEMBERS);
            let on = today - chrono::Duration::days(next(DAYS as u64) as i64);
            w.execute(
                "INSERT INTO activities (uid, community_id, member_id, kind, occurred_on,
                                         created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'help', ?4, ?5, ?5)",
                rusqlite::params![uuid::Uuid::now_v7().to_string(), id, member, on, now],
            )?;
        }
        for e in 0..EVENTS {
            let day = today - chrono::Duration::days(DAYS - e * DAYS / EVENTS);
            let starts = format!("{day}T18:00:00Z");
            let ends = format!("{day}T20:00:00Z");
            w.execute(
                "INSERT INTO events (uid, community_id, title, kind, format, starts_at, ends_at,
                                     time_zone, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'meetup', 'offline', ?4, ?5, 'Europe/Lisbon', 'done', ?6, ?6)",
                rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    id,
                    format!("Meetup {e}"),
                    starts,
                    ends,
                    now
                ],
            )?;
            let event = w.last_insert_rowid();
            let mut seen = std::collections::HashSet::new();
            for _ in 0..ATTENDEES {
                let member = skewed_member(&mut next, first, MEMBERS);
                if !seen.insert(member) {
                    continue;
                }
                let came = next(10) < 8;
                let score = (came && next(3) == 0).then(|| 1 + next(5) as i64);
                let nps = score.map(|_| next(11) as i64);
                w.execute(
                    "INSERT INTO attendance (uid, event_id, member_id, rsvp, responded_at,
                                             checked_in_at, feedback_score, nps, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 'going', ?4, ?5, ?6, ?7, ?4, ?4)",
                    rusqlite::params![
                        uuid::Uuid::now_v7().to_string(),
                        event,
                        member,
                        now,
                        came.then_some(&starts),
                        score,
                        nps
                    ],
                )?;
            }
        }
        Ok(())
    })
    .unwrap();
    println!(
        "\nmetrics: {MEMBERS} members, {ACTIVITIES} activities and {EVENTS} events with \
         up to {ATTENDEES} answers each, over {DAYS} days (generated in {:.1} s)",
        start.elapsed().as_secs_f64()
    );
    let range = metrics::default_range(&db, id).unwrap();
    let mut board = None;
    let took = median(5, || {
        board = Some(metrics::dashboard(&db, id, range).unwrap());
    });
    let board = board.unwrap();
    report(
        &format!(
            "dashboard, {} to {} and the year before, by month",
            range.from, range.to
        ),
        took,
        Some(Duration::from_millis(200)),
    );
    let json = median(5, || {
        metrics::export::to_json(&board);
    });
    report("the dashboard as JSON", json, None);
    let levels = median(3, || {
        metrics::levels::levels(&db, id, range).unwrap();
    });
    report(
        "engagement levels at each month's end (read after the cards)",
        levels,
        None,
    );
    // Goals on computed metrics read the network once for all of them; taken away again,
    // so the app's half below times the cards alone, as before there were goals.
    let set: Vec<i64> = [
        ("active_members", "20000"),
        ("events_per_month", "12"),
        ("satisfaction", "4,5"),
        ("no_show_rate", "15"),
        ("new_members", "5000"),
    ]
    .iter()
    .map(|(metric, target)| {
        let input = metrics::goals::GoalInput {
            metric: (*metric).into(),
            target: (*target).into(),
            due_on: (today + chrono::Duration::days(90)).to_string(),
            ..metrics::goals::GoalInput::default()
        };
        metrics::goals::create(&mut db, id, &input).unwrap().id
    })
    .collect();
    let goals = median(5, || {
        metrics::goals::list(&db, id).unwrap();
    });
    report(
        "five goals on computed metrics, with their progress",
        goals,
        None,
    );
    for goal in set {
        metrics::goals::delete(&mut db, goal).unwrap();
    }
    // The same network for the app's half of the target (bench-metrics): a data folder with
    // this database, when one is asked for.
    if let Some(out) = std::env::var_os("HEARTH_BENCH_METRICS_DATA") {
        let out = std::path::PathBuf::from(out);
        std::fs::create_dir_all(&out).expect("the folder for the metrics data");
        // Closed first: the last connection folds its log into the file.
        drop(db);
        let file = hearth_core::data_dir::DB_FILE;
        std::fs::copy(data.path().join(file), out.join(file)).expect("copy the network's database");
        println!("  (the network's data written to {})", out.display());
    }
}

/// The printed meetup plan of the demo's next meetup (everyone who answered, an agenda,
/// roles and a checklist, over a roster of the demo's size); the target is the issue's.
fn meetup_plan() {
    use hearth_core::print::{self, Output, Paper, Variant};
    println!("\nmeetup plan: the demo's next meetup\n");
    let dir = tempfile::tempdir().unwrap();
    let mut db = hearth_core::Db::open(&dir.path().join("hearth.sqlite3")).unwrap();
    let c = hearth_core::demo::create(&mut db, hearth_core::Locale::En).unwrap();
    let today = chrono::Utc::now().to_rfc3339();
    let next = hearth_core::events::list(&db, c.id, None, None)
        .unwrap()
        .into_iter()
        .find(|e| e.series_id.is_some() && e.starts_at.to_rfc3339() >= today)
        .expect("a meetup to come");
    let going = hearth_core::events::page::get(&db, next.id)
        .unwrap()
        .turnout
        .going;
    for (variant, what) in [
        (Variant::Full, "full plan"),
        (Variant::Agenda, "one-page agenda"),
        (Variant::Checkin, "check-in sheet"),
    ] {
        let took = median(21, || {
            print::meetup_plan(
                &db,
                next.id,
                variant,
                Paper::A4,
                Output::Document,
                "en_GB.UTF-8",
            )
            .unwrap();
        });
        report(
            &format!("generate the {what} ({going} going)"),
            took,
            Some(Duration::from_millis(20)),
        );
    }
}

/// The calendar's core operations, on 5,000 events (the design's start-up case), 200 of
/// them in one month (its month-view case). The month view's and the drag's targets are
/// for the whole screen; these are hearth-core's share of them.
fn events() {
    use hearth_core::events::{self, recurrence::RecurrenceInput, series, EventInput};
    println!("\nevents: 5,000 in a community, 200 of them in March 2027\n");
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut db = hearth_core::Db::open(&dir.path().join("hearth.sqlite3")).unwrap();
    let c = community::create(
        &mut db,
        &NewCommunity {
            name: "Lisbon Rust".into(),
            locale: "en".into(),
            time_zone: "Europe/Lisbon".into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id;
    let meetup = |day: chrono::NaiveDate, hour: u32| EventInput {
        title: format!("Meetup on {day}"),
        kind: "meetup".into(),
        format: "offline".into(),
        start: format!("{day}T{hour:02}:00"),
        end: format!("{day}T{:02}:30", hour + 2),
        capacity: Some("80".into()),
        ..EventInput::default()
    };
    let march = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let start = Instant::now();
    // 200 in March 2027: about seven a day.
    for i in 0..200u32 {
        let day = march + chrono::Duration::days(i64::from(i % 31));
        events::create(&mut db, c, &meetup(day, 9 + i % 10)).unwrap();
    }
    // 4,800 more over the four years around it, outside March 2027.
    let mut made = 0;
    let mut day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    while made < 4_800 {
        if !(day.year() == 2027 && day.month() == 3) {
            events::create(&mut db, c, &meetup(day, 18)).unwrap();
            made += 1;
        }
        day += chrono::Duration::hours(7);
    }
    report("create 5,000 events, one write each", start.elapsed(), None);

    let (from, to) = (
        march.and_hms_opt(0, 0, 0).unwrap().and_utc(),
        chrono::NaiveDate::from_ymd_opt(2027, 4, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc(),
    );
    let month = median(21, || {
        assert_eq!(
            events::list(&db, c, Some(from), Some(to)).unwrap().len(),
            200
        );
    });
    report(
        "list a month of 200 events (of 5,000)",
        month,
        Some(Duration::from_millis(100)),
    );

    let moved = events::list(&db, c, Some(from), Some(to)).unwrap()[0].id;
    let mut flip = false;
    let drag = median(21, || {
        flip = !flip;
        let day = if flip {
            march + chrono::Duration::days(1)
        } else {
            march
        };
        events::update(&mut db, moved, &meetup(day, 19)).unwrap();
    });
    report(
        "move one event (a drag's write, then read back)",
        drag,
        Some(Duration::from_millis(50)),
    );

    let start = Instant::now();
    let weekly = series::create(
        &mut db,
        c,
        &meetup(chrono::NaiveDate::from_ymd_opt(2027, 1, 7).unwrap(), 19),
        &RecurrenceInput {
            repeat: "weekly".into(),
            count: Some(520),
            ..RecurrenceInput::default()
        },
    )
    .unwrap();
    report(
        "create a weekly series of 520 occurrences",
        start.elapsed(),
        None,
    );
    assert_eq!(weekly.occurrences.len(), 520);

    let start = Instant::now();
    let exported = events::ical::export::community(&db, c).unwrap();
    report(
        "export the 5,520 events as iCalendar",
        start.elapsed(),
        None,
    );
    assert!(exported.contains("BEGIN:VTIMEZONE"));
    ics_import();
}

/// A calendar file of 10,000 events as another program writes it: 9,000 single events
/// (a tenth of them whole days) and 20 monthly series of 50, each with an exception.
fn ten_thousand_events_ics() -> String {
    let mut ics = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bench//EN\r\nX-WR-TIMEZONE:Europe/Lisbon\r\n",
    );
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for i in 0..9_000u32 {
        let day = (first + chrono::Duration::hours(i64::from(i) * 7)).format("%Y%m%d");
        if i % 10 == 0 {
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:single-{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n\
                 DTSTART;VALUE=DATE:{day}\r\nSUMMARY:Conference day {i}\r\nEND:VEVENT\r\n"
            ));
        } else {
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:single-{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n\
                 DTSTART;TZID=W. Europe Standard Time:{day}T190000\r\n\
                 DTEND;TZID=W. Europe Standard Time:{day}T210000\r\nSUMMARY:Meetup {i}\r\n\
                 DESCRIPTION:Talks\\, pizza and questions\\nfrom 19:00\r\n\
                 LOCATION:Hall {}\\, Main street 1\r\nEND:VEVENT\r\n",
                i % 12
            ));
        }
    }
    for s in 0..20u32 {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:series-{s}@bench\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART;TZID=Europe/Lisbon:20240111T183000\r\nDTEND;TZID=Europe/Lisbon:20240111T200000\r\n\
             RRULE:FREQ=MONTHLY;BYDAY=2TH;COUNT=51\r\nEXDATE;TZID=Europe/Lisbon:20240808T183000\r\n\
             SUMMARY:Series {s}\r\nEND:VEVENT\r\n"
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

fn ics_import() {
    use hearth_core::events::{self, ical};
    let ics = ten_thousand_events_ics();
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut db = hearth_core::Db::open(&dir.path().join("hearth.sqlite3")).unwrap();
    let c = community::create(
        &mut db,
        &NewCommunity {
            name: "Lisbon Rust".into(),
            locale: "en".into(),
            time_zone: "Europe/Lisbon".into(),
            launch_date: None,
        },
    )
    .unwrap()
    .id;
    let start = Instant::now();
    let report_ = ical::import::commit(&mut db, c, ics.as_bytes()).unwrap();
    report(
        &format!(
            "import a 10,000-event .ics ({} KB) into an empty community",
            ics.len() / 1024
        ),
        start.elapsed(),
        Some(Duration::from_secs(1)),
    );
    assert_eq!(report_.events + report_.occurrences, 10_000);
    assert_eq!(events::list(&db, c, None, None).unwrap().len(), 10_000);
    let start = Instant::now();
    let again = ical::import::commit(&mut db, c, ics.as_bytes()).unwrap();
    report(
        "import the same file again (10,000 updates by UID)",
        start.elapsed(),
        None,
    );
    assert_eq!(again.updated, 9_020);
}

fn core_operations() {
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

/// The roster issue's search target: ≤ 15 ms per query (p95) over 100,000 members, for Latin
/// and Cyrillic substrings as they are typed, one keystroke after another. Core keeps the
/// last few queries' matches, so each query is timed once, on its first read; the first
/// read after a change (which rebuilds core's in-memory roster) is timed on its own.
fn members_search() {
    use hearth_core::members::roster::{self, RosterQuery};

    const MEMBERS: usize = 100_000;
    let (dir, mut db, id) = network("ru", "Europe/Moscow");
    let start = Instant::now();
    generate_members(&mut db, id, MEMBERS);
    println!(
        "\nroster search: {MEMBERS} generated members, Latin and Cyrillic (generated in {:.1} s)",
        start.elapsed().as_secs_f64()
    );
    if std::env::var_os("HEARTH_BENCH_KEEP").is_some() {
        // To look at the query plans in the generated file afterwards.
        println!("kept: {}", db.path().display());
        std::mem::forget(dir);
        return;
    }

    let typed = [
        "a",
        "an",
        "ana",
        "ana s",
        "silva",
        "jo",
        "joão",
        "smith",
        "gmail",
        "rust",
        "farfetch",
        "@talkdesk",
        "и",
        "ив",
        "иван",
        "иванов",
        "петр",
        "елкин",
        "федор",
        "яндекс",
        "ова",
        "сер",
        "дизайн",
        "zzzz",
        "щщщ",
    ];
    let bump = |db: &mut hearth_core::Db| {
        db.write(|w| w.execute("UPDATE meta SET value = value WHERE key = 'revision'", []))
            .unwrap();
    };
    let search = |text: &str| RosterQuery {
        search: text.into(),
        ..RosterQuery::default()
    };
    let mut opening = Vec::new();
    for _ in 0..7 {
        bump(&mut db);
        let start = Instant::now();
        roster::page(&db, id, &RosterQuery::default(), 0, 100).unwrap();
        opening.push(start.elapsed());
    }
    opening.sort();
    report(
        "opening: first page of everyone, from the name index",
        opening[opening.len() / 2],
        Some(Duration::from_millis(15)),
    );
    let mut after_change = Vec::new();
    for _ in 0..7 {
        bump(&mut db);
        let start = Instant::now();
        roster::page(&db, id, &search("иван"), 0, 100).unwrap();
        after_change.push(start.elapsed());
    }
    after_change.sort();
    report(
        "first search after a change (rebuilds the in-memory roster)",
        after_change[after_change.len() / 2],
        None,
    );
    let mut times = Vec::new();
    let mut found = Vec::new();
    for round in 0..5 {
        for text in typed {
            // Core keeps the matches of the last four queries only, so with 25 texts a
            // round every read here is a first read.
            let query = search(text);
            let start = Instant::now();
            let page = roster::page(&db, id, &query, 0, 100).unwrap();
            times.push(start.elapsed());
            if round == 0 {
                found.push(format!("{text}: {}", page.total));
            }
        }
    }
    println!("  matches: {}", found.join(", "));
    times.sort();
    let p95 = times[times.len() * 95 / 100];
    let p50 = times[times.len() / 2];
    report(
        &format!("search as typed, first page of 100, p50 of {}", times.len()),
        p50,
        None,
    );
    report(
        &format!("search as typed, first page of 100, p95 of {}", times.len()),
        p95,
        Some(Duration::from_millis(15)),
    );
    report(
        "search as typed, slowest query",
        *times.last().unwrap(),
        None,
    );

    // Scrolling: pages deep in a query the table has already asked for.
    let everyone = RosterQuery::default();
    roster::page(&db, id, &everyone, 0, 100).unwrap();
    let mut offset = 0;
    report(
        "scroll: a page of 100 at any offset, same query",
        median(51, || {
            offset = (offset + 1_937) % MEMBERS as u32;
            drop(roster::page(&db, id, &everyone, offset, 100).unwrap())
        }),
        None,
    );
    // Each timed once per round, the recent lists emptied by other queries in between.
    let timed = |what: &str, query: RosterQuery, offset: u32| {
        let mut n = 0;
        let took = median_of(11, || {
            n += 1;
            for filler in ["1", "2", "3", "4"] {
                roster::page(&db, id, &search(&format!("{filler}{n}")), 0, 1).unwrap();
            }
            let start = Instant::now();
            drop(roster::page(&db, id, &query, offset, 100).unwrap());
            start.elapsed()
        });
        report(what, took, Some(Duration::from_millis(15)));
    };
    timed("everyone by name, first page", RosterQuery::default(), 0);
    timed(
        "everyone by name, page at 90,000",
        RosterQuery::default(),
        90_000,
    );
    for sort in ["joined", "engagement", "lastActivity"] {
        timed(
            &format!("everyone by {sort}, descending, first page"),
            RosterQuery {
                sort: sort.into(),
                descending: true,
                ..RosterQuery::default()
            },
            0,
        );
    }
    timed(
        "filter: level leader or experienced, role speaker",
        RosterQuery {
            levels: vec!["leader".into(), "experienced".into()],
            roles: vec!["speaker".into()],
            ..RosterQuery::default()
        },
        0,
    );
    timed(
        "filter: tag Rust, joined in 2025",
        RosterQuery {
            tags: vec!["rust".into()],
            joined_from: Some("2025-01-01".into()),
            joined_to: Some("2025-12-31".into()),
            ..RosterQuery::default()
        },
        0,
    );
    timed(
        "search \"ова\" + engagement contributor, by engagement",
        RosterQuery {
            search: "ова".into(),
            engagement: vec!["contributor".into()],
            sort: "engagement".into(),
            descending: true,
            ..RosterQuery::default()
        },
        0,
    );
    // The plan's owner picker asks for a few members as the owner's name is typed.
    let mut owners: Vec<Duration> = typed
        .iter()
        .map(|text| {
            let start = Instant::now();
            hearth_core::members::owners::candidates(&db, id, text, 8).unwrap();
            start.elapsed()
        })
        .collect();
    owners.sort();
    report(
        &format!(
            "owner search as typed (the plan's picker), p95 of {}",
            owners.len()
        ),
        owners[owners.len() * 95 / 100],
        Some(Duration::from_millis(15)),
    );
    report(
        "tags in use (the tag filter's choices)",
        median(11, || drop(roster::tags_in_use(&db, id).unwrap())),
        None,
    );
    let some: Vec<i64> = roster::ids(&db, id, &RosterQuery::default()).unwrap()[..1_000].to_vec();
    let mut flip = false;
    report(
        "bulk: add or remove a tag on 1,000 members",
        median(5, || {
            flip = !flip;
            let tags = ["Bench".to_string()];
            if flip {
                roster::bulk_add_tags(&mut db, &some, &tags).unwrap();
            } else {
                roster::bulk_remove_tags(&mut db, &some, &tags).unwrap();
            }
        }),
        None,
    );
    let everyone = roster::ids(&db, id, &RosterQuery::default()).unwrap();
    let start = Instant::now();
    let changed = roster::bulk_add_role(&mut db, &everyone, "volunteer").unwrap();
    report(
        &format!("bulk: a role for everyone selected ({changed} changed)"),
        start.elapsed(),
        None,
    );
}

/// Runs `f` `runs` times and returns the median of the durations it measured itself.
fn median_of(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[runs / 2]
}

/// Members with names, contacts, companies, handles and tags in both scripts, written in one
/// transaction. The derived columns are made as core makes them (store.rs: the searched
/// fields joined with a unit separator, normalised), as no public call adds members in bulk.
fn generate_members(db: &mut hearth_core::Db, community_id: i64, count: usize) {
    use hearth_core::members::normalise;

    const LATIN_FIRST: &[&str] = &[
        "Ana", "Bruno", "Carla", "João", "Maria", "Pedro", "Sofia", "Tiago", "Inês", "Rui", "John",
        "Emily", "Michael", "Sarah", "David", "Laura", "Miguel", "Beatriz",
    ];
    const LATIN_LAST: &[&str] = &[
        "Silva", "Santos", "Ferreira", "Costa", "Oliveira", "Pereira", "Smith", "Johnson", "Brown",
        "Ribeiro", "Carvalho", "Almeida", "Williams", "Taylor",
    ];
    const CYRILLIC_FIRST: &[(&str, bool)] = &[
        ("Анна", true),
        ("Иван", false),
        ("Пётр", false),
        ("Ольга", true),
        ("Алексей", false),
        ("Елена", true),
        ("Дмитрий", false),
        ("Мария", true),
        ("Сергей", false),
        ("Наталья", true),
        ("Артём", false),
        ("Фёдор", false),
        ("Юлия", true),
    ];
    const CYRILLIC_LAST: &[&str] = &[
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Соколов",
        "Лебедев",
        "Козлов",
        "Новиков",
        "Морозов",
        "Волков",
        "Ёлкин",
        "Фёдоров",
        "Сергеев",
    ];
    const COMPANIES: &[&str] = &[
        "Яндекс",
        "Сбер",
        "Т-Банк",
        "VK",
        "Ozon",
        "Farfetch",
        "Talkdesk",
        "Google",
        "Microsoft",
        "OutSystems",
        "Лаборатория Касперского",
        "JetBrains",
        "",
    ];
    const DOMAINS: &[&str] = &[
        "gmail.com",
        "yandex.ru",
        "mail.ru",
        "talkdesk.com",
        "example.org",
    ];
    const TAGS: &[&str] = &[
        "Rust",
        "Go",
        "Python",
        "Kotlin",
        "DevOps",
        "ML",
        "Дизайн",
        "Аналитика",
        "Frontend",
        "Kafka",
        "ClickHouse",
        "Продакт",
        "Security",
        "Data",
    ];
    const LEVELS: &[&str] = &["newcomer", "mid_level", "experienced", "leader"];
    const ROLES: &[&str] = &[
        "member",
        "organizer",
        "moderator",
        "speaker",
        "volunteer",
        "sponsor",
    ];
    const ENGAGEMENT: &[&str] = &["advocate", "contributor", "participant", "observer"];

    // A fixed linear congruential sequence: the same members on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| -> usize {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    db.write(|w| {
        for i in 0..count {
            let (name, email) = if next(2) == 0 {
                let (first, last) = (LATIN_FIRST[next(LATIN_FIRST.len())], LATIN_LAST[next(LATIN_LAST.len())]);
                let email = format!(
                    "{}.{}{i}@{}",
                    normalise(first),
                    normalise(last),
                    DOMAINS[next(DOMAINS.len())]
                );
                (format!("{first} {last}"), email)
            } else {
                let (first, female) = CYRILLIC_FIRST[next(CYRILLIC_FIRST.len())];
                let last = CYRILLIC_LAST[next(CYRILLIC_LAST.len())];
                let last = if female { format!("{last}а") } else { last.to_string() };
                let email = if next(3) == 0 { String::new() } else { format!("user{i}@{}", DOMAINS[next(DOMAINS.len())]) };
                (format!("{first} {last}"), email)
            };
            let company = COMPANIES[next(COMPANIES.len())];
            let telegram = if next(3) == 0 { format!("tg_{i}") } else { String::new() };
            let github = if next(4) == 0 { format!("gh{i}") } else { String::new() };
            let tags: Vec<&str> = (0..next(4)).map(|_| TAGS[next(TAGS.len())]).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            let roles: Vec<&str> = if next(5) == 0 { vec![ROLES[next(ROLES.len())]] } else { vec!["member"] };
            let mut searched: Vec<&str> = vec![&name, &email, company, &telegram, "", &github, ""];
            searched.extend(tags.iter().copied());
            let search_text = normalise(
                &searched.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" \u{1f} "),
            );
            let joined = format!("20{:02}-{:02}-{:02}", 18 + next(8), 1 + next(12), 1 + next(28));
            let active = if next(3) == 0 { None } else { Some(format!("2026-{:02}-{:02}", 1 + next(11), 1 + next(28))) };
            w.execute(
                "INSERT INTO members (uid, community_id, name, email, company, telegram, github, level,
                     roles, tags, joined_on, search_text, sort_name, engagement_score,
                     engagement_level, last_activity_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                rusqlite::params![
                    format!("bench-member-{i}"),
                    community_id,
                    name,
                    email,
                    company,
                    telegram,
                    github,
                    if next(5) == 0 { None } else { Some(LEVELS[next(LEVELS.len())]) },
                    serde_json::to_string(&roles).unwrap(),
                    serde_json::to_string(&tags).unwrap(),
                    joined,
                    search_text,
                    normalise(&name),
                    next(500) as f64 / 10.0,
                    ENGAGEMENT[next(ENGAGEMENT.len())],
                    active,
                ],
            )?;
        }
        Ok(())
    })
    .unwrap();
}

/// Engagement over 100,000 members and 1,000,000 activities spread over 18 months (a few
/// members do much, most do little): the daily catch-up (`refresh_if_stale`) when the day
/// has turned, and when it was done already; one member's recomputation as an activity is
/// added; the two recognition panels. Run alone: `bench engagement`.
fn engagement() {
    use hearth_core::members::{activities, engagement, ActivityInput};

    const MEMBERS: i64 = 100_000;
    const ACTIVITIES: i64 = 1_000_000;
    const DAYS: i64 = 540;
    const KINDS: &[&str] = &[
        "talk",
        "content",
        "help",
        "joint_project",
        "recommendation",
        "kudos",
        "event_attended",
        "other",
    ];
    let (dir, mut db, id) = network("en", "UTC");
    let start = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let mut next = draws(0x2545_f491_4f6c_dd1d);
    db.write(|w| {
        let now = chrono::Utc::now();
        for i in 0..MEMBERS {
            let name = format!("Member {i}");
            w.execute(
                "INSERT INTO members (uid, community_id, name, search_text, sort_name, created_at,
                                      updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5)",
                rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    id,
                    name,
                    name.to_lowercase(),
                    now
                ],
            )?;
        }
        let first: i64 = w.query_row("SELECT min(id) AS id FROM members", [], |r| r.get("id"))?;
        for _ in 0..ACTIVITIES {
            let member = skewed_member(&mut next, first, MEMBERS);
            let on = today - chrono::Duration::days(next(DAYS as u64) as i64);
            let kind = KINDS[next(KINDS.len() as u64) as usize];
            let weight = (next(10) == 0).then(|| next(20) as i64);
            w.execute(
                "INSERT INTO activities (uid, community_id, member_id, kind, weight, occurred_on,
                                         created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                rusqlite::params![
                    uuid::Uuid::now_v7().to_string(),
                    id,
                    member,
                    kind,
                    weight,
                    on,
                    now
                ],
            )?;
        }
        Ok(())
    })
    .unwrap();
    // The day of each member's latest activity, as core keeps it when activities are added.
    db.write(|w| {
        w.execute(
            "UPDATE members SET last_activity_on =
                 (SELECT max(occurred_on) FROM activities WHERE member_id = members.id)",
            [],
        )
    })
    .unwrap();
    println!(
        "\nengagement: {MEMBERS} members, {ACTIVITIES} activities over {DAYS} days (generated in {:.1} s)",
        start.elapsed().as_secs_f64()
    );
    if std::env::var_os("HEARTH_BENCH_KEEP").is_some() {
        println!("kept: {}", db.path().display());
        std::mem::forget(dir);
        return;
    }

    let start = Instant::now();
    let changed = engagement::refresh_if_stale(&mut db, id).unwrap();
    report(
        &format!("refresh_if_stale, first pass ({changed} members changed)"),
        start.elapsed(),
        None,
    );
    // The day turns: every activity one day older (not timed), then the first call of the
    // new day recomputes the decayed scores.
    let mut changed = 0;
    let mut runs = Vec::new();
    for _ in 0..3 {
        db.write(|w| {
            w.execute(
                "UPDATE activities SET occurred_on = date(occurred_on, '-1 day')",
                [],
            )?;
            w.execute(
                "DELETE FROM settings WHERE key LIKE 'engagement.refreshed.%'",
                [],
            )
        })
        .unwrap();
        let start = Instant::now();
        changed = engagement::refresh_if_stale(&mut db, id).unwrap();
        runs.push(start.elapsed());
    }
    runs.sort();
    let new_day = runs[1];
    report(
        &format!("refresh_if_stale, a new day ({changed} members changed)"),
        new_day,
        Some(Duration::from_millis(1000)),
    );
    let same_day = median(51, || {
        assert_eq!(engagement::refresh_if_stale(&mut db, id).unwrap(), 0);
    });
    report(
        "refresh_if_stale, already done today",
        same_day,
        Some(Duration::from_millis(1)),
    );
    // The busiest member (the first) gains an activity: recomputed in the same write.
    let busiest: i64 = db
        .read(|r| r.query_row("SELECT min(id) AS id FROM members", [], |row| row.get("id")))
        .unwrap();
    let add = median(21, || {
        let input = ActivityInput {
            kind: "help".into(),
            ..ActivityInput::default()
        };
        activities::add(&mut db, busiest, &input).unwrap();
    });
    let their = activities::timeline(&db, busiest).unwrap().len();
    report(
        &format!("activities::add with recompute ({their} activities)"),
        add,
        None,
    );
    let explain = median(21, || {
        engagement::explain(&db, busiest).unwrap();
    });
    report("engagement::explain, the busiest member", explain, None);
    let month_ago = chrono::Utc::now().date_naive() - chrono::Duration::days(30);
    let top = median(11, || {
        engagement::top_contributors(&db, id, Some(month_ago), None, 10).unwrap();
    });
    report("top contributors of the last 30 days", top, None);
    let mut total = 0;
    let losing = median(5, || {
        total = engagement::losing_touch(&db, id, 20).unwrap().total;
    });
    report(&format!("losing touch ({total} members)"), losing, None);
}

/// The roster issue's import target: a 100,000-row CSV imported in ≤ 2 s, and in ≤ 3× a plain
/// rusqlite insert of the same rows (one transaction, one prepared statement, the values
/// already in memory: no reading, checking, duplicates or uids) measured in the same run.
/// Each run writes into a new database, so every import adds all its rows.
fn import_members() {
    use std::sync::atomic::AtomicBool;

    use hearth_core::members::import::{self, ImportOptions};

    const ROWS: usize = 100_000;
    let (csv, rows) = import_file(ROWS);
    println!(
        "\nmember import: a CSV of {ROWS} rows, {:.1} MiB (Latin and Cyrillic names, emails, \
         phones, companies, cities, tags, dates DD.MM.YYYY)",
        csv.len() as f64 / 1024.0 / 1024.0
    );
    let fresh = || network("ru", "Europe/Moscow");
    let runs = 3;
    let mut floor = Vec::new();
    let mut floor_cached = Vec::new();
    let mut imports = Vec::new();
    let mut previews = Vec::new();
    let mut import_cpu = Vec::new();
    let mut floor_cpu = Vec::new();
    for _ in 0..runs {
        for (cache, times) in [(None, &mut floor), (Some(256 * 1024), &mut floor_cached)] {
            let (_dir, db, id) = fresh();
            let path = db.path().to_path_buf();
            drop(db);
            let cpu = cpu_time();
            times.push(plain_insert(&path, id, &rows, cache));
            if cache.is_some() {
                floor_cpu.push(cpu_time().saturating_sub(cpu));
            }
        }

        let (_dir, mut db, id) = fresh();
        let start = Instant::now();
        let preview =
            import::preview(&db, id, "members.csv", &csv, &ImportOptions::default()).unwrap();
        previews.push(start.elapsed());
        assert_eq!((preview.problem_count, preview.add), (0, ROWS as u32));
        let (start, cpu) = (Instant::now(), cpu_time());
        let report = import::commit(
            &mut db,
            id,
            "members.csv",
            &csv,
            &ImportOptions::default(),
            &|_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        imports.push(start.elapsed());
        import_cpu.push(cpu_time().saturating_sub(cpu));
        assert_eq!(report.added, ROWS as u32);
    }
    let mid = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (floor, floor_cached) = (mid(floor), mid(floor_cached));
    let (import, preview) = (mid(imports), mid(previews));
    report(
        "floor: plain rusqlite insert of the same 100k rows",
        floor,
        None,
    );
    report(
        "floor with the import's page cache (256 MiB)",
        floor_cached,
        None,
    );
    report(
        "preview of the 100k-row CSV (read, check, duplicates)",
        preview,
        None,
    );
    report(
        "import of the 100k-row CSV (all of it, one transaction)",
        import,
        Some(Duration::from_secs(2)),
    );
    // Others may build on the machine's cores meanwhile: the processor time the import
    // used says what it costs whatever they do (the rest of the wall time is waiting for a
    // core, and for the disk on commit). The import reads a large file on two threads.
    let (import_cpu, floor_cpu) = (mid(import_cpu), mid(floor_cpu));
    report(
        "  CPU time of the import (both its threads)",
        import_cpu,
        None,
    );
    report(
        "  CPU time of the floor with the same cache",
        floor_cpu,
        None,
    );
    println!(
        "{:<58} {:>9.2} ×",
        "  import ÷ floor in CPU time",
        import_cpu.as_secs_f64() / floor_cpu.as_secs_f64().max(1e-9)
    );
    for (what, floor) in [
        ("import ÷ plain floor", floor),
        ("import ÷ floor with the same page cache", floor_cached),
    ] {
        let ratio = import.as_secs_f64() / floor.as_secs_f64();
        println!(
            "{what:<58} {ratio:>9.2} ×    target ≤      3 ×   {}",
            if ratio <= 3.0 { "ok" } else { "OVER" }
        );
    }
}

/// One generated row: name, email, phone, company, position, city, tags, joined (as the
/// file writes it, DD.MM.YYYY, and as stored, YYYY-MM-DD).
type GeneratedRow = [String; 9];

/// A sign-up export of `count` people, and its rows for the floor.
fn import_file(count: usize) -> (Vec<u8>, Vec<GeneratedRow>) {
    const FIRST: &[&str] = &[
        "Ana",
        "Pedro",
        "Maria",
        "João",
        "Inês",
        "Tiago",
        "Sofia",
        "Rui",
        "Анна",
        "Пётр",
        "Мария",
        "Иван",
        "Ольга",
        "Дмитрий",
        "Елена",
        "Сергей",
        "Алёна",
        "Fyodor",
        "Emma",
        "Liam",
    ];
    const LAST: &[&str] = &[
        "Ribeiro",
        "Santos",
        "Ferreira",
        "Costa",
        "Oliveira",
        "Иванов",
        "Смирнова",
        "Кузнецов",
        "Попова",
        "Ёлкин",
        "Соколова",
        "Lebedev",
        "Novak",
        "Smith",
        "Müller",
        "García",
    ];
    const COMPANIES: &[&str] = &[
        "Farfetch",
        "Яндекс",
        "Сбер",
        "OutSystems",
        "Talkdesk",
        "Тинькофф",
        "Unbabel",
        "Avito",
        "",
        "Freelance",
    ];
    const CITIES: &[&str] = &[
        "Lisbon",
        "Porto",
        "Москва",
        "Казань",
        "Berlin",
        "",
        "Новосибирск",
    ];
    const TAGS: &[&str] = &[
        "Rust",
        "SQL",
        "Kafka",
        "Python",
        "ML",
        "Go",
        "Данные",
        "DevOps",
    ];
    let mut text = String::from("Name,Email,Phone,Company,Position,City,Tags,Joined on\n");
    let mut rows = Vec::with_capacity(count);
    for i in 0..count {
        let name = format!(
            "{} {} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()],
            i
        );
        let email = format!("member{i}@example.org");
        let phone = format!(
            "+7 9{:02} {:03}-{:02}-{:02}",
            i % 100,
            i / 100 % 1000,
            i % 97,
            i % 89
        );
        let company = COMPANIES[i % COMPANIES.len()].to_string();
        let position = if i % 3 == 0 {
            "Data engineer"
        } else {
            "Developer"
        }
        .to_string();
        let city = CITIES[i % CITIES.len()].to_string();
        let tags = format!("{}, {}", TAGS[i % TAGS.len()], TAGS[(i / 7) % TAGS.len()]);
        let (day, month, year) = (i % 28 + 1, i % 12 + 1, 2015 + i % 11);
        let joined_file = format!("{day:02}.{month:02}.{year}");
        let joined = format!("{year}-{month:02}-{day:02}");
        text.push_str(&format!(
            "{name},{email},{phone},{company},{position},{city},\"{tags}\",{joined_file}\n"
        ));
        rows.push([
            name,
            email,
            phone,
            company,
            position,
            city,
            tags,
            joined_file,
            joined,
        ]);
    }
    (text.into_bytes(), rows)
}

/// The floor: the same rows inserted with rusqlite alone into the same table and indexes,
/// with the same connection settings as Hearth's, in one transaction through one prepared
/// statement. Derived columns get plain copies; roles and tags constant JSON.
/// `cache_kib`: SQLite's page cache, None for its default (2 MiB).
fn plain_insert(
    path: &std::path::Path,
    community_id: i64,
    rows: &[GeneratedRow],
    cache_kib: Option<i64>,
) -> Duration {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    if let Some(kib) = cache_kib {
        conn.pragma_update(None, "cache_size", -kib).unwrap();
    }
    let start = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO members (uid, community_id, name, email, phone, company, position,
                     city, tags, joined_on, search_text, sort_name, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            )
            .unwrap();
        for (i, r) in rows.iter().enumerate() {
            insert
                .execute(rusqlite::params![
                    format!("floor-{i}"),
                    community_id,
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    "[\"Rust\",\"SQL\"]",
                    r[8],
                    r[0],
                    r[0],
                    "2026-12-01T00:00:00Z",
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    start.elapsed()
}

/// The processor time the process has used, all its threads (user and system, from
/// Linux's /proc/self/stat in its 100 Hz ticks), or zero where it cannot be read.
fn cpu_time() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<u64> = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .skip(11)
                .take(2)
                .map(|f| f.parse().ok())
                .collect::<Option<_>>()?;
            Some(fields.iter().sum::<u64>())
        });
    ticks.map_or(Duration::ZERO, |t| Duration::from_millis(t * 10))
}
