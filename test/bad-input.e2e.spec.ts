// Bad input never writes anything (API.md): thousands of generated bad requests against one
// running app, each answered with a problem naming what is wrong, the store unchanged after.
// What is broken, and why the cases are in an accepting state: docs/testing.md.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { START, type AllPosition, type RecordedEvent } from '#event-store';
import type { Role } from '#security';
import { DRAFT_MEASURE_2026, approvedProgramme, startApp, type RunningApp } from './support/app.js';
import {
  JSON_SUFFIX_CONTENT_TYPES,
  WRONG_CONTENT_TYPES,
  amount,
  arrayOf,
  badHeader,
  badUuidSegment,
  badYearSegment,
  boolean,
  brokenPayload,
  date,
  deeplyNested,
  id,
  integer,
  malformedJson,
  object,
  oneOf,
  optional,
  smallJson,
  text,
  uuid,
  type BrokenPayload,
  type Json,
  type JsonObject,
  type ObjectSpec,
} from './support/bad-payloads.js';

/** Generated bad payloads per endpoint family (the path/header and raw-body runs come on top). */
const BODY_RUNS = 300;
const PATH_AND_HEADER_RUNS = 60;
const RAW_RUNS = 400;
const TIMEOUT_MS = 60_000;
const TENANT = 'jc-bad-input';
const PROBLEM_TYPE = /^urn:teilhabe:problem:/;

// ---------------------------------------------------------------------------------------------
// The contract (API.md and the brief), not the app's own constants: the test must not follow
// the code if the code drifts.

const GENDERS = ['female', 'male', 'diverse', 'unspecified'];
const ABORT_REASONS = ['employment', 'illness', 'non-attendance', 'measure-cancelled', 'other'];
const EMPLOYMENT_KINDS = [
  'insured',
  'vocational-training',
  'self-employed',
  'marginal',
  'publicly-funded',
];
const NEED_ENDED_REASONS = [
  'employment-income',
  'other-income',
  'household-change',
  'moved',
  'other',
];
const CLOSE_REASONS = ['need-ended', 'moved', 'transferred', 'deceased', 'other'];
const MEASURE_KINDS = [
  'activation',
  'vocational-training',
  'wage-subsidy',
  'job-application-training',
  'coaching',
  'other',
];
const PROGRAMME_TARGET_GROUPS = ['u25', '50plus', 'single-parent', 'refugee-ukraine', 'all'];
const MEASURE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const USER_ID = /^[A-Za-z0-9._@:-]+$/;

/** The real things the case-scoped commands are sent to. */
interface Fixture {
  /** Enrolled 2024-01-08; need ongoing; employment E since 2024-03-01. */
  readonly caseId: string;
  /** Enrolled 2024-01-08; need ended 2024-06-30 (so it can resume). */
  readonly endedCaseId: string;
  /** Assigned 2024-02-01, not started. */
  readonly assignedId: string;
  /** Assigned 2024-02-01, started 2024-02-05. */
  readonly startedId: string;
  readonly employmentId: string;
}

interface Endpoint {
  readonly name: string;
  /** With `{param}` placeholders. */
  readonly path: string;
  readonly params: (fixture: Fixture) => Record<string, string>;
  readonly role: Role;
  readonly schema: ObjectSpec;
  /** Accepted on the fixture (see the first test): breaking it is the only reason to refuse. */
  readonly valid: JsonObject;
  readonly accepted: 200 | 201;
}

const noParams = () => ({});
const onCase = (f: Fixture) => ({ caseId: f.caseId });

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'enrol',
    path: '/v1/cases',
    params: noParams,
    role: 'caseworker',
    accepted: 201,
    schema: object({
      caseId: optional(uuid()),
      client: object({
        givenName: text(1, 100),
        familyName: text(1, 100),
        dateOfBirth: date(),
        gender: oneOf(GENDERS),
      }),
      enrolledOn: date(),
      targetGroups: optional(
        object({ singleParent: optional(boolean()), refugeeUkraine: optional(boolean()) }),
      ),
    }),
    valid: {
      caseId: '3f8e2c1a-7b4d-4e5f-9a6b-0c1d2e3f4a5b',
      client: {
        givenName: 'Olena',
        familyName: 'Kovalenko',
        dateOfBirth: '1990-04-17',
        gender: 'female',
      },
      enrolledOn: '2024-01-08',
      targetGroups: { singleParent: true, refugeeUkraine: true },
    },
  },
  {
    name: 'cooperation-plan',
    path: '/v1/cases/{caseId}/cooperation-plan',
    params: onCase,
    role: 'caseworker',
    accepted: 200,
    schema: object({ agreedOn: date(), goals: arrayOf(text(1, 500), 1, 20) }),
    valid: {
      agreedOn: '2024-01-15',
      goals: ['German course B1', 'Work as a nursing assistant', 'A childcare place'],
    },
  },
  {
    name: 'assign-measure',
    path: '/v1/cases/{caseId}/measures',
    params: onCase,
    role: 'caseworker',
    accepted: 201,
    schema: object({ measureId: id(MEASURE_ID, 1, 64), assignedOn: date() }),
    valid: { measureId: 'M-1', assignedOn: '2024-02-15' },
  },
  {
    name: 'start-measure',
    path: '/v1/cases/{caseId}/measures/{assignmentId}/start',
    params: (f) => ({ caseId: f.caseId, assignmentId: f.assignedId }),
    role: 'caseworker',
    accepted: 200,
    schema: object({ on: date() }),
    valid: { on: '2024-02-05' },
  },
  {
    name: 'complete-measure',
    path: '/v1/cases/{caseId}/measures/{assignmentId}/complete',
    params: (f) => ({ caseId: f.caseId, assignmentId: f.startedId }),
    role: 'caseworker',
    accepted: 200,
    schema: object({ on: date() }),
    valid: { on: '2024-05-31' },
  },
  {
    name: 'abort-measure',
    path: '/v1/cases/{caseId}/measures/{assignmentId}/abort',
    params: (f) => ({ caseId: f.caseId, assignmentId: f.startedId }),
    role: 'caseworker',
    accepted: 200,
    schema: object({ on: date(), reason: oneOf(ABORT_REASONS) }),
    valid: { on: '2024-03-01', reason: 'illness' },
  },
  {
    name: 'start-employment',
    path: '/v1/cases/{caseId}/employments',
    params: onCase,
    role: 'caseworker',
    accepted: 201,
    schema: object({
      kind: oneOf(EMPLOYMENT_KINDS),
      startedOn: date(),
      subsidised: boolean(),
      monthlyGrossIncome: optional(amount(0, 1_000_000, 2)),
    }),
    valid: {
      kind: 'insured',
      startedOn: '2024-06-01',
      subsidised: true,
      monthlyGrossIncome: 2450.5,
    },
  },
  {
    name: 'end-employment',
    path: '/v1/cases/{caseId}/employments/{employmentId}/end',
    params: (f) => ({ caseId: f.caseId, employmentId: f.employmentId }),
    role: 'caseworker',
    accepted: 200,
    schema: object({ endedOn: date() }),
    valid: { endedOn: '2024-05-31' },
  },
  {
    name: 'need-ended',
    path: '/v1/cases/{caseId}/need-ended',
    params: onCase,
    role: 'caseworker',
    accepted: 200,
    schema: object({ endedOn: date(), reason: oneOf(NEED_ENDED_REASONS) }),
    valid: { endedOn: '2024-06-30', reason: 'employment-income' },
  },
  {
    name: 'need-resumed',
    path: '/v1/cases/{caseId}/need-resumed',
    params: (f) => ({ caseId: f.endedCaseId }),
    role: 'caseworker',
    accepted: 200,
    schema: object({ resumedOn: date() }),
    valid: { resumedOn: '2024-11-01' },
  },
  {
    name: 'close',
    path: '/v1/cases/{caseId}/close',
    params: onCase,
    role: 'caseworker',
    accepted: 200,
    schema: object({ closedOn: date(), reason: oneOf(CLOSE_REASONS) }),
    valid: { closedOn: '2024-09-30', reason: 'moved' },
  },
  {
    name: 'assign-caseworker',
    path: '/v1/cases/{caseId}/caseworker',
    params: onCase,
    role: 'team-lead',
    accepted: 200,
    schema: object({ caseworkerId: id(USER_ID, 1, 200), assignedOn: date() }),
    valid: { caseworkerId: 'anna.schmidt', assignedOn: '2024-02-01' },
  },
  {
    name: 'offer-measure',
    path: '/v1/programmes/{year}/measures',
    params: () => ({ year: '2026' }),
    role: 'planner',
    accepted: 201,
    schema: object({
      measureId: id(MEASURE_ID, 1, 64),
      title: text(1, 200),
      kind: oneOf(MEASURE_KINDS),
      plannedPlaces: integer(1, 100_000),
      targetGroups: arrayOf(oneOf(PROGRAMME_TARGET_GROUPS), 1, 5, { unique: true }),
      offeredOn: optional(date()),
    }),
    valid: {
      measureId: 'P-2',
      title: 'Coaching für Alleinerziehende',
      kind: 'coaching',
      plannedPlaces: 25,
      targetGroups: ['single-parent', 'u25'],
      offeredOn: '2025-10-01',
    },
  },
  {
    name: 'approve-programme',
    path: '/v1/programmes/{year}/approval',
    params: () => ({ year: '2026' }),
    role: 'planner',
    accepted: 200,
    schema: object({ approvedOn: date() }),
    valid: { approvedOn: '2025-12-01' },
  },
];

const endpoint = (name: string): Endpoint => {
  const found = ENDPOINTS.find((e) => e.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
};

const FAMILIES: readonly { readonly name: string; readonly endpoints: readonly string[] }[] = [
  { name: 'enrol', endpoints: ['enrol'] },
  { name: 'cooperation plan', endpoints: ['cooperation-plan'] },
  {
    name: 'measure assignment and progress',
    endpoints: ['assign-measure', 'start-measure', 'complete-measure', 'abort-measure'],
  },
  { name: 'employments', endpoints: ['start-employment', 'end-employment'] },
  {
    name: 'need, close and caseworker',
    endpoints: ['need-ended', 'need-resumed', 'close', 'assign-caseworker'],
  },
  { name: 'programme', endpoints: ['offer-measure', 'approve-programme'] },
];

// ---------------------------------------------------------------------------------------------
// The running app, its fixture, and raw HTTP

let running: RunningApp;
let fixture: Fixture;
/** Where the store stood after setup; every bad request is compared with the one before it. */
let baseline: { count: number; lastPosition: number | undefined; allPosition: AllPosition };
let cursor: AllPosition = START;
let control: { endpoint: string; status: number; expected: number; body: unknown }[] = [];
const statuses: { status: number; endpoint: string }[] = [];
const tokens = new Map<string, string>();

async function tokenFor(tenant: string, role: Role): Promise<string> {
  const key = `${tenant} ${role}`;
  let token = tokens.get(key);
  if (!token) {
    token = await running.token(tenant, role, `bad-input-${role}`);
    tokens.set(key, token);
  }
  return token;
}

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: Record<string, unknown>;
}

/** A POST as sent on the wire: the body as text, any content type (null: none at all). */
async function post(
  tenant: string,
  role: Role,
  path: string,
  body: string | Uint8Array,
  options: { contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await tokenFor(tenant, role)}`,
    ...options.headers,
  };
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  // Bytes, not a string: fetch would add `text/plain` to a string body without a content type.
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text: text.slice(0, 500) };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: parsed,
  };
}

function pathOf(
  target: Endpoint,
  values: Record<string, string>,
  override?: { param: string; value: string },
): string {
  return target.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    override?.param === name ? encodeURIComponent(override.value) : (values[name] ?? '?'),
  );
}

async function must(
  tenant: string,
  role: Role,
  path: string,
  body: Json,
  status: number,
): Promise<Record<string, unknown>> {
  const answer = await post(tenant, role, path, JSON.stringify(body));
  if (answer.status !== status) {
    throw new Error(`setup: POST ${path} gave ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

async function setUpFixture(tenant: string): Promise<Fixture> {
  await approvedProgramme(running, tenant, 2024, ['M-1']);
  // A draft programme for 2026, so offering and approving would write.
  await must(tenant, 'planner', '/v1/programmes/2026/measures', DRAFT_MEASURE_2026, 201);
  const enrol = (givenName: string) =>
    must(
      tenant,
      'caseworker',
      '/v1/cases',
      {
        client: { givenName, familyName: 'Test', dateOfBirth: '1988-09-12', gender: 'diverse' },
        enrolledOn: '2024-01-08',
        targetGroups: { singleParent: true, refugeeUkraine: false },
      },
      201,
    );
  const caseId = String((await enrol('Mira')).caseId);
  const endedCaseId = String((await enrol('Jonas')).caseId);
  await must(
    tenant,
    'caseworker',
    `/v1/cases/${endedCaseId}/need-ended`,
    { endedOn: '2024-06-30', reason: 'other-income' },
    200,
  );
  const assign = async () =>
    String(
      (
        await must(
          tenant,
          'caseworker',
          `/v1/cases/${caseId}/measures`,
          { measureId: 'M-1', assignedOn: '2024-02-01' },
          201,
        )
      ).assignmentId,
    );
  const assignedId = await assign();
  const startedId = await assign();
  await must(
    tenant,
    'caseworker',
    `/v1/cases/${caseId}/measures/${startedId}/start`,
    { on: '2024-02-05' },
    200,
  );
  const employment = await must(
    tenant,
    'caseworker',
    `/v1/cases/${caseId}/employments`,
    { kind: 'marginal', startedOn: '2024-03-01', subsidised: false },
    201,
  );
  return {
    caseId,
    endedCaseId,
    assignedId,
    startedId,
    employmentId: String(employment.employmentId),
  };
}

beforeAll(async () => {
  running = await startApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  fixture = await setUpFixture(TENANT);
  // Each unbroken payload once, on an identical fixture of its own tenant: it must be accepted,
  // or refusing its broken variants would prove nothing.
  control = [];
  for (const [index, target] of ENDPOINTS.entries()) {
    const tenant = `jc-control-${index}`;
    const own = await setUpFixture(tenant);
    const answer = await post(
      tenant,
      target.role,
      pathOf(target, target.params(own)),
      JSON.stringify(target.valid),
    );
    control.push({
      endpoint: target.name,
      status: answer.status,
      expected: target.accepted,
      body: answer.body,
    });
  }
  const events = await running.allEvents();
  const last = events.at(-1);
  baseline = {
    count: events.length,
    lastPosition: last?.position,
    allPosition: last?.allPosition ?? START,
  };
  cursor = baseline.allPosition;
}, TIMEOUT_MS);

afterAll(async () => {
  await running?.close();
});

const describeEvent = (e: RecordedEvent) => `${e.type} #${e.position} in ${e.tenant}/${e.streamId}`;

/** Events appended since the previous bad request (so one that writes is blamed, not the next). */
async function newEvents(): Promise<string[]> {
  const page = await running.store.readAll({ from: cursor, maxCount: 20 });
  const last = page.events.at(-1);
  if (last) cursor = last.allPosition;
  return page.events.map(describeEvent);
}

interface StoreState {
  readonly count: number;
  readonly lastPosition: number | undefined;
}

async function storeState(): Promise<StoreState> {
  const events = await running.allEvents();
  return { count: events.length, lastPosition: events.at(-1)?.position };
}

/**
 * The store holds what it held before: as many events, the same last position, nothing
 * appended. Each test compares with its own start (equal to the state after setup unless an
 * earlier test already let something through, which that test reports); the last test
 * compares with the state after setup.
 */
async function expectStoreUnchanged(before: StoreState): Promise<void> {
  const events = await running.allEvents();
  expect({
    count: events.length,
    lastPosition: events.at(-1)?.position,
    appended: events.slice(before.count).map(describeEvent),
  }).toEqual({ ...before, appended: [] });
}

// ---------------------------------------------------------------------------------------------
// One bad request and what must come back

interface BadRequest {
  readonly endpoint: string;
  readonly path: string;
  /** What was sent, for the failure message: the JSON value, or the raw text. */
  readonly payload: unknown;
  readonly body: string | Uint8Array;
  readonly contentType?: string | null;
  readonly headers?: Record<string, string>;
}

interface Expectation {
  readonly status: 400 | 413 | 415;
  readonly codes: readonly string[];
  /**
   * Fields the problem must name. `or`: for an element of an array of strings, class-validator
   * reports the `{ each: true }` rule on the array, so `goals` is accepted for `goals[2]`.
   */
  readonly fields?: readonly {
    readonly field: string;
    readonly or?: string;
    /** The rule it must name, where the test knows it. */
    readonly rule?: string;
  }[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectRefused(
  request: BadRequest,
  expectation: Expectation | ((status: number) => Expectation),
): Promise<void> {
  const target = endpoint(request.endpoint);
  const answer = await post(TENANT, target.role, request.path, request.body, {
    ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
    ...(request.headers ? { headers: request.headers } : {}),
  });
  statuses.push({ status: answer.status, endpoint: request.endpoint });
  const written = await newEvents();
  const expected = typeof expectation === 'function' ? expectation(answer.status) : expectation;
  const problem = answer.body;
  const errors = problem.errors;
  const malformedErrors = Array.isArray(errors)
    ? errors.filter(
        (e: unknown) =>
          typeof e !== 'object' ||
          e === null ||
          typeof (e as Record<string, unknown>).field !== 'string' ||
          typeof (e as Record<string, unknown>).rule !== 'string' ||
          typeof (e as Record<string, unknown>).message !== 'string',
      )
    : [];
  const observed = {
    request: {
      endpoint: request.endpoint,
      path: request.path,
      ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
      ...(request.headers ? { headers: request.headers } : {}),
      payload: request.payload,
    },
    status: answer.status,
    contentType: answer.contentType?.split(';')[0]?.trim() ?? null,
    type: problem.type,
    code: problem.code,
    problemStatus: problem.status,
    errors,
    malformedErrors,
    written,
  };
  const codes = new RegExp(`^(${expected.codes.map(escapeRegExp).join('|')})$`);
  // Asymmetric matchers are typed `any`; held as `unknown` here.
  const fieldMatchers: unknown[] = (expected.fields ?? []).map((f): unknown =>
    expect.objectContaining({
      ...(f.rule === undefined ? {} : { rule: f.rule }),
      field:
        f.or === undefined
          ? f.field
          : (expect.stringMatching(
              `^(${escapeRegExp(f.field)}|${escapeRegExp(f.or)})$`,
            ) as unknown),
    }),
  );
  const anyField: unknown = expect.objectContaining({ field: expect.any(String) as unknown });
  const expectedErrors: unknown = expected.fields
    ? expect.arrayContaining(fieldMatchers)
    : expected.status === 400
      ? expect.arrayContaining([anyField])
      : errors;
  const problemType: unknown = expect.stringMatching(PROBLEM_TYPE);
  const problemCode: unknown = expect.stringMatching(codes);
  expect(observed).toEqual({
    ...observed,
    status: expected.status,
    contentType: 'application/problem+json',
    type: problemType,
    code: problemCode,
    problemStatus: expected.status,
    errors: expectedErrors,
    malformedErrors: [],
    written: [],
  });
  // The type names the code: urn:teilhabe:problem:<code>.
  expect({ request: observed.request, type: problem.type }).toEqual({
    request: observed.request,
    type: `urn:teilhabe:problem:${String(problem.code)}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Generators of bad requests

interface BodyBreak {
  readonly endpoint: string;
  readonly broken: BrokenPayload;
}

function bodyBreaks(names: readonly string[]): fc.Arbitrary<BodyBreak> {
  return fc.oneof(
    ...names.map((name) => {
      const target = endpoint(name);
      return brokenPayload(target.schema, target.valid).map((broken) => ({
        endpoint: name,
        broken,
      }));
    }),
  );
}

type ParamOrHeaderBreak =
  | { readonly endpoint: string; readonly param: string; readonly value: string }
  | { readonly endpoint: string; readonly header: string; readonly value: string };

function paramOrHeaderBreaks(names: readonly string[]): fc.Arbitrary<ParamOrHeaderBreak> {
  return fc.oneof(
    ...names.flatMap((name) => {
      const target = endpoint(name);
      const params = [...target.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      return [
        badHeader.map(({ header, value }) => ({ endpoint: name, header, value })),
        ...params.map((param) =>
          (param === 'year' ? badYearSegment : badUuidSegment).map((value) => ({
            endpoint: name,
            param,
            value,
          })),
        ),
      ];
    }),
  );
}

type RawBody =
  | { readonly kind: 'not an object'; readonly endpoint: string; readonly text: string }
  | { readonly kind: 'malformed'; readonly endpoint: string; readonly text: string }
  | {
      readonly kind: 'wrong content type';
      readonly endpoint: string;
      readonly contentType: string | null;
    }
  | {
      readonly kind: 'json suffix content type';
      readonly endpoint: string;
      readonly contentType: string;
      readonly broken: BrokenPayload;
    }
  | {
      readonly kind: 'deeply nested';
      readonly endpoint: string;
      readonly shape: 'arrays' | 'objects';
      readonly depth: number;
      /** An unknown field, or the endpoint's first field. */
      readonly field: string;
    };

const rawBodies: fc.Arbitrary<RawBody> = fc
  .constantFrom(...ENDPOINTS.map((e) => e.name))
  .chain((name) => {
    const target = endpoint(name);
    const valid = JSON.stringify(target.valid);
    return fc.oneof(
      fc
        .oneof(
          fc.constantFrom('[]', '[1,2]', '1', '-1.5', '0', '"text"', '""', 'null', 'true', 'false'),
          fc.constantFrom('[null]', '[{}]', '[[]]', '1e400', `[${valid}]`, `[${valid},${valid}]`),
          smallJson()
            .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
            .map((v) => JSON.stringify(v)),
        )
        .map((text) => ({ kind: 'not an object' as const, endpoint: name, text })),
      malformedJson(valid).map((text) => ({ kind: 'malformed' as const, endpoint: name, text })),
      fc.constantFrom(...WRONG_CONTENT_TYPES).map((contentType) => ({
        kind: 'wrong content type' as const,
        endpoint: name,
        contentType,
      })),
      fc
        .tuple(
          fc.constantFrom(...JSON_SUFFIX_CONTENT_TYPES),
          brokenPayload(target.schema, target.valid),
        )
        .map(([contentType, broken]) => ({
          kind: 'json suffix content type' as const,
          endpoint: name,
          contentType,
          broken,
        })),
      fc
        .record({
          shape: fc.constantFrom('arrays' as const, 'objects' as const),
          // Up to about 60 KB of brackets: within the size limit.
          depth: fc.integer({ min: 100, max: 9_000 }),
          field: fc.constantFrom('extra', Object.keys(target.valid)[0] ?? 'extra'),
        })
        .map((deep) => ({ kind: 'deeply nested' as const, endpoint: name, ...deep })),
    );
  });

/**
 * An enrolment keeps the example's case id only when the break left it alone: give it a new one
 * per request, so each that slipped through would enrol a new case (201), not clash (409).
 */
function withFreshCaseId(name: string, body: JsonObject): JsonObject {
  if (name !== 'enrol' || body.caseId !== endpoint('enrol').valid.caseId) return body;
  return { ...body, caseId: randomUUID() };
}

// ---------------------------------------------------------------------------------------------
// The tests

it('accepts every unbroken payload on an identical fixture (so a bad one that slipped through would write)', () => {
  expect(control).toEqual(control.map((c) => ({ ...c, status: c.expected })));
  expect(control.map((c) => c.endpoint)).toEqual(ENDPOINTS.map((e) => e.name));
});

describe.each(FAMILIES)('$name', ({ endpoints }) => {
  it(
    `refuses ${BODY_RUNS} generated bad bodies with a 400 naming each broken field, and writes nothing`,
    async () => {
      const before = await storeState();
      const seen = new Set<string>();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(bodyBreaks(endpoints), async ({ endpoint: name, broken }) => {
          sent++;
          for (const b of broken.broken) seen.add(`${name}: ${b.why}`);
          const target = endpoint(name);
          const payload = withFreshCaseId(name, broken.body);
          await expectRefused(
            {
              endpoint: name,
              path: pathOf(target, target.params(fixture)),
              payload,
              body: JSON.stringify(payload),
            },
            { status: 400, codes: ['validation-failed'], fields: broken.broken },
          );
        }),
        { numRuns: BODY_RUNS },
      );
      expect(sent).toBeGreaterThanOrEqual(BODY_RUNS);
      // Every endpoint got every kind of break, not just the easy ones.
      const kinds = ['missing', 'wrong JSON type', 'unknown field', 'invalid value'];
      const missed = endpoints.flatMap((name) =>
        kinds.map((kind) => `${name}: ${kind}`).filter((k) => !seen.has(k)),
      );
      expect(missed).toEqual([]);
      await expectStoreUnchanged(before);
    },
    TIMEOUT_MS,
  );

  it(
    `refuses ${PATH_AND_HEADER_RUNS} valid bodies sent with a bad path parameter or header, and writes nothing`,
    async () => {
      const before = await storeState();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(paramOrHeaderBreaks(endpoints), async (bad) => {
          sent++;
          const target = endpoint(bad.endpoint);
          const values = target.params(fixture);
          const inPath = 'param' in bad;
          const payload = withFreshCaseId(bad.endpoint, target.valid);
          await expectRefused(
            {
              endpoint: bad.endpoint,
              path: inPath
                ? pathOf(target, values, { param: bad.param, value: bad.value })
                : pathOf(target, values),
              payload,
              body: JSON.stringify(payload),
              ...(inPath ? {} : { headers: { [bad.header]: bad.value } }),
            },
            {
              status: 400,
              codes: ['validation-failed'],
              fields: [{ field: inPath ? `path:${bad.param}` : `header:${bad.header}` }],
            },
          );
        }),
        { numRuns: PATH_AND_HEADER_RUNS },
      );
      expect(sent).toBeGreaterThanOrEqual(PATH_AND_HEADER_RUNS);
      await expectStoreUnchanged(before);
    },
    TIMEOUT_MS,
  );
});

it(
  `refuses ${RAW_RUNS} bodies that are no JSON object, malformed or deeply nested JSON, or of a wrong content type`,
  async () => {
    const before = await storeState();
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(rawBodies, async (raw) => {
        kinds.add(raw.kind);
        const target = endpoint(raw.endpoint);
        const path = pathOf(target, target.params(fixture));
        switch (raw.kind) {
          case 'not an object':
            return expectRefused(
              { endpoint: raw.endpoint, path, payload: raw.text, body: raw.text },
              { status: 400, codes: ['validation-failed', 'malformed-json'] },
            );
          case 'malformed':
            return expectRefused(
              { endpoint: raw.endpoint, path, payload: raw.text, body: raw.text },
              { status: 400, codes: ['malformed-json'], fields: [{ field: 'body' }] },
            );
          case 'wrong content type':
            return expectRefused(
              {
                endpoint: raw.endpoint,
                path,
                payload: target.valid,
                body: JSON.stringify(target.valid),
                contentType: raw.contentType,
              },
              {
                status: 415,
                codes: ['unsupported-media-type'],
                fields: [{ field: 'header:Content-Type' }],
              },
            );
          case 'json suffix content type': {
            // Either refused as a media type, or read as JSON and refused for what is broken;
            // never read as an empty body (that names fields that were sent correctly).
            const payload = withFreshCaseId(raw.endpoint, raw.broken.body);
            return expectRefused(
              {
                endpoint: raw.endpoint,
                path,
                payload,
                body: JSON.stringify(payload),
                contentType: raw.contentType,
              },
              (status) =>
                status === 415
                  ? { status: 415, codes: ['unsupported-media-type'] }
                  : { status: 400, codes: ['validation-failed'], fields: raw.broken.broken },
            );
          }
          case 'deeply nested':
            return expectRefused(
              {
                endpoint: raw.endpoint,
                path,
                payload: `${target.name} body with ${raw.depth} nested ${raw.shape} in ${raw.field}`,
                body: deeplyNested(target.valid, raw),
              },
              { status: 400, codes: ['validation-failed'], fields: [{ field: raw.field }] },
            );
        }
      }),
      { numRuns: RAW_RUNS },
    );
    expect([...kinds].sort()).toEqual([
      'deeply nested',
      'json suffix content type',
      'malformed',
      'not an object',
      'wrong content type',
    ]);
    await expectStoreUnchanged(before);
  },
  TIMEOUT_MS,
);

it(
  'refuses bodies over 64 KiB with 413 (and one of exactly 64 KiB is read, then refused for its unknown field)',
  async () => {
    const before = await storeState();
    const LIMIT = 64 * 1024;
    /** The valid body with an unknown `padding` field, `size` bytes of JSON in all. */
    const padded = (valid: JsonObject, size: number) => {
      const bytes = (text: string) => new TextEncoder().encode(text).length;
      const bare = bytes(JSON.stringify({ ...valid, padding: '' }));
      const body = JSON.stringify({ ...valid, padding: 'x'.repeat(size - bare) });
      expect(bytes(body)).toBe(size);
      return body;
    };
    for (const name of ['enrol', 'cooperation-plan', 'offer-measure']) {
      const target = endpoint(name);
      const path = pathOf(target, target.params(fixture));
      for (const size of [LIMIT + 1, 1024 * 1024]) {
        const body = padded(target.valid, size);
        await expectRefused(
          { endpoint: name, path, payload: `${size} bytes: ${body.slice(0, 80)}…`, body },
          { status: 413, codes: ['payload-too-large'], fields: [{ field: 'body' }] },
        );
      }
      const atLimit = padded(target.valid, LIMIT);
      await expectRefused(
        {
          endpoint: name,
          path,
          payload: `${LIMIT} bytes: ${atLimit.slice(0, 80)}…`,
          body: atLimit,
        },
        { status: 400, codes: ['validation-failed'], fields: [{ field: 'padding' }] },
      );
    }
    // Too many goals, each as long as allowed: too large before it is too many.
    const target = endpoint('cooperation-plan');
    const goals = JSON.stringify({
      agreedOn: '2024-01-15',
      goals: Array(200).fill('g'.repeat(500)),
    });
    await expectRefused(
      {
        endpoint: target.name,
        path: pathOf(target, target.params(fixture)),
        payload: `200 goals of 500 characters (${goals.length} bytes)`,
        body: goals,
      },
      { status: 413, codes: ['payload-too-large'] },
    );
    // Small on the wire, 2 MB once inflated: the limit holds for what is read, not what is sent.
    const bomb = JSON.stringify({ on: '2024-02-05', padding: 'x'.repeat(2_000_000) });
    const start = endpoint('start-measure');
    await expectRefused(
      {
        endpoint: start.name,
        path: pathOf(start, start.params(fixture)),
        headers: { 'content-encoding': 'gzip' },
        payload: `gzip of ${bomb.length} bytes: ${bomb.slice(0, 40)}…`,
        body: gzipSync(bomb),
      },
      { status: 413, codes: ['payload-too-large'] },
    );
    await expectStoreUnchanged(before);
  },
  TIMEOUT_MS,
);

it(
  'refuses blank names, names with zero-width or bidi-override characters, and the nil UUID as a case id',
  async () => {
    const before = await storeState();
    const target = endpoint('enrol');
    const valid = target.valid as { client: JsonObject };
    const names = ['   ', '\u3000', 'Ol\u200bena', '\u200dOlena', 'Olena\u2060', '\ufeffOlena'];
    // "Olena" shown, "anelO" stored: U+202E reverses what follows; U+2066..U+2069 isolate it.
    names.push('\u202eanelO', 'Ol\u202aena\u202c', '\u2066Olena\u2069', 'Ole\u202dna');
    const bad: { payload: JsonObject; field: string; rule: string }[] = [
      ...names.flatMap((name) =>
        (['givenName', 'familyName'] as const).map((field) => ({
          payload: {
            ...target.valid,
            caseId: randomUUID(),
            client: { ...valid.client, [field]: name },
          },
          field: `client.${field}`,
          rule: 'isVisibleText',
        })),
      ),
      ...[' ', 'K\u200b123', '\u202e321K'].map((personReference) => ({
        payload: { ...target.valid, caseId: randomUUID(), personReference },
        field: 'personReference',
        rule: 'matches',
      })),
      {
        payload: { ...target.valid, caseId: '00000000-0000-0000-0000-000000000000' },
        field: 'caseId',
        rule: 'notNilUuid',
      },
    ];
    for (const { payload, field, rule } of bad) {
      await expectRefused(
        { endpoint: 'enrol', path: target.path, payload, body: JSON.stringify(payload) },
        { status: 400, codes: ['validation-failed'], fields: [{ field, rule }] },
      );
    }
    await expectStoreUnchanged(before);
  },
  TIMEOUT_MS,
);

it(
  'names the part to blame and a stable code when a body cannot be read: charset, content coding, broken gzip, a bad %-escape',
  async () => {
    const before = await storeState();
    const target = endpoint('start-measure');
    const path = pathOf(target, target.params(fixture));
    const valid = JSON.stringify(target.valid);
    const gzipped = gzipSync(valid);
    const cases: { what: string; request: Partial<BadRequest>; expected: Expectation }[] = [
      {
        what: 'a charset other than UTF-8',
        request: { contentType: 'application/json; charset=iso-8859-1', body: valid },
        expected: {
          status: 415,
          codes: ['unsupported-media-type'],
          fields: [{ field: 'header:Content-Type' }],
        },
      },
      {
        what: 'a content coding nobody decodes',
        request: { headers: { 'content-encoding': 'x-rot13' }, body: valid },
        expected: {
          status: 415,
          codes: ['unsupported-media-type'],
          fields: [{ field: 'header:Content-Encoding' }],
        },
      },
      {
        what: 'gzip that is no gzip',
        request: { headers: { 'content-encoding': 'gzip' }, body: valid },
        expected: { status: 400, codes: ['malformed-body'], fields: [{ field: 'body' }] },
      },
      {
        what: 'truncated gzip',
        request: {
          headers: { 'content-encoding': 'gzip' },
          body: gzipped.subarray(0, gzipped.length - 12),
        },
        expected: { status: 400, codes: ['malformed-body'], fields: [{ field: 'body' }] },
      },
      {
        what: 'a broken %-escape in the path',
        request: { path: path.replace(fixture.caseId, '%E0%A4%A'), body: valid },
        expected: { status: 400, codes: ['malformed-request'], fields: [{ field: 'path' }] },
      },
    ];
    for (const { what, request, expected } of cases) {
      await expectRefused(
        { endpoint: target.name, path, payload: what, body: valid, ...request },
        expected,
      );
    }
    await expectStoreUnchanged(before);
  },
  TIMEOUT_MS,
);

it("never echoes the query string (an access_token, say) in a problem's instance", async () => {
  const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl';
  const query = `?access_token=${secret}&month=2024-13#fragment`;
  const caseworker = await tokenFor(TENANT, 'caseworker');
  const refusals = [
    // An unknown query parameter on a command, a bad path parameter, an unknown route.
    {
      method: 'POST',
      path: pathOf(endpoint('need-ended'), endpoint('need-ended').params(fixture)),
    },
    { method: 'GET', path: '/v1/cases/not-a-uuid' },
    { method: 'GET', path: '/v1/no-such-route' },
    // The live stream reads ?access_token= itself: a bad one is refused as unauthenticated.
    { method: 'GET', path: '/v1/statistics/stream', anonymous: true },
  ];
  const answers = [];
  for (const { method, path, anonymous } of refusals) {
    const response = await fetch(`${running.url}${path}${query}`, {
      method,
      headers: {
        ...(anonymous ? {} : { authorization: `Bearer ${caseworker}` }),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify({ endedOn: '2024-02-30' }) } : {}),
    });
    const text = await response.text();
    const problem = JSON.parse(text) as Record<string, unknown>;
    answers.push({
      path,
      refused: response.status >= 400,
      instance: problem.instance,
      echoes: text.includes(secret),
    });
  }
  expect(answers).toEqual(
    refusals.map(({ path }) => ({ path, refused: true, instance: path, echoes: false })),
  );
});

it('left the store exactly as after setup, and answered no bad request with a 5xx', async () => {
  await expectStoreUnchanged({ count: baseline.count, lastPosition: baseline.lastPosition });
  const minimum = FAMILIES.length * (BODY_RUNS + PATH_AND_HEADER_RUNS) + RAW_RUNS;
  expect(statuses.length).toBeGreaterThanOrEqual(minimum);
  expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
});
