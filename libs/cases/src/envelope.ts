/** The one event envelope: how a decided domain event is stored, whoever decided it. */
import { CURRENT_SCHEMA_VERSION, effectiveDateOf, type DomainEvent } from '#domain';
import type { EventMetadata, JsonObject, NewEvent } from '#event-store';
import type { CommandContext } from './command-context.js';

export interface EnvelopeMetadata {
  readonly actor: string;
  readonly actorRoles: readonly string[];
  readonly correlationId: string;
  /** The command (or import run) that caused the event. */
  readonly causationId: string;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** The envelope of a command's events: who asked (from the context) and which command. */
export function commandEnvelope(context: CommandContext, commandId: string): EnvelopeMetadata {
  return {
    actor: context.principal.subject,
    actorRoles: context.principal.roles,
    correlationId: context.correlationId,
    causationId: commandId,
    ...(context.idempotency ? { idempotency: context.idempotency } : {}),
  };
}

/** `personal` is the event's personal part as stored: sealed by the caller, or null. */
export function eventEnvelope(
  event: DomainEvent,
  eventId: string,
  envelope: EnvelopeMetadata,
  personal: JsonObject | null,
): NewEvent {
  const metadata: Record<string, string | string[]> = {
    actor: envelope.actor,
    actorRoles: [...envelope.actorRoles],
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
  };
  if (envelope.idempotency) {
    metadata.idempotencyKey = envelope.idempotency.key;
    metadata.requestHash = envelope.idempotency.requestHash;
  }
  return {
    eventId,
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    effectiveDate: effectiveDateOf(event),
    data: event.data as unknown as JsonObject,
    personal,
    metadata: metadata as EventMetadata,
  };
}
