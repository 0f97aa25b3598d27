-- Hearth schema 3: the sample community knows it is one, so the interface can say so and
-- point to a community of one's own. A column of the community (not a setting naming it)
-- goes wherever the community goes: backups, restores, and any number of samples.

ALTER TABLE communities ADD COLUMN sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1));
