/**
 * `npm start` in embedded mode: the server comes up on PGlite in DATA_DIR with no database
 * server, answers /health, and what was stored is still there after a restart. The event is an
 * enrolment of schema v2 (no person key): the projector looks its key up in the store, which on
 * PGlite's one connection must happen outside the batch's transaction, or the server hangs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { loadConfig } from '#config';
import { createServer } from '../apps/teilhabe/src/server.js';
import { runCli } from '../apps/cli/src/program.js';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-e2e-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ app: INestApplication; url: string }> {
  const app = await createServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' }));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** An enrolment of schema v2 (no person key), as an older server wrote it. */
function enrolmentV2() {
  return {
    eventId: randomUUID(),
    type: 'ClientEnrolled',
    schemaVersion: 2,
    effectiveDate: '2024-01-15',
    data: {
      caseId: 'c-1',
      enrolledOn: '2024-01-15',
      gender: 'female',
      birthMonth: '1990-04',
      targetGroups: { singleParent: false, refugeeUkraine: false },
    },
    metadata: { actor: 'caseworker:anna', correlationId: randomUUID() },
  };
}

it('serves /health on the embedded store and keeps events across a restart', async () => {
  const event = enrolmentV2();

  const first = await start();
  const health = await fetch(`${first.url.replace('[::1]', '127.0.0.1')}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({
    status: 'ok',
    eventStore: { engine: 'pglite', status: 'up' },
  });
  await first.app.get<EventStore>(EVENT_STORE).appendToStream('jc-kronach', 'case-c-1', [event], {
    expectedVersion: 'no-stream',
  });
  await first.app.close();

  const second = await start();
  const read = await second.app.get<EventStore>(EVENT_STORE).readStream('jc-kronach', 'case-c-1');
  expect(read.map((e) => e.eventId)).toEqual([event.eventId]);
  await second.app.close();
}, 60_000);

/** Permission bits (as octal text) of every file and directory under `dir`, by kind. */
function modesUnder(dir: string): { files: Set<string>; dirs: Set<string>; count: number } {
  const files = new Set<string>();
  const dirs = new Set<string>();
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const mode = (statSync(join(entry.parentPath, entry.name)).mode & 0o777).toString(8);
    (entry.isDirectory() ? dirs : files).add(mode);
    count += 1;
  }
  return { files, dirs, count };
}

it('keeps DATA_DIR, the store and the exports readable by their owner only', async () => {
  // DATA_DIR does not exist yet: the server creates it.
  const home = join(dataDir, 'owner-only');
  const config = loadConfig({ DATA_DIR: home, PORT: '0', LOG_LEVEL: 'error' });
  const app = await createServer(config);
  await app.init(); // migrations and the projector's first pass write to the store
  await app.get<EventStore>(EVENT_STORE).appendToStream('jc-kronach', 'case-c-1', [enrolmentV2()], {
    expectedVersion: 'no-stream',
  });
  await app.close();

  expect((statSync(home).mode & 0o777).toString(8)).toBe('700');
  const modes = modesUnder(home);
  expect(modes.count).toBeGreaterThan(100); // PGlite's files and the development keys
  expect(modes).toEqual({ files: new Set(['600']), dirs: new Set(['700']), count: modes.count });

  const io = { out: () => undefined, err: () => undefined, env: { DATA_DIR: home } };
  const fresh = join(dataDir, 'export.ndjson');
  // A file that was there before, world-readable, is taken to 0600 as it is overwritten.
  const existing = join(dataDir, 'export-again.ndjson');
  writeFileSync(existing, 'old\n', { mode: 0o644 });
  const legacy = join(dataDir, 'legacy.ndjson');
  expect(await runCli(['export', '--tenant', 'jc-kronach', '--output', fresh], io)).toBe(0);
  expect(await runCli(['export', '--tenant', 'jc-kronach', '--output', existing], io)).toBe(0);
  expect(
    await runCli(['demo', '--legacy-file', legacy, '--jobcenters', '1', '--clients', '2'], io),
  ).toBe(0);
  for (const file of [fresh, existing, legacy]) {
    expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({
      file,
      mode: '600',
    });
  }
}, 60_000);
