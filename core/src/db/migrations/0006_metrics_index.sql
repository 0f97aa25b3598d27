-- Hearth schema 6: indexes the metrics read from alone, so a large network's dashboard reads
-- no table rows: who did something on each day of a range (activities with their member),
-- when each member joined and left, and each answer to an event with what followed it.

DROP INDEX activities_by_community;
CREATE INDEX activities_by_community ON activities (community_id, occurred_on, member_id);
CREATE INDEX members_by_tenure ON members (community_id, joined_on, left_on, created_at);
CREATE INDEX attendance_for_metrics ON attendance (event_id, member_id, rsvp, walk_in, answer_before,
                                                   feedback_score, nps, checked_in_at);
