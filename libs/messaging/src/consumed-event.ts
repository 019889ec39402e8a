// The consuming side of event-message.ts: a message value read back into a PublishedEvent and a
// RecordedEvent, so a read model can be built from the topic. What cannot come back (personal
// data, the actor, the hash link): docs/design/published-events.md.
import { CURRENT_SCHEMA_VERSION, isEventType } from '#domain';
import type { JsonObject, RecordedEvent } from '#event-store';
import type { PublishedEvent } from './event-message.js';

export class MessageFormatError extends Error {
  override name = 'MessageFormatError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses and checks a message value; the error names the field and the rule. An event type this
 * code does not know is returned as `unknown` (consumers skip those, see asyncapi.yaml), so is one
 * whose schema version is newer than this code's.
 */
export function parsePublishedEvent(
  value: string | Buffer | null,
  where = 'message',
):
  | { readonly kind: 'known'; readonly event: PublishedEvent }
  | { readonly kind: 'unknown'; readonly event: PublishedEvent } {
  if (value === null) throw new MessageFormatError(`${where}: value is missing (a tombstone?)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch {
    throw new MessageFormatError(`${where}: value is not JSON`);
  }
  if (!isObject(parsed)) throw new MessageFormatError(`${where}: value must be a JSON object`);
  const text = (field: string) => {
    const v = parsed[field];
    if (typeof v !== 'string' || v === '')
      throw new MessageFormatError(`${where}: ${field} must be a non-empty string`);
    return v;
  };
  const positive = (field: string) => {
    const v = parsed[field];
    if (!Number.isSafeInteger(v) || (v as number) < 1)
      throw new MessageFormatError(`${where}: ${field} must be a whole number from 1`);
    return v as number;
  };
  const effectiveDate = text('effectiveDate');
  if (!DATE.test(effectiveDate))
    throw new MessageFormatError(`${where}: effectiveDate must be a day YYYY-MM-DD`);
  if (!isObject(parsed.data)) throw new MessageFormatError(`${where}: data must be an object`);
  const causationId = parsed.causationId ?? null;
  if (causationId !== null && typeof causationId !== 'string')
    throw new MessageFormatError(`${where}: causationId must be a string or null`);
  const caseId = parsed.caseId ?? null;
  if (caseId !== null && typeof caseId !== 'string')
    throw new MessageFormatError(`${where}: caseId must be a string or null`);
  const type = text('type');
  const event = {
    eventId: text('eventId'),
    type,
    schemaVersion: positive('schemaVersion'),
    tenant: text('tenant'),
    streamId: text('streamId'),
    caseId,
    version: positive('version'),
    position: positive('position'),
    effectiveDate,
    recordedAt: text('recordedAt'),
    correlationId: text('correlationId'),
    causationId,
    data: parsed.data as JsonObject,
  } as PublishedEvent;
  const known = isEventType(type) && event.schemaVersion <= CURRENT_SCHEMA_VERSION[type];
  return { kind: known ? 'known' : 'unknown', event };
}

/** The published event as projections take it (see the header for what stays empty). */
export function asRecordedEvent(event: PublishedEvent): RecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    effectiveDate: event.effectiveDate,
    data: event.data,
    personal: null,
    metadata: {
      actor: '',
      correlationId: event.correlationId,
      causationId: event.causationId,
    },
    tenant: event.tenant,
    streamId: event.streamId,
    version: event.version,
    position: event.position,
    // The store's transaction id is not published; nothing that projects from Kafka orders by it.
    allPosition: { commit: 0, prepare: event.position },
    recordedAt: event.recordedAt,
    hash: '',
  };
}
