//! Which tables and columns a shared community carries, and how each value is written in
//! the Automerge document. One table of facts rather than code per domain, so adding a
//! domain to sharing is adding its lines here (docs/sharing.md, "The layout").
//!
//! Left out on purpose: local ids (each copy numbers its rows itself; records are known by
//! their uid), what core derives (a member's search text and engagement, computed again
//! on each copy), and what belongs to one person (`own_member_id`: who "Mine" is; the
//! sample flag).

/// The version of this layout, stored in every document. A copy refuses a document of
/// another version, naming both, rather than read fields it does not know the meaning of.
/// 2: the calendar and metrics take part, and the charter's audiences and formats are sets.
pub const LAYOUT_VERSION: i64 = 2;

use crate::community::platforms::PlatformKind;
use crate::community::{Audience, Format, Kind as CommunityKind};
use crate::enums::Locale;
use crate::error::{Error, Result};
use crate::events::agenda::RoleKind;
use crate::events::attendance::Rsvp;
use crate::events::local_time::parse_utc;
use crate::events::{EventFormat, EventKind, EventStatus};
use crate::labels::Labelled;
use crate::members::{self, ActivityKind, Level};
use crate::metrics::goals::Direction as GoalDirection;
use crate::metrics::impact::ImpactKind;
use crate::metrics::{Category as MetricCategory, Key as MetricKey};
use crate::plan::TaskStatus;

/// How a column's value is stored in the document.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// TEXT NOT NULL: an Automerge string.
    Text,
    /// TEXT that may be NULL: a string, or Automerge's null.
    OptText,
    /// INTEGER NOT NULL: an Automerge signed integer.
    Int,
    /// INTEGER that may be NULL: an integer, or null.
    OptInt,
    /// REAL NOT NULL: an Automerge float.
    Real,
    /// A row of the named table in the same community, or none: its uid, or null. The
    /// column holds the local id, which differs from copy to copy.
    Ref(&'static str),
    /// The row of the named table this record belongs to (`ON DELETE CASCADE` in the
    /// schema), carried like a `Ref`. A record whose owner is removed, or missing, is
    /// removed with it on every copy, whatever was edited in it meanwhile: the schema would
    /// refuse it, and every copy must come to the same rows.
    Owner(&'static str),
    /// A JSON array of distinct texts (tags, roles): an Automerge map whose keys are the
    /// items, so items two copies add apart are both kept. Stored sorted. The function is
    /// core's check of the items, which a peer's document must pass like a person's input.
    TextSet(fn(&[String]) -> Result<()>),
}

impl Kind {
    /// The table a reference or an owner points at.
    pub fn points_to(self) -> Option<&'static str> {
        match self {
            Kind::Ref(to) | Kind::Owner(to) => Some(to),
            _ => None,
        }
    }

    /// Whether the document may hold null for it (the schema may still refuse null).
    pub fn may_be_null(self) -> bool {
        matches!(
            self,
            Kind::OptText | Kind::OptInt | Kind::Ref(_) | Kind::Owner(_)
        )
    }
}

/// One shared column of a table.
#[derive(Debug)]
pub struct Field {
    pub column: &'static str,
    pub kind: Kind,
    /// For a column of closed values (a task's status, an event's kind): the label
    /// catalogue's prefix for them (`crate::labels`), so a conflict on it names its values
    /// as the screens do.
    pub labels: Option<&'static str>,
}

/// A shared table. Its records live in the document under `name`, in a map keyed by uid;
/// the community itself is one record under `COMMUNITY.name`.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub fields: &'static [Field],
    /// Columns core derives from the shared ones, which a row written from the document
    /// starts empty in and has derived again (`members::store::derive_after_sync`).
    pub derived: &'static [&'static str],
    /// How a row is known to be the community's: None when it has a `community_id`
    /// column; else the column (a `Kind::Owner` field) whose row has one.
    pub through: Option<&'static str>,
    /// Values unique within the community (NULL aside), which two copies can give to two
    /// records apart: the record with the smaller uid keeps them, the same choice on every
    /// copy, so neither refuses the other's changes.
    pub unique: &'static [Unique],
}

/// A set of columns whose values one record at most holds (a unique index of the schema).
#[derive(Debug)]
pub struct Unique {
    pub columns: &'static [&'static str],
    /// What the other records let go: these columns become NULL (the record stays, as a
    /// person can see and mend it). None at all: the other records are left out of
    /// SQLite, and kept in the document.
    pub let_go: &'static [&'static str],
}

impl Table {
    /// The shared columns, in the order they are read and written.
    pub fn columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.column)
    }

    /// For a table without `community_id`: the owner column and the table it points at.
    pub fn owner(&self) -> Option<(&'static str, &'static str)> {
        let column = self.through?;
        self.fields
            .iter()
            .find(|f| f.column == column)
            .and_then(|f| match f.kind {
                Kind::Owner(to) => Some((column, to)),
                _ => None,
            })
    }
}

/// A value unique in its column alone, let go by the records that lose it.
const fn unique_alone(columns: &'static [&'static str]) -> Unique {
    Unique {
        columns,
        let_go: columns,
    }
}

const fn text(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Text,
        labels: None,
    }
}

const fn opt_text(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::OptText,
        labels: None,
    }
}

const fn int(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Int,
        labels: None,
    }
}

const fn opt_int(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::OptInt,
        labels: None,
    }
}

const fn real(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Real,
        labels: None,
    }
}

/// A text of closed values, labelled as `T`'s.
const fn closed<T: Labelled>(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Text,
        labels: Some(T::KEY_PREFIX),
    }
}

/// A closed value or none, labelled as `T`'s.
const fn opt_closed<T: Labelled>(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::OptText,
        labels: Some(T::KEY_PREFIX),
    }
}

const fn owner(column: &'static str, table: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Owner(table),
        labels: None,
    }
}

const fn reference(column: &'static str, table: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Ref(table),
        labels: None,
    }
}

const fn text_set(column: &'static str, check: fn(&[String]) -> Result<()>) -> Field {
    Field {
        column,
        kind: Kind::TextSet(check),
        labels: None,
    }
}

fn roles(items: &[String]) -> Result<()> {
    members::roles(items).map(drop)
}

fn tags(items: &[String]) -> Result<()> {
    members::tags(items).map(drop)
}

fn audiences(items: &[String]) -> Result<()> {
    items
        .iter()
        .try_for_each(|item| Audience::parse("audiences", item).map(drop))
}

fn formats(items: &[String]) -> Result<()> {
    items
        .iter()
        .try_for_each(|item| Format::parse("formats", item).map(drop))
}

/// A series' removed occurrences: instants in UTC as core writes them.
fn instants(items: &[String]) -> Result<()> {
    match items.iter().find(|item| parse_utc(item).is_none()) {
        Some(item) => Err(Error::invalid(
            "exdates",
            crate::error::Rule::InvalidFormat,
            format!("{item:?} is not an instant in UTC"),
        )),
        None => Ok(()),
    }
}

/// The charter: the community's one record.
pub const COMMUNITY: Table = Table {
    name: "community",
    fields: &[
        text("name"),
        text("mission"),
        opt_closed::<CommunityKind>("kind"),
        text_set("audiences", audiences),
        text_set("formats", formats),
        text("unique_value"),
        text("expected_results"),
        text("rules"),
        text("time_zone"),
        closed::<Locale>("locale"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

pub const PLATFORMS: Table = Table {
    name: "platforms",
    fields: &[
        closed::<PlatformKind>("kind"),
        text("name"),
        text("url"),
        opt_int("member_count"),
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

/// The roster. Engagement is not shared: each copy computes it from the activities.
pub const MEMBERS: Table = Table {
    name: "members",
    fields: &[
        text("name"),
        text("email"),
        text("phone"),
        text("telegram"),
        text("linkedin"),
        text("github"),
        text("other_handle"),
        text("company"),
        text("position"),
        text("city"),
        opt_closed::<Level>("level"),
        text_set("roles", roles),
        text_set("tags", tags),
        opt_text("joined_on"),
        opt_text("left_on"),
        text("source"),
        int("consent"),
        text("notes"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &["search_text", "sort_name"],
    through: None,
    unique: &[],
};

pub const ACTIVITIES: Table = Table {
    name: "activities",
    fields: &[
        reference("member_id", "members"),
        closed::<ActivityKind>("kind"),
        opt_int("weight"),
        text("occurred_on"),
        text("note"),
        reference("from_member_id", "members"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

pub const PLAN_TASKS: Table = Table {
    name: "plan_tasks",
    fields: &[
        int("stage"),
        opt_text("template_key"),
        text("title"),
        text("notes"),
        closed::<TaskStatus>("status"),
        opt_text("due"),
        opt_text("owner_name"),
        reference("owner_member_id", "members"),
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[unique_alone(&["template_key"])],
};

pub const VENUES: Table = Table {
    name: "venues",
    fields: &[
        text("name"),
        text("address"),
        opt_int("capacity"),
        text("contact"),
        text("notes"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

/// A series' rule; its occurrences are events of their own, made by the copy that changed
/// the rule and carried like any event.
pub const EVENT_SERIES: Table = Table {
    name: "event_series",
    fields: &[
        text("rrule"),
        text("first_start"),
        text("time_zone"),
        text_set("exdates", instants),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

pub const EVENTS: Table = Table {
    name: "events",
    fields: &[
        text("title"),
        closed::<EventKind>("kind"),
        closed::<EventFormat>("format"),
        text("starts_at"),
        text("ends_at"),
        text("time_zone"),
        int("all_day"),
        reference("venue_id", "venues"),
        text("online_url"),
        opt_int("capacity"),
        closed::<EventStatus>("status"),
        text("description"),
        owner("series_id", "event_series"),
        opt_text("occurrence_start"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    // Two copies that change a series' rule apart can each make the occurrence of one
    // date: the other becomes an event of its own at the same time, for a person to keep
    // or remove.
    unique: &[unique_alone(&["series_id", "occurrence_start"])],
};

/// RSVPs, check-ins and feedback.
pub const ATTENDANCE: Table = Table {
    name: "attendance",
    fields: &[
        owner("event_id", "events"),
        reference("member_id", "members"),
        closed::<Rsvp>("rsvp"),
        text("responded_at"),
        opt_text("checked_in_at"),
        int("walk_in"),
        opt_text("answer_before"),
        reference("activity_id", "activities"),
        opt_int("feedback_score"),
        opt_int("nps"),
        text("comment"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: Some("event_id"),
    // One member's answer to one event, given on two copies apart: one is kept, so the
    // member is counted once.
    unique: &[Unique {
        columns: &["event_id", "member_id"],
        let_go: &[],
    }],
};

pub const EVENT_TASKS: Table = Table {
    name: "event_tasks",
    fields: &[
        owner("event_id", "events"),
        text("title"),
        int("offset_days"),
        int("done"),
        reference("owner_member_id", "members"),
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: Some("event_id"),
    unique: &[],
};

pub const AGENDA_ITEMS: Table = Table {
    name: "agenda_items",
    fields: &[
        owner("event_id", "events"),
        int("position"),
        text("title"),
        int("minutes"),
        reference("speaker_member_id", "members"),
        text("notes"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: Some("event_id"),
    unique: &[],
};

pub const EVENT_ROLES: Table = Table {
    name: "event_roles",
    fields: &[
        owner("event_id", "events"),
        closed::<RoleKind>("role"),
        reference("member_id", "members"),
        text("note"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: Some("event_id"),
    unique: &[],
};

/// Metrics recorded by hand. What core computes from the roster and the calendar is
/// computed again on each copy.
pub const METRIC_SERIES: Table = Table {
    name: "metric_series",
    fields: &[
        text("name"),
        closed::<MetricCategory>("category"),
        text("unit"),
        reference("platform_id", "platforms"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[unique_alone(&["platform_id"])],
};

pub const METRIC_POINTS: Table = Table {
    name: "metric_points",
    fields: &[
        owner("series_id", "metric_series"),
        text("on_day"),
        real("value"),
        text("note"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: Some("series_id"),
    // One value a day: two copies that record the same day apart show the same one.
    unique: &[Unique {
        columns: &["series_id", "on_day"],
        let_go: &[],
    }],
};

pub const IMPACT_RECORDS: Table = Table {
    name: "impact_records",
    fields: &[
        reference("member_id", "members"),
        closed::<ImpactKind>("kind"),
        text("occurred_on"),
        text("note"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

pub const GOALS: Table = Table {
    name: "goals",
    fields: &[
        opt_closed::<MetricKey>("metric"),
        owner("series_id", "metric_series"),
        closed::<GoalDirection>("direction"),
        real("target"),
        text("set_on"),
        text("due_on"),
        text("expected_result"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    through: None,
    unique: &[],
};

/// The tables whose records belong to a community, parents before children: rows are
/// added in this order and removed in the reverse one, and a reference points back.
pub const RECORDS: &[&Table] = &[
    &PLATFORMS,
    &MEMBERS,
    &ACTIVITIES,
    &PLAN_TASKS,
    &VENUES,
    &EVENT_SERIES,
    &EVENTS,
    &ATTENDANCE,
    &EVENT_TASKS,
    &AGENDA_ITEMS,
    &EVENT_ROLES,
    &METRIC_SERIES,
    &METRIC_POINTS,
    &IMPACT_RECORDS,
    &GOALS,
];

/// The key under each record that marks it removed. A removal is a flag, never a deleted
/// key: a key one copy deletes while another edits it would come back half-empty.
pub const DELETED: &str = "deleted";

/// The title or name a person knows a shared record by (a task's title, a member's name),
/// for a conflict listed on it; None for the charter and the records that have neither.
pub fn record_label(db: &crate::db::Db, table: &str, uid: &str) -> Result<Option<String>> {
    let column = match table {
        "plan_tasks" | "events" | "event_series" | "agenda_items" | "event_tasks" => "title",
        "members" | "platforms" | "venues" | "metric_series" => "name",
        _ => return Ok(None),
    };
    db.read(|r| {
        r.query_optional(
            &format!("SELECT {column} AS label FROM {table} WHERE uid = ?1"),
            [uid],
            |row| row.get::<_, String>("label"),
        )
    })
}

/// Every shared table: the charter's, then the records' in `RECORDS` order.
pub fn tables() -> impl Iterator<Item = &'static Table> {
    std::iter::once(&COMMUNITY).chain(RECORDS.iter().copied())
}

/// The column `field` of `table` (`community` for the charter), as the layout describes it.
fn field(table: &str, field: &str) -> Option<&'static Field> {
    tables()
        .find(|t| t.name == table)
        .and_then(|t| t.fields.iter().find(|f| f.column == field))
}

/// For a conflict on a field of closed values: the label catalogue's prefix for them
/// (`plan.status`), under which each value's label is `<prefix>.<value>`; None elsewhere.
pub fn label_prefix(conflict: &super::Conflict) -> Option<&'static str> {
    field(conflict.table, conflict.field).and_then(|f| f.labels)
}

/// For a conflict on a field that points at another record (a task's owner, an event's
/// venue): the name a person knows each value's record by, in the conflict's order; None
/// for other fields, and for a record this copy does not hold.
pub fn value_names(db: &crate::db::Db, conflict: &super::Conflict) -> Result<Vec<Option<String>>> {
    let points_to = field(conflict.table, conflict.field).and_then(|f| f.kind.points_to());
    conflict
        .values
        .iter()
        .map(|value| match (points_to, value) {
            (Some(to), super::Stored::Text(uid)) => record_label(db, to, uid),
            _ => Ok(None),
        })
        .collect()
}
