/**
 * The per-stream hash chain: each event's `hash` is
 *   sha256(previous hash || version as 8-byte big-endian || content hash)
 * where the first event's previous hash is 32 zero bytes and the content hash is the SHA-256 of
 * the RFC 8785 canonical JSON of everything stored about the event except its positions.
 * Anyone holding the events (an export, a read of the table) can recompute the chain without
 * trusting the database; a changed, deleted, inserted or reordered event breaks every later link.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject, NewEvent, RecordedEvent } from './event-store.js';

export const GENESIS_HASH = Buffer.alloc(32);

export interface HashedContent {
  readonly tenant: string;
  readonly streamId: string;
  readonly recordedAt: string;
  readonly event: NewEvent;
}

/** The exact bytes the content hash is taken over. */
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
    metadata: withoutUndefined(event.metadata),
  };
  const text = canonicalize(content);
  if (text === undefined) throw new Error('event content cannot be canonicalized');
  return text;
}

export function contentHash(content: HashedContent): Buffer {
  return createHash('sha256').update(canonicalContent(content), 'utf8').digest();
}

export function chainLink(previous: Buffer, version: number, content: Buffer): Buffer {
  const versionBytes = Buffer.alloc(8);
  versionBytes.writeBigInt64BE(BigInt(version));
  return createHash('sha256').update(previous).update(versionBytes).update(content).digest();
}

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly version: number; readonly reason: string };

/** Recomputes the chain of one whole stream, read forwards from version 1. */
export function verifyStreamChain(events: readonly RecordedEvent[]): ChainVerdict {
  let previous: Buffer = GENESIS_HASH;
  let expectedVersion = 1;
  for (const event of events) {
    if (event.version !== expectedVersion) {
      return { ok: false, version: event.version, reason: `expected version ${expectedVersion}` };
    }
    const link = chainLink(
      previous,
      event.version,
      contentHash({
        tenant: event.tenant,
        streamId: event.streamId,
        recordedAt: event.recordedAt,
        event,
      }),
    );
    if (link.toString('hex') !== event.hash) {
      return { ok: false, version: event.version, reason: 'hash does not match content' };
    }
    previous = link;
    expectedVersion += 1;
  }
  return { ok: true, events: events.length, head: previous.toString('hex') };
}

function withoutUndefined(metadata: NewEvent['metadata']): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) if (value !== undefined) out[key] = value;
  return out;
}
