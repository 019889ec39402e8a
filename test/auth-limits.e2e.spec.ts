/**
 * Failed authentications are limited per client address (AUTH_FAILURES_PER_MINUTE), and the
 * client address comes from X-Forwarded-For only with TRUST_PROXY (docs/security.md, "Client
 * addresses behind a proxy" and "Failed authentications").
 */
import { issueToken, secretFromText } from '#security';
import { send, startApp, type RunningApp } from './support/app.js';

const LIMIT = 20;
const PATH = '/v1/statistics/indicators';
let direct: RunningApp;
let proxied: RunningApp;
/** A well-formed token signed with another secret. */
let forged: string;

beforeAll(async () => {
  forged = await issueToken({
    secret: secretFromText('not-the-servers-secret-but-long-enough!'),
    tenant: 'jc-kronach',
    roles: ['analyst'],
    subject: 'mallory',
  });
  direct = await startApp({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
  proxied = await startApp({
    env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' },
  });
}, 120_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

async function attempt(app: RunningApp, token: string, forwardedFor?: string) {
  return send(app.url, 'GET', PATH, {
    token,
    ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
  });
}

/** LIMIT bad tokens, each answered 401; returns their statuses. */
async function failLimitTimes(app: RunningApp, forwardedFor?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT; i++) statuses.push((await attempt(app, forged, forwardedFor)).status);
  return statuses;
}

it(`answers the ${LIMIT + 1}st bad token 429 with Retry-After, a valid one too, and keeps /health open`, async () => {
  const valid = await direct.token('jc-kronach', 'analyst');
  expect((await attempt(direct, valid)).status).toBe(200);
  expect(await failLimitTimes(direct)).toEqual(Array(LIMIT).fill(401));
  const refused = await attempt(direct, forged);
  expect({ status: refused.status, code: refused.body.code }).toEqual({
    status: 429,
    code: 'too-many-failed-authentications',
  });
  expect(refused.body.detail).toContain(`${LIMIT} failed authentications`);
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // Before the token is looked at: a guesser cannot tell a hit from a miss.
  expect((await attempt(direct, valid)).status).toBe(429);
  expect((await send(direct.url, 'GET', '/health')).status).toBe(200);
});

it('without TRUST_PROXY ignores X-Forwarded-For: every client shares the one address', async () => {
  // The first test used up 127.0.0.1's failures; another claimed address changes nothing.
  const claimed = await attempt(direct, forged, '198.51.100.9');
  expect(claimed.status).toBe(429);
});

it('with TRUST_PROXY=1 limits each forwarded client address on its own', async () => {
  const valid = await proxied.token('jc-kronach', 'analyst');
  expect(await failLimitTimes(proxied, '203.0.113.1')).toEqual(Array(LIMIT).fill(401));
  expect((await attempt(proxied, forged, '203.0.113.1')).status).toBe(429);
  expect((await attempt(proxied, valid, '203.0.113.1')).status).toBe(429);
  // Another client behind the same proxy still authenticates, and still fails with 401.
  expect((await attempt(proxied, valid, '203.0.113.2')).status).toBe(200);
  expect((await attempt(proxied, forged, '203.0.113.2')).status).toBe(401);
  // The proxy's own entry is the right-most one: what a client puts before it is not trusted.
  expect((await attempt(proxied, forged, '203.0.113.2, 203.0.113.1')).status).toBe(429);
});
