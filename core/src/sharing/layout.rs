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

/// How a column's value is stored in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// TEXT NOT NULL: an Automerge string.
    Text,
    /// TEXT that may be NULL: a string, or Automerge's null.
    OptText,
    /// INTEGER NOT NULL: an Automerge signed integer.
    Int,
    /// INTEGER that may be NULL: an integer, or null.
    OptInt,
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
};

/// Plan tasks. Their owner from the roster (`owner_member_id`) joins when members do.
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
        int("sort"),
        text("created_at"),
        text("updated_at"),
    ],
};

/// The tables whose records belong to a community, parents before children: rows are
/// added in this order and removed in the reverse one.
pub const RECORDS: &[&Table] = &[&PLATFORMS, &PLAN_TASKS];

/// The key under each record that marks it removed. A removal is a flag, never a deleted
/// key: a key one copy deletes while another edits it would come back half-empty.
pub const DELETED: &str = "deleted";
