//! Where the community lives: Telegram, Discord, Slack, LinkedIn, Facebook, Discourse, its
//! own website, or elsewhere. Links are checked to be http(s) before they are stored or
//! opened, because the shell hands them to the system browser. Each member count saved
//! here is also that day's point of the platform's series in the metrics (`metrics::series`).

use chrono::Utc;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};
use crate::text::required;

string_enum! {
    pub enum PlatformKind {
        Telegram = "telegram",
        Discord = "discord",
        Slack = "slack",
        LinkedIn = "linkedin",
        Facebook = "facebook",
        Discourse = "discourse",
        Website = "website",
        Other = "other",
    }
}

pub const NAME_MAX: u32 = 200;
pub const URL_MAX: u32 = 2_000;

/// Each limit under the name the interface and errors give its field, for the interface's
/// generated contract.
pub const LIMITS: &[(&str, u32)] = &[("name", NAME_MAX), ("url", URL_MAX)];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Platform {
    pub id: i64,
    pub uid: String,
    pub kind: PlatformKind,
    pub name: String,
    pub url: String,
    pub member_count: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PlatformInput {
    pub kind: String,
    pub name: String,
    pub url: String,
    /// As typed: blank when not known. Core reads the number, so a person's "1.5" or "many"
    /// gets core's answer under the field rather than being lost on the way.
    pub member_count: Option<String>,
}

struct Checked {
    kind: PlatformKind,
    name: String,
    url: String,
    member_count: Option<u32>,
}

impl PlatformInput {
    fn validate(&self) -> Result<Checked> {
        Ok(Checked {
            kind: PlatformKind::parse("kind", self.kind.trim())?,
            name: required("name", &self.name, NAME_MAX)?,
            url: web_link(&self.url)?,
            member_count: member_count(self.member_count.as_deref())?,
        })
    }
}

/// Reads a typed member count: blank is "not known"; anything else must be a whole number,
/// 0 or more.
fn member_count(typed: Option<&str>) -> Result<Option<u32>> {
    let typed = typed.map(str::trim).unwrap_or_default();
    if typed.is_empty() {
        return Ok(None);
    }
    typed.parse::<u32>().map(Some).map_err(|_| {
        Error::invalid(
            "memberCount",
            Rule::InvalidFormat,
            format!("{typed:?} is not a member count: a whole number, 0 or more"),
        )
    })
}

/// Checks that `value` is an absolute http(s) link with a host, and returns it normalised.
pub fn web_link(value: &str) -> Result<String> {
    let value = required("url", value, URL_MAX)?;
    let bad = || {
        Error::invalid(
            "url",
            Rule::InvalidFormat,
            format!("{value:?} is not a web link (http:// or https://)"),
        )
    };
    let parsed = url::Url::parse(&value).map_err(|_| bad())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad());
    }
    Ok(parsed.to_string())
}

pub fn list(db: &Db, community_id: i64) -> Result<Vec<Platform>> {
    db.read(|r| {
        r.query_all(
            "SELECT id, uid, kind, name, url, member_count FROM platforms WHERE community_id = ?1 ORDER BY sort, id",
            [community_id],
            from_row,
        )
    })
}

pub fn create(db: &mut Db, community_id: i64, input: &PlatformInput) -> Result<Platform> {
    let p = input.validate()?;
    let id = db.write(|w| {
        let exists: bool =
            w.query_row("SELECT EXISTS (SELECT 1 FROM communities WHERE id = ?1)", [community_id], |r| r.get(0))?;
        if !exists {
            return Err(Error::NotFound(format!("community {community_id} does not exist")));
        }
        w.execute(
            "INSERT INTO platforms (uid, community_id, kind, name, url, member_count, sort, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     (SELECT coalesce(max(sort), -1) + 1 FROM platforms WHERE community_id = ?2), ?7, ?7)",
            params![
                uuid::Uuid::now_v7().to_string(),
                community_id,
                p.kind,
                p.name,
                p.url,
                p.member_count,
                Utc::now()
            ],
        )?;
        let id = w.last_insert_rowid();
        crate::metrics::series::platform_saved(w, id)?;
        Ok(id)
    })?;
    get(db, id)
}

pub fn update(db: &mut Db, id: i64, input: &PlatformInput) -> Result<Platform> {
    let p = input.validate()?;
    db.write(|w| {
        let changed = w.execute(
            "UPDATE platforms SET kind = ?2, name = ?3, url = ?4, member_count = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, p.kind, p.name, p.url, p.member_count, Utc::now()],
        )?;
        match changed {
            0 => Err(Error::NotFound(format!("platform {id} does not exist"))),
            _ => crate::metrics::series::platform_saved(w, id),
        }
    })?;
    get(db, id)
}

pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    db.write(
        |w| match w.execute("DELETE FROM platforms WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound(format!("platform {id} does not exist"))),
            _ => Ok(()),
        },
    )
}

pub fn get(db: &Db, id: i64) -> Result<Platform> {
    db.read(|r| {
        r.query_optional(
            "SELECT id, uid, kind, name, url, member_count FROM platforms WHERE id = ?1",
            [id],
            from_row,
        )?
        .ok_or_else(|| Error::NotFound(format!("platform {id} does not exist")))
    })
}

fn from_row(row: &Row) -> rusqlite::Result<Platform> {
    Ok(Platform {
        id: row.get("id")?,
        uid: row.get("uid")?,
        kind: row.get("kind")?,
        name: row.get("name")?,
        url: row.get("url")?,
        member_count: row.get("member_count")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community;
    use crate::db::testing::temp_db;

    fn input(url: &str) -> PlatformInput {
        PlatformInput {
            kind: "telegram".into(),
            name: "Chat".into(),
            url: url.into(),
            member_count: Some("120".into()),
        }
    }

    #[test]
    fn only_web_links_are_accepted() {
        assert_eq!(
            web_link(" https://t.me/rustkazan ").unwrap(),
            "https://t.me/rustkazan"
        );
        assert_eq!(
            web_link("http://example.org").unwrap(),
            "http://example.org/"
        );
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "t.me/rust",
            "https://",
            "mailto:a@b.c",
            "",
        ] {
            let err = web_link(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { field: Some(ref f), .. } if f == "url"),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn names_and_links_are_one_line_without_hidden_controls() {
        // The link parser would silently drop a tab or line break, so these must be
        // refused before it sees them, not stored as a different link than was typed.
        for bad in [
            "https://t.me/\nrust",
            "https://t.me/ru\tst",
            "https://t.me/\u{202E}tsur",
        ] {
            assert!(
                matches!(
                    web_link(bad).unwrap_err(),
                    Error::InvalidInput { rule: Rule::ControlCharacter, field: Some(ref f), .. } if f == "url"
                ),
                "{bad:?}"
            );
        }
        let mut t = temp_db();
        let c = crate::db::testing::community(&mut t.db, "Guild", "en");
        let revision = t.db.revision().unwrap();
        for name in ["Chat\nTelegram https://evil.example", "\u{1b}[31mChat"] {
            let mut forged = input("https://t.me/guild");
            forged.name = name.into();
            assert!(matches!(
                create(&mut t.db, c.id, &forged).unwrap_err(),
                Error::InvalidInput { rule: Rule::ControlCharacter, field: Some(ref f), .. } if f == "name"
            ));
        }
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
        assert!(list(&t.db, c.id).unwrap().is_empty());
    }

    #[test]
    fn platforms_are_created_listed_updated_and_deleted() {
        let mut t = temp_db();
        let c = crate::db::testing::community(&mut t.db, "Guild", "en");
        let a = create(&mut t.db, c.id, &input("https://t.me/guild")).unwrap();
        let mut site = input("https://guild.example.org");
        site.kind = "website".into();
        site.member_count = None;
        create(&mut t.db, c.id, &site).unwrap();
        let names: Vec<_> = list(&t.db, c.id)
            .unwrap()
            .into_iter()
            .map(|p| p.kind)
            .collect();
        assert_eq!(names, [PlatformKind::Telegram, PlatformKind::Website]);

        let mut changed = input("https://t.me/guild_chat");
        changed.member_count = Some(" 150 ".into());
        assert_eq!(
            update(&mut t.db, a.id, &changed).unwrap().member_count,
            Some(150)
        );
        changed.member_count = Some("  ".into());
        assert_eq!(
            update(&mut t.db, a.id, &changed).unwrap().member_count,
            None,
            "a blank count is not known"
        );

        let revision = t.db.revision().unwrap();
        assert_eq!(
            create(&mut t.db, c.id, &input("ftp://x.org"))
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        for typed in ["-1", "1.5", "many", "4294967296"] {
            let mut bad_count = input("https://t.me/x");
            bad_count.member_count = Some(typed.into());
            assert!(
                matches!(
                    create(&mut t.db, c.id, &bad_count).unwrap_err(),
                    Error::InvalidInput { rule: Rule::InvalidFormat, field: Some(ref f), .. } if f == "memberCount"
                ),
                "{typed:?} is not a member count"
            );
        }
        assert_eq!(
            create(&mut t.db, 999, &input("https://t.me/x"))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");

        delete(&mut t.db, a.id).unwrap();
        assert_eq!(list(&t.db, c.id).unwrap().len(), 1);
        community::delete(&mut t.db, c.id).unwrap();
        let left: i64 =
            t.db.read(|c| c.query_row("SELECT count(*) FROM platforms", [], |r| r.get(0)))
                .unwrap();
        assert_eq!(left, 0, "a community's platforms go with it");
    }
}
