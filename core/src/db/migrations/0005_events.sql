-- Hearth schema 5: the event calendar's first tables. Venues a community meets at; its
-- events: what, what kind, in which format, when (instants in UTC, with the IANA zone the
-- event is held in, so it is shown and moved in that zone's wall-clock time), where (a
-- venue or an online link), for how many, and how far along; and recurring series, whose
-- occurrences are events of their own (each can be moved, cancelled, and has its own
-- RSVPs), made from the series' rule when it is created or changed; and who is coming to
-- each event, who is waiting for a place, who came, and what they thought of it; each
-- event's agenda and the roles members take on at it; and its checklist, whose tasks fall
-- due relative to the event and move with it.

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

CREATE TABLE event_series (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    -- The RFC 5545 RRULE, always with an end (COUNT or UNTIL): expansion is bounded.
    rrule        TEXT NOT NULL CHECK (length(rrule) BETWEEN 1 AND 500),
    -- The wall-clock start of the first occurrence in `time_zone` ("2026-12-10T19:00"):
    -- the rule's DTSTART, from which every occurrence keeps its hour across DST changes.
    first_start  TEXT NOT NULL CHECK (length(first_start) BETWEEN 16 AND 19),
    time_zone    TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    -- Occurrences removed one by one (UTC starts the rule gave them, JSON array): the
    -- series' EXDATEs, which are not made again when the series changes.
    exdates      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exdates) AND json_type(exdates) = 'array'),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

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
    -- An occurrence of a series, and the UTC start the rule gave it (its RECURRENCE-ID),
    -- which stays when the occurrence alone is moved.
    series_id    INTEGER REFERENCES event_series (id) ON DELETE CASCADE,
    occurrence_start TEXT CHECK ((series_id IS NULL) = (occurrence_start IS NULL)
                                 AND (occurrence_start IS NULL
                                      OR occurrence_start = strftime('%Y-%m-%dT%H:%M:%SZ', occurrence_start))),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- A calendar asks for a community's events overlapping a range of time.
CREATE INDEX events_by_time ON events (community_id, starts_at);
CREATE INDEX events_by_venue ON events (venue_id) WHERE venue_id IS NOT NULL;
CREATE UNIQUE INDEX events_by_occurrence ON events (series_id, occurrence_start) WHERE series_id IS NOT NULL;

-- One member's answer to one event, and what followed: the RSVP (a full event puts a "going"
-- on the waitlist, in the order people answered), the check-in on the day (a walk-in had not
-- said "going"), the attended activity the check-in added to the member's timeline, and
-- their feedback.
CREATE TABLE attendance (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- NULL once the member is forgotten: the attendance still counts, anonymously.
    member_id      INTEGER REFERENCES members (id) ON DELETE SET NULL,
    rsvp           TEXT NOT NULL CHECK (rsvp = 'going' OR rsvp = 'maybe' OR rsvp = 'declined'
                                        OR rsvp = 'waitlist'),
    responded_at   TEXT NOT NULL,
    checked_in_at  TEXT,
    walk_in        INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    -- The answer before the check-in made it "going", given back if the check-in is undone
    -- (NULL for a walk-in the check-in itself added).
    answer_before  TEXT CHECK (answer_before IS NULL OR answer_before = 'going' OR answer_before = 'maybe'
                               OR answer_before = 'declined' OR answer_before = 'waitlist'),
    activity_id    INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    feedback_score INTEGER CHECK (feedback_score IS NULL OR feedback_score BETWEEN 1 AND 5),
    nps            INTEGER CHECK (nps IS NULL OR nps BETWEEN 0 AND 10),
    comment        TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX attendance_by_member ON attendance (event_id, member_id) WHERE member_id IS NOT NULL;
CREATE INDEX attendance_by_answer ON attendance (event_id, rsvp, responded_at);
CREATE INDEX attendance_of_member ON attendance (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX attendance_by_activity ON attendance (activity_id) WHERE activity_id IS NOT NULL;

-- What to do around one event: each task falls due a number of days before (negative) or
-- after the event's day in its zone, so dragging the event moves every due date with it.
CREATE TABLE event_tasks (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    offset_days     INTEGER NOT NULL CHECK (offset_days BETWEEN -365 AND 365),
    done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    owner_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    sort            INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX event_tasks_by_event ON event_tasks (event_id, offset_days, sort);
CREATE INDEX event_tasks_by_owner ON event_tasks (owner_member_id) WHERE owner_member_id IS NOT NULL;

-- The run of the event: items in order, each so many minutes long; their clock times are
-- counted from the event's start, so they move with it too.
CREATE TABLE agenda_items (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,
    event_id          INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL CHECK (position >= 0),
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    speaker_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    notes             TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE INDEX agenda_items_by_event ON agenda_items (event_id, position);
CREATE INDEX agenda_items_by_speaker ON agenda_items (speaker_member_id) WHERE speaker_member_id IS NOT NULL;

-- Who does what at the event: host, MC, timekeeper, check-in, photographer, or another role
-- named in the note.
CREATE TABLE event_roles (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role = 'host' OR role = 'mc' OR role = 'timekeeper'
                                      OR role = 'check_in' OR role = 'photographer' OR role = 'other'),
    member_id    INTEGER REFERENCES members (id) ON DELETE SET NULL,
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX event_roles_by_event ON event_roles (event_id, role);
CREATE INDEX event_roles_by_member ON event_roles (member_id) WHERE member_id IS NOT NULL;
