import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ExpectedVersion, RecordedEvent } from '../event-store.js';
import { GENESIS_HASH, verifyStreamChain } from '../hash-chain.js';
import { assertStreamId, assertTenant, validateAppend } from '../validation.js';
import {
  ATTEMPT_TYPE,
  CLAIM_TYPE,
  DATA_STREAM_REGEX,
  ForeignEventError,
  appendIdOf,
  attemptBases,
  batchOf,
  claimOf,
  claimStreamName,
  claimedBy,
  decodeEvent,
  encodeAppend,
  fromStreamName,
  revisionOfVersion,
  satisfies,
  streamStateFor,
  tenantPrefix,
  toAllPosition,
  toClientPosition,
  toStreamName,
  versionOfRevision,
  type KurrentBody,
  type StoredRecord,
} from './kurrentdb-mapping.js';

const tenants = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/);
const streamIds = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/);
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

describe('KurrentDB stream names', () => {
  it('generates only tenants and stream ids that validation.ts accepts', () => {
    fc.assert(
      fc.property(tenants, streamIds, (tenant, streamId) => {
        assertTenant(tenant);
        assertStreamId(streamId);
      }),
    );
  });

  it('round-trips every tenant and stream id through the stream name', () => {
    fc.assert(
      fc.property(tenants, streamIds, (tenant, streamId) => {
        expect(fromStreamName(toStreamName(tenant, streamId))).toEqual({ tenant, streamId });
      }),
      { numRuns: 500 },
    );
  });

  it('maps different (tenant, stream id) pairs to different names', () => {
    // Shared characters make near-collisions likely: "a-b" + "c" against "a" + "b-c" and so on.
    const small = (pattern: RegExp) => fc.stringMatching(pattern);
    const pair = fc.tuple(small(/^[ab][ab-]{0,3}$/), small(/^[ab][ab.:-]{0,3}$/));
    fc.assert(
      fc.property(pair, pair, ([t1, s1], [t2, s2]) => {
        const same = t1 === t2 && s1 === s2;
        expect(toStreamName(t1, s1) === toStreamName(t2, s2)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it("selects a tenant's streams by prefix, and no other tenant's", () => {
    fc.assert(
      fc.property(tenants, tenants, streamIds, (tenant, other, streamId) => {
        const name = toStreamName(other, streamId);
        expect(name.startsWith(tenantPrefix(tenant))).toBe(tenant === other);
      }),
      { numRuns: 1000 },
    );
    expect(toStreamName('jc-ab', 'x').startsWith(tenantPrefix('jc-a'))).toBe(false);
  });

  it('filters every data stream in and system, metadata and claim streams out', () => {
    const regex = new RegExp(DATA_STREAM_REGEX);
    fc.assert(
      fc.property(tenants, streamIds, (tenant, streamId) => {
        expect(regex.test(toStreamName(tenant, streamId))).toBe(true);
        expect(regex.test(`$$${toStreamName(tenant, streamId)}`)).toBe(false);
      }),
    );
    for (const name of ['$all', '$settings', '$stats-127.0.0.1:2113', '$$jc-a/x', '$et-Foo']) {
      expect(regex.test(name)).toBe(false);
      expect(fromStreamName(name)).toBeUndefined();
    }
    const claim = claimStreamName(randomUUID());
    expect(regex.test(claim)).toBe(false);
    expect(fromStreamName(claim)).toBeUndefined();
  });

  it('recognises no name whose parts validation.ts would refuse', () => {
    for (const name of ['Jc/x', 'jc/has space', 'jc/a/b', 'jc/', '/x', '-jc/x', 'jc/.x', '*/x']) {
      expect(fromStreamName(name)).toBeUndefined();
    }
  });
});

describe('KurrentDB versions and expected versions', () => {
  it('maps 1-based versions to 0-based revisions and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (version) => {
        expect(revisionOfVersion(version)).toBe(BigInt(version) - 1n);
        expect(versionOfRevision(revisionOfVersion(version))).toBe(version);
      }),
    );
    expect(revisionOfVersion(1)).toBe(0n);
    expect(versionOfRevision(0n)).toBe(1);
  });

  it('refuses versions that have no revision and revisions past 2^53', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => revisionOfVersion(bad)).toThrow(RangeError);
    }
    expect(versionOfRevision(MAX - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => versionOfRevision(MAX)).toThrow(/outside 0..2\^53-1/);
  });

  it('appends at no_stream for an empty head and at the head revision otherwise', () => {
    expect(streamStateFor(0)).toBe('no_stream');
    expect(streamStateFor(1)).toBe(0n);
    expect(streamStateFor(3)).toBe(2n);
  });

  it('checks expected versions by the rules of the port', () => {
    const expected: fc.Arbitrary<ExpectedVersion> = fc.oneof(
      fc.constantFrom('any' as const, 'no-stream' as const, 'stream-exists' as const),
      fc.nat({ max: 6 }),
    );
    fc.assert(
      fc.property(expected, fc.nat({ max: 6 }), (e, version) => {
        const rule =
          e === 'any'
            ? true
            : e === 'no-stream'
              ? version === 0
              : e === 'stream-exists'
                ? version > 0
                : e === version;
        expect(satisfies(e, version)).toBe(rule);
      }),
    );
    expect(satisfies(0, 0)).toBe(true);
    expect(satisfies('no-stream', 2)).toBe(false);
    expect(satisfies('stream-exists', 0)).toBe(false);
    expect(satisfies(2, 3)).toBe(false);
  });
});

describe('KurrentDB positions', () => {
  it('round-trips every position JavaScript can hold', () => {
    const big = fc.bigInt({ min: 0n, max: MAX });
    fc.assert(
      fc.property(big, big, (commit, prepare) => {
        const position = toAllPosition({ commit, prepare });
        expect(position).toEqual({ commit: Number(commit), prepare: Number(prepare) });
        expect(toClientPosition(position)).toEqual({ commit, prepare });
      }),
    );
  });

  it('refuses a position past 2^53 - 1 instead of rounding it', () => {
    expect(toAllPosition({ commit: MAX, prepare: MAX })).toEqual({
      commit: Number.MAX_SAFE_INTEGER,
      prepare: Number.MAX_SAFE_INTEGER,
    });
    expect(() => toAllPosition({ commit: MAX + 1n, prepare: 5n })).toThrow(RangeError);
    expect(() => toAllPosition({ commit: MAX + 1n, prepare: MAX + 1n })).toThrow(
      /commit position 9007199254740992/,
    );
    expect(() => toAllPosition({ commit: 5n, prepare: -1n })).toThrow(/prepare position/);
  });
});

/** What KurrentDB hands back for a body it stored: JSON in, JSON out. */
function stored(name: string, body: KurrentBody, revision: number, position: bigint): StoredRecord {
  return {
    streamId: name,
    id: body.id,
    revision: BigInt(revision),
    type: body.type,
    data: JSON.parse(JSON.stringify(body.data)),
    metadata: JSON.parse(JSON.stringify(body.metadata)),
    position: { commit: position, prepare: position },
  };
}

describe('KurrentDB event bodies', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 12 });
  const json = fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  const newEvent = fc.record(
    {
      eventId: fc.uuid(),
      type: fc.stringMatching(/^[A-Za-z][A-Za-z0-9.-]{0,20}$/),
      schemaVersion: fc.integer({ min: 1, max: 1000 }),
      effectiveDate: fc
        .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      data: json,
      personal: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer())), { nil: null }),
      metadata: fc.record(
        {
          actor: text.filter((s) => s.length > 0),
          correlationId: fc.uuid(),
          causationId: fc.option(fc.uuid(), { nil: null }),
          extra: json,
        },
        { requiredKeys: ['actor', 'correlationId'] },
      ),
    },
    { requiredKeys: ['eventId', 'type', 'schemaVersion', 'effectiveDate', 'data', 'metadata'] },
  );

  it('round-trips generated events and keeps their hash chain verifiable', () => {
    fc.assert(
      fc.property(
        tenants,
        streamIds,
        fc.uniqueArray(newEvent, { minLength: 1, maxLength: 8, selector: (e) => e.eventId }),
        fc.integer({ min: 1, max: 3 }),
        (tenant, streamId, generated, split) => {
          // JSON cannot carry NUL (refused by validation) or -0 (read back as 0).
          const events = JSON.parse(
            JSON.stringify(generated).replace(/\\u0000/g, ''),
          ) as typeof generated;
          const validated = validateAppend(tenant, streamId, events as never, {
            expectedVersion: 'any',
          });
          const name = toStreamName(tenant, streamId);
          // Two appends, the second building on the head the first left, as the adapter does.
          const cut = Math.min(split, validated.length);
          const appendId = randomUUID();
          const first = encodeAppend(
            tenant,
            streamId,
            validated.slice(0, cut),
            { version: 0, hash: GENESIS_HASH },
            '2024-03-15T10:00:00.000Z',
            appendId,
          );
          const second = encodeAppend(
            tenant,
            streamId,
            validated.slice(cut),
            { version: cut, hash: first.at(-1)!.metadata.hash },
            '2024-03-15T10:00:01.250Z',
            appendId,
          );
          const records = [...first, ...second].map((body, i) =>
            stored(name, body, i, 1000n + 100n * BigInt(i)),
          );
          const read = records.map(decodeEvent);
          expect(verifyStreamChain(read)).toMatchObject({ ok: true, events: events.length });
          read.forEach((event: RecordedEvent, i) => {
            const written = events[i]!;
            expect(event).toEqual({
              eventId: written.eventId.toLowerCase(),
              tenant,
              streamId,
              version: i + 1,
              position: 1000 + 100 * i,
              allPosition: { commit: 1000 + 100 * i, prepare: 1000 + 100 * i },
              type: written.type,
              schemaVersion: written.schemaVersion,
              effectiveDate: written.effectiveDate,
              recordedAt: i < cut ? '2024-03-15T10:00:00.000Z' : '2024-03-15T10:00:01.250Z',
              data: written.data,
              personal: written.personal ?? null,
              metadata: written.metadata,
              hash: read[i]!.hash,
            });
            expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
            expect(appendIdOf(records[i]!)).toBe(appendId);
          });
          // Business data stays in KurrentDB's data; personal data and our fields do not.
          expect(first[0]!.data).toEqual(events[0]!.data);
          expect(first[0]!.metadata.$correlationId).toBe(events[0]!.metadata.correlationId);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('breaks the chain when a stored event is changed', () => {
    const tenant = 'jc-kronach';
    const streamId = 'case-1';
    const validated = validateAppend(
      tenant,
      streamId,
      [1, 2, 3].map((n) => ({
        eventId: randomUUID(),
        type: 'SomethingHappened',
        schemaVersion: 1,
        effectiveDate: '2024-03-15',
        data: { n },
        metadata: { actor: 'caseworker:anna', correlationId: randomUUID() },
      })),
      { expectedVersion: 'no-stream' },
    );
    const bodies = encodeAppend(
      tenant,
      streamId,
      validated,
      { version: 0, hash: GENESIS_HASH },
      '2024-03-15T10:00:00.000Z',
      randomUUID(),
    );
    const read = bodies.map((b, i) =>
      decodeEvent(stored(toStreamName(tenant, streamId), b, i, 1n)),
    );
    expect(verifyStreamChain(read).ok).toBe(true);
    const changed = read.map((e, i) => (i === 1 ? { ...e, data: { n: 20 } } : e));
    expect(verifyStreamChain(changed)).toMatchObject({ ok: false, version: 2 });
  });

  it('refuses records that are not ours, naming what is wrong', () => {
    const body = encodeAppend(
      'jc-a',
      's',
      validateAppend(
        'jc-a',
        's',
        [
          {
            eventId: randomUUID(),
            type: 'T',
            schemaVersion: 1,
            effectiveDate: '2024-01-01',
            data: {},
            metadata: { actor: 'a', correlationId: 'c' },
          },
        ],
        { expectedVersion: 'any' },
      ),
      { version: 0, hash: GENESIS_HASH },
      '2024-01-01T00:00:00.000Z',
      randomUUID(),
    )[0]!;
    const good = stored('jc-a/s', body, 0, 7n);
    expect(decodeEvent(good).tenant).toBe('jc-a');
    const bad: [Partial<StoredRecord>, RegExp][] = [
      [{ streamId: '$stats' }, /stream name/],
      [{ id: 'not-a-uuid' }, /event id/],
      [{ data: [1] }, /data is not a JSON object/],
      [{ metadata: new Uint8Array([1]) }, /metadata is not a JSON object/],
      [{ metadata: { ...(good.metadata as object), hash: undefined } }, /hash is missing/],
      [{ metadata: { ...(good.metadata as object), recordedAt: 5 } }, /recordedAt is missing/],
      [{ position: undefined }, /no log position/],
    ];
    for (const [change, message] of bad) {
      const decode = () => decodeEvent({ ...good, ...change });
      expect(decode).toThrow(ForeignEventError);
      expect(decode).toThrow(message);
    }
  });
});

describe('KurrentDB id claims', () => {
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const batch = batchOf('jc-a', 'case-1', ids);

  it('recognises its own claims and no other append', () => {
    ids.forEach((_, i) => expect(claimedBy(claimOf(batch, i, 4), batch, i)).toBe(true));
    const others = [
      batchOf('jc-b', 'case-1', ids),
      batchOf('jc-a', 'case-2', ids),
      batchOf('jc-a', 'case-1', [ids[1]!, ids[0]!, ids[2]!]),
      batchOf('jc-a', 'case-1', ids.slice(0, 2)),
      batchOf('jc-a', 'case-1', [...ids, randomUUID()]),
    ];
    for (const other of others) expect(claimedBy(claimOf(other, 0, 4), batch, 0)).toBe(false);
    expect(claimedBy(claimOf(batch, 1, 4), batch, 0)).toBe(false);
    expect(claimedBy(null, batch, 0)).toBe(false);
    expect(claimedBy('claim', batch, 0)).toBe(false);
  });

  it('treats event ids case-insensitively, as validation does', () => {
    const upper = batchOf(
      'jc-a',
      'case-1',
      ids.map((id) => id.toUpperCase()),
    );
    expect(upper.fingerprint).toBe(batch.fingerprint);
    expect(claimStreamName(ids[0]!.toUpperCase())).toBe(claimStreamName(ids[0]!));
  });

  it('collects the head versions every attempt built on', () => {
    expect(
      attemptBases([
        { type: CLAIM_TYPE, data: claimOf(batch, 0, 3) },
        { type: ATTEMPT_TYPE, data: { base: 5 } },
        { type: ATTEMPT_TYPE, data: { base: 3 } },
        { type: ATTEMPT_TYPE, data: { base: -1 } },
        { type: 'Other', data: { base: 9 } },
        { type: ATTEMPT_TYPE, data: 'junk' },
      ]),
    ).toEqual([3, 5]);
  });
});
