//! The roster held in memory for searching: what search, filters and sorts look at, for
//! every member of one community, in name order. SQLite scans 100,000 rows for a substring
//! in 15–30 ms on a small machine, and sorts by engagement or last activity only after
//! reading every row from the table; here a search is one pass of a substring search over
//! one string and a sort is a sort of the matches, a few milliseconds each.
//!
//! A snapshot belongs to one revision of one database file: every write moves the revision
//! forward, so a snapshot is rebuilt on the first read after a change and can never answer
//! from data that is gone. Only the latest one is kept, which bounds the memory it takes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};
use rusqlite::Row;

use super::{Checked, RosterSort};
use crate::db::{Db, Json};
use crate::error::Result;
use crate::members::model::{normalise, EngagementLevel, Level, Role};

/// What one member contributes to matching and ordering.
struct Entry {
    id: i64,
    level: Option<Level>,
    engagement: EngagementLevel,
    score: f64,
    last_activity_on: Option<NaiveDate>,
    joined_on: Option<NaiveDate>,
    /// One bit per `Role::ALL` position.
    roles: u8,
    /// Indices into `Snapshot::tags`.
    tags: Box<[u32]>,
}

pub(super) struct Snapshot {
    path: PathBuf,
    revision: i64,
    community_id: i64,
    /// Every member's search text, in name order, each followed by a line break (which
    /// normalised text never holds, so no match spans two members).
    text: String,
    /// Where each member's text starts in `text`.
    starts: Vec<usize>,
    entries: Vec<Entry>,
    /// Normalised tag → its index.
    tags: HashMap<String, u32>,
    /// Each spelling of a tag as members wrote it, with its tag's index and how many
    /// members carry it: what the tag filter offers.
    spellings: Vec<(String, u32, u32)>,
}

static LATEST: Mutex<Option<Arc<Snapshot>>> = Mutex::new(None);

/// The snapshot of `community_id` at `revision`, from memory when the latest one is it.
pub(super) fn at(db: &Db, community_id: i64, revision: i64) -> Result<Arc<Snapshot>> {
    let path = db.path().to_path_buf();
    if let Ok(latest) = LATEST.lock() {
        if let Some(s) = latest.as_ref() {
            if s.revision == revision && s.community_id == community_id && s.path == path {
                return Ok(Arc::clone(s));
            }
        }
    }
    let built = Arc::new(build(db, path, community_id, revision)?);
    if let Ok(mut latest) = LATEST.lock() {
        *latest = Some(Arc::clone(&built));
    }
    Ok(built)
}

/// Whether the latest snapshot is of this community at this revision (no building).
pub(super) fn is_current(db: &Db, community_id: i64, revision: i64) -> bool {
    LATEST.lock().is_ok_and(|latest| {
        latest.as_ref().is_some_and(|s| {
            s.revision == revision && s.community_id == community_id && s.path == db.path()
        })
    })
}

fn build(db: &Db, path: PathBuf, community_id: i64, revision: i64) -> Result<Snapshot> {
    // Read in the table's own order (a plain scan, far cheaper than following the name
    // index row by row into the table) and put in name order here. Text goes into two
    // long strings rather than a string per member: allocation was most of the cost.
    let mut names = String::new();
    let mut texts = String::new();
    // Per row: where its sort name and its search text end in `names` and `texts`.
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut tags: HashMap<String, u32> = HashMap::new();
    // Each spelling of a tag is normalised once: spelling → its place in `counted`.
    let mut spellings: HashMap<String, usize> = HashMap::new();
    let mut counted: Vec<(String, u32, u32)> = Vec::new();
    let mut columns: Option<Columns> = None;
    let quoted_roles: Vec<(String, u8)> = Role::ALL
        .iter()
        .map(|role| (format!("\"{}\"", role.as_str()), role_bit(*role)))
        .collect();
    db.read(|r| {
        // Each row goes straight into the lists above; the list `query_all` returns is of `()`.
        r.query_all(
            "SELECT id, sort_name, search_text, level, engagement_level, engagement_score,
                    last_activity_on, joined_on, roles, tags
             FROM members WHERE +community_id = ?1",
            [community_id],
            |row| {
                let c = match &columns {
                    Some(c) => *c,
                    None => *columns.insert(Columns::of(row)?),
                };
                names.push_str(text(row, c.sort_name)?);
                texts.push_str(text(row, c.search_text)?);
                texts.push('\n');
                ends.push((names.len(), texts.len()));
                let roles_json = text(row, c.roles)?;
                // A role list is a JSON array of known words, each found by its quoted text.
                let roles = quoted_roles
                    .iter()
                    .filter(|(quoted, _)| roles_json.contains(quoted.as_str()))
                    .fold(0, |bits, (_, bit)| bits | bit);
                let tags_json = text(row, c.tags)?;
                let member_tags = if tags_json == "[]" {
                    Box::default()
                } else {
                    let Json(list): Json<Vec<String>> = row.get(c.tags)?;
                    list.into_iter()
                        .map(|spelling| {
                            let at = match spellings.get(&spelling) {
                                Some(&at) => at,
                                None => {
                                    let next = tags.len() as u32;
                                    let index = *tags.entry(normalise(&spelling)).or_insert(next);
                                    spellings.insert(spelling.clone(), counted.len());
                                    counted.push((spelling, index, 0));
                                    counted.len() - 1
                                }
                            };
                            counted[at].2 += 1;
                            counted[at].1
                        })
                        .collect()
                };
                entries.push(Entry {
                    id: row.get(c.id)?,
                    level: row.get(c.level)?,
                    engagement: row.get(c.engagement_level)?,
                    score: row.get(c.engagement_score)?,
                    last_activity_on: day(row, c.last_activity_on)?,
                    joined_on: day(row, c.joined_on)?,
                    roles,
                    tags: member_tags,
                });
                Ok(())
            },
        )
        .map(drop)
    })?;
    let name = |i: usize| &names[if i == 0 { 0 } else { ends[i - 1].0 }..ends[i].0];
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_unstable_by(|&a, &b| name(a).cmp(name(b)).then(entries[a].id.cmp(&entries[b].id)));
    let mut snapshot = Snapshot {
        path,
        revision,
        community_id,
        text: String::with_capacity(texts.len()),
        starts: Vec::with_capacity(entries.len()),
        entries: Vec::with_capacity(entries.len()),
        tags,
        spellings: counted,
    };
    let mut taken: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
    for i in order {
        let start = if i == 0 { 0 } else { ends[i - 1].1 };
        snapshot.starts.push(snapshot.text.len());
        snapshot.text.push_str(&texts[start..ends[i].1]);
        if let Some(entry) = taken[i].take() {
            snapshot.entries.push(entry);
        }
    }
    Ok(snapshot)
}

/// The positions of the columns `build` reads, found by name once per read.
#[derive(Clone, Copy)]
struct Columns {
    id: usize,
    sort_name: usize,
    search_text: usize,
    level: usize,
    engagement_level: usize,
    engagement_score: usize,
    last_activity_on: usize,
    joined_on: usize,
    roles: usize,
    tags: usize,
}

impl Columns {
    fn of(row: &Row<'_>) -> rusqlite::Result<Columns> {
        let at = |name: &str| row.as_ref().column_index(name);
        Ok(Columns {
            id: at("id")?,
            sort_name: at("sort_name")?,
            search_text: at("search_text")?,
            level: at("level")?,
            engagement_level: at("engagement_level")?,
            engagement_score: at("engagement_score")?,
            last_activity_on: at("last_activity_on")?,
            joined_on: at("joined_on")?,
            roles: at("roles")?,
            tags: at("tags")?,
        })
    }
}

/// A date column (`YYYY-MM-DD`, as the schema's CHECK keeps it) read by hand: chrono's
/// general parser was a third of the time it took to build the snapshot.
fn day(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let value = row.get_ref(index)?;
    if value == rusqlite::types::ValueRef::Null {
        return Ok(None);
    }
    let text = value.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let number = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    let parsed = (text.len() == 10)
        .then(|| NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?))
        .flatten();
    match parsed {
        Some(date) => Ok(Some(date)),
        // Anything else is what chrono makes of it: a conversion error, i.e. `corrupt`.
        None => row.get(index),
    }
}

/// A text column, borrowed from the row.
fn text<'r>(row: &'r Row<'_>, index: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(index)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn role_bit(role: Role) -> u8 {
    let position = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    1 << position
}

impl Snapshot {
    /// Every tag the members carry, with how many carry it, most used first (then by
    /// name). Spellings that differ only in case are one tag, shown as most members write
    /// it (the first in order among equals).
    pub(super) fn tags_in_use(&self) -> Vec<super::TagCount> {
        let keys: HashMap<u32, &str> = self
            .tags
            .iter()
            .map(|(key, &index)| (index, key.as_str()))
            .collect();
        // tag index → (members, best spelling, its count)
        let mut by_tag: HashMap<u32, (u32, &str, u32)> = HashMap::new();
        for (spelling, index, count) in &self.spellings {
            let entry = by_tag.entry(*index).or_insert((0, spelling, 0));
            entry.0 += count;
            if *count > entry.2 || (*count == entry.2 && spelling.as_str() < entry.1) {
                entry.1 = spelling;
                entry.2 = *count;
            }
        }
        let mut tags: Vec<(&str, super::TagCount)> = by_tag
            .into_iter()
            .map(|(index, (members, tag, _))| {
                let key = keys.get(&index).copied().unwrap_or_default();
                let tag = tag.to_string();
                (key, super::TagCount { tag, members })
            })
            .collect();
        tags.sort_by(|(ka, a), (kb, b)| b.members.cmp(&a.members).then_with(|| ka.cmp(kb)));
        tags.into_iter().map(|(_, t)| t).collect()
    }

    /// The ids of the members that match `q`, in its order.
    pub(super) fn matching(&self, q: &Checked) -> Vec<i64> {
        let roles = q.roles.iter().fold(0u8, |bits, r| bits | role_bit(*r));
        let tags: Vec<u32> = q
            .tags
            .iter()
            .filter_map(|t| self.tags.get(t).copied())
            .collect();
        let wanted = |e: &Entry| {
            (q.levels.is_empty() || e.level.is_some_and(|l| q.levels.contains(&l)))
                && (q.engagement.is_empty() || q.engagement.contains(&e.engagement))
                && (roles == 0 || e.roles & roles != 0)
                && (q.tags.is_empty() || e.tags.iter().any(|t| tags.contains(t)))
                && q.joined_from
                    .is_none_or(|from| e.joined_on.is_some_and(|d| d >= from))
                && q.joined_to
                    .is_none_or(|to| e.joined_on.is_some_and(|d| d <= to))
        };
        let mut found: Vec<usize> = if q.search.is_empty() {
            (0..self.entries.len())
                .filter(|&i| wanted(&self.entries[i]))
                .collect()
        } else {
            self.holding(&q.search)
                .into_iter()
                .filter(|&i| wanted(&self.entries[i]))
                .collect()
        };
        self.order(&mut found, q.sort, q.descending);
        found.into_iter().map(|i| self.entries[i].id).collect()
    }

    /// The ids of at most `limit` members whose text holds `key` (normalised), the ones
    /// named exactly `key` first, then those whose name starts with it, each in name order:
    /// who a typed owner may be.
    pub(super) fn named_like(&self, key: &str, limit: usize) -> Vec<i64> {
        if key.is_empty() || key.contains('\n') {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, usize)> = self
            .holding(key)
            .into_iter()
            .map(|i| {
                let name = self.name_of(i);
                let rank = if name == key {
                    0
                } else if name.starts_with(key) {
                    1
                } else {
                    2
                };
                (rank, i)
            })
            .collect();
        // Positions are in name order already: a stable sort by rank keeps it within each.
        ranked.sort_by_key(|&(rank, _)| rank);
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, i)| self.entries[i].id)
            .collect()
    }

    /// The positions of the members whose text holds `search`, in name order.
    fn holding(&self, search: &str) -> Vec<usize> {
        let finder = memchr::memmem::Finder::new(search.as_bytes());
        let text = self.text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&text[from..]) {
            // The member whose text holds the match; the search goes on at the next one.
            let i = self.starts.partition_point(|&s| s <= from + at) - 1;
            found.push(i);
            match self.starts.get(i + 1) {
                Some(&next) => from = next,
                None => break,
            }
        }
        found
    }

    /// The member's sort name: their text up to the first separator (`store::search_text`
    /// puts the name first), or all of it.
    fn name_of(&self, i: usize) -> &str {
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let text = &self.text[self.starts[i]..end];
        text.split(" \u{1f} ").next().unwrap_or(text)
    }

    /// Sorts positions (which are in name order) by `sort`: each match gets a whole-number
    /// key and its position, so one unstable sort of plain pairs gives the order, name order
    /// among equals, and members without a value last either way.
    fn order(&self, found: &mut Vec<usize>, sort: RosterSort, descending: bool) {
        let date_key = |d: Option<NaiveDate>| match d {
            Some(d) if descending => -i64::from(d.num_days_from_ce()),
            Some(d) => i64::from(d.num_days_from_ce()),
            None => i64::MAX,
        };
        // Scores are never negative (the schema checks it), and the bits of non-negative
        // floats order as the numbers do.
        let score_key = |score: f64| {
            let bits = score.max(0.0).to_bits() as i64;
            if descending {
                -bits
            } else {
                bits
            }
        };
        // Levels in their own order, newcomer first; a member with none last either way.
        let level_key = |level: Option<Level>| match level {
            Some(l) => {
                let rank = Level::ALL.iter().position(|x| *x == l).unwrap_or(0) as i64;
                if descending {
                    -rank
                } else {
                    rank
                }
            }
            None => i64::MAX,
        };
        let key = |e: &Entry| match sort {
            RosterSort::Name => 0,
            RosterSort::Level => level_key(e.level),
            RosterSort::Joined => date_key(e.joined_on),
            RosterSort::LastActivity => date_key(e.last_activity_on),
            RosterSort::Engagement => score_key(e.score),
        };
        match sort {
            RosterSort::Name if descending => found.reverse(),
            RosterSort::Name => {}
            _ => {
                let mut keyed: Vec<(i64, usize)> =
                    found.iter().map(|&i| (key(&self.entries[i]), i)).collect();
                keyed.sort_unstable();
                *found = keyed.into_iter().map(|(_, i)| i).collect();
            }
        }
    }
}
