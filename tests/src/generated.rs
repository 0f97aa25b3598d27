//! Generated members and events for the app benchmarks (`make bench`): a roster of any size,
//! written as the CSV a person would import (`hearth import members FILE`), and a season of
//! events as the calendar file another program exports (`hearth import events FILE`), so the
//! benchmarks fill the
//! app the way people do and measure it on data shaped like theirs: half the names Russian
//! (Cyrillic, some with ё), half English and Portuguese, with companies, positions, cities,
//! levels, roles, tags and joined dates spread over a few years. The same count gives the
//! same file on every run (a fixed pseudo-random sequence), so figures compare across runs.

const RU_FIRST: &[&str] = &[
    "Александр",
    "Алексей",
    "Анна",
    "Артём",
    "Дарья",
    "Дмитрий",
    "Екатерина",
    "Елена",
    "Иван",
    "Ирина",
    "Кирилл",
    "Ксения",
    "Максим",
    "Мария",
    "Михаил",
    "Наталья",
    "Николай",
    "Ольга",
    "Павел",
    "Пётр",
    "Светлана",
    "Семён",
    "Сергей",
    "Татьяна",
    "Фёдор",
    "Юлия",
];
const RU_LAST: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Зайцев",
    "Ёлкин",
    "Галиев",
    "Хабибуллин",
    "Сафин",
    "Гарипов",
];
const LATIN_FIRST: &[&str] = &[
    "Ana", "Beatriz", "Bruno", "Carla", "Daniel", "Diogo", "Emma", "Filipe", "Hannah", "Inês",
    "James", "João", "Laura", "Lucas", "Mariana", "Miguel", "Noah", "Olivia", "Pedro", "Rafael",
    "Rita", "Sofia", "Thomas", "Tiago", "William", "Zoe",
];
const LATIN_LAST: &[&str] = &[
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Costa",
    "Rodrigues",
    "Martins",
    "Sousa",
    "Fernandes",
    "Gonçalves",
    "Gomes",
    "Lopes",
    "Marques",
    "Almeida",
    "Ribeiro",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Walker",
    "Wright",
];
const RU_COMPANIES: &[&str] = &[
    "Яндекс",
    "Тинькофф",
    "Сбер",
    "Ozon",
    "Авито",
    "Касперский",
    "Контур",
    "Ак Барс Цифровые Технологии",
    "ICL",
    "Таттелеком",
    "JetBrains",
    "Positive Technologies",
];
const LATIN_COMPANIES: &[&str] = &[
    "Farfetch",
    "OutSystems",
    "Talkdesk",
    "Feedzai",
    "Unbabel",
    "Remote",
    "Sky",
    "Critical Software",
    "Mercedes-Benz.io",
    "Volkswagen Digital Solutions",
    "Cloudflare",
    "Revolut",
];
const RU_POSITIONS: &[&str] = &[
    "Разработчик",
    "Ведущий разработчик",
    "Тимлид",
    "Аналитик",
    "Тестировщик",
    "DevOps-инженер",
    "Продакт-менеджер",
    "Студент",
    "Дизайнер",
    "Архитектор",
];
const LATIN_POSITIONS: &[&str] = &[
    "Software Engineer",
    "Senior Engineer",
    "Engineering Manager",
    "Data Scientist",
    "QA Engineer",
    "SRE",
    "Product Manager",
    "Student",
    "Designer",
    "Staff Engineer",
];
const RU_CITIES: &[&str] = &[
    "Казань",
    "Москва",
    "Санкт-Петербург",
    "Набережные Челны",
    "Иннополис",
    "Екатеринбург",
];
const LATIN_CITIES: &[&str] = &["Lisbon", "Porto", "Braga", "Coimbra", "London", "Berlin"];
const LEVELS: &[&str] = &["", "newcomer", "mid_level", "experienced", "leader"];
const ROLES: &[&str] = &[
    "member",
    "member",
    "member",
    "speaker",
    "volunteer",
    "organizer",
];
const TAGS: &[&str] = &[
    "rust", "go", "python", "frontend", "backend", "ml", "devops", "mobile", "design", "security",
];
const SOURCES: &[&str] = &["meetup", "telegram", "friend", "conference", "website"];

/// A small fixed pseudo-random sequence (a 64-bit LCG): enough to spread values, the same on
/// every run.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// `count` members as a UTF-8 CSV with the headers Hearth's own export writes (which its
/// import maps back). Every email is different, so no row is a duplicate of another.
pub fn members_csv(count: usize) -> String {
    let mut seq = Sequence(0x4865_6172_7468);
    let mut csv = String::with_capacity(count * 160);
    csv.push_str("Name,Email,Company,Position,City,Level,Roles,Tags,Joined on,Source\n");
    for i in 0..count {
        let russian = i.is_multiple_of(2);
        let (first, last, company, position, city) = if russian {
            (
                seq.pick(RU_FIRST),
                seq.pick(RU_LAST),
                seq.pick(RU_COMPANIES),
                seq.pick(RU_POSITIONS),
                seq.pick(RU_CITIES),
            )
        } else {
            (
                seq.pick(LATIN_FIRST),
                seq.pick(LATIN_LAST),
                seq.pick(LATIN_COMPANIES),
                seq.pick(LATIN_POSITIONS),
                seq.pick(LATIN_CITIES),
            )
        };
        // A Russian woman's surname takes -а (Иванова); first names ending in а/я are hers.
        let last = if russian && (first.ends_with('а') || first.ends_with('я')) {
            format!("{last}а")
        } else {
            last.to_string()
        };
        let level = seq.pick(LEVELS);
        let mut roles = vec![seq.pick(ROLES)];
        if seq.next().is_multiple_of(10) {
            roles.push("speaker");
        }
        roles.dedup();
        let tags: Vec<&str> = (0..seq.next() % 3).map(|_| seq.pick(TAGS)).collect();
        let joined = format!(
            "{}-{:02}-{:02}",
            2020 + seq.next() % 6,
            1 + seq.next() % 12,
            1 + seq.next() % 28
        );
        let source = seq.pick(SOURCES);
        csv.push_str(&format!(
            "{first} {last},member{i}@example.org,\"{company}\",\"{position}\",{city},{level},\"{}\",\"{}\",{joined},{source}\n",
            roles.join(", "),
            dedup(tags).join(", "),
        ));
    }
    csv
}

fn dedup(mut tags: Vec<&str>) -> Vec<&str> {
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// A calendar file of `count` events in Lisbon's zone, as another calendar program exports
/// one: `in_march` of them in March 2027 (about seven a day, between 09:00 and 20:00, a tenth
/// of them whole days), the rest spread over the four years around it, every 7 hours.
pub fn events_ics(count: usize, in_march: usize) -> String {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hearth bench//EN\r\n");
    let day = |days_from_2025: usize| {
        // Civil date of 2025-01-01 plus `days_from_2025` (no calendar crate here).
        let mut days = days_from_2025;
        let mut year: usize = 2025;
        loop {
            let length = if year.is_multiple_of(4) { 366 } else { 365 };
            if days < length {
                break;
            }
            days -= length;
            year += 1;
        }
        let months = [
            31,
            if year.is_multiple_of(4) { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let mut month = 0;
        while days >= months[month] {
            days -= months[month];
            month += 1;
        }
        (year, month + 1, days + 1)
    };
    let mut event = |i: usize, (y, m, d): (usize, usize, usize), hour: usize| {
        if i.is_multiple_of(10) {
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:bench-{i}@hearth\r\nDTSTAMP:20261201T000000Z\r\n\
                 DTSTART;VALUE=DATE:{y:04}{m:02}{d:02}\r\nSUMMARY:Conference day {i}\r\nEND:VEVENT\r\n"
            ));
        } else {
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:bench-{i}@hearth\r\nDTSTAMP:20261201T000000Z\r\n\
                 DTSTART;TZID=Europe/Lisbon:{y:04}{m:02}{d:02}T{hour:02}0000\r\n\
                 DTEND;TZID=Europe/Lisbon:{y:04}{m:02}{d:02}T{:02}3000\r\n\
                 SUMMARY:Meetup {i}\r\nX-HEARTH-KIND:{}\r\nEND:VEVENT\r\n",
                hour + 1,
                ["meetup", "webinar", "workshop", "online_discussion"][i % 4]
            ));
        }
    };
    // March 2027 starts 730 + 59 days after 2025-01-01.
    for i in 0..in_march {
        event(i, day(789 + i % 31), 9 + i % 11);
    }
    let mut hours = 0;
    let mut made = in_march;
    while made < count {
        let (y, m, d) = day(hours / 24);
        hours += 7;
        if (y, m) == (2027, 3) {
            continue;
        }
        event(made, (y, m, d), 8 + (hours % 12));
        made += 1;
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

#[cfg(test)]
mod tests {
    use super::members_csv;

    #[test]
    fn every_row_has_the_header_s_ten_fields_and_its_own_email() {
        let csv = members_csv(1000);
        let mut lines = csv.lines();
        assert_eq!(lines.next().map(|h| h.split(',').count()), Some(10));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 1000);
        assert!(rows[0].starts_with(|c: char| ('А'..='Я').contains(&c)));
        assert!(rows[1].starts_with(|c: char| c.is_ascii_uppercase()));
        let emails: std::collections::HashSet<&str> =
            rows.iter().filter_map(|r| r.split(',').nth(1)).collect();
        assert_eq!(emails.len(), 1000);
        assert_eq!(members_csv(1000), csv, "the same every run");
    }
}
