-- Hearth schema 9: the calendar and the metrics recorded by hand take part in sharing
-- (sharing/layout.rs). Their rows are noted in the outbox as schema 8's are. The tables
-- that belong to a community through an event or a metric series (an RSVP, a day's value)
-- find it through that row. When that row is removed, the cascade takes them unnoted:
-- recording removes in the document what belonged to it (sharing/document.rs,
-- `remove_owned`).

-- Records that gave up a unique value to another record (an answer one member gave twice,
-- on two copies apart; sharing/layout.rs, `Unique`): the document still gives them the
-- value, SQLite does not. When a record holding such a value changes, these are looked at
-- again beside it, so the choice of a holder never needs a whole table read.
CREATE TABLE shared_losers (
    community_id INTEGER NOT NULL REFERENCES shared_communities (community_id) ON DELETE CASCADE,
    record       TEXT NOT NULL CHECK (length(record) BETWEEN 1 AND 40),
    uid          TEXT NOT NULL,
    PRIMARY KEY (community_id, record, uid)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER shared_outbox_venues_insert AFTER INSERT ON venues
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'venues', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_venues_update AFTER UPDATE OF
    name, address, capacity, contact, notes, created_at, updated_at
ON venues
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'venues', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_venues_delete AFTER DELETE ON venues
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'venues', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_series_insert AFTER INSERT ON event_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'event_series', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_series_update AFTER UPDATE OF
    rrule, first_start, time_zone, exdates, created_at, updated_at
ON event_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'event_series', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_series_delete AFTER DELETE ON event_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'event_series', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_events_insert AFTER INSERT ON events
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'events', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_events_update AFTER UPDATE OF
    title, kind, format, starts_at, ends_at, time_zone, all_day, venue_id, online_url,
    capacity, status, description, series_id, occurrence_start, created_at, updated_at
ON events
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'events', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_events_delete AFTER DELETE ON events
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'events', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_attendance_insert AFTER INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'attendance', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_attendance_update AFTER UPDATE OF
    event_id, member_id, rsvp, responded_at, checked_in_at, walk_in, answer_before,
    activity_id, feedback_score, nps, comment, created_at, updated_at
ON attendance
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'attendance', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_attendance_delete AFTER DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = OLD.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = OLD.event_id), 'attendance', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_tasks_insert AFTER INSERT ON event_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'event_tasks', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_tasks_update AFTER UPDATE OF
    event_id, title, offset_days, done, owner_member_id, sort, created_at, updated_at
ON event_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'event_tasks', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_tasks_delete AFTER DELETE ON event_tasks
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = OLD.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = OLD.event_id), 'event_tasks', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_agenda_items_insert AFTER INSERT ON agenda_items
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'agenda_items', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_agenda_items_update AFTER UPDATE OF
    event_id, position, title, minutes, speaker_member_id, notes, created_at,
    updated_at
ON agenda_items
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'agenda_items', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_agenda_items_delete AFTER DELETE ON agenda_items
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = OLD.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = OLD.event_id), 'agenda_items', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_roles_insert AFTER INSERT ON event_roles
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'event_roles', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_roles_update AFTER UPDATE OF
    event_id, role, member_id, note, created_at, updated_at
ON event_roles
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = NEW.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = NEW.event_id), 'event_roles', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_event_roles_delete AFTER DELETE ON event_roles
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM events WHERE id = OLD.event_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM events WHERE id = OLD.event_id), 'event_roles', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_series_insert AFTER INSERT ON metric_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'metric_series', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_series_update AFTER UPDATE OF
    name, category, unit, platform_id, created_at, updated_at
ON metric_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'metric_series', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_series_delete AFTER DELETE ON metric_series
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'metric_series', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_points_insert AFTER INSERT ON metric_points
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM metric_series WHERE id = NEW.series_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM metric_series WHERE id = NEW.series_id), 'metric_points', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_points_update AFTER UPDATE OF
    series_id, on_day, value, note, created_at, updated_at
ON metric_points
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM metric_series WHERE id = NEW.series_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM metric_series WHERE id = NEW.series_id), 'metric_points', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_metric_points_delete AFTER DELETE ON metric_points
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = (SELECT community_id FROM metric_series WHERE id = OLD.series_id))
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES ((SELECT community_id FROM metric_series WHERE id = OLD.series_id), 'metric_points', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_impact_records_insert AFTER INSERT ON impact_records
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'impact_records', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_impact_records_update AFTER UPDATE OF
    member_id, kind, occurred_on, note, created_at, updated_at
ON impact_records
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'impact_records', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_impact_records_delete AFTER DELETE ON impact_records
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'impact_records', OLD.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_goals_insert AFTER INSERT ON goals
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'goals', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_goals_update AFTER UPDATE OF
    metric, series_id, direction, target, set_on, due_on, expected_result, created_at,
    updated_at
ON goals
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = NEW.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (NEW.community_id, 'goals', NEW.uid)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shared_outbox_goals_delete AFTER DELETE ON goals
WHEN EXISTS (SELECT 1 FROM shared_communities WHERE community_id = OLD.community_id)
BEGIN
    INSERT INTO shared_outbox (community_id, record, uid)
    VALUES (OLD.community_id, 'goals', OLD.uid)
    ON CONFLICT DO NOTHING;
END;
