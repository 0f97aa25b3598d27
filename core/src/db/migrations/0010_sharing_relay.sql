-- Hearth schema 10: where a shared community travels. `document_id` is the id every copy
-- of it knows it by at a relay (base58 with a checksum, as the automerge-repo protocol
-- writes it), given when this copy first links it to a relay or joins it; `relay` is the
-- relay this copy syncs it through (ws:// or wss://). Both NULL: shared, and not linked yet.
-- `relay_state` is what this copy knew the relay had when they were last in step (the sync
-- protocol's state, encoded): a reconnect then sends only what changed since.
ALTER TABLE shared_communities ADD COLUMN document_id TEXT
    CHECK (document_id IS NULL OR length(document_id) BETWEEN 20 AND 40);
ALTER TABLE shared_communities ADD COLUMN relay TEXT
    CHECK (relay IS NULL OR length(relay) BETWEEN 6 AND 500);
ALTER TABLE shared_communities ADD COLUMN relay_state BLOB;

CREATE UNIQUE INDEX shared_communities_by_document ON shared_communities (document_id);
