/**
 * The whole path at once: `teilhabe demo` records histories for several Jobcenters through the
 * HTTP API (persons re-enrolled, also after a move to another Jobcenter), the server projects
 * them, and the read model's monthly totals in every Jobcenter, month and cell, and every figure
 * the statistics API answers, equal what the reference implementation recomputes from the events
 * in the store, for each Jobcenter and for the nation.
 */
import { germanCalendarDay, upcast, type CaseEvent, type ProgrammeEvent } from '#domain';
import { demoCommand } from '../apps/cli/src/commands/demo.js';
import { loadConfig } from '#config';
import { parseMonth } from '../libs/projections/src/statistics/months.js';
import {
  differences,
  monthlyCells,
} from '../libs/projections/src/statistics/testing/monthly-totals.js';
import {
  ReferenceStatistics,
  type ReferenceValue,
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
    clients: 60,
    seed: 42,
    from: '2024-01',
    concurrency: 4,
  });
  expect(summary.clients).toBe(180);
  expect(summary.cases).toBeGreaterThan(summary.clients);
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
  // The data set has what the person rules are about: persons with several cases, moves to
  // another Jobcenter, and new cases in the same Jobcenter on the day the old one closed.
  const casesOf = new Map<string, { tenant: string; enrolledOn: string; closedOn?: string }[]>();
  for (const c of cases) {
    const enrolled = c.events[0]!;
    if (enrolled.type !== 'ClientEnrolled' || !enrolled.data.personKey)
      throw new Error(`case stream of ${c.tenant} without an enrolment with a person key`);
    const closed = c.events.find((e) => e.type === 'CaseClosed');
    const key = enrolled.data.personKey;
    casesOf.set(key, [
      ...(casesOf.get(key) ?? []),
      {
        tenant: c.tenant,
        enrolledOn: enrolled.data.enrolledOn,
        ...(closed?.type === 'CaseClosed' ? { closedOn: closed.data.closedOn } : {}),
      },
    ]);
  }
  const persons = [...casesOf.values()];
  expect(persons).toHaveLength(summary.clients);
  expect(cases).toHaveLength(summary.cases);
  expect(persons.filter((own) => own.length > 1).length).toBeGreaterThanOrEqual(5);
  expect(
    persons.filter((own) => new Set(own.map((c) => c.tenant)).size > 1).length,
  ).toBeGreaterThanOrEqual(2);
  expect(
    persons.filter((own) =>
      own.some((c) => own.some((o) => o.tenant === c.tenant && o.closedOn === c.enrolledOn)),
    ).length,
  ).toBeGreaterThanOrEqual(1);

  // Read-your-writes: the answer waits until the projection applied the last event.
  const applied = await send(running.url, 'GET', `/v1/statistics/stock?minPosition=${last}`, {
    token: await running.token(tenants[0]!, 'caseworker'),
  });
  expect(applied.status).toBe(200);
  // Every monthly total of the read model, in every Jobcenter, month and cell of attributes and
  // detail, is the reference's quantity: from the demo's first month to this one, and a year on
  // (where the 730-day count still changes the long-term recipients of the persons in need).
  const first = parseMonth('2024-01')!;
  const to = parseMonth(germanCalendarDay(new Date()).slice(0, 7))! + 12;
  const actual = await monthlyCells(running.store.db, 'stats', first, to);
  const expectedCells = reference.cells(first, to);
  // The first cells that differ only: a diff of thousands of cells would be unreadable.
  expect(differences(actual, expectedCells)).toEqual([]);
  expect(actual.length).toBe(expectedCells.length);
  expect(new Set(actual.map(({ cell }) => cell.tenant))).toEqual(new Set(tenants));
  // January 2024 to October 2026, every month.
  const months = Array.from({ length: 34 }, (_, i) => {
    const index = 2024 * 12 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  let compared = 0;
  let nonZero = 0;
  /** One figure through HTTP against the reference; `labels` name it in a failure. */
  const expectFigure = async (
    path: string,
    token: string,
    labels: Record<string, string>,
    expected: ReferenceValue,
  ) => {
    const answer = await send(running.url, 'GET', path, { token });
    expect({
      ...labels,
      numerator: answer.body.numerator,
      denominator: answer.body.denominator,
    }).toEqual({ ...labels, numerator: expected.numerator, denominator: expected.denominator });
    compared += 1;
    if (expected.numerator > 0) nonZero += 1;
  };
  for (const tenant of tenants) {
    const token = await running.token(tenant, 'caseworker'); // unsuppressed: the Jobcenter's own
    for (const indicator of INDICATOR_NAMES) {
      for (const month of months) {
        await expectFigure(
          `/v1/statistics/${indicator}?month=${month}&minPosition=${last}`, // the last event in $all order: all before it are applied too
          token,
          { tenant, indicator, month },
          reference.value(indicator, tenant, yearMonth(month), 'all', 'all'),
        );
      }
    }
    // The headline figures for target groups and a gender too, every third month.
    for (const indicator of ['stock', 'integration-quota', 'long-term-recipients'] as const) {
      for (const [group, gender] of [
        ['u25', 'all'],
        ['single-parent', 'all'],
        ['all', 'female'],
      ] as const) {
        for (const month of months.filter((_, i) => i % 3 === 2)) {
          await expectFigure(
            `/v1/statistics/${indicator}?month=${month}&targetGroup=${group}&gender=${gender}`,
            token,
            { tenant, indicator, group, gender, month },
            reference.value(indicator, tenant, yearMonth(month), group, gender),
          );
        }
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
