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
