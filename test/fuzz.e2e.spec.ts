// Bad input at volume: FUZZ_RUNS generated requests (FUZZ_SEED replays a run) for every operation
// of the OpenAPI document the running server serves; no 5xx, problems name field and rule, and a
// refused request writes nothing. What is generated and checked: docs/testing.md.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { ROLES, issueToken, secretFromText } from '#security';
import {
  DRAFT_MEASURE_2026,
  TEST_SECRET,
  approvedProgramme,
  startApp,
  type RunningApp,
} from './support/app.js';
import {
  Pools,
  invalidBody,
  invalidParameter,
  operationsOf,
  validBody,
  validParameter,
  type BodyChoice,
  type OpenApiDocument,
  type Operation,
  type ParameterObject,
} from './support/openapi-arbitraries.js';

const RUNS = positiveInteger('FUZZ_RUNS', 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const TENANT = 'jc-fuzz';
const OTHER_TENANT = 'jc-fuzz-other';
const PROBLEM = 'application/problem+json';
const REQUEST_TIMEOUT_MS = 30_000;

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new Error(`${name} must be a positive integer`);
  return Number(text);
}

// ---------------------------------------------------------------------------------------------
// Tokens: valid ones of every role, and every way a token can be wrong

type ValidAuth =
  | (typeof ROLES)[number]
  | 'all roles'
  | 'all roles, lower-case scheme'
  | 'other tenant'
  | 'national analyst';
const INVALID_AUTH = [
  'none',
  'expired',
  'wrong secret',
  'alg none',
  'garbage',
  'basic scheme',
  'bad tenant claim',
  'unknown role',
  'no expiry',
  'lives over 12 h',
  'issued in the future',
  'huge',
] as const;
type AuthLabel = ValidAuth | (typeof INVALID_AUTH)[number];

async function mintTokens(running: RunningApp): Promise<Map<AuthLabel, string | undefined>> {
  const secret = secretFromText(TEST_SECRET);
  const bearer = (token: string) => `Bearer ${token}`;
  const signed = (claims: Record<string, unknown>, expiry: string | null = '1h') => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('fuzzer');
    return (expiry ? jwt.setExpirationTime(expiry) : jwt).sign(secret);
  };
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const tokens = new Map<AuthLabel, string | undefined>([
    ['all roles', bearer(await running.token(TENANT, [...ROLES], 'fuzzer'))],
    ['all roles, lower-case scheme', `bearer ${await running.token(TENANT, [...ROLES], 'fuzzer')}`],
    ['other tenant', bearer(await running.token(OTHER_TENANT, [...ROLES], 'fuzzer'))],
    ['national analyst', bearer(await running.token('*', 'analyst', 'fuzzer'))],
    ['none', undefined],
    ['expired', bearer(await running.token(TENANT, [...ROLES], 'fuzzer', -60))],
    [
      'wrong secret',
      bearer(
        await issueToken({
          secret: secretFromText('another-secret-that-is-long-enough-for-hs256'),
          tenant: TENANT,
          roles: [...ROLES],
          subject: 'fuzzer',
        }),
      ),
    ],
    [
      'alg none',
      bearer(`${b64({ alg: 'none' })}.${b64({ sub: 'x', tenant: TENANT, roles: ROLES })}.`),
    ],
    ['garbage', 'Bearer not.a.token'],
    ['basic scheme', 'Basic ZnV6emVyOnNlY3JldA=='],
    ['bad tenant claim', bearer(await signed({ tenant: '../jc-fuzz', roles: ['caseworker'] }))],
    ['unknown role', bearer(await signed({ tenant: TENANT, roles: ['root'] }))],
    ['no expiry', bearer(await signed({ tenant: TENANT, roles: [...ROLES] }, null))],
    [
      'lives over 12 h',
      bearer(await signed({ tenant: TENANT, roles: [...ROLES], iat: now }, `${13 * 3600}s`)),
    ],
    [
      'issued in the future',
      bearer(await signed({ tenant: TENANT, roles: [...ROLES], iat: now + 3600 }, '2h')),
    ],
    ['huge', bearer('A'.repeat(8_000))],
  ]);
  for (const role of ROLES) tokens.set(role, bearer(await running.token(TENANT, role, 'fuzzer')));
  return tokens;
}

const validAuth: fc.Arbitrary<AuthLabel> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('all roles' as const) },
  { weight: 1, arbitrary: fc.constant('all roles, lower-case scheme' as const) },
  { weight: 5, arbitrary: fc.constantFrom(...ROLES) },
  { weight: 2, arbitrary: fc.constant('other tenant' as const) },
  { weight: 1, arbitrary: fc.constant('national analyst' as const) },
);

// ---------------------------------------------------------------------------------------------
// Requests

type ParamValue = string | readonly string[] | undefined;

interface FuzzRequest {
  /** What was broken; empty for a valid-ish request. */
  readonly mutations: readonly string[];
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly extraQuery?: readonly [string, string];
  readonly auth: AuthLabel;
  readonly body: BodyChoice;
}

const keyOf = (p: ParameterObject) => `${p.in}:${p.name}`;

function validRequest(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const params = Object.fromEntries(
    op.parameters.map((p) => {
      const value = validParameter(p, pools);
      // Optional headers (If-Match, Idempotency-Key) mostly left out: a random version is stale.
      const absent = p.in === 'header' ? 3 : 1;
      const option = fc.oneof(
        { weight: absent, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: value },
      );
      return [keyOf(p), p.required ? value : option] as const;
    }),
  );
  return fc.record({
    mutations: fc.constant([]),
    params: fc.record(params),
    auth: validAuth,
    body: validBody(op, pools),
  });
}

type Mutation = (request: FuzzRequest) => fc.Arbitrary<FuzzRequest>;

/** Every way this operation's request can be broken, by name. */
function mutationsOf(op: Operation, pools: Pools): Map<string, Mutation> {
  const out = new Map<string, Mutation>();
  const set = (r: FuzzRequest, key: string, value: ParamValue) => ({
    ...r,
    params: { ...r.params, [key]: value },
  });
  for (const p of op.parameters) {
    const key = keyOf(p);
    out.set(`bad ${key}`, (r) => invalidParameter(p).map((v) => set(r, key, v)));
    if (p.required) out.set(`no ${key}`, (r) => fc.constant(set(r, key, undefined)));
    if (p.in === 'query') {
      out.set(`repeated ${key}`, (r) =>
        fc
          .tuple(validParameter(p, pools), invalidParameter(p))
          .map(([a, b]) => set(r, key, [a, b])),
      );
    }
  }
  out.set('unknown query parameter', (r) =>
    fc
      .tuple(fc.constantFrom('extra', 'admin', '__proto__', 'tenant', 'constructor'), fc.string())
      .map((extraQuery) => ({ ...r, extraQuery })),
  );
  out.set('body', (r) => invalidBody(op, pools).map((body) => ({ ...r, body })));
  out.set('token', (r) => fc.constantFrom(...INVALID_AUTH).map((auth) => ({ ...r, auth })));
  return out;
}

function invalidRequest(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const mutations = mutationsOf(op, pools);
  // GET requests cannot carry a body (fetch refuses): no body mutation there.
  const names = [...mutations.keys()].filter((n) => n !== 'body' || op.method !== 'get');
  return fc
    .tuple(validRequest(op, pools), fc.subarray(names, { minLength: 1, maxLength: 2 }))
    .chain(([base, chosen]) =>
      chosen.reduce<fc.Arbitrary<FuzzRequest>>(
        (arb, name) => arb.chain((r) => mutations.get(name)!(r)),
        fc.constant({ ...base, mutations: chosen }),
      ),
    );
}

function requests(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(validRequest(op, pools), invalidRequest(op, pools));
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

function urlOf(op: Operation, request: FuzzRequest): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = request.params[`path:${name}`];
    return encodeURIComponent(typeof value === 'string' ? value : '');
  });
  const query = new URLSearchParams();
  for (const p of op.parameters.filter((q) => q.in === 'query')) {
    const value = request.params[keyOf(p)];
    for (const v of typeof value === 'string' ? [value] : (value ?? [])) query.append(p.name, v);
  }
  if (request.extraQuery) query.append(...request.extraQuery);
  const search = query.toString();
  return `${running.url}${path}${search ? `?${search}` : ''}`;
}

async function send(op: Operation, request: FuzzRequest): Promise<Answer> {
  const headers: Record<string, string> = {};
  const authorization = tokens.get(request.auth);
  if (authorization !== undefined) headers.authorization = authorization;
  for (const p of op.parameters.filter((h) => h.in === 'header')) {
    const value = request.params[keyOf(p)];
    if (typeof value === 'string') headers[p.name] = value;
  }
  let body: Uint8Array | undefined;
  const { body: choice } = request;
  if (choice.kind !== 'none' && op.method !== 'get') {
    const text = 'text' in choice ? choice.text : JSON.stringify(choice.json);
    body = new TextEncoder().encode(text);
    const contentType = choice.kind === 'content type' ? choice.contentType : 'application/json';
    if (contentType !== null) headers['content-type'] = contentType;
  }
  const response = await fetch(urlOf(op, request), {
    method: op.method.toUpperCase(),
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(body === undefined ? {} : { body }),
  });
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (contentType === 'text/event-stream') {
    // A live stream never ends: its headers are the answer.
    await response.body?.cancel();
    return { status: response.status, contentType, body: {} };
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    const json: unknown = text ? JSON.parse(text) : {};
    if (json !== null && typeof json === 'object') parsed = json as Record<string, unknown>;
  } catch {
    parsed = { text: text.slice(0, 300) };
  }
  return { status: response.status, contentType, body: parsed };
}

// ---------------------------------------------------------------------------------------------
// What the database holds: compared around every rejected request

interface Snapshot {
  readonly events: number;
  readonly head: number;
  /** md5 per table of the read model, the key vault and the signed checkpoints. */
  readonly tables: Readonly<Record<string, string>>;
}

let snapshotSql = '';

/**
 * Every table the app writes besides the events: the statistics read model, the vault, the
 * signed checkpoints. Left out: `event_store.known_tenants`/`tenant_scan`, a cache the
 * checkpoint signer fills from $all in the background.
 */
async function prepareSnapshot(): Promise<void> {
  const rows = await running.store.db.query<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE'
        AND (table_schema IN ('stats', 'privacy') OR (table_schema, table_name) = ('event_store', 'checkpoints'))
      ORDER BY 1`,
  );
  const names = rows.map((r) => r.name);
  expect(names).toEqual(expect.arrayContaining(['stats.monthly', 'privacy.case_keys']));
  const checksums = names.map(
    (name) =>
      `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${name} t) AS "${name}"`,
  );
  snapshotSql = `SELECT (SELECT count(*) FROM event_store.events) AS events,
    (SELECT coalesce(max(global_position), 0) FROM event_store.events) AS head, ${checksums.join(', ')}`;
}

async function snapshot(): Promise<Snapshot> {
  const [row] = await running.store.db.query<Record<string, string | number>>(snapshotSql);
  const { events, head, ...tables } = row!;
  return { events: Number(events), head: Number(head), tables: tables as Record<string, string> };
}

async function eventsAfter(head: number) {
  return running.store.db.query<{ type: string; stream: string; tenant: string }>(
    `SELECT event_type AS type, stream_id AS stream, tenant_id AS tenant FROM event_store.events
      WHERE global_position > $1 ORDER BY global_position`,
    [head],
  );
}

/** Waits until the projector has applied every event, so its tables stand still again. */
async function projectorCaughtUp(head: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await running.store.db.query<{ prepare: string | number }>(
      'SELECT max(prepare) AS prepare FROM stats.checkpoint',
    );
    if (Number(row?.prepare ?? 0) >= head) return;
    if (Date.now() > deadline) throw new Error(`projector did not reach position ${head}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---------------------------------------------------------------------------------------------
// Setup: a programme and a few cases, so ids exist and deeper rules are reached

let running: RunningApp;
let document: OpenApiDocument;
let operations: Operation[];
let pools: Pools;
let tokens: Map<AuthLabel, string | undefined>;
/** Ids an accepted answer names, added to the pools of known values. */
const HARVESTED = ['caseId', 'assignmentId', 'employmentId'];

async function seed(): Promise<void> {
  await approvedProgramme(running, TENANT, 2024, ['M-1', 'M-2']);
  const planner = await running.client(TENANT, 'planner');
  const offered = await planner.POST('/v1/programmes/{year}/measures', {
    params: { path: { year: 2026 } },
    body: DRAFT_MEASURE_2026,
  });
  expect(offered.response.status).toBe(201);
  const caseworker = await running.client(TENANT, 'caseworker');
  for (const [i, givenName] of ['Mira', 'Jonas', 'Olena', 'Piotr'].entries()) {
    const enrolled = await caseworker.POST('/v1/cases', {
      body: {
        client: { givenName, familyName: 'Fuzz', dateOfBirth: '1988-09-12', gender: 'diverse' },
        enrolledOn: '2024-01-08',
        targetGroups: { singleParent: i % 2 === 0, refugeeUkraine: i === 2 },
      },
    });
    expect(enrolled.response.status).toBe(201);
    const caseId = enrolled.data!.caseId;
    pools.add('caseId', caseId);
    const path = { caseId };
    const assigned = await caseworker.POST('/v1/cases/{caseId}/measures', {
      params: { path },
      body: { measureId: 'M-1', assignedOn: '2024-02-01' },
    });
    expect(assigned.response.status).toBe(201);
    pools.add('assignmentId', assigned.data!.assignmentId);
    const employed = await caseworker.POST('/v1/cases/{caseId}/employments', {
      params: { path },
      body: { kind: 'insured', startedOn: '2024-03-01', subsidised: false },
    });
    expect(employed.response.status).toBe(201);
    pools.add('employmentId', employed.data!.employmentId);
    if (i === 3) {
      const closed = await caseworker.POST('/v1/cases/{caseId}/close', {
        params: { path },
        body: { closedOn: '2024-06-30', reason: 'moved' },
      });
      expect(closed.response.status).toBe(200);
    }
  }
  for (const id of ['M-1', 'M-2', 'P-1']) pools.add('measureId', id);
  for (const year of ['2024', '2026']) pools.add('year', year);
  for (const tenant of [TENANT, OTHER_TENANT, '*']) pools.add('jobcenter', tenant);
}

beforeAll(async () => {
  running = await startApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  const response = await fetch(`${running.url}/docs-json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
  operations = operationsOf(document);
  pools = Pools.fromDocument(document);
  tokens = await mintTokens(running);
  await seed();
  await prepareSnapshot();
}, 60_000);

afterAll(async () => {
  await running?.close();
});

// ---------------------------------------------------------------------------------------------
// The properties

const histogram = new Map<string, Map<number, number>>();
const count = (op: string, status: number) => {
  const own = histogram.get(op) ?? new Map<number, number>();
  own.set(status, (own.get(status) ?? 0) + 1);
  histogram.set(op, own);
};
const PERSONAL_READS = /^GET \/v1\/(cases\/\{caseId\}|audit\/cases\/\{caseId\}\/(events|state))$/;

function isSecured(op: Operation): boolean {
  const item = document.paths[op.path]?.[op.method] as { security?: unknown[] } | undefined;
  return (item?.security?.length ?? 0) > 0;
}

/** The request as a failure message shows it: long strings cut short. */
function brief(request: FuzzRequest): unknown {
  return JSON.parse(
    JSON.stringify(request, (_, value: unknown) =>
      typeof value === 'string' && value.length > 120
        ? `${value.slice(0, 60)}… (${value.length} characters)`
        : value,
    ),
  );
}

/** The answer to one request, checked; returns the snapshot the next request starts from. */
async function check(op: Operation, request: FuzzRequest, before: Snapshot): Promise<Snapshot> {
  const answer = await send(op, request);
  count(op.name, answer.status);
  const seen = {
    operation: op.name,
    request: brief(request),
    status: answer.status,
    body: answer.body,
  };
  // 1. Never a server error; every refusal a problem document; a 400 names field and rule.
  if (answer.status >= 500) {
    // The server's own account of it, for the failure message.
    const logged = running
      .logs()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .slice(-3)
      .map((line) => line.slice(0, 2000));
    expect({ ...seen, serverError: true, logged }).toEqual({ ...seen, serverError: false });
  }
  if (answer.status >= 400) {
    const { type, code, status, title, errors } = answer.body;
    expect({ ...seen, contentType: answer.contentType, type, status, title: typeof title }).toEqual(
      {
        ...seen,
        contentType: PROBLEM,
        type: `urn:teilhabe:problem:${String(code)}`,
        status: answer.status,
        title: 'string',
      },
    );
    if (answer.status === 400) {
      // A field may be named "" (an unknown field of that name is refused as such); a rule never.
      const named = Array.isArray(errors)
        ? errors.every(
            (e: Record<string, unknown>) =>
              typeof e.field === 'string' && typeof e.rule === 'string' && e.rule.length > 0,
          ) && errors.length > 0
        : false;
      // `errors` sorts next to the flag, so a failure shows them.
      expect({ ...seen, errors, errorsNameFieldAndRule: named }).toEqual({
        ...seen,
        errors,
        errorsNameFieldAndRule: true,
      });
    }
  }
  // The document's security says who must show a token: a request wrong only in its token is
  // a 401; with more wrong, a check before authentication (content type, size) may answer
  // first, but never one that needs to know the caller.
  const badToken = (INVALID_AUTH as readonly string[]).includes(request.auth);
  if (badToken && isSecured(op)) {
    const onlyToken = request.mutations.length === 1;
    const pastAuthentication = answer.status < 400 || [403, 409, 412, 422].includes(answer.status);
    expect({ ...seen, onlyToken, pastAuthentication }).toEqual({
      ...seen,
      onlyToken,
      pastAuthentication: false,
      ...(onlyToken ? { status: 401 } : {}),
    });
  }
  if (!isSecured(op)) {
    expect({ ...seen, unauthorised: answer.status === 401 }).toMatchObject({
      unauthorised: false,
    });
  }
  // A broken body on an operation that takes one is never accepted.
  if (request.mutations.includes('body') && op.body) {
    expect({ ...seen, accepted: answer.status < 300 }).toMatchObject({ accepted: false });
  }
  // 2. Nothing written unless accepted; an accepted read writes its access-log entry only.
  const after = await snapshot();
  const accepted = answer.status >= 200 && answer.status < 300;
  if (!accepted) {
    const written = after.head === before.head ? [] : await eventsAfter(before.head);
    expect({ ...seen, written, after }).toEqual({ ...seen, written: [], after: before });
    return after;
  }
  for (const key of HARVESTED) {
    const value = answer.body[key];
    if (op.method === 'post' && typeof value === 'string') pools.add(key, value);
  }
  if (after.head === before.head) return after;
  if (op.method === 'get') {
    const written = await eventsAfter(before.head);
    const allowed = PERSONAL_READS.test(op.name)
      ? [
          {
            type: 'PersonalDataAccessed',
            stream: expect.stringMatching(/^access-log-\d{4}-\d{2}$/) as unknown,
            tenant: expect.any(String) as unknown,
          },
        ]
      : [];
    expect({ ...seen, written }).toEqual({ ...seen, written: allowed });
  }
  await projectorCaughtUp(after.head);
  return snapshot();
}

it('covers every operation of the served OpenAPI document', () => {
  expect(document.openapi).toMatch(/^3\./);
  const listed = Object.values(document.paths).flatMap((item) => Object.keys(item));
  expect(operations.length).toBe(listed.length);
  expect(operations.length).toBeGreaterThanOrEqual(20);
});

it(`sends ${RUNS} generated requests to each operation: no 5xx, problems for every refusal, no write from a refused request`, async () => {
  const started = Date.now();
  let current = await snapshot();
  const sent = new Map<string, number>();
  for (const op of operations) {
    await fc.assert(
      fc.asyncProperty(requests(op, pools), async (request) => {
        sent.set(op.name, (sent.get(op.name) ?? 0) + 1);
        try {
          current = await check(op, request, current);
        } catch (error) {
          // The next run (or shrink step) starts from what the store holds now.
          current = await snapshot();
          throw error;
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  }
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  const statuses = new Map<number, number>();
  for (const own of histogram.values()) {
    for (const [status, n] of own) statuses.set(status, (statuses.get(status) ?? 0) + n);
  }
  const show = (m: Map<number, number>) =>
    [...m]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
  const perOperation = operations
    .map(
      (op) =>
        `  ${op.name.padEnd(56)} ${sent.get(op.name) ?? 0} sent  ${show(histogram.get(op.name) ?? new Map<number, number>())}`,
    )
    .join('\n');
  console.log(
    `fuzz: ${operations.length}/${operations.length} operations, ${total} requests ` +
      `(${RUNS} each) in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${show(statuses)}\n${perOperation}`,
  );
  // Every operation got its requests; both sides of validation were reached.
  expect(operations.filter((op) => (sent.get(op.name) ?? 0) < RUNS).map((op) => op.name)).toEqual(
    [],
  );
  // Both sides of validation were reached: commands were accepted (so the generated valid-ish
  // requests get past validation to the domain) and refused. Too few runs may miss either.
  if (RUNS >= 20) {
    const acceptedCommands = operations
      .filter((op) => op.method === 'post')
      .flatMap((op) => [...(histogram.get(op.name) ?? [])])
      .filter(([status]) => status < 300)
      .reduce((a, [, n]) => a + n, 0);
    expect({ acceptedCommands: acceptedCommands > 0, refused: statuses.has(400) }).toEqual({
      acceptedCommands: true,
      refused: true,
    });
  }
}, 600_000);

// ---------------------------------------------------------------------------------------------
// What earlier fuzz runs found, pinned

describe('findings of the fuzz run', () => {
  it('marks every operation but /health and /metrics as needing a bearer token (access log, integrity and the stream said public)', () => {
    const open = operations.filter((op) => !isSecured(op)).map((op) => op.name);
    expect(open.sort()).toEqual(['GET /health', 'GET /metrics']);
  });

  it('accepts the erasure without a body, as the document describes it (was 415)', async () => {
    const caseworker = await running.client(TENANT, 'caseworker');
    const enrolled = await caseworker.POST('/v1/cases', {
      body: {
        client: {
          givenName: 'Eda',
          familyName: 'Fuzz',
          dateOfBirth: '1990-01-01',
          gender: 'female',
        },
        enrolledOn: '2024-01-08',
      },
    });
    const caseId = enrolled.data!.caseId;
    const closed = await caseworker.POST('/v1/cases/{caseId}/close', {
      params: { path: { caseId } },
      body: { closedOn: '2024-06-30', reason: 'moved' },
    });
    expect(closed.response.status).toBe(200);
    const response = await fetch(`${running.url}/v1/cases/${caseId}/erasure`, {
      method: 'POST',
      headers: { authorization: tokens.get('dpo')! },
    });
    expect(response.status).toBe(200);
    // A command that needs a body and gets none is refused for its missing fields.
    const empty = await fetch(`${running.url}/v1/cases/${caseId}/need-resumed`, {
      method: 'POST',
      headers: { authorization: tokens.get('caseworker')! },
    });
    const problem = (await empty.json()) as { errors?: { field: string }[] };
    expect({ status: empty.status, fields: problem.errors?.map((e) => e.field) }).toEqual({
      status: 400,
      fields: ['resumedOn'],
    });
  });

  it('names the body when the erasure gets a JSON array (was a 400 with no errors)', async () => {
    for (const body of ['[]', '[1]', '[{}]']) {
      const response = await fetch(`${running.url}/v1/cases/${randomUUID()}/erasure`, {
        method: 'POST',
        headers: { authorization: tokens.get('dpo')!, 'content-type': 'application/json' },
        body,
      });
      expect({ body, status: response.status, problem: await response.json() }).toEqual({
        body,
        status: 400,
        problem: expect.objectContaining({
          errors: [expect.objectContaining({ field: 'body', rule: 'isEmptyObject' })],
        }) as unknown,
      });
    }
  });

  it('refuses a deeply nested body sent with an Idempotency-Key with a 400 (was a 500: the key hashed the unchecked body)', async () => {
    const depth = 20_000; // 40 KB of brackets: within the body limit
    const response = await fetch(`${running.url}/v1/cases/${randomUUID()}/need-resumed`, {
      method: 'POST',
      headers: {
        authorization: tokens.get('caseworker')!,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: `{"resumedOn":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    });
    expect({ status: response.status, problem: await response.json() }).toEqual({
      status: 400,
      problem: expect.objectContaining({
        errors: [expect.objectContaining({ field: 'resumedOn' })],
      }) as unknown,
    });
  });

  it('answers a request head over 16 KiB with a 431 problem, not a bare status line', async () => {
    const response = await fetch(`${running.url}/v1/cases/${'x'.repeat(20_000)}`, {
      headers: { authorization: tokens.get('caseworker')! },
    });
    expect({
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.json(),
    }).toEqual({
      status: 431,
      contentType: PROBLEM,
      body: expect.objectContaining({
        type: 'urn:teilhabe:problem:headers-too-large',
        status: 431,
      }) as unknown,
    });
  });
});
