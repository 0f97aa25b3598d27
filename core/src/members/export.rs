//! A community's members written out: CSV for a spreadsheet (with a byte-order mark when
//! the person says it is for Excel) and vCard 4.0 (RFC 6350) for an address book. Both carry
//! every field a person typed and the member's uid, and both read back through our own
//! import into the same members (the round-trip tests below hold that), so an export is
//! also a way to move a roster between copies of Hearth.

use std::path::Path;

use serde::Serialize;

use super::model::Member;
use super::store::{community_exists, member_from_row, MEMBER_COLUMNS};
use crate::db::{Db, Read};
use crate::enums::string_enum;
use crate::error::Result;
use crate::interop::{csv as csv_file, vcard};
use crate::output_file;

string_enum! {
    /// The kinds of file members are exported to.
    pub enum ExportFormat {
        Csv = "csv",
        Vcf = "vcf",
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub path: String,
    pub members: u32,
    pub bytes: u64,
}

/// Writes the members of a community to `out` in `format`: never onto the database in
/// `data_dir` or its backups, and whole or not at all (see `output_file`).
pub fn write(
    db: &Db,
    community_id: i64,
    format: ExportFormat,
    bom: bool,
    data_dir: &Path,
    out: &Path,
) -> Result<ExportReport> {
    output_file::guard(data_dir, out)?;
    let (members, bytes) = db.read(|r| {
        let members = all(r, community_id)?;
        let bytes = match format {
            ExportFormat::Csv => csv_of(&members, bom)?,
            ExportFormat::Vcf => vcard_of(&members),
        };
        Ok((members.len(), bytes))
    })?;
    output_file::write(out, &bytes)?;
    Ok(ExportReport {
        path: out.display().to_string(),
        members: u32::try_from(members).unwrap_or(u32::MAX),
        bytes: bytes.len() as u64,
    })
}

/// The CSV header: English field names that the import maps back to the same fields.
pub const CSV_HEADERS: [&str; 19] = [
    "Name",
    "Email",
    "Phone",
    "Telegram",
    "LinkedIn",
    "GitHub",
    "Other handle",
    "Company",
    "Position",
    "City",
    "Level",
    "Roles",
    "Tags",
    "Joined on",
    "Left on",
    "Source",
    "Consent",
    "Notes",
    "UID",
];

/// The members of a community in `format`; `bom` puts a UTF-8 byte-order mark before a
/// CSV file (vCard has none).
pub fn export(db: &Db, community_id: i64, format: ExportFormat, bom: bool) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Csv => csv(db, community_id, bom),
        ExportFormat::Vcf => vcard(db, community_id),
    }
}

/// The members of a community as CSV, one row each, in name order.
pub fn csv(db: &Db, community_id: i64, bom: bool) -> Result<Vec<u8>> {
    csv_of(&db.read(|r| all(r, community_id))?, bom)
}

fn csv_of(members: &[Member], bom: bool) -> Result<Vec<u8>> {
    let rows: Vec<[String; 19]> = members.iter().map(csv_row).collect();
    csv_file::write(
        &CSV_HEADERS,
        rows.iter()
            .map(|row| row.iter().map(String::as_str).collect()),
        bom,
    )
}

fn csv_row(m: &Member) -> [String; 19] {
    [
        m.name.clone(),
        m.email.clone(),
        m.phone.clone(),
        m.telegram.clone(),
        m.linkedin.clone(),
        m.github.clone(),
        m.other_handle.clone(),
        m.company.clone(),
        m.position.clone(),
        m.city.clone(),
        m.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
        roles(m),
        m.tags.join(", "),
        m.joined_on.map(|d| d.to_string()).unwrap_or_default(),
        m.left_on.map(|d| d.to_string()).unwrap_or_default(),
        m.source.clone(),
        yes_no(m.consent).to_string(),
        m.notes.clone(),
        m.uid.clone(),
    ]
}

fn roles(m: &Member) -> String {
    m.roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// The members of a community as vCard 4.0 cards. What vCard has a property for goes
/// there (FN, EMAIL, TEL, ORG, TITLE, ADR's locality, CATEGORIES, NOTE; handles as
/// X-SOCIALPROFILE, as Apple and Google write them); the rest of a member's profile (level,
/// roles, dates, source, consent) goes in X-HEARTH-* properties, which address books keep
/// and ignore, and which our import reads back.
pub fn vcard(db: &Db, community_id: i64) -> Result<Vec<u8>> {
    Ok(vcard_of(&db.read(|r| all(r, community_id))?))
}

fn vcard_of(members: &[Member]) -> Vec<u8> {
    let mut w = vcard::Writer::default();
    for m in members {
        w.begin();
        w.raw("UID", &format!("urn:uuid:{}", m.uid));
        w.text("FN", &m.name);
        // Address books file and show a contact by N, and some show one without it as
        // "No name". Hearth keeps one name and cannot tell the family name from the given
        // one (a Russian name often puts it first), so the whole name goes in the given part.
        w.parts("N", &["", &m.name, "", "", ""], ';');
        w.text("EMAIL", &m.email);
        w.text("TEL", &m.phone);
        if !m.telegram.is_empty() {
            w.raw(
                "X-SOCIALPROFILE;TYPE=telegram",
                &format!("https://t.me/{}", m.telegram),
            );
        }
        w.text("X-SOCIALPROFILE;TYPE=linkedin", &m.linkedin);
        if !m.github.is_empty() {
            w.raw(
                "X-SOCIALPROFILE;TYPE=github",
                &format!("https://github.com/{}", m.github),
            );
        }
        w.text("X-HEARTH-OTHER-HANDLE", &m.other_handle);
        w.text("ORG", &m.company);
        w.text("TITLE", &m.position);
        w.parts("ADR", &["", "", "", &m.city, "", "", ""], ';');
        let tags: Vec<&str> = m.tags.iter().map(String::as_str).collect();
        w.parts("CATEGORIES", &tags, ',');
        w.text("NOTE", &m.notes);
        w.text("X-HEARTH-LEVEL", m.level.map_or("", |l| l.as_str()));
        w.text("X-HEARTH-ROLES", &roles(m));
        w.raw(
            "X-HEARTH-JOINED",
            &m.joined_on.map(|d| d.to_string()).unwrap_or_default(),
        );
        w.raw(
            "X-HEARTH-LEFT",
            &m.left_on.map(|d| d.to_string()).unwrap_or_default(),
        );
        w.text("X-HEARTH-SOURCE", &m.source);
        w.raw("X-HEARTH-CONSENT", yes_no(m.consent));
        w.raw("REV", &m.updated_at.format("%Y%m%dT%H%M%SZ").to_string());
        w.end();
    }
    w.finish().into_bytes()
}

fn all(r: &Read, community_id: i64) -> Result<Vec<Member>> {
    community_exists(r, community_id)?;
    r.query_all(
        &format!(
            "SELECT {MEMBER_COLUMNS} FROM members WHERE community_id = ?1 ORDER BY sort_name, id"
        ),
        [community_id],
        member_from_row,
    )
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::import::{self, ImportOptions};
    use crate::members::{create, MemberInput};

    /// Members with every field filled in the ways that break files: commas, semicolons,
    /// quotes, line breaks, Cyrillic, a formula, a long note that folds in vCard.
    fn fill(db: &mut Db, c: i64) {
        let everything = MemberInput {
            name: Some("Ana \"Nani\" Ribeiro, Jr.".into()),
            email: Some("ana@example.org".into()),
            phone: Some("+351 912 345 678".into()),
            telegram: Some("ana_r".into()),
            linkedin: Some("https://www.linkedin.com/in/ana-r".into()),
            github: Some("ana-r".into()),
            other_handle: Some("@ana@mastodon.social".into()),
            company: Some("Farfetch; Lda".into()),
            position: Some("=Data engineer".into()),
            city: Some("Porto".into()),
            level: Some("experienced".into()),
            roles: Some(vec!["speaker".into(), "organizer".into()]),
            tags: Some(vec!["Rust".into(), "Kafka Streams".into()]),
            joined_on: Some("2025-03-01".into()),
            left_on: Some("2026-11-30".into()),
            source: Some("Meetup".into()),
            consent: Some(true),
            notes: Some(format!(
                "Line one; with \\ backslash\nLine two: {}",
                "ё".repeat(90)
            )),
        };
        create(db, c, &everything).unwrap();
        create(
            db,
            c,
            &MemberInput {
                name: Some("Пётр Ёлкин".into()),
                ..MemberInput::default()
            },
        )
        .unwrap();
        create(
            db,
            c,
            &MemberInput {
                name: Some("Bea".into()),
                email: Some("bea@example.org".into()),
                level: Some("newcomer".into()),
                ..MemberInput::default()
            },
        )
        .unwrap();
    }

    /// Exports, imports into an empty database, and compares every field a person typed
    /// (and the uid).
    fn round_trip(format: ExportFormat, bom: bool) {
        let mut source = temp_db();
        let c = community(&mut source.db, "Guild", "en").id;
        fill(&mut source.db, c);
        let bytes = export(&source.db, c, format, bom).unwrap();
        let name = format!("members.{format}");

        let mut target = temp_db();
        let t = community(&mut target.db, "Guild", "en").id;
        let preview =
            import::preview(&target.db, t, &name, &bytes, &ImportOptions::default()).unwrap();
        assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
        assert!(
            preview.columns.iter().all(|c| c.field.is_some()),
            "every exported column maps back: {:?}",
            preview.columns
        );
        import::commit(
            &mut target.db,
            t,
            &name,
            &bytes,
            &ImportOptions::default(),
            &|_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
        let typed = |db: &Db, c: i64| -> Vec<(String, MemberInput)> {
            db.read(|r| all(r, c))
                .unwrap()
                .iter()
                .map(|m| (m.uid.clone(), MemberInput::from(m)))
                .collect()
        };
        let before = typed(&source.db, c);
        assert_eq!(before.len(), 3);
        assert_eq!(typed(&target.db, t), before, "{format}");
    }

    #[test]
    fn csv_round_trips_every_field() {
        round_trip(ExportFormat::Csv, false);
        round_trip(ExportFormat::Csv, true);
    }

    #[test]
    fn vcard_round_trips_every_field() {
        round_trip(ExportFormat::Vcf, false);
    }

    #[test]
    fn csv_is_what_a_spreadsheet_expects() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        fill(&mut t.db, c);
        let text = String::from_utf8(csv(&t.db, c, true).unwrap()).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "\u{feff}Name,Email,Phone,Telegram,LinkedIn,GitHub,Other handle,Company,Position,City,Level,Roles,Tags,Joined on,Left on,Source,Consent,Notes,UID"
        );
        assert!(
            text.contains("\"Ana \"\"Nani\"\" Ribeiro, Jr.\""),
            "quotes doubled, the cell quoted: {text}"
        );
        assert!(
            text.contains(",'=Data engineer,"),
            "a formula is written as text"
        );
        assert!(
            text.contains(",\"organizer, speaker\",\"Rust, Kafka Streams\","),
            "{text}"
        );
        let plain = csv(&t.db, c, false).unwrap();
        assert!(plain.starts_with(b"Name,"), "no mark unless asked");
    }

    #[test]
    fn vcard_is_version_4_with_the_member_uid() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        fill(&mut t.db, c);
        let text = String::from_utf8(vcard(&t.db, c).unwrap()).unwrap();
        let uids: Vec<String> =
            t.db.read(|r| all(r, c))
                .unwrap()
                .into_iter()
                .map(|m| m.uid)
                .collect();
        assert_eq!(text.matches("BEGIN:VCARD\r\nVERSION:4.0\r\n").count(), 3);
        for uid in uids {
            assert!(text.contains(&format!("UID:urn:uuid:{uid}\r\n")), "{text}");
        }
        assert!(
            text.contains("FN:Ana \"Nani\" Ribeiro\\, Jr.\r\n"),
            "{text}"
        );
        assert!(
            text.contains("N:;Ana \"Nani\" Ribeiro\\, Jr.;;;\r\n"),
            "the whole name as the given name: {text}"
        );
        assert!(text.contains("ORG:Farfetch\\; Lda\r\n"), "{text}");
        assert!(text.contains("CATEGORIES:Rust,Kafka Streams\r\n"), "{text}");
        assert!(text.contains("ADR:;;;Porto;;;\r\n"), "{text}");
        assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
        assert!(!text.contains("EMAIL:\r\n"), "empty fields are left out");
    }

    #[test]
    fn writing_to_a_file_never_touches_the_database() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        fill(&mut t.db, c);
        let out = t.dir.path().join("out").join("members.vcf");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let report = write(&t.db, c, ExportFormat::Vcf, false, t.dir.path(), &out).unwrap();
        assert_eq!(report.members, 3);
        assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());
        let db_file = t.db.path().to_path_buf();
        let err = write(&t.db, c, ExportFormat::Csv, false, t.dir.path(), &db_file).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(t.db.check().unwrap().ok, "the database is whole");
    }

    #[test]
    fn an_empty_community_exports_a_header_and_a_missing_one_is_not_found() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en").id;
        let text = String::from_utf8(csv(&t.db, c, false).unwrap()).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(vcard(&t.db, c).unwrap().is_empty());
        assert_eq!(csv(&t.db, 999, false).unwrap_err().code(), "not_found");
    }
}
