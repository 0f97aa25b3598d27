//! Members coming in from a file: a CSV export of a sign-up service or a spreadsheet, or a
//! phone's contacts (vCard). Two steps, as a careful person would do it by hand:
//!
//! - `preview` reads the file and writes nothing: how it was read (encoding, delimiter,
//!   format), which column is which member field (detected from the headers that Meetup,
//!   Luma, Google Forms and Excel write in English and Russian, or as the person mapped
//!   them), every problem by row and column, and every duplicate (same uid, same email, or
//!   same name and phone; inside the file or against the roster) with a proposed action.
//! - `commit` does it: all of it in one transaction, or nothing. It refuses while any row
//!   has a problem, reports progress, and rolls back when cancelled.
//!
//! Both run the same `plan`, so what the preview promised is what the commit does.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{normalise, phone_digits, MemberFields, MemberInput, NOTES_MAX, TAGS_MAX};
use super::store::{apply, community_exists, get_in, insert};
use super::{Level, Role};
use crate::db::{Db, Read};
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::interop::{
    self, csv as csv_file, shown, vcard, Delimiter, FileFormat, Problem, ProblemKind, Record,
    Table, TextEncoding, MAX_FILE_BYTES,
};
use crate::labels::Labelled;
use crate::Locale;

string_enum! {
    /// What a column of a file can fill. Besides the member's own fields: the parts of a
    /// name that some exports keep apart (joined into the name), and the uid of a member
    /// exported by Hearth (so a re-import finds the member it came from).
    pub enum ImportField {
        Name = "name",
        FirstName = "firstName",
        MiddleName = "middleName",
        LastName = "lastName",
        Email = "email",
        Phone = "phone",
        Telegram = "telegram",
        Linkedin = "linkedin",
        Github = "github",
        OtherHandle = "otherHandle",
        Company = "company",
        Position = "position",
        City = "city",
        Level = "level",
        Roles = "roles",
        Tags = "tags",
        JoinedOn = "joinedOn",
        LeftOn = "leftOn",
        Source = "source",
        Consent = "consent",
        Notes = "notes",
        Uid = "uid",
    }
}

string_enum! {
    /// What becomes of a row that duplicates a member (or an earlier row): its details fill
    /// what the member lacks (`merge`), it is left out (`skip`), or it becomes a member of
    /// its own (`add`).
    pub enum DuplicateAction {
        Merge = "merge",
        Skip = "skip",
        Add = "add",
    }
}

string_enum! {
    /// Why two records are taken for the same person.
    pub enum DuplicateReason {
        Uid = "uid",
        Email = "email",
        NamePhone = "namePhone",
    }
}

/// How to read a file. Everything is optional: by default core detects it all.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct ImportOptions {
    /// The field of each column, in the file's order (null: not imported); absent: detected
    /// from the headers.
    pub mapping: Option<Vec<Option<ImportField>>>,
    /// Dates written with slashes are month first (`03/25/2026`), as in the US; otherwise
    /// day first (`25/03/2026`).
    #[ts(as = "Option<bool>", optional)]
    pub us_dates: bool,
    pub delimiter: Option<Delimiter>,
    pub encoding: Option<TextEncoding>,
    /// The person's choice for duplicates, by row; a duplicate not listed gets the
    /// proposed action.
    #[ts(as = "Option<Vec<DuplicateDecision>>", optional)]
    pub decisions: Vec<DuplicateDecision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateDecision {
    pub row: u32,
    pub action: DuplicateAction,
}

/// What a file holds and what importing it would do; nothing is written to make it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    pub format: FileFormat,
    /// Null when the file could not be decoded.
    pub encoding: Option<TextEncoding>,
    /// CSV only.
    pub delimiter: Option<Delimiter>,
    pub us_dates: bool,
    /// Some dates with slashes can only be read month first (`03/25/2026`), and none only
    /// day first: the interface offers to switch US dates on.
    pub us_dates_suggested: bool,
    pub columns: Vec<ImportColumn>,
    /// Rows (or cards) that hold anything.
    pub row_count: u32,
    /// The first rows as members, as they would be written.
    pub sample: Vec<ImportSampleRow>,
    /// The first 500 problems (`MAX_LISTED`); `problemCount` counts them all.
    pub problems: Vec<Problem>,
    pub problem_count: u32,
    /// The first 500 duplicates; `duplicateCount` counts them all.
    pub duplicates: Vec<ImportDuplicate>,
    pub duplicate_count: u32,
    /// What confirming would do with the decisions given (proposed ones for the rest).
    pub add: u32,
    pub merge: u32,
    pub skip: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    pub index: u32,
    pub header: String,
    /// The field it fills as mapped now (null: not imported).
    pub field: Option<ImportField>,
    /// The field core recognised from the header.
    pub detected: Option<ImportField>,
    /// Up to three values from the column, for the person to recognise it.
    pub samples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSampleRow {
    pub row: u32,
    pub member: MemberInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportDuplicate {
    pub row: u32,
    pub name: String,
    pub email: String,
    pub reason: DuplicateReason,
    /// Who it duplicates: a member of the roster, or an earlier row of the file.
    pub duplicates: DuplicateOf,
    pub proposed: DuplicateAction,
    /// What will happen: the person's decision, else the proposal.
    pub action: DuplicateAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateOf {
    pub member_id: Option<i64>,
    pub row: Option<u32>,
    pub name: String,
    pub email: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub rows: u32,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
}

/// How far a running import is: `done` of `total` members written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// How many problems and duplicates a preview lists (all are counted).
pub const MAX_LISTED: usize = 500;
const SAMPLE_ROWS: usize = 10;
/// Progress is reported, and cancel looked at, every this many members.
const PROGRESS_EVERY: usize = 1_000;

/// Reads a file and tells what importing it into `community_id` would do. Writes nothing.
pub fn preview(
    db: &Db,
    community_id: i64,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportPreview> {
    let parsed = parse(file_name, bytes, options)?;
    db.read(|r| {
        community_exists(r, community_id)?;
        let plan = plan(r, community_id, &parsed, options)?;
        Ok(plan.preview(file_name, &parsed, options.us_dates))
    })
}

/// Imports a file into `community_id`: every new member and every merge in one
/// transaction, or nothing. Refuses (writing nothing) while the file has any problem.
/// `progress(done, total)` is called as members are written; setting `cancel` rolls the
/// whole import back and answers `conflict` "cancelled".
pub fn commit(
    db: &mut Db,
    community_id: i64,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    progress: &dyn Fn(u32, u32),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let parsed = parse(file_name, bytes, options)?;
    // The roster's index grows by every member in one transaction; with SQLite's default
    // cache (2 MiB) each insert reads index pages back from the file, and pages written are
    // spilled to the journal before the commit. A cache as large as the data for the
    // import's length (SQLite takes memory only as pages are used) removes both: measured
    // in core/examples/bench.rs, `import`.
    let previous_cache: i64 = db
        .connection_mut()
        .query_row("PRAGMA cache_size", [], |row| row.get(0))?;
    db.connection_mut()
        .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
    let result = write_plan(db, community_id, &parsed, options, progress, cancel);
    db.connection_mut()
        .pragma_update(None, "cache_size", previous_cache)?;
    result
}

/// SQLite's page cache during an import, in KiB (as `PRAGMA cache_size` takes it when negative).
const IMPORT_CACHE_KIB: i64 = -256 * 1024;

fn write_plan(
    db: &mut Db,
    community_id: i64,
    parsed: &Parsed,
    options: &ImportOptions,
    progress: &dyn Fn(u32, u32),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    db.write(|w| {
        community_exists(w, community_id)?;
        let plan = plan(w, community_id, parsed, options)?;
        if let Some(first) = plan.problems.first() {
            let more = match plan.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            return Err(Error::InvalidInput {
                field: Some("file".into()),
                rule: first.rule.unwrap_or(Rule::InvalidFormat),
                limit: first.limit,
                message: format!("nothing was imported: {}{more}", first.message),
            });
        }
        let total = count(plan.new.len() + plan.merges.len());
        let cancelled = || {
            if cancel.load(Ordering::Relaxed) {
                Err(Error::Conflict(
                    "the import was cancelled; nothing was imported".into(),
                ))
            } else {
                Ok(())
            }
        };
        progress(0, total);
        let now = Utc::now();
        let mut done = 0usize;
        for new in &plan.new {
            if done.is_multiple_of(PROGRESS_EVERY) {
                cancelled()?;
                progress(count(done), total);
            }
            let uid = match &new.uid {
                Some(uid) if !uid_taken(w, uid)? => uid.clone(),
                _ => uuid::Uuid::now_v7().to_string(),
            };
            insert(w, community_id, &uid, &new.fields, now)?;
            done += 1;
        }
        for (id, merge) in &plan.merges {
            if done.is_multiple_of(PROGRESS_EVERY) {
                cancelled()?;
                progress(count(done), total);
            }
            let changes = changed(&merge.before, &merge.after);
            apply(w, *id, &changes, now)?;
            done += 1;
        }
        cancelled()?;
        // A plan task whose owner was typed as one of these names becomes theirs.
        super::owners::link_typed_owners(w, community_id)?;
        progress(total, total);
        Ok(ImportReport {
            rows: plan.rows,
            added: plan.added,
            merged: plan.merged,
            skipped: plan.skipped,
        })
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn uid_taken(r: &Read, uid: &str) -> Result<bool> {
    r.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE uid = ?1) AS taken",
        [uid],
        |row| row.get("taken"),
    )
}

// ---------------------------------------------------------------------------------------
// Reading the file

/// A file read into a table, with how it was read.
struct Parsed {
    format: FileFormat,
    encoding: Option<TextEncoding>,
    delimiter: Option<Delimiter>,
    table: Table,
    mapping: Vec<Option<ImportField>>,
    detected: Vec<Option<ImportField>>,
}

fn parse(file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Parsed> {
    let by_name = {
        let lower = file_name.to_lowercase();
        lower.ends_with(".vcf") || lower.ends_with(".vcard")
    };
    let mut parsed = Parsed {
        format: if by_name {
            FileFormat::Vcard
        } else {
            FileFormat::Csv
        },
        encoding: None,
        delimiter: None,
        table: Table::default(),
        mapping: Vec::new(),
        detected: Vec::new(),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        parsed.table.problems.push(too_big());
        return Ok(parsed);
    }
    let decoded = match interop::decode(bytes, options.encoding) {
        Ok(decoded) => decoded,
        Err(problem) => {
            parsed.table.problems.push(problem);
            return Ok(parsed);
        }
    };
    parsed.encoding = Some(decoded.encoding);
    let starts_as_card = decoded
        .text
        .trim_start()
        .get(..11)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD"));
    if starts_as_card {
        parsed.format = FileFormat::Vcard;
    }
    match parsed.format {
        FileFormat::Vcard => {
            parsed.table = vcard::read(&decoded.text);
            parsed.detected = vcard::COLUMNS
                .iter()
                .map(|(_, field)| ImportField::parse("mapping", field).ok())
                .collect();
        }
        FileFormat::Csv => {
            let (delimiter, table) = csv_file::read(&decoded.text, options.delimiter);
            parsed.delimiter = Some(delimiter);
            parsed.detected = detect_mapping(&table.headers);
            parsed.table = table;
        }
    }
    parsed.mapping = match &options.mapping {
        Some(mapping) if mapping.len() == parsed.table.headers.len() => mapping.clone(),
        Some(mapping) => {
            return Err(Error::invalid(
                "mapping",
                Rule::InvalidFormat,
                format!(
                    "the mapping has {} columns but the file has {}",
                    mapping.len(),
                    parsed.table.headers.len()
                ),
            ))
        }
        None => parsed.detected.clone(),
    };
    Ok(parsed)
}

/// The problem of a file over the size limit.
fn too_big() -> Problem {
    Problem::file(
        ProblemKind::TooBig,
        format!(
            "the file is larger than {} MiB, the most an import takes; import it in parts",
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
}

/// A header as compared with the known ones: lower case, "ё" as "е", punctuation as spaces.
fn header_key(header: &str) -> String {
    let spaced: String = header
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    normalise(&spaced)
}

/// Headers as the exports of Meetup, Luma, Google Forms, Excel and Hearth itself write
/// them, in English and Russian (after `header_key`).
#[rustfmt::skip]
const KNOWN_HEADERS: &[(ImportField, &[&str])] = &[
    (ImportField::Name, &["name", "full name", "fullname", "member name", "display name",
        "contact name", "attendee name", "your name", "participant", "фио", "ф и о",
        "имя и фамилия", "имя фамилия", "фамилия имя", "фамилия имя отчество", "полное имя",
        "ваше имя", "как вас зовут", "имя участника", "участник", "fn"]),
    (ImportField::FirstName, &["first name", "firstname", "given name", "имя"]),
    (ImportField::MiddleName, &["middle name", "additional name", "отчество"]),
    (ImportField::LastName, &["last name", "lastname", "surname", "family name", "фамилия"]),
    (ImportField::Email, &["email", "e mail", "email address", "e mail address", "mail",
        "attendee email", "электронная почта", "эл почта", "почта", "адрес электронной почты",
        "емейл", "имейл", "e mail адрес"]),
    (ImportField::Phone, &["phone", "phone number", "mobile", "mobile phone", "cell",
        "telephone", "tel", "телефон", "номер телефона", "мобильный", "мобильный телефон",
        "контактный телефон"]),
    (ImportField::Telegram, &["telegram", "telegram username", "tg", "телеграм", "телеграмм",
        "ник в телеграм"]),
    (ImportField::Linkedin, &["linkedin", "linkedin url", "linkedin profile"]),
    (ImportField::Github, &["github", "github username", "github login"]),
    (ImportField::OtherHandle, &["other handle", "website", "site", "url", "twitter", "сайт",
        "другое"]),
    (ImportField::Company, &["company", "company name", "organization", "organisation",
        "employer", "org", "компания", "организация", "место работы", "работодатель"]),
    (ImportField::Position, &["position", "job title", "job", "должность", "позиция", "title"]),
    (ImportField::City, &["city", "business city", "location", "town", "город",
        "населенный пункт", "местоположение", "home city"]),
    (ImportField::Level, &["level", "experience level", "уровень"]),
    (ImportField::Roles, &["roles", "role", "роли", "роль"]),
    (ImportField::Tags, &["tags", "skills", "interests", "categories", "теги", "метки", "навыки",
        "интересы"]),
    (ImportField::JoinedOn, &["joined on", "joined", "joined group on", "date joined",
        "join date", "registration date", "registered", "timestamp", "дата вступления",
        "дата регистрации", "отметка времени"]),
    (ImportField::LeftOn, &["left on", "left", "date left", "дата выхода"]),
    (ImportField::Source, &["source", "how did you hear about us", "источник",
        "откуда вы узнали о нас"]),
    (ImportField::Consent, &["consent", "consent to contact", "mailing list", "согласие",
        "согласие на рассылку"]),
    (ImportField::Notes, &["notes", "note", "comments", "comment", "intro", "about", "bio",
        "заметки", "примечание", "комментарий", "о себе"]),
    (ImportField::Uid, &["uid", "hearth uid", "member uid"]),
];

/// Words that make a header's field clear when it is a question ("Your e-mail for the
/// newsletter"), tried in order when no header matches whole.
#[rustfmt::skip]
const HEADER_WORDS: &[(ImportField, &[&str])] = &[
    (ImportField::Email, &["email", "e mail", "электронн"]),
    (ImportField::Phone, &["phone", "телефон", "mobile"]),
    (ImportField::Telegram, &["telegram", "телеграм"]),
    (ImportField::Linkedin, &["linkedin"]),
    (ImportField::Github, &["github"]),
    (ImportField::Company, &["company", "компани", "organization", "организац", "employer",
        "место работы"]),
    (ImportField::Position, &["job title", "position", "должност"]),
    (ImportField::City, &["city", "город"]),
    (ImportField::LastName, &["last name", "surname", "фамил"]),
    (ImportField::MiddleName, &["отчеств"]),
    (ImportField::FirstName, &["first name"]),
    (ImportField::Name, &["full name", "фио", "имя", "your name"]),
    (ImportField::Tags, &["tag", "skill", "interest", "навык", "интерес", "тег"]),
    (ImportField::Notes, &["note", "comment", "заметк", "коммент"]),
    (ImportField::Source, &["source", "hear about", "источник", "откуда"]),
    (ImportField::Consent, &["consent", "соглас"]),
    (ImportField::JoinedOn, &["joined", "registered", "дата регистрации", "вступ"]),
];

/// The field of each column, from its header; each field goes to the first column that
/// names it, so a second "Email" column is left for the person to map.
fn detect_mapping(headers: &[String]) -> Vec<Option<ImportField>> {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut taken: Vec<ImportField> = Vec::new();
    let mut mapping: Vec<Option<ImportField>> = vec![None; keys.len()];
    for (field, names) in KNOWN_HEADERS {
        // The column that names the field most plainly (its header earliest in the list):
        // Outlook's "Job Title" rather than its "Title" (Mr., Dr.); the first of equals.
        let best = keys
            .iter()
            .enumerate()
            .filter(|(i, _)| mapping[*i].is_none())
            .filter_map(|(i, key)| names.iter().position(|n| n == key).map(|rank| (rank, i)))
            .min();
        if let Some((_, i)) = best {
            mapping[i] = Some(*field);
            taken.push(*field);
        }
    }
    for (i, key) in keys.iter().enumerate() {
        // Google Contacts and Outlook describe a value in a column of its own ("E-mail 1 -
        // Type": "* Home"); the value's column is the one to map.
        let describes_another = key.ends_with(" type") || key.ends_with(" label");
        if mapping[i].is_some() || key.is_empty() || describes_another {
            continue;
        }
        let field = HEADER_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| key.contains(w)))
            .map(|(field, _)| *field)
            .filter(|f| !taken.contains(f));
        // "Username" is no name.
        let field = field.filter(|f| !(*f == ImportField::Name && key.contains("user")));
        taken.extend(field);
        mapping[i] = field;
    }
    mapping
}

// ---------------------------------------------------------------------------------------
// From cells to members

/// One row turned into a member's fields, or the problems that stop it.
struct Row {
    row: u32,
    input: MemberInput,
    uid: Option<String>,
    fields: Option<MemberFields>,
}

/// Where each field came from, to name the column of a problem.
struct Columns<'a> {
    headers: &'a [String],
    of_field: HashMap<&'static str, usize>,
    /// A vCard file's records are cards and its columns properties; a CSV's, rows and columns.
    cards: bool,
}

impl Columns<'_> {
    fn new<'a>(
        headers: &'a [String],
        mapping: &[Option<ImportField>],
        format: FileFormat,
    ) -> Columns<'a> {
        let mut of_field = HashMap::new();
        for (i, field) in mapping.iter().enumerate() {
            if let Some(field) = field {
                let name = match field {
                    ImportField::FirstName | ImportField::LastName | ImportField::MiddleName => {
                        "name"
                    }
                    other => other.as_str(),
                };
                of_field.entry(name).or_insert(i);
            }
        }
        Columns {
            headers,
            of_field,
            cards: format == FileFormat::Vcard,
        }
    }

    fn problem(&self, kind: ProblemKind, row: u32, field: &str, err: Error) -> Problem {
        let lookup = if field == "tag" { "tags" } else { field };
        let column = self.of_field.get(lookup).copied();
        let (rule, limit, message) = match err {
            Error::InvalidInput {
                rule,
                limit,
                message,
                ..
            } => (Some(rule), limit, message),
            other => (None, None, other.to_string()),
        };
        let header = |c: usize| self.headers.get(c).map_or("", String::as_str);
        let place = match column {
            Some(c) if self.cards => format!("card {row}, {}", header(c)),
            Some(c) => format!("row {row}, column {} ({})", c + 1, header(c)),
            None if self.cards => format!("card {row}"),
            None => format!("row {row}"),
        };
        Problem {
            kind,
            row: Some(row),
            column: column.map(|c| c as u32),
            header: column.and_then(|c| self.headers.get(c).cloned()),
            field: Some(lookup.to_string()),
            rule,
            limit,
            message: format!("{place}: {message}"),
        }
    }
}

/// Tallies of dates written with slashes that only one reading allows.
#[derive(Default)]
struct SlashDates {
    day_first_only: u32,
    month_first_only: u32,
}

fn convert(
    record: &Record,
    mapping: &[Option<ImportField>],
    columns: &Columns<'_>,
    us_dates: bool,
    slashes: &mut SlashDates,
    has_name_column: bool,
    problems: &mut Vec<Problem>,
) -> Option<Row> {
    let mut input = MemberInput::default();
    let mut name_parts: [Option<&str>; 3] = [None; 3];
    let mut uid = None;
    let mut any = false;
    let problems_before = problems.len();
    let row = record.row;
    for (i, field) in mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        let value = record.cell(i).trim();
        if value.is_empty() {
            continue;
        }
        any = true;
        let text = || Some(value.to_string());
        match field {
            ImportField::Name => input.name = text(),
            ImportField::FirstName => name_parts[0] = Some(value),
            ImportField::MiddleName => name_parts[1] = Some(value),
            ImportField::LastName => name_parts[2] = Some(value),
            ImportField::Email => {
                input.email = Some(value.trim_start_matches("mailto:").to_string())
            }
            ImportField::Phone => input.phone = text(),
            ImportField::Telegram => input.telegram = text(),
            ImportField::Linkedin => input.linkedin = text(),
            ImportField::Github => input.github = text(),
            ImportField::OtherHandle => input.other_handle = text(),
            ImportField::Company => input.company = text(),
            ImportField::Position => input.position = text(),
            ImportField::City => input.city = text(),
            ImportField::Level => input.level = Some(closed_value::<Level>(value)),
            ImportField::Roles => {
                input.roles = Some(split_list(value).map(closed_value::<Role>).collect())
            }
            ImportField::Tags => input.tags = Some(split_list(value).map(str::to_string).collect()),
            ImportField::JoinedOn | ImportField::LeftOn => {
                let name = field.as_str();
                match read_date(value, us_dates, slashes) {
                    Some(date) => {
                        let date = Some(date.to_string());
                        if *field == ImportField::JoinedOn {
                            input.joined_on = date;
                        } else {
                            input.left_on = date;
                        }
                    }
                    None => {
                        let hint = if !us_dates
                            && read_date(value, true, &mut SlashDates::default()).is_some()
                        {
                            "; it reads as a US date (month first): switch US dates on"
                        } else {
                            ""
                        };
                        problems.push(columns.problem(
                            ProblemKind::UnknownDate,
                            row,
                            name,
                            Error::invalid(
                                name,
                                Rule::InvalidFormat,
                                if numeric_date(value) {
                                    format!("{} is not a day of the calendar{hint}", shown(value))
                                } else {
                                    format!(
                                        "{} is not a date in a known form (2026-03-25, 25.03.2026{}){hint}",
                                        shown(value),
                                        if us_dates { ", 03/25/2026" } else { ", 25/03/2026" }
                                    )
                                },
                            ),
                        ));
                    }
                }
            }
            ImportField::Consent => match yes_or_no(value) {
                Some(yes) => input.consent = Some(yes),
                None => problems.push(columns.problem(
                    ProblemKind::InvalidValue,
                    row,
                    "consent",
                    Error::invalid(
                        "consent",
                        Rule::UnknownValue,
                        format!("{} is neither yes nor no", shown(value)),
                    ),
                )),
            },
            ImportField::Notes => input.notes = text(),
            ImportField::Source => input.source = text(),
            ImportField::Uid => match uuid::Uuid::parse_str(value) {
                Ok(parsed) => uid = Some(parsed.hyphenated().to_string()),
                Err(_) => problems.push(columns.problem(
                    ProblemKind::InvalidValue,
                    row,
                    "uid",
                    Error::invalid(
                        "uid",
                        Rule::InvalidFormat,
                        format!("{} is not a member uid", shown(value)),
                    ),
                )),
            },
        }
    }
    if !any {
        return None;
    }
    if input.name.is_none() && name_parts.iter().any(Option::is_some) {
        let joined: Vec<&str> = name_parts.iter().flatten().copied().collect();
        input.name = Some(joined.join(" "));
    }
    let fields = match input.validate(true) {
        Ok(fields) => Some(fields),
        Err(_) => {
            for (field, err) in field_errors(&input) {
                if field == "name" && !has_name_column {
                    continue; // said once for the whole file
                }
                problems.push(columns.problem(ProblemKind::InvalidValue, row, &field, err));
            }
            None
        }
    };
    let fields = fields.filter(|_| problems.len() == problems_before);
    Some(Row {
        row,
        input,
        uid,
        fields,
    })
}

/// Files with fewer rows are converted on one thread.
const PARALLEL_FROM: usize = 4_096;

/// Converts every record, the two halves of a large file on two cores: a row's conversion
/// and checks stand alone (duplicates, which do not, are found afterwards in file order).
/// Rows keep what was typed (`input`) only for the preview's sample.
fn convert_all(
    records: &[Record],
    mapping: &[Option<ImportField>],
    columns: &Columns<'_>,
    us_dates: bool,
    has_name_column: bool,
) -> Result<(Vec<Row>, Vec<Problem>, SlashDates)> {
    let work = |records: &[Record], sample: usize| {
        let mut slashes = SlashDates::default();
        let mut problems = Vec::new();
        let mut rows = Vec::with_capacity(records.len());
        for record in records {
            let converted = convert(
                record,
                mapping,
                columns,
                us_dates,
                &mut slashes,
                has_name_column,
                &mut problems,
            );
            if let Some(mut row) = converted {
                if rows.len() >= sample {
                    row.input = MemberInput::default();
                }
                rows.push(row);
            }
        }
        (rows, problems, slashes)
    };
    if records.len() < PARALLEL_FROM {
        return Ok(work(records, SAMPLE_ROWS));
    }
    let (first, second) = records.split_at(records.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| work(second, 0));
        let (mut rows, mut problems, mut slashes) = work(first, SAMPLE_ROWS);
        let (more_rows, more_problems, more_slashes) = later
            .join()
            .map_err(|_| Error::Internal("reading the file's rows failed".into()))?;
        rows.extend(more_rows);
        problems.extend(more_problems);
        slashes.day_first_only += more_slashes.day_first_only;
        slashes.month_first_only += more_slashes.month_first_only;
        Ok((rows, problems, slashes))
    })
}

/// Every field of `input` that fails its check, not only the first: a person fixing a row
/// wants to fix it once.
fn field_errors(input: &MemberInput) -> Vec<(String, Error)> {
    let mut errors = Vec::new();
    let mut each = |single: MemberInput| {
        if let Err(err) = single.validate(false) {
            let field = match &err {
                Error::InvalidInput { field, .. } => field.clone().unwrap_or_default(),
                _ => String::new(),
            };
            errors.push((field, err));
        }
    };
    let only = MemberInput::default;
    each(MemberInput {
        name: Some(input.name.clone().unwrap_or_default()),
        ..only()
    });
    each(MemberInput {
        email: input.email.clone(),
        ..only()
    });
    each(MemberInput {
        phone: input.phone.clone(),
        ..only()
    });
    each(MemberInput {
        telegram: input.telegram.clone(),
        ..only()
    });
    each(MemberInput {
        linkedin: input.linkedin.clone(),
        ..only()
    });
    each(MemberInput {
        github: input.github.clone(),
        ..only()
    });
    each(MemberInput {
        other_handle: input.other_handle.clone(),
        ..only()
    });
    each(MemberInput {
        company: input.company.clone(),
        ..only()
    });
    each(MemberInput {
        position: input.position.clone(),
        ..only()
    });
    each(MemberInput {
        city: input.city.clone(),
        ..only()
    });
    each(MemberInput {
        level: input.level.clone(),
        ..only()
    });
    each(MemberInput {
        roles: input.roles.clone(),
        ..only()
    });
    each(MemberInput {
        tags: input.tags.clone(),
        ..only()
    });
    each(MemberInput {
        joined_on: input.joined_on.clone(),
        ..only()
    });
    each(MemberInput {
        left_on: input.left_on.clone(),
        ..only()
    });
    each(MemberInput {
        source: input.source.clone(),
        ..only()
    });
    each(MemberInput {
        notes: input.notes.clone(),
        ..only()
    });
    if errors.is_empty() {
        // Each field is fine alone; together they are not (left before joined).
        if let Err(err) = input.validate(true) {
            let field = match &err {
                Error::InvalidInput { field, .. } => field.clone().unwrap_or_default(),
                _ => String::new(),
            };
            errors.push((field, err));
        }
    }
    errors
}

/// A closed value (a level, a role) as a file may write it: the stored value (`mid_level`),
/// with spaces or dashes (`Mid-level`), or its label in English or Russian ("Новичок").
/// Anything else is passed on for the member check to refuse by name.
fn closed_value<T: Labelled>(value: &str) -> String {
    let key = header_key(value);
    T::VALUES
        .iter()
        .find(|v| {
            header_key(v.value()) == key
                || Locale::ALL
                    .iter()
                    .any(|&locale| header_key(v.label(locale)) == key)
        })
        .map_or_else(|| value.to_string(), |v| v.value().to_string())
}

/// A list in one cell: "Rust, Kafka; SQL".
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ';', '|'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn yes_or_no(value: &str) -> Option<bool> {
    match header_key(value).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "on" | "да" | "д" | "согласен" | "согласна" => {
            Some(true)
        }
        "no" | "n" | "false" | "0" | "off" | "нет" | "н" | "" => Some(false),
        _ if value.trim() == "+" || value.trim() == "✓" => Some(true),
        _ if value.trim() == "-" => Some(false),
        _ => None,
    }
}

/// Whether a value is written as a date (three numbers), so a failure to read it means a
/// day that does not exist rather than an unknown form.
fn numeric_date(value: &str) -> bool {
    let date = value.split(['T', ' ']).next().unwrap_or(value);
    let parts: Vec<&str> = date.split(['-', '.', '/']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

/// A date as people and exports write it, a time after it ignored: `2026-03-25`,
/// `25.03.2026` (or `25.03.26`), and with slashes day first, or month first with
/// `us_dates`. None for anything else, or a day that does not exist.
fn read_date(value: &str, us_dates: bool, slashes: &mut SlashDates) -> Option<NaiveDate> {
    let date = value
        .split(['T', ' '])
        .next()
        .unwrap_or(value)
        .trim_end_matches(',');
    let numbers: Vec<&str> = date.split(['-', '.', '/']).collect();
    let [a, b, c] = numbers.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (a_n, b_n, c_n) = (number(a)?, number(b)?, number(c)?);
    let year = |y: u32, digits: usize| -> Option<i32> {
        match digits {
            4 => i32::try_from(y).ok(),
            2 => {
                // 25 is 2025; 70 is 1970: the nearer century that is not in the future.
                let this = (Utc::now().year() % 100) as u32;
                i32::try_from(if y <= this { 2000 + y } else { 1900 + y }).ok()
            }
            _ => None,
        }
    };
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    if a.len() == 4 {
        return ymd(year(a_n, 4)?, b_n, c_n);
    }
    let y = year(c_n, c.len())?;
    if date.contains('/') {
        let day_first = ymd(y, b_n, a_n);
        let month_first = ymd(y, a_n, b_n);
        match (day_first.is_some(), month_first.is_some()) {
            (true, false) => slashes.day_first_only += 1,
            (false, true) => slashes.month_first_only += 1,
            _ => {}
        }
        if us_dates {
            month_first
        } else {
            day_first
        }
    } else {
        ymd(y, b_n, a_n)
    }
}

// ---------------------------------------------------------------------------------------
// Duplicates and what to do

/// Where a row goes: onto a member of the roster, or onto a new member of this import.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Member(i64),
    New(usize),
}

struct NewMember {
    row: u32,
    uid: Option<String>,
    fields: MemberFields,
}

struct Merge {
    before: MemberFields,
    after: MemberFields,
}

/// The keys two records of one person share.
#[derive(Default)]
struct Keys {
    uid: HashMap<String, Target>,
    email: HashMap<String, Target>,
    name_phone: HashMap<String, Target>,
}

impl Keys {
    fn with_capacity(rows: usize) -> Keys {
        Keys {
            uid: HashMap::new(),
            email: HashMap::with_capacity(rows),
            name_phone: HashMap::with_capacity(rows),
        }
    }

    fn of(uid: Option<&str>, f: &MemberFields) -> [(DuplicateReason, Option<String>); 3] {
        let email = f.email.as_deref().unwrap_or("").to_lowercase();
        let digits = phone_digits(f.phone.as_deref().unwrap_or(""));
        let name = normalise(f.name.as_deref().unwrap_or(""));
        [
            (DuplicateReason::Uid, uid.map(str::to_string)),
            (DuplicateReason::Email, (!email.is_empty()).then_some(email)),
            (
                DuplicateReason::NamePhone,
                (!digits.is_empty() && !name.is_empty()).then(|| format!("{name}\u{1f}{digits}")),
            ),
        ]
    }

    fn map(&mut self, reason: DuplicateReason) -> &mut HashMap<String, Target> {
        match reason {
            DuplicateReason::Uid => &mut self.uid,
            DuplicateReason::Email => &mut self.email,
            DuplicateReason::NamePhone => &mut self.name_phone,
        }
    }

    fn find(
        &mut self,
        keys: &[(DuplicateReason, Option<String>); 3],
    ) -> Option<(DuplicateReason, Target)> {
        keys.iter().find_map(|(reason, key)| {
            let key = key.as_ref()?;
            self.map(*reason).get(key).map(|t| (*reason, *t))
        })
    }

    fn register(&mut self, keys: [(DuplicateReason, Option<String>); 3], target: Target) {
        for (reason, key) in keys {
            if let Some(key) = key {
                self.map(reason).entry(key).or_insert(target);
            }
        }
    }
}

/// What an import will do, worked out without writing.
struct Plan {
    rows: u32,
    problems: Vec<Problem>,
    duplicates: Vec<ImportDuplicate>,
    sample: Vec<ImportSampleRow>,
    us_dates_suggested: bool,
    new: Vec<NewMember>,
    merges: Vec<(i64, Merge)>,
    added: u32,
    merged: u32,
    skipped: u32,
}

fn plan(r: &Read, community_id: i64, parsed: &Parsed, options: &ImportOptions) -> Result<Plan> {
    let table = &parsed.table;
    let mut problems = table.problems.clone();
    let has_name_column = parsed.mapping.iter().any(|f| {
        matches!(
            f,
            Some(ImportField::Name | ImportField::FirstName | ImportField::LastName)
        )
    });
    if !has_name_column && !table.headers.is_empty() {
        problems.push(Problem::file(
            ProblemKind::NoNameColumn,
            "no column is the member's name: choose which column holds it",
        ));
    }
    let columns = Columns::new(&table.headers, &parsed.mapping, parsed.format);
    // The roster's keys, then each row's as it is planned: a row duplicates a member, or
    // an earlier row, that shares any of them.
    // Sized for every row at once: growing three maps a row at a time rehashes them often.
    let mut keys = Keys::with_capacity(table.rows.len());
    let mut roster: HashMap<i64, (String, String)> = HashMap::new();
    r.query_all(
        "SELECT id, uid, name, email, phone FROM members WHERE community_id = ?1",
        [community_id],
        |row| {
            let id: i64 = row.get("id")?;
            let uid: String = row.get("uid")?;
            let fields = MemberFields {
                name: Some(row.get("name")?),
                email: Some(row.get("email")?),
                phone: Some(row.get("phone")?),
                ..MemberFields::default()
            };
            keys.register(Keys::of(Some(&uid), &fields), Target::Member(id));
            roster.insert(
                id,
                (
                    fields.name.unwrap_or_default(),
                    fields.email.unwrap_or_default(),
                ),
            );
            Ok(())
        },
    )?;
    let decisions: HashMap<u32, DuplicateAction> = options
        .decisions
        .iter()
        .map(|d| (d.row, d.action))
        .collect();
    let mut new: Vec<NewMember> = Vec::new();
    let mut merges: Vec<(i64, Merge)> = Vec::new();
    let mut merge_of: HashMap<i64, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    let (mut merged, mut skipped) = (0u32, 0u32);
    let (rows, row_problems, slashes) = convert_all(
        &table.rows,
        &parsed.mapping,
        &columns,
        options.us_dates,
        has_name_column,
    )?;
    problems.extend(row_problems);
    let row_count = rows.len();
    let mut sample = Vec::new();
    for row in rows {
        if sample.len() < SAMPLE_ROWS {
            sample.push(ImportSampleRow {
                row: row.row,
                member: row.input,
            });
        }
        let Some(fields) = row.fields else { continue };
        let row_keys = Keys::of(row.uid.as_deref(), &fields);
        let Some((reason, target)) = keys.find(&row_keys) else {
            keys.register(row_keys, Target::New(new.len()));
            new.push(NewMember {
                row: row.row,
                uid: row.uid,
                fields,
            });
            continue;
        };
        // What merging would make of the target, to propose skipping a row that adds nothing.
        let current: &MemberFields = match target {
            Target::New(i) => &new[i].fields,
            Target::Member(id) => {
                let index = match merge_of.get(&id) {
                    Some(&index) => index,
                    None => {
                        let member = MemberFields::from(&get_in(r, id)?);
                        merges.push((
                            id,
                            Merge {
                                before: member.clone(),
                                after: member,
                            },
                        ));
                        merge_of.insert(id, merges.len() - 1);
                        merges.len() - 1
                    }
                };
                &merges[index].1.after
            }
        };
        let mut filled = current.clone();
        fill(&mut filled, &fields);
        let proposed = if filled == *current {
            DuplicateAction::Skip
        } else {
            DuplicateAction::Merge
        };
        let action = decisions.get(&row.row).copied().unwrap_or(proposed);
        let duplicates_of = match target {
            Target::New(i) => DuplicateOf {
                member_id: None,
                row: Some(new[i].row),
                name: new[i].fields.name.clone().unwrap_or_default(),
                email: new[i].fields.email.clone().unwrap_or_default(),
            },
            Target::Member(id) => {
                let (name, email) = roster.get(&id).cloned().unwrap_or_default();
                DuplicateOf {
                    member_id: Some(id),
                    row: None,
                    name,
                    email,
                }
            }
        };
        duplicates.push(ImportDuplicate {
            row: row.row,
            name: fields.name.clone().unwrap_or_default(),
            email: fields.email.clone().unwrap_or_default(),
            reason,
            duplicates: duplicates_of,
            proposed,
            action,
        });
        match action {
            DuplicateAction::Merge => {
                merged += 1;
                match target {
                    Target::New(i) => new[i].fields = filled,
                    Target::Member(id) => {
                        if let Some(&index) = merge_of.get(&id) {
                            merges[index].1.after = filled;
                        }
                    }
                }
            }
            DuplicateAction::Skip => skipped += 1,
            DuplicateAction::Add => {
                keys.register(row_keys, Target::New(new.len()));
                new.push(NewMember {
                    row: row.row,
                    uid: None,
                    fields,
                });
            }
        }
    }
    // Roster members looked at but left as they were need no write.
    merges.retain(|(_, m)| m.before != m.after);
    problems.sort_by_key(|p| (p.row.is_some(), p.row, p.column));
    Ok(Plan {
        rows: count(row_count),
        problems,
        duplicates,
        sample,
        us_dates_suggested: !options.us_dates
            && slashes.month_first_only > 0
            && slashes.day_first_only == 0,
        added: count(new.len()),
        new,
        merges,
        merged,
        skipped,
    })
}

impl Plan {
    fn preview(self, file_name: &str, parsed: &Parsed, us_dates: bool) -> ImportPreview {
        let table = &parsed.table;
        let columns = table
            .headers
            .iter()
            .enumerate()
            .map(|(i, header)| ImportColumn {
                index: count(i),
                header: header.clone(),
                field: parsed.mapping.get(i).copied().flatten(),
                detected: parsed.detected.get(i).copied().flatten(),
                samples: table
                    .rows
                    .iter()
                    .map(|r| r.cell(i).trim())
                    .filter(|v| !v.is_empty())
                    .take(3)
                    .map(|v| v.chars().take(80).collect())
                    .collect(),
            })
            .collect();
        let problem_count = count(self.problems.len());
        let duplicate_count = count(self.duplicates.len());
        ImportPreview {
            file_name: file_name.to_string(),
            format: parsed.format,
            encoding: parsed.encoding,
            delimiter: parsed.delimiter,
            us_dates,
            us_dates_suggested: self.us_dates_suggested,
            columns,
            row_count: self.rows,
            sample: self.sample,
            problems: self.problems.into_iter().take(MAX_LISTED).collect(),
            problem_count,
            duplicates: self.duplicates.into_iter().take(MAX_LISTED).collect(),
            duplicate_count,
            add: self.added,
            merge: self.merged,
            skip: self.skipped,
        }
    }
}

/// Fills what `into` lacks from `from`: empty text, no level, no dates; roles and tags
/// united; the earlier joining date; different notes kept both (while they fit).
fn fill(into: &mut MemberFields, from: &MemberFields) {
    fn text(into: &mut Option<String>, from: &Option<String>) {
        if into.as_deref().unwrap_or("").is_empty() && !from.as_deref().unwrap_or("").is_empty() {
            *into = from.clone();
        }
    }
    text(&mut into.name, &from.name);
    text(&mut into.email, &from.email);
    text(&mut into.phone, &from.phone);
    text(&mut into.telegram, &from.telegram);
    text(&mut into.linkedin, &from.linkedin);
    text(&mut into.github, &from.github);
    text(&mut into.other_handle, &from.other_handle);
    text(&mut into.company, &from.company);
    text(&mut into.position, &from.position);
    text(&mut into.city, &from.city);
    text(&mut into.source, &from.source);
    if into.level.flatten().is_none() && from.level.flatten().is_some() {
        into.level = from.level;
    }
    if let Some(roles) = &from.roles {
        let have = into.roles.clone().unwrap_or_default();
        let united: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| have.contains(r) || roles.contains(r))
            .collect();
        if united != have {
            into.roles = Some(united);
        }
    }
    if let Some(tags) = &from.tags {
        let have = into.tags.clone().unwrap_or_default();
        let mut united = have.clone();
        for tag in tags {
            let key = normalise(tag);
            if united.len() < TAGS_MAX as usize && !united.iter().any(|t| normalise(t) == key) {
                united.push(tag.clone());
            }
        }
        if united != have {
            into.tags = Some(united);
        }
    }
    match (into.joined_on.flatten(), from.joined_on.flatten()) {
        (None, Some(d)) => into.joined_on = Some(Some(d)),
        (Some(a), Some(b)) if b < a => into.joined_on = Some(Some(b)),
        _ => {}
    }
    if into.left_on.flatten().is_none() && from.left_on.flatten().is_some() {
        into.left_on = from.left_on;
    }
    if from.consent == Some(true) && into.consent != Some(true) {
        into.consent = Some(true);
    }
    let (mine, theirs) = (
        into.notes.clone().unwrap_or_default(),
        from.notes.clone().unwrap_or_default(),
    );
    if mine.is_empty() {
        text(&mut into.notes, &from.notes);
    } else if !theirs.is_empty() && !mine.contains(&theirs) {
        let both = format!("{mine}\n\n{theirs}");
        if both.chars().count() <= NOTES_MAX as usize {
            into.notes = Some(both);
        }
    }
}

/// Only the fields that differ, so the edit touches nothing else.
fn changed(before: &MemberFields, after: &MemberFields) -> MemberFields {
    fn pick<T: Clone + PartialEq>(a: &Option<T>, b: &Option<T>) -> Option<T> {
        if a != b {
            b.clone()
        } else {
            None
        }
    }
    MemberFields {
        name: pick(&before.name, &after.name),
        email: pick(&before.email, &after.email),
        phone: pick(&before.phone, &after.phone),
        telegram: pick(&before.telegram, &after.telegram),
        linkedin: pick(&before.linkedin, &after.linkedin),
        github: pick(&before.github, &after.github),
        other_handle: pick(&before.other_handle, &after.other_handle),
        company: pick(&before.company, &after.company),
        position: pick(&before.position, &after.position),
        city: pick(&before.city, &after.city),
        level: pick(&before.level, &after.level),
        roles: pick(&before.roles, &after.roles),
        tags: pick(&before.tags, &after.tags),
        joined_on: pick(&before.joined_on, &after.joined_on),
        left_on: pick(&before.left_on, &after.left_on),
        source: pick(&before.source, &after.source),
        consent: pick(&before.consent, &after.consent),
        notes: pick(&before.notes, &after.notes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{create, get, Member};

    fn no_progress(_: u32, _: u32) {}

    fn commit_all(
        db: &mut Db,
        c: i64,
        name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<ImportReport> {
        commit(
            db,
            c,
            name,
            bytes,
            options,
            &no_progress,
            &AtomicBool::new(false),
        )
    }

    fn members(db: &Db, c: i64) -> Vec<Member> {
        let ids: Vec<i64> = db
            .read(|r| {
                r.query_all(
                    "SELECT id FROM members WHERE community_id = ?1 ORDER BY sort_name, id",
                    [c],
                    |row| row.get("id"),
                )
            })
            .unwrap();
        ids.into_iter().map(|id| get(db, id).unwrap()).collect()
    }

    fn fields(preview: &ImportPreview) -> Vec<Option<&str>> {
        preview
            .columns
            .iter()
            .map(|c| c.field.map(ImportField::as_str))
            .collect()
    }

    #[test]
    fn a_russian_excel_file_is_read_mapped_and_imported() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Казанский Rust", "ru").id;
        let text = "ФИО;Электронная почта;Телефон;Компания;Город;Дата регистрации;Навыки;Ваш вопрос\r\n\
                    Пётр Ёлкин;petr@example.ru;8 (917) 123-45-67;Яндекс;Казань;25.03.2026;Rust, SQL;Когда митап?\r\n\
                    \"Анна Смирнова\";anna@example.ru;;\"ООО \"\"Ромашка\"\"\";Москва;2026-01-05 10:00:00;;\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let p = preview(&t.db, c, "участники.csv", &bytes, &ImportOptions::default()).unwrap();
        assert_eq!(p.format, FileFormat::Csv);
        assert_eq!(p.encoding, Some(TextEncoding::Windows1251));
        assert_eq!(p.delimiter, Some(Delimiter::Semicolon));
        assert_eq!(
            fields(&p),
            [
                Some("name"),
                Some("email"),
                Some("phone"),
                Some("company"),
                Some("city"),
                Some("joinedOn"),
                Some("tags"),
                None
            ]
        );
        assert_eq!(p.columns[0].samples, ["Пётр Ёлкин", "Анна Смирнова"]);
        assert_eq!(
            (p.row_count, p.problem_count, p.add),
            (2, 0, 2),
            "{:?}",
            p.problems
        );
        assert_eq!(t.db.revision().unwrap(), t.db.revision().unwrap());

        let report = commit_all(
            &mut t.db,
            c,
            "участники.csv",
            &bytes,
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(
            report,
            ImportReport {
                rows: 2,
                added: 2,
                merged: 0,
                skipped: 0
            }
        );
        let stored = members(&t.db, c);
        assert_eq!(stored[1].name, "Пётр Ёлкин");
        assert_eq!(stored[1].phone, "8 (917) 123-45-67");
        assert_eq!(stored[1].joined_on.unwrap().to_string(), "2026-03-25");
        assert_eq!(stored[1].tags, ["Rust", "SQL"]);
        assert_eq!(stored[0].company, "ООО \"Ромашка\"");
        assert_eq!(stored[0].joined_on.unwrap().to_string(), "2026-01-05");
    }

    #[test]
    fn exports_of_sign_up_services_are_mapped() {
        let luma = "api_id,name,first_name,last_name,email,phone_number,approval_status\n";
        let (_, table) = csv_file::read(luma, None);
        let mapped: Vec<_> = detect_mapping(&table.headers)
            .into_iter()
            .map(|f| f.map(ImportField::as_str))
            .collect();
        assert_eq!(
            mapped,
            [
                None,
                Some("name"),
                Some("firstName"),
                Some("lastName"),
                Some("email"),
                Some("phone"),
                None
            ]
        );

        let forms = "Отметка времени,Адрес электронной почты,Ваше имя,Фамилия,Где вы работаете? (компания),Username\n";
        let (_, table) = csv_file::read(forms, None);
        let mapped: Vec<_> = detect_mapping(&table.headers)
            .into_iter()
            .map(|f| f.map(ImportField::as_str))
            .collect();
        assert_eq!(
            mapped,
            [
                Some("joinedOn"),
                Some("email"),
                Some("name"),
                Some("lastName"),
                Some("company"),
                None
            ]
        );

        let outlook =
            "First Name,Last Name,Title,Company,Job Title,Home City,Business City,E-mail Address\n";
        let (_, table) = csv_file::read(outlook, None);
        let mapped: Vec<_> = detect_mapping(&table.headers)
            .into_iter()
            .map(|f| f.map(ImportField::as_str))
            .collect();
        assert_eq!(
            mapped,
            [
                Some("firstName"),
                Some("lastName"),
                None,
                Some("company"),
                Some("position"),
                None,
                Some("city"),
                Some("email")
            ],
            "Outlook: the job title, not the honorific; the business city, not the home one"
        );

        let meetup = "Name,User ID,Title,Member ID,Location,Joined Group on,Intro,E-mail\n";
        let (_, table) = csv_file::read(meetup, None);
        let mapped: Vec<_> = detect_mapping(&table.headers)
            .into_iter()
            .map(|f| f.map(ImportField::as_str))
            .collect();
        assert_eq!(
            mapped,
            [
                Some("name"),
                None,
                Some("position"),
                None,
                Some("city"),
                Some("joinedOn"),
                Some("notes"),
                Some("email")
            ]
        );
    }

    #[test]
    fn name_parts_are_joined_and_closed_values_read_from_their_labels() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let text = "First name,Last name,Level,Roles,Consent\nAna,Ribeiro,Mid-level,\"Speaker, organizer\",yes\nБорис,Петров,Новичок,Волонтёр,нет\n";
        commit_all(
            &mut t.db,
            c,
            "people.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        let stored = members(&t.db, c);
        assert_eq!(stored[0].name, "Ana Ribeiro");
        assert_eq!(stored[0].level, Some(Level::MidLevel));
        assert_eq!(stored[0].roles, [Role::Organizer, Role::Speaker]);
        assert!(stored[0].consent);
        assert_eq!(stored[1].name, "Борис Петров");
        assert_eq!(stored[1].level, Some(Level::Newcomer));
        assert_eq!(stored[1].roles, [Role::Volunteer]);
        assert!(!stored[1].consent);
    }

    #[test]
    fn bad_values_are_named_by_row_and_column_and_nothing_is_written() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let text = "Name,Email,Joined on,Level\nAna,ana@example.org,2026-01-01,newcomer\nBea,bea at example,31.02.2026,guru\n,carl@example.org,,\nDan,dan@example.org,yesterday,\n";
        let p = preview(
            &t.db,
            c,
            "bad.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        let found: Vec<_> = p
            .problems
            .iter()
            .map(|p| (p.kind, p.row, p.column, p.field.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (ProblemKind::InvalidValue, Some(3), Some(1), Some("email")),
                (ProblemKind::UnknownDate, Some(3), Some(2), Some("joinedOn")),
                (ProblemKind::InvalidValue, Some(3), Some(3), Some("level")),
                (ProblemKind::InvalidValue, Some(4), Some(0), Some("name")),
                (ProblemKind::UnknownDate, Some(5), Some(2), Some("joinedOn")),
            ]
        );
        assert!(
            p.problems[0]
                .message
                .starts_with("row 3, column 2 (Email): "),
            "{}",
            p.problems[0].message
        );
        assert_eq!(p.problem_count, 5);

        let before = t.db.revision().unwrap();
        let err = commit_all(
            &mut t.db,
            c,
            "bad.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("row 3"), "{err}");
        assert_eq!(t.db.revision().unwrap(), before, "nothing was written");
        assert!(members(&t.db, c).is_empty(), "not even the good row");
    }

    #[test]
    fn broken_files_are_problems_of_the_preview() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let cases: [(&[u8], ProblemKind); 6] = [
            (
                b"Name,Email\nAna,\"ana@example.org\nBea,bea@example.org\n",
                ProblemKind::UnbalancedQuote,
            ),
            (
                b"Name,Email\nAna,ana@example.org,Lisbon\n",
                ProblemKind::RaggedRow,
            ),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ProblemKind::Binary),
            (b"Name\nJos\xe9 M\xfcller\n", ProblemKind::UnknownEncoding),
            (b"", ProblemKind::Empty),
            (b"Col A,Col B\nAna,Lisbon\n", ProblemKind::NoNameColumn),
        ];
        for (bytes, kind) in cases {
            let p = preview(&t.db, c, "file.csv", bytes, &ImportOptions::default()).unwrap();
            assert!(
                p.problems.iter().any(|p| p.kind == kind),
                "{kind}: {:?}",
                p.problems
            );
            assert!(
                commit_all(&mut t.db, c, "file.csv", bytes, &ImportOptions::default()).is_err()
            );
        }
        let huge = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        let p = preview(&t.db, c, "huge.csv", &huge, &ImportOptions::default()).unwrap();
        assert_eq!(p.problems[0].kind, ProblemKind::TooBig);
        assert!(members(&t.db, c).is_empty());
    }

    #[test]
    fn the_person_maps_columns_core_did_not_recognise() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let text = b"Col A,Col B\nAna,Lisbon\n";
        let options = ImportOptions {
            mapping: Some(vec![Some(ImportField::Name), Some(ImportField::City)]),
            ..ImportOptions::default()
        };
        let p = preview(&t.db, c, "f.csv", text, &options).unwrap();
        assert_eq!(p.problem_count, 0, "{:?}", p.problems);
        assert_eq!(p.columns[1].detected, None);
        commit_all(&mut t.db, c, "f.csv", text, &options).unwrap();
        assert_eq!(members(&t.db, c)[0].city, "Lisbon");
        let wrong = ImportOptions {
            mapping: Some(vec![Some(ImportField::Name)]),
            ..ImportOptions::default()
        };
        let err = preview(&t.db, c, "f.csv", text, &wrong).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }

    #[test]
    fn us_dates_only_when_asked_and_suggested_when_the_file_says_so() {
        let t = temp_db();
        let mut t = t;
        let c = community(&mut t.db, "Guild", "en").id;
        let text = b"Name,Joined\nAna,03/25/2026\nBea,04/01/2026\n";
        let p = preview(&t.db, c, "f.csv", text, &ImportOptions::default()).unwrap();
        assert!(p.us_dates_suggested);
        assert_eq!(p.problems.len(), 1);
        assert!(
            p.problems[0].message.contains("US date"),
            "{}",
            p.problems[0].message
        );
        let us = ImportOptions {
            us_dates: true,
            ..ImportOptions::default()
        };
        assert_eq!(
            preview(&t.db, c, "f.csv", text, &us).unwrap().problem_count,
            0
        );
        commit_all(&mut t.db, c, "f.csv", text, &us).unwrap();
        let stored = members(&t.db, c);
        assert_eq!(stored[0].joined_on.unwrap().to_string(), "2026-03-25");
        assert_eq!(stored[1].joined_on.unwrap().to_string(), "2026-04-01");
    }

    #[test]
    fn duplicates_in_the_file_and_against_the_roster_are_merged_skipped_or_added() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let ana = create(
            &mut t.db,
            c,
            &MemberInput {
                name: Some("Ana Ribeiro".into()),
                phone: Some("+351 912 345 678".into()),
                tags: Some(vec!["Rust".into()]),
                ..MemberInput::default()
            },
        )
        .unwrap();
        let text = "Name,Email,Phone,Company,Tags\n\
                    ana ribeiro,ana@example.org,351912345678,Farfetch,\"Kafka, rust\"\n\
                    Bea,bea@example.org,,,\n\
                    Beatriz,BEA@example.org,,Sonae,\n\
                    Carl,carl@example.org,,,\n\
                    Carl Jr,carl@example.org,,,\n";
        let p = preview(
            &t.db,
            c,
            "f.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        let found: Vec<_> = p
            .duplicates
            .iter()
            .map(|d| {
                (
                    d.row,
                    d.reason,
                    d.duplicates.member_id,
                    d.duplicates.row,
                    d.proposed,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    DuplicateReason::NamePhone,
                    Some(ana.id),
                    None,
                    DuplicateAction::Merge
                ),
                (
                    4,
                    DuplicateReason::Email,
                    None,
                    Some(3),
                    DuplicateAction::Merge
                ),
                (
                    6,
                    DuplicateReason::Email,
                    None,
                    Some(5),
                    DuplicateAction::Skip
                ),
            ]
        );
        assert_eq!((p.add, p.merge, p.skip), (2, 2, 1));

        // The person adds Carl Jr as a member of his own.
        let options = ImportOptions {
            decisions: vec![DuplicateDecision {
                row: 6,
                action: DuplicateAction::Add,
            }],
            ..ImportOptions::default()
        };
        let report = commit_all(&mut t.db, c, "f.csv", text.as_bytes(), &options).unwrap();
        assert_eq!(
            report,
            ImportReport {
                rows: 5,
                added: 3,
                merged: 2,
                skipped: 0
            }
        );
        let stored = members(&t.db, c);
        let names: Vec<&str> = stored.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Ana Ribeiro", "Bea", "Carl", "Carl Jr"]);
        assert_eq!(
            stored[0].email, "ana@example.org",
            "an empty field is filled"
        );
        assert_eq!(stored[0].company, "Farfetch");
        assert_eq!(
            stored[0].phone, "+351 912 345 678",
            "a field with a value keeps it"
        );
        assert_eq!(stored[0].tags, ["Rust", "Kafka"]);
        assert_eq!(
            stored[1].company, "Sonae",
            "the later row filled the earlier one"
        );

        // The same file again: every row is a member already, and adds nothing.
        let again = preview(
            &t.db,
            c,
            "f.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!((again.add, again.merge, again.skip), (0, 0, 5));
    }

    #[test]
    fn a_cancelled_import_leaves_the_database_as_it_was() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let mut text = String::from("Name,Email\n");
        for i in 0..2_500 {
            text.push_str(&format!("Member {i},m{i}@example.org\n"));
        }
        let before = t.db.revision().unwrap();
        let cache = |db: &Db| -> i64 {
            db.raw()
                .query_row("PRAGMA cache_size", [], |row| row.get(0))
                .unwrap()
        };
        let cache_before = cache(&t.db);
        let cancel = AtomicBool::new(false);
        let seen = std::cell::RefCell::new(Vec::new());
        let progress = |done: u32, total: u32| {
            seen.borrow_mut().push((done, total));
            if done >= 2_000 {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let err = commit(
            &mut t.db,
            c,
            "f.csv",
            text.as_bytes(),
            &ImportOptions::default(),
            &progress,
            &cancel,
        )
        .unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("cancelled"), "{err}");
        assert_eq!(t.db.revision().unwrap(), before);
        assert!(
            members(&t.db, c).is_empty(),
            "the first 2,000 were rolled back"
        );
        assert_eq!(
            cache(&t.db),
            cache_before,
            "the import's page cache is given back"
        );
        assert_eq!(seen.borrow()[..3], [(0, 2_500), (0, 2_500), (1_000, 2_500)]);

        let seen = std::cell::RefCell::new(Vec::new());
        let progress = |done: u32, total: u32| seen.borrow_mut().push((done, total));
        commit(
            &mut t.db,
            c,
            "f.csv",
            text.as_bytes(),
            &ImportOptions::default(),
            &progress,
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(seen.borrow().last(), Some(&(2_500, 2_500)));
        assert_eq!(members(&t.db, c).len(), 2_500);
    }

    #[test]
    fn a_large_file_is_read_on_two_cores_as_on_one() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let mut text = String::from("Name,Email,Joined on\n");
        for i in 0..6_000 {
            let email = match i {
                4_500 => "bad at example".to_string(),
                5_000 => "m10@example.org".to_string(), // the first half's row 12
                _ => format!("m{i}@example.org"),
            };
            text.push_str(&format!("Member {i},{email},2026-01-01\n"));
        }
        let p = preview(
            &t.db,
            c,
            "f.csv",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(p.row_count, 6_000);
        let problems: Vec<_> = p.problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(problems, [(Some(4_502), Some(1))]);
        let duplicates: Vec<_> = p
            .duplicates
            .iter()
            .map(|d| (d.row, d.duplicates.row))
            .collect();
        assert_eq!(duplicates, [(5_002, Some(12))]);
        assert_eq!(p.sample.len(), SAMPLE_ROWS);
        assert_eq!(p.sample[0].member.name.as_deref(), Some("Member 0"));

        let fixed = text.replace("bad at example", "fixed@example.org");
        let report = commit_all(
            &mut t.db,
            c,
            "f.csv",
            fixed.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!((report.added, report.skipped), (5_999, 1));
    }

    #[test]
    fn contacts_from_a_phone_are_imported() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ribeiro;Ana;;;\r\nFN:Ana Ribeiro\r\nEMAIL;TYPE=INTERNET:ana@example.org\r\nTEL;TYPE=CELL:+351 912 345 678\r\nORG:Farfetch\r\nCATEGORIES:Rust,Kafka\r\nURL:https://github.com/ana-r\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:;Bea;;;\r\nEMAIL:not an address\r\nEND:VCARD\r\n";
        let p = preview(
            &t.db,
            c,
            "contacts.vcf",
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(p.format, FileFormat::Vcard);
        assert_eq!(p.problem_count, 1);
        assert_eq!(
            (p.problems[0].row, p.problems[0].header.as_deref()),
            (Some(2), Some("EMAIL"))
        );
        // Named as a card, the way the file's own reading problems are.
        assert!(
            p.problems[0].message.starts_with("card 2, EMAIL: "),
            "{}",
            p.problems[0].message
        );
        let fixed = text.replace("not an address", "bea@example.org");
        commit_all(
            &mut t.db,
            c,
            "contacts.vcf",
            fixed.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        let stored = members(&t.db, c);
        assert_eq!(stored[0].github, "ana-r");
        assert_eq!(stored[0].tags, ["Rust", "Kafka"]);
        assert_eq!(stored[1].name, "Bea");
    }
}
