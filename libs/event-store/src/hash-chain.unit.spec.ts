import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
import type { JsonObject, NewEvent } from './event-store.js';
import { canonicalContent, chainLink, GENESIS_HASH } from './hash-chain.js';

const json = fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<JsonObject>;

describe('hash chain', () => {
  it('hashes the canonical JSON of the whole envelope', () => {
    fc.assert(
      fc.property(json, fc.option(json, { nil: null }), json, (data, personal, extra) => {
        const event: NewEvent = {
          eventId: randomUUID(),
          type: 'ClientEnrolled',
          schemaVersion: 2,
          effectiveDate: '2024-01-31',
          data,
          personal,
          metadata: { ...extra, actor: 'caseworker:anna', correlationId: 'c-1' },
        };
        const envelope = {
          eventId: event.eventId,
          tenant: 'jc-kronach',
          streamId: 'case-1',
          type: event.type,
          schemaVersion: event.schemaVersion,
          effectiveDate: event.effectiveDate,
          recordedAt: '2024-02-01T10:00:00.000Z',
          data,
          personal,
          metadata: event.metadata as JsonObject,
        };
        const content = {
          tenant: 'jc-kronach',
          streamId: 'case-1',
          recordedAt: envelope.recordedAt,
          event,
        };
        expect(canonicalContent(content)).toBe(canonicalJson(envelope));
        // The link as documented, recomputed independently with the streaming hash API.
        const expected = createHash('sha256')
          .update(`${GENESIS_HASH}\n7\n${canonicalJson(envelope)}`, 'utf8')
          .digest('hex');
        expect(chainLink(GENESIS_HASH, 7, content)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
