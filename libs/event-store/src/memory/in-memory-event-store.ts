/**
 * The event store in process memory, for specification tests of commands and unit tests of pure
 * logic; never the proof that an integration works (real PostgreSQL is). Same conformance suite.
 */
import { EventEmitter } from 'node:events';
import { chainLink, GENESIS_HASH } from '../hash-chain.js';
import {
  EventIdConflictError,
  START,
  WrongExpectedVersionError,
  compareAllPositions,
  type AllPosition,
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
import { pollAll, positiveInteger } from '../polling-subscription.js';
import {
  assertStreamId,
  assertTenant,
  validateAppend,
  type ValidatedEvent,
} from '../validation.js';

/** The SQL adapter's read limits, so a reader pages here as it would there. */
const DEFAULT_READ_COUNT = 1000;
const MAX_READ_COUNT = 10_000;

export interface InMemoryEventStoreOptions {
  /** The instant each append is recorded at (default: the system clock). */
  readonly clock?: () => Date;
}

/**
 * An event as held: its JSON parts kept as the serialized text, as a database keeps them, so
 * every read hands out fresh objects and no caller can change what the store holds.
 */
interface StoredEvent {
  readonly eventId: string;
  readonly tenant: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly allPosition: AllPosition;
  readonly type: string;
  readonly schemaVersion: number;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly personalJson: string | null;
  readonly metadataJson: string;
  readonly hash: string;
}

function streamKey(tenant: string, streamId: string): string {
  return `${tenant}\u0000${streamId}`;
}

export class InMemoryEventStore implements EventStore {
  /** Wakes subscriptions right after an append, so they need not wait for a poll. */
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly clock: () => Date;
  /** $all: the event with global position p at index p - 1. */
  private readonly all: StoredEvent[] = [];
  private readonly byTenant = new Map<string, StoredEvent[]>();
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  /** Every append is one "transaction": its events share this as their `commit`. */
  private lastCommit = 0;
  private closed = false;

  constructor({ clock = () => new Date() }: InMemoryEventStoreOptions = {}) {
    this.clock = clock;
  }

  /**
   * Checks and writes with no await in between, so an append is atomic and racing appends are
   * decided one after the other, as the database's unique constraints decide them.
   */
  async appendToStream(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const validated = validateAppend(tenant, streamId, events, options);
    const used = validated
      .map((event) => this.byEventId.get(event.eventId))
      .filter((stored) => stored !== undefined);
    // Used ids decide before the expected version: a retry gets its first result in any case.
    if (used.length > 0) return retryResult(tenant, streamId, validated, used);
    const stream = this.streams.get(streamKey(tenant, streamId)) ?? [];
    const expected = options.expectedVersion;
    if (!accepts(expected, stream.length)) {
      throw new WrongExpectedVersionError(tenant, streamId, expected, stream.length);
    }
    return this.write(tenant, streamId, validated, stream);
  }

  private write(
    tenant: string,
    streamId: string,
    events: readonly ValidatedEvent[],
    stream: readonly StoredEvent[],
  ): AppendResult {
    const recordedAt = this.clock().toISOString();
    const commit = ++this.lastCommit;
    let previous = stream.at(-1)?.hash ?? GENESIS_HASH;
    const written = events.map((event, i): StoredEvent => {
      const version = stream.length + i + 1;
      previous = chainLink(previous, version, { tenant, streamId, recordedAt, event });
      const position = this.all.length + i + 1;
      return {
        eventId: event.eventId,
        tenant,
        streamId,
        version,
        position,
        allPosition: { commit, prepare: position },
        type: event.type,
        schemaVersion: event.schemaVersion,
        effectiveDate: event.effectiveDate,
        recordedAt,
        dataJson: event.dataJson,
        personalJson: event.personalJson,
        metadataJson: event.metadataJson,
        hash: previous,
      };
    });
    for (const event of written) {
      listOf(this.streams, streamKey(tenant, streamId)).push(event);
      listOf(this.byTenant, tenant).push(event);
      this.all.push(event);
      this.byEventId.set(event.eventId, event);
    }
    this.appended.emit('append');
    return resultOf(written.at(-1)!, false);
  }

  async readStream(
    tenant: string,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertTenant(tenant);
    assertStreamId(streamId);
    const maxCount =
      options.maxCount === undefined
        ? Number.MAX_SAFE_INTEGER
        : positiveInteger(options.maxCount, 'maxCount');
    const stream = this.streams.get(streamKey(tenant, streamId)) ?? [];
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? stream.length : 1);
    if (!Number.isSafeInteger(from)) {
      throw new RangeError(`fromVersion must be an integer, got ${from}`);
    }
    const selected = backwards
      ? stream.slice(0, Math.max(0, Math.min(from, stream.length))).reverse()
      : stream.slice(Math.max(0, from - 1));
    return selected.slice(0, maxCount).map(toRecordedEvent);
  }

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    this.assertOpen();
    assertTenant(tenant);
    assertStreamId(streamId);
    return this.streams.get(streamKey(tenant, streamId))?.length ?? 0;
  }

  async resolvePosition(position: number): Promise<AllPosition | undefined> {
    this.assertOpen();
    if (!Number.isSafeInteger(position) || position < 1) return undefined;
    const event = this.all[position - 1];
    return event && { ...event.allPosition };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const from = options.from ?? START;
    const maxCount = Math.min(
      positiveInteger(options.maxCount ?? DEFAULT_READ_COUNT, 'maxCount'),
      MAX_READ_COUNT,
    );
    let log: readonly StoredEvent[] = this.all;
    if (options.tenant !== undefined) {
      assertTenant(options.tenant);
      log = this.byTenant.get(options.tenant) ?? [];
    }
    const first = firstAfter(log, from);
    const events = log.slice(first, first + maxCount).map(toRecordedEvent);
    return { events, next: events.at(-1)?.allPosition ?? from };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pollAll((o) => this.readAll(o), this.appended, options);
  }

  /** Like a closed connection: every later call fails, and so do running subscriptions. */
  async close(): Promise<void> {
    this.closed = true;
    this.appended.removeAllListeners();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The in-memory event store is closed');
  }
}

function listOf(lists: Map<string, StoredEvent[]>, key: string): StoredEvent[] {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
}

function accepts(expected: ExpectedVersion, version: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return version === 0;
  if (expected === 'stream-exists') return version > 0;
  return expected === version;
}

/**
 * Some event ids were stored before. As in the SQL adapter, it is a true retry only if every id
 * of this append was stored, in this stream, consecutively and in the same order; then the
 * first result is returned whatever the expected version. Anything else reuses ids and is refused.
 */
function retryResult(
  tenant: string,
  streamId: string,
  events: readonly ValidatedEvent[],
  used: readonly StoredEvent[],
): AppendResult {
  const stored = [...used].sort((a, b) => a.position - b.position);
  const sameAppend =
    stored.length === events.length &&
    stored.every(
      (event, i) =>
        event.eventId === events[i]!.eventId &&
        event.tenant === tenant &&
        event.streamId === streamId &&
        (i === 0 || event.version === stored[i - 1]!.version + 1),
    );
  if (!sameAppend) {
    throw new EventIdConflictError(
      events[0]!.eventId,
      `Event id ${events[0]!.eventId} was already used by a different append`,
    );
  }
  return resultOf(stored.at(-1)!, true);
}

function resultOf(last: StoredEvent, duplicate: boolean): AppendResult {
  return {
    nextExpectedVersion: last.version,
    position: last.position,
    allPosition: { ...last.allPosition },
    duplicate,
  };
}

/** Index of the first event after `from` (exclusive) in a log ordered by $all position. */
function firstAfter(log: readonly StoredEvent[], from: AllPosition): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareAllPositions(log[middle]!.allPosition, from) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

function toRecordedEvent(event: StoredEvent): RecordedEvent {
  return {
    eventId: event.eventId,
    tenant: event.tenant,
    streamId: event.streamId,
    version: event.version,
    position: event.position,
    allPosition: { ...event.allPosition },
    type: event.type,
    schemaVersion: event.schemaVersion,
    effectiveDate: event.effectiveDate,
    recordedAt: event.recordedAt,
    data: JSON.parse(event.dataJson) as JsonObject,
    personal: event.personalJson === null ? null : (JSON.parse(event.personalJson) as JsonObject),
    metadata: JSON.parse(event.metadataJson) as EventMetadata,
    hash: event.hash,
  };
}
