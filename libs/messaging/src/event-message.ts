// What teilhabe publishes to Kafka: the statistical view of each domain event, never its personal
// data, not even sealed (contract: libs/messaging/asyncapi.yaml). Topic, key, partition, value
// and headers, and why: docs/design/published-events.md.
import {
  CURRENT_SCHEMA_VERSION,
  caseIdOfStream,
  isEventType,
  upcast,
  withoutPersonKey,
  type EventType,
} from '#domain';
import type { JsonObject, RecordedEvent } from '#event-store';

export const EVENTS_TOPIC = 'teilhabe.events.v1';

export const HEADERS = {
  eventId: 'teilhabe-event-id',
  type: 'teilhabe-event-type',
  schemaVersion: 'teilhabe-schema-version',
  tenant: 'teilhabe-tenant',
  correlationId: 'teilhabe-correlation-id',
  contentType: 'content-type',
} as const;

/** The value of a message, as JSON. */
export interface PublishedEvent {
  readonly eventId: string;
  readonly type: EventType;
  /** The schema version `data` follows (the type's current one). */
  readonly schemaVersion: number;
  /** The Jobcenter. */
  readonly tenant: string;
  /** `case-<uuid>` or `programme-<year>`. */
  readonly streamId: string;
  /** The case's id for case events, otherwise null. */
  readonly caseId: string | null;
  /** 1-based version in the stream: a consumer can check order and gaps per key. */
  readonly version: number;
  /** Global sequence number in the event store (what command responses call `position`). */
  readonly position: number;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Business and statistical attributes; never the personal part. */
  readonly data: JsonObject;
}

export interface OutgoingMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

export function messageKey(tenant: string, streamId: string): string {
  return `${tenant}/${streamId}`;
}

/**
 * The schema version each event type is published with. ClientEnrolled v3 only added the person
 * key, which never leaves the service, so what is published of it is still v2.
 */
export const PUBLISHED_SCHEMA_VERSION: Readonly<Record<EventType, number>> = {
  ...CURRENT_SCHEMA_VERSION,
  ClientEnrolled: 2,
  PersonalDataErased: 1,
};

/** The published view of a stored event, or undefined for events that stay inside. */
export function toPublishedEvent(event: RecordedEvent): PublishedEvent | undefined {
  if (!isEventType(event.type)) return undefined;
  // Upcast from the statistical part alone: personal data never takes part in what leaves.
  const current = upcast({
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
  });
  const caseId = caseIdOfStream(event.streamId) ?? null;
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: PUBLISHED_SCHEMA_VERSION[event.type],
    tenant: event.tenant,
    streamId: event.streamId,
    caseId,
    version: event.version,
    position: event.position,
    effectiveDate: event.effectiveDate,
    recordedAt: event.recordedAt,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    data: withoutPersonKey(current.data as unknown as JsonObject),
  };
}
export function toMessage(event: RecordedEvent): OutgoingMessage | undefined {
  const published = toPublishedEvent(event);
  if (!published) return undefined;
  return {
    key: messageKey(event.tenant, event.streamId),
    value: JSON.stringify(published),
    headers: {
      [HEADERS.eventId]: published.eventId,
      [HEADERS.type]: published.type,
      [HEADERS.schemaVersion]: String(published.schemaVersion),
      [HEADERS.tenant]: published.tenant,
      [HEADERS.correlationId]: published.correlationId,
      [HEADERS.contentType]: 'application/json',
    },
  };
}
