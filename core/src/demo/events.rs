//! The sample's calendar: 18 months of the monthly meetup (a series on the second
//! Thursday, at the community's venue) with who came to each and what they thought, the
//! next three meetups with answers, a waitlist, an agenda, roles and a checklist; a webinar
//! every two months (one cancelled), a two-day conference, and a workshop being drafted.
//! Who came to a meetup is who has "attended" it in the roster, so the calendar and the
//! engagement scores tell the same story.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use rusqlite::params;

use super::members::{Attended, Dice};
use crate::db::Db;
use crate::enums::Locale;
use crate::error::Result;
use crate::events::agenda::{self, AgendaItemInput, EventRoleInput};
use crate::events::recurrence::RecurrenceInput;
use crate::events::{self, attendance, checklist, series, venues, EventInput, VenueInput};

struct Texts {
    hall: (&'static str, &'static str),
    congress: (&'static str, &'static str),
    meetup: &'static str,
    meetup_about: &'static str,
    webinars: &'static [&'static str],
    webinar_link: &'static str,
    conference: &'static str,
    workshop: &'static str,
    agenda: [&'static str; 4],
    comments: &'static [&'static str],
}

const EN: Texts = Texts {
    hall: ("LX Factory, Hall 2", "Rua Rodrigues de Faria 103, Lisbon"),
    congress: ("Lisbon Congress Centre", "Praça das Indústrias 1, Lisbon"),
    meetup: "Monthly meetup",
    meetup_about:
        "Two talks from people who run pipelines in production, then a hands-on session and drinks.",
    webinars: &[
        "Webinar: dbt in production",
        "Webinar: streaming with Kafka",
        "Webinar: data contracts",
        "Webinar: testing pipelines",
    ],
    webinar_link: "https://meet.example.org/lisbon-data",
    conference: "Lisbon Data Day",
    workshop: "Workshop: Airflow from scratch",
    agenda: [
        "Welcome and news",
        "Talk: what broke in our lakehouse",
        "Talk: cheaper Spark jobs",
        "Hands-on session and networking",
    ],
    comments: &[
        "Great talks, more hands-on please",
        "Loved the Q&A",
        "The room was too warm",
        "Useful, I will try it at work",
    ],
};

const RU: Texts = Texts {
    hall: ("IT-парк, конференц-зал", "ул. Петербургская, 52, Казань"),
    congress: ("Казань Экспо", "ул. Выставочная, 1, Казань"),
    meetup: "Ежемесячный митап",
    meetup_about: "Два доклада от тех, кто ведёт пайплайны в продакшене, затем практика и общение.",
    webinars: &[
        "Вебинар: dbt в продакшене",
        "Вебинар: стриминг на Kafka",
        "Вебинар: контракты данных",
        "Вебинар: тестирование пайплайнов",
    ],
    webinar_link: "https://meet.example.org/kazan-data",
    conference: "День данных в Казани",
    workshop: "Воркшоп: Airflow с нуля",
    agenda: [
        "Приветствие и новости",
        "Доклад: что сломалось в нашем lakehouse",
        "Доклад: как удешевить Spark-джобы",
        "Практика и нетворкинг",
    ],
    comments: &[
        "Отличные доклады, побольше практики",
        "Понравились вопросы и ответы",
        "В зале было жарко",
        "Полезно, попробую на работе",
    ],
};

/// How many past monthly meetups the sample has.
pub(super) const MEETUPS: usize = 18;
/// The meetups still to come.
const UPCOMING: u32 = 3;
const MEETUP_CAPACITY: u32 = 60;

/// The second Thursday of each of the last [`MEETUPS`] months before `today`, oldest first.
pub(super) fn meetup_days(today: NaiveDate) -> Vec<NaiveDate> {
    let mut days = Vec::with_capacity(MEETUPS);
    let mut month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    while days.len() < MEETUPS {
        if let Some(day) =
            NaiveDate::from_weekday_of_month_opt(month.year(), month.month(), Weekday::Thu, 2)
        {
            if day < today {
                days.push(day);
            }
        }
        month = (month - Duration::days(1)).with_day(1).unwrap_or(month);
    }
    days.reverse();
    days
}

/// Adds the sample's calendar to community `community_id`.
pub(super) fn add(
    db: &mut Db,
    community_id: i64,
    locale: Locale,
    organizers: [i64; 3],
    meetups: &[NaiveDate],
    attended: &Attended,
) -> Result<()> {
    let t = match locale {
        Locale::En => &EN,
        Locale::Ru => &RU,
    };
    let today = Utc::now().date_naive();
    let mut dice = Dice(0x4341_4c45_4e44);
    let hall = venue(db, community_id, t.hall, 80)?;
    let congress = venue(db, community_id, t.congress, 400)?;
    let member_ids: Vec<i64> = db.read(|r| {
        r.query_all(
            "SELECT id FROM members WHERE community_id = ?1 ORDER BY engagement_score DESC, id",
            [community_id],
            |row| row.get(0),
        )
    })?;

    // The monthly meetup: the past ones and the next three.
    let Some(&first) = meetups.first() else {
        return Ok(());
    };
    let meetup = series::create(
        db,
        community_id,
        &EventInput {
            title: t.meetup.into(),
            kind: "meetup".into(),
            format: "offline".into(),
            start: format!("{first}T19:00"),
            end: format!("{first}T21:30"),
            venue_id: Some(hall),
            capacity: Some(MEETUP_CAPACITY.to_string()),
            status: "confirmed".into(),
            description: t.meetup_about.into(),
            ..EventInput::default()
        },
        &RecurrenceInput {
            repeat: "monthly_by_weekday".into(),
            count: Some(u32::try_from(meetups.len()).unwrap_or(0) + UPCOMING),
            ..RecurrenceInput::default()
        },
    )?;
    let by_day: HashMap<String, &events::Event> = meetup
        .occurrences
        .iter()
        .map(|e| (e.start[..10].to_string(), e))
        .collect();
    came(db, &by_day, attended, t, &mut dice, &member_ids)?;

    // The next meetup is being prepared: answers beyond the capacity wait, the agenda,
    // the roles and the checklist are set.
    if let Some(next) = meetup
        .occurrences
        .iter()
        .find(|e| e.starts_at.date_naive() >= today)
    {
        for &member in member_ids.iter().take(MEETUP_CAPACITY as usize + 4) {
            attendance::respond(db, next.id, member, "going")?;
        }
        for &member in member_ids.iter().skip(70).take(8) {
            attendance::respond(db, next.id, member, "maybe")?;
        }
        let speakers = [organizers[1], member_ids[5], member_ids[9], organizers[0]];
        for (i, (title, minutes)) in t.agenda.iter().zip([15, 40, 35, 60]).enumerate() {
            agenda::add_item(
                db,
                next.id,
                &AgendaItemInput {
                    title: (*title).into(),
                    minutes,
                    speaker_member_id: Some(speakers[i]),
                    notes: String::new(),
                },
            )?;
        }
        for (role, member) in [
            ("host", organizers[0]),
            ("mc", organizers[1]),
            ("check_in", organizers[2]),
            ("photographer", member_ids[12]),
        ] {
            agenda::assign_role(
                db,
                next.id,
                &EventRoleInput {
                    role: role.into(),
                    member_id: Some(member),
                    note: String::new(),
                },
            )?;
        }
        for task in checklist::add_template(db, next.id)? {
            if task.due < today {
                checklist::set_done(db, task.id, true)?;
            }
        }
    }

    // A webinar every two months, the last one cancelled, and one to come.
    for k in 0..8i64 {
        let day = today - Duration::days(17 + 61 * k);
        let cancelled = k == 1;
        let event = events::create(
            db,
            community_id,
            &EventInput {
                title: t.webinars[k as usize % t.webinars.len()].into(),
                kind: "webinar".into(),
                format: "online".into(),
                start: format!("{day}T18:00"),
                end: format!("{day}T19:30"),
                online_url: t.webinar_link.into(),
                status: if cancelled { "cancelled" } else { "done" }.into(),
                ..EventInput::default()
            },
        )?;
        if !cancelled {
            for _ in 0..12 {
                let member = member_ids[dice.below(60)];
                attendance::check_in(db, event.id, member)?;
            }
        }
    }
    let soon = today + Duration::days(10);
    let webinar = events::create(
        db,
        community_id,
        &EventInput {
            title: t.webinars[0].into(),
            kind: "webinar".into(),
            format: "online".into(),
            start: format!("{soon}T18:00"),
            end: format!("{soon}T19:30"),
            online_url: t.webinar_link.into(),
            status: "planned".into(),
            ..EventInput::default()
        },
    )?;
    for &member in member_ids.iter().skip(20).take(25) {
        attendance::respond(db, webinar.id, member, "going")?;
    }

    // The yearly conference, two whole days, five months ago.
    let conference_day = today - Duration::days(150);
    let conference = events::create(
        db,
        community_id,
        &EventInput {
            title: t.conference.into(),
            kind: "conference".into(),
            format: "hybrid".into(),
            start: conference_day.to_string(),
            end: (conference_day + Duration::days(1)).to_string(),
            all_day: true,
            venue_id: Some(congress),
            online_url: t.webinar_link.into(),
            capacity: Some("300".into()),
            status: "done".into(),
            ..EventInput::default()
        },
    )?;
    for &member in member_ids.iter().take(30) {
        attendance::check_in(db, conference.id, member)?;
    }

    // A workshop being planned.
    let workshop_day = today + Duration::days(24);
    events::create(
        db,
        community_id,
        &EventInput {
            title: t.workshop.into(),
            kind: "workshop".into(),
            format: "offline".into(),
            start: format!("{workshop_day}T10:00"),
            end: format!("{workshop_day}T16:00"),
            venue_id: Some(hall),
            capacity: Some("20".into()),
            status: "draft".into(),
            ..EventInput::default()
        },
    )?;
    Ok(())
}

fn venue(
    db: &mut Db,
    community_id: i64,
    (name, address): (&str, &str),
    capacity: u32,
) -> Result<i64> {
    Ok(venues::create(
        db,
        community_id,
        &VenueInput {
            name: name.into(),
            address: address.into(),
            capacity: Some(capacity.to_string()),
            ..VenueInput::default()
        },
    )?
    .id)
}

/// Who came to each past meetup (their "attended" activity becomes their check-in), with
/// feedback from some, and a few who said "going" and did not come.
fn came(
    db: &mut Db,
    meetups: &HashMap<String, &events::Event>,
    attended: &Attended,
    t: &Texts,
    dice: &mut Dice,
    member_ids: &[i64],
) -> Result<()> {
    db.write(|w| {
        let now = Utc::now();
        // In event order, so the seeded dice fall the same way every time the sample is made.
        let mut answered: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for &(member, day, activity) in attended {
            let Some(event) = meetups.get(&day.to_string()) else {
                continue;
            };
            let feedback = dice.chance(0.4);
            w.execute(
                "INSERT INTO attendance (uid, event_id, member_id, rsvp, responded_at, checked_in_at,
                     activity_id, feedback_score, nps, comment, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'going', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    uuid::Uuid::now_v7().to_string(),
                    event.id,
                    member,
                    event.starts_at - Duration::days(dice.days(2, 12)),
                    event.starts_at + Duration::minutes(dice.days(0, 25)),
                    activity,
                    feedback.then(|| dice.days(3, 5)),
                    feedback.then(|| dice.days(6, 10)),
                    if feedback && dice.chance(0.3) {
                        dice.pick(t.comments)
                    } else {
                        ""
                    },
                    now
                ],
            )?;
            answered.entry(event.id).or_default().push(member);
        }
        // About one in eight who say "going" does not come.
        for (event_id, came) in &answered {
            let event = meetups
                .values()
                .find(|e| e.id == *event_id)
                .map(|e| e.starts_at)
                .unwrap_or(now);
            for _ in 0..came.len() / 8 {
                let member = member_ids[dice.below(member_ids.len())];
                if came.contains(&member) {
                    continue;
                }
                w.execute(
                    "INSERT OR IGNORE INTO attendance (uid, event_id, member_id, rsvp, responded_at,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, 'going', ?4, ?5, ?5)",
                    params![
                        uuid::Uuid::now_v7().to_string(),
                        event_id,
                        member,
                        event - Duration::days(dice.days(2, 12)),
                        now
                    ],
                )?;
            }
        }
        Ok(())
    })
}
