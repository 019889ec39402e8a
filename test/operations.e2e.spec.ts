/**
 * What operators rely on: tokens from a production identity provider (RS256 via JWKS), the
 * `npx teilhabe` CLI, and a graceful shutdown that lets in-flight commands finish.
 */
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import pg from 'pg';
import {
  send,
  startApp,
  TEST_ENCRYPTION_KEY,
  TEST_SECRET,
  TEST_SIGNING_KEY,
  type RunningApp,
} from './support/app.js';
import { CLI_BIN } from './support/paths.js';
import { createTestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const TENANT = 'jc-kronach';
const enrolment = {
  client: { givenName: 'Jonas', familyName: 'Weber', dateOfBirth: '1979-02-28', gender: 'male' },
  enrolledOn: '2024-03-04',
};

describe('tokens from an identity provider (RS256, JWKS)', () => {
  let idp: Server;
  let running: RunningApp;
  let idpKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    idpKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    idp = createHttpServer((_, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const { port } = idp.address() as { port: number };
    running = await startApp({
      env: {
        AUTH_SECRET: '',
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        AUTH_ISSUER: 'https://idp.jobcenter.test',
        AUTH_AUDIENCE: 'teilhabe',
      },
    });
  });
  afterAll(async () => {
    await running?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  const sign = (
    key: CryptoKey | Uint8Array,
    alg: string,
    claims: { iss?: string; aud?: string } = {},
  ) =>
    new SignJWT({ tenant: TENANT, roles: ['caseworker'] })
      .setProtectedHeader({ alg, kid: 'idp-1' })
      .setSubject('anna.schmidt')
      .setIssuer(claims.iss ?? 'https://idp.jobcenter.test')
      .setAudience(claims.aud ?? 'teilhabe')
      .setExpirationTime('10m')
      .sign(key);

  it('accepts a token signed by the identity provider and nothing else', async () => {
    const good = await send(running.url, 'POST', '/v1/cases', {
      token: await sign(idpKey, 'RS256'),
      body: enrolment,
    });
    expect(good.status).toBe(201);

    const stranger = (await generateKeyPair('RS256')).privateKey;
    const refused = [
      await sign(stranger, 'RS256'),
      await sign(new TextEncoder().encode(TEST_SECRET), 'HS256'),
      await sign(idpKey, 'RS256', { aud: 'another-app' }),
      await sign(idpKey, 'RS256', { iss: 'https://evil.test' }),
    ];
    for (const token of refused) {
      const response = await send(running.url, 'POST', '/v1/cases', { token, body: enrolment });
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    }
  });
});

describe('npx teilhabe', () => {
  it('prints a token that the server accepts, and refuses bad options naming them', async () => {
    const running = await startApp();
    try {
      const env = {
        ...process.env,
        AUTH_SECRET: TEST_SECRET,
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
        DATABASE_URL: running.database.url,
      };
      const { stdout } = await run(
        CLI_BIN,
        ['token', '--tenant', TENANT, '--role', 'caseworker', '--subject', 'cli-user'],
        {
          env,
        },
      );
      const token = stdout.trim();
      expect(token.split('.')).toHaveLength(3);
      const enrolled = await send(running.url, 'POST', '/v1/cases', { token, body: enrolment });
      expect(enrolled.status).toBe(201);
      const [event] = await running.store.readStream(
        TENANT,
        `case-${enrolled.body.caseId as string}`,
      );
      expect(event?.metadata.actor).toBe('cli-user');

      // A dashboard link carries the token in the fragment, which browsers never send.
      const link = await run(
        CLI_BIN,
        ['token', '--tenant', TENANT, '--role', 'analyst', '--dashboard', running.url],
        { env },
      );
      const url = new URL(link.stdout.trim());
      expect(url.href.startsWith(`${running.url}/dashboard#token=`)).toBe(true);
      const fromLink = url.hash.slice('#token='.length);
      const figures = await send(running.url, 'GET', '/v1/statistics/stock', { token: fromLink });
      expect(figures.status).toBe(200);

      for (const [args, message] of [
        [['token', '--tenant', 'JC Kronach', '--role', 'caseworker'], /--tenant.*Jobcenter id/],
        [['token', '--tenant', TENANT, '--role', 'admin'], /--role.*must be one of caseworker/],
        [['token', '--tenant', TENANT], /--role/],
        [
          ['token', '--tenant', TENANT, '--role', 'analyst', '--dashboard', 'ftp://x'],
          /--dashboard.*http/,
        ],
        [
          ['token', '--tenant', TENANT, '--role', 'caseworker', '--expires-in', '90d'],
          /--expires-in.*30 days/,
        ],
        [
          // Longer than the server accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS, 12 h by default).
          ['token', '--tenant', TENANT, '--role', 'caseworker', '--expires-in', '13h'],
          /--expires-in.*AUTH_MAX_TOKEN_LIFETIME_SECONDS/,
        ],
        [
          ['token', '--tenant', '*', '--role', 'caseworker'],
          /national tenant \* is for analysts only/,
        ],
      ] as const) {
        const failed = await run(CLI_BIN, [...args], { env }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toMatch(message);
      }
    } finally {
      await running.close();
    }
  }, 120_000);

  it('migrates a new database once', async () => {
    const database = await createTestDatabase();
    try {
      const env = {
        ...process.env,
        AUTH_SECRET: TEST_SECRET,
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
        DATABASE_URL: database.url,
      };
      const first = await run(CLI_BIN, ['migrate'], { env });
      expect(first.stdout).toContain('event-store 001_event_store');
      const second = await run(CLI_BIN, ['migrate'], { env });
      expect(second.stdout).toContain('Nothing to migrate');
    } finally {
      await database.drop();
    }
  }, 120_000);
});

describe('graceful shutdown', () => {
  it('lets a command that is being written finish before the server stops', async () => {
    const running = await startApp();
    const blocker = new pg.Client({ connectionString: running.database.url });
    await blocker.connect();
    try {
      const token = await running.token(TENANT, 'caseworker');
      // Hold the events table so the command's append waits inside the database.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE event_store.events IN SHARE MODE');
      const inFlight = send(running.url, 'POST', '/v1/cases', { token, body: enrolment });
      await waitFor(async () => {
        // Inside the blocker's transaction pg_stat_activity is one snapshot: without clearing
        // it, a first look before the append waits is seen again and again (a flaky timeout).
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await blocker.query<{ waiting: number }>(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'",
        );
        return rows[0]!.waiting > 0;
      });
      const closing = running.app.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await blocker.query('COMMIT');
      const response = await inFlight;
      await closing;
      expect(response.status).toBe(201);
      const check = new pg.Client({ connectionString: running.database.url });
      await check.connect();
      const { rows } = await check.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM event_store.events WHERE event_type = 'ClientEnrolled'",
      );
      await check.end();
      expect(rows[0]!.n).toBe(1);
      await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    } finally {
      await blocker.end();
      await running.database.drop();
    }
  }, 60_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
