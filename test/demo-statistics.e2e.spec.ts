/**
 * The whole path at once: `teilhabe demo` records histories for several Jobcenters through the
 * HTTP API, the server projects them, and every figure the statistics API answers equals what
 * the reference implementation recomputes from the events in the store, for each Jobcenter and
 * for the nation.
 */
import { upcast, type CaseEvent, type ProgrammeEvent } from '#domain';
import { demoCommand } from '../apps/cli/src/commands/demo.js';
import { loadConfig } from '#config';
import {
  ReferenceStatistics,
  yearMonth,
} from '../libs/projections/src/statistics/testing/reference.js';
import { INDICATOR_NAMES } from '../libs/projections/src/statistics/indicators.js';
import {
  send,
  startApp,
  TEST_ENCRYPTION_KEY,
  TEST_SECRET,
  TEST_SIGNING_KEY,
  type RunningApp,
} from './support/app.js';

let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
});
afterAll(async () => {
  await running?.close();
});

it('answers every figure of a demo data set exactly as the reference recomputes it', async () => {
  const config = loadConfig({
    DATABASE_URL: running.database.url,
    AUTH_SECRET: TEST_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
  });
  const summary = await demoCommand(config, {
    url: running.url,
    jobcenters: 3,
    clients: 40,
    seed: 42,
    from: '2024-01',
    concurrency: 4,
  });
  expect(summary.clients).toBe(120);
  expect(summary.commands).toBeGreaterThan(400);

  // The reference reads the events back from the store, stream by stream.
  const events = await running.allEvents();
  const last = events.at(-1)!.position;
  const byStream = new Map<string, { tenant: string; events: (CaseEvent | ProgrammeEvent)[] }>();
  for (const recorded of events) {
    const key = `${recorded.tenant}/${recorded.streamId}`;
    const entry = byStream.get(key) ?? { tenant: recorded.tenant, events: [] };
    entry.events.push(upcast(recorded));
    byStream.set(key, entry);
  }
  const cases = [...byStream.entries()]
    .filter(([key]) => key.includes('/case-'))
    .map(([, v]) => ({ tenant: v.tenant, events: v.events as CaseEvent[] }));
  const programmes = [...byStream.entries()]
    .filter(([key]) => key.includes('/programme-'))
    .map(([, v]) => ({ tenant: v.tenant, events: v.events as ProgrammeEvent[] }));
  const reference = new ReferenceStatistics(cases, programmes);

  const tenants = [...new Set(cases.map((c) => c.tenant))];
  expect(tenants).toHaveLength(3);
  // January 2024 to October 2026, every month.
  const months = Array.from({ length: 34 }, (_, i) => {
    const index = 2024 * 12 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  let compared = 0;
  let nonZero = 0;
  for (const tenant of tenants) {
    const token = await running.token(tenant, 'caseworker'); // unsuppressed: the Jobcenter's own
    for (const indicator of INDICATOR_NAMES) {
      for (const month of months) {
        const answer = await send(
          running.url,
          'GET',
          `/v1/statistics/${indicator}?month=${month}&minPosition=${last}`, // the last event in $all order: all before it are applied too
          { token },
        );
        const expected = reference.value(indicator, tenant, yearMonth(month), 'all', 'all');
        expect({
          tenant,
          indicator,
          month,
          numerator: answer.body.numerator,
          denominator: answer.body.denominator,
        }).toEqual({
          tenant,
          indicator,
          month,
          numerator: expected.numerator,
          denominator: expected.denominator,
        });
        compared += 1;
        if (expected.numerator > 0) nonZero += 1;
      }
    }
  }
  // The nation, as a national analyst sees it (suppressed only where counts are small).
  const national = await running.token('*', 'analyst');
  for (const indicator of ['stock', 'integration-quota', 'long-term-recipients'] as const) {
    for (const month of ['2025-06', '2026-06']) {
      const answer = await send(
        running.url,
        'GET',
        `/v1/statistics/${indicator}?jobcenter=*&month=${month}`,
        { token: national },
      );
      const expected = reference.value(indicator, '*', yearMonth(month), 'all', 'all');
      if (!answer.body.suppressed) expect(answer.body.numerator).toBe(expected.numerator);
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThan(1000);
  expect(nonZero).toBeGreaterThan(compared / 3);
}, 300_000);
