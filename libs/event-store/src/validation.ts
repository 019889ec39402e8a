/** Checks an append before anything reaches the database: a bad append names its field and rule. */
import { isCalendarDate } from '#domain';
import {
  InvalidAppendError,
  type AppendOptions,
  type JsonValue,
  type NewEvent,
} from './event-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Jobcenter ids such as `jc-kronach`; `*` (national view) reads but never owns a stream. */
const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9.-]{0,99}$/;
export const MAX_EVENTS_PER_APPEND = 5000;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function assertTenant(tenant: unknown, field = 'tenant'): asserts tenant is string {
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) {
    throw new InvalidAppendError(
      field,
      'must be a Jobcenter id of lowercase letters, digits and dashes',
    );
  }
}

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidAppendError('streamId', 'must be 1-200 letters, digits, and . _ : -');
  }
}

/** Serializes once for both the check and the write. */
function plainJson(value: JsonValue | undefined, field: string): string {
  const text = JSON.stringify(value);
  // PostgreSQL's jsonb holds neither NUL characters nor lone UTF-16 surrogates: refuse them
  // up front instead of failing in the database.
  if (text === undefined || text.includes('\\u0000') || !wellFormed(value)) {
    throw new InvalidAppendError(field, 'must be JSON without NUL characters or broken Unicode');
  }
  return text;
}

function wellFormed(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormed);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, member]) => key.isWellFormed() && wellFormed(member));
  }
  return true;
}

/** An event that passed validation, with its id in lower case and its JSON parts serialized. */
export interface ValidatedEvent extends NewEvent {
  readonly dataJson: string;
  readonly personalJson: string | null;
  readonly metadataJson: string;
}

/** Checks an append and returns its events ready to store; throws {@link InvalidAppendError}. */
export function validateAppend(
  tenant: string,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): ValidatedEvent[] {
  assertTenant(tenant);
  assertStreamId(streamId);
  const expected = options?.expectedVersion;
  if (!(
    expected === 'any' ||
    expected === 'no-stream' ||
    expected === 'stream-exists' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  )) {
    throw new InvalidAppendError(
      'expectedVersion',
      "must be 'any', 'no-stream', 'stream-exists' or an integer >= 0",
    );
  }
  const list: readonly NewEvent[] = events;
  if (!isArray(list) || list.length === 0) {
    throw new InvalidAppendError('events', 'must contain at least one event');
  }
  if (list.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError('events', `must contain at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const ids = new Set<string>();
  return list.map((event, index) => {
    const at = `events[${index}]`;
    if (!isUuid(event.eventId)) throw new InvalidAppendError(`${at}.eventId`, 'must be a UUID');
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) throw new InvalidAppendError(`${at}.eventId`, 'must be unique in the append');
    ids.add(id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidAppendError(`${at}.type`, 'must be an event type name');
    }
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`${at}.schemaVersion`, 'must be an integer >= 1');
    }
    if (!isCalendarDate(event.effectiveDate)) {
      throw new InvalidAppendError(`${at}.effectiveDate`, 'must be a calendar date YYYY-MM-DD');
    }
    if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
      throw new InvalidAppendError(`${at}.data`, 'must be a JSON object');
    }
    const dataJson = plainJson(event.data, `${at}.data`);
    let personalJson: string | null = null;
    if (event.personal !== undefined && event.personal !== null) {
      if (typeof event.personal !== 'object' || Array.isArray(event.personal)) {
        throw new InvalidAppendError(`${at}.personal`, 'must be a JSON object or null');
      }
      personalJson = plainJson(event.personal, `${at}.personal`);
    }
    const metadata = event.metadata;
    if (typeof metadata !== 'object' || metadata === null) {
      throw new InvalidAppendError(`${at}.metadata`, 'must be an object');
    }
    if (typeof metadata.actor !== 'string' || metadata.actor.length === 0) {
      throw new InvalidAppendError(`${at}.metadata.actor`, 'must be a non-empty string');
    }
    if (typeof metadata.correlationId !== 'string' || metadata.correlationId.length === 0) {
      throw new InvalidAppendError(`${at}.metadata.correlationId`, 'must be a non-empty string');
    }
    const metadataJson = plainJson(metadata as JsonValue, `${at}.metadata`);
    return { ...event, eventId: id, dataJson, personalJson, metadataJson };
  });
}

/** Array.isArray without narrowing a typed readonly array to any[]. */
function isArray(value: unknown): boolean {
  return Array.isArray(value);
}
