// The per-stream hash chain: sha256(previous hash ‖ version ‖ RFC 8785 JSON of the stored event
// without positions and hash), from 64 zeros, so anyone holding the events can recompute it
// without trusting the database. Byte for byte: docs/design/event-store.md.
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { JsonObject, NewEvent, RecordedEvent } from './event-store.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  readonly tenant: string;
  readonly streamId: string;
  readonly recordedAt: string;
  readonly event: NewEvent;
}

/**
 * The exact text whose UTF-8 bytes enter the link: the canonical JSON of the envelope. The
 * envelope's member names are written in their sorted order, so only the nested values need
 * sorting (the result equals canonicalJson of the whole envelope; a unit test checks that).
 */
export function canonicalContent({ tenant, streamId, recordedAt, event }: HashedContent): string {
  return (
    `{"data":${canonicalJson(event.data)}` +
    `,"effectiveDate":${JSON.stringify(event.effectiveDate)}` +
    `,"eventId":${JSON.stringify(event.eventId)}` +
    `,"metadata":${canonicalJson(event.metadata as JsonObject)}` +
    `,"personal":${canonicalJson(event.personal ?? null)}` +
    `,"recordedAt":${JSON.stringify(recordedAt)}` +
    `,"schemaVersion":${JSON.stringify(event.schemaVersion)}` +
    `,"streamId":${JSON.stringify(streamId)}` +
    `,"tenant":${JSON.stringify(tenant)}` +
    `,"type":${JSON.stringify(event.type)}}`
  );
}

/** The link (hex) of the event at `version`, given the link (hex) before it. */
export function chainLink(previous: string, version: number, content: HashedContent): string {
  return hash('sha256', `${previous}\n${version}\n${canonicalContent(content)}`, 'hex');
}

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly version: number; readonly reason: string };

/** Recomputes the chain of one whole stream, read forwards from version 1. */
export function verifyStreamChain(events: readonly RecordedEvent[]): ChainVerdict {
  let previous = GENESIS_HASH;
  let expectedVersion = 1;
  for (const event of events) {
    if (event.version !== expectedVersion) {
      return { ok: false, version: event.version, reason: `expected version ${expectedVersion}` };
    }
    const link = chainLink(previous, event.version, {
      tenant: event.tenant,
      streamId: event.streamId,
      recordedAt: event.recordedAt,
      event,
    });
    if (link !== event.hash) {
      return { ok: false, version: event.version, reason: 'hash does not match content' };
    }
    previous = link;
    expectedVersion += 1;
  }
  return { ok: true, events: events.length, head: previous };
}
