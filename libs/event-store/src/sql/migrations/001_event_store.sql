-- The event store: one append-only table, shared by the PostgreSQL and the PGlite adapter.
CREATE SCHEMA IF NOT EXISTS event_store;

CREATE TABLE event_store.events (
  -- Global sequence number: unique, but taken at insert, so it does NOT follow commit order.
  global_position bigint      GENERATED ALWAYS AS IDENTITY,
  -- The appending transaction. $all is read in (transaction_id, global_position) order and only
  -- below the oldest transaction still running, so a reader never passes an in-flight append.
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL,
  tenant_id       text        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  bigint      NOT NULL CHECK (stream_version >= 1),
  event_type      text        NOT NULL,
  schema_version  integer     NOT NULL CHECK (schema_version >= 1),
  effective_date  date        NOT NULL,
  recorded_at     timestamptz NOT NULL,
  data            jsonb       NOT NULL,
  personal        jsonb,
  metadata        jsonb       NOT NULL,
  -- Link of the per-stream hash chain: sha256(previous hash || int8 version || content hash).
  hash            bytea       NOT NULL CHECK (octet_length(hash) = 32),
  -- The $all order is the primary key: one index serves identity and catch-up reads.
  CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position),
  -- Idempotent appends: a retried event id is found here instead of being stored twice.
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  -- Optimistic concurrency: two writers of the same version of a stream cannot both commit.
  CONSTRAINT events_stream_version_unique UNIQUE (tenant_id, stream_id, stream_version)
);

-- Lookups by global position (read-your-writes) are rare; positions grow with the physical
-- order of an append-only table, so a tiny BRIN index serves them at almost no write cost.
CREATE INDEX events_global_position_brin ON event_store.events USING brin (global_position);
