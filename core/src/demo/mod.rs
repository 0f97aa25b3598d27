//! The sample community: a realistic meetup group to look around in. Each capability adds
//! its part here (members, events, metrics) so the sample shows everything Hearth does.

mod events;
mod members;
mod metrics;

use chrono::{Duration, Utc};

use crate::community::platforms::{self, PlatformInput};
use crate::community::{self, CharterInput, Community, NewCommunity};
use crate::db::Db;
use crate::enums::Locale;
use crate::error::Result;
use crate::plan::{self, TaskInput, TaskStatus};

struct Sample {
    name: &'static str,
    mission: &'static str,
    unique_value: &'static str,
    expected_results: &'static str,
    rules: &'static str,
    platforms: &'static [(&'static str, &'static str, &'static str, Option<i64>)],
    /// Members with the organizer role; the first is the organizer's own record ("Mine").
    organizers: [&'static str; 3],
    people: &'static members::People,
}

const EN: Sample = Sample {
    name: "Lisbon Data Engineers",
    mission: "Help data engineers in Lisbon learn from each other's production experience and grow into senior and lead roles.",
    unique_value: "Talks from people who run pipelines in production, not vendors; every meetup ends with a hands-on session.",
    // One result a line: each of the sample's goals is tied to one of them.
    expected_results: "A monthly meetup of 40–60 people.\nGrow to 300 active members in the first year.\nTwo joint open-source projects.",
    rules: "Be kind and assume good intent. No recruiting or sales pitches in talks. Share slides and code when you can. Harassment of any kind means removal; report to the organizers in person or by message.",
    organizers: ["Ana Ribeiro", "Miguel Costa", "Sofia Almeida"],
    people: &members::EN,
    platforms: &[
        ("telegram", "Lisbon Data Engineers chat", "https://t.me/lisbon_data_engineers", Some(412)),
        ("linkedin", "Lisbon Data Engineers group", "https://www.linkedin.com/groups/lisbon-data-engineers", Some(980)),
        ("website", "lisbondata.example.org", "https://lisbondata.example.org", None),
    ],
};

const RU: Sample = Sample {
    name: "Дата-инженеры Казани",
    mission: "Помогать дата-инженерам Казани учиться на опыте друг друга и расти до ведущих и руководящих ролей.",
    unique_value: "Доклады от тех, кто сам ведёт пайплайны в продакшене, а не от вендоров; каждая встреча заканчивается практикой.",
    expected_results: "Ежемесячный митап на 40–60 человек.\nВырасти до 300 активных участников за первый год.\nДва совместных open-source проекта.",
    rules: "Будьте доброжелательны и предполагайте добрые намерения. Никакого рекрутинга и продаж в докладах. Делитесь слайдами и кодом. Любые домогательства — исключение из сообщества; сообщайте организаторам лично или в сообщении.",
    organizers: ["Анна Сафина", "Игорь Петров", "Мария Ильина"],
    people: &members::RU,
    platforms: &[
        ("telegram", "Чат «Дата-инженеры Казани»", "https://t.me/kazan_data_engineers", Some(530)),
        ("discord", "Сервер для совместных проектов", "https://discord.gg/kazan-data", Some(140)),
        ("website", "kazandata.example.org", "https://kazandata.example.org", None),
    ],
};

/// Creates a new sample community in `locale` and returns it.
pub fn create(db: &mut Db, locale: Locale) -> Result<Community> {
    let (sample, time_zone) = match locale {
        Locale::En => (&EN, "Europe/Lisbon"),
        Locale::Ru => (&RU, "Europe/Moscow"),
    };
    let created = community::create(
        db,
        &NewCommunity {
            name: sample.name.into(),
            locale: locale.as_str().into(),
            time_zone: time_zone.into(),
            launch_date: None,
        },
    )?;
    // Marked first, so a sample left half made is still known for one.
    community::mark_sample(db, created.id)?;
    let community = community::update(
        db,
        created.id,
        &CharterInput {
            name: sample.name.into(),
            mission: sample.mission.into(),
            kind: Some("technology".into()),
            audiences: vec!["mid_level".into(), "experienced".into(), "leaders".into()],
            formats: vec![
                "offline_events".into(),
                "online_groups".into(),
                "joint_projects".into(),
            ],
            unique_value: sample.unique_value.into(),
            expected_results: sample.expected_results.into(),
            rules: sample.rules.into(),
            time_zone: time_zone.into(),
            locale: locale.as_str().into(),
        },
    )?;
    plan_in_progress(db, community.id, &sample.organizers)?;
    for &(kind, name, url, member_count) in sample.platforms {
        let input = PlatformInput {
            kind: kind.into(),
            name: name.into(),
            url: url.into(),
            member_count: member_count.map(|n| n.to_string()),
        };
        platforms::create(db, community.id, &input)?;
    }
    // The plan's owners were typed as the organizers' names; as members they become links.
    let meetups = events::meetup_days(Utc::now().date_naive());
    let (organizers, attended) = db.write(|w| {
        let added = members::add(w, community.id, sample.people, &sample.organizers, &meetups)?;
        crate::members::owners::link_typed_owners(w, community.id)?;
        Ok(added)
    })?;
    events::add(db, community.id, locale, organizers, &meetups, &attended)?;
    metrics::add(db, community.id, locale, sample.expected_results, &meetups)?;
    community::set_own_member(db, community.id, Some(organizers[0]))
}

/// The goal is defined, planning is half done and two launch tasks are overdue.
fn plan_in_progress(db: &mut Db, community_id: i64, organizers: &[&str; 3]) -> Result<()> {
    let today = Utc::now().date_naive();
    let tasks = plan::tasks(db, community_id)?;
    for (i, task) in tasks.iter().enumerate() {
        // Tasks come stage by stage, so the position within the stage counts back to its first.
        let position = tasks[..i]
            .iter()
            .rev()
            .take_while(|t| t.stage == task.stage)
            .count() as i64;
        let (status, due) = match (task.stage, position) {
            (1, _) => (TaskStatus::Done, today - Duration::days(60 - position * 5)),
            (2, 0 | 1) => (TaskStatus::Done, today - Duration::days(20 + position)),
            (2, _) => (TaskStatus::InProgress, today + Duration::days(7 * position)),
            (3, 0 | 1) => (TaskStatus::Todo, today - Duration::days(3 + position)),
            (stage, _) => (
                TaskStatus::Todo,
                today + Duration::days(30 * i64::from(stage) + position * 7),
            ),
        };
        let mut input = TaskInput::from(task);
        input.status = status.as_str().into();
        input.due = Some(due.to_string());
        input.owner_name = (task.stage < 4).then(|| organizers[i % organizers.len()].to_string());
        plan::update_task(db, task.id, &input)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use chrono::NaiveDate;

    #[test]
    fn the_sample_is_complete_and_its_plan_in_progress() {
        for locale in [Locale::En, Locale::Ru] {
            let mut t = temp_db();
            let c = create(&mut t.db, locale).unwrap();
            assert!(!c.charter.mission.is_empty() && !c.charter.rules.is_empty());
            assert_eq!(c.charter.locale, locale);
            let s = plan::summary(&t.db, c.id).unwrap();
            assert_eq!(s.stages[0].done, s.stages[0].total);
            assert!(s.stages[1].done > 0 && s.stages[1].done < s.stages[1].total);
            let today = Utc::now().date_naive();
            let overdue = plan::tasks(&t.db, c.id)
                .unwrap()
                .into_iter()
                .filter(|t| t.status != TaskStatus::Done && t.due.is_some_and(|d| d < today))
                .count();
            assert_eq!(overdue, 2);
            assert_eq!(
                crate::community::platforms::list(&t.db, c.id)
                    .unwrap()
                    .len(),
                3
            );
            assert!(t.db.check().unwrap().ok);
            let listed = community::list(&t.db).unwrap();
            assert!(listed.iter().all(|s| s.sample), "the sample says it is one");
        }
    }

    /// The roster of the sample: its size, its organizers (one of them "me"), the plan's
    /// owners linked to them, people of every level and engagement, in the sample's language,
    /// and a year and a half of what they did.
    #[test]
    fn the_sample_has_members_who_did_things_and_own_the_plan() {
        for (locale, cyrillic) in [(Locale::En, false), (Locale::Ru, true)] {
            let mut t = temp_db();
            let c = create(&mut t.db, locale).unwrap();
            let sample = match locale {
                Locale::En => &EN,
                Locale::Ru => &RU,
            };
            let count = |sql: &str| -> i64 {
                t.db.read(|r| r.query_row(sql, [c.id], |row| row.get(0)))
                    .unwrap()
            };
            assert_eq!(
                count("SELECT count(*) FROM members WHERE community_id = ?1"),
                members::COUNT as i64
            );
            let names: Vec<String> =
                t.db.read(|r| {
                    r.query_all(
                        "SELECT name FROM members WHERE community_id = ?1 ORDER BY id",
                        [c.id],
                        |row| row.get("name"),
                    )
                })
                .unwrap();
            assert_eq!(names[..3], sample.organizers, "the organizers come first");
            let unique: std::collections::HashSet<_> = names.iter().collect();
            assert_eq!(unique.len(), names.len(), "no two members share a name");
            let in_cyrillic = names
                .iter()
                .filter(|n| {
                    n.chars()
                        .any(|ch| ('а'..='я').contains(&ch.to_lowercase().next().unwrap_or(ch)))
                })
                .count();
            assert_eq!(
                in_cyrillic == names.len(),
                cyrillic,
                "{locale:?}: {names:?}"
            );
            assert_eq!(in_cyrillic == 0, !cyrillic, "{locale:?}");

            let organizers = count(
                "SELECT count(*) FROM members WHERE community_id = ?1
                   AND EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'organizer')",
            );
            assert_eq!(organizers, 3);
            let own = crate::members::get(&t.db, c.own_member_id.unwrap()).unwrap();
            assert_eq!(own.name, sample.organizers[0], "the first organizer is me");

            let plan = plan::plan(&t.db, c.id).unwrap();
            assert_eq!(plan.own_member.as_ref().map(|m| m.id), Some(own.id));
            let owned: Vec<_> = plan
                .stages
                .iter()
                .flat_map(|s| &s.tasks)
                .filter(|t| t.owner_name.is_some())
                .collect();
            assert!(!owned.is_empty());
            assert!(
                owned.iter().all(|t| t.owner_member_id.is_some()),
                "every owner is a member: {owned:?}"
            );
            assert!(
                owned.iter().any(|t| t.owner_member_id == Some(own.id)),
                "some are mine"
            );

            for (what, sql, at_least) in [
                ("levels", "SELECT count(DISTINCT level) FROM members WHERE community_id = ?1", 4),
                ("engagement levels", "SELECT count(DISTINCT engagement_level) FROM members WHERE community_id = ?1", 4),
                ("roles", "SELECT count(DISTINCT j.value) FROM members, json_each(roles) j WHERE community_id = ?1", 5),
                ("tags", "SELECT count(DISTINCT j.value) FROM members, json_each(tags) j WHERE community_id = ?1", 12),
                ("companies", "SELECT count(DISTINCT company) FROM members WHERE community_id = ?1", 10),
                ("cities", "SELECT count(DISTINCT city) FROM members WHERE community_id = ?1", 5),
                ("sources", "SELECT count(DISTINCT source) FROM members WHERE community_id = ?1", 5),
                ("activity kinds", "SELECT count(DISTINCT kind) FROM activities WHERE community_id = ?1", 7),
                ("activities", "SELECT count(*) FROM activities WHERE community_id = ?1", 600),
                ("kudos between members", "SELECT count(*) FROM activities WHERE community_id = ?1 AND from_member_id IS NOT NULL", 5),
                // Once engaged and silent for two months or more: the "losing touch" list.
                ("members losing touch", "SELECT count(*) FROM members WHERE community_id = ?1
                    AND last_activity_on < date('now', '-60 days')
                    AND id IN (SELECT member_id FROM activities GROUP BY member_id HAVING count(*) >= 5)", 5),
            ] {
                let n = count(sql);
                assert!(n >= at_least, "{locale:?}: {what}: {n} < {at_least}");
            }
            let (first, last): (NaiveDate, NaiveDate) = t
                .db
                .read(|r| {
                    r.query_row(
                        "SELECT min(occurred_on), max(occurred_on) FROM activities WHERE community_id = ?1",
                        [c.id],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                })
                .unwrap();
            let today = Utc::now().date_naive();
            assert!(last <= today && (today - last).num_days() < 30, "{last}");
            let span = (today - first).num_days();
            assert!(
                (480..=560).contains(&span),
                "18 months back: {first} ({span} days)"
            );
            assert!(t.db.check().unwrap().ok);
        }
    }

    #[test]
    fn the_sample_has_a_season_of_events_whose_check_ins_are_the_rosters_attendance() {
        let mut t = temp_db();
        let c = create(&mut t.db, Locale::Ru).unwrap();
        let count = |sql: &str| -> i64 {
            t.db.read(|r| r.query_row(sql, [c.id], |row| row.get(0)))
                .unwrap()
        };
        let all = crate::events::list(&t.db, c.id, None, None).unwrap();
        let kinds: std::collections::HashSet<&str> = all.iter().map(|e| e.kind.as_str()).collect();
        assert!(
            ["meetup", "webinar", "conference", "workshop"]
                .iter()
                .all(|k| kinds.contains(k)),
            "{kinds:?}"
        );
        let series: Vec<_> = all.iter().filter(|e| e.series_id.is_some()).collect();
        assert_eq!(
            series.len(),
            events::MEETUPS + 3,
            "18 past meetups and 3 to come"
        );
        assert!(series.iter().all(|e| e.title == "Ежемесячный митап"));
        // Every "attended" of a meetup in the roster is a check-in at that meetup.
        assert_eq!(
            count(
                "SELECT count(*) FROM activities WHERE community_id = ?1 AND kind = 'event_attended'
                   AND id NOT IN (SELECT activity_id FROM attendance WHERE activity_id IS NOT NULL)"
            ),
            0
        );
        assert!(
            count(
                "SELECT count(*) FROM attendance a JOIN events e ON e.id = a.event_id
                        WHERE e.community_id = ?1 AND a.feedback_score IS NOT NULL"
            ) > 50
        );
        assert!(
            count(
                "SELECT count(*) FROM attendance a JOIN events e ON e.id = a.event_id
                        WHERE e.community_id = ?1 AND a.rsvp = 'going' AND a.checked_in_at IS NULL
                          AND e.ends_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
            ) > 10,
            "no-shows"
        );
        let next = series
            .iter()
            .find(|e| e.starts_at > Utc::now())
            .expect("a meetup to come");
        let page = crate::events::page::get(&t.db, next.id).unwrap();
        assert_eq!((page.turnout.going, page.turnout.waitlist), (60, 4));
        assert_eq!(page.agenda.len(), 4);
        assert_eq!(page.roles.len(), 4);
        assert_eq!(page.checklist.len(), 7);
        assert!(t.db.check().unwrap().ok);
    }

    #[test]
    fn only_the_sample_is_a_sample() {
        let mut t = temp_db();
        let own = crate::db::testing::community(&mut t.db, "Our own", "en");
        let sample = create(&mut t.db, Locale::En).unwrap();
        let flags: Vec<(i64, bool)> = community::list(&t.db)
            .unwrap()
            .into_iter()
            .map(|s| (s.id, s.sample))
            .collect();
        assert!(flags.contains(&(own.id, false)) && flags.contains(&(sample.id, true)));
        assert_eq!(
            community::mark_sample(&mut t.db, 9_999).unwrap_err().code(),
            "not_found"
        );
    }
}
