import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { openPostgresEventStore, verifyTenant, type SqlEventStore } from '#event-store';
import { Keyring, PersonalDataVault, isSealed } from '#privacy';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { legacyDemoRecords } from '../demo/legacy-demo-records.js';
import { importLegacy } from './import-legacy.js';
import {
  LegacyRecordError,
  parseLegacyRecord,
  type LegacyCase,
  type LegacyRecord,
} from './legacy-record.js';

const TODAY = '2026-11-25';
// No checkpoints are signed here: the key only has to exist for the chains to be checked.
const { publicKey } = generateKeyPairSync('ed25519');
let database: TestDatabase;
let store: SqlEventStore;
let vault: PersonalDataVault;

beforeAll(async () => {
  database = await createTestDatabase('teilhabe_legacy');
  store = await openPostgresEventStore({ connectionString: database.url });
  await store.migrate();
  vault = new PersonalDataVault(store.db, new Keyring(randomBytes(32)));
  await vault.migrate();
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

/** Records as the file reader gives them: every line parsed and checked. */
function lines(records: readonly LegacyRecord[]) {
  return async function* (): AsyncGenerator<[number, LegacyRecord]> {
    for (const [i, record] of records.entries())
      yield [i + 1, parseLegacyRecord(i + 1, JSON.stringify(record))];
  };
}

async function eventCount(): Promise<number> {
  const [row] = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  return Number(row!.n);
}

const options = { today: TODAY, actor: 'import:test', batchEvents: 200 };

describe('legacy import through the domain', () => {
  const records = [
    ...legacyDemoRecords({ jobcenters: 2, clients: 60, seed: 7, from: '2024-01', today: TODAY }),
  ];
  const cases = records.filter((r): r is LegacyCase => r.record === 'case');

  it('refuses a file with one bad record anywhere, naming line, field and rule, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.constantFrom(
          (c: LegacyCase) => ({ ...c, enrol: { ...c.enrol, enrolledOn: '2024-02-30' } }),
          (c: LegacyCase) => ({ ...c, caseId: 'not-a-uuid' }),
          (c: LegacyCase) => ({ ...c, enrol: { ...c.enrol, client: undefined } }),
          (c: LegacyCase) => ({ ...c, steps: [...c.steps, { command: 'teleport', body: {} }] }),
          (c: LegacyCase) => ({ ...c, colour: 'red' }),
          // The domain refuses it: employment ended without having started.
          (c: LegacyCase) => ({
            ...c,
            steps: [
              ...c.steps,
              {
                command: 'employments/end',
                employmentId: '0b8c3a52-3d4e-4f1e-9d0a-6c2b7e5f1a93',
                body: { endedOn: '2026-01-05' },
              },
            ],
          }),
        ),
        async (index, mutate) => {
          const bad = mutate(cases[index]!) as unknown as LegacyRecord;
          const file = records.map((r) => (r === cases[index] ? bad : r));
          const line = file.indexOf(bad) + 1;
          const error = await importLegacy(store, vault, lines(file), options).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(LegacyRecordError);
          expect((error as Error).message).toMatch(
            new RegExp(`^line ${line}: \\S+: .+ \\(\\S+\\)$`),
          );
          expect(await eventCount()).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('writes every case as the domain decided it, sealed and hash-chained, and a rerun writes nothing', async () => {
    const report = await importLegacy(store, vault, lines(records), options);
    expect(report.cases).toBe(cases.length);
    const streams = await store.db.query<{ stream_id: string; n: string }>(
      'SELECT stream_id, count(*) AS n FROM event_store.events GROUP BY stream_id',
    );
    // Each case stream starts with its enrolment and holds one event per accepted step (the
    // demo's steps each decide exactly one event), plus the programme streams.
    const expected = cases.reduce((sum, c) => sum + 1 + c.steps.length, 0);
    const caseEvents = streams
      .filter((s) => s.stream_id.startsWith('case-'))
      .reduce((sum, s) => sum + Number(s.n), 0);
    expect(caseEvents).toBe(expected);
    expect(streams.filter((s) => s.stream_id.startsWith('case-'))).toHaveLength(cases.length);

    for (const tenant of ['jc-kronach', 'jc-coburg']) {
      const verification = await verifyTenant(store, [], publicKey, tenant);
      expect(verification.problems).toEqual([]);
      expect(verification.events).toBeGreaterThan(60);
    }
    const sample = cases[3]!;
    const [enrolled] = await store.readStream(sample.jobcenter, `case-${sample.caseId}`);
    expect(isSealed(enrolled!.personal)).toBe(true);
    expect(JSON.stringify(enrolled)).not.toContain(
      (sample.enrol.client as { familyName: string }).familyName,
    );
    const opened = await vault.open(sample.jobcenter, sample.caseId, enrolled!.personal);
    expect(opened).toMatchObject({
      erased: false,
      data: { familyName: (sample.enrol.client as { familyName: string }).familyName },
    });

    // A person's cases (re-enrolled, or moved to the other Jobcenter) share one person key, and
    // only theirs: grouped by the client of the records, as the import never sees them grouped.
    const keys = await store.db.query<{ tenant_id: string; stream_id: string; key: string }>(
      `SELECT tenant_id, stream_id, data->>'personKey' AS key FROM event_store.events
       WHERE event_type = 'ClientEnrolled'`,
    );
    const keyOf = new Map(keys.map((k) => [`${k.tenant_id}/${k.stream_id}`, k.key]));
    const byClient = new Map<string, LegacyCase[]>();
    for (const c of cases) {
      const client = JSON.stringify(c.enrol.client);
      byClient.set(client, [...(byClient.get(client) ?? []), c]);
    }
    const personKeys = [...byClient.values()].map(
      (own) => new Set(own.map((c) => keyOf.get(`${c.jobcenter}/case-${c.caseId}`))),
    );
    expect(personKeys.every((set) => set.size === 1 && !set.has(undefined))).toBe(true);
    expect(new Set(personKeys.map((set) => [...set][0])).size).toBe(byClient.size);
    const several = [...byClient.values()].filter((own) => own.length > 1);
    expect(several.length).toBeGreaterThan(0);
    expect(several.some((own) => new Set(own.map((c) => c.jobcenter)).size > 1)).toBe(true);

    const before = await eventCount();
    const again = await importLegacy(store, vault, lines(records), options);
    expect(again.alreadyImported).toBe(cases.length);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a case that exists with other content', async () => {
    const other = {
      ...cases[0]!,
      enrol: { ...cases[0]!.enrol, enrolledOn: '2024-03-01' },
      steps: [],
    };
    const before = await eventCount();
    await expect(importLegacy(store, vault, lines([other]), options)).rejects.toThrow(
      /^line 1: caseId: case .* already exists in jc-kronach \(unique\)$/,
    );
    expect(await eventCount()).toBe(before);
  });
});
