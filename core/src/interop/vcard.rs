//! vCard: the contact cards a phone, Google Contacts or Outlook exports (`.vcf`), read in
//! versions 2.1, 3.0 and 4.0 and written in 4.0 (RFC 6350).
//!
//! Written by hand rather than with a crate: the vCard crates at hand either read 4.0 only
//! and refuse what phones write (2.1's bare `TEL;CELL:` parameters, quoted-printable text in
//! a legacy charset, soft line breaks), or keep the raw lines without unescaping them. The
//! format is line-based and small (unfolding, `name;params:value`, four escapes), so a
//! reader that forgives what phones do and a writer that folds and escapes exactly as RFC
//! 6350 says are a few hundred lines that the tests below pin down.
//!
//! Reading yields a `Table` with one column per member field, so a contacts file goes
//! through the same checks, duplicates and preview as a CSV file; `fields` tells the import
//! which field each column is.

use super::{Problem, ProblemKind, Record, Table, MAX_ROWS};

/// The columns a contacts file is read into: (the property a person would look for in the
/// file, the member field it fills).
pub const COLUMNS: &[(&str, &str)] = &[
    ("FN", "name"),
    ("EMAIL", "email"),
    ("TEL", "phone"),
    ("X-SOCIALPROFILE (Telegram)", "telegram"),
    ("X-SOCIALPROFILE (LinkedIn)", "linkedin"),
    ("X-SOCIALPROFILE (GitHub)", "github"),
    ("URL", "otherHandle"),
    ("ORG", "company"),
    ("TITLE", "position"),
    ("ADR (city)", "city"),
    ("X-HEARTH-LEVEL", "level"),
    ("X-HEARTH-ROLES", "roles"),
    ("CATEGORIES", "tags"),
    ("X-HEARTH-JOINED", "joinedOn"),
    ("X-HEARTH-LEFT", "leftOn"),
    ("X-HEARTH-SOURCE", "source"),
    ("X-HEARTH-CONSENT", "consent"),
    ("NOTE", "notes"),
    ("UID", "uid"),
];

/// One content line: `group.NAME;PARAM=value:VALUE`, the name and parameter names in upper
/// case, the value as written (escapes still in it, quoted-printable already decoded).
#[derive(Debug, Clone, PartialEq)]
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    /// Whether a parameter (`TYPE=cell`, or 2.1's bare `CELL`) says `what`.
    fn has_type(&self, what: &str) -> bool {
        self.params.iter().any(|(k, v)| {
            (matches!(k.as_str(), "TYPE" | "SERVICE-TYPE" | "X-SERVICE-TYPE")
                && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(what)))
                || (v.is_empty() && k.eq_ignore_ascii_case(what))
        })
    }

    fn preferred(&self) -> bool {
        self.has_type("pref") || self.params.iter().any(|(k, _)| k == "PREF")
    }
}

/// Reads every card of a contacts file into a table (see `COLUMNS`).
pub fn read(text: &str) -> Table {
    let mut table = Table {
        headers: COLUMNS.iter().map(|(h, _)| h.to_string()).collect(),
        ..Table::default()
    };
    let mut card: Option<Vec<Property>> = None;
    let mut number: u32 = 0;
    for (line_number, line) in logical_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let Some(property) = parse_line(&line) else {
            let row = number.max(1);
            table.problems.push(Problem::at(
                ProblemKind::BadCard,
                row,
                None,
                format!(
                    "card {row}, line {line_number}: {} is not a vCard property (NAME:value)",
                    super::shown(&line)
                ),
            ));
            continue;
        };
        match (property.name.as_str(), &mut card) {
            ("BEGIN", None) if property.value.eq_ignore_ascii_case("VCARD") => {
                number += 1;
                card = Some(Vec::new());
            }
            ("BEGIN", Some(_)) if property.value.eq_ignore_ascii_case("VCARD") => {
                table.problems.push(Problem::at(
                    ProblemKind::BadCard,
                    number,
                    None,
                    format!(
                        "card {number}, line {line_number}: a new card begins before END:VCARD"
                    ),
                ));
                number += 1;
                card = Some(Vec::new());
            }
            ("END", Some(_)) if property.value.eq_ignore_ascii_case("VCARD") => {
                if let Some(properties) = card.take() {
                    if number > MAX_ROWS {
                        table.problems.push(Problem::file(
                            ProblemKind::TooManyRows,
                            format!("the file has more than {MAX_ROWS} cards; import it in parts"),
                        ));
                        return table;
                    }
                    table.rows.push(Record {
                        row: number,
                        cells: cells(&properties),
                    });
                }
            }
            (_, Some(properties)) => properties.push(property),
            (_, None) => table.problems.push(Problem::at(
                ProblemKind::BadCard,
                number.max(1),
                None,
                format!(
                    "line {line_number}: {} stands outside BEGIN:VCARD … END:VCARD",
                    super::shown(&line)
                ),
            )),
        }
    }
    if card.is_some() {
        table.problems.push(Problem::at(
            ProblemKind::BadCard,
            number,
            None,
            format!("card {number}: the file ends before END:VCARD"),
        ));
    }
    if number == 0 && table.problems.is_empty() {
        table.problems.push(Problem::file(
            ProblemKind::Empty,
            "the file holds no contact card",
        ));
    }
    table
}

/// The lines of the file with folding undone (a line that starts with a space or tab goes
/// on the one before), and 2.1's quoted-printable soft breaks (`=` at the end) joined;
/// each with the number of the line it started on.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut lines: Vec<(u32, String)> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match lines.last_mut() {
            Some((_, last)) if soft_break => {
                last.pop();
                last.push_str(raw);
            }
            Some((_, last)) if raw.starts_with([' ', '\t']) => last.push_str(&raw[1..]),
            _ => lines.push((number, raw.to_string())),
        }
        soft_break = lines.last().is_some_and(|(_, l)| {
            l.ends_with('=') && l.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
        });
    }
    lines
}

/// Splits a content line into name, parameters and value, decoding quoted-printable.
fn parse_line(line: &str) -> Option<Property> {
    let mut in_quotes = false;
    let colon = line.char_indices().find_map(|(i, c)| match c {
        '"' => {
            in_quotes = !in_quotes;
            None
        }
        ':' if !in_quotes => Some(i),
        _ => None,
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim();
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let params: Vec<(String, String)> = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None => (p.trim().to_ascii_uppercase(), String::new()),
        })
        .collect();
    let quoted_printable = params.iter().any(|(k, v)| {
        k == "QUOTED-PRINTABLE" || (k == "ENCODING" && v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    });
    let value = if quoted_printable {
        let bytes = decode_quoted_printable(value);
        let charset = params
            .iter()
            .find(|(k, _)| k == "CHARSET")
            .and_then(|(_, v)| encoding_rs::Encoding::for_label(v.as_bytes()))
            .unwrap_or(encoding_rs::UTF_8);
        charset.decode_without_bom_handling(&bytes).0.into_owned()
    } else {
        value.to_string()
    };
    Some(Property {
        name,
        params,
        value,
    })
}

fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut in_quotes) = (0, false);
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == separator && !in_quotes {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

fn decode_quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'=', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Splits a value at `separator`s that are not escaped, and unescapes each part.
fn components(value: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => current.push('\n'),
                Some(other) => current.push(other),
                None => {}
            },
            c if c == separator => parts.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
}

fn text(value: &str) -> String {
    components(value, '\u{0}').concat()
}

/// What kind of handle a link or a service name is.
fn handle_kind(property: &Property, value: &str) -> &'static str {
    for (kind, names) in [
        ("telegram", ["telegram", "tg"]),
        ("linkedin", ["linkedin", "linked-in"]),
        ("github", ["github", "git-hub"]),
    ] {
        if names.iter().any(|n| property.has_type(n)) {
            return kind;
        }
    }
    let lower = value.to_lowercase();
    let host = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    if host.starts_with("t.me/") || host.starts_with("telegram.me/") {
        "telegram"
    } else if host.starts_with("github.com/") {
        "github"
    } else if host.starts_with("linkedin.com/") || host.contains(".linkedin.com/") {
        "linkedin"
    } else {
        "otherHandle"
    }
}

/// One card's cells, in the order of `COLUMNS`.
fn cells(properties: &[Property]) -> csv::StringRecord {
    let mut by_field: Vec<(&'static str, String)> = Vec::new();
    let mut set = |field: &'static str, value: String, replace: bool| {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        match by_field.iter_mut().find(|(f, _)| *f == field) {
            Some((_, old)) if replace => *old = value,
            Some(_) => {}
            None => by_field.push((field, value)),
        }
    };
    let mut tags: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut structured_name = String::new();
    for p in properties {
        let value = &p.value;
        match p.name.as_str() {
            "FN" => set("name", text(value), false),
            "N" => {
                let n = components(value, ';');
                let order = [1, 2, 0]; // given, additional, family
                structured_name = order
                    .iter()
                    .filter_map(|&i| n.get(i))
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            "EMAIL" => set(
                "email",
                text(value).trim_start_matches("mailto:").to_string(),
                p.preferred(),
            ),
            "TEL" => set(
                "phone",
                text(value).trim_start_matches("tel:").to_string(),
                p.preferred(),
            ),
            "ORG" => set(
                "company",
                components(value, ';')
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
                false,
            ),
            "TITLE" => set("position", text(value), false),
            "ADR" => set(
                "city",
                components(value, ';').get(3).cloned().unwrap_or_default(),
                false,
            ),
            "NOTE" => notes.push(text(value)),
            "CATEGORIES" => tags.extend(
                components(value, ',')
                    .into_iter()
                    .map(|t| t.trim().to_string()),
            ),
            "URL" | "X-SOCIALPROFILE" | "SOCIALPROFILE" | "IMPP" | "X-TELEGRAM" | "X-GITHUB"
            | "X-LINKEDIN" => {
                let value = text(value);
                let kind = match p.name.as_str() {
                    "X-TELEGRAM" => "telegram",
                    "X-GITHUB" => "github",
                    "X-LINKEDIN" => "linkedin",
                    _ => handle_kind(p, &value),
                };
                // IMPP carries a scheme before the handle (x-apple:ana, tg:ana).
                let value = match (p.name.as_str(), value.split_once(':')) {
                    ("IMPP", Some((scheme, rest)))
                        if !scheme.contains('/') && !rest.starts_with("//") =>
                    {
                        rest.to_string()
                    }
                    _ => value,
                };
                set(kind, value, false);
            }
            "X-HEARTH-OTHER-HANDLE" => set("otherHandle", text(value), true),
            "X-HEARTH-LEVEL" => set("level", text(value), false),
            "X-HEARTH-ROLES" => set("roles", text(value), false),
            "X-HEARTH-JOINED" => set("joinedOn", text(value), false),
            "X-HEARTH-LEFT" => set("leftOn", text(value), false),
            "X-HEARTH-SOURCE" => set("source", text(value), false),
            "X-HEARTH-CONSENT" => set("consent", text(value), false),
            "UID" => set(
                "uid",
                text(value).trim_start_matches("urn:uuid:").to_string(),
                false,
            ),
            _ => {}
        }
    }
    set("name", structured_name, false);
    set("notes", notes.join("\n\n"), false);
    set("tags", tags.join(", "), false);
    COLUMNS
        .iter()
        .map(|(_, field)| {
            by_field
                .iter()
                .find(|(f, _)| f == field)
                .map_or("", |(_, v)| v.as_str())
        })
        .collect()
}

/// Writes cards as RFC 6350 says: CRLF line ends, lines folded at 75 octets without
/// splitting a character, text escaped.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn begin(&mut self) {
        self.line("BEGIN:VCARD");
        self.line("VERSION:4.0");
    }

    pub fn end(&mut self) {
        self.line("END:VCARD");
    }

    /// A property whose value is one piece of text; empty values are left out.
    pub fn text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.line(&format!("{name}:{}", escape(value)));
        }
    }

    /// A property whose value is several parts (`ADR`, `N`) or a list (`CATEGORIES`),
    /// each part escaped and joined by `separator`.
    pub fn parts(&mut self, name: &str, parts: &[&str], separator: char) {
        if parts.iter().any(|p| !p.is_empty()) {
            let joined: Vec<String> = parts.iter().map(|p| escape(p)).collect();
            self.line(&format!("{name}:{}", joined.join(&separator.to_string())));
        }
    }

    /// A property with a value written as is (a URI, a UID).
    pub fn raw(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.line(&format!("{name}:{value}"));
        }
    }

    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(field: &str) -> usize {
        COLUMNS.iter().position(|(_, f)| *f == field).unwrap()
    }

    fn cell<'a>(table: &'a Table, row: usize, field: &str) -> &'a str {
        table.rows[row].cell(column(field))
    }

    #[test]
    fn a_phone_export_in_version_2_1_is_read() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=95=D0=BB=D0=BA=D0=B8=D0=BD;=D0=9F=D1=91=\r\n=D1=82=D1=80;;;\r\nTEL;CELL;PREF:+7 917 123-45-67\r\nTEL;HOME:8 843 000\r\nEMAIL;INTERNET:petr@example.ru\r\nEND:VCARD\r\n";
        let t = read(text);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(cell(&t, 0, "name"), "Пётр Елкин");
        assert_eq!(cell(&t, 0, "phone"), "+7 917 123-45-67");
        assert_eq!(cell(&t, 0, "email"), "petr@example.ru");
    }

    #[test]
    fn version_3_and_4_cards_with_folding_escapes_and_handles() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ribeiro\nORG:Farfetch\\, Lda;Data\nTITLE:Engineer\nADR;TYPE=work:;;Rua 1;Porto;;4000;Portugal\nNOTE:likes Rust\\nand Kafka; a lot\nCATEGORIES:Rust,Kafka\\, Streams\nitem1.URL:https://github.com/ana-r\nX-SOCIALPROFILE;type=telegram:https://t.me/ana_r\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Bea\n Trix\nEMAIL;PREF=1:bea@example.org\nIMPP;X-SERVICE-TYPE=Telegram:x-apple:bea_t\nUID:urn:uuid:0190-abc\nEND:VCARD\n";
        let t = read(text);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(cell(&t, 0, "company"), "Farfetch, Lda");
        assert_eq!(cell(&t, 0, "city"), "Porto");
        assert_eq!(cell(&t, 0, "notes"), "likes Rust\nand Kafka; a lot");
        assert_eq!(cell(&t, 0, "tags"), "Rust, Kafka, Streams");
        assert_eq!(cell(&t, 0, "github"), "https://github.com/ana-r");
        assert_eq!(cell(&t, 0, "telegram"), "https://t.me/ana_r");
        assert_eq!(
            cell(&t, 1, "name"),
            "BeaTrix",
            "a folded line continues without its space"
        );
        assert_eq!(cell(&t, 1, "telegram"), "bea_t");
        assert_eq!(cell(&t, 1, "uid"), "0190-abc");
        assert_eq!((t.rows[0].row, t.rows[1].row), (1, 2));
    }

    #[test]
    fn broken_cards_are_named() {
        let t =
            read("BEGIN:VCARD\nFN:Ana\nthis is not a property\nEND:VCARD\nBEGIN:VCARD\nFN:Bea\n");
        let found: Vec<_> = t.problems.iter().map(|p| (p.kind, p.row)).collect();
        assert_eq!(
            found,
            [
                (ProblemKind::BadCard, Some(1)),
                (ProblemKind::BadCard, Some(2))
            ]
        );
        assert!(
            t.problems[0].message.contains("line 3"),
            "{}",
            t.problems[0].message
        );
        assert_eq!(read("").problems[0].kind, ProblemKind::Empty);
    }

    #[test]
    fn written_lines_are_folded_and_escaped() {
        let mut w = Writer::default();
        w.begin();
        w.text("NOTE", &format!("{}, ok; \\ done\nnext", "я".repeat(40)));
        w.end();
        let out = w.finish();
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let t = read(&out);
        assert_eq!(
            cell(&t, 0, "notes"),
            format!("{}, ok; \\ done\nnext", "я".repeat(40))
        );
    }
}
