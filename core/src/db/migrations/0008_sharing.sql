-- Hearth schema 8: team sharing. A shared community's Automerge document lives in the same
-- file as its rows, so one backup holds both and one transaction changes both: a step of
-- sync that writes rows also stores the changes they came from (docs/sharing.md).

-- A community this copy shares with co-organizers. `synced_heads` are the document's heads
-- when the rows last matched it (32 bytes each): what this copy's own edits are found
-- against.
CREATE TABLE shared_communities (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    synced_heads BLOB NOT NULL CHECK (length(synced_heads) % 32 = 0),
    shared_at    TEXT NOT NULL
) STRICT;

-- The document, as a snapshot (`save`) and the changes stored since (`save_after`), in the
-- order they were stored. Loading takes them all; compaction replaces them with one snapshot.
CREATE TABLE shared_chunks (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES shared_communities (community_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind = 'snapshot' OR kind = 'changes'),
    bytes        BLOB NOT NULL
) STRICT;

CREATE INDEX shared_chunks_by_community ON shared_chunks (community_id, id);

-- What this copy changed in a shared community since its document last took it in: the
-- triggers below note each row in the edit's own transaction, so recording looks at those
-- rows alone, never the whole community; the step that records them empties it. An UPDATE
-- is noted only when it sets a shared column (sharing/layout.rs; a test checks the lists
-- match), so the engagement refresh and the derived columns leave no note. A row noted twice
-- is noted once: ON CONFLICT DO NOTHING, which, unlike OR IGNORE, a foreign key's SET NULL
-- firing the trigger cannot override.
CREATE TABLE shared_outbox (
    community_id INTEGER NOT NULL REFERENCES shared_communities (community_id) ON DELETE CASCADE,
    record       TEXT NOT NULL CHECK (length(record) BETWEEN 1 AND 40),
    uid          TEXT NOT NULL,
    PRIMARY KEY (community_id, record, uid)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER shared_outbox_community AFTER UPDATE OF
    name, mission, kind, audiences, formats, unique_value, expected_results, rules,
    time_zone, locale, created_at, updated_at
ON communities
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.id, 'community', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_platforms_insert AFTER INSERT ON platforms
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'platforms', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_platforms_update AFTER UPDATE OF
    kind, name, url, member_count, sort, created_at, updated_at
ON platforms
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'platforms', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_platforms_delete AFTER DELETE ON platforms
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'platforms', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_members_insert AFTER INSERT ON members
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'members', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_members_update AFTER UPDATE OF
    name, email, phone, telegram, linkedin, github, other_handle, company, position, city,
    level, roles, tags, joined_on, left_on, source, consent, notes, created_at, updated_at
ON members
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'members', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_members_delete AFTER DELETE ON members
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'members', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_activities_insert AFTER INSERT ON activities
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'activities', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_activities_update AFTER UPDATE OF
    member_id, kind, weight, occurred_on, note, from_member_id, created_at, updated_at
ON activities
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'activities', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_activities_delete AFTER DELETE ON activities
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'activities', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_plan_tasks_insert AFTER INSERT ON plan_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'plan_tasks', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_plan_tasks_update AFTER UPDATE OF
    stage, template_key, title, notes, status, due, owner_name, owner_member_id, sort,
    created_at, updated_at
ON plan_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'plan_tasks', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_plan_tasks_delete AFTER DELETE ON plan_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'plan_tasks', OLD.uid)
    ON CONFLICT DO NOTHING;
END;
