//! Every schema version that ever shipped must still open: each fixture is a database
//! written by an earlier Hearth (with the sample community and an English one in it), and
//! opening a copy must migrate it to the current schema with its data intact.
//!
//! When a migration lands, add `fixtures/schema-vN.sqlite3` written by the release before it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test or a benchmark fails

use std::path::PathBuf;

use hearth_core::community;
use hearth_core::db::SCHEMA_VERSION;
use hearth_core::events;
use hearth_core::members::{self, roster};
use hearth_core::metrics;
use hearth_core::plan;
use hearth_core::sharing;
use hearth_core::Db;

fn fixtures() -> Vec<(u32, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?;
            let version = name
                .strip_prefix("schema-v")?
                .strip_suffix(".sqlite3")?
                .parse()
                .ok()?;
            Some((version, path))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn there_is_a_fixture_for_every_released_schema() {
    let versions: Vec<u32> = fixtures().into_iter().map(|(v, _)| v).collect();
    assert_eq!(versions, (1..=SCHEMA_VERSION).collect::<Vec<_>>());
}

#[test]
fn every_fixture_migrates_to_the_current_schema_with_its_data() {
    for (version, fixture) in fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hearth.sqlite3");
        std::fs::copy(&fixture, &path).unwrap();

        let mut db =
            Db::open(&path).unwrap_or_else(|e| panic!("schema v{version} does not open: {e}"));
        let report = db.check().unwrap();
        assert!(report.ok, "schema v{version} after migration: {report:?}");
        assert_eq!(report.schema_version, SCHEMA_VERSION);

        let names: Vec<String> = community::list(&db)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            ["Guild of Testers", "Дата-инженеры Казани"],
            "schema v{version}"
        );
        let listed = community::list(&db).unwrap();
        // Schema 3 marks the sample; one made before it is not known for one.
        let samples: Vec<bool> = listed.iter().map(|c| c.sample).collect();
        assert_eq!(
            samples,
            [false, version >= 3],
            "schema v{version}: which community is the sample"
        );
        let sample = listed[1].id;
        let summary = plan::summary(&db, sample).unwrap();
        assert_eq!(summary.total, 16, "schema v{version}: the plan survived");
        assert!(
            summary.done > 0,
            "schema v{version}: task statuses survived"
        );

        // Schema 4 brought the roster; the sample made since has its members, their
        // activities, its organizer's own record and owners linked to members.
        let listed_members = roster::page(&db, sample, &roster::RosterQuery::default(), 0, 500)
            .unwrap()
            .total;
        let owned_by_members = plan::plan(&db, sample)
            .unwrap()
            .stages
            .iter()
            .flat_map(|s| &s.tasks)
            .filter(|t| t.owner_member_id.is_some())
            .count();
        if version >= 4 {
            assert_eq!(
                listed_members, 150,
                "schema v{version}: the members survived"
            );
            let own = community::get(&db, sample).unwrap().own_member_id;
            let own = members::get(&db, own.expect("the organizer's own record")).unwrap();
            assert!(
                !members::activities::timeline(&db, own.id)
                    .unwrap()
                    .is_empty(),
                "schema v{version}: activities survived"
            );
            assert!(owned_by_members > 0, "schema v{version}: owners survived");
        } else {
            assert_eq!(
                listed_members, 0,
                "schema v{version}: no roster before schema 4"
            );
            assert_eq!(owned_by_members, 0);
        }

        // Schema 5 brought the calendar; the fixture's sample has an event at one of its
        // venues (two members answered it; it has a checklist task, an agenda item and a host)
        // and a series of three monthly webinars.
        let events = events::list(&db, sample, None, None).unwrap();
        if version >= 5 {
            assert_eq!(events.len(), 4, "schema v{version}: the events survived");
            let event = &events[0];
            assert_eq!(
                (event.start.as_str(), event.time_zone.as_str()),
                ("2026-12-10T19:00", "Europe/Moscow"),
                "schema v{version}: the event's time and zone survived"
            );
            let venue = events::venues::get(&db, event.venue_id.expect("a venue")).unwrap();
            assert_eq!(
                venue.capacity,
                Some(120),
                "schema v{version}: the venue survived"
            );
            let series = events::series::get(&db, events[1].series_id.expect("a series")).unwrap();
            assert_eq!(
                (series.rrule.as_str(), series.occurrences.len()),
                ("FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=3", 3),
                "schema v{version}: the series survived"
            );
            let answers: Vec<events::attendance::Rsvp> = events::attendance::list(&db, event.id)
                .unwrap()
                .iter()
                .map(|a| a.rsvp)
                .collect();
            assert_eq!(
                answers,
                [
                    events::attendance::Rsvp::Going,
                    events::attendance::Rsvp::Maybe
                ],
                "schema v{version}: the answers survived"
            );
            let checklist = events::checklist::list(&db, event.id).unwrap();
            assert_eq!(
                (checklist.len(), checklist[0].due.to_string()),
                (1, "2026-11-19".to_string()),
                "schema v{version}: the checklist survived, due three weeks before"
            );
            let agenda = events::agenda::items(&db, event.id).unwrap();
            assert_eq!(
                (
                    agenda.len(),
                    agenda[0].starts.as_str(),
                    agenda[0].ends.as_str()
                ),
                (1, "19:00", "19:40"),
                "schema v{version}: the agenda survived"
            );
            assert_eq!(events::agenda::roles(&db, event.id).unwrap().len(), 1);
        } else {
            assert!(
                events.is_empty(),
                "schema v{version}: no events before schema 5"
            );
        }

        // Schema 7 keeps each platform's member count as a recorded series, and brought
        // goals and the impact log; the fixture written by it has one of each kind.
        let recorded = metrics::series::list(&db, sample).unwrap();
        for platform in community::platforms::list(&db, sample).unwrap() {
            let Some(count) = platform.member_count else {
                continue;
            };
            let kept = recorded
                .iter()
                .find(|s| s.platform_id == Some(platform.id))
                .unwrap_or_else(|| panic!("schema v{version}: {}'s series", platform.name));
            assert_eq!(
                (kept.name.as_str(), kept.points.last().map(|p| p.value)),
                (platform.name.as_str(), Some(f64::from(count))),
                "schema v{version}: the platform's count became its series"
            );
        }
        let goals = metrics::goals::list(&db, sample).unwrap();
        if version >= 7 {
            let survey = recorded.iter().find(|s| s.platform_id.is_none()).unwrap();
            assert_eq!(
                (survey.name.as_str(), survey.points.len()),
                ("Опрос: польза встреч", 2),
                "schema v{version}: the recorded series survived"
            );
            assert_eq!(goals.len(), 2, "schema v{version}: the goals survived");
            assert_eq!(goals[0].series_id, None);
            assert_eq!(goals[1].series_id, Some(survey.id));
            let impact = metrics::impact::list(&db, 77).unwrap();
            assert_eq!(
                (impact.len(), impact[0].note.as_str()),
                (1, "Стал тимлидом"),
                "schema v{version}: the impact log survived"
            );
        } else {
            assert!(
                goals.is_empty(),
                "schema v{version}: no goals before schema 7"
            );
        }

        // Schema 8 keeps a shared community's document beside its rows; the fixtures written
        // since share the English community.
        let english = listed[0].id;
        let shared = sharing::SharedCommunity::open(&db, english);
        if version >= 9 {
            let mut shared = shared
                .unwrap()
                .expect("the shared community's document survived");
            assert_eq!(
                shared.record_local(&mut db).unwrap(),
                0,
                "schema v{version}: the document still matches the rows"
            );
            // Schema 10 links a shared community to a relay; the fixture written by it is
            // linked, the ones before are not yet.
            match version {
                9 => assert!(shared.link().is_none()),
                _ => assert_eq!(
                    shared.link().map(|code| code.to_string()).as_deref(),
                    Some("ws://192.168.1.20:3030#vhLKR9ae29F7kkfC1Ui81PADGg1"),
                    "schema v{version}: the relay and the id kept with the document"
                ),
            }
        } else if version == 8 {
            // Schema 8's documents are in layout 1, which no release let anyone share with:
            // refused, naming both layouts, and shared again from the rows, which are intact.
            let refused = shared
                .err()
                .expect("a layout-1 document is refused")
                .to_string();
            assert!(
                refused.contains("layout 1") && refused.contains("layout 2"),
                "{refused}"
            );
            sharing::SharedCommunity::stop(&mut db, english).unwrap();
            let mut again = sharing::SharedCommunity::share(&mut db, english).unwrap();
            assert_eq!(again.record_local(&mut db).unwrap(), 0);
        } else {
            assert!(
                shared.unwrap().is_none(),
                "schema v{version}: nothing shared before schema 8"
            );
        }
    }
}
