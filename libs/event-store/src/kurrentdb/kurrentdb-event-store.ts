// The event store on KurrentDB, through @kurrent/kurrentdb-client; it passes the shared
// conformance suite. How the port maps onto KurrentDB's streams, revisions and positions, and
// why (id claims, exact-state appends, polling): docs/design/kurrentdb-adapter.md.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { pollAll, positiveInteger } from '../polling-subscription.js';
// Types only: the client (gRPC plus a native addon) is loaded when a KurrentDB store is opened,
// so that processes on PostgreSQL never load it.
import type {
  AllStreamResolvedEvent,
  Filter,
  JSONEventData,
  KurrentDBClient,
  ReadPosition,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventIdConflictError,
  InvalidAppendError,
  START,
  WrongExpectedVersionError,
  compareAllPositions,
  type AllPosition,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.js';
import { GENESIS_HASH } from '../hash-chain.js';
import {
  assertStreamId,
  assertTenant,
  validateAppend,
  type ValidatedEvent,
} from '../validation.js';
import {
  ATTEMPT_TYPE,
  CLAIM_TYPE,
  DATA_STREAM_REGEX,
  appendIdOf,
  attemptBases,
  batchOf,
  claimOf,
  claimStreamName,
  claimedBy,
  decodeEvent,
  encodeAppend,
  fromStreamName,
  revisionOfVersion,
  streamStateFor,
  satisfies,
  tenantPrefix,
  toAllPosition,
  toClientPosition,
  toStreamName,
  type Batch,
  type StoredRecord,
} from './kurrentdb-mapping.js';

const DEFAULT_READ_COUNT = 1000;
const MAX_READ_COUNT = 10_000;
const HEAD_CACHE_SIZE = 10_000;
const MAX_RACE_ATTEMPTS = 50;
/** Claims written or read at once for one append. */
const CLAIM_CONCURRENCY = 32;

interface StreamHead {
  readonly version: number;
  readonly hash: string;
}

const EMPTY_STREAM: StreamHead = { version: 0, hash: GENESIS_HASH };

/** The setting that names the connection string, for error messages. */
const SETTING = 'KURRENTDB_URL';
const SCHEMES = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//;

/**
 * Opens an event store on the KurrentDB at `connectionString` (e.g.
 * `kurrentdb://127.0.0.1:2113?tls=false`) and checks that it answers.
 */
export async function openKurrentDbEventStore(
  connectionString: string,
): Promise<KurrentDbEventStore> {
  if (typeof connectionString !== 'string' || !SCHEMES.test(connectionString.trim())) {
    throw new Error(
      `${SETTING} must be a KurrentDB connection string such as ` +
        `kurrentdb://127.0.0.1:2113?tls=false (kurrentdb://, kurrentdb+discover:// or esdb://), ` +
        `got "${redact(String(connectionString))}"`,
    );
  }
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(connectionString.trim());
  } catch (error) {
    throw new Error(
      `${SETTING} is not a valid KurrentDB connection string: ${firstLine(error)} ` +
        `(got "${redact(connectionString)}")`,
      { cause: error },
    );
  }
  const store = new KurrentDbEventStore(client);
  try {
    await store.lastPosition();
  } catch (error) {
    await store.close();
    throw new Error(
      `KurrentDB at ${SETTING}=${redact(connectionString)} does not answer: ${firstLine(error)}`,
      { cause: error },
    );
  }
  return store;
}

export class KurrentDbEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly heads = new Map<string, StreamHead>();

  constructor(
    readonly client: KurrentDBClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async appendToStream(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const validated = validateAppend(tenant, streamId, events, options);
    const expected = options.expectedVersion;
    const stream = toStreamName(tenant, streamId);
    const batch = batchOf(
      tenant,
      streamId,
      validated.map((e) => e.eventId),
    );
    let claimed = false;
    for (let attempt = 1; ; attempt++) {
      const head = await this.headFor(stream, expected, attempt > 1);
      if (!head) return this.duplicateOrConflict(batch, expected);
      if (!claimed) {
        const fresh = await this.claim(batch, head.version);
        claimed = true;
        if (!fresh) {
          const written = await this.findWritten(batch);
          if (written) return written;
          await this.recordAttempt(batch, head.version);
        }
      } else {
        await this.recordAttempt(batch, head.version);
      }
      try {
        return await this.write(stream, batch, validated, head);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw mapAppendError(error);
        this.heads.delete(stream);
        const written = await this.findWritten(batch);
        if (written) return written;
        const racing = expected === 'any' || expected === 'stream-exists';
        if (racing && attempt < MAX_RACE_ATTEMPTS) continue;
        throw new WrongExpectedVersionError(
          tenant,
          streamId,
          expected,
          await this.streamVersion(tenant, streamId),
        );
      }
    }
  }

  /** The head the append builds on, or undefined when the expected version already fails. */
  private async headFor(
    stream: string,
    expected: ExpectedVersion,
    fresh: boolean,
  ): Promise<StreamHead | undefined> {
    const cached = fresh ? undefined : this.heads.get(stream);
    if (expected === 'no-stream' || expected === 0) {
      // Optimistic like the SQL adapter: a new stream needs no read; a known one fails here.
      return cached && cached.version > 0 ? undefined : EMPTY_STREAM;
    }
    if (typeof expected === 'number' && cached?.version === expected) return cached;
    const head =
      (expected === 'any' || expected === 'stream-exists') && cached
        ? cached
        : await this.readHead(stream);
    return satisfies(expected, head.version) ? head : undefined;
  }

  /**
   * Claims every id of the append. True when the first id's claim is new (no earlier attempt
   * of this append exists); false when an earlier attempt of the same append claimed it.
   * Throws EventIdConflictError when another append owns one of the ids.
   */
  private async claim(batch: Batch, base: number): Promise<boolean> {
    const fresh = await this.claimOne(batch, 0, base);
    await mapLimit(batch.ids.slice(1), CLAIM_CONCURRENCY, (_, i) =>
      this.claimOne(batch, i + 1, base),
    );
    return fresh;
  }

  private async claimOne(batch: Batch, index: number, base: number): Promise<boolean> {
    const claimStream = claimStreamName(batch.ids[index]!);
    try {
      await this.client.appendToStream(
        claimStream,
        json({ id: randomUUID(), type: CLAIM_TYPE, data: claimOf(batch, index, base) }),
        { streamState: 'no_stream' },
      );
      return true;
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
    }
    const [first] = await this.readRecords(claimStream, { maxCount: 1 });
    if (!first || !claimedBy(first.data, batch, index)) throw conflict(batch.ids[index]!);
    return false;
  }

  /** Notes, before an attempt is sent, the head version it builds on (see the header). */
  private async recordAttempt(batch: Batch, base: number): Promise<void> {
    await this.client.appendToStream(
      claimStreamName(batch.ids[0]!),
      json({ id: randomUUID(), type: ATTEMPT_TYPE, data: { base } }),
      { streamState: 'any' },
    );
  }

  /** The result of an earlier attempt of this append that landed, if any did. */
  private async findWritten(batch: Batch): Promise<AppendResult | undefined> {
    const records = await this.readRecords(claimStreamName(batch.ids[0]!));
    if (!records[0] || !claimedBy(records[0].data, batch, 0)) return undefined;
    const stream = toStreamName(batch.tenant, batch.streamId);
    for (const base of attemptBases(records)) {
      const stored = await this.readRecords(stream, {
        fromRevision: BigInt(base),
        maxCount: batch.ids.length,
      });
      if (
        stored.length === batch.ids.length &&
        stored.every((record, i) => record.id.toLowerCase() === batch.ids[i])
      ) {
        const last = decodeEvent(stored.at(-1)!);
        return resultOf(last, true);
      }
    }
    return undefined;
  }

  /**
   * The expected version failed before anything was sent. As in the SQL adapter: a retry of an
   * append that landed returns its result, an id owned by another append is a conflict, and
   * otherwise it is a version conflict.
   */
  private async duplicateOrConflict(
    batch: Batch,
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const owned = await mapLimit(batch.ids, CLAIM_CONCURRENCY, async (id, index) => {
      const [first] = await this.readRecords(claimStreamName(id), { maxCount: 1 });
      return first === undefined ? 'free' : claimedBy(first.data, batch, index) ? 'ours' : id;
    });
    const taken = owned.find((o) => o !== 'free' && o !== 'ours');
    if (taken !== undefined) throw conflict(taken);
    if (owned[0] === 'ours') {
      const written = await this.findWritten(batch);
      if (written) return written;
    }
    throw new WrongExpectedVersionError(
      batch.tenant,
      batch.streamId,
      expected,
      await this.streamVersion(batch.tenant, batch.streamId),
    );
  }

  private async write(
    stream: string,
    batch: Batch,
    events: readonly ValidatedEvent[],
    head: StreamHead,
  ): Promise<AppendResult> {
    const appendId = randomUUID();
    const bodies = encodeAppend(
      batch.tenant,
      batch.streamId,
      events,
      head,
      this.clock().toISOString(),
      appendId,
    ).map(json);
    await this.client.appendToStream(stream, bodies, {
      streamState: streamStateFor(head.version),
    });
    // Read back the last event: its positions are then exactly those readAll returns, and its
    // appendId says whether KurrentDB stored ours or deduplicated an earlier attempt's.
    const lastVersion = head.version + events.length;
    const [record] = await this.readRecords(stream, {
      fromRevision: revisionOfVersion(lastVersion),
      maxCount: 1,
    });
    if (!record || record.id.toLowerCase() !== batch.ids.at(-1)) {
      throw new Error(`KurrentDB stream ${stream}: appended events not found at ${lastVersion}`);
    }
    const last = decodeEvent(record);
    this.rememberHead(stream, { version: last.version, hash: last.hash });
    this.appended.emit('append');
    return resultOf(last, appendIdOf(record) !== appendId);
  }

  private rememberHead(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > HEAD_CACHE_SIZE) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  private async readHead(stream: string): Promise<StreamHead> {
    const [record] = await this.readRecords(stream, {
      direction: 'backwards',
      fromRevision: 'end',
      maxCount: 1,
    });
    if (!record) return EMPTY_STREAM;
    const last = decodeEvent(record);
    const head = { version: last.version, hash: last.hash };
    this.rememberHead(stream, head);
    return head;
  }

  /** A stream's records; none for a stream that does not exist. */
  private async readRecords(
    stream: string,
    options: Parameters<KurrentDBClient['readStream']>[1] = {},
  ): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) {
        const record = recordOf(resolved);
        if (record) out.push(record);
      }
    } catch (error) {
      if (errorType(error) === 'stream-not-found') return [];
      throw error;
    }
    return out;
  }

  async readStream(
    tenant: string,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    assertTenant(tenant);
    assertStreamId(streamId);
    const maxCount =
      options.maxCount === undefined ? undefined : positiveInteger(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const stream = toStreamName(tenant, streamId);
    let fromRevision: bigint | 'start' | 'end';
    if (backwards) {
      const from = options.fromVersion === undefined ? undefined : Math.floor(options.fromVersion);
      // The port reads backwards from past the end as "from the last event"; KurrentDB does not
      // document what it does there, so clamp to the head (one extra read, only with fromVersion).
      const head = from === undefined ? undefined : (await this.readHead(stream)).version;
      if (from !== undefined && (from < 1 || head === 0)) return [];
      fromRevision = from === undefined || from >= head! ? 'end' : revisionOfVersion(from);
    } else {
      const from = Math.max(1, Math.ceil(options.fromVersion ?? 1));
      fromRevision = from === 1 ? 'start' : revisionOfVersion(from);
    }
    const records = await this.readRecords(stream, {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    const events = records.map(decodeEvent);
    const last = events.at(-1);
    // A forward read without a limit ended at the head: the usual read before a command's append.
    if (last && !backwards && maxCount === undefined) {
      this.rememberHead(stream, { version: last.version, hash: last.hash });
    }
    return events;
  }

  async streamVersion(tenant: string, streamId: string): Promise<number> {
    assertTenant(tenant);
    assertStreamId(streamId);
    return (await this.readHead(toStreamName(tenant, streamId))).version;
  }

  async resolvePosition(position: number): Promise<AllPosition | undefined> {
    if (!Number.isSafeInteger(position) || position < 1) return undefined;
    const last = await this.lastPosition();
    if (!last || position > last.prepare) return undefined;
    const from = BigInt(position);
    for await (const resolved of this.client.readAll({
      fromPosition: { commit: from, prepare: from },
      maxCount: 1,
    })) {
      const record = recordOf(resolved);
      if (!record || !fromStreamName(record.streamId)) return undefined;
      const event = decodeEvent(record);
      return event.position === position ? event.allPosition : undefined;
    }
    return undefined;
  }

  /** The position of the last record in $all (any stream), or undefined for an empty log. */
  async lastPosition(): Promise<AllPosition | undefined> {
    for await (const resolved of this.client.readAll({
      direction: 'backwards',
      fromPosition: 'end',
      maxCount: 1,
    })) {
      const position = resolved.event?.position;
      if (position) return toAllPosition(position);
    }
    return undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const from = options.from ?? START;
    const maxCount = Math.min(
      positiveInteger(options.maxCount ?? DEFAULT_READ_COUNT, 'maxCount'),
      MAX_READ_COUNT,
    );
    if (options.tenant !== undefined) assertTenant(options.tenant);
    const filter =
      options.tenant === undefined
        ? streamFilter({ regex: DATA_STREAM_REGEX })
        : streamFilter({ prefixes: [tenantPrefix(options.tenant)] });
    const fromPosition: ReadPosition =
      from.commit === 0 && from.prepare === 0 ? 'start' : toClientPosition(from);
    const events: RecordedEvent[] = [];
    // KurrentDB reads from `from` inclusive: one more than asked, in case `from` is an event.
    for await (const resolved of this.client.readAll({
      fromPosition,
      maxCount: maxCount + 1,
      filter,
    })) {
      const record = recordOf(resolved);
      if (!record || !fromStreamName(record.streamId)) continue;
      const event = decodeEvent(record);
      if (compareAllPositions(event.allPosition, from) <= 0) continue;
      events.push(event);
      if (events.length === maxCount) break;
    }
    return { events, next: events.at(-1)?.allPosition ?? from };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pollAll((o) => this.readAll(o), this.appended, options);
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
    await this.client.dispose();
  }
}

/** A JSON event as the client sends it (what its jsonEvent() builds). */
function json(event: {
  id: string;
  type: string;
  data: JSONEventData['data'];
  metadata?: JSONEventData['metadata'];
}): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** A filter on stream names (what the client's streamNameFilter() builds). */
function streamFilter(on: { regex: string } | { prefixes: string[] }): Filter {
  return { filterOn: 'streamName', checkpointInterval: 1, ...on };
}

function resultOf(last: RecordedEvent, duplicate: boolean): AppendResult {
  return {
    nextExpectedVersion: last.version,
    position: last.position,
    allPosition: last.allPosition,
    duplicate,
  };
}

function recordOf(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredRecord | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  return {
    streamId: event.streamId,
    id: event.id,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    position: event.position,
  };
}

function conflict(eventId: string): EventIdConflictError {
  return new EventIdConflictError(
    eventId,
    `Event id ${eventId} was already used by a different append`,
  );
}

function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
}

function isWrongExpectedVersion(error: unknown): boolean {
  return errorType(error) === 'wrong-expected-version';
}

/** An append KurrentDB refuses as too large is malformed input, as the port names it. */
function mapAppendError(error: unknown): unknown {
  if (errorType(error) === 'maximum-append-size-exceeded') {
    const max = (error as { maxAppendSize?: number }).maxAppendSize;
    return new InvalidAppendError(
      'events',
      `must be at most ${max ?? "the server's maximum append"} bytes in total (KurrentDB MaxAppendSize)`,
    );
  }
  return error;
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await work(items[i]!, i);
      } catch (error) {
        failed = true; // the others finish what they started and take nothing new
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}

/** The connection string without a password. */
function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
