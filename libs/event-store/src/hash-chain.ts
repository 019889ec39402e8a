/**
 * The per-stream hash chain: each event's `hash` is
 *   sha256(previous hash || version as 8-byte big-endian || canonical content)
 * where the first event's previous hash is 32 zero bytes and the canonical content is the
 * RFC 8785 JSON of everything stored about the event except its positions. Anyone holding the
 * events (an export, a read of the table) can recompute the chain without trusting the
 * database; a changed, deleted, inserted or reordered event breaks its link and every later one.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { JsonObject, NewEvent, RecordedEvent } from './event-store.js';

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export interface HashedContent {
  readonly tenant: string;
  readonly streamId: string;
  readonly recordedAt: string;
  readonly event: NewEvent;
}

/** The exact text whose UTF-8 bytes enter the hash. */
export function canonicalContent({ tenant, streamId, recordedAt, event }: HashedContent): string {
  const content: JsonObject = {
    eventId: event.eventId,
    tenant,
    streamId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    effectiveDate: event.effectiveDate,
    recordedAt,
    data: event.data,
    personal: event.personal ?? null,
    metadata: event.metadata as JsonObject,
  };
  return canonicalJson(content);
}

/** The link of the event at `version`, given the link before it. */
export function chainLink(previous: Buffer, version: number, content: HashedContent): Buffer {
  const versionBytes = Buffer.allocUnsafe(8);
  versionBytes.writeBigInt64BE(BigInt(version));
  return createHash('sha256')
    .update(previous)
    .update(versionBytes)
    .update(canonicalContent(content), 'utf8')
    .digest();
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
    if (link.toString('hex') !== event.hash) {
      return { ok: false, version: event.version, reason: 'hash does not match content' };
    }
    previous = link;
    expectedVersion += 1;
  }
  return { ok: true, events: events.length, head: previous.toString('hex') };
}
