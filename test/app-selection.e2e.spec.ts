/**
 * The one image runs one app per container (apps/teilhabe/src/apps.ts): `case-api` serves the
 * commands, case reads and audit without the projection loop, `projector` the statistics, the
 * dashboard and the loop; each answers /health. On PostgreSQL (server mode) neither writes a
 * file: the containers run with a read-only root filesystem.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { issueToken, secretFromText } from '#security';
import { APPS, AppSelectionError, SERVER_APPS, selectApp } from '../apps/teilhabe/src/apps.js';
import { loadConfig } from '#config';
import { createServer } from '../apps/teilhabe/src/server.js';
import { ProjectionHost } from '../apps/projector/src/projection-host.js';
import { TEST_ENCRYPTION_KEY, TEST_SECRET, TEST_SIGNING_KEY } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
let scratch: string;

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = mkdtempSync(join(tmpdir(), 'teilhabe-apps-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

async function start(
  app: 'teilhabe' | 'case-api' | 'projector',
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ server: NestExpressApplication; url: string }> {
  const config = loadConfig({
    DATABASE_URL: database.url,
    ...env,
    AUTH_SECRET: TEST_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
    CHECKPOINT_INTERVAL_SECONDS: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
  });
  const server = await createServer(config, {
    apps: SERVER_APPS[app],
    logStream: { write: () => true } as unknown as NodeJS.WritableStream,
  });
  await server.listen(0, '127.0.0.1');
  return { server, url: await server.getUrl() };
}

/**
 * Without a token a protected route of the app answers 401 (it exists, the guard refuses);
 * a route the app does not serve answers 404.
 */
async function statusOf(url: string, path: string): Promise<number> {
  const response = await fetch(`${url}${path}`);
  await response.arrayBuffer();
  return response.status;
}

const CASE_ROUTE = '/v1/cases/c-does-not-exist';
const STATISTICS_ROUTE = '/v1/statistics/ranking';

it.each([
  ['case-api', { health: 200, cases: true, statistics: false, dashboard: false, loop: false }],
  ['projector', { health: 200, cases: false, statistics: true, dashboard: true, loop: true }],
  ['teilhabe', { health: 200, cases: true, statistics: true, dashboard: true, loop: true }],
] as const)(
  '%s serves its own routes, /health, and nothing of the other app',
  async (app, want) => {
    const dataDir = join(scratch, app, 'data');
    const { server, url } = await start(app, dataDir);
    try {
      const health = await fetch(`${url}/health`);
      expect({ app, status: health.status, body: await health.json() }).toEqual({
        app,
        status: want.health,
        body: expect.objectContaining({ status: 'ok' }) as unknown,
      });
      const got = {
        cases: (await statusOf(url, CASE_ROUTE)) === 401,
        statistics: (await statusOf(url, STATISTICS_ROUTE)) === 401,
        dashboard: (await statusOf(url, '/dashboard')) === 200,
        loop: (() => {
          try {
            server.get(ProjectionHost, { strict: false });
            return true;
          } catch {
            return false;
          }
        })(),
      };
      expect({ app, ...got }).toEqual({
        app,
        cases: want.cases,
        statistics: want.statistics,
        dashboard: want.dashboard,
        loop: want.loop,
      });
    } finally {
      await server.close();
    }
    // Server mode keeps everything in PostgreSQL: no development key, no embedded store.
    expect({ app, wroteDataDir: existsSync(dataDir) }).toEqual({ app, wroteDataDir: false });
  },
);

it('picks the app by the first argument and names the choices otherwise', () => {
  expect(selectApp([])).toEqual({ app: 'teilhabe', args: [] });
  for (const app of Object.keys(APPS)) expect(selectApp([app]).app).toBe(app);
  expect(selectApp(['cli', 'projections', 'rebuild'])).toEqual({
    app: 'cli',
    args: ['projections', 'rebuild'],
  });
  expect(() => selectApp(['case_api'])).toThrow(AppSelectionError);
  expect(() => selectApp(['case_api'])).toThrow(
    /unknown app "case_api".*teilhabe.*case-api.*projector.*relay.*cli/s,
  );
  expect(() => selectApp(['relay', '--port', '1'])).toThrow(/"relay" takes no further arguments/);
});

it('a projector fed by Kafka workers serves their read model and runs no projection of its own', async () => {
  // A database of its own: the other tests' projector loops wrote a checkpoint into theirs.
  const own = await createTestDatabase();
  const { server, url } = await start('projector', join(scratch, 'kafka', 'data'), {
    STATISTICS_SOURCE: 'kafka',
    DATABASE_URL: own.url,
  });
  try {
    // No checkpoint of a polling projection: the workers refuse a schema that has one.
    const db = new pg.Client({ connectionString: own.url });
    await db.connect();
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'stats' AND table_name = 'checkpoint'",
    );
    const checkpoints =
      rows[0]!.n === '0' ? [] : (await db.query('SELECT * FROM stats.checkpoint')).rows;
    await db.end();
    expect(checkpoints).toEqual([]);

    const token = await issueToken({
      secret: secretFromText(TEST_SECRET),
      tenant: '*',
      roles: ['analyst'],
      subject: 'analyst',
    });
    const response = await fetch(
      `${url}/v1/statistics/integration-quota?jobcenter=*&month=2026-01&minPosition=1`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('"field":"query:minPosition"');
  } finally {
    await server.close();
    await own.drop();
  }
});
