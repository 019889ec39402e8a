/** The SQL the PostgreSQL and PGlite adapters run; the schema itself is in ../sql/migrations. */

const EVENT_COLUMNS = `
  e.global_position, e.transaction_id::text AS transaction_id, e.event_id, e.tenant_id,
  e.stream_id, e.stream_version, e.event_type, e.schema_version,
  e.effective_date::text AS effective_date, e.recorded_at, e.data, e.personal, e.metadata,
  encode(e.hash, 'hex') AS hash`;

export const APPEND = `
  SELECT outcome, event_id, tenant_id, stream_id, stream_version, global_position, transaction_id
  FROM event_store.append_to_stream($1, $2, $3, $4, $5::jsonb)`;

export const READ_STREAM_FORWARDS = `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_version >= $3
  ORDER BY e.stream_version ASC LIMIT $4`;

export const READ_STREAM_BACKWARDS = `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_version <= $3
  ORDER BY e.stream_version DESC LIMIT $4`;

export const STREAM_VERSION = `
  SELECT coalesce(max(e.stream_version), 0) AS version FROM event_store.events e
  WHERE e.tenant_id = $1 AND e.stream_id = $2`;

/**
 * $all after ($1, $2), in (transaction_id, global_position) order, only below the oldest
 * transaction still running anywhere on the server (the snapshot's xmin): every transaction
 * below it has ended, so nothing can later appear before what this read returns.
 */
const READ_ALL_HEAD = `
  SELECT ${EVENT_COLUMNS} FROM event_store.events e
  WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

export const READ_ALL = `${READ_ALL_HEAD}
  ORDER BY e.transaction_id, e.global_position LIMIT $3`;

export const READ_ALL_OF_TENANT = `${READ_ALL_HEAD}
    AND e.tenant_id = $4
  ORDER BY e.transaction_id, e.global_position LIMIT $3`;

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

export interface AppendRow {
  readonly outcome: 'appended' | 'duplicate' | 'wrong-version';
  readonly event_id: string | null;
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_version: string | number;
  readonly global_position: string | number | null;
  readonly transaction_id: string | null;
}
