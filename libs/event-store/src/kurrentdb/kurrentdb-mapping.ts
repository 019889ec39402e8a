/**
 * The pure half of the KurrentDB adapter: how our streams, versions, positions and event bodies
 * map onto KurrentDB's, with no client and no I/O, so that unit tests cover every rule here.
 * The reasons for each choice are in the header of kurrentdb-event-store.ts.
 */
import { createHash } from 'node:crypto';
import { chainLink } from '../hash-chain.js';
import type {
  AllPosition,
  EventMetadata,
  ExpectedVersion,
  JsonObject,
  JsonValue,
  NewEvent,
  RecordedEvent,
} from '../event-store.js';
import { isUuid } from '../validation.js';

/** Tenant and stream id patterns of validation.ts: neither may contain '/'. */
const TENANT_PART = '[a-z0-9][a-z0-9-]{0,62}';
const STREAM_ID_PART = '[A-Za-z0-9][A-Za-z0-9._:-]{0,199}';
const STREAM_NAME = new RegExp(`^(${TENANT_PART})/(${STREAM_ID_PART})$`);

/**
 * Server-side filter for "every tenant": stream names that start like ours. System streams
 * (`$...`), metadata streams (`$$...`) and the id claims (`_event-id/...`) never match.
 */
export const DATA_STREAM_REGEX = `^${TENANT_PART}/`;

/** The KurrentDB stream of a tenant's stream: `<tenant>/<streamId>`. Inputs must be validated. */
export function toStreamName(tenant: string, streamId: string): string {
  return `${tenant}/${streamId}`;
}

/** Server-side prefix filter for one tenant's streams (the slash keeps `jc-a` from `jc-ab`). */
export function tenantPrefix(tenant: string): string {
  return `${tenant}/`;
}

/** The inverse of {@link toStreamName}; undefined for any stream that is not one of ours. */
export function fromStreamName(name: string): { tenant: string; streamId: string } | undefined {
  const match = STREAM_NAME.exec(name);
  return match ? { tenant: match[1]!, streamId: match[2]! } : undefined;
}

/** Stream that claims one event id store-wide (its first event names the append that owns it). */
export function claimStreamName(eventId: string): string {
  return `_event-id/${eventId.toLowerCase()}`;
}

/** Our 1-based version of a KurrentDB 0-based stream revision. */
export function versionOfRevision(revision: bigint): number {
  return safeNumber(revision + 1n, 'stream revision');
}

/** The KurrentDB revision of our version (version >= 1). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`version must be an integer >= 1, got ${version}`);
  }
  return BigInt(version - 1);
}

/**
 * The exact stream state an append sends when it builds on a head of `version` events:
 * `no_stream` for an empty stream, else the revision of the last event. The adapter always
 * appends at an exact state (never `any`), because its hash chain links to that head.
 */
export function streamStateFor(version: number): 'no_stream' | bigint {
  return version === 0 ? 'no_stream' : revisionOfVersion(version);
}

/** Whether a stream at `version` satisfies the caller's expected version. */
export function satisfies(expected: ExpectedVersion, version: number): boolean {
  return (
    expected === 'any' ||
    (expected === 'no-stream' && version === 0) ||
    (expected === 'stream-exists' && version > 0) ||
    expected === version
  );
}

/** KurrentDB's 64-bit log position as our numbers; refuses positions JavaScript cannot hold. */
export function toAllPosition(position: { commit: bigint; prepare: bigint }): AllPosition {
  return {
    commit: safeNumber(position.commit, 'commit position'),
    prepare: safeNumber(position.prepare, 'prepare position'),
  };
}

export function toClientPosition(position: AllPosition): { commit: bigint; prepare: bigint } {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

export function safeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(
      `KurrentDB ${what} ${value} is outside 0..2^53-1, which this adapter cannot represent`,
    );
  }
  return Number(value);
}

/** What KurrentDB stores of one of our events: `data` as the event's data, the rest as metadata. */
export interface KurrentBody {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: Envelope;
}

/** The KurrentDB metadata of our events. */
export interface Envelope {
  readonly [key: string]: JsonValue;
  /** Our EventMetadata, exactly as written (the hash covers it). */
  readonly metadata: JsonObject;
  readonly schemaVersion: number;
  readonly effectiveDate: string;
  /** The adapter's clock when it computed the hash (not KurrentDB's `created`). */
  readonly recordedAt: string;
  readonly personal: JsonObject | null;
  readonly hash: string;
  /** Random per write attempt: tells the writer whether the stored event is its own. */
  readonly appendId: string;
  /** KurrentDB's conventional keys, so its own tools can follow a correlation. */
  readonly $correlationId: string;
}

export interface EncodeContext {
  readonly recordedAt: string;
  readonly hash: string;
  readonly appendId: string;
}

/** What gets encoded: an event as appended (the port's NewEvent). */
export type EncodableEvent = NewEvent;

export function encodeEvent(event: EncodableEvent, context: EncodeContext): KurrentBody {
  const metadata = JSON.parse(JSON.stringify(event.metadata)) as JsonObject;
  const causation = event.metadata.causationId;
  return {
    id: event.eventId.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata: {
      metadata,
      schemaVersion: event.schemaVersion,
      effectiveDate: event.effectiveDate,
      recordedAt: context.recordedAt,
      personal: event.personal ?? null,
      hash: context.hash,
      appendId: context.appendId,
      $correlationId: event.metadata.correlationId,
      ...(typeof causation === 'string' ? { $causationId: causation } : {}),
    },
  };
}

/**
 * The bodies of one append building on a stream head of `head.version` events whose last hash
 * is `head.hash`: each event's hash links to the one before, exactly as in the SQL adapter.
 */
export function encodeAppend(
  tenant: string,
  streamId: string,
  events: readonly EncodableEvent[],
  head: { readonly version: number; readonly hash: string },
  recordedAt: string,
  appendId: string,
): KurrentBody[] {
  let previous = head.hash;
  return events.map((event, i) => {
    previous = chainLink(previous, head.version + i + 1, { tenant, streamId, recordedAt, event });
    return encodeEvent(event, { recordedAt, hash: previous, appendId });
  });
}

/** The parts of a KurrentDB recorded event that decoding needs (the client's shape). */
export interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: { commit: bigint; prepare: bigint } | undefined;
}

export class ForeignEventError extends Error {
  constructor(stream: string, id: string, problem: string) {
    super(`KurrentDB event ${id} in stream ${stream} is not a teilhabe event: ${problem}`);
    this.name = 'ForeignEventError';
  }
}

/** Our event from a KurrentDB record of one of our streams. */
export function decodeEvent(record: StoredRecord): RecordedEvent {
  const fail = (problem: string): never => {
    throw new ForeignEventError(record.streamId, record.id, problem);
  };
  const names = fromStreamName(record.streamId) ?? fail('stream name is not <tenant>/<streamId>');
  if (!isUuid(record.id)) fail('event id is not a UUID');
  if (!isObject(record.data)) fail('data is not a JSON object');
  const envelope = record.metadata;
  if (!isObject(envelope)) return fail('metadata is not a JSON object');
  const { metadata, schemaVersion, effectiveDate, recordedAt, personal, hash } = envelope;
  if (!isObject(metadata)) fail('metadata.metadata is not an object');
  if (typeof schemaVersion !== 'number') fail('schemaVersion is missing');
  if (typeof effectiveDate !== 'string') fail('effectiveDate is missing');
  if (typeof recordedAt !== 'string') fail('recordedAt is missing');
  if (personal !== null && !isObject(personal)) fail('personal is neither an object nor null');
  if (typeof hash !== 'string') fail('hash is missing');
  if (!record.position) {
    return fail('the server returned no log position (KurrentDB/EventStoreDB >= 22.6 needed)');
  }
  const allPosition = toAllPosition(record.position);
  return {
    eventId: record.id.toLowerCase(),
    tenant: names.tenant,
    streamId: names.streamId,
    version: versionOfRevision(record.revision),
    position: allPosition.prepare,
    allPosition,
    type: record.type,
    schemaVersion: schemaVersion as number,
    effectiveDate: effectiveDate as string,
    recordedAt: recordedAt as string,
    data: record.data as JsonObject,
    personal: (personal ?? null) as JsonObject | null,
    metadata: metadata as EventMetadata,
    hash: hash as string,
  };
}

/** The write attempt that stored a record (see {@link Envelope.appendId}). */
export function appendIdOf(record: StoredRecord): string | undefined {
  return isObject(record.metadata) && typeof record.metadata.appendId === 'string'
    ? record.metadata.appendId
    : undefined;
}

/**
 * One append as the id claims know it: the stream and the exact ordered list of event ids.
 * A retry of the same append has the same batch; any other use of an id has another.
 */
export interface Batch {
  readonly tenant: string;
  readonly streamId: string;
  readonly ids: readonly string[];
  /** Hex SHA-256 of the ordered ids. */
  readonly fingerprint: string;
}

export function batchOf(tenant: string, streamId: string, ids: readonly string[]): Batch {
  const lower = ids.map((id) => id.toLowerCase());
  return {
    tenant,
    streamId,
    ids: lower,
    fingerprint: createHash('sha256').update(lower.join(',')).digest('hex'),
  };
}

export const CLAIM_TYPE = 'EventIdClaimed';
export const ATTEMPT_TYPE = 'AppendAttempted';

/** First event of an id's claim stream. `base`: stream version the first attempt built on. */
export interface Claim {
  readonly [key: string]: JsonValue;
  readonly tenant: string;
  readonly streamId: string;
  readonly batch: string;
  readonly index: number;
  readonly count: number;
  readonly base: number;
}

export function claimOf(batch: Batch, index: number, base: number): Claim {
  return {
    tenant: batch.tenant,
    streamId: batch.streamId,
    batch: batch.fingerprint,
    index,
    count: batch.ids.length,
    base,
  };
}

/** Whether a stored claim (parsed JSON) belongs to this batch at this index. */
export function claimedBy(stored: unknown, batch: Batch, index: number): boolean {
  return (
    isObject(stored) &&
    stored.tenant === batch.tenant &&
    stored.streamId === batch.streamId &&
    stored.batch === batch.fingerprint &&
    stored.index === index &&
    stored.count === batch.ids.length
  );
}

/** The stream versions that attempts of a batch built on, from its first id's claim stream. */
export function attemptBases(records: readonly { type: string; data: unknown }[]): number[] {
  const bases = new Set<number>();
  for (const { type, data } of records) {
    if ((type === CLAIM_TYPE || type === ATTEMPT_TYPE) && isObject(data)) {
      const base = data.base;
      if (typeof base === 'number' && Number.isSafeInteger(base) && base >= 0) bases.add(base);
    }
  }
  return [...bases];
}

/** A plain JSON object (the client hands back raw bytes, a Uint8Array, for non-JSON metadata). */
function isObject(value: unknown): value is Record<string, JsonValue> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  );
}
