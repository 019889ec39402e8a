/**
 * `npm start` in embedded mode: the server comes up on PGlite in DATA_DIR with no database
 * server, answers /health, and what was stored is still there after a restart. The event is an
 * enrolment of schema v2 (no person key): the projector looks its key up in the store, which on
 * PGlite's one connection must happen outside the batch's transaction, or the server hangs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { loadConfig } from '#config';
import { createServer } from '../apps/teilhabe/src/server.js';

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

it('serves /health on the embedded store and keeps events across a restart', async () => {
  const event = {
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
