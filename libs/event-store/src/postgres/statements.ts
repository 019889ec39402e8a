/** The SQL the PostgreSQL and PGlite adapters run; the schema itself is in ../sql/migrations. */
import type { PreparedStatement } from '../sql/database.js';

/** Hot statements are prepared once per connection (see PreparedStatement). */
function prepared(name: string, text: string): PreparedStatement {
  return { name: `teilhabe_es_${name}`, text };
}

const EVENT_COLUMNS = `
  e.global_position, e.transaction_id::text AS transaction_id, e.event_id, e.tenant_id,
  e.stream_id, e.stream_version, e.event_type, e.schema_version,
  e.effective_date::text AS effective_date, e.recorded_at, e.data, e.personal, e.metadata,
  encode(e.hash, 'hex') AS hash`;

const INSERT_COLUMNS = [
  'event_id',
  'tenant_id',
  'stream_id',
  'stream_version',
  'event_type',
  'schema_version',
  'effective_date',
  'recorded_at',
  'data',
  'personal',
  'metadata',
  'hash',
] as const;
export const INSERT_COLUMN_COUNT = INSERT_COLUMNS.length;

/** Appends of up to this many events bind one parameter per column; larger ones use JSON. */
export const MAX_ROWS_PER_VALUES_INSERT = 8;
const insertStatements = new Map<number, PreparedStatement>();

/**
 * One multi-row INSERT per append: a single statement is atomic on its own, and its
 * transaction gets its id at this first write, so a stream's versions follow transaction order.
 */
export function insertEvents(rows: number): PreparedStatement {
  let statement = insertStatements.get(rows);
  if (!statement) {
    const values = Array.from({ length: rows }, (_, r) => {
      const p = (c: number) => `$${r * INSERT_COLUMN_COUNT + c + 1}`;
      return `(${p(0)}::uuid, ${p(1)}, ${p(2)}, ${p(3)}::bigint, ${p(4)}, ${p(5)}::integer, ${p(6)}::date, ${p(7)}::timestamptz, ${p(8)}::jsonb, ${p(9)}::jsonb, ${p(10)}::jsonb, decode(${p(11)}, 'hex'))`;
    });
    const text = `INSERT INTO event_store.events (${INSERT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}
      RETURNING global_position, transaction_id::text AS transaction_id`;
    statement = prepared(`insert_${rows}`, text);
    insertStatements.set(rows, statement);
  }
  return statement;
}

/**
 * Larger appends send the batch as one JSON array (built from the already serialized parts, so
 * nothing is encoded twice) that PostgreSQL parses once: a handful of parameters instead of
 * twelve per event. Same single statement, same atomicity.
 */
export const INSERT_EVENTS_FROM_JSON = prepared(
  'insert_json',
  `INSERT INTO event_store.events (${INSERT_COLUMNS.join(', ')})
  SELECT (x->>'i')::uuid, $1, $2, $3::bigint + t.ord, x->>'t', (x->>'s')::integer,
         (x->>'e')::date, $4::timestamptz, x->'d', nullif(x->'p', 'null'::jsonb), x->'m',
         decode(x->>'h', 'hex')
  FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS t(x, ord)
  ORDER BY t.ord
  RETURNING global_position, transaction_id::text AS transaction_id`,
);

/**
 * A bulk import's batch: many new streams in one statement (one transaction). Each row names
 * its own tenant, stream and version; the unique constraints refuse a stream that exists.
 */
export const INSERT_NEW_STREAMS_FROM_JSON = prepared(
  'insert_new_streams_json',
  `INSERT INTO event_store.events (${INSERT_COLUMNS.join(', ')})
  SELECT (x->>'i')::uuid, x->>'n', x->>'r', (x->>'v')::bigint, x->>'t', (x->>'s')::integer,
         (x->>'e')::date, $1::timestamptz, x->'d', nullif(x->'p', 'null'::jsonb), x->'m',
         decode(x->>'h', 'hex')
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, ord)
  ORDER BY t.ord
  RETURNING global_position, transaction_id::text AS transaction_id`,
);

export const STREAM_HEAD = prepared(
  'stream_head',
  `
  SELECT e.stream_version, encode(e.hash, 'hex') AS hash FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2
  ORDER BY e.stream_version DESC LIMIT 1`,
);

export const STREAM_EVENT_HASH = prepared(
  'stream_event_hash',
  `
  SELECT encode(e.hash, 'hex') AS hash FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_version = $3`,
);

/** The stored copies of an append's event ids, to tell a retry from a reuse. */
export const EVENTS_BY_ID = `
  SELECT e.event_id, e.tenant_id, e.stream_id, e.stream_version, e.global_position,
         e.transaction_id::text AS transaction_id
  FROM event_store.events e
  WHERE e.event_id = ANY($1::uuid[])
  ORDER BY e.global_position`;

export const READ_STREAM_FORWARDS = prepared(
  'read_stream_forwards',
  `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_version >= $3
  ORDER BY e.stream_version ASC LIMIT $4`,
);

export const READ_STREAM_BACKWARDS = `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_version <= $3
  ORDER BY e.stream_version DESC LIMIT $4`;

export const RESOLVE_POSITION = prepared(
  'resolve_position',
  `SELECT e.transaction_id::text AS transaction_id FROM event_store.events e WHERE e.global_position = $1`,
);

export const STREAM_VERSION = prepared(
  'stream_version',
  `
  SELECT coalesce(max(e.stream_version), 0) AS version FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2`,
);

/**
 * $all after ($1, $2), in (transaction_id, global_position) order, only below the oldest
 * transaction still running anywhere on the server (the snapshot's xmin): every transaction
 * below it has ended, so nothing can later appear before what this read returns.
 */
const READ_ALL_HEAD = `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

export const READ_ALL = prepared(
  'read_all',
  `${READ_ALL_HEAD}
  ORDER BY e.transaction_id, e.global_position LIMIT $3`,
);

export const READ_ALL_OF_TENANT = prepared(
  'read_all_of_tenant',
  `${READ_ALL_HEAD}
    AND e.tenant_id = $4
  ORDER BY e.transaction_id, e.global_position LIMIT $3`,
);

/**
 * The last $1 appends in $all order (the primary key read backwards), each with the hash of its
 * predecessor in its stream (NULL where that event is missing): what /health verifies.
 */
export const RECENT_EVENTS_WITH_PREVIOUS_HASH = `
  SELECT ${EVENT_COLUMNS}, encode(p.hash, 'hex') AS previous_hash
  FROM (SELECT * FROM event_store.events
        ORDER BY transaction_id DESC, global_position DESC LIMIT $1) e
  LEFT JOIN event_store.events p
    ON p.tenant_id = e.tenant_id AND p.stream_id = e.stream_id
   AND p.stream_version = e.stream_version - 1
  ORDER BY e.transaction_id DESC, e.global_position DESC`;

/** Of the streams given as JSON [{t, s}], those whose event count differs from their head version. */
export const STREAMS_WITH_GAPS = `
  SELECT e.tenant_id, e.stream_id, count(*) AS events, max(e.stream_version) AS head
  FROM event_store.events e
  JOIN jsonb_to_recordset($1::jsonb) AS s(t text, s text) ON e.tenant_id = s.t AND e.stream_id = s.s
  GROUP BY e.tenant_id, e.stream_id
  HAVING count(*) <> max(e.stream_version)`;

/** Each Jobcenter's latest signed checkpoint whose last event is no longer in the store. */
export const CHECKPOINTS_WITHOUT_THEIR_EVENT = `
  SELECT c.tenant_id, c.seq, c.prepare
  FROM (SELECT DISTINCT ON (tenant_id) tenant_id, seq, commit, prepare
        FROM event_store.checkpoints ORDER BY tenant_id, seq DESC) c
  WHERE NOT EXISTS (
    SELECT 1 FROM event_store.events e
    WHERE e.transaction_id = c.commit::text::xid8 AND e.global_position = c.prepare
      AND e.tenant_id = c.tenant_id)`;

export interface EventRow {
  readonly global_position: string | number;
  readonly transaction_id: string;
  readonly event_id: string;
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_version: string | number;
  readonly event_type: string;
  readonly schema_version: number;
  readonly effective_date: string;
  readonly recorded_at: Date;
  readonly data: Record<string, unknown>;
  readonly personal: Record<string, unknown> | null;
  readonly metadata: Record<string, unknown>;
  readonly hash: string;
}

export interface StoredIdRow {
  readonly event_id: string;
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_version: string | number;
  readonly global_position: string | number;
  readonly transaction_id: string;
}
