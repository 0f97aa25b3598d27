-- Hearth schema 4: the member roster. Members with their contacts, level, roles and tags;
-- a dated timeline of what each member did (activities), from which engagement is computed;
-- tombstones, so a removal can travel to another organizer's copy later; plan tasks owned
-- by a member; and which member is the organizer using this copy ("Mine").

CREATE TABLE members (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    community_id     INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email            TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone            TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    telegram         TEXT NOT NULL DEFAULT '' CHECK (length(telegram) <= 100),
    linkedin         TEXT NOT NULL DEFAULT '' CHECK (length(linkedin) <= 300),
    github           TEXT NOT NULL DEFAULT '' CHECK (length(github) <= 100),
    other_handle     TEXT NOT NULL DEFAULT '' CHECK (length(other_handle) <= 300),
    company          TEXT NOT NULL DEFAULT '' CHECK (length(company) <= 200),
    position         TEXT NOT NULL DEFAULT '' CHECK (length(position) <= 200),
    city             TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 100),
    -- The closed lists are spelled with OR, not IN: for an IN list of three or more,
    -- SQLite builds a temporary b-tree on every insert (a third of an import's time).
    level            TEXT CHECK (level = 'newcomer' OR level = 'mid_level' OR level = 'experienced'
                                 OR level = 'leader'),
    -- Nested collections live in their record from its creation (JSON arrays of text).
    roles            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
    tags             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    joined_on        TEXT CHECK (joined_on IS NULL OR date(joined_on) = joined_on),
    left_on          TEXT CHECK (left_on IS NULL OR date(left_on) = left_on),
    source           TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 200),
    consent          INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    notes            TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    -- Derived by core on every write, never typed: what search matches (name, email,
    -- company, handles and tags, lower-cased, "ё" as "е") and the order of names.
    search_text      TEXT NOT NULL,
    sort_name        TEXT NOT NULL,
    -- Derived from the activities and the engagement settings as of `engagement_on`.
    engagement_score REAL NOT NULL DEFAULT 0 CHECK (engagement_score >= 0),
    engagement_level TEXT NOT NULL DEFAULT 'observer'
                     CHECK (engagement_level = 'advocate' OR engagement_level = 'contributor'
                            OR engagement_level = 'participant' OR engagement_level = 'observer'),
    engagement_on    TEXT CHECK (engagement_on IS NULL OR date(engagement_on) = engagement_on),
    last_activity_on TEXT CHECK (last_activity_on IS NULL OR date(last_activity_on) = last_activity_on),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- The roster's first screen reads names in order; search and filters run in memory
-- (roster/snapshot.rs), so the index holds nothing more than the order.
CREATE INDEX members_by_name ON members (community_id, sort_name);
CREATE INDEX members_by_email ON members (community_id, email) WHERE email <> '';

CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    community_id   INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    -- NULL once the member is forgotten: the activity still counts, anonymously.
    member_id      INTEGER REFERENCES members (id) ON DELETE SET NULL,
    kind           TEXT NOT NULL CHECK (kind = 'talk' OR kind = 'content' OR kind = 'help'
                                        OR kind = 'joint_project' OR kind = 'recommendation'
                                        OR kind = 'kudos' OR kind = 'event_attended' OR kind = 'other'),
    -- NULL: the kind's weight from the engagement settings; a number overrides it.
    weight         INTEGER CHECK (weight IS NULL OR weight BETWEEN 0 AND 100),
    occurred_on    TEXT NOT NULL CHECK (date(occurred_on) = occurred_on),
    note           TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    -- Who gave the kudos, when a member did.
    from_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX activities_by_member ON activities (member_id, occurred_on);
CREATE INDEX activities_by_community ON activities (community_id, occurred_on);
CREATE INDEX activities_by_giver ON activities (from_member_id) WHERE from_member_id IS NOT NULL;

-- A removed record leaves its uid and the time, so a later exchange with another copy can
-- carry the removal. `record` names the table; no list is checked here, as every domain
-- to come adds its own.
CREATE TABLE tombstones (
    uid          TEXT PRIMARY KEY,
    record       TEXT NOT NULL CHECK (length(record) BETWEEN 1 AND 40),
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    deleted_at   TEXT NOT NULL
) STRICT;

CREATE INDEX tombstones_by_community ON tombstones (community_id, deleted_at);

-- A plan task's owner is a member; `owner_name` stays for owners typed before there was a
-- roster, until the organizer links them.
ALTER TABLE plan_tasks ADD COLUMN owner_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL;
CREATE INDEX plan_tasks_by_owner ON plan_tasks (owner_member_id) WHERE owner_member_id IS NOT NULL;

-- The organizer's own member record in each community: what "Mine" means.
ALTER TABLE communities ADD COLUMN own_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL;
