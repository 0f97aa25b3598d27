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
pub const LAYOUT_VERSION: i64 = 1;

use crate::error::Result;
use crate::members;

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
    /// A row of the named table in the same community, or none: its uid, or null. The
    /// column holds the local id, which differs from copy to copy.
    Ref(&'static str),
    /// A JSON array of distinct texts (tags, roles): an Automerge map whose keys are the
    /// items, so items two copies add apart are both kept. Stored sorted. The function is
    /// core's check of the items, which a peer's document must pass like a person's input.
    TextSet(fn(&[String]) -> Result<()>),
}

/// One shared column of a table.
#[derive(Debug)]
pub struct Field {
    pub column: &'static str,
    pub kind: Kind,
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
    /// Columns whose values are unique within the community (NULL aside). Two copies can
    /// give one value to two records apart (each restores the same template task): the
    /// record with the smaller uid keeps it and the other's becomes NULL, the same choice on
    /// every copy, so neither refuses the other's changes.
    pub unique: &'static [&'static str],
}

impl Table {
    /// The shared columns, in the order they are read and written.
    pub fn columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.column)
    }
}

const fn text(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Text,
    }
}

const fn opt_text(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::OptText,
    }
}

const fn int(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Int,
    }
}

const fn opt_int(column: &'static str) -> Field {
    Field {
        column,
        kind: Kind::OptInt,
    }
}

const fn reference(column: &'static str, table: &'static str) -> Field {
    Field {
        column,
        kind: Kind::Ref(table),
    }
}

const fn text_set(column: &'static str, check: fn(&[String]) -> Result<()>) -> Field {
    Field {
        column,
        kind: Kind::TextSet(check),
    }
}

fn roles(items: &[String]) -> Result<()> {
    members::roles(items).map(drop)
}

fn tags(items: &[String]) -> Result<()> {
    members::tags(items).map(drop)
}

/// The charter: the community's one record.
pub const COMMUNITY: Table = Table {
    name: "community",
    fields: &[
        text("name"),
        text("mission"),
        opt_text("kind"),
        text("audiences"),
        text("formats"),
        text("unique_value"),
        text("expected_results"),
        text("rules"),
        text("time_zone"),
        text("locale"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    unique: &[],
};

pub const PLATFORMS: Table = Table {
    name: "platforms",
    fields: &[
        text("kind"),
        text("name"),
        text("url"),
        opt_int("member_count"),
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
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
        opt_text("level"),
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
    unique: &[],
};

pub const ACTIVITIES: Table = Table {
    name: "activities",
    fields: &[
        reference("member_id", "members"),
        text("kind"),
        opt_int("weight"),
        text("occurred_on"),
        text("note"),
        reference("from_member_id", "members"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    unique: &[],
};

pub const PLAN_TASKS: Table = Table {
    name: "plan_tasks",
    fields: &[
        int("stage"),
        opt_text("template_key"),
        text("title"),
        text("notes"),
        text("status"),
        opt_text("due"),
        opt_text("owner_name"),
        reference("owner_member_id", "members"),
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
    derived: &[],
    unique: &["template_key"],
};

/// The tables whose records belong to a community, parents before children: rows are
/// added in this order and removed in the reverse one.
pub const RECORDS: &[&Table] = &[&PLATFORMS, &MEMBERS, &ACTIVITIES, &PLAN_TASKS];

/// The key under each record that marks it removed. A removal is a flag, never a deleted
/// key: a key one copy deletes while another edits it would come back half-empty.
pub const DELETED: &str = "deleted";
