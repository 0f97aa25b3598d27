-- Hearth schema 2: where each community lives online (the charter's platforms).

CREATE TABLE platforms (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('telegram', 'discord', 'slack', 'linkedin', 'facebook',
                                               'discourse', 'website', 'other')),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Only web links: they are opened in the system browser, never inside the app.
    url          TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    member_count INTEGER CHECK (member_count IS NULL OR member_count >= 0),
    sort         INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX platforms_by_community ON platforms (community_id, sort);
