//! Finding a time zone by the words a person knows: a city or a country, in English or
//! Russian ("Moscow", "Москва", "Lisbon", "Португалия"), or the IANA id itself. A community
//! stores its zone as an IANA id, which few people can type from memory; this turns what
//! they can type into the id, named in the interface's language with today's UTC offset.
//!
//! The names come from CLDR, in `zones.tsv` beside this file, written by `generate.py`
//! (which needs Python and Babel; building Hearth needs neither).

use std::sync::LazyLock;

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::Locale;

/// Longer queries find nothing: no zone, city or country name comes close.
pub const QUERY_MAX_CHARS: usize = 100;

/// One zone found, named in the asked language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeZoneMatch {
    /// The IANA id, the value a community stores ("Europe/Lisbon").
    pub zone: String,
    /// The zone's exemplar city ("Lisbon", "Лиссабон").
    pub city: String,
    /// The country the zone belongs to; empty for UTC and for ids outside the list.
    pub country: String,
    /// The zone's offset from UTC at the time of the search: "UTC+3", "UTC-3:30", "UTC+0".
    pub offset: String,
}

/// The zones a person picks from, named in English and Russian, in the file's order (by
/// country code, then the tz database's order within a country), UTC last.
pub fn all() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|entry| entry.zone)
}

/// The zones whose city, country or id matches `query`, best first, at most `limit`,
/// named in `language`. Case, diacritics, "ё" against "е", and "_" or "-" against a space
/// make no difference, and names match in both languages whatever `language` is, as do old
/// ids that now link to a zone ("Kiev" finds Kyiv). Exact matches come first (an id or a
/// city, then a country or its code), then cities that start with the query, then countries
/// that do, then ids, then words inside names, then any substring. A complete IANA id that
/// is not in the list ("Asia/Calcutta", "Etc/GMT-3") is offered too, as the charter accepts
/// it. An empty query finds nothing.
pub fn search(query: &str, language: Locale, limit: usize) -> Vec<TimeZoneMatch> {
    search_at(query, language, limit, Utc::now())
}

/// [`search`] with the offsets taken at `now`.
pub fn search_at(
    query: &str,
    language: Locale,
    limit: usize,
    now: DateTime<Utc>,
) -> Vec<TimeZoneMatch> {
    let query = query.trim();
    if query.is_empty() || query.chars().count() > QUERY_MAX_CHARS {
        return Vec::new();
    }
    let folded = fold(query);
    let lang = match language {
        Locale::En => 0,
        Locale::Ru => 1,
    };

    let mut found: Vec<(u8, &Entry)> = ZONES
        .iter()
        .filter_map(|entry| entry.rank(&folded).map(|rank| (rank, entry)))
        .collect();
    found.sort_by(|(rank_a, a), (rank_b, b)| {
        rank_a.cmp(rank_b).then_with(|| {
            if *rank_a == EXACT_COUNTRY || *rank_a == COUNTRY_PREFIX {
                // A country's zones in the tz database's order: most people first.
                a.country_key[lang]
                    .cmp(&b.country_key[lang])
                    .then(a.order.cmp(&b.order))
            } else {
                a.city_key[lang]
                    .cmp(&b.city_key[lang])
                    .then(a.order.cmp(&b.order))
            }
        })
    });

    let mut matches = Vec::new();
    // An id outside the list comes first when it is a full "Area/Place" id; a bare legacy
    // name ("Portugal", "EST") only when nothing in the list matches, as it would otherwise
    // stand above the country's real zones.
    if let Some(tz) = unlisted_zone(query) {
        if tz.name().contains('/') || found.is_empty() {
            matches.push(TimeZoneMatch {
                zone: tz.name().to_string(),
                city: city_from_id(tz.name()),
                country: String::new(),
                offset: offset(tz, now),
            });
        }
    }
    matches.extend(found.into_iter().map(|(_, entry)| {
        TimeZoneMatch {
            zone: entry.zone.to_string(),
            city: entry.city[lang].to_string(),
            country: entry.country[lang].to_string(),
            offset: entry
                .zone
                .parse::<Tz>()
                .map(|tz| offset(tz, now))
                .unwrap_or_default(),
        }
    }));
    matches.truncate(limit);
    matches
}

// How well an entry matches, best first.
const EXACT: u8 = 0;
const EXACT_COUNTRY: u8 = 1;
const CITY_PREFIX: u8 = 2;
const COUNTRY_PREFIX: u8 = 3;
const ZONE_PREFIX: u8 = 4;
const WORD_PREFIX: u8 = 5;
const SUBSTRING: u8 = 6;

/// One line of `zones.tsv`, with its names folded once for matching.
struct Entry {
    zone: &'static str,
    /// City and country, in English then Russian.
    city: [&'static str; 2],
    country: [&'static str; 2],
    /// The zone's id, then the old ids that link to it ("Europe/Kiev"), folded.
    id_keys: Vec<String>,
    city_key: [String; 2],
    country_key: [String; 2],
    /// The zone's own country code, folded ("pt"); empty for UTC.
    country_code: String,
    /// The line's place in the file.
    order: usize,
}

impl Entry {
    fn parse(line: &'static str, order: usize) -> Option<Entry> {
        let mut fields = line.split('\t');
        let zone = fields.next()?;
        let countries = fields.next()?;
        let city = [fields.next()?, fields.next()?];
        let country = [fields.next()?, fields.next()?];
        let aliases = fields.next()?;
        if fields.next().is_some() || zone.is_empty() || city.iter().any(|c| c.is_empty()) {
            return None;
        }
        let id_keys = std::iter::once(zone)
            .chain(aliases.split(',').filter(|alias| !alias.is_empty()))
            .map(fold)
            .collect();
        Some(Entry {
            zone,
            city,
            country,
            id_keys,
            city_key: city.map(fold),
            country_key: country.map(fold),
            country_code: fold(countries.split(',').next().unwrap_or_default()),
            order,
        })
    }

    /// How well the entry matches a folded query; `None` when it does not.
    fn rank(&self, query: &str) -> Option<u8> {
        let names = || self.city_key.iter().chain(&self.country_key);
        let id_parts = || self.id_keys.iter().flat_map(|id| id.split('/'));
        if self.id_keys.iter().any(|id| id == query)
            || self.city_key.iter().any(|c| c == query)
            // An old city name: "Kiev", "Calcutta", "Saigon".
            || self.id_keys.iter().any(|id| id.rsplit('/').next() == Some(query))
        {
            Some(EXACT)
        } else if self.country_key.iter().any(|c| c == query) || self.country_code == query {
            Some(EXACT_COUNTRY)
        } else if self.city_key.iter().any(|c| c.starts_with(query)) {
            Some(CITY_PREFIX)
        } else if self.country_key.iter().any(|c| c.starts_with(query)) {
            Some(COUNTRY_PREFIX)
        } else if self.id_keys.iter().any(|id| id.starts_with(query))
            || id_parts().any(|part| part.starts_with(query))
        {
            Some(ZONE_PREFIX)
        } else if names().any(|name| name.split(' ').any(|word| word.starts_with(query))) {
            Some(WORD_PREFIX)
        } else if names().any(|name| name.contains(query))
            || self.id_keys.iter().any(|id| id.contains(query))
        {
            Some(SUBSTRING)
        } else {
            None
        }
    }
}

static ZONES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    include_str!("zones.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1) // the header
        .enumerate()
        .filter_map(|(order, line)| Entry::parse(line, order))
        .collect()
});

/// A complete IANA id that chrono-tz knows but the list leaves out (old names, links,
/// `Etc/…`), typed in any case.
fn unlisted_zone(query: &str) -> Option<Tz> {
    let tz = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(query))?;
    (!ZONES.iter().any(|entry| entry.zone == tz.name())).then_some(*tz)
}

/// "America/Argentina/Buenos_Aires" → "Buenos Aires".
fn city_from_id(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// The zone's offset from UTC at `now`: "UTC+3", "UTC-3:30", "UTC+5:45", "UTC+0".
fn offset(tz: Tz, now: DateTime<Utc>) -> String {
    let seconds = now.with_timezone(&tz).offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    match (minutes / 60, minutes % 60) {
        (hours, 0) => format!("UTC{sign}{hours}"),
        (hours, minutes) => format!("UTC{sign}{hours}:{minutes:02}"),
    }
}

/// Text as it is compared: lower case, no diacritics ("São" → "sao", "ё" → "е", but "й"
/// stays "й"), "_" and "-" as spaces, "’" as "'", runs of spaces as one.
fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut chars = text.chars().flat_map(char::to_lowercase).peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            'ё' => 'е',
            // Text typed decomposed: a letter, then its marks.
            'и' if chars.peek() == Some(&'\u{306}') => {
                chars.next();
                'й'
            }
            '\u{300}'..='\u{36f}' => continue,
            '_' | '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => ' ',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c if c.is_whitespace() => ' ',
            c => base_letter(c),
        };
        if c == ' ' && (folded.is_empty() || folded.ends_with(' ')) {
            continue;
        }
        folded.push(c);
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// A lower-case Latin letter without its diacritics: "ã" → "a", "ș" → "s", "ệ" → "e".
fn base_letter(c: char) -> char {
    static TABLE: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        ACCENTED
            .concat()
            .chars()
            .zip(BASE.concat().chars())
            .collect()
    });
    TABLE
        .binary_search_by_key(&c, |&(accented, _)| accented)
        .map_or(c, |i| TABLE[i].1)
}

// Every lower-case letter of Latin-1, Latin Extended-A and -B and Latin Extended Additional
// that is an ASCII letter with marks, in code point order, and that letter (from Unicode's
// canonical decompositions). They cover every name in the list and what people type.
const ACCENTED: [&str; 7] = [
    "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęě",
    "ĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżž",
    "ơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯ",
    "ȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋ",
    "ṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘ",
    "ẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừử",
    "ữựỳỵỷỹ",
];
const BASE: [&str; 7] = [
    "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeee",
    "gggghiiiijklllnnnooorrrssssttuuuuuuwyzzz",
    "ouaiouuuuuaagkoojgnaaaeeiioorruusthaeooo",
    "oyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnn",
    "oooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtw",
    "yaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuu",
    "uuyyyy",
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// A winter day, so that offsets are standard time.
    fn winter() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap()
    }

    fn first(query: &str, language: Locale) -> TimeZoneMatch {
        search_at(query, language, 10, winter())
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{query:?} found nothing"))
    }

    fn zones(query: &str) -> Vec<String> {
        search_at(query, Locale::En, 50, winter())
            .into_iter()
            .map(|m| m.zone)
            .collect()
    }

    #[test]
    fn every_line_of_the_file_is_a_zone_chrono_tz_knows() {
        let lines = include_str!("zones.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(ZONES.len(), lines - 1, "every line but the header parses");
        assert!(ZONES.len() > 400, "{} zones", ZONES.len());
        for zone in all() {
            assert!(zone.parse::<Tz>().is_ok(), "{zone} is not a chrono-tz zone");
        }
        let mut unique: Vec<_> = all().collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ZONES.len(), "no zone is listed twice");
    }

    #[test]
    fn a_city_is_found_in_either_language_and_named_in_the_asked_one() {
        let moscow = first("Moscow", Locale::En);
        assert_eq!(
            moscow,
            TimeZoneMatch {
                zone: "Europe/Moscow".into(),
                city: "Moscow".into(),
                country: "Russia".into(),
                offset: "UTC+3".into(),
            }
        );
        let moskva = first("Москва", Locale::Ru);
        assert_eq!(moskva.zone, "Europe/Moscow");
        assert_eq!(
            (moskva.city.as_str(), moskva.country.as_str()),
            ("Москва", "Россия")
        );
        assert_eq!(first("Москва", Locale::En).city, "Moscow");
        assert_eq!(first("moscow", Locale::Ru).city, "Москва");

        let lisbon = first("Lisbon", Locale::En);
        assert_eq!(
            (
                lisbon.zone.as_str(),
                lisbon.country.as_str(),
                lisbon.offset.as_str()
            ),
            ("Europe/Lisbon", "Portugal", "UTC+0")
        );
        assert_eq!(first("Лиссабон", Locale::Ru).zone, "Europe/Lisbon");
        assert_eq!(first("лисс", Locale::Ru).zone, "Europe/Lisbon");
    }

    #[test]
    fn a_country_finds_its_zones() {
        assert_eq!(
            zones("portugal"),
            ["Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"]
        );
        let ru: Vec<_> = search_at("Португалия", Locale::Ru, 10, winter());
        assert_eq!(ru.len(), 3);
        assert_eq!(ru[0].city, "Лиссабон");
        assert!(ru.iter().all(|m| m.country == "Португалия"));

        let russia = zones("Россия");
        assert!(russia.len() > 10, "{russia:?}");
        assert!(russia.contains(&"Asia/Vladivostok".to_string()));
    }

    #[test]
    fn spaces_hyphens_and_underscores_are_alike() {
        for query in ["new york", "New_York", "NEW-YORK", "  new   york "] {
            assert_eq!(
                first(query, Locale::En).zone,
                "America/New_York",
                "{query:?}"
            );
        }
        let ny = first("Нью-Йорк", Locale::Ru);
        assert_eq!(
            (ny.zone.as_str(), ny.city.as_str()),
            ("America/New_York", "Нью-Йорк")
        );
        assert_eq!(ny.offset, "UTC-5");
        assert_eq!(first("нью йорк", Locale::Ru).zone, "America/New_York");
    }

    #[test]
    fn diacritics_and_yo_make_no_difference() {
        assert_eq!(first("sao paulo", Locale::En).zone, "America/Sao_Paulo");
        assert_eq!(first("São Paulo", Locale::En).city, "São Paulo");
        assert_eq!(
            first("ciudad juarez", Locale::En).zone,
            "America/Ciudad_Juarez"
        );
        assert_eq!(fold("Ёлкино"), "елкино");
        assert_eq!(fold("Йошкар-Ола"), "йошкар ола");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(first("cote d'ivoire", Locale::En).zone, "Africa/Abidjan");
        // Typed decomposed: a letter, then its combining marks.
        assert_eq!(fold("Sa\u{303}o Paulo"), "sao paulo");
        assert_eq!(fold("И\u{306}ошкар-Ола"), "йошкар ола");
    }

    #[test]
    fn the_fold_table_is_sorted_and_covers_every_name_in_the_list() {
        assert_eq!(
            ACCENTED.concat().chars().count(),
            BASE.concat().chars().count()
        );
        let table: Vec<char> = ACCENTED.concat().chars().collect();
        assert!(table.windows(2).all(|w| w[0] < w[1]), "in code point order");
        for entry in ZONES.iter() {
            for name in entry.city_key.iter().chain(&entry.country_key) {
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii() || ('а'..='я').contains(&c)),
                    "{name:?} folds to plain letters"
                );
            }
        }
    }

    #[test]
    fn utc_and_ids_are_found() {
        let utc = first("UTC", Locale::En);
        assert_eq!(
            (utc.zone.as_str(), utc.city.as_str(), utc.offset.as_str()),
            ("UTC", "Coordinated Universal Time", "UTC+0")
        );
        assert_eq!(
            first("utc", Locale::Ru).city,
            "Всемирное координированное время"
        );
        assert_eq!(first("Europe/Mos", Locale::En).zone, "Europe/Moscow");
        assert_eq!(first("europe/lisbon", Locale::En).zone, "Europe/Lisbon");
        // Complete ids outside the list still work, as the charter accepts them.
        let calcutta = first("asia/calcutta", Locale::En);
        assert_eq!(
            (
                calcutta.zone.as_str(),
                calcutta.city.as_str(),
                calcutta.offset.as_str()
            ),
            ("Asia/Calcutta", "Calcutta", "UTC+5:30")
        );
        assert_eq!(first("Etc/GMT+3", Locale::En).offset, "UTC-3");
        // A bare legacy name stands aside for the country's real zones…
        assert_eq!(zones("Portugal")[0], "Europe/Lisbon");
        assert!(!zones("Portugal").contains(&"Portugal".to_string()));
        // …but is offered when nothing else matches.
        assert_eq!(zones("gmt"), ["GMT"]);
    }

    #[test]
    fn city_prefixes_come_before_countries_and_substrings() {
        // "Lisbon" is a city; nothing ranks above it.
        assert_eq!(zones("lis")[0], "Europe/Lisbon");
        // Cities starting with "San" before any zone merely containing it.
        let san = search_at("san", Locale::En, 50, winter());
        let first_other = san
            .iter()
            .position(|m| !m.city.to_lowercase().starts_with("san"))
            .unwrap_or(san.len());
        assert!(first_other > 3, "{san:?}");
        assert!(san[first_other..]
            .iter()
            .all(|m| !m.city.to_lowercase().starts_with("san")));
        // A word inside a name: "York" finds New York.
        assert!(zones("york").contains(&"America/New_York".to_string()));
        // A country before a city that starts with its name.
        let india = zones("india");
        assert_eq!(india[0], "Asia/Kolkata");
        // A country code finds the country's zones.
        assert_eq!(zones("us")[0], "America/New_York");
        assert_eq!(
            zones("PT")[..3],
            ["Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"]
        );
    }

    #[test]
    fn old_names_find_the_zone_they_became() {
        assert_eq!(first("Kiev", Locale::En).zone, "Europe/Kyiv");
        assert_eq!(first("calcutta", Locale::Ru).city, "Калькутта");
        assert_eq!(first("Saigon", Locale::En).zone, "Asia/Ho_Chi_Minh");
        assert_eq!(first("US/Eastern", Locale::En).zone, "US/Eastern");
        assert_eq!(zones("US/Eastern")[1], "America/New_York");
        // The id as typed first, then the listed zone it links to.
        assert_eq!(zones("Etc/UTC")[..2], ["Etc/UTC", "UTC"]);
    }

    #[test]
    fn nonsense_and_empty_find_nothing_and_the_limit_holds() {
        assert!(search("qzxqzx", Locale::En, 10).is_empty());
        assert!(search("Ъъъъ", Locale::Ru, 10).is_empty());
        assert!(search("", Locale::En, 10).is_empty());
        assert!(search("   ", Locale::En, 10).is_empty());
        assert!(search(&"a".repeat(QUERY_MAX_CHARS + 1), Locale::En, 10).is_empty());
        assert_eq!(search("a", Locale::En, 7).len(), 7);
        assert!(search("a", Locale::En, 0).is_empty());
    }

    #[test]
    fn offsets_follow_daylight_saving() {
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        let lisbon = search_at("Lisbon", Locale::En, 1, summer);
        assert_eq!(lisbon[0].offset, "UTC+1");
        let kathmandu = search_at("Kathmandu", Locale::En, 1, summer);
        assert_eq!(kathmandu[0].offset, "UTC+5:45");
        let st_johns = search_at("America/St_Johns", Locale::En, 1, winter());
        assert_eq!(st_johns[0].offset, "UTC-3:30");
    }
}
