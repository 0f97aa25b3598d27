-- Hearth schema 5: the event calendar's first tables. Venues a community meets at, and its
-- events: what, what kind, in which format, when (instants in UTC, with the IANA zone the
-- event is held in, so it is shown and moved in that zone's wall-clock time), where (a
-- venue or an online link), for how many, and how far along. Recurring series, RSVPs,
-- agendas and roles come in later schemas and refer to these rows.

CREATE TABLE venues (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address      TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
    capacity     INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000000),
    contact      TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
    notes        TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX venues_by_community ON venues (community_id, name);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    kind         TEXT NOT NULL CHECK (kind = 'meetup' OR kind = 'webinar' OR kind = 'conference'
                                      OR kind = 'workshop' OR kind = 'online_discussion'
                                      OR kind = 'joint_project_session' OR kind = 'other'),
    format       TEXT NOT NULL CHECK (format = 'offline' OR format = 'online' OR format = 'hybrid'),
    -- UTC, always written "YYYY-MM-DDTHH:MM:SSZ", so text order is time order.
    starts_at    TEXT NOT NULL CHECK (starts_at = strftime('%Y-%m-%dT%H:%M:%SZ', starts_at)),
    ends_at      TEXT NOT NULL CHECK (ends_at = strftime('%Y-%m-%dT%H:%M:%SZ', ends_at)
                                      AND ends_at > starts_at),
    time_zone    TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    -- Whole days: from midnight of the first day to midnight after the last, in `time_zone`.
    all_day      INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    venue_id     INTEGER REFERENCES venues (id) ON DELETE SET NULL,
    online_url   TEXT NOT NULL DEFAULT '' CHECK (length(online_url) <= 2000),
    capacity     INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000000),
    status       TEXT NOT NULL DEFAULT 'planned'
                 CHECK (status = 'draft' OR status = 'planned' OR status = 'confirmed'
                        OR status = 'done' OR status = 'cancelled'),
    description  TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- A calendar asks for a community's events overlapping a range of time.
CREATE INDEX events_by_time ON events (community_id, starts_at);
CREATE INDEX events_by_venue ON events (venue_id) WHERE venue_id IS NOT NULL;
