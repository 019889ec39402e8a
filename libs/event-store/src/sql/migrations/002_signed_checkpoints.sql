-- Signed checkpoints of each Jobcenter's part of $all: how many events up to which position,
-- a running digest over their hashes, and an Ed25519 signature over that. Verifying recomputes
-- the digest from the events: any row changed, deleted, reordered or inserted before a
-- checkpoint no longer matches what was signed.
CREATE TABLE event_store.checkpoints (
  tenant_id  text        NOT NULL,
  seq        integer     NOT NULL,
  commit     bigint      NOT NULL,
  prepare    bigint      NOT NULL,
  events     bigint      NOT NULL,
  digest     text        NOT NULL,
  key_id     text        NOT NULL,
  signed_at  timestamptz NOT NULL,
  signature  text        NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
