//! Members in the database: adding, reading and editing one member. Every write goes
//! through `insert` or `apply`, which also keep the derived search columns current, so
//! the roster's search can never disagree with what is stored.

use chrono::{DateTime, Utc};
use rusqlite::{params, Row};

use super::model::{normalise, Member, MemberFields, MemberInput};
use crate::db::{Db, Json, Read, Write};
use crate::error::{Error, Result};

pub(crate) const MEMBER_COLUMNS: &str =
    "id, uid, community_id, name, email, phone, telegram, linkedin, github,
    other_handle, company, position, city, level, roles, tags, joined_on, left_on, source, consent,
    notes, engagement_score, engagement_level, last_activity_on, created_at, updated_at";

/// Adds a member to a community.
pub fn create(db: &mut Db, community_id: i64, input: &MemberInput) -> Result<Member> {
    let fields = input.validate(true)?;
    let id = db.write(|w| {
        community_exists(w, community_id)?;
        let id = insert(
            w,
            community_id,
            &uuid::Uuid::now_v7().to_string(),
            &fields,
            Utc::now(),
        )?;
        // A plan task whose owner was typed as this name becomes theirs.
        super::owners::link_typed_owners(w, community_id)?;
        Ok(id)
    })?;
    get(db, id)
}

/// Changes the fields `input` mentions and leaves the others as they are.
pub fn update(db: &mut Db, id: i64, input: &MemberInput) -> Result<Member> {
    let fields = input.validate(false)?;
    db.write(|w| {
        apply(w, id, &fields, Utc::now())?;
        if fields.name.is_some() {
            // A new name may be one a plan task's owner was typed as.
            let community_id = get_in(w, id)?.community_id;
            super::owners::link_typed_owners(w, community_id)?;
        }
        Ok(())
    })?;
    get(db, id)
}

pub fn get(db: &Db, id: i64) -> Result<Member> {
    db.read(|r| get_in(r, id))
}

pub(crate) fn get_in(r: &Read, id: i64) -> Result<Member> {
    r.query_optional(
        &format!("SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?1"),
        [id],
        member_from_row,
    )?
    .ok_or_else(|| Error::NotFound(format!("member {id} does not exist")))
}

pub(crate) fn community_exists(r: &Read, community_id: i64) -> Result<()> {
    let exists: bool = r.query_row(
        "SELECT EXISTS (SELECT 1 FROM communities WHERE id = ?1)",
        [community_id],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound(format!(
            "community {community_id} does not exist"
        )))
    }
}

/// Inserts a checked member (a field not given is empty) and returns its id.
pub(crate) fn insert(
    w: &Write,
    community_id: i64,
    uid: &str,
    f: &MemberFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let name = text(&f.name);
    let tags = f.tags.clone().unwrap_or_default();
    let (email, company, telegram, linkedin, github, other) = (
        text(&f.email),
        text(&f.company),
        text(&f.telegram),
        text(&f.linkedin),
        text(&f.github),
        text(&f.other_handle),
    );
    let search = search_text(
        &name,
        &email,
        &company,
        [&telegram, &linkedin, &github, &other],
        &tags,
    );
    w.execute(
        "INSERT INTO members (uid, community_id, name, email, phone, telegram, linkedin, github,
             other_handle, company, position, city, level, roles, tags, joined_on, left_on, source,
             consent, notes, search_text, sort_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?23)",
        params![
            uid,
            community_id,
            name,
            email,
            text(&f.phone),
            telegram,
            linkedin,
            github,
            other,
            company,
            text(&f.position),
            text(&f.city),
            f.level.flatten(),
            Json(f.roles.clone().unwrap_or_default()),
            Json(&tags),
            f.joined_on.flatten(),
            f.left_on.flatten(),
            text(&f.source),
            f.consent.unwrap_or(false),
            text(&f.notes),
            search,
            sort_name(&name),
            now,
        ],
    )?;
    Ok(w.last_insert_rowid())
}

/// Writes the fields `f` mentions onto member `id`, and the derived columns with them.
pub(crate) fn apply(w: &Write, id: i64, f: &MemberFields, now: DateTime<Utc>) -> Result<()> {
    let old = get_in(w, id)?;
    let pick = |new: &Option<String>, old: &str| new.clone().unwrap_or_else(|| old.to_string());
    let name = pick(&f.name, &old.name);
    let email = pick(&f.email, &old.email);
    let company = pick(&f.company, &old.company);
    let telegram = pick(&f.telegram, &old.telegram);
    let linkedin = pick(&f.linkedin, &old.linkedin);
    let github = pick(&f.github, &old.github);
    let other = pick(&f.other_handle, &old.other_handle);
    let tags = f.tags.clone().unwrap_or(old.tags);
    let search = search_text(
        &name,
        &email,
        &company,
        [&telegram, &linkedin, &github, &other],
        &tags,
    );
    // Each column keeps its stored value unless the input names it (coalesce with NULL), so
    // two edits of different fields never undo each other.
    w.execute(
        "UPDATE members SET
             name = ?2, email = ?3, company = ?4, telegram = ?5, linkedin = ?6, github = ?7,
             other_handle = ?8, tags = ?9, search_text = ?10, sort_name = ?11,
             phone = coalesce(?12, phone), position = coalesce(?13, position),
             city = coalesce(?14, city),
             level = CASE WHEN ?15 THEN ?16 ELSE level END,
             roles = coalesce(?17, roles),
             joined_on = CASE WHEN ?18 THEN ?19 ELSE joined_on END,
             left_on = CASE WHEN ?20 THEN ?21 ELSE left_on END,
             source = coalesce(?22, source), consent = coalesce(?23, consent),
             notes = coalesce(?24, notes), updated_at = ?25
         WHERE id = ?1",
        params![
            id,
            name,
            email,
            company,
            telegram,
            linkedin,
            github,
            other,
            Json(&tags),
            search,
            sort_name(&name),
            f.phone,
            f.position,
            f.city,
            f.level.is_some(),
            f.level.flatten(),
            f.roles.clone().map(Json),
            f.joined_on.is_some(),
            f.joined_on.flatten(),
            f.left_on.is_some(),
            f.left_on.flatten(),
            f.source,
            f.consent,
            f.notes,
            now,
        ],
    )?;
    Ok(())
}

/// Derives again what core keeps beside a member's own fields (search text and name order)
/// after a shared change wrote the row without going through `create` or `update`.
pub(crate) fn derive_after_sync(w: &Write, id: i64) -> Result<()> {
    let (search, sort) = w.query_row(
        "SELECT name, email, company, telegram, linkedin, github, other_handle, tags
         FROM members WHERE id = ?1",
        [id],
        |row| {
            let name: String = row.get("name")?;
            let Json(tags): Json<Vec<String>> = row.get("tags")?;
            let field = |c: &str| row.get::<_, String>(c);
            let search = search_text(
                &name,
                &field("email")?,
                &field("company")?,
                [
                    &field("telegram")?,
                    &field("linkedin")?,
                    &field("github")?,
                    &field("other_handle")?,
                ],
                &tags,
            );
            Ok((search, sort_name(&name)))
        },
    )?;
    w.execute(
        "UPDATE members SET search_text = ?2, sort_name = ?3
         WHERE id = ?1 AND (search_text IS NOT ?2 OR sort_name IS NOT ?3)",
        rusqlite::params![id, search, sort],
    )?;
    Ok(())
}

/// What search matches: name, email, company, handles and tags, normalised, one string.
pub(crate) fn search_text(
    name: &str,
    email: &str,
    company: &str,
    handles: [&str; 4],
    tags: &[String],
) -> String {
    let mut parts: Vec<&str> = vec![name, email, company];
    parts.extend(handles);
    parts.extend(tags.iter().map(String::as_str));
    let joined = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" \u{1f} ");
    normalise(&joined)
}

/// The key names sort by: normalised, so "ёж" sorts with "еж" and case does not matter.
pub(crate) fn sort_name(name: &str) -> String {
    normalise(name)
}

pub(crate) fn member_from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    let Json(roles) = row.get("roles")?;
    let Json(tags) = row.get("tags")?;
    Ok(Member {
        id: row.get("id")?,
        uid: row.get("uid")?,
        community_id: row.get("community_id")?,
        name: row.get("name")?,
        email: row.get("email")?,
        phone: row.get("phone")?,
        telegram: row.get("telegram")?,
        linkedin: row.get("linkedin")?,
        github: row.get("github")?,
        other_handle: row.get("other_handle")?,
        company: row.get("company")?,
        position: row.get("position")?,
        city: row.get("city")?,
        level: row.get("level")?,
        roles,
        tags,
        joined_on: row.get("joined_on")?,
        left_on: row.get("left_on")?,
        source: row.get("source")?,
        consent: row.get("consent")?,
        notes: row.get("notes")?,
        engagement_score: row.get("engagement_score")?,
        engagement_level: row.get("engagement_level")?,
        last_activity_on: row.get("last_activity_on")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{Level, Role};

    fn ana() -> MemberInput {
        MemberInput {
            name: Some("Ana Ribeiro".into()),
            email: Some("ana@example.org".into()),
            company: Some("Farfetch".into()),
            level: Some("experienced".into()),
            roles: Some(vec!["speaker".into()]),
            tags: Some(vec!["Rust".into(), "Kafka".into()]),
            joined_on: Some("2025-03-01".into()),
            ..MemberInput::default()
        }
    }

    #[test]
    fn a_member_is_stored_with_every_field_and_a_uid() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let m = create(&mut t.db, c.id, &ana()).unwrap();
        assert_eq!(m.name, "Ana Ribeiro");
        assert_eq!(m.level, Some(Level::Experienced));
        assert_eq!(m.roles, [Role::Speaker]);
        assert_eq!(m.tags, ["Rust", "Kafka"]);
        assert_eq!(m.joined_on.unwrap().to_string(), "2025-03-01");
        assert_eq!(uuid::Uuid::parse_str(&m.uid).unwrap().get_version_num(), 7);
        assert_eq!(m.created_at, m.updated_at);
        assert_eq!(get(&t.db, m.id).unwrap(), m);
    }

    #[test]
    fn an_edit_changes_only_the_fields_it_names() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let m = create(&mut t.db, c.id, &ana()).unwrap();
        let edited = update(
            &mut t.db,
            m.id,
            &MemberInput {
                city: Some("Lisbon".into()),
                level: Some(String::new()),
                ..MemberInput::default()
            },
        )
        .unwrap();
        assert_eq!(edited.city, "Lisbon");
        assert_eq!(edited.level, None, "empty text clears the level");
        assert_eq!(
            (edited.name.as_str(), edited.email.as_str()),
            ("Ana Ribeiro", "ana@example.org")
        );
        assert_eq!(edited.tags, m.tags);
        assert_eq!(edited.joined_on, m.joined_on);
        assert!(edited.updated_at >= m.updated_at);
    }

    #[test]
    fn search_text_follows_every_edit() {
        let mut t = temp_db();
        let c = community(&mut t.db, "Guild", "en");
        let m = create(&mut t.db, c.id, &ana()).unwrap();
        update(
            &mut t.db,
            m.id,
            &MemberInput {
                name: Some("Пётр Ёлкин".into()),
                tags: Some(vec!["ClickHouse".into()]),
                ..MemberInput::default()
            },
        )
        .unwrap();
        let stored: String =
            t.db.read(|r| {
                r.query_row(
                    "SELECT search_text FROM members WHERE id = ?1",
                    [m.id],
                    |row| row.get(0),
                )
            })
            .unwrap();
        assert!(stored.contains("петр елкин"), "{stored}");
        assert!(stored.contains("clickhouse"), "{stored}");
        assert!(!stored.contains("kafka"), "old tags are gone: {stored}");
    }

    #[test]
    fn a_member_of_no_community_is_not_found() {
        let mut t = temp_db();
        assert_eq!(
            create(&mut t.db, 99, &ana()).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(get(&t.db, 5).unwrap_err().code(), "not_found");
    }
}
