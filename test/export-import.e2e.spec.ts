/**
 * An auditor's tools on real PostgreSQL: export a Jobcenter and import it into an empty store
 * (identical streams, hashes and statistics; personal data still sealed, erased data still
 * gone), `teilhabe audit verify` before and after tampering, and `teilhabe replay`.
 */
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import {
  CheckpointStore,
  GENESIS_HASH,
  chainLink,
  nextDigest,
  type RecordedEvent,
  type SqlEventStore,
  openPostgresEventStore,
  signCheckpoint,
  verifyTenant,
} from '#event-store';
import {
  ProjectionRunner,
  StatisticsProjection,
  StatisticsQueries,
  parseMonth,
} from '#projections';
import { exportCommand, importCommand } from '../apps/cli/src/commands/audit.js';
import { runCli } from '../apps/cli/src/program.js';
import { keyringFor, loadConfig, signingKeyFor } from '#config';
import { PersonalDataVault } from '#privacy';
import {
  approvedProgramme,
  send,
  startApp,
  TEST_ENCRYPTION_KEY,
  TEST_SECRET,
  TEST_SIGNING_KEY,
  testKey,
  type RunningApp,
} from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const T = 'jc-kronach';
let running: RunningApp;
let target: TestDatabase;
const env = (url: string) => ({
  DATABASE_URL: url,
  AUTH_SECRET: TEST_SECRET,
  ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
  CI: 'true',
});
let kept: string;
let erased: string;

beforeAll(async () => {
  running = await startApp();
  target = await createTestDatabase();
  await approvedProgramme(running, T, 2024, ['JT-2024-01']);
  const token = await running.token(T, 'caseworker');
  const enrol = async (givenName: string) =>
    (
      await send(running.url, 'POST', '/v1/cases', {
        token,
        body: {
          client: {
            givenName,
            familyName: 'Exportova',
            dateOfBirth: '1985-01-01',
            gender: 'female',
          },
          enrolledOn: '2024-01-10',
          targetGroups: { refugeeUkraine: true },
        },
      })
    ).body.caseId as string;
  kept = await enrol('Kept');
  erased = await enrol('Erased');
  for (const caseId of [kept, erased]) {
    await send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
      token,
      body: {
        kind: 'insured',
        startedOn: '2024-05-02',
        subsidised: false,
        monthlyGrossIncome: 2100,
      },
    });
  }
  await send(running.url, 'POST', `/v1/cases/${erased}/close`, {
    token,
    body: { closedOn: '2024-07-31', reason: 'moved' },
  });
  await send(running.url, 'POST', `/v1/cases/${erased}/erasure`, {
    token: await running.token(T, 'dpo'),
    body: {},
  });
  // The access log is part of the Jobcenter's events too.
  await send(running.url, 'GET', `/v1/cases/${kept}`, { token });
}, 60_000);
afterAll(async () => {
  await running?.close();
  await target?.drop();
});

async function figures(store: SqlEventStore, schema: string) {
  const queries = new StatisticsQueries(store.db, schema);
  const out: unknown[] = [];
  for (const indicator of [
    'stock',
    'integration-quota',
    'need-ended',
    'measure-occupancy',
  ] as const) {
    for (const month of ['2024-05', '2024-08', '2025-01']) {
      const value = (
        await queries.compute({
          indicator,
          month: parseMonth(month)!,
          group: 'all',
          gender: 'all',
          tenant: T,
        })
      ).get(T)!.cell;
      out.push({ indicator, month, numerator: value.numerator, denominator: value.denominator });
    }
  }
  return out;
}

it('exports a Jobcenter and imports it into an empty store with identical streams, hashes and statistics', async () => {
  const lines: string[] = [];
  const exported = await exportCommand(loadConfig(env(running.database.url)), T, (line) =>
    lines.push(line),
  );
  expect(exported).toBeGreaterThanOrEqual(9);
  expect(lines.join('\n')).not.toMatch(/"Kept"|"Erased"|Exportova/); // personal data only sealed

  const imported = await importCommand(
    loadConfig(env(target.url)),
    Readable.from(lines.map((l) => `${l}\n`)),
  );
  expect(imported).toMatchObject({ tenant: T, events: exported, keys: 1 });

  const copy = await openPostgresEventStore({ connectionString: target.url });
  try {
    const original = await running.allEvents();
    const streams = [...new Set(original.filter((e) => e.tenant === T).map((e) => e.streamId))];
    for (const streamId of streams) {
      const strip = (events: Awaited<ReturnType<SqlEventStore['readStream']>>) =>
        events.map(({ position: _p, allPosition: _a, ...rest }) => rest);
      expect(strip(await copy.readStream(T, streamId))).toEqual(
        strip(await running.store.readStream(T, streamId)),
      );
    }
    const key = signingKeyFor(loadConfig(env(target.url)));
    await signCheckpoint(copy, new CheckpointStore(copy.db), key, T);
    expect(
      await verifyTenant(copy, await new CheckpointStore(copy.db).list(T), key.publicKey, T),
    ).toMatchObject({ ok: true, events: exported });

    // The same statistics, projected from the copy.
    const projection = new StatisticsProjection();
    await new ProjectionRunner(copy, copy.db, projection, { schema: 'stats' }).catchUp();
    await new ProjectionRunner(running.store, running.store.db, projection, {
      schema: 'stats_compare',
    }).catchUp();
    expect(await figures(copy, 'stats')).toEqual(await figures(running.store, 'stats_compare'));

    // With the same master key the kept client's data opens; the erased one's does not.
    const vault = new PersonalDataVault(copy.db, keyringFor(loadConfig(env(target.url))));
    const [keptEnrolment] = await copy.readStream(T, `case-${kept}`);
    const [erasedEnrolment] = await copy.readStream(T, `case-${erased}`);
    expect(await vault.open(T, kept, keptEnrolment!.personal)).toMatchObject({
      erased: false,
      data: { givenName: 'Kept' },
    });
    expect(await vault.open(T, erased, erasedEnrolment!.personal)).toEqual({ erased: true });
  } finally {
    await copy.close();
  }

  // Into a store that already has the Jobcenter: refused, nothing written.
  await expect(
    importCommand(loadConfig(env(target.url)), Readable.from(lines.map((l) => `${l}\n`))),
  ).rejects.toThrow(/already holds/);
});

it('refuses a changed export before writing anything', async () => {
  const lines: string[] = [];
  await exportCommand(loadConfig(env(running.database.url)), T, (line) => lines.push(line));
  const changed = lines.map((line) => line.replace('"kind":"insured"', '"kind":"marginal"'));
  expect(changed).not.toEqual(lines);
  const empty = await createTestDatabase();
  try {
    await expect(
      importCommand(loadConfig(env(empty.url)), Readable.from(changed.map((l) => `${l}\n`))),
    ).rejects.toThrow(/nothing was imported/);
    const store = await openPostgresEventStore({ connectionString: empty.url });
    const { events } = await store.readAll({ tenant: T });
    await store.close();
    expect(events).toEqual([]);
  } finally {
    await empty.drop();
  }
});

it('an auditor verifies an export file on their own machine, with their own key and kept checkpoints', async () => {
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
    env: env(running.database.url),
  };
  const dir = mkdtempSync(join(tmpdir(), 'teilhabe-offline-'));
  const file = (name: string) => join(dir, name);
  // Out of band, once: the operator's public key. Periodically: the checkpoints, over HTTP.
  expect(await runCli(['audit', 'checkpoint'], io)).toBe(0);
  out.length = 0;
  expect(await runCli(['audit', 'public-key'], io)).toBe(0);
  writeFileSync(file('operator.pem'), out.join(''));
  const kept = await send(running.url, 'GET', '/v1/audit/integrity/checkpoints', {
    token: await running.token(T, 'auditor'),
  });
  expect(kept.status).toBe(200);
  expect((kept.body.checkpoints as unknown[]).length).toBeGreaterThanOrEqual(1);
  writeFileSync(file('kept.json'), JSON.stringify(kept.body));
  expect(await runCli(['export', '--tenant', T, '--output', file('t.ndjson')], io)).toBe(0);

  // The auditor's machine has no database: the file, the key and the kept copies are enough.
  const offline = (...args: string[]) =>
    runCli(['audit', 'verify', ...args], { ...io, env: { CI: 'true' } });
  const verifyFile = (name: string) =>
    offline(
      '--export',
      file(name),
      '--public-key',
      file('operator.pem'),
      '--checkpoints',
      file('kept.json'),
    );
  out.length = 0;
  expect(await verifyFile('t.ndjson')).toBe(0);
  expect(out.join('')).toMatch(/^OK\s+jc-kronach: \d+ events in \d+ streams, [1-9]\d* signed/m);

  // One field changed in the file: its stream's chain breaks.
  const lines = readFileSync(file('t.ndjson'), 'utf8').trim().split('\n');
  writeFileSync(
    file('changed.ndjson'),
    lines.map((l) => l.replace('"kind":"insured"', '"kind":"marginal"')).join('\n'),
  );
  out.length = 0;
  expect(await verifyFile('changed.ndjson')).toBe(1);
  expect(out.join('')).toMatch(/FAIL jc-kronach.*\n\s+chain case-[0-9a-f-]+ v2/);

  // The whole attack: the stream re-hashed, the end line recomputed, the file's checkpoints
  // dropped. Only the checkpoints the auditor kept give it away.
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const victim = `case-${erased}`;
  let previous = GENESIS_HASH;
  let digest = GENESIS_HASH;
  const rewritten = records
    .filter((r) => r.kind !== 'checkpoint')
    .map((r) => {
      if (r.kind !== 'event') return r;
      const event = r as unknown as RecordedEvent & { kind: 'event' };
      if (event.streamId === victim) {
        const forged = {
          ...event,
          data:
            event.type === 'EmploymentStarted' ? { ...event.data, kind: 'marginal' } : event.data,
        };
        previous = chainLink(previous, event.version, {
          tenant: T,
          streamId: victim,
          recordedAt: event.recordedAt,
          event: forged,
        });
        r = { ...forged, hash: previous };
      }
      digest = nextDigest(digest, r.hash as string);
      return r;
    })
    .map((r) => (r.kind === 'end' ? { ...r, checkpoints: 0, digest } : r));
  writeFileSync(file('rewritten.ndjson'), rewritten.map((r) => JSON.stringify(r)).join('\n'));
  out.length = 0;
  expect(
    await offline('--export', file('rewritten.ndjson'), '--public-key', file('operator.pem')),
  ).toBe(0);
  expect(out.join('')).toContain(' 0 signed checkpoint(s) verified');
  out.length = 0;
  expect(await verifyFile('rewritten.ndjson')).toBe(1);
  expect(out.join('')).toMatch(
    /checkpoint \d+ \(signed [^)]+\) covers \d+ events .*the digest of the events differs/,
  );

  // A key that did not sign them: every checkpoint is refused.
  const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
  writeFileSync(file('other.pem'), other);
  out.length = 0;
  expect(await offline('--export', file('t.ndjson'), '--public-key', file('other.pem'))).toBe(1);
  expect(out.join('')).toMatch(/signature: checkpoint \d+: the signature does not verify/);

  // Usage: the key must come from the auditor, never from the file.
  out.length = 0;
  expect(await offline('--export', file('t.ndjson'))).toBe(2);
  expect(out.join('')).toContain('--export needs --public-key');
  writeFileSync(file('not-a-key.pem'), 'hello');
  out.length = 0;
  expect(await offline('--export', file('t.ndjson'), '--public-key', file('not-a-key.pem'))).toBe(
    2,
  );
  expect(out.join('')).toContain('--public-key must be an Ed25519 public key');
});

it('teilhabe audit verify passes on the real store and fails, naming the stream, after tampering', async () => {
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
    env: env(running.database.url),
  };
  expect(await runCli(['audit', 'checkpoint'], io)).toBe(0);
  expect(await runCli(['audit', 'verify', '--tenant', T], io)).toBe(0);
  expect(out.join('')).toMatch(
    /OK\s+jc-kronach: \d+ events in \d+ streams, 1 signed checkpoint\(s\) verified/,
  );
  // The auditor keeps a copy of the signed checkpoints.
  out.length = 0;
  expect(await runCli(['audit', 'checkpoints', '--tenant', T], io)).toBe(0);
  const keptFile = join(mkdtempSync(join(tmpdir(), 'teilhabe-kept-')), 'checkpoints.ndjson');
  writeFileSync(keptFile, out.join(''));
  expect(out.join('').trim().split('\n')).toHaveLength(1);
  out.length = 0;
  expect(await runCli(['audit', 'verify', '--tenant', T, '--checkpoints', keptFile], io)).toBe(0);
  const brokenFile = `${keptFile}.broken`;
  writeFileSync(brokenFile, `${readFileSync(keptFile, 'utf8')}\n{"tenant":"jc-kronach"}\n`);
  out.length = 0;
  expect(await runCli(['audit', 'verify', '--checkpoints', brokenFile], io)).toBe(2);
  expect(out.join('')).toMatch(/--checkpoints .*broken line \d+: seq must be a whole number/);
  await running.store.db.query(
    `UPDATE event_store.events SET effective_date = '2024-05-03' WHERE stream_id = $1 AND event_type = 'EmploymentStarted'`,
    [`case-${kept}`],
  );
  out.length = 0;
  expect(await runCli(['audit', 'verify', '--tenant', T], io)).toBe(1);
  expect(out.join('')).toContain(`FAIL jc-kronach`);
  expect(out.join('')).toContain(`chain case-${kept} v2`);
  out.length = 0;
  expect(await runCli(['audit', 'verify', '--checkpoints', keptFile], io)).toBe(1);
  expect(out.join('')).toContain(`chain case-${kept} v2`);
  expect(await runCli(['audit', 'verify', '--tenant', 'NOT A TENANT'], io)).toBe(2);
});

it('teilhabe replay shows the statistics as they stood on a past day', async () => {
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: () => undefined,
    env: env(running.database.url),
  };
  const today = new Date().toISOString().slice(0, 10);
  expect(await runCli(['replay', '--as-of', today, '--tenant', T, '--month', '2024-06'], io)).toBe(
    0,
  );
  expect(out.join('')).toMatch(/\| jc-kronach \| 2 \|/); // two clients in stock at the end of June 2024
  out.length = 0;
  expect(
    await runCli(['replay', '--as-of', '2024-01-01', '--tenant', T, '--month', '2024-06'], io),
  ).toBe(0);
  expect(out.join('')).toContain('(0 events recorded by then)');
  expect(await runCli(['replay', '--as-of', '2024-02-30'], io)).toBe(2);
});

it('teilhabe keys rotate re-wraps every data key under the new master key, or changes nothing', async () => {
  const NEW_KEY = testKey('export-import new master key');
  const UNKNOWN_KEY = testKey('export-import unknown master key');
  const out: string[] = [];
  const io = (extra: Record<string, string>) => ({
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
    env: { ...env(running.database.url), ...extra },
  });
  const wrappedKeys = () =>
    running.store.db.query<{ case_id: string; master_key_id: string; wrapped: string }>(
      `SELECT case_id, master_key_id, encode(wrapped, 'hex') AS wrapped FROM privacy.case_keys
       WHERE tenant = $1 AND wrapped IS NOT NULL ORDER BY case_id`,
      [T],
    );
  const before = await wrappedKeys();

  // Without the key the data keys are wrapped under: refused, nothing changed.
  expect(await runCli(['keys', 'rotate'], io({ ENCRYPTION_KEY: NEW_KEY }))).toBe(1);
  expect(out.join('')).toMatch(/neither ENCRYPTION_KEY nor in ENCRYPTION_PREVIOUS_KEYS/);
  expect(
    await runCli(
      ['keys', 'rotate'],
      io({ ENCRYPTION_KEY: NEW_KEY, ENCRYPTION_PREVIOUS_KEYS: UNKNOWN_KEY }),
    ),
  ).toBe(1);
  expect(await wrappedKeys()).toEqual(before);

  out.length = 0;
  expect(
    await runCli(
      ['keys', 'rotate'],
      io({ ENCRYPTION_KEY: NEW_KEY, ENCRYPTION_PREVIOUS_KEYS: TEST_ENCRYPTION_KEY }),
    ),
  ).toBe(0);
  expect(out.join('')).toMatch(/Re-wrapped [1-9]\d* data key\(s\)/);
  const after = await wrappedKeys();
  expect(after.map((k) => k.case_id)).toEqual(before.map((k) => k.case_id));
  for (const [i, key] of after.entries()) {
    expect(key.wrapped).not.toBe(before[i]!.wrapped);
    expect(key.master_key_id).not.toBe(before[i]!.master_key_id);
  }

  // The new master key alone opens the unchanged events; the old one alone no longer does.
  const [enrolment] = await running.store.readStream(T, `case-${kept}`);
  const withNew = new PersonalDataVault(
    running.store.db,
    keyringFor(loadConfig({ ...env(running.database.url), ENCRYPTION_KEY: NEW_KEY })),
  );
  expect(await withNew.open(T, kept, enrolment!.personal)).toMatchObject({
    erased: false,
    data: { givenName: 'Kept' },
  });
  const withOld = new PersonalDataVault(
    running.store.db,
    keyringFor(loadConfig(env(running.database.url))),
  );
  await expect(withOld.open(T, kept, enrolment!.personal)).rejects.toThrow(/not configured/);

  // Embedded mode has no configured master key to rotate to.
  expect(
    await runCli(['keys', 'rotate'], {
      ...io({}),
      env: { CI: 'true', DATA_DIR: '/nonexistent/teilhabe-data' },
    }),
  ).toBe(2);
});

it('teilhabe keys generate prints secrets a server starts with', async () => {
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: {} };
  expect(await runCli(['keys', 'generate'], io)).toBe(0);
  const generated = parseEnv(out.join('')) as Record<string, string>;
  expect(Object.keys(generated).sort()).toEqual([
    'AUTH_SECRET',
    'CHECKPOINT_SIGNING_KEY',
    'ENCRYPTION_KEY',
  ]);
  const config = loadConfig({ ...generated, DATABASE_URL: running.database.url });
  const key = signingKeyFor(config);
  expect(key.publicKeyPem()).toContain('BEGIN PUBLIC KEY');
  expect(keyringFor(config).current.id).toMatch(/^[0-9a-f]{16}$/);
  // Two runs never print the same secrets.
  out.length = 0;
  await runCli(['keys', 'generate'], io);
  const again = parseEnv(out.join('')) as Record<string, string>;
  for (const name of Object.keys(generated)) expect(again[name]).not.toBe(generated[name]);
});
