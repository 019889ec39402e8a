/**
 * The event store on PostgreSQL, for both drivers: a `pg` pool on a server and PGlite embedded.
 * They share one schema, one append function and the same statements; only the connection differs.
 */
import { EventEmitter } from 'node:events';
import { pollAll, positiveInteger } from '../polling-subscription.js';
import { chainLink, GENESIS_HASH } from '../hash-chain.js';
import {
  EventIdConflictError,
  START,
  WrongExpectedVersionError,
  type AppendOptions,
  type AllPosition,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.js';
import {
  isPostgresError,
  toSafeInteger,
  type SqlDatabase,
  type SqlParameter,
  type Statement,
} from '../sql/database.js';
import { loadMigrations, migrate, type MigrationReport } from '../sql/migrator.js';
import {
  assertStreamId,
  assertTenant,
  validateAppend,
  type ValidatedEvent,
} from '../validation.js';
import * as sql from './statements.js';

const DEFAULT_READ_COUNT = 1000;
const HEAD_CACHE_SIZE = 10_000;
const UNIQUE_VIOLATION = '23505';

interface StreamHead {
  readonly version: number;
  /** Hex hash of the event at `version` (32 zero bytes for an empty stream). */
  readonly hash: string;
}

const EMPTY_STREAM: StreamHead = { version: 0, hash: GENESIS_HASH };

function headKey(tenant: string, streamId: string): string {
  return `${tenant}\u0000${streamId}`;
}
const MAX_READ_COUNT = 10_000;

export const EVENT_STORE_MIGRATIONS = loadMigrations(
  new URL('../sql/migrations/', import.meta.url),
);

export class SqlEventStore implements EventStore {
  /** Wakes this process's subscriptions right after its own appends, so they need not wait for a poll. */
  private readonly appended = new EventEmitter().setMaxListeners(0);
  /** Recently written or read stream heads, so most appends need no extra round trip. */
  private readonly heads = new Map<string, StreamHead>();

  constructor(
    readonly db: SqlDatabase,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Applies the event store's migrations; idempotent and safe to call from several processes. */
  async migrate(): Promise<MigrationReport> {
    return migrate(this.db, 'event-store', EVENT_STORE_MIGRATIONS);
  }

  async appendToStream(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const normalized = validateAppend(tenant, streamId, events, options);
    const expected = options.expectedVersion;
    for (let attempt = 1; ; attempt++) {
      const head = await this.headFor(tenant, streamId, expected, attempt > 1);
      if (!head) return this.duplicateOrConflict(tenant, streamId, normalized, expected);
      try {
        return await this.insert(tenant, streamId, normalized, head);
      } catch (error) {
        if (!isPostgresError(error) || error.code !== UNIQUE_VIOLATION) throw error;
        this.heads.delete(headKey(tenant, streamId));
        // An 'any' append that lost a race to another writer of the stream tries again.
        const lostRace = error.constraint === 'events_stream_version_unique';
        if (lostRace && expected === 'any' && attempt < 50) continue;
        return this.duplicateOrConflict(tenant, streamId, normalized, expected);
      }
    }
  }

  /**
   * Appends the first events of many new streams in one transaction (bulk import): all of them
   * or none. Every stream must not exist yet; if one does, or an event id was used before,
   * nothing is written and the error names the first such stream. Not part of the port: only
   * the SQL adapters offer it, for imports that create streams by the thousand.
   */
  async appendNewStreams(
    appends: readonly { tenant: string; streamId: string; events: readonly NewEvent[] }[],
  ): Promise<{ events: number; position: number }> {
    if (appends.length === 0) return { events: 0, position: 0 };
    const recordedAt = this.clock().toISOString();
    const rows: string[] = [];
    for (const { tenant, streamId, events } of appends) {
      const normalized = validateAppend(tenant, streamId, events, { expectedVersion: 'no-stream' });
      let previous = EMPTY_STREAM.hash;
      normalized.forEach((event, i) => {
        previous = chainLink(previous, i + 1, { tenant, streamId, recordedAt, event });
        rows.push(
          `{"i":"${event.eventId}","n":${JSON.stringify(tenant)},"r":${JSON.stringify(streamId)},` +
            `"v":${i + 1},"t":${JSON.stringify(event.type)},"s":${event.schemaVersion},` +
            `"e":"${event.effectiveDate}","d":${event.dataJson},"p":${event.personalJson ?? 'null'},` +
            `"m":${event.metadataJson},"h":"${previous}"}`,
        );
      });
    }
    let inserted: { global_position: string | number }[];
    try {
      inserted = await this.db.query<{ global_position: string | number }>(
        sql.INSERT_NEW_STREAMS_FROM_JSON,
        [recordedAt, `[${rows.join(',')}]`],
      );
    } catch (error) {
      if (!isPostgresError(error) || error.code !== UNIQUE_VIOLATION) throw error;
      for (const { tenant, streamId, events } of appends) {
        const actual = await this.streamVersion(tenant, streamId);
        if (actual > 0) throw new WrongExpectedVersionError(tenant, streamId, 'no-stream', actual);
        const used = await this.db.query<sql.StoredIdRow>(sql.EVENTS_BY_ID, [
          events.map((event) => event.eventId),
        ]);
        if (used.length > 0)
          throw new EventIdConflictError(
            used[0]!.event_id,
            `Event id ${used[0]!.event_id} was already used (stream ${streamId} of ${tenant})`,
          );
      }
      throw error;
    }
    this.appended.emit('append');
    return {
      events: inserted.length,
      position: inserted.reduce(
        (max, row) => Math.max(max, toSafeInteger(row.global_position, 'position')),
        0,
      ),
    };
  }

  /**
   * The stream's head the append builds on (the version before the first new event and its
   * hash), or undefined when the expected version already fails. The head is immutable once
   * written, so a cached or separately read head is safe: if another writer appended since,
   * the insert of the next version violates the stream's unique version and nothing is written.
   */
  private async headFor(
    tenant: string,
    streamId: string,
    expected: ExpectedVersion,
    fresh: boolean,
  ): Promise<StreamHead | undefined> {
    if (expected === 'no-stream' || expected === 0) return EMPTY_STREAM;
    const cached = fresh ? undefined : this.heads.get(headKey(tenant, streamId));
    if (typeof expected === 'number') {
      if (cached?.version === expected) return cached;
      const [row] = await this.db.query<{ hash: string }>(sql.STREAM_EVENT_HASH, [
        tenant,
        streamId,
        expected,
      ]);
      return row ? { version: expected, hash: row.hash } : undefined;
    }
    let head = cached;
    if (!head) {
      const [row] = await this.db.query<{ stream_version: string | number; hash: string }>(
        sql.STREAM_HEAD,
        [tenant, streamId],
      );
      head = row
        ? { version: toSafeInteger(row.stream_version, 'stream version'), hash: row.hash }
        : EMPTY_STREAM;
    }
    if (expected === 'stream-exists' && head.version === 0) return undefined;
    return head;
  }

  private async insert(
    tenant: string,
    streamId: string,
    events: readonly ValidatedEvent[],
    head: StreamHead,
  ): Promise<AppendResult> {
    const recordedAt = this.clock().toISOString();
    const hashes: string[] = [];
    let previous = head.hash;
    events.forEach((event, i) => {
      previous = chainLink(previous, head.version + i + 1, { tenant, streamId, recordedAt, event });
      hashes.push(previous);
    });
    const rows = await this.db.query<{ global_position: string | number; transaction_id: string }>(
      ...(events.length <= sql.MAX_ROWS_PER_VALUES_INSERT
        ? valuesInsert(tenant, streamId, recordedAt, events, head, hashes)
        : jsonInsert(tenant, streamId, recordedAt, events, head, hashes)),
    );
    const position = Math.max(...rows.map((row) => toSafeInteger(row.global_position, 'position')));
    const version = head.version + events.length;
    this.rememberHead(tenant, streamId, { version, hash: previous });
    this.appended.emit('append');
    return {
      nextExpectedVersion: version,
      position,
      allPosition: {
        commit: toSafeInteger(rows[0]!.transaction_id, 'transaction id'),
        prepare: position,
      },
      duplicate: false,
    };
  }

  /**
   * The append cannot go ahead as asked. If its first event id is stored, it is a retry of an
   * append that succeeded: return that result (or refuse a reuse of ids). Otherwise it is a
   * version conflict.
   */
  private async duplicateOrConflict(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const stored = await this.db.query<sql.StoredIdRow>(sql.EVENTS_BY_ID, [
      events.map((event) => event.eventId),
    ]);
    if (stored.length > 0) return duplicateResult(tenant, streamId, events, stored);
    const actual = await this.streamVersion(tenant, streamId);
    throw new WrongExpectedVersionError(tenant, streamId, expected, actual);
  }

  private rememberHead(tenant: string, streamId: string, head: StreamHead): void {
    const key = headKey(tenant, streamId);
    this.heads.delete(key);
    this.heads.set(key, head);
    if (this.heads.size > HEAD_CACHE_SIZE) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  async readStream(
    tenant: string,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    assertTenant(tenant);
    assertStreamId(streamId);
    const maxCount =
      options.maxCount === undefined ? null : positiveInteger(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
    const rows = await this.db.query<sql.EventRow>(
      backwards ? sql.READ_STREAM_BACKWARDS : sql.READ_STREAM_FORWARDS,
      [tenant, streamId, from, maxCount],
    );
    const events = rows.map(toRecordedEvent);
    const last = events.at(-1);
    // A forward read without a limit ended at the head: the usual read before a command's append.
    if (last && !backwards && maxCount === null) {
      this.rememberHead(tenant, streamId, { version: last.version, hash: last.hash });
    }
    return events;
  }

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    assertTenant(tenant);
    assertStreamId(streamId);
    const [row] = await this.db.query<{ version: string | number }>(sql.STREAM_VERSION, [
      tenant,
      streamId,
    ]);
    return toSafeInteger(row?.version ?? 0, 'stream version');
  }

  async resolvePosition(position: number): Promise<AllPosition | undefined> {
    if (!Number.isSafeInteger(position) || position < 1) return undefined;
    const [row] = await this.db.query<{ transaction_id: string }>(sql.RESOLVE_POSITION, [position]);
    return row
      ? { commit: toSafeInteger(row.transaction_id, 'transaction id'), prepare: position }
      : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const from = options.from ?? START;
    const maxCount = Math.min(
      positiveInteger(options.maxCount ?? DEFAULT_READ_COUNT, 'maxCount'),
      MAX_READ_COUNT,
    );
    const params = [String(from.commit), from.prepare, maxCount];
    let rows: sql.EventRow[];
    if (options.tenant !== undefined) {
      assertTenant(options.tenant);
      rows = await this.db.query<sql.EventRow>(sql.READ_ALL_OF_TENANT, [...params, options.tenant]);
    } else {
      rows = await this.db.query<sql.EventRow>(sql.READ_ALL, params);
    }
    const events = rows.map(toRecordedEvent);
    return { events, next: events.at(-1)?.allPosition ?? from };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pollAll((o) => this.readAll(o), this.appended, options);
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
    await this.db.close();
  }
}

type Query = [Statement, SqlParameter[]];

function valuesInsert(
  tenant: string,
  streamId: string,
  recordedAt: string,
  events: readonly ValidatedEvent[],
  head: StreamHead,
  hashes: readonly string[],
): Query {
  const params: SqlParameter[] = [];
  events.forEach((event, i) => {
    params.push(
      event.eventId,
      tenant,
      streamId,
      head.version + i + 1,
      event.type,
      event.schemaVersion,
      event.effectiveDate,
      recordedAt,
      event.dataJson,
      event.personalJson,
      event.metadataJson,
      hashes[i]!,
    );
  });
  return [sql.insertEvents(events.length), params];
}

function jsonInsert(
  tenant: string,
  streamId: string,
  recordedAt: string,
  events: readonly ValidatedEvent[],
  head: StreamHead,
  hashes: readonly string[],
): Query {
  const rows = events.map(
    (event, i) =>
      `{"i":"${event.eventId}","t":${JSON.stringify(event.type)},"s":${event.schemaVersion},` +
      `"e":"${event.effectiveDate}","d":${event.dataJson},"p":${event.personalJson ?? 'null'},` +
      `"m":${event.metadataJson},"h":"${hashes[i]!}"}`,
  );
  return [
    sql.INSERT_EVENTS_FROM_JSON,
    [tenant, streamId, head.version, recordedAt, `[${rows.join(',')}]`],
  ];
}

/**
 * The first event id was stored before. It is a true retry only if every id of this append
 * was stored, in this stream, consecutively and in the same order; then the first result is
 * returned and nothing is written. Anything else reuses ids and is refused.
 */
function duplicateResult(
  tenant: string,
  streamId: string,
  events: readonly NewEvent[],
  rows: readonly sql.StoredIdRow[],
): AppendResult {
  const sameIds =
    rows.length === events.length &&
    rows.every(
      (row, i) =>
        row.event_id === events[i]!.eventId &&
        row.tenant_id === tenant &&
        row.stream_id === streamId &&
        (i === 0 ||
          toSafeInteger(row.stream_version, 'version') ===
            toSafeInteger(rows[i - 1]!.stream_version, 'version') + 1),
    );
  if (!sameIds) {
    throw new EventIdConflictError(
      events[0]!.eventId,
      `Event id ${events[0]!.eventId} was already used by a different append`,
    );
  }
  const last = rows[rows.length - 1]!;
  return {
    nextExpectedVersion: toSafeInteger(last.stream_version, 'stream version'),
    position: toSafeInteger(last.global_position, 'global position'),
    allPosition: {
      commit: toSafeInteger(last.transaction_id, 'transaction id'),
      prepare: toSafeInteger(last.global_position, 'global position'),
    },
    duplicate: true,
  };
}

export function toRecordedEvent(row: sql.EventRow): RecordedEvent {
  const position = toSafeInteger(row.global_position, 'global position');
  return {
    eventId: row.event_id,
    tenant: row.tenant_id,
    streamId: row.stream_id,
    version: toSafeInteger(row.stream_version, 'stream version'),
    position,
    allPosition: { commit: toSafeInteger(row.transaction_id, 'transaction id'), prepare: position },
    type: row.event_type,
    schemaVersion: row.schema_version,
    effectiveDate: row.effective_date,
    recordedAt: row.recorded_at.toISOString(),
    data: row.data as JsonObject,
    personal: row.personal as JsonObject | null,
    metadata: row.metadata as EventMetadata,
    hash: row.hash,
  };
}
