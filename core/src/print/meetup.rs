//! The meetup plan: the run-of-show an organizer takes to the venue, made from an event's
//! page (core's answers, nothing worked out twice). Its times are the event's own wall clock
//! in the event's zone, whatever the machine's; its words and its way of writing dates and
//! times are the community's language. Three variants: the full plan, a one-page agenda for
//! the wall, and the check-in sheet alone. A part with nothing in it says so, rather than
//! leaving a gap or breaking the page.

use chrono::{Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use minijinja::context;

use super::{environment, DateFormat, Output, Paper};
use crate::community;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::events::agenda::RoleKind;
use crate::events::attendance::{self, Rsvp};
use crate::events::page;
use crate::labels::{self, Labelled};

crate::enums::string_enum! {
    /// Which meetup plan: everything, the agenda alone on one page, or the check-in sheet.
    pub enum Variant {
        Full = "full",
        Agenda = "agenda",
        Checkin = "checkin",
    }
}

/// Empty lines under the check-in sheet, for those who come without having answered.
const WALK_IN_LINES: usize = 10;
/// Fewer past events than this and the no-show rate is a guess: the plan says so.
const FEW_EVENTS: i64 = 3;

/// The meetup plan of `event_id`, laid out for `paper`. `system_locale` chooses, for an
/// English community, how its region writes dates and times (`en_US` "7:00 PM").
pub fn meetup_plan(
    db: &Db,
    event_id: i64,
    variant: Variant,
    paper: Paper,
    output: Output,
    system_locale: &str,
) -> Result<String> {
    let page = page::get(db, event_id)?;
    let community = community::get(db, page.event.community_id)?;
    let locale = community.charter.locale;
    let dates = DateFormat::new(locale, system_locale);
    let words = labels::words(locale, "meetup");
    let event = &page.event;
    let zone: Tz = event.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let start = event.starts_at.with_timezone(&zone).naive_local();
    let end = event.ends_at.with_timezone(&zone).naive_local();

    // Clock times from the start, each item after the one before; a time past midnight
    // says which day it is on.
    let at = |moment: NaiveDateTime| {
        let days = (moment.date() - start.date()).num_days();
        let clock = dates.clock(moment.time());
        if days == 0 {
            clock
        } else {
            format!("{clock} (+{days})")
        }
    };
    let mut clock = start;
    let agenda: Vec<_> = page
        .agenda
        .iter()
        .map(|item| {
            let from = clock;
            clock += Duration::minutes(i64::from(item.minutes));
            context! {
                starts => at(from), ends => at(clock), minutes => item.minutes,
                title => &item.title, speaker => &item.speaker_name, notes => &item.notes,
            }
        })
        .collect();
    let overrun = (clock - end).num_minutes().max(0);

    let contacts = contacts(db, page.roles.iter().filter_map(|r| r.member_id))?;
    let contact_of = |id: Option<i64>| {
        id.and_then(|id| contacts.iter().find(|(m, _)| *m == id))
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    };
    let roles: Vec<_> = page
        .roles
        .iter()
        .map(|r| {
            context! {
                role => r.role.label(locale), name => &r.member_name, note => &r.note,
                contact => contact_of(r.member_id),
            }
        })
        .collect();
    // Whom to tell about an incident: the hosts, or else the MCs.
    let incident: Vec<_> = [RoleKind::Host, RoleKind::Mc]
        .iter()
        .map(|kind| {
            page.roles
                .iter()
                .filter(|r| r.role == *kind && !r.member_name.is_empty())
                .map(|r| context! { name => &r.member_name, contact => contact_of(r.member_id) })
                .collect::<Vec<_>>()
        })
        .find(|people| !people.is_empty())
        .unwrap_or_default();

    let phases: Vec<_> = [
        ("before", i64::MIN, -1),
        ("day", 0, 0),
        ("after", 1, i64::MAX),
    ]
    .iter()
    .map(|&(phase, from, to)| {
        let tasks: Vec<_> = page
            .checklist
            .iter()
            .filter(|t| (from..=to).contains(&t.offset_days))
            .map(|t| {
                context! {
                    title => &t.title, done => t.done, owner => &t.owner_name,
                    due => dates.format(t.due),
                }
            })
            .collect();
        context! { title => words.get(phase).copied().unwrap_or(phase), tasks => tasks }
    })
    .collect();

    let mut sheet: Vec<_> = page
        .attendance
        .iter()
        .filter(|a| a.rsvp != Rsvp::Declined)
        .collect();
    // Going first, then the waitlist in its order, then maybe; by name within each.
    sheet.sort_by_key(|a| {
        let rank = match a.rsvp {
            Rsvp::Going => 0,
            Rsvp::Waitlist => 1,
            _ => 2,
        };
        let name = if a.rsvp == Rsvp::Waitlist {
            String::new()
        } else {
            a.member_name.to_lowercase()
        };
        (rank, name)
    });
    let sheet: Vec<_> = sheet
        .iter()
        .map(|a| {
            context! {
                name => if a.member_name.is_empty() { words.get("forgotten").copied().unwrap_or("") } else { a.member_name.as_str() },
                rsvp => a.rsvp.label(locale), came => a.checked_in_at.is_some(),
            }
        })
        .collect();

    let (no_shows, history) = attendance::no_show_rate(db, event.community_id, event_id)?;
    let going = page.turnout.going;
    let expected = no_shows.map_or(going, |rate| {
        (f64::from(going) * (1.0 - rate)).round() as u32
    });

    let venue = page.venue.as_ref().map(|v| {
        context! { name => &v.name, address => &v.address, contact => &v.contact }
    });
    let ctx = context! {
        lang => locale.as_str(),
        page_size => paper.css(),
        margins => super::css_margins(),
        preview => output == Output::Preview,
        l => words,
        ui => labels::words(locale, "preview"),
        variant => variant.as_str(),
        event_id => event_id,
        paper => paper.as_str(),
        community => &community.charter.name,
        title => &event.title,
        kind => event.kind.label(locale),
        format => event.format.label(locale),
        status => event.status.label(locale),
        day => dates.long(start.date(), locale),
        all_day => event.all_day,
        starts => dates.clock(start.time()),
        ends => at(end),
        zone => &event.time_zone,
        venue => venue,
        online_url => &event.online_url,
        capacity => event.capacity,
        going => going,
        waitlist => page.turnout.waitlist,
        maybe => page.turnout.maybe,
        expected => expected,
        no_show_percent => no_shows.map(|rate| (rate * 100.0).round() as u32),
        history => history,
        few_events => history < FEW_EVENTS,
        purpose => &event.description,
        agenda => agenda,
        overrun => overrun,
        roles => roles,
        incident => incident,
        conduct => &community.charter.rules,
        phases => phases,
        has_tasks => !page.checklist.is_empty(),
        sheet => sheet,
        walk_in_lines => WALK_IN_LINES,
        printed_on => dates.format(Utc::now().with_timezone(&zone).date_naive()),
    };
    environment()
        .and_then(|env| env.get_template("meetup.html")?.render(ctx))
        .map_err(|e| Error::Internal(format!("the meetup plan could not be rendered: {e}")))
}

/// Email and phone of each member, as one line ("ana@example.org · +351 …").
fn contacts(db: &Db, ids: impl Iterator<Item = i64>) -> Result<Vec<(i64, String)>> {
    let ids: Vec<i64> = ids.collect();
    db.read(|r| {
        ids.iter()
            .map(|&id| {
                let line = r
                    .query_optional(
                        "SELECT email, phone FROM members WHERE id = ?1",
                        [id],
                        |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
                    )?
                    .map(|(email, phone)| {
                        [email, phone]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                    .unwrap_or_default();
                Ok((id, line))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use crate::events::agenda::{self, EventRoleInput};
    use crate::events::attendance;
    use crate::events::testing::{item, lisbon, meetup, member};
    use crate::{events, Locale};

    const BRITISH: &str = "en_GB.UTF-8";

    /// The Lisbon community and a two-hour evening in it on 11 March 2027.
    fn evening(db: &mut Db) -> (i64, events::Event) {
        let c = lisbon(db);
        let e = events::create(db, c, &meetup("2027-03-11T19:00", "2027-03-11T21:00")).unwrap();
        (c, e)
    }

    /// The full plan, with the slashes the escaping writes as `&#x2f;` read back as "/".
    fn full(db: &Db, event_id: i64, system_locale: &str) -> String {
        meetup_plan(
            db,
            event_id,
            Variant::Full,
            Paper::A4,
            Output::Document,
            system_locale,
        )
        .unwrap()
        .replace("&#x2f;", "/")
    }

    /// The agenda's rows as "starts–ends title", in order.
    fn agenda_rows(html: &str) -> Vec<String> {
        html.split("<td class=\"time\">")
            .skip(1)
            .filter_map(|row| {
                let (time, rest) = row.split_once("</td>")?;
                let title = rest.split_once("<strong>")?.1.split_once("</strong>")?.0;
                Some(format!("{time} {title}"))
            })
            .collect()
    }

    #[test]
    fn the_agenda_gets_clock_times_from_the_start_in_the_regions_way() {
        let mut t = temp_db();
        let (c, e) = evening(&mut t.db);
        let ana = member(&mut t.db, c, "Ana Ribeiro");
        for input in [
            item("Welcome", 15, None),
            item("Ownership in practice", 40, Some(ana)),
            item("Questions", 30, None),
        ] {
            agenda::add_item(&mut t.db, e.id, &input).unwrap();
        }
        let html = full(&t.db, e.id, BRITISH);
        assert_eq!(
            agenda_rows(&html),
            [
                "19:00–19:15 Welcome",
                "19:15–19:55 Ownership in practice",
                "19:55–20:25 Questions"
            ]
        );
        assert!(html.contains("Thursday, 11 March 2027, 19:00–21:00 (Europe/Lisbon)"));
        assert!(html.contains("Ana Ribeiro"));
        assert!(html.contains("size: A4"));
        assert!(!html.contains("class=\"warning\""), "it fits: no warning");

        let american = full(&t.db, e.id, "en_US.UTF-8");
        assert_eq!(
            agenda_rows(&american)[1],
            "7:15 PM–7:55 PM Ownership in practice"
        );
        assert!(american.contains("Thursday, March 11, 2027, 7:00 PM–9:00 PM"));
        let letter = meetup_plan(
            &t.db,
            e.id,
            Variant::Full,
            Paper::Letter,
            Output::Document,
            BRITISH,
        )
        .unwrap();
        assert!(letter.contains("size: letter"));
    }

    #[test]
    fn an_evening_past_midnight_in_another_zone_keeps_its_own_clock() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        // In New York while the community is in Lisbon, and this machine anywhere.
        let mut late = meetup("2027-03-11T22:30", "2027-03-12T00:30");
        late.time_zone = "America/New_York".into();
        let e = events::create(&mut t.db, c, &late).unwrap();
        agenda::add_item(&mut t.db, e.id, &item("Lightning talks", 60, None)).unwrap();
        agenda::add_item(&mut t.db, e.id, &item("Night owls' hour", 45, None)).unwrap();
        let html = full(&t.db, e.id, BRITISH);
        assert_eq!(
            agenda_rows(&html),
            [
                "22:30–23:30 Lightning talks",
                "23:30–00:15 (+1) Night owls&#x27; hour"
            ]
        );
        assert!(
            html.contains("22:30–00:30 (+1) (America/New_York)"),
            "{html}"
        );
        // Core's own clock times agree, as the screen shows them.
        let items = agenda::items(&t.db, e.id).unwrap();
        assert_eq!(
            (items[1].starts.as_str(), items[1].ends.as_str()),
            ("23:30", "00:15")
        );
    }

    #[test]
    fn an_agenda_longer_than_the_event_is_flagged() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let e = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T20:00"),
        )
        .unwrap();
        agenda::add_item(&mut t.db, e.id, &item("Everything", 90, None)).unwrap();
        let html = full(&t.db, e.id, BRITISH);
        assert!(
            html.contains(
                "<p class=\"warning\">The agenda runs past the end: 30 minutes after 20:00</p>"
            ),
            "{html}"
        );
    }

    #[test]
    fn an_empty_event_still_makes_a_clean_plan_that_says_what_is_missing() {
        let mut t = temp_db();
        let (_, e) = evening(&mut t.db);
        let html = full(&t.db, e.id, BRITISH);
        for missing in [
            "No venue or link yet.",
            "No agenda yet.",
            "No roles given yet",
            "No checklist tasks yet.",
            "Nobody has answered yet.",
            "No purpose written",
            "nobody named: give the event a host",
            "no past check-ins",
        ] {
            assert!(html.contains(missing), "{missing}");
        }
        assert_eq!(html.matches("<tr class=\"blank\">").count(), WALK_IN_LINES);
        assert!(
            !html.contains("<table>\n      <thead><tr><th class=\"time\">"),
            "no empty agenda table"
        );
    }

    #[test]
    fn the_three_variants_hold_what_they_are_for() {
        let mut t = temp_db();
        let (c, e) = evening(&mut t.db);
        let ana = member(&mut t.db, c, "Ana Ribeiro");
        agenda::add_item(&mut t.db, e.id, &item("Welcome", 15, None)).unwrap();
        attendance::respond(&mut t.db, e.id, ana, "going").unwrap();
        let of = |variant| {
            meetup_plan(&t.db, e.id, variant, Paper::A4, Output::Document, BRITISH).unwrap()
        };
        let (whole, wall, sheet) = (of(Variant::Full), of(Variant::Agenda), of(Variant::Checkin));
        assert!(
            whole.contains("Welcome")
                && whole.contains("<h2>Check-in</h2>")
                && whole.contains("<h2>Checklist</h2>")
        );
        assert!(wall.contains("Welcome") && wall.contains("class=\"wall\""));
        assert!(!wall.contains("<h2>Check-in</h2>") && !wall.contains("<h2>Checklist</h2>"));
        assert!(sheet.contains("Ana Ribeiro") && sheet.contains("<h2>Check-in</h2>"));
        assert!(!sheet.contains("Welcome") && !sheet.contains("<h2>Agenda</h2>"));
        assert!(!whole.contains("print-button"));
        let preview = meetup_plan(
            &t.db,
            e.id,
            Variant::Full,
            Paper::A4,
            Output::Preview,
            BRITISH,
        )
        .unwrap();
        assert!(preview.contains("print-button"));
    }

    #[test]
    fn the_expected_turnout_allows_for_the_usual_no_shows() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let people: Vec<i64> = (0..8)
            .map(|n| member(&mut t.db, c, &format!("Member {n}")))
            .collect();
        // Last January four were going and three came: a quarter did not.
        let past = events::create(
            &mut t.db,
            c,
            &meetup("2026-01-15T19:00", "2026-01-15T21:00"),
        )
        .unwrap();
        for &m in &people[..4] {
            attendance::respond(&mut t.db, past.id, m, "going").unwrap();
        }
        for &m in &people[..3] {
            attendance::check_in(&mut t.db, past.id, m).unwrap();
        }
        let next = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
        )
        .unwrap();
        for &m in &people {
            attendance::respond(&mut t.db, next.id, m, "going").unwrap();
        }
        let html = full(&t.db, next.id, BRITISH);
        assert!(html.contains("<strong>Expected: 6</strong>"), "{html}");
        assert!(html.contains("usual no-shows 25%; from few past events"));
    }

    #[test]
    fn roles_name_their_people_and_the_host_is_the_one_to_tell() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let input = crate::members::MemberInput {
            name: Some("Bruno Costa".into()),
            email: Some("bruno@example.org".into()),
            ..crate::members::MemberInput::default()
        };
        let bruno = crate::members::create(&mut t.db, c, &input).unwrap().id;
        let e = events::create(
            &mut t.db,
            c,
            &meetup("2027-03-11T19:00", "2027-03-11T21:00"),
        )
        .unwrap();
        agenda::assign_role(
            &mut t.db,
            e.id,
            &EventRoleInput {
                role: "host".into(),
                member_id: Some(bruno),
                note: String::new(),
            },
        )
        .unwrap();
        let html = full(&t.db, e.id, BRITISH);
        assert!(
            html.contains(
                "About an incident, talk to:</strong>\n    Bruno Costa (bruno@example.org)"
            ),
            "{html}"
        );
    }

    #[test]
    fn russian_words_and_dates_and_escaped_text() {
        let mut t = temp_db();
        let c = crate::db::testing::community(&mut t.db, "Гильдия", "ru").id;
        let mut input = meetup("2027-03-11T19:00", "2027-03-11T21:00");
        input.title = "<b>Вечер</b> & чай".into();
        let e = events::create(&mut t.db, c, &input).unwrap();
        let html = full(&t.db, e.id, "en_US.UTF-8");
        assert!(html.contains("<html lang=\"ru\""));
        assert!(
            html.contains("четверг, 11 марта 2027 г., 19:00–21:00"),
            "{html}"
        );
        assert!(html.contains("План встречи") && !html.contains("Лист регистрации"));
        assert!(
            html.contains("&lt;b&gt;Вечер&lt;/b&gt; &amp; чай"),
            "{html}"
        );
        assert!(!html.contains("<b>Вечер"));
    }

    #[test]
    fn an_unknown_event_is_not_found() {
        let t = temp_db();
        let err = meetup_plan(
            &t.db,
            99,
            Variant::Full,
            Paper::A4,
            Output::Document,
            BRITISH,
        )
        .unwrap_err();
        assert_eq!(err.code(), "not_found");
    }

    /// The whole document, compared with its golden copy in `golden/` (the day it was
    /// printed, the one thing that changes by itself, read as "PRINTED"); with
    /// `HEARTH_UPDATE_GOLDEN=1` the copy is written first, to be read in the diff.
    fn assert_golden(name: &str, html: &str) {
        let (before, after) = html.split_once("<div class=\"meta\">").expect("the header");
        let (_, rest) = after.split_once("<br>").expect("the printed day");
        let html = format!("{before}<div class=\"meta\">PRINTED<br>{rest}");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/print/golden")
            .join(name);
        if std::env::var("HEARTH_UPDATE_GOLDEN").as_deref() == Ok("1") {
            std::fs::write(&path, &html).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            golden == html,
            "{name} differs from its golden copy; if the change is meant, rewrite it with \
             HEARTH_UPDATE_GOLDEN=1 cargo test -p hearth-core print and read the diff"
        );
    }

    /// An evening with everything a plan holds: a venue, an agenda with speakers, roles with
    /// contacts, a checklist with an owner and a task done, answers with one waiting, and
    /// text that needs escaping; in New York and past midnight when `late`.
    fn evening_with_everything(db: &mut Db, community: i64, late: bool) -> i64 {
        let venue = events::venues::create(
            db,
            community,
            &events::venues::VenueInput {
                name: "LX Factory, Hall 2".into(),
                address: "Rua Rodrigues de Faria 103".into(),
                capacity: Some("40".into()),
                contact: "+351 21 000 0000".into(),
                notes: String::new(),
            },
        )
        .unwrap();
        let mut input = if late {
            let mut input = meetup("2027-03-11T22:30", "2027-03-12T00:30");
            input.time_zone = "America/New_York".into();
            input
        } else {
            meetup("2027-03-11T19:00", "2027-03-11T21:00")
        };
        input.title = "Rust <evening> & pizza".into();
        input.venue_id = Some(venue.id);
        input.capacity = Some("2".into());
        input.description = "Two talks, then questions.\nBring a laptop.".into();
        let e = events::create(db, community, &input).unwrap();
        let create = |db: &mut Db, name: &str, email: &str| {
            let input = crate::members::MemberInput {
                name: Some(name.into()),
                email: Some(email.into()),
                ..crate::members::MemberInput::default()
            };
            crate::members::create(db, community, &input).unwrap().id
        };
        let ana = create(db, "Ana Ribeiro", "ana@example.org");
        let bruno = create(db, "Bruno Costa", "bruno@example.org");
        let carla = create(db, "Carla Dias", "");
        for input in [
            item("Welcome", 15, None),
            item("Ownership in practice", 40, Some(ana)),
            item("Async without tears", 45, Some(bruno)),
            item("Questions", 30, None),
        ] {
            agenda::add_item(db, e.id, &input).unwrap();
        }
        for (role, member) in [("host", ana), ("mc", bruno)] {
            let input = EventRoleInput {
                role: role.into(),
                member_id: Some(member),
                note: String::new(),
            };
            agenda::assign_role(db, e.id, &input).unwrap();
        }
        let tasks = events::checklist::add_template(db, e.id).unwrap();
        events::checklist::set_done(db, tasks[0].id, true).unwrap();
        let owned = events::checklist::EventTaskInput {
            title: "Bring the badges".into(),
            offset_days: 0,
            owner_member_id: Some(carla),
        };
        events::checklist::add(db, e.id, &owned).unwrap();
        // Two places: the third to answer waits.
        for member in [ana, bruno, carla] {
            attendance::respond(db, e.id, member, "going").unwrap();
        }
        e.id
    }

    /// Golden copies: the full plan in British English on A4; the wall agenda of an evening
    /// in New York that runs past midnight, in American English on US Letter; the check-in
    /// sheet of a Russian community.
    #[test]
    fn the_documents_match_their_golden_copies() {
        let mut t = temp_db();
        let c = lisbon(&mut t.db);
        let evening = evening_with_everything(&mut t.db, c, false);
        let late = evening_with_everything(&mut t.db, c, true);
        let render = |db: &Db, id, variant, paper, locale| {
            meetup_plan(db, id, variant, paper, Output::Document, locale).unwrap()
        };
        assert_golden(
            "meetup-full-en-gb-a4.html",
            &render(&t.db, evening, Variant::Full, Paper::A4, BRITISH),
        );
        let wall = render(&t.db, late, Variant::Agenda, Paper::Letter, "en_US.UTF-8");
        assert!(wall.contains("11:25 PM–12:10 AM (+1)"), "{wall}");
        assert_golden("meetup-agenda-new-york-en-us-letter.html", &wall);
        let russian = crate::db::testing::community(&mut t.db, "Гильдия", "ru").id;
        let guild = evening_with_everything(&mut t.db, russian, false);
        assert_golden(
            "meetup-checkin-ru-a4.html",
            &render(&t.db, guild, Variant::Checkin, Paper::A4, "ru_RU.UTF-8"),
        );
    }

    /// Every word the template asks for is in the catalogue in both languages, those it
    /// asks for by name (`l[variant ~ "Title"]`) and the checklist's phases included.
    #[test]
    fn the_catalogue_has_every_word_the_meetup_plan_uses() {
        let template = [include_str!("meetup.html"), include_str!("layout.html")].concat();
        let mut used = super::super::words_used(&template, "l");
        used.extend([
            "fullTitle",
            "agendaTitle",
            "checkinTitle",
            "before",
            "day",
            "after",
            "forgotten",
        ]);
        for locale in Locale::ALL {
            let words = labels::words(*locale, "meetup");
            for word in &used {
                assert!(words.contains_key(word), "{locale}: meetup.{word}");
            }
        }
    }
}
