-- Hearth schema 1: communities with their charter, the plan's tasks, settings and the
-- revision counter that tells whether a backup is still current.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('revision', '0');

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE communities (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    mission          TEXT NOT NULL DEFAULT '',
    kind             TEXT CHECK (kind IN ('technology', 'industry', 'functional', 'geographic')),
    audiences        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(audiences)),
    formats          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(formats)),
    unique_value     TEXT NOT NULL DEFAULT '',
    expected_results TEXT NOT NULL DEFAULT '',
    rules            TEXT NOT NULL DEFAULT '',
    time_zone        TEXT NOT NULL,
    locale           TEXT NOT NULL CHECK (locale IN ('en', 'ru')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE plan_tasks (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    stage        INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 4),
    -- Which built-in template item this task came from, so missing items can be restored
    -- without duplicating the ones the organizer kept (or renamed).
    template_key TEXT,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    notes        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    due          TEXT CHECK (due IS NULL OR date(due) = due),
    owner_name   TEXT,
    sort         INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (community_id, template_key)
) STRICT;

CREATE INDEX plan_tasks_by_stage ON plan_tasks (community_id, stage, sort);
