import { type EventType } from '../events.js';

/** The parts of a stored event an upcaster may change; `personal` is absent once erased. */
export interface StoredPayload {
  readonly data: unknown;
  readonly personal?: unknown;
}

/** Turns the payload of `type` written with `fromVersion` into its `toVersion` shape. */
export interface Upcaster {
  readonly type: EventType;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly upcast: (stored: StoredPayload) => StoredPayload;
}

/** A stored event as the event store reads it, after decrypting (or failing to decrypt) `personal`. */
export interface StoredEvent extends StoredPayload {
  readonly type: string;
  readonly schemaVersion: number;
}

/** A stored event the domain cannot read: a bug or a newer writer, never a user error. */
export class EventSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventSchemaError';
  }
}
