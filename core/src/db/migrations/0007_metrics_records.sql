-- Hearth schema 7: what the app cannot count for itself, and what the community aims for.
-- Recorded metric series with dated points (the members of a Telegram chat, a survey's
-- result), each platform's member count kept as such a series; members' impact (career
-- growth, joint projects, recommendations, new skills), recorded only with their consent;
-- and goals, a target with a due date on a computed metric or on a recorded series.

CREATE TABLE metric_series (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    category     TEXT NOT NULL CHECK (category = 'quantitative' OR category = 'qualitative'
                                      OR category = 'impact'),
    unit         TEXT NOT NULL DEFAULT '' CHECK (length(unit) <= 40),
    -- Set while the series is a platform's member count. Removing the platform keeps its
    -- history: the series stays, under the name it had.
    platform_id  INTEGER UNIQUE REFERENCES platforms (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX metric_series_by_community ON metric_series (community_id, name);

CREATE TABLE metric_points (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    series_id  INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    on_day     TEXT NOT NULL CHECK (date(on_day) = on_day),
    -- A real number of sensible size: never NaN (SQLite stores it as NULL) nor infinity.
    value      REAL NOT NULL CHECK (value BETWEEN -1e12 AND 1e12),
    note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (series_id, on_day)
) STRICT;

CREATE TABLE impact_records (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    -- NULL once the member is forgotten: the record still counts, anonymously, without
    -- its note.
    member_id    INTEGER REFERENCES members (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL CHECK (kind = 'career_growth' OR kind = 'joint_project'
                                      OR kind = 'recommendation' OR kind = 'new_skill'),
    occurred_on  TEXT NOT NULL CHECK (date(occurred_on) = occurred_on),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX impact_records_by_community ON impact_records (community_id, occurred_on);
CREATE INDEX impact_records_by_member ON impact_records (member_id, occurred_on);

CREATE TABLE goals (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    community_id    INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    -- Either a computed metric's key (checked by core, which knows the keys) or a series.
    metric          TEXT CHECK (metric IS NULL OR length(metric) BETWEEN 1 AND 60),
    series_id       INTEGER REFERENCES metric_series (id) ON DELETE CASCADE,
    direction       TEXT NOT NULL CHECK (direction = 'at_least' OR direction = 'at_most'),
    target          REAL NOT NULL CHECK (target BETWEEN -1e12 AND 1e12),
    set_on          TEXT NOT NULL CHECK (date(set_on) = set_on),
    due_on          TEXT NOT NULL CHECK (date(due_on) = due_on AND due_on >= set_on),
    -- The line of the charter's expected results the goal measures, as it read then.
    expected_result TEXT NOT NULL DEFAULT '' CHECK (length(expected_result) <= 500),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((metric IS NULL) <> (series_id IS NULL))
) STRICT;

CREATE INDEX goals_by_community ON goals (community_id, due_on);
CREATE INDEX goals_by_series ON goals (series_id) WHERE series_id IS NOT NULL;

-- Each platform's member count so far becomes its series' first point, dated the day the
-- platform was last saved.
INSERT INTO metric_series (uid, community_id, name, category, unit, platform_id, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
             || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       community_id, name, 'quantitative', '', id, updated_at, updated_at
FROM platforms WHERE member_count IS NOT NULL;

INSERT INTO metric_points (uid, series_id, on_day, value, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
             || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       s.id, substr(p.updated_at, 1, 10), p.member_count, p.updated_at, p.updated_at
FROM platforms p JOIN metric_series s ON s.platform_id = p.id;
