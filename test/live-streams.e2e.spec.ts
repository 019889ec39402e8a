/**
 * The live stream ends with its token (`token-expired` at `exp`), and one caller holds at most
 * STREAMS_PER_CALLER streams open (docs/security.md, "Live streams end with their token").
 */
import { startApp, type RunningApp } from './support/app.js';
import { openEventStream, type EventStream } from './support/sse.js';
import { until } from './support/until.js';

const TENANT = 'jc-kronach';
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
}, 60_000);
afterAll(async () => {
  await running?.close();
});

const streamUrl = (token: string) => `${running.url}/v1/statistics/stream?access_token=${token}`;

function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    exp: number;
  };
  return payload.exp * 1000;
}

it('ends the stream with token-expired at the token’s exp', async () => {
  const token = await running.token(TENANT, 'analyst', 'short-lived', 2);
  const opened = Date.now();
  const stream = await openEventStream(streamUrl(token));
  expect(stream.response.status).toBe(200);
  await stream.nextEvent('ready');
  const expired = await stream.nextEvent('token-expired');
  await stream.ended();
  const endedAt = Date.now();
  expect(expired).toEqual({ expiredAt: new Date(expiryOf(token)).toISOString() });
  // Not before exp (a second's rounding of `exp` aside), and within about 3 s of a 2 s token.
  expect(endedAt).toBeGreaterThanOrEqual(expiryOf(token) - 50);
  expect(endedAt - opened).toBeLessThan(3_500);
});

it('answers one stream beyond the caller’s limit 429, and admits one again once another closes', async () => {
  const limit = running.config.clients.streamsPerCaller;
  const token = await running.token(TENANT, 'analyst', 'many-tabs');
  const open: EventStream[] = [];
  for (let i = 0; i < limit; i++) {
    const stream = await openEventStream(streamUrl(token));
    expect(stream.response.status).toBe(200);
    await stream.nextEvent('ready');
    open.push(stream);
  }
  const refused = await openEventStream(streamUrl(token));
  expect(refused.response.status).toBe(429);
  const problem = JSON.parse(await refused.rest()) as Record<string, unknown>;
  expect(problem).toMatchObject({ code: 'too-many-streams', limit });
  expect(problem.detail).toContain(`At most ${limit} live streams`);

  // Another caller of the same Jobcenter is not affected.
  const colleague = await openEventStream(
    streamUrl(await running.token(TENANT, 'analyst', 'colleague')),
  );
  expect(colleague.response.status).toBe(200);
  colleague.close();

  open.pop()!.close();
  // The server counts the stream out once it sees the connection close.
  const again = await until(
    'a stream admitted after one closed',
    async () => {
      const attempt = await openEventStream(streamUrl(token));
      if (attempt.response.status === 200) return attempt;
      await attempt.rest();
      return undefined;
    },
    5_000,
  );
  await again.nextEvent('ready');
  for (const stream of [...open, again]) stream.close();
});
