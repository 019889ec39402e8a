/**
 * The event store on PostgreSQL, for both drivers: a `pg` pool on a server and PGlite embedded.
 * They share one schema, one append function and the same statements; only the connection differs.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { contentHash } from '../hash-chain.js';
import {
  EventIdConflictError,
  START,
  WrongExpectedVersionError,
  type AppendOptions,
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
import { isPostgresError, toSafeInteger, type SqlDatabase } from '../sql/database.js';
import { loadMigrations, migrate, type MigrationReport } from '../sql/migrator.js';
import { assertStreamId, assertTenant, assertValidAppend } from '../validation.js';
import * as sql from './statements.js';

const DEFAULT_READ_COUNT = 1000;
const MAX_READ_COUNT = 10_000;

export const EVENT_STORE_MIGRATIONS = loadMigrations(
  new URL('../sql/migrations/', import.meta.url),
);

export class SqlEventStore implements EventStore {
  /** Wakes this process's subscriptions right after its own appends, so they need not wait for a poll. */
  private readonly appended = new EventEmitter().setMaxListeners(0);

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
    assertValidAppend(tenant, streamId, events, options);
    const normalized = events.map((event) => ({ ...event, eventId: event.eventId.toLowerCase() }));
    // An 'any' append that loses a race to a concurrent writer simply tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendOnce(tenant, streamId, normalized, options.expectedVersion);
      } catch (error) {
        if (!isPostgresError(error) || error.code !== '23505') throw error;
        if (error.constraint === 'events_event_id_unique') {
          // A concurrent retry of the same append won; the next attempt returns its result.
          if (attempt < 3) continue;
          throw new EventIdConflictError(normalized[0]!.eventId, 'event ids already used');
        }
        const actual = await this.streamVersion(tenant, streamId);
        if (options.expectedVersion === 'any' && attempt < 20) continue;
        throw new WrongExpectedVersionError(tenant, streamId, options.expectedVersion, actual);
      }
    }
  }

  private async appendOnce(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const recordedAt = this.clock().toISOString();
    const payload = events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      effectiveDate: event.effectiveDate,
      data: event.data,
      personal: event.personal ?? null,
      metadata: event.metadata,
      contentHash: contentHash({ tenant, streamId, recordedAt, event }).toString('hex'),
    }));
    const rows = await this.db.query<sql.AppendRow>(sql.APPEND, [
      tenant,
      streamId,
      encodeExpected(expected),
      recordedAt,
      JSON.stringify(payload),
    ]);
    const first = rows[0];
    if (!first) throw new Error('append returned no rows');
    if (first.outcome === 'wrong-version') {
      throw new WrongExpectedVersionError(
        tenant,
        streamId,
        expected,
        toSafeInteger(first.stream_version, 'stream version'),
      );
    }
    if (first.outcome === 'duplicate') return duplicateResult(tenant, streamId, events, rows);
    const last = rows[rows.length - 1]!;
    this.appended.emit('append');
    return {
      nextExpectedVersion: toSafeInteger(last.stream_version, 'stream version'),
      position: toSafeInteger(last.global_position, 'global position'),
      allPosition: {
        commit: toSafeInteger(last.transaction_id, 'transaction id'),
        prepare: toSafeInteger(last.global_position, 'global position'),
      },
      duplicate: false,
    };
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
    return rows.map(toRecordedEvent);
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

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = positiveInteger(options.batchSize ?? 500, 'batchSize');
    const pollIntervalMs = options.pollIntervalMs ?? 50;
    let position = options.from ?? START;
    while (!options.signal?.aborted) {
      const { events, next } = await this.readAll({
        from: position,
        maxCount: batchSize,
        ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
      });
      if (events.length > 0) {
        position = next;
        yield events;
        continue;
      }
      await this.waitForAppend(pollIntervalMs, options.signal);
    }
  }

  private async waitForAppend(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const wake = new AbortController();
    const onAppend = () => wake.abort();
    const onAbort = () => wake.abort();
    this.appended.once('append', onAppend);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(timeoutMs, undefined, { signal: wake.signal });
    } catch {
      // woken early by an append or by the caller's abort
    } finally {
      this.appended.off('append', onAppend);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
    await this.db.close();
  }
}

function encodeExpected(expected: ExpectedVersion): number {
  if (expected === 'any') return -1;
  if (expected === 'stream-exists') return -2;
  if (expected === 'no-stream') return 0;
  return expected;
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${field} must be a positive integer, got ${value}`);
  }
  return value;
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
  rows: readonly sql.AppendRow[],
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

function toRecordedEvent(row: sql.EventRow): RecordedEvent {
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
