import { type DomainEvent, type EventType } from '../events.js';
import { clientEnrolledV1ToV2 } from './client-enrolled.v1.js';
import { clientEnrolledV2ToV3 } from './client-enrolled.v2.js';
import { personalDataErasedV1ToV2 } from './personal-data-erased.v1.js';
import {
  EventSchemaError,
  type StoredEvent,
  type StoredPayload,
  type Upcaster,
} from './upcaster.js';
import { CURRENT_SCHEMA_VERSION } from './versions.js';

/** Every upcaster the domain knows, in any order; chains are found by (type, fromVersion). */
export const UPCASTERS: readonly Upcaster[] = [
  clientEnrolledV1ToV2,
  clientEnrolledV2ToV3,
  personalDataErasedV1ToV2,
];

/**
 * Builds an `upcast` over a registry. Checks the registry once, so that a missing or looping step
 * fails at start-up rather than on the first old event.
 */
export function createUpcast(
  upcasters: readonly Upcaster[],
  currentVersions: Readonly<Record<EventType, number>>,
): (stored: StoredEvent) => DomainEvent {
  const steps = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const { type, fromVersion, toVersion } = upcaster;
    const current = currentVersions[type];
    if (!(fromVersion >= 1 && toVersion > fromVersion && toVersion <= current)) {
      throw new EventSchemaError(
        `Upcaster ${type} v${fromVersion} → v${toVersion} must go forward and end at or before v${current}`,
      );
    }
    const key = stepKey(type, fromVersion);
    if (steps.has(key)) throw new EventSchemaError(`Two upcasters for ${type} v${fromVersion}`);
    steps.set(key, upcaster);
  }

  return function upcast(stored: StoredEvent): DomainEvent {
    const { type, schemaVersion } = stored;
    if (!Object.hasOwn(currentVersions, type)) {
      throw new EventSchemaError(`Unknown event type ${JSON.stringify(type)}`);
    }
    const eventType = type as EventType;
    const current = currentVersions[eventType];
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new EventSchemaError(`${type} has an invalid schema version ${schemaVersion}`);
    }
    if (schemaVersion > current) {
      throw new EventSchemaError(
        `${type} v${schemaVersion} is newer than this code knows (v${current}): deploy the newer version`,
      );
    }
    let payload: StoredPayload = { data: stored.data, personal: stored.personal };
    for (let version = schemaVersion; version < current;) {
      const step = steps.get(stepKey(eventType, version));
      if (step === undefined) {
        throw new EventSchemaError(
          `No upcaster for ${type} from v${version} (current v${current})`,
        );
      }
      payload = step.upcast(payload);
      version = step.toVersion;
    }
    // The store is trusted: events were validated by `decide` before they were written.
    const event = { type: eventType, data: payload.data } as DomainEvent;
    return payload.personal === undefined
      ? event
      : ({ ...event, personal: payload.personal } as DomainEvent);
  };
}

function stepKey(type: string, fromVersion: number): string {
  return `${type}@${fromVersion}`;
}

/** Reads a stored event of any known schema version as the current domain event. */
export const upcast: (stored: StoredEvent) => DomainEvent = createUpcast(
  UPCASTERS,
  CURRENT_SCHEMA_VERSION,
);
