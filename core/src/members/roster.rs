//! The roster as a table: which members match what the organizer typed and picked, in the
//! order they asked for, a page at a time, so a table of 100,000 members stays smooth. Also
//! the edits made to many selected members at once (tags, roles).
//!
//! The in-memory roster (`snapshot`) finds the ids of every matching member in order; the
//! total and any page are cut from that list, and only the page's members are read in full.
//! Until it is built, the first pages of everyone by name come straight from the name
//! index, so the roster opens at once. Scrolling asks for page after page of the same
//! query, so the last few lists are kept, keyed by the database's revision, which moves
//! with every write: a kept list is never stale.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, Utc};
use rusqlite::Row;
use serde::{Deserialize, Serialize};

use super::model::{self, normalise, EngagementLevel, Level, Role};
use super::store::{community_exists, search_text};
use crate::db::{Db, Json, Read};

mod snapshot;
use crate::enums::string_enum;
use crate::error::{Error, Result, Rule};

/// The longest search text accepted, in characters.
pub const SEARCH_MAX: u32 = 200;
/// The most rows one page may ask for.
pub const PAGE_MAX: u32 = 1_000;

string_enum! {
    /// The orders the roster can be read in.
    pub enum RosterSort {
        Name = "name",
        Level = "level",
        Joined = "joined",
        Engagement = "engagement",
        LastActivity = "lastActivity",
    }
}

/// What the roster shows: the search text as typed and the filters as picked. Within one
/// filter any value matches (level A or B); different filters all apply (level and tag).
/// An empty list is no filter.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(optional_fields)]
pub struct RosterQuery {
    /// Found anywhere in the name, email, company, handles or tags; case and "ё"/"е" do
    /// not matter.
    pub search: String,
    /// `Level` values.
    pub levels: Vec<String>,
    /// `Role` values.
    pub roles: Vec<String>,
    /// Tags as `member_tags` lists them; case does not matter.
    pub tags: Vec<String>,
    /// `EngagementLevel` values.
    pub engagement: Vec<String>,
    /// `YYYY-MM-DD`: joined on or after this day. Members with no joined date are left out
    /// while either bound is set.
    pub joined_from: Option<String>,
    /// `YYYY-MM-DD`: joined on or before this day.
    pub joined_to: Option<String>,
    /// A `RosterSort` value; empty is `name`.
    pub sort: String,
    pub descending: bool,
}

/// A member as one line of the roster table shows them.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterRow {
    pub id: i64,
    pub uid: String,
    pub name: String,
    pub email: String,
    pub company: String,
    pub position: String,
    pub city: String,
    pub level: Option<Level>,
    pub roles: Vec<Role>,
    pub tags: Vec<String>,
    pub engagement_score: f64,
    pub engagement_level: EngagementLevel,
    pub last_activity_on: Option<NaiveDate>,
    pub joined_on: Option<NaiveDate>,
}

/// One page of the roster: `rows` start at `offset` among the `total` members that match.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<RosterRow>,
}

/// A tag and how many members of the community carry it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TagCount {
    pub tag: String,
    pub members: u32,
}

/// A query after its checks, in the form SQL compares.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Checked {
    search: String,
    levels: Vec<Level>,
    roles: Vec<Role>,
    /// Normalised, as `normalise` makes them.
    tags: Vec<String>,
    engagement: Vec<EngagementLevel>,
    joined_from: Option<NaiveDate>,
    joined_to: Option<NaiveDate>,
    sort: RosterSort,
    descending: bool,
}

impl Checked {
    fn is_everyone_by_name(&self) -> bool {
        self.search.is_empty()
            && self.levels.is_empty()
            && self.roles.is_empty()
            && self.tags.is_empty()
            && self.engagement.is_empty()
            && self.joined_from.is_none()
            && self.joined_to.is_none()
            && self.sort == RosterSort::Name
    }
}

impl RosterQuery {
    fn check(&self) -> Result<Checked> {
        let search = crate::text::optional("search", &self.search, SEARCH_MAX)?;
        let levels = parse_each(&self.levels, |v| Level::parse("levels", v))?;
        let roles = parse_each(&self.roles, |v| Role::parse("roles", v))?;
        let engagement = parse_each(&self.engagement, |v| {
            EngagementLevel::parse("engagement", v)
        })?;
        let tags = self
            .tags
            .iter()
            .map(|t| crate::text::optional("tags", t, model::TAG_MAX).map(|t| normalise(&t)))
            .filter(|t| !matches!(t, Ok(t) if t.is_empty()))
            .collect::<Result<Vec<_>>>()?;
        let day = |field: &str, value: &Option<String>| match value {
            Some(v) => model::date(field, v),
            None => Ok(None),
        };
        let joined_from = day("joinedFrom", &self.joined_from)?;
        let joined_to = day("joinedTo", &self.joined_to)?;
        if let (Some(from), Some(to)) = (joined_from, joined_to) {
            if to < from {
                return Err(Error::invalid(
                    "joinedTo",
                    Rule::InvalidFormat,
                    format!("the period ends on {to}, before it starts on {from}"),
                ));
            }
        }
        let sort = match self.sort.trim() {
            "" => RosterSort::Name,
            s => RosterSort::parse("sort", s)?,
        };
        Ok(Checked {
            search: normalise(&search),
            levels,
            roles,
            tags,
            engagement,
            joined_from,
            joined_to,
            sort,
            descending: self.descending,
        })
    }
}

fn parse_each<T>(values: &[String], parse: impl Fn(&str) -> Result<T>) -> Result<Vec<T>> {
    values.iter().map(|v| parse(v.trim())).collect()
}

/// The members of `community_id` that match `query`, in its order, from `offset`, at most
/// `limit` of them, with how many match in all.
pub fn page(
    db: &Db,
    community_id: i64,
    query: &RosterQuery,
    offset: u32,
    limit: u32,
) -> Result<RosterPage> {
    if limit > PAGE_MAX {
        return Err(Error::InvalidInput {
            field: Some("limit".into()),
            rule: Rule::TooLong,
            limit: Some(PAGE_MAX),
            message: format!("a page holds at most {PAGE_MAX} members"),
        });
    }
    let checked = query.check()?;
    if offset < INDEX_PAGES_UNDER && checked.is_everyone_by_name() {
        let revision = db.revision()?;
        if !snapshot::is_current(db, community_id, revision) {
            return page_by_name(
                db,
                community_id,
                revision,
                offset,
                limit,
                checked.descending,
            );
        }
    }
    let matching = matching_ids(db, community_id, &checked)?;
    db.read(|r| {
        let total = u32::try_from(matching.len()).unwrap_or(u32::MAX);
        let start = (offset as usize).min(matching.len());
        let end = start.saturating_add(limit as usize).min(matching.len());
        let rows = rows_by_id(r, &matching[start..end])?;
        Ok(RosterPage {
            total,
            offset,
            rows,
        })
    })
}

/// Pages of everyone in name order that start before this offset are read straight from
/// the name index while the in-memory roster is not built: what the roster shows on
/// opening comes at once, and the in-memory roster is built by the first search (or the
/// first scroll far down).
const INDEX_PAGES_UNDER: u32 = 5_000;

/// A page of everyone in name order straight from the name index.
fn page_by_name(
    db: &Db,
    community_id: i64,
    revision: i64,
    offset: u32,
    limit: u32,
    descending: bool,
) -> Result<RosterPage> {
    db.read(|r| {
        community_exists(r, community_id)?;
        let key = (db.path().to_path_buf(), revision, community_id);
        let known = EVERYONE
            .lock()
            .ok()
            .and_then(|last| last.as_ref().filter(|(k, _)| *k == key).map(|(_, n)| *n));
        let total: u32 = match known {
            Some(total) => total,
            None => {
                let total = r.query_row(
                    "SELECT count(*) AS total FROM members WHERE community_id = ?1",
                    [community_id],
                    |row| row.get("total"),
                )?;
                if let Ok(mut last) = EVERYONE.lock() {
                    *last = Some((key, total));
                }
                total
            }
        };
        let sql = if descending {
            "SELECT id FROM members WHERE community_id = ?1
             ORDER BY sort_name DESC, id DESC LIMIT ?2 OFFSET ?3"
        } else {
            "SELECT id FROM members WHERE community_id = ?1
             ORDER BY sort_name, id LIMIT ?2 OFFSET ?3"
        };
        let ids: Vec<i64> = r.query_all(
            sql,
            [community_id, i64::from(limit), i64::from(offset)],
            |row| row.get("id"),
        )?;
        Ok(RosterPage {
            total,
            offset,
            rows: rows_by_id(r, &ids)?,
        })
    })
}

/// The ids of every member of `community_id` that matches `query`, in its order: what
/// "select all" selects.
pub fn ids(db: &Db, community_id: i64, query: &RosterQuery) -> Result<Vec<i64>> {
    let checked = query.check()?;
    Ok(matching_ids(db, community_id, &checked)?.to_vec())
}

/// The ids of at most `limit` members whose name, email, company, handles or tags hold
/// `key` (normalised): those named exactly `key` first, then those whose name starts with
/// it, each in name order. From the in-memory roster: SQLite's scan took 25–150 ms a
/// keystroke at 100,000 members.
pub(crate) fn named_like(db: &Db, community_id: i64, key: &str, limit: usize) -> Result<Vec<i64>> {
    let revision = db.revision()?;
    db.read(|r| community_exists(r, community_id))?;
    Ok(snapshot::at(db, community_id, revision)?.named_like(key, limit))
}

/// Every tag the community's members carry, with how many carry it, most used first (then
/// by name). Spellings that differ only in case are one tag, shown as most members write it.
pub fn tags_in_use(db: &Db, community_id: i64) -> Result<Vec<TagCount>> {
    // Read the revision before the data, as `matching_ids` does.
    let revision = db.revision()?;
    db.read(|r| community_exists(r, community_id))?;
    Ok(snapshot::at(db, community_id, revision)?.tags_in_use())
}

/// Gives each member in `ids` every tag in `tags` they do not carry yet; returns how many
/// members changed. All of it, or nothing when any id is unknown or a tag is refused.
pub fn bulk_add_tags(db: &mut Db, ids: &[i64], tags: &[String]) -> Result<u32> {
    let added = model::tags(tags)?;
    edit_each(db, ids, |member| {
        let mut next = member.tags.clone();
        next.extend(added.iter().cloned());
        let next = model::tags(&next)?;
        Ok((next != member.tags).then(|| Lists {
            tags: next,
            ..member.clone()
        }))
    })
}

/// Takes every tag in `tags` (case does not matter) from each member in `ids`; returns how
/// many members changed.
pub fn bulk_remove_tags(db: &mut Db, ids: &[i64], tags: &[String]) -> Result<u32> {
    let gone: Vec<String> = model::tags(tags)?.iter().map(|t| normalise(t)).collect();
    edit_each(db, ids, |member| {
        let next: Vec<String> = member
            .tags
            .iter()
            .filter(|t| !gone.contains(&normalise(t)))
            .cloned()
            .collect();
        Ok((next.len() != member.tags.len()).then(|| Lists {
            tags: next,
            ..member.clone()
        }))
    })
}

/// Gives each member in `ids` the role `role`; returns how many members changed.
pub fn bulk_add_role(db: &mut Db, ids: &[i64], role: &str) -> Result<u32> {
    let role = Role::parse("role", role.trim())?;
    edit_each(db, ids, |member| {
        if member.roles.contains(&role) {
            return Ok(None);
        }
        let roles = Role::ALL
            .iter()
            .copied()
            .filter(|r| *r == role || member.roles.contains(r))
            .collect();
        Ok(Some(Lists {
            roles,
            ..member.clone()
        }))
    })
}

/// Takes the role `role` from each member in `ids`; returns how many members changed.
pub fn bulk_remove_role(db: &mut Db, ids: &[i64], role: &str) -> Result<u32> {
    let role = Role::parse("role", role.trim())?;
    edit_each(db, ids, |member| {
        if !member.roles.contains(&role) {
            return Ok(None);
        }
        Ok(Some(Lists {
            roles: member
                .roles
                .iter()
                .copied()
                .filter(|r| *r != role)
                .collect(),
            ..member.clone()
        }))
    })
}

/// The most members one bulk edit may name: far above any real selection, and a bound on
/// what one transaction holds.
pub const BULK_MAX: usize = 200_000;

/// What a bulk edit changes: a member's roles and tags.
#[derive(Clone)]
struct Lists {
    roles: Vec<Role>,
    tags: Vec<String>,
}

/// Runs `change` on each member in `ids` in one write; a `Some` is written, a `None` leaves
/// the member as it is. Only the two lists, the search text (which holds the tags) and the
/// time of the edit are written: an edit of a whole selection reads and writes no more
/// than it changes, and no other field of a member is touched.
fn edit_each(
    db: &mut Db,
    ids: &[i64],
    change: impl Fn(&Lists) -> Result<Option<Lists>>,
) -> Result<u32> {
    if ids.len() > BULK_MAX {
        return Err(Error::InvalidInput {
            field: Some("ids".into()),
            rule: Rule::TooLong,
            limit: Some(BULK_MAX as u32),
            message: format!("one edit can change at most {BULK_MAX} members"),
        });
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let now = Utc::now();
    db.write(|w| {
        let mut changed = 0;
        for id in ids {
            let (lists, searched) = w
                .query_optional(
                    "SELECT roles, tags, name, email, company, telegram, linkedin, github,
                            other_handle
                     FROM members WHERE id = ?1",
                    [id],
                    |row| {
                        let Json(roles) = row.get("roles")?;
                        let Json(tags) = row.get("tags")?;
                        let text = |column: &str| row.get::<_, String>(column);
                        Ok((
                            Lists { roles, tags },
                            [
                                text("name")?,
                                text("email")?,
                                text("company")?,
                                text("telegram")?,
                                text("linkedin")?,
                                text("github")?,
                                text("other_handle")?,
                            ],
                        ))
                    },
                )?
                .ok_or_else(|| Error::NotFound(format!("member {id} does not exist")))?;
            let Some(next) = change(&lists)? else {
                continue;
            };
            let [name, email, company, telegram, linkedin, github, other] = &searched;
            let search = search_text(
                name,
                email,
                company,
                [telegram, linkedin, github, other],
                &next.tags,
            );
            w.execute(
                "UPDATE members SET roles = ?2, tags = ?3, search_text = ?4, updated_at = ?5
                 WHERE id = ?1",
                rusqlite::params![id, Json(&next.roles), Json(&next.tags), search, now],
            )?;
            changed += 1;
        }
        Ok(changed)
    })
}

/// How many members a community had at a revision of a file, as last counted: counting
/// walks the whole name index (5–7 ms at 100,000 members), and scrolling asks for many
/// pages under one count. Revisions only grow, so a count is never read for newer data.
static EVERYONE: Mutex<Option<(CountKey, u32)>> = Mutex::new(None);

/// A file, a revision of it, and a community.
type CountKey = (std::path::PathBuf, i64, i64);

type Key = (std::path::PathBuf, i64, i64, Checked);

/// The id lists of the last few queries, each under the revision it was read at.
static RECENT: Mutex<Vec<(Key, Arc<Vec<i64>>)>> = Mutex::new(Vec::new());
const RECENT_KEPT: usize = 4;

/// The ids of the members that match `q`, in its order: from the recent lists when the
/// same query was read at the same revision of the same file, else from the snapshot.
fn matching_ids(db: &Db, community_id: i64, q: &Checked) -> Result<Arc<Vec<i64>>> {
    // The revision is read before the data: a write in between only files newer data
    // under an older revision, which no later read asks for, as revisions only grow.
    let revision = db.revision()?;
    let key: Key = (db.path().to_path_buf(), revision, community_id, q.clone());
    if let Ok(recent) = RECENT.lock() {
        if let Some((_, ids)) = recent.iter().find(|(k, _)| *k == key) {
            return Ok(Arc::clone(ids));
        }
    }
    db.read(|r| community_exists(r, community_id))?;
    let ids = Arc::new(snapshot::at(db, community_id, revision)?.matching(q));
    if let Ok(mut recent) = RECENT.lock() {
        recent.retain(|(k, _)| k.0 != key.0 || k.1 == key.1);
        recent.insert(0, (key, Arc::clone(&ids)));
        recent.truncate(RECENT_KEPT);
    }
    Ok(ids)
}

/// The roster rows of `ids`, in that order (ids no longer there are left out).
pub(crate) fn rows_by_id(r: &Read, ids: &[i64]) -> Result<Vec<RosterRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids).unwrap_or_default();
    let mut found: HashMap<i64, RosterRow> = r
        .query_all(
            "SELECT id, uid, name, email, company, position, city, level, roles, tags,
                    engagement_score, engagement_level, last_activity_on, joined_on
             FROM members WHERE id IN (SELECT value FROM json_each(?1))",
            [list],
            roster_row,
        )?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

fn roster_row(row: &Row<'_>) -> rusqlite::Result<RosterRow> {
    let Json(roles) = row.get("roles")?;
    let Json(tags) = row.get("tags")?;
    Ok(RosterRow {
        id: row.get("id")?,
        uid: row.get("uid")?,
        name: row.get("name")?,
        email: row.get("email")?,
        company: row.get("company")?,
        position: row.get("position")?,
        city: row.get("city")?,
        level: row.get("level")?,
        roles,
        tags,
        engagement_score: row.get("engagement_score")?,
        engagement_level: row.get("engagement_level")?,
        last_activity_on: row.get("last_activity_on")?,
        joined_on: row.get("joined_on")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{community, temp_db};
    use crate::members::{create, get, MemberInput};

    fn member(db: &mut Db, community_id: i64, name: &str, more: MemberInput) -> i64 {
        let input = MemberInput {
            name: Some(name.into()),
            ..more
        };
        create(db, community_id, &input).unwrap().id
    }

    fn names(db: &Db, community_id: i64, query: &RosterQuery) -> Vec<String> {
        page(db, community_id, query, 0, 100)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    fn search(text: &str) -> RosterQuery {
        RosterQuery {
            search: text.into(),
            ..RosterQuery::default()
        }
    }

    fn sample(db: &mut Db) -> i64 {
        let c = community(db, "Guild", "en").id;
        member(
            db,
            c,
            "Ana Ribeiro",
            MemberInput {
                email: Some("ana@example.org".into()),
                company: Some("Farfetch".into()),
                level: Some("experienced".into()),
                roles: Some(vec!["speaker".into()]),
                tags: Some(vec!["Rust".into(), "Kafka".into()]),
                joined_on: Some("2025-03-01".into()),
                ..MemberInput::default()
            },
        );
        member(
            db,
            c,
            "Пётр Ёлкин",
            MemberInput {
                telegram: Some("@petr_yolkin".into()),
                company: Some("Яндекс".into()),
                level: Some("leader".into()),
                roles: Some(vec!["organizer".into(), "speaker".into()]),
                tags: Some(vec!["Дизайн".into()]),
                joined_on: Some("2024-11-20".into()),
                ..MemberInput::default()
            },
        );
        member(
            db,
            c,
            "bruno costa",
            MemberInput {
                github: Some("brunoc".into()),
                level: Some("newcomer".into()),
                tags: Some(vec!["rust".into(), "дизайн".into()]),
                ..MemberInput::default()
            },
        );
        c
    }

    #[test]
    fn search_ignores_case_and_finds_yo_by_ye_in_every_searched_field() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        assert_eq!(names(&t.db, c, &search("ELKIN")), Vec::<String>::new());
        assert_eq!(names(&t.db, c, &search("елкин")), ["Пётр Ёлкин"]);
        assert_eq!(names(&t.db, c, &search("ЁЛК")), ["Пётр Ёлкин"]);
        assert_eq!(names(&t.db, c, &search("петр")), ["Пётр Ёлкин"]);
        assert_eq!(names(&t.db, c, &search("яндекс")), ["Пётр Ёлкин"]);
        assert_eq!(
            names(&t.db, c, &search("petr_y")),
            ["Пётр Ёлкин"],
            "a handle"
        );
        assert_eq!(names(&t.db, c, &search("EXAMPLE.org")), ["Ana Ribeiro"]);
        assert_eq!(names(&t.db, c, &search("farf")), ["Ana Ribeiro"]);
        assert_eq!(names(&t.db, c, &search("brunoc")), ["bruno costa"]);
        assert_eq!(
            names(&t.db, c, &search(" RUST ")),
            ["Ana Ribeiro", "bruno costa"],
            "a tag, typed with spaces around"
        );
        assert_eq!(names(&t.db, c, &search("ana  rib")), ["Ana Ribeiro"]);
        assert!(names(&t.db, c, &search("zzz")).is_empty());
        assert_eq!(names(&t.db, c, &search("")).len(), 3);
    }

    #[test]
    fn search_sees_a_member_as_soon_as_they_are_added_or_edited() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        assert!(names(&t.db, c, &search("ольга")).is_empty());
        let id = member(&mut t.db, c, "Ольга", MemberInput::default());
        assert_eq!(names(&t.db, c, &search("ольга")), ["Ольга"]);
        crate::members::update(
            &mut t.db,
            id,
            &MemberInput {
                name: Some("Olga".into()),
                ..MemberInput::default()
            },
        )
        .unwrap();
        assert!(names(&t.db, c, &search("ольга")).is_empty());
        assert_eq!(names(&t.db, c, &search("olga")), ["Olga"]);
    }

    #[test]
    fn filters_combine_and_each_matches_any_of_its_values() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let q = |f: fn(&mut RosterQuery)| {
            let mut q = RosterQuery::default();
            f(&mut q);
            q
        };
        assert_eq!(
            names(
                &t.db,
                c,
                &q(|q| q.levels = vec!["leader".into(), "newcomer".into()])
            ),
            ["bruno costa", "Пётр Ёлкин"]
        );
        assert_eq!(
            names(&t.db, c, &q(|q| q.roles = vec!["speaker".into()])),
            ["Ana Ribeiro", "Пётр Ёлкин"]
        );
        assert_eq!(
            names(&t.db, c, &q(|q| q.tags = vec!["ДИЗАЙН".into()])),
            ["bruno costa", "Пётр Ёлкин"],
            "a tag in any case, Cyrillic too"
        );
        assert_eq!(
            names(
                &t.db,
                c,
                &q(|q| {
                    q.tags = vec!["rust".into()];
                    q.roles = vec!["speaker".into()];
                })
            ),
            ["Ana Ribeiro"]
        );
        assert_eq!(
            names(&t.db, c, &q(|q| q.engagement = vec!["observer".into()])).len(),
            3
        );
        assert!(names(&t.db, c, &q(|q| q.engagement = vec!["advocate".into()])).is_empty());
        assert_eq!(
            names(
                &t.db,
                c,
                &q(|q| {
                    q.joined_from = Some("2025-01-01".into());
                })
            ),
            ["Ana Ribeiro"],
            "no joined date is outside any period"
        );
        assert_eq!(
            names(
                &t.db,
                c,
                &q(|q| {
                    q.joined_from = Some("2024-11-20".into());
                    q.joined_to = Some("2025-02-28".into());
                })
            ),
            ["Пётр Ёлкин"],
            "both ends of the period count"
        );
    }

    #[test]
    fn sorts_put_missing_values_last_and_pages_cut_the_same_order() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let sorted = |db: &Db, sort: &str, descending: bool| {
            names(
                db,
                c,
                &RosterQuery {
                    sort: sort.into(),
                    descending,
                    ..RosterQuery::default()
                },
            )
        };
        assert_eq!(
            sorted(&t.db, "name", false),
            ["Ana Ribeiro", "bruno costa", "Пётр Ёлкин"]
        );
        assert_eq!(
            sorted(&t.db, "name", true),
            ["Пётр Ёлкин", "bruno costa", "Ana Ribeiro"]
        );
        assert_eq!(
            sorted(&t.db, "joined", false),
            ["Пётр Ёлкин", "Ana Ribeiro", "bruno costa"]
        );
        assert_eq!(
            sorted(&t.db, "joined", true),
            ["Ana Ribeiro", "Пётр Ёлкин", "bruno costa"]
        );
        assert_eq!(
            sorted(&t.db, "level", false),
            ["bruno costa", "Ana Ribeiro", "Пётр Ёлкин"],
            "levels in their own order: newcomer, experienced, leader"
        );
        assert_eq!(
            sorted(&t.db, "level", true),
            ["Пётр Ёлкин", "Ana Ribeiro", "bruno costa"]
        );
        t.db.write(|w| {
            w.execute(
                "UPDATE members SET engagement_score = 7, last_activity_on = '2026-01-05'
                 WHERE name = 'bruno costa'",
                [],
            )
        })
        .unwrap();
        assert_eq!(sorted(&t.db, "engagement", true)[0], "bruno costa");
        assert_eq!(
            sorted(&t.db, "engagement", false),
            ["Ana Ribeiro", "Пётр Ёлкин", "bruno costa"],
            "equal scores in name order"
        );
        assert_eq!(sorted(&t.db, "lastActivity", false)[0], "bruno costa");

        let second = page(&t.db, c, &RosterQuery::default(), 1, 1).unwrap();
        assert_eq!((second.total, second.offset), (3, 1));
        assert_eq!(second.rows[0].name, "bruno costa");
        let beyond = page(&t.db, c, &RosterQuery::default(), 10, 5).unwrap();
        assert_eq!((beyond.total, beyond.rows.len()), (3, 0));
    }

    #[test]
    fn the_first_page_on_opening_is_the_one_the_in_memory_roster_gives() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        member(&mut t.db, c, "Ana Ribeiro", MemberInput::default());
        for descending in [false, true] {
            let everyone = RosterQuery {
                descending,
                ..RosterQuery::default()
            };
            // Any write moves the revision on, so the in-memory roster of the previous
            // round is not current and these pages come from the index.
            t.db.write(|w| w.execute("DELETE FROM settings WHERE key = 'none'", []))
                .unwrap();
            assert!(!snapshot::is_current(&t.db, c, t.db.revision().unwrap()));
            let from_index = page(&t.db, c, &everyone, 0, 3).unwrap();
            let second_from_index = page(&t.db, c, &everyone, 2, 3).unwrap();
            let revision = t.db.revision().unwrap();
            let from_memory = snapshot::at(&t.db, c, revision)
                .unwrap()
                .matching(&everyone.check().unwrap());
            let shown: Vec<i64> = from_index.rows.iter().map(|r| r.id).collect();
            assert_eq!(shown, from_memory[..3]);
            let shown: Vec<i64> = second_from_index.rows.iter().map(|r| r.id).collect();
            assert_eq!(shown, from_memory[2..]);
            assert_eq!((second_from_index.offset, second_from_index.total), (2, 4));
            assert_eq!(from_index.total, 4);
        }
    }

    #[test]
    fn a_row_carries_what_the_table_shows() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let row = page(&t.db, c, &search("ana"), 0, 10)
            .unwrap()
            .rows
            .remove(0);
        let full = get(&t.db, row.id).unwrap();
        assert_eq!(row.uid, full.uid);
        assert_eq!(row.email, "ana@example.org");
        assert_eq!(row.company, "Farfetch");
        assert_eq!(row.level, Some(Level::Experienced));
        assert_eq!(row.roles, [Role::Speaker]);
        assert_eq!(row.tags, ["Rust", "Kafka"]);
        assert_eq!(row.joined_on, full.joined_on);
        assert_eq!(row.engagement_level, EngagementLevel::Observer);
    }

    #[test]
    fn another_community_and_bad_queries_stay_out() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let other = community(&mut t.db, "Other", "ru").id;
        member(&mut t.db, other, "Ana Other", MemberInput::default());
        assert_eq!(names(&t.db, c, &search("ana")), ["Ana Ribeiro"]);
        assert_eq!(
            page(&t.db, 999, &search(""), 0, 10).unwrap_err().code(),
            "not_found"
        );
        let field = |q: RosterQuery, limit: u32| match page(&t.db, c, &q, 0, limit).unwrap_err() {
            Error::InvalidInput { field, .. } => field.unwrap_or_default(),
            other => panic!("{other:?}"),
        };
        let with = |f: fn(&mut RosterQuery)| {
            let mut q = RosterQuery::default();
            f(&mut q);
            q
        };
        assert_eq!(
            field(with(|q| q.levels = vec!["guru".into()]), 10),
            "levels"
        );
        assert_eq!(field(with(|q| q.roles = vec!["king".into()]), 10), "roles");
        assert_eq!(
            field(with(|q| q.engagement = vec!["hot".into()]), 10),
            "engagement"
        );
        assert_eq!(field(with(|q| q.sort = "age".into()), 10), "sort");
        assert_eq!(field(with(|q| q.search = "x".repeat(201)), 10), "search");
        assert_eq!(
            field(with(|q| q.joined_from = Some("1.1.2025".into())), 10),
            "joinedFrom"
        );
        assert_eq!(
            field(
                with(|q| {
                    q.joined_from = Some("2025-02-01".into());
                    q.joined_to = Some("2025-01-01".into());
                }),
                10
            ),
            "joinedTo"
        );
        assert_eq!(field(RosterQuery::default(), PAGE_MAX + 1), "limit");
    }

    #[test]
    fn select_all_gives_every_matching_id_in_order() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let all = ids(&t.db, c, &search("rust")).unwrap();
        let shown: Vec<i64> = page(&t.db, c, &search("rust"), 0, 10)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(all, shown);
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn tags_in_use_counts_members_and_merges_spellings() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        member(
            &mut t.db,
            c,
            "Carla",
            MemberInput {
                tags: Some(vec!["Rust".into()]),
                ..MemberInput::default()
            },
        );
        let tags = tags_in_use(&t.db, c).unwrap();
        let pairs: Vec<(&str, u32)> = tags.iter().map(|t| (t.tag.as_str(), t.members)).collect();
        assert_eq!(pairs, [("Rust", 3), ("Дизайн", 2), ("Kafka", 1)]);
    }

    #[test]
    fn bulk_tags_change_only_who_needs_it_and_search_follows() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let all = ids(&t.db, c, &RosterQuery::default()).unwrap();
        let before = get(&t.db, all[0]).unwrap();
        let changed = bulk_add_tags(&mut t.db, &all, &["RUST".into(), "Go".into()]).unwrap();
        let after = get(&t.db, all[0]).unwrap();
        assert_eq!(
            crate::members::Member {
                tags: before.tags.clone(),
                updated_at: before.updated_at,
                ..after.clone()
            },
            before,
            "only the tags and the time of the edit change"
        );
        assert!(after.updated_at > before.updated_at);
        assert_eq!(changed, 3, "everyone lacked Go");
        assert_eq!(get(&t.db, all[2]).unwrap().tags, ["Дизайн", "RUST", "Go"]);
        let ana = get(&t.db, all[0]).unwrap();
        assert_eq!(
            ana.tags,
            ["Rust", "Kafka", "Go"],
            "Rust kept as written once"
        );
        assert_eq!(names(&t.db, c, &search("go")).len(), 3);
        assert_eq!(bulk_add_tags(&mut t.db, &all, &["go".into()]).unwrap(), 0);

        let removed = bulk_remove_tags(&mut t.db, &all, &["rust".into()]).unwrap();
        assert_eq!(removed, 3, "Пётр got Rust from the first edit");
        assert!(names(&t.db, c, &search("rust")).is_empty());
        assert_eq!(get(&t.db, all[0]).unwrap().tags, ["Kafka", "Go"]);
    }

    #[test]
    fn bulk_roles_count_changes_and_unknown_members_change_nothing() {
        let mut t = temp_db();
        let c = sample(&mut t.db);
        let all = ids(&t.db, c, &RosterQuery::default()).unwrap();
        assert_eq!(bulk_add_role(&mut t.db, &all, "speaker").unwrap(), 1);
        assert_eq!(
            get(&t.db, all[1]).unwrap().roles,
            [Role::Speaker],
            "bruno is now a speaker"
        );
        assert_eq!(bulk_add_role(&mut t.db, &all, "volunteer").unwrap(), 3);
        assert_eq!(
            get(&t.db, all[2]).unwrap().roles,
            [Role::Organizer, Role::Speaker, Role::Volunteer]
        );
        assert_eq!(bulk_remove_role(&mut t.db, &all, "speaker").unwrap(), 3);
        assert_eq!(
            bulk_add_role(&mut t.db, &all, "king").unwrap_err().code(),
            "invalid_input"
        );

        let before = t.db.revision().unwrap();
        let err = bulk_add_tags(&mut t.db, &[all[0], 999], &["New".into()]).unwrap_err();
        assert_eq!(err.code(), "not_found");
        assert_eq!(t.db.revision().unwrap(), before);
        assert!(
            names(&t.db, c, &search("new")).is_empty(),
            "nothing written"
        );
        let err = bulk_add_tags(&mut t.db, &all, &["x".repeat(51)]).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }
}
