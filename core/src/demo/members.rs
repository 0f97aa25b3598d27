//! The sample community's members: about 150 people in the sample's language, spread over
//! levels, roles, tags, companies, cities and how they came, with what they did over the
//! last 18 months (meetups attended, talks, posts, help, joint projects, introductions,
//! kudos), so the roster, the engagement levels and "losing touch" have something true to
//! show. The same sample comes out every time (a fixed seed): a screenshot or a test can
//! rely on it. All of it is one write: the sample is made in tests all the time.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, Utc};

use crate::db::Write;
use crate::error::Result;
use crate::members::activities::{self, ActivityFields, ActivityKind};
use crate::members::{self, MemberInput};

/// How many members the sample has, its organizers among them.
pub const COUNT: usize = 150;
/// How far back the sample's story goes.
const MONTHS: i64 = 18;

/// The words a sample's people are made of, in its language.
pub(super) struct People {
    female: &'static [&'static str],
    male: &'static [&'static str],
    /// Family names as (a man's, a woman's): Russian ones differ.
    surnames: &'static [(&'static str, &'static str)],
    companies: &'static [&'static str],
    /// The first is the community's own city, where most members live.
    cities: &'static [&'static str],
    positions: &'static [&'static str],
    sources: &'static [&'static str],
    tags: &'static [&'static str],
    talks: &'static [&'static str],
    posts: &'static [&'static str],
    helped: &'static [&'static str],
    projects: &'static [&'static str],
    kudos: &'static [&'static str],
    meetup: &'static str,
    email_domains: &'static [&'static str],
    /// A mobile number's start; the rest is seven digits, grouped as the country writes them.
    phone_prefix: &'static str,
    phone_groups: PhoneGroups,
}

/// How a country groups the last seven digits of a mobile number.
#[derive(Clone, Copy)]
enum PhoneGroups {
    /// Portugal: +351 912 345 678.
    OneThreeThree,
    /// Russia: +7 917 123-45-67.
    ThreeTwoTwo,
}

pub(super) const EN: People = People {
    female: &[
        "Beatriz", "Inês", "Mariana", "Carolina", "Joana", "Rita", "Catarina", "Marta", "Leonor",
        "Sara", "Mafalda", "Filipa", "Teresa", "Emily", "Hannah", "Laura", "Chloe", "Priya",
        "Olivia", "Clara",
    ],
    male: &[
        "João",
        "Tiago",
        "Pedro",
        "Rui",
        "Diogo",
        "André",
        "Bruno",
        "Nuno",
        "Ricardo",
        "Gonçalo",
        "Duarte",
        "Daniel",
        "Tomás",
        "Francisco",
        "Henrique",
        "James",
        "Oliver",
        "Lucas",
        "Arjun",
        "Mateus",
    ],
    surnames: &[
        ("Silva", "Silva"),
        ("Santos", "Santos"),
        ("Ferreira", "Ferreira"),
        ("Pereira", "Pereira"),
        ("Oliveira", "Oliveira"),
        ("Rodrigues", "Rodrigues"),
        ("Martins", "Martins"),
        ("Sousa", "Sousa"),
        ("Fernandes", "Fernandes"),
        ("Gonçalves", "Gonçalves"),
        ("Gomes", "Gomes"),
        ("Lopes", "Lopes"),
        ("Marques", "Marques"),
        ("Carvalho", "Carvalho"),
        ("Pinto", "Pinto"),
        ("Teixeira", "Teixeira"),
        ("Moreira", "Moreira"),
        ("Correia", "Correia"),
        ("Mendes", "Mendes"),
        ("Nunes", "Nunes"),
        ("Vieira", "Vieira"),
        ("Cardoso", "Cardoso"),
        ("Rocha", "Rocha"),
        ("Neves", "Neves"),
        ("Fonseca", "Fonseca"),
        ("Smith", "Smith"),
        ("Walker", "Walker"),
        ("Müller", "Müller"),
        ("Dubois", "Dubois"),
        ("Patel", "Patel"),
    ],
    companies: &[
        "Tejo Analytics",
        "Lusa Fintech",
        "Alfama Labs",
        "Atlantic Retail Group",
        "Belém Health",
        "OceanData",
        "Nova Telecom",
        "Castelo Software",
        "Miradouro Games",
        "Sintra Mobility",
        "Portway Logistics",
        "Estrela Energy",
        "University of Lisbon",
    ],
    cities: &[
        "Lisbon", "Oeiras", "Cascais", "Almada", "Sintra", "Porto", "Setúbal",
    ],
    positions: &[
        "Data Engineer",
        "Senior Data Engineer",
        "Data Analyst",
        "Analytics Engineer",
        "ML Engineer",
        "Data Architect",
        "Head of Data",
        "Backend Developer",
        "Platform Engineer",
        "Student",
    ],
    sources: &[
        "Meetup.com",
        "Telegram chat",
        "A friend's referral",
        "LinkedIn",
        "A conference",
        "University",
        "Company blog",
    ],
    tags: &[
        "Spark",
        "Kafka",
        "Airflow",
        "dbt",
        "ClickHouse",
        "PostgreSQL",
        "Python",
        "Scala",
        "Rust",
        "Kubernetes",
        "Flink",
        "Iceberg",
        "Data quality",
        "Streaming",
        "ML",
        "BI",
        "Mentoring",
        "Career",
    ],
    talks: &[
        "Talk: Kafka in production, two years on",
        "Talk: dbt for a team of twenty",
        "Talk: data contracts that people keep",
        "Talk: from batch to streaming with Flink",
        "Talk: Iceberg tables on a budget",
        "Lightning talk: what our on-call taught us",
        "Talk: testing Airflow DAGs",
    ],
    posts: &[
        "Blog post: our Airflow upgrade",
        "Wrote up the meetup's notes",
        "Shared a ClickHouse tuning checklist",
        "Recorded a Spark workshop",
    ],
    helped: &[
        "Answered a question about Kafka partitions in the chat",
        "Reviewed a newcomer's CV",
        "Helped debug a dbt model",
        "Mentoring session",
    ],
    projects: &[
        "Open-source data quality checks",
        "Lisbon transit open data pipeline",
    ],
    kudos: &[
        "Thanks for the great talk!",
        "Thank you for the help in the chat",
        "Great notes from the meetup",
    ],
    meetup: "Meetup #{n}",
    email_domains: &["gmail.com", "sapo.pt", "outlook.com", "proton.me"],
    phone_prefix: "+351 91",
    phone_groups: PhoneGroups::OneThreeThree,
};

pub(super) const RU: People = People {
    female: &[
        "Екатерина",
        "Ольга",
        "Татьяна",
        "Алёна",
        "Дарья",
        "Юлия",
        "Наталья",
        "Елена",
        "Ксения",
        "Алия",
        "Гульнара",
        "Диляра",
        "Полина",
        "Виктория",
        "Светлана",
        "Софья",
        "Марина",
        "Ирина",
        "Лейсан",
        "Регина",
    ],
    male: &[
        "Алексей",
        "Дмитрий",
        "Сергей",
        "Андрей",
        "Иван",
        "Михаил",
        "Артём",
        "Никита",
        "Роман",
        "Тимур",
        "Руслан",
        "Айдар",
        "Ильдар",
        "Олег",
        "Павел",
        "Кирилл",
        "Егор",
        "Максим",
        "Денис",
        "Булат",
    ],
    surnames: &[
        ("Иванов", "Иванова"),
        ("Смирнов", "Смирнова"),
        ("Кузнецов", "Кузнецова"),
        ("Попов", "Попова"),
        ("Васильев", "Васильева"),
        ("Соколов", "Соколова"),
        ("Михайлов", "Михайлова"),
        ("Новиков", "Новикова"),
        ("Фёдоров", "Фёдорова"),
        ("Морозов", "Морозова"),
        ("Волков", "Волкова"),
        ("Алексеев", "Алексеева"),
        ("Лебедев", "Лебедева"),
        ("Семёнов", "Семёнова"),
        ("Егоров", "Егорова"),
        ("Павлов", "Павлова"),
        ("Козлов", "Козлова"),
        ("Степанов", "Степанова"),
        ("Орлов", "Орлова"),
        ("Хабибуллин", "Хабибуллина"),
        ("Галиев", "Галиева"),
        ("Гарипов", "Гарипова"),
        ("Закиров", "Закирова"),
        ("Валиев", "Валиева"),
        ("Шарипов", "Шарипова"),
        ("Садыков", "Садыкова"),
        ("Миннуллин", "Миннуллина"),
        ("Нуриев", "Нуриева"),
        ("Ахметов", "Ахметова"),
        ("Зиннатуллин", "Зиннатуллина"),
    ],
    companies: &[
        "Волга Аналитика",
        "КамаСофт",
        "Иннополис Лабс",
        "Булгар Дата",
        "Казань Финтех",
        "Идель Медиа",
        "Ритейл Групп Поволжье",
        "ТатТелеком Цифра",
        "Север Логистик",
        "Медтех Казань",
        "КФУ",
        "Иннополис Университет",
        "Эс-Дата",
    ],
    cities: &[
        "Казань",
        "Иннополис",
        "Набережные Челны",
        "Зеленодольск",
        "Альметьевск",
        "Москва",
        "Нижнекамск",
    ],
    positions: &[
        "Дата-инженер",
        "Старший дата-инженер",
        "Аналитик данных",
        "Аналитик-инженер",
        "ML-инженер",
        "Архитектор данных",
        "Руководитель команды данных",
        "Бэкенд-разработчик",
        "Платформенный инженер",
        "Студент",
    ],
    sources: &[
        "Митап",
        "Telegram-чат",
        "Рекомендация друга",
        "Хабр",
        "Конференция",
        "Университет",
        "Блог компании",
    ],
    tags: &[
        "Spark",
        "Kafka",
        "Airflow",
        "dbt",
        "ClickHouse",
        "PostgreSQL",
        "Python",
        "Scala",
        "Rust",
        "Kubernetes",
        "Flink",
        "Iceberg",
        "качество данных",
        "стриминг",
        "ML",
        "BI",
        "менторство",
        "карьера",
    ],
    talks: &[
        "Доклад: Kafka в продакшене два года спустя",
        "Доклад: dbt для команды из двадцати человек",
        "Доклад: контракты на данные, которые соблюдают",
        "Доклад: от батчей к стримингу на Flink",
        "Доклад: Iceberg без большого бюджета",
        "Блиц-доклад: чему нас научили дежурства",
        "Доклад: как тестировать DAG в Airflow",
    ],
    posts: &[
        "Статья на Хабре: обновление Airflow",
        "Конспект митапа",
        "Чек-лист настройки ClickHouse",
        "Запись воркшопа по Spark",
    ],
    helped: &[
        "Ответил в чате про партиции в Kafka",
        "Посмотрел резюме новичка",
        "Помог разобраться с моделью dbt",
        "Менторская встреча",
    ],
    projects: &[
        "Open-source проверки качества данных",
        "Пайплайн открытых данных о транспорте Казани",
    ],
    kudos: &[
        "Спасибо за отличный доклад!",
        "Спасибо за помощь в чате",
        "Отличный конспект митапа",
    ],
    meetup: "Митап №{n}",
    email_domains: &["gmail.com", "yandex.ru", "mail.ru", "inbox.ru"],
    phone_prefix: "+7 917",
    phone_groups: PhoneGroups::ThreeTwoTwo,
};

/// A small fixed-seed generator (SplitMix64): the sample is the same on every run and
/// needs no crate for it.
pub(super) struct Dice(pub u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    pub(super) fn days(&mut self, from: i64, to: i64) -> i64 {
        from + self.below((to - from + 1).max(1) as usize) as i64
    }
}

/// How much a member takes part: the chances, per meetup and per month, that they do each
/// thing. A drifted member was a regular and stopped a few months ago ("losing touch").
#[derive(Clone, Copy, PartialEq)]
enum Habit {
    Core,
    Regular,
    Occasional,
    Quiet,
    Drifted,
}

impl Habit {
    fn attends(self) -> f64 {
        match self {
            Habit::Core => 0.9,
            Habit::Regular | Habit::Drifted => 0.6,
            Habit::Occasional => 0.2,
            Habit::Quiet => 0.04,
        }
    }

    /// Chances per month: a post, help given, an introduction.
    fn monthly(self) -> (f64, f64, f64) {
        match self {
            Habit::Core => (0.2, 0.45, 0.08),
            Habit::Regular | Habit::Drifted => (0.05, 0.15, 0.03),
            Habit::Occasional => (0.01, 0.04, 0.0),
            Habit::Quiet => (0.0, 0.0, 0.0),
        }
    }
}

/// One generated person, before they are stored.
struct Person {
    input: MemberInput,
    habit: Habit,
    joined: NaiveDate,
    speaker: bool,
}

/// Who came to which monthly meetup: the member, the meetup's day, and the "attended"
/// activity their check-in is.
pub(super) type Attended = Vec<(i64, NaiveDate, i64)>;

/// Adds the sample's members to community `community_id`, the organizers first (in the
/// order given: the first is the organizer's own record), with their activities, among
/// them the monthly meetups of `meetups` (past days, oldest first) they came to. Returns
/// the organizers' member ids and who came to which meetup.
pub(super) fn add(
    w: &Write,
    community_id: i64,
    people: &People,
    organizers: &[&str; 3],
    meetups: &[NaiveDate],
) -> Result<([i64; 3], Attended)> {
    let today = Utc::now().date_naive();
    let mut dice = Dice(0x4845_4152_5448);
    let persons = generate(&mut dice, people, organizers, today);
    let now = Utc::now();
    let mut ids = Vec::with_capacity(persons.len());
    for person in &persons {
        let fields = person.input.validate(true)?;
        let uid = uuid::Uuid::now_v7().to_string();
        ids.push(members::insert(w, community_id, &uid, &fields, now)?);
    }
    let mut attended = Vec::new();
    for (person, &id) in persons.iter().zip(&ids) {
        for (kind, on, note, from) in story(&mut dice, people, person, today, &ids, meetups) {
            let fields = ActivityFields {
                kind,
                occurred_on: Some(on),
                weight: None,
                note,
            };
            let activity = activities::insert(w, id, &fields, from.filter(|&f| f != id))?;
            if kind == ActivityKind::EventAttended {
                attended.push((id, on, activity));
            }
        }
    }
    Ok(([ids[0], ids[1], ids[2]], attended))
}

fn generate(dice: &mut Dice, p: &People, organizers: &[&str; 3], today: NaiveDate) -> Vec<Person> {
    let mut taken: HashSet<String> = organizers.iter().map(|o| o.to_string()).collect();
    let organizer_first: Vec<&str> = organizers
        .iter()
        .filter_map(|o| o.split(' ').next())
        .collect();
    let mut out = Vec::with_capacity(COUNT);
    for (i, name) in organizers.iter().enumerate() {
        let mut person = person(dice, p, name, today);
        person.habit = Habit::Core;
        person.speaker = true;
        person.joined = today - Duration::days(30 * MONTHS + 10 + i as i64);
        person.input.joined_on = Some(person.joined.to_string());
        person.input.level = Some(if i == 0 { "leader" } else { "experienced" }.into());
        person.input.roles = Some(vec!["member".into(), "organizer".into(), "speaker".into()]);
        person.input.source = Some(p.sources[0].into());
        person.input.consent = Some(true);
        out.push(person);
    }
    while out.len() < COUNT {
        let female = dice.chance(0.42);
        let first = if female {
            dice.pick(p.female)
        } else {
            dice.pick(p.male)
        };
        let (his, hers) = dice.pick(p.surnames);
        let name = format!("{first} {}", if female { hers } else { his });
        // An organizer's first name is theirs alone in the sample, so "Mine" and the plan's
        // owners can never be taken for another person's.
        if organizer_first.contains(&first) || !taken.insert(name.clone()) {
            continue;
        }
        out.push(person(dice, p, &name, today));
    }
    out
}

fn person(dice: &mut Dice, p: &People, name: &str, today: NaiveDate) -> Person {
    let habit = match dice.below(100) {
        0..=7 => Habit::Core,
        8..=27 => Habit::Regular,
        28..=57 => Habit::Occasional,
        58..=87 => Habit::Quiet,
        _ => Habit::Drifted,
    };
    // The newest joined this month; those who drifted away came early enough to be missed.
    let earliest = 30 * MONTHS;
    let joined = today
        - Duration::days(match habit {
            Habit::Drifted => dice.days(300, earliest),
            _ => dice.days(5, earliest),
        });
    let level = match dice.below(100) {
        0..=24 => "newcomer",
        25..=59 => "mid_level",
        60..=87 => "experienced",
        _ => "leader",
    };
    let speaker = level != "newcomer"
        && matches!(habit, Habit::Core | Habit::Regular | Habit::Drifted)
        && dice.chance(0.45);
    let mut roles = vec!["member".to_string()];
    if speaker {
        roles.push("speaker".into());
    }
    if habit == Habit::Core && dice.chance(0.5) {
        roles.push("volunteer".into());
    }
    if habit == Habit::Core && dice.chance(0.15) {
        roles.push("moderator".into());
    }
    if level == "leader" && dice.chance(0.2) {
        roles.push("sponsor".into());
    }
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..dice.days(1, 4) {
        let tag = dice.pick(p.tags).to_string();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let handle = latin_handle(name, dice);
    let city = if dice.chance(0.6) {
        p.cities[0]
    } else {
        dice.pick(p.cities)
    };
    let company = if dice.chance(0.88) {
        dice.pick(p.companies)
    } else {
        ""
    };
    let position = if level == "newcomer" && dice.chance(0.3) {
        p.positions[p.positions.len() - 1]
    } else {
        dice.pick(&p.positions[..p.positions.len() - 1])
    };
    let phone = if dice.chance(0.45) {
        match p.phone_groups {
            PhoneGroups::OneThreeThree => format!(
                "{}{} {:03} {:03}",
                p.phone_prefix,
                dice.below(10),
                dice.below(1000),
                dice.below(1000)
            ),
            PhoneGroups::ThreeTwoTwo => format!(
                "{} {:03}-{:02}-{:02}",
                p.phone_prefix,
                dice.below(1000),
                dice.below(100),
                dice.below(100)
            ),
        }
    } else {
        String::new()
    };
    let input = MemberInput {
        name: Some(name.into()),
        email: dice
            .chance(0.8)
            .then(|| format!("{handle}@{}", dice.pick(p.email_domains))),
        phone: Some(phone),
        telegram: dice.chance(0.55).then(|| handle.replace('.', "_")),
        github: dice.chance(0.25).then(|| handle.replace('.', "-")),
        company: Some(company.into()),
        position: Some(position.into()),
        city: Some(city.into()),
        level: Some(level.into()),
        roles: Some(roles),
        tags: Some(tags),
        joined_on: Some(joined.to_string()),
        source: Some(dice.pick(p.sources).into()),
        consent: Some(dice.chance(0.85)),
        ..MemberInput::default()
    };
    Person {
        input,
        habit,
        joined,
        speaker,
    }
}

/// What a member did, oldest first: each activity's kind, day, note and, for kudos, who
/// gave it (an index into `ids`, the members as stored).
fn story(
    dice: &mut Dice,
    p: &People,
    person: &Person,
    today: NaiveDate,
    ids: &[i64],
    meetups: &[NaiveDate],
) -> Vec<(ActivityKind, NaiveDate, String, Option<i64>)> {
    let habit = person.habit;
    let until = match habit {
        Habit::Drifted => today - Duration::days(dice.days(70, 160)),
        _ => today,
    };
    let mut out = Vec::new();
    // The monthly meetup.
    for (k, &day) in meetups.iter().enumerate() {
        if day < person.joined || day > until {
            continue;
        }
        let number = (k + 1).to_string();
        if dice.chance(habit.attends()) {
            out.push((
                ActivityKind::EventAttended,
                day,
                p.meetup.replace("{n}", &number),
                None,
            ));
            let talk = if habit == Habit::Core { 0.18 } else { 0.1 };
            if person.speaker && dice.chance(talk) {
                out.push((ActivityKind::Talk, day, dice.pick(p.talks).into(), None));
            }
        }
    }
    let (post, help, introduction) = habit.monthly();
    let months = (until - person.joined).num_days() / 30;
    for month in 0..=months {
        let start = person.joined + Duration::days(30 * month);
        let on = |dice: &mut Dice| (start + Duration::days(dice.days(0, 29))).min(until);
        if dice.chance(post) {
            out.push((
                ActivityKind::Content,
                on(dice),
                dice.pick(p.posts).into(),
                None,
            ));
        }
        if dice.chance(help) {
            out.push((
                ActivityKind::Help,
                on(dice),
                dice.pick(p.helped).into(),
                None,
            ));
        }
        if dice.chance(introduction) {
            out.push((ActivityKind::Recommendation, on(dice), String::new(), None));
        }
        if habit != Habit::Quiet && dice.chance(if habit == Habit::Core { 0.12 } else { 0.04 }) {
            let from = ids[dice.below(ids.len())];
            out.push((
                ActivityKind::Kudos,
                on(dice),
                dice.pick(p.kudos).into(),
                Some(from),
            ));
        }
    }
    // A few long-standing members work on the community's joint projects.
    if habit == Habit::Core && person.joined.year() < today.year() && dice.chance(0.5) {
        let on = today - Duration::days(dice.days(20, 200));
        if on >= person.joined {
            out.push((
                ActivityKind::JointProject,
                on,
                dice.pick(p.projects).into(),
                None,
            ));
        }
    }
    out.retain(|(_, on, _, _)| *on >= person.joined && *on <= today);
    out.sort_by_key(|(_, on, _, _)| *on);
    out
}

/// A handle for an address or a username, in Latin letters: "Алёна Галиева" is
/// "alena.galieva", "João Gonçalves" is "joao.goncalves"; a number keeps it apart from
/// another of the same name now and then.
fn latin_handle(name: &str, dice: &mut Dice) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            'á' | 'à' | 'â' | 'ã' => "a",
            'é' | 'ê' => "e",
            'í' => "i",
            'ó' | 'ô' | 'õ' => "o",
            'ú' | 'ü' => "u",
            'ç' => "c",
            ' ' => ".",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push_str(latin);
    }
    if dice.chance(0.3) {
        out.push_str(&(dice.below(90) + 10).to_string());
    }
    out
}
