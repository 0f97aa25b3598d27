-- Hearth schema 6: metrics read who did something on each day of a range (who was active
-- in the 90 days up to each month's end); with the member in the index, a year of a large
-- network's activities is read from the index alone.

DROP INDEX activities_by_community;
CREATE INDEX activities_by_community ON activities (community_id, occurred_on, member_id);
