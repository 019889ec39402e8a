// Crash tests against the real server on a private PostgreSQL cluster: the server SIGKILLed
// mid-flight, PostgreSQL stopped like a power cut, the projector killed mid-batch; nothing
// acknowledged is lost or doubled. What is checked: docs/testing.md.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import pg from 'pg';
import {
  CURRENT_SCHEMA_VERSION,
  EMPLOYMENT_KINDS,
  effectiveDateOf,
  upcast,
  type CaseEvent,
  type ProgrammeEvent,
} from '#domain';
import {
  CheckpointSigningKey,
  CheckpointStore,
  START,
  compareAllPositions,
  openPostgresEventStore,
  verifyTenant,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
  type SqlEventStore,
} from '#event-store';
import {
  INDICATOR_NAMES,
  ProjectionRunner,
  STATISTICS_PROJECTION,
  StatisticsProjection,
  StatisticsQueries,
  parseMonth,
  readCheckpoint,
} from '#projections';
import {
  caseHistory,
  caseSpec,
  programmeHistory,
} from '../libs/projections/src/statistics/testing/histories.js';
import {
  ReferenceStatistics,
  yearMonth,
} from '../libs/projections/src/statistics/testing/reference.js';
import { TEST_SIGNING_KEY } from './support/app.js';
import { ROOT_DIR } from './support/paths.js';
import { readModelRows } from './support/read-model.js';
import { until } from './support/until.js';
import { freePort } from './support/free-port.mjs';
import { startPrivateCluster, type PrivateCluster } from './support/private-postgres.mjs';
import {
  ensureBuilt,
  spawnServerProcess,
  startServerProcess,
  testToken,
  type ServerProcess,
} from './support/server-process.js';

/** A request that has not answered after this long is a hang (the pool gives up after 5 s). */
const CLIENT_TIMEOUT_MS = 8_000;
const TENANTS = ['jc-crash-a', 'jc-crash-b'];
const MEASURE = 'CR-2024-01';
const SEED = 20261125;

let cluster: PrivateCluster;
const servers = new Set<ServerProcess>();
const loads = new Set<Load>();
const stores: SqlEventStore[] = [];

beforeAll(async () => {
  await ensureBuilt();
  cluster = await startPrivateCluster();
}, 300_000);
afterAll(async () => {
  for (const load of loads) await load.abort(); // a failed test leaves its clients running
  for (const server of servers) await server.kill();
  for (const store of stores) await store.close().catch(() => undefined);
  await cluster?.destroy();
}, 60_000);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** For wait conditions: a server that died ends the wait with its last words. */
function stillRunning(server: ServerProcess): true {
  if (!server.alive()) throw new Error(`the server process died:\n${server.output()}`);
  return true;
}

async function serverOn(databaseUrl: string, port: number): Promise<ServerProcess> {
  const server = await startServerProcess({
    databaseUrl,
    port,
    env: { CHECKPOINT_INTERVAL_SECONDS: '1' }, // the signer runs (and must survive) the crashes too
  });
  servers.add(server);
  return server;
}

async function openStore(databaseUrl: string): Promise<SqlEventStore> {
  const store = await openPostgresEventStore({ connectionString: databaseUrl });
  stores.push(store);
  return store;
}

// ---------------------------------------------------------------------------------------------
// HTTP with a hard timeout: an answer, a refused or cut connection, or a hang.

type Status = number | 'network-error' | 'timeout';

interface Answer {
  readonly status: Status;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly body: Record<string, unknown>;
  readonly problem: boolean;
  readonly retryAfter: string | null;
  readonly replayed: boolean;
}

async function call(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: object; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const startedAt = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return {
      status: response.status,
      startedAt,
      endedAt: Date.now(),
      body,
      problem: (response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
      retryAfter: response.headers.get('retry-after'),
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      status: timedOut ? 'timeout' : 'network-error',
      startedAt,
      endedAt: Date.now(),
      body: { error: String((error as Error).cause ?? error) },
      problem: false,
      retryAfter: null,
      replayed: false,
    };
  }
}

const ok = (status: Status) => typeof status === 'number' && status >= 200 && status < 300;

/** An approved 2024 programme with the one measure every client is assigned to. */
async function approveProgramme(url: string, tenant: string): Promise<void> {
  const token = await testToken(tenant, 'planner');
  const offer = await call(url, 'POST', '/v1/programmes/2024/measures', {
    token,
    body: {
      measureId: MEASURE,
      title: 'Crash test coaching',
      kind: 'coaching',
      plannedPlaces: 5000,
      targetGroups: ['all'],
      offeredOn: '2023-10-02',
    },
  });
  const approval = await call(url, 'POST', '/v1/programmes/2024/approval', {
    token,
    body: { approvedOn: '2023-12-04' },
  });
  if (!ok(offer.status) || !ok(approval.status)) {
    throw new Error(`programme: ${JSON.stringify([offer.body, approval.body])}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The load: caseworkers walking cases through their life, each command with an Idempotency-Key
// and retried with the same key (and the same body) until the server acknowledges it.

const caseScript = fc.record({
  gender: fc.constantFrom('female', 'male', 'diverse'),
  birthYear: fc.integer({ min: 1962, max: 2002 }),
  enrolDay: fc.integer({ min: 2, max: 28 }),
  singleParent: fc.boolean(),
  refugeeUkraine: fc.boolean(),
  steps: fc.integer({ min: 1, max: 6 }),
  measureEnds: fc.constantFrom('complete', 'abort'),
  kind: fc.constantFrom(...EMPLOYMENT_KINDS),
  subsidised: fc.boolean(),
  income: fc.integer({ min: 400, max: 4200 }),
});
type CaseScript = typeof caseScript extends fc.Arbitrary<infer T> ? T : never;

interface Step {
  readonly path: string;
  readonly body: object;
  /** The one event the command records. */
  readonly event: CaseEvent['type'];
}

function stepOf(n: number, s: CaseScript, caseId: string, assignmentId: string): Step {
  const of = `/v1/cases/${caseId}`;
  switch (n) {
    case 0:
      return {
        path: '/v1/cases',
        event: 'ClientEnrolled',
        body: {
          caseId,
          client: {
            givenName: 'Kim',
            familyName: `Crash-${caseId.slice(0, 6)}`,
            dateOfBirth: `${s.birthYear}-06-15`,
            gender: s.gender,
          },
          enrolledOn: `2024-01-${String(s.enrolDay).padStart(2, '0')}`,
          targetGroups: { singleParent: s.singleParent, refugeeUkraine: s.refugeeUkraine },
        },
      };
    case 1:
      return {
        path: `${of}/measures`,
        event: 'MeasureAssigned',
        body: { measureId: MEASURE, assignedOn: '2024-02-01' },
      };
    case 2:
      return {
        path: `${of}/measures/${assignmentId}/start`,
        event: 'MeasureStarted',
        body: { on: '2024-02-05' },
      };
    case 3:
      return s.measureEnds === 'complete'
        ? {
            path: `${of}/measures/${assignmentId}/complete`,
            event: 'MeasureCompleted',
            body: { on: '2024-04-30' },
          }
        : {
            path: `${of}/measures/${assignmentId}/abort`,
            event: 'MeasureAborted',
            body: { on: '2024-04-30', reason: 'illness' },
          };
    case 4:
      return {
        path: `${of}/employments`,
        event: 'EmploymentStarted',
        body: {
          kind: s.kind,
          startedOn: '2024-05-02',
          subsidised: s.subsidised,
          monthlyGrossIncome: s.income,
        },
      };
    default:
      return {
        path: `${of}/need-ended`,
        event: 'NeedForAssistanceEnded',
        body: { endedOn: '2024-06-30', reason: 'employment-income' },
      };
  }
}

interface Acknowledged {
  readonly key: string;
  readonly tenant: string;
  readonly caseId: string;
  readonly event: string;
  readonly version: number;
  readonly position: number;
  readonly replayed: boolean;
  readonly attempts: number;
}

interface Logged {
  readonly kind: 'command' | 'read' | 'health';
  readonly status: Status;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly problem: boolean;
  readonly retryAfter: string | null;
}

class Load {
  readonly acks: Acknowledged[] = [];
  readonly log: Logged[] = [];
  /** Idempotency keys of the commands sent and not yet answered. */
  readonly inFlight = new Set<string>();
  /** Answers no client should ever get (a 500, a 4xx for a valid command, a failed worker). */
  readonly failures: string[] = [];
  private stopping = false;
  private aborted = false;
  private running: Promise<unknown> = Promise.resolve();
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly url: string,
    private readonly seed: number,
  ) {
    loads.add(this);
  }

  /** For wait conditions: a client that got a wrong answer ends the wait with that answer. */
  healthy(): true {
    if (this.failures.length > 0) throw new Error(`clients failed:\n${this.failures.join('\n')}`);
    return true;
  }

  async start(workers: number, readers = 0): Promise<void> {
    for (const tenant of TENANTS) {
      this.tokens.set(tenant, await testToken(tenant, 'caseworker', `cw-${tenant}`));
    }
    const scripts = fc.sample(caseScript, { seed: this.seed, numRuns: 4000 });
    this.running = Promise.all([
      ...Array.from({ length: workers }, (_, w) => this.guard(this.worker(w, workers, scripts))),
      ...Array.from({ length: readers }, (_, r) => this.guard(this.reader(r))),
      this.guard(this.health()),
    ]);
  }

  /** Lets every command in flight be acknowledged, then ends the clients. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    loads.delete(this);
  }

  /** Ends the clients at once, acknowledged or not (after a failed test). */
  async abort(): Promise<void> {
    this.aborted = true;
    await this.stop();
  }

  private async guard(work: Promise<void>): Promise<void> {
    await work.catch((error: unknown) => this.failures.push(String(error)));
  }

  private record(kind: Logged['kind'], answer: Answer): void {
    const { status, startedAt, endedAt, problem, retryAfter } = answer;
    this.log.push({ kind, status, startedAt, endedAt, problem, retryAfter });
  }

  private async worker(w: number, workers: number, scripts: CaseScript[]): Promise<void> {
    const tenant = TENANTS[w % TENANTS.length]!;
    for (let c = w; !this.stopping; c += workers) {
      const script = scripts[c % scripts.length]!;
      const caseId = randomUUID();
      let assignmentId = '';
      for (let n = 0; n < script.steps && !this.stopping; n++) {
        const body = await this.command(tenant, caseId, stepOf(n, script, caseId, assignmentId));
        if (n === 1) assignmentId = String(body.assignmentId);
      }
    }
  }

  /** Sends a command until it is acknowledged, always with the same key and body. */
  private async command(
    tenant: string,
    caseId: string,
    step: Step,
  ): Promise<Record<string, unknown>> {
    const key = randomUUID();
    const deadline = Date.now() + 90_000;
    for (let attempt = 1; ; attempt++) {
      this.inFlight.add(key);
      const answer = await call(this.url, 'POST', step.path, {
        token: this.tokens.get(tenant)!,
        body: step.body,
        headers: { 'idempotency-key': key },
      });
      this.inFlight.delete(key);
      this.record('command', answer);
      if (ok(answer.status)) {
        this.acks.push({
          key,
          tenant,
          caseId,
          event: step.event,
          version: answer.body.version as number,
          position: answer.body.position as number,
          replayed: answer.replayed,
          attempts: attempt,
        });
        return answer.body;
      }
      const retry = answer.status === 503 || answer.status === 'network-error';
      if (!retry && answer.status !== 'timeout') {
        throw new Error(
          `POST ${step.path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
        );
      }
      if (Date.now() > deadline || this.aborted) {
        throw new Error(`POST ${step.path} never acknowledged`);
      }
      await sleep(100);
    }
  }

  /** Reads a figure and a case of the caller's Jobcenter, as a dashboard and a caseworker do. */
  private async reader(r: number): Promise<void> {
    const tenant = TENANTS[r % TENANTS.length]!;
    while (!this.stopping) {
      const enrolled = this.acks.findLast(
        (a) => a.tenant === tenant && a.event === 'ClientEnrolled',
      );
      const path =
        r % 2 === 0 || !enrolled
          ? '/v1/statistics/integration-quota?month=2024-06'
          : `/v1/cases/${enrolled.caseId}`;
      const answer = await call(this.url, 'GET', path, { token: this.tokens.get(tenant)! });
      this.record('read', answer);
      if (!ok(answer.status) && answer.status !== 503) {
        this.failures.push(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      await sleep(40);
    }
  }

  private async health(): Promise<void> {
    while (!this.stopping) {
      this.record('health', await call(this.url, 'GET', '/health'));
      await sleep(100);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What the store must hold afterwards.

/** Every event in $all order. */
async function readEverything(store: SqlEventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let from = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 2000 });
    if (page.events.length === 0) return out;
    out.push(...page.events);
    from = page.next;
  }
}

/**
 * Each acknowledged command's event is stored exactly once, where and as the answer said; no
 * event exists that no client was told about; streams have no gap; every hash chain and signed
 * checkpoint verifies. Returns figures for the log.
 */
async function expectExactlyOnce(
  store: SqlEventStore,
  acks: readonly Acknowledged[],
): Promise<{ events: number; checkpoints: number }> {
  const rows = await store.db.query<{
    event_id: string;
    tenant_id: string;
    stream_id: string;
    stream_version: string;
    global_position: string;
    event_type: string;
    key: string | null;
  }>(
    `SELECT event_id, tenant_id, stream_id, stream_version, global_position, event_type,
            metadata->>'idempotencyKey' AS key
     FROM event_store.events WHERE tenant_id = ANY($1::text[]) AND stream_id LIKE 'case-%'`,
    [TENANTS],
  );
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) byKey.set(row.key ?? '-', [...(byKey.get(row.key ?? '-') ?? []), row]);
  const wrong: string[] = [];
  for (const ack of acks) {
    const stored = byKey.get(ack.key) ?? [];
    const expected = {
      tenant: ack.tenant,
      stream: `case-${ack.caseId}`,
      version: ack.version,
      position: ack.position,
      type: ack.event,
    };
    const actual = stored.map((r) => ({
      tenant: r.tenant_id,
      stream: r.stream_id,
      version: Number(r.stream_version),
      position: Number(r.global_position),
      type: r.event_type,
    }));
    if (JSON.stringify(actual) !== JSON.stringify([expected])) {
      wrong.push(
        `${ack.key}: acknowledged ${JSON.stringify(expected)}, stored ${JSON.stringify(actual)}`,
      );
    }
  }
  expect(wrong).toEqual([]);
  // Nothing beyond what was acknowledged (every command was retried until it was).
  expect(rows.length).toBe(acks.length);
  expect(new Set(rows.map((r) => r.event_id)).size).toBe(rows.length);
  const versions = new Map<string, number[]>();
  for (const r of rows) {
    const stream = `${r.tenant_id}/${r.stream_id}`;
    versions.set(stream, [...(versions.get(stream) ?? []), Number(r.stream_version)]);
  }
  const gaps = [...versions].filter(([, v]) =>
    v.sort((a, b) => a - b).some((version, i) => version !== i + 1),
  );
  expect(gaps).toEqual([]);

  const key = CheckpointSigningKey.fromPem(TEST_SIGNING_KEY);
  const checkpoints = new CheckpointStore(store.db);
  let verified = 0;
  for (const tenant of await checkpoints.tenants(store)) {
    const report = await verifyTenant(store, await checkpoints.list(tenant), key.publicKey, tenant);
    expect({ tenant, ok: report.ok, problems: report.problems }).toEqual({
      tenant,
      ok: true,
      problems: [],
    });
    verified += report.checkpointsVerified;
  }
  return { events: rows.length, checkpoints: verified };
}

/** Waits until the checkpoint signer has signed a checkpoint after `since` (epoch ms). */
async function signedSince(store: SqlEventStore, since: number): Promise<void> {
  await until(
    'a checkpoint signed by the server that runs now',
    async () => {
      const [row] = await store.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM event_store.checkpoints WHERE signed_at > $1',
        [new Date(since).toISOString()],
      );
      return Number(row!.n) > 0;
    },
    60_000,
    100,
  );
}

/** Waits until the projection has applied the last event of the store. */
async function projectionCaughtUp(store: SqlEventStore, timeoutMs: number): Promise<void> {
  const head = (await readEverything(store)).at(-1)!.allPosition;
  await until(
    'the projection to reach the end of the store',
    async () => {
      const checkpoint = await readCheckpoint(store.db, 'stats', STATISTICS_PROJECTION).catch(
        () => undefined,
      );
      return checkpoint !== undefined && compareAllPositions(checkpoint.position, head) === 0;
    },
    timeoutMs,
    50,
  );
}

/** The reference statistics, recomputed naively from the raw events in the store. */
async function referenceOf(
  store: SqlEventStore,
): Promise<{ reference: ReferenceStatistics; tenants: string[] }> {
  const byStream = new Map<string, { tenant: string; events: (CaseEvent | ProgrammeEvent)[] }>();
  for (const recorded of await readEverything(store)) {
    const kind = recorded.streamId.split('-')[0];
    if (kind !== 'case' && kind !== 'programme') continue;
    const key = `${kind}/${recorded.tenant}/${recorded.streamId}`;
    const entry = byStream.get(key) ?? { tenant: recorded.tenant, events: [] };
    entry.events.push(upcast(recorded));
    byStream.set(key, entry);
  }
  const of = (kind: string) =>
    [...byStream].filter(([key]) => key.startsWith(`${kind}/`)).map(([, stream]) => stream);
  return {
    reference: new ReferenceStatistics(
      of('case').map((s) => ({ tenant: s.tenant, events: s.events as CaseEvent[] })),
      of('programme').map((s) => ({ tenant: s.tenant, events: s.events as ProgrammeEvent[] })),
    ),
    tenants: [...new Set(of('case').map((s) => s.tenant))].sort(),
  };
}

/**
 * Every indicator in every given month, for each Jobcenter and the nation, as the read model
 * answers it and as the reference recomputes it from the raw events in the store.
 */
async function compareWithReference(
  store: SqlEventStore,
  months: readonly string[],
): Promise<{ compared: number; nonZero: number; mismatches: string[]; tenants: string[] }> {
  const { reference, tenants } = await referenceOf(store);
  const queries = new StatisticsQueries(store.db, 'stats');
  const mismatches: string[] = [];
  let compared = 0;
  let nonZero = 0;
  for (const indicator of INDICATOR_NAMES) {
    for (const month of months) {
      for (const where of [...tenants, '*']) {
        const national = where === '*';
        const result = await queries.compute(
          {
            indicator,
            month: parseMonth(month)!,
            group: 'all',
            gender: 'all',
            ...(national ? {} : { tenant: where }),
          },
          national,
        );
        const { numerator, denominator, value } = result.get(where)!.cell;
        const projected = { numerator, denominator, value };
        // The headline figure (the reference's breakdowns are compared in its own spec).
        const full = reference.value(indicator, where, yearMonth(month), 'all', 'all');
        const expected = {
          numerator: full.numerator,
          denominator: full.denominator,
          value: full.value,
        };
        compared += 1;
        if (expected.numerator > 0) nonZero += 1;
        if (JSON.stringify(projected) !== JSON.stringify(expected)) {
          mismatches.push(
            `${indicator} ${month} ${where}: ${JSON.stringify(projected)} != ${JSON.stringify(expected)}`,
          );
        }
      }
    }
  }
  return { compared, nonZero, mismatches, tenants };
}

/** Laps of a test, for its log line: where the time went. */
function stopwatch(): { lap(name: string): void; summary(): string } {
  let last = Date.now();
  const laps: string[] = [];
  return {
    lap(name) {
      laps.push(`${name} ${((Date.now() - last) / 1000).toFixed(1)} s`);
      last = Date.now();
    },
    summary: () => laps.join(', '),
  };
}

/** Months the load's figures are compared in: its histories run January to June 2024. */
const LOAD_MONTHS = ['2024-01', '2024-03', '2024-06', '2024-09', '2024-12', '2025-03', '2025-06'];

function months(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = parseMonth(from)!; m <= parseMonth(to)!; m++) {
    out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A second writer beside the server: appends several events at once straight to the store, in
// a process of its own that is SIGKILLed together with the server.

const BATCH_WRITER = `
import { randomUUID } from 'node:crypto';
const { openPostgresEventStore } = await import(process.env.STORE_MODULE);
const store = await openPostgresEventStore({ connectionString: process.env.DATABASE_URL }, { migrate: false });
for (let n = 1; ; n++) {
  const size = 2 + (n % 5);
  const batch = 'batch-' + n;
  const events = Array.from({ length: size }, (_, i) => ({
    eventId: randomUUID(), type: 'PersonalDataAccessed', schemaVersion: 1, effectiveDate: '2024-05-02',
    data: { caseId: batch, index: i },
    metadata: { actor: 'crash-test', correlationId: batch, batchSize: String(size) },
  }));
  await store.appendToStream('jc-atomic', batch, events, { expectedVersion: 'no-stream' });
  process.stdout.write('ack ' + batch + ' ' + size + '\\n');
}
`;

function startBatchWriter(databaseUrl: string) {
  const module = pathToFileURL(join(ROOT_DIR, 'dist', 'libs', 'event-store', 'src', 'index.js'));
  const child = spawn(process.execPath, ['--input-type=module', '-e', BATCH_WRITER], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, STORE_MODULE: module.href },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked = new Map<string, number>();
  let pending = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop()!; // a line cut off by the kill is not an acknowledgement
    for (const line of lines) {
      const [, batch, size] = line.split(' ');
      acked.set(batch!, Number(size));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    acked,
    errors: () => errors,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------

it('keeps every acknowledged command exactly once when the server is SIGKILLed mid-flight', async () => {
  const time = stopwatch();
  const databaseUrl = await cluster.createDatabase('crash_kill');
  const port = await freePort();
  let server = await serverOn(databaseUrl, port);
  for (const tenant of TENANTS) await approveProgramme(server.url, tenant);
  const writer = startBatchWriter(databaseUrl);
  const load = new Load(server.url, SEED);
  await load.start(8);

  const kills: { acknowledged: number; inFlight: Set<string> }[] = [];
  for (const target of [100, 200]) {
    await until(
      `${target} acknowledged commands with some in flight (and the direct writer writing)`,
      () =>
        load.healthy() &&
        load.acks.length >= target &&
        load.inFlight.size >= 3 &&
        (kills.length > 0 || writer.acked.size >= 20),
      90_000,
      5,
    );
    const inFlight = new Set(load.inFlight);
    await Promise.all([server.kill(), kills.length === 0 ? writer.kill() : undefined]);
    servers.delete(server);
    kills.push({ acknowledged: load.acks.length, inFlight });
    server = await serverOn(databaseUrl, port); // same port: the clients just retry
  }
  const lastStart = Date.now();
  const afterKills = load.acks.length;
  await until(
    '80 more commands',
    () => load.healthy() && load.acks.length >= afterKills + 80,
    90_000,
  );
  await load.stop();
  time.lap('load with kills');
  const store = await openStore(databaseUrl);
  // The projection and the checkpoint signer (killed twice as well) carry on in the server
  // that runs now.
  await projectionCaughtUp(store, 60_000);
  await signedSince(store, lastStart);
  await server.stop();
  servers.delete(server);
  time.lap('catch-up');

  expect(load.failures).toEqual([]);
  const statuses = load.log.filter((l) => l.kind === 'command').map((l) => l.status);
  expect(statuses.filter((s) => s === 'timeout' || (typeof s === 'number' && s >= 500))).toEqual(
    [],
  );
  const cutOff = kills.flatMap((k) => [...k.inFlight]);
  const acked = new Map(load.acks.map((a) => [a.key, a]));
  expect(cutOff.every((key) => acked.has(key))).toBe(true); // every cut-off command got through
  const retried = cutOff.filter((key) => acked.get(key)!.attempts > 1);
  const committedBeforeKill = retried.filter((key) => acked.get(key)!.replayed);

  const { events, checkpoints } = await expectExactlyOnce(store, load.acks);
  time.lap('store checks');

  // The direct writer's multi-event appends: each whole or absent, every acknowledged one whole.
  expect(writer.acked.size).toBeGreaterThan(0);
  const batches = await store.db.query<{ batch: string; size: string; n: string }>(
    `SELECT metadata->>'correlationId' AS batch, max(metadata->>'batchSize') AS size, count(*) AS n
     FROM event_store.events WHERE tenant_id = 'jc-atomic' GROUP BY 1`,
  );
  expect(batches.filter((b) => Number(b.n) !== Number(b.size))).toEqual([]);
  const storedBatches = new Set(batches.map((b) => b.batch));
  expect([...writer.acked.keys()].filter((b) => !storedBatches.has(b))).toEqual([]);

  const figures = await compareWithReference(store, LOAD_MONTHS);
  expect(figures.mismatches).toEqual([]);
  expect(figures.nonZero).toBeGreaterThan(figures.compared / 4);
  time.lap('reference');

  console.log(
    `[crash] server SIGKILLed ${kills.length}× at ${kills.map((k) => k.acknowledged).join(' and ')} ` +
      `acknowledged commands: ${load.acks.length} commands acknowledged, ${events} events stored once each; ` +
      `${cutOff.length} cut off in flight, ${retried.length} answered only on retry, ` +
      `${committedBeforeKill.length} of them committed before the kill (replayed, not written again); ` +
      `direct writer: ${writer.acked.size} acknowledged batches of 2-6 events, ${batches.length} stored, none partial; ` +
      `${checkpoints} signed checkpoints verified; ${figures.compared} figures equal the reference (${time.summary()})`,
  );
}, 180_000);

it('answers 503, never 500 and never hangs, while PostgreSQL is down, and recovers without a restart', async () => {
  const time = stopwatch();
  const databaseUrl = await cluster.createDatabase('crash_database');
  const port = await freePort();
  const server = await serverOn(databaseUrl, port);
  for (const tenant of TENANTS) await approveProgramme(server.url, tenant);
  const load = new Load(server.url, SEED + 1);
  await load.start(6, 2);
  await until('80 acknowledged commands', () => load.healthy() && load.acks.length >= 80, 90_000);

  // A power cut: no checkpoint, in-flight transactions lost, crash recovery at the next start.
  const stopping = Date.now();
  await cluster.stop('immediate');
  const downAt = Date.now();
  const whileDown = () => load.log.filter((l) => l.startedAt >= downAt);
  let upAt = 0;
  try {
    await until(
      'two seconds and 40 answers with the database down',
      () =>
        stillRunning(server) &&
        load.healthy() &&
        Date.now() - downAt >= 2_000 &&
        whileDown().length >= 40,
      30_000,
    );
  } finally {
    upAt = Date.now();
    await cluster.start(); // also after a failure: the next test needs the database
  }
  const startedAt = Date.now();
  const acknowledgedAtRestart = load.acks.length;
  await until(
    '80 more commands after the restart',
    () => stillRunning(server) && load.healthy() && load.acks.length >= acknowledgedAtRestart + 80,
    90_000,
  );
  await until(
    '/health 200 again',
    () => load.log.some((l) => l.kind === 'health' && l.startedAt > startedAt && l.status === 200),
    30_000,
  );
  await load.stop();
  time.lap('load with outage');

  expect(load.failures).toEqual([]);
  // Never a 500, never a hang, never a dropped connection: the server itself never went away.
  const bad = load.log.filter((l) => !ok(l.status) && l.status !== 503);
  expect(bad.map((l) => `${l.kind} ${l.status}`)).toEqual([]);
  expect(server.alive()).toBe(true);
  // With the database down, every answer was a 503 problem with Retry-After (health: 503).
  const outage = load.log.filter((l) => l.startedAt >= downAt && l.endedAt <= upAt);
  const kinds = new Set(outage.map((l) => l.kind));
  expect([...kinds].sort()).toEqual(['command', 'health', 'read']);
  expect(
    outage
      .filter((l) => l.status !== 503 || (l.kind !== 'health' && !(l.problem && l.retryAfter)))
      .map((l) => `${l.kind} ${l.status} problem=${l.problem} retryAfter=${l.retryAfter}`),
  ).toEqual([]);
  const slowest = Math.max(...outage.map((l) => l.endedAt - l.startedAt));
  const recovered = load.log.find(
    (l) => l.kind === 'command' && l.startedAt >= startedAt && ok(l.status),
  )!;

  // The background work recovers by itself too: the projection catches up, and the checkpoint
  // signer signs the events recorded after the restart.
  const store = await openStore(databaseUrl);
  await projectionCaughtUp(store, 60_000);
  await signedSince(store, startedAt);
  await server.stop();
  servers.delete(server);
  time.lap('catch-up and signing');
  const { events, checkpoints } = await expectExactlyOnce(store, load.acks);
  time.lap('store checks');
  const figures = await compareWithReference(store, LOAD_MONTHS);
  expect(figures.mismatches).toEqual([]);
  expect(figures.nonZero).toBeGreaterThan(figures.compared / 4);
  time.lap('reference');
  const unacknowledgedAtStop = load.acks.filter((a) => a.attempts > 1);

  console.log(
    `[crash] PostgreSQL stopped (immediate) under load for ${startedAt - stopping} ms: ` +
      `${outage.length} answers meanwhile, all 503 (slowest ${slowest} ms), none 500, no hang; ` +
      `first command acknowledged ${recovered.endedAt - startedAt} ms after the database was back, ` +
      `same server process (pid ${server.pid}); ${load.acks.length} commands acknowledged ` +
      `(${unacknowledgedAtStop.length} only after retries, ` +
      `${unacknowledgedAtStop.filter((a) => a.replayed).length} of them replayed), ${events} events stored once each; ` +
      `${checkpoints} signed checkpoints verified; ${figures.compared} figures equal the reference (${time.summary()})`,
  );
}, 180_000);

// ---------------------------------------------------------------------------------------------
// Scenario 3: a backlog of generated histories (through the real deciders), appended straight
// to the store, several events per append, as the API would have recorded them over years.

function toNewEvents(events: readonly (CaseEvent | ProgrammeEvent)[], origin: string): NewEvent[] {
  return events.map((event) => ({
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    effectiveDate: effectiveDateOf(event),
    data: event.data as unknown as JsonObject,
    personal: null,
    metadata: { actor: 'crash-test', correlationId: origin },
  }));
}

async function appendBacklog(
  store: SqlEventStore,
  tenants: readonly string[],
  casesPerTenant: number,
  seed: number,
): Promise<void> {
  const specs = fc.sample(caseSpec, { seed, numRuns: tenants.length * casesPerTenant });
  const jobs: (() => Promise<void>)[] = [];
  for (const [t, tenant] of tenants.entries()) {
    const programmes = programmeHistory(tenant);
    for (const p of programmes) {
      const stream = `programme-${p.events[0]!.data.year}`;
      await store.appendToStream(tenant, stream, toNewEvents(p.events, stream), {
        expectedVersion: 'any',
      });
    }
    for (let i = 0; i < casesPerTenant; i++) {
      const caseId = `s${seed}-${i}`;
      const events = caseHistory(caseId, specs[t * casesPerTenant + i]!, programmes);
      jobs.push(async () => {
        // One to four events per append, as commands and imports write them.
        for (let at = 0, size = 1 + (i % 4); at < events.length; at += size) {
          await store.appendToStream(
            tenant,
            `case-${caseId}`,
            toNewEvents(events.slice(at, at + size), caseId),
            { expectedVersion: at },
          );
        }
      });
    }
  }
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}

it('shows no partial batch and converges to the reference when the projector is killed mid-batch', async () => {
  const time = stopwatch();
  if (!cluster.running) await cluster.start();
  const databaseUrl = await cluster.createDatabase('crash_projector');
  const store = await openStore(databaseUrl);
  const tenants = ['jc-backlog-a', 'jc-backlog-b', 'jc-backlog-c'];
  await appendBacklog(store, tenants, 120, SEED);
  time.lap('backlog');
  const port = await freePort();
  const watcher = new pg.Client({ connectionString: databaseUrl });
  await watcher.connect();
  const projected = async () =>
    Number(
      (
        await watcher
          .query<{ events: string }>('SELECT events FROM stats.checkpoint WHERE projection = $1', [
            STATISTICS_PROJECTION,
          ])
          .catch(() => ({ rows: [] }))
      ).rows[0]?.events ?? 0,
    );

  const writing = async () =>
    Number(
      (
        await watcher.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND application_name = 'teilhabe' AND backend_xid IS NOT NULL`,
        )
      ).rows[0]!.n,
    );
  const kills: { projected: number; total: number }[] = [];
  try {
    for (let attempt = 1; kills.length < 2; attempt++) {
      expect(attempt).toBeLessThanOrEqual(5);
      let total = (await readEverything(store)).length;
      let before = await projected();
      if (before >= total) {
        // The projector was faster than the watcher: more backlog, and again.
        await appendBacklog(store, tenants, 100, SEED + attempt);
        total = (await readEverything(store)).length;
        before = await projected();
      }
      const server = spawnServerProcess({ databaseUrl, port });
      servers.add(server);
      // Kill once a batch was committed and the next one is being written: an open transaction
      // of the server that already holds an xid (it has locked or written rows).
      await until(
        'the projector to commit a batch and write the next',
        async () => (await projected()) > before && (await writing()) > 0,
        60_000,
        2,
      );
      await server.kill();
      servers.delete(server);
      const after = await projected();
      if (after >= total) continue; // the last batch committed before the kill: not mid-way
      kills.push({ projected: after, total });

      // Nothing half-applied: the checkpoint counts exactly the events up to its position, and
      // the read model equals a clean projection of exactly those events.
      const checkpoint = (await readCheckpoint(store.db, 'stats', STATISTICS_PROJECTION))!;
      const upTo = (await readEverything(store)).filter(
        (e) => compareAllPositions(e.allPosition, checkpoint.position) <= 0,
      );
      expect(checkpoint.events).toBe(upTo.length);
      const shadow = `at_kill_${kills.length}`;
      const projection = new StatisticsProjection();
      await store.db.transaction(async (tx) => {
        await projection.createSchema(tx, shadow);
        await projection.apply(upTo, tx, shadow);
      });
      expect(await readModelRows(store.db, 'stats')).toEqual(await readModelRows(store.db, shadow));
    }
  } finally {
    await watcher.end();
  }

  time.lap('kills');
  const server = await serverOn(databaseUrl, port);
  await projectionCaughtUp(store, 90_000);
  time.lap('catch-up');
  const total = (await readEverything(store)).length;
  expect((await readCheckpoint(store.db, 'stats', STATISTICS_PROJECTION))!.events).toBe(total);

  // The same read model as one uninterrupted run, and every figure as the reference says.
  await new ProjectionRunner(store, store.db, new StatisticsProjection(), {
    schema: 'clean',
    batchSize: 1000,
  }).catchUp();
  expect(await readModelRows(store.db, 'stats')).toEqual(await readModelRows(store.db, 'clean'));
  time.lap('clean run');
  // The reference is naive (day by day, client by client) and slow: six months spread over the
  // years, in different calendar months (the clean-run equality above covers every cell).
  const sampled = months('2021-06', '2026-06').filter((_, i) => i % 11 === 0);
  const figures = await compareWithReference(store, sampled);
  expect(figures.tenants).toEqual(tenants);
  expect(figures.mismatches).toEqual([]);
  expect(figures.nonZero).toBeGreaterThan(figures.compared / 4);
  time.lap('reference');

  // And as the API answers them (a Jobcenter's own figures are not suppressed).
  const month = '2025-06';
  const lastPosition = (await readEverything(store)).at(-1)!.position;
  const { reference } = await referenceOf(store);
  let viaApi = 0;
  for (const tenant of tenants) {
    const token = await testToken(tenant, 'caseworker');
    for (const indicator of INDICATOR_NAMES) {
      const answer = await call(
        server.url,
        'GET',
        `/v1/statistics/${indicator}?month=${month}&minPosition=${lastPosition}`,
        { token },
      );
      const expected = reference.value(indicator, tenant, yearMonth(month), 'all', 'all');
      expect({
        tenant,
        indicator,
        status: answer.status,
        numerator: answer.body.numerator,
        denominator: answer.body.denominator,
      }).toEqual({
        tenant,
        indicator,
        status: 200,
        numerator: expected.numerator,
        denominator: expected.denominator,
      });
      viaApi += 1;
    }
  }
  await server.stop();
  servers.delete(server);
  time.lap('API');

  const killedAt = kills.map((k) => `${k.projected} of ${k.total}`).join(', ');
  console.log(
    `[crash] projector SIGKILLed mid-batch ${kills.length}× (at ${killedAt} events): no partial batch visible after either kill; caught up to ${total} events, ` +
      `read model identical to one clean run; ${figures.compared} figures (${INDICATOR_NAMES.length} indicators × ` +
      `${sampled.length} months × ${tenants.length} Jobcenters and the nation) and ${viaApi} API answers equal the reference (${time.summary()})`,
  );
}, 180_000);
