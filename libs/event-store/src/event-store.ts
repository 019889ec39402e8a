/**
 * The event store port. Every adapter (PostgreSQL, embedded PGlite, KurrentDB) implements it
 * and passes the same conformance suite (`conformance/event-store.conformance.ts`).
 *
 * Streams are identified by tenant (a Jobcenter) and stream id; versions count from 1 (a
 * stream with n events has version n, a missing stream version 0). Global order (`$all`)
 * is an {@link AllPosition}, a pair like KurrentDB's commit/prepare position.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it and why it happened: carried by every event. */
export interface EventMetadata {
  /** The authenticated user (or system component) whose command caused the event. */
  readonly actor: string;
  /** Ties together everything caused by one request (X-Correlation-Id). */
  readonly correlationId: string;
  /** The command or event that directly caused this one. */
  readonly causationId?: string | null;
  readonly [key: string]: JsonValue | undefined;
}

/** An event to append. */
export interface NewEvent {
  /** UUID chosen by the writer; a retried append with the same ids writes nothing twice. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The calendar day (YYYY-MM-DD) on which the thing happened, as opposed to when it was recorded. */
  readonly effectiveDate: string;
  /** Business and statistical attributes, stored in clear. */
  readonly data: JsonObject;
  /** Directly identifying personal data, stored apart so that it can be encrypted and shredded. */
  readonly personal?: JsonObject | null;
  readonly metadata: EventMetadata;
}

/**
 * A position in the global order of all events. In the PostgreSQL adapters `commit` is the id
 * of the appending transaction and `prepare` the global sequence number; events are delivered
 * in (commit, prepare) order, and only once every transaction below `commit` has ended.
 */
export interface AllPosition {
  readonly commit: number;
  readonly prepare: number;
}

export const START: AllPosition = Object.freeze({ commit: 0, prepare: 0 });

export function compareAllPositions(a: AllPosition, b: AllPosition): number {
  return a.commit - b.commit || a.prepare - b.prepare;
}

/** An event as stored. */
export interface RecordedEvent extends NewEvent {
  readonly tenant: string;
  readonly streamId: string;
  /** 1-based position of the event in its stream. */
  readonly version: number;
  /** Global sequence number, unique across the store (the `position` a command response names). */
  readonly position: number;
  readonly allPosition: AllPosition;
  /** ISO 8601 UTC timestamp at which the store recorded the event. */
  readonly recordedAt: string;
  readonly personal: JsonObject | null;
  /** Hex SHA-256 link of the stream's hash chain (see hash-chain.ts). */
  readonly hash: string;
}

/**
 * `no-stream`: the stream must not exist; `stream-exists`: it must; `any`: no check;
 * a number: the stream's current version must be exactly that (0 = no stream).
 */
export type ExpectedVersion = 'any' | 'no-stream' | 'stream-exists' | number;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append (the version of the last event). */
  readonly nextExpectedVersion: number;
  /** Global sequence number of the last appended event. */
  readonly position: number;
  readonly allPosition: AllPosition;
  /** True when every event id had been appended before: nothing was written this time. */
  readonly duplicate: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive. Forwards default 1, backwards default the last version. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Default {@link START}. */
  readonly from?: AllPosition;
  readonly maxCount?: number;
  /** Only this tenant's events. */
  readonly tenant?: string;
}

export interface ReadAllResult {
  readonly events: RecordedEvent[];
  /** Where the next read continues: the last event's position, or `from` if none. */
  readonly next: AllPosition;
}

export interface SubscribeToAllOptions extends Omit<ReadAllOptions, 'maxCount'> {
  /** Largest batch handed to the subscriber at once. Default 500. */
  readonly batchSize?: number;
  /** How long to wait before polling again when caught up. Default 50 ms. */
  readonly pollIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export interface EventStore {
  appendToStream(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;

  /** The stream's events in the asked order; an empty array for a stream that does not exist. */
  readStream(
    tenant: string,
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<RecordedEvent[]>;

  /** The stream's current version (0 when it does not exist). */
  streamVersion(tenant: string, streamId: string): Promise<number>;

  /**
   * The $all position of the event with this global sequence number (what command responses
   * call `position`), for read-your-writes; undefined if there is no such event.
   */
  resolvePosition(position: number): Promise<AllPosition | undefined>;

  /**
   * Events in global order after `from`. Only a stable prefix is returned: an event appears
   * once every event before it in the global order is visible, so a reader that continues from
   * `next` never skips an event that commits later.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;

  /**
   * A catch-up subscription: batches in global order from `from`, then new batches as they
   * arrive, until the signal aborts or the consumer stops iterating. A consumer that stores
   * the last event's `allPosition` with its effects and resumes from it sees every event once.
   */
  subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent[]>;

  close(): Promise<void>;
}

/** The stream's version did not match the expected version: nothing was written. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly tenant: string,
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `Stream ${streamId}: expected version ${String(expectedVersion)}, actual version ${actualVersion}`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id was used before for a different append: nothing was written. */
export class EventIdConflictError extends Error {
  constructor(
    readonly eventId: string,
    message: string,
  ) {
    super(message);
    this.name = 'EventIdConflictError';
  }
}

/** The append itself is malformed (empty, bad id, bad date, ...): nothing was written. */
export class InvalidAppendError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'InvalidAppendError';
  }
}
