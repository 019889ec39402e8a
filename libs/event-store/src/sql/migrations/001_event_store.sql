-- The event store: one append-only table, shared by the PostgreSQL and the PGlite adapter.
CREATE SCHEMA IF NOT EXISTS event_store;

CREATE TABLE event_store.events (
  -- Global sequence number: unique, but assigned at insert, so it does NOT follow commit order.
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_version_unique UNIQUE (tenant_id, stream_id, stream_version)
);

CREATE INDEX events_all_order ON event_store.events (transaction_id, global_position);

-- Appends a batch to one stream atomically, in one round trip and one statement-level transaction.
-- p_expected: -1 any, -2 stream exists, n >= 0 exactly version n (0 = no stream).
-- p_events: JSON array of {eventId, type, schemaVersion, effectiveDate, data, personal, metadata,
-- contentHash (hex)}. Outcomes: 'appended' (one row per event), 'duplicate' (the first event id
-- exists: the stored rows are returned and nothing is written), 'wrong-version' (one row with
-- the actual version). A concurrent append to the same stream surfaces as a unique violation.
CREATE FUNCTION event_store.append_to_stream(
  p_tenant text,
  p_stream text,
  p_expected bigint,
  p_recorded_at timestamptz,
  p_events jsonb
) RETURNS TABLE (
  outcome text,
  event_id uuid,
  tenant_id text,
  stream_id text,
  stream_version bigint,
  global_position bigint,
  transaction_id text
)
LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
  v_hash bytea;
  v_count integer := jsonb_array_length(p_events);
  v_hashes bytea[] := '{}';
BEGIN
  -- Idempotency: a retried append finds its first event id already stored.
  IF EXISTS (SELECT 1 FROM event_store.events e WHERE e.event_id = (p_events->0->>'eventId')::uuid) THEN
    RETURN QUERY
      SELECT 'duplicate'::text, e.event_id, e.tenant_id, e.stream_id, e.stream_version,
             e.global_position, e.transaction_id::text
      FROM event_store.events e
      WHERE e.event_id IN (SELECT (x->>'eventId')::uuid FROM jsonb_array_elements(p_events) x)
      ORDER BY e.global_position;
    RETURN;
  END IF;

  SELECT e.stream_version, e.hash INTO v_current, v_hash
  FROM event_store.events e
  WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream
  ORDER BY e.stream_version DESC
  LIMIT 1;
  v_current := coalesce(v_current, 0);
  v_hash := coalesce(v_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);

  IF (p_expected >= 0 AND v_current <> p_expected) OR (p_expected = -2 AND v_current = 0) THEN
    RETURN QUERY SELECT 'wrong-version'::text, NULL::uuid, p_tenant, p_stream, v_current,
                        NULL::bigint, NULL::text;
    RETURN;
  END IF;

  FOR i IN 1..v_count LOOP
    v_hash := sha256(v_hash || int8send(v_current + i) || decode(p_events->(i - 1)->>'contentHash', 'hex'));
    v_hashes := v_hashes || v_hash;
  END LOOP;

  RETURN QUERY
    INSERT INTO event_store.events AS e (
      event_id, tenant_id, stream_id, stream_version, event_type, schema_version,
      effective_date, recorded_at, data, personal, metadata, hash)
    SELECT (x.value->>'eventId')::uuid, p_tenant, p_stream, v_current + x.ord,
           x.value->>'type', (x.value->>'schemaVersion')::integer,
           (x.value->>'effectiveDate')::date, p_recorded_at, x.value->'data',
           nullif(x.value->'personal', 'null'::jsonb), x.value->'metadata', v_hashes[x.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(value, ord)
    ORDER BY x.ord
    RETURNING 'appended'::text, e.event_id, e.tenant_id, e.stream_id, e.stream_version,
              e.global_position, e.transaction_id::text;
END;
$$;
