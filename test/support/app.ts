/**
 * The whole server for end-to-end tests, as `npm start` runs it, but on a throwaway database of
 * the real PostgreSQL server, listening on a free port, with tokens signed by a test secret.
 */
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTeilhabeClient, type TeilhabeClient } from '#api-client';
import { EVENT_STORE, START, type RecordedEvent, type SqlEventStore } from '#event-store';
import { issueToken, secretFromText, type Role } from '#security';
import { loadConfig, type AppConfig } from '#config';
import { createServer } from '../../apps/teilhabe/src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
/**
 * A fixed 32-byte key (base64) that passes the configuration's randomness rule: the SHA-256 of a
 * label, so that every test process and restart derives the same one.
 */
export function testKey(label: string): string {
  return createHash('sha256').update(label).digest('base64');
}

/** The master key of the test servers' personal data (32 bytes, base64). */
export const TEST_ENCRYPTION_KEY = testKey('teilhabe e2e master key');
/** The key that signs the test servers' integrity checkpoints. */
export const TEST_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export interface RunningApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly store: SqlEventStore;
  readonly database: TestDatabase;
  readonly config: AppConfig;
  /** Everything the server logged, as text (JSON lines). */
  logs(): string;
  token(
    tenant: string,
    roles: Role | Role[],
    subject?: string,
    expiresInSeconds?: number,
  ): Promise<string>;
  /** A typed client (generated from the OpenAPI document) acting as this caller. */
  client(tenant: string, roles: Role | Role[], subject?: string): Promise<TeilhabeClient>;
  /** Every event in the store, in global order. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  /** Reuse a database (a restart); it is then not dropped on close. */
  readonly database?: TestDatabase;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const database = options.database ?? (await createTestDatabase());
  const logStream = new PassThrough();
  let logged = '';
  logStream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const config = loadConfig({
    DATABASE_URL: database.url,
    AUTH_SECRET: TEST_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
    CHECKPOINT_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'info',
    PORT: '0',
    // Specs send many bad tokens from one address on purpose; auth-limits.e2e sets its own.
    AUTH_FAILURES_PER_MINUTE: '1000000',
    ...options.env,
  });
  const app = await createServer(config, { logStream });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const store = app.get<SqlEventStore>(EVENT_STORE);
  const token = (
    tenant: string,
    roles: Role | Role[],
    subject = `user-${randomUUID().slice(0, 8)}`,
    expiresInSeconds = 3600,
  ) =>
    issueToken({
      secret: secretFromText(options.env?.AUTH_SECRET ?? TEST_SECRET),
      tenant,
      roles: Array.isArray(roles) ? roles : [roles],
      subject,
      expiresInSeconds,
    });
  return {
    url,
    app,
    store,
    database,
    config,
    logs: () => logged,
    token,
    client: async (tenant, roles, subject) =>
      createTeilhabeClient({ baseUrl: url, token: await token(tenant, roles, subject) }),
    allEvents: async () => {
      // $all shows only what lies below the oldest transaction still running anywhere on the
      // server (other test files write at the same time): wait until it shows every committed row.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [row] = await store.db.query<{ n: string | number }>(
          'SELECT count(*) AS n FROM event_store.events',
        );
        const out: RecordedEvent[] = [];
        let from = START;
        for (;;) {
          const page = await store.readAll({ from, maxCount: 1000 });
          if (page.events.length === 0) break;
          out.push(...page.events);
          from = page.next;
        }
        if (out.length >= Number(row?.n ?? 0) || Date.now() > deadline) return out;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

/** Raw HTTP for what a typed client cannot send (malformed JSON, wrong types, odd headers). */
export async function send(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: string | object; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { errors?: { field: string; rule: string }[] };
}> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A measure a planner offers in the draft programme for 2026 (the tests' fixtures write it). */
export const DRAFT_MEASURE_2026 = {
  measureId: 'P-1',
  title: 'Bewerbungstraining',
  kind: 'job-application-training' as const,
  plannedPlaces: 10,
  targetGroups: ['all' as const],
  offeredOn: '2025-09-01',
};

/** An approved programme for `year` with the given measures, as a planner records it. */
export async function approvedProgramme(
  running: RunningApp,
  tenant: string,
  year: number,
  measureIds: string[],
): Promise<void> {
  const planner = await running.client(tenant, 'planner');
  for (const measureId of measureIds) {
    const offered = await planner.POST('/v1/programmes/{year}/measures', {
      params: { path: { year } },
      body: {
        measureId,
        title: `Measure ${measureId}`,
        kind: 'vocational-training',
        plannedPlaces: 20,
        targetGroups: ['refugee-ukraine', 'single-parent'],
        offeredOn: `${year - 1}-11-01`,
      },
    });
    if (offered.response.status !== 201)
      throw new Error(`offer failed: ${JSON.stringify(offered.error)}`);
  }
  const approved = await planner.POST('/v1/programmes/{year}/approval', {
    params: { path: { year } },
    body: { approvedOn: `${year - 1}-12-01` },
  });
  if (approved.response.status !== 200)
    throw new Error(`approval failed: ${JSON.stringify(approved.error)}`);
}
