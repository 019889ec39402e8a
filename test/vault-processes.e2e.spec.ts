/**
 * The vault across processes on one database: an erasure made on one server shows on another at
 * once (no server keeps a data key between reads), and a server started with another
 * ENCRYPTION_KEY than the one the stored data keys are wrapped with refuses to start.
 */
import { loadConfig } from '#config';
import { createServer } from '../apps/teilhabe/src/server.js';
import {
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

async function enrolClosed(running: RunningApp, givenName: string): Promise<string> {
  const token = await running.token(T, 'caseworker');
  const enrolled = await send(running.url, 'POST', '/v1/cases', {
    token,
    body: {
      client: { givenName, familyName: 'Bondarenko', dateOfBirth: '1985-02-11', gender: 'male' },
      enrolledOn: '2024-01-08',
      targetGroups: { refugeeUkraine: true },
    },
  });
  expect(enrolled.status).toBe(201);
  const caseId = enrolled.body.caseId as string;
  const closed = await send(running.url, 'POST', `/v1/cases/${caseId}/close`, {
    token,
    body: { closedOn: '2024-03-31', reason: 'moved' },
  });
  expect(closed.status).toBeLessThan(300);
  return caseId;
}

async function readCase(running: RunningApp, caseId: string) {
  return send(running.url, 'GET', `/v1/cases/${caseId}`, {
    token: await running.token(T, 'caseworker'),
  });
}

describe('two servers on one database', () => {
  let database: TestDatabase;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startApp({ database });
    b = await startApp({ database });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  it('shows an erasure made on one server on the other at once', async () => {
    const caseId = await enrolClosed(a, 'Taras');
    // B reads the case first: whatever it could keep of the key, it has it now.
    expect((await readCase(b, caseId)).body).toMatchObject({
      client: { givenName: 'Taras', familyName: 'Bondarenko', dateOfBirth: '1985-02-11' },
      personalDataErased: false,
    });
    const erased = await send(a.url, 'POST', `/v1/cases/${caseId}/erasure`, {
      token: await a.token(T, 'dpo', 'dpo.meier'),
      body: {},
    });
    expect(erased.status).toBe(200);
    // Immediately, with no wait: B has nothing left to open the personal data with.
    const after = await readCase(b, caseId);
    expect(after.body).toMatchObject({
      client: { givenName: null, familyName: null, dateOfBirth: null },
      personalDataErased: true,
    });
    expect(JSON.stringify(after.body)).not.toMatch(/Taras|Bondarenko|1985-02-11/);
  });
});

describe('a server started with another ENCRYPTION_KEY', () => {
  const OTHER_KEY = testKey('vault-processes other master key');
  const env = (database: TestDatabase, extra: Record<string, string>) =>
    loadConfig({
      DATABASE_URL: database.url,
      AUTH_SECRET: TEST_SECRET,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
      CHECKPOINT_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'fatal',
      PORT: '0',
      ...extra,
    });

  it('refuses to start, naming the variable; with the old key as a previous one it reads', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startApp({ database });
      const caseId = await enrolClosed(first, 'Marta');
      await first.close();

      const wrong = await createServer(env(database, { ENCRYPTION_KEY: OTHER_KEY }));
      try {
        await expect(wrong.init()).rejects.toThrow(
          /^ENCRYPTION_KEY does not match the key the stored data keys are wrapped with .*set ENCRYPTION_KEY to that key or add it to ENCRYPTION_PREVIOUS_KEYS/,
        );
      } finally {
        await wrong.close();
      }

      const rotating = await startApp({
        database,
        env: { ENCRYPTION_KEY: OTHER_KEY, ENCRYPTION_PREVIOUS_KEYS: TEST_ENCRYPTION_KEY },
      });
      try {
        expect((await readCase(rotating, caseId)).body).toMatchObject({
          client: { givenName: 'Marta', familyName: 'Bondarenko' },
          personalDataErased: false,
        });
      } finally {
        await rotating.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
