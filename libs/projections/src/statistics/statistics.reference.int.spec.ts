/**
 * The correctness proof of the statistics: generated case histories (through the real
 * deciders, with late entries and out-of-order effective dates) are projected in randomly
 * interleaved batches, and every figure read from the read model must equal what the
 * reference implementation recomputes naively from the raw events.
 */
import fc from 'fast-check';
import { PGliteDatabase } from '#event-store';
import type { RecordedEvent } from '#event-store';
import { formatMonth, parseMonth } from './months.js';
import {
  GENDER_FILTERS,
  INDICATOR_NAMES,
  TARGET_GROUPS,
  type IndicatorName,
} from './indicators.js';
import { StatisticsProjection } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';
import { asRecorded, caseHistory, caseSpec, programmeHistory } from './testing/histories.js';
import {
  ReferenceStatistics,
  yearMonth,
  type ReferenceCase,
  type ReferenceProgramme,
} from './testing/reference.js';

const SCHEMA = 'stats';
const RUNS = Number(process.env.TEILHABE_STATISTICS_RUNS ?? 45);
const FIRST = parseMonth('2021-01')!;
const LAST = parseMonth('2026-06')!;

let db: PGliteDatabase;
const projection = new StatisticsProjection();

beforeAll(async () => {
  db = await PGliteDatabase.open();
  await db.transaction((tx) => projection.createSchema(tx, SCHEMA));
});
afterAll(async () => {
  await db?.close();
});

let run = 0;
let histories = 0;
/** Comparisons per indicator where the figure was not zero: the test cannot pass on empty data. */
const nonZero = new Map<string, number>();

/** Interleaves the streams (each in its own order) and cuts them into batches, by seed. */
function batches(streams: RecordedEvent[][], seed: number): RecordedEvent[][] {
  const random = fc.sample(fc.infiniteStream(fc.nat({ max: 1000 })), { seed, numRuns: 1 })[0]!;
  const queues = streams.map((s) => [...s]).filter((s) => s.length > 0);
  const order: RecordedEvent[] = [];
  const draws = random[Symbol.iterator]();
  while (queues.length > 0) {
    const i = draws.next().value! % queues.length;
    order.push(queues[i]!.shift()!);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  const out: RecordedEvent[][] = [];
  for (let at = 0; at < order.length;) {
    const size = 1 + (draws.next().value! % 40);
    out.push(order.slice(at, at + size));
    at += size;
  }
  return out;
}

const cell = fc.record({
  indicator: fc.constantFrom(...INDICATOR_NAMES),
  month: fc.integer({ min: FIRST, max: LAST }),
  group: fc.constantFrom(...TARGET_GROUPS),
  gender: fc.constantFrom(...GENDER_FILTERS),
  where: fc.constantFrom('a', 'b', '*'),
});

it('gives every figure exactly as the reference recomputes it from the raw events', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(caseSpec, { minLength: 30, maxLength: 60, size: 'max' }),
      fc.array(caseSpec, { maxLength: 20, size: 'max' }),
      fc.integer(),
      fc.array(cell, { minLength: 80, maxLength: 80 }),
      fc.shuffledSubarray([...INDICATOR_NAMES], { minLength: 4, maxLength: 4 }),
      async (specsA, specsB, seed, cells, everyMonth) => {
        run += 1;
        const a = `ta${run}`;
        const b = `tb${run}`;
        const programmes: ReferenceProgramme[] = [...programmeHistory(a), ...programmeHistory(b)];
        const cases: ReferenceCase[] = [];
        const streams: RecordedEvent[][] = [];
        for (const [tenant, specs] of [
          [a, specsA],
          [b, specsB],
        ] as const) {
          const own = programmes.filter((p) => p.tenant === tenant);
          specs.forEach((spec, i) => {
            const events = caseHistory(`c${i}`, spec, own);
            cases.push({ tenant, events });
            streams.push(asRecorded(tenant, `case-c${i}`, events));
          });
          own.forEach((p) =>
            streams.push(asRecorded(tenant, `programme-${p.events[0]!.data.year}`, p.events)),
          );
        }
        histories += cases.length;
        for (const batch of batches(streams, seed)) {
          await db.transaction((tx) => projection.apply(batch, tx, SCHEMA));
        }

        const reference = new ReferenceStatistics(cases, programmes);
        const queries = new StatisticsQueries(db, SCHEMA);
        const read = async (
          indicator: IndicatorName,
          month: number,
          group: string,
          gender: string,
          where: string,
        ) => {
          const tenant = where === 'a' ? a : where === 'b' ? b : undefined;
          const national = where === '*';
          const result = await queries.compute(
            {
              indicator,
              month,
              group: group as never,
              gender: gender as never,
              ...(tenant ? { tenant } : {}),
            },
            national,
          );
          const value = result.get(national ? '*' : tenant!)!.cell;
          return { numerator: value.numerator, denominator: value.denominator, value: value.value };
        };
        const expectSame = async (
          indicator: IndicatorName,
          month: number,
          group: string,
          gender: string,
          where: string,
        ) => {
          if (where === '*') return; // the national sum spans every run's Jobcenters: tested apart
          const tenant = where === 'a' ? a : b;
          const projected = await read(indicator, month, group, gender, where);
          const expected = reference.value(
            indicator,
            tenant,
            yearMonth(formatMonth(month)),
            group,
            gender,
          );
          if (expected.numerator > 0) nonZero.set(indicator, (nonZero.get(indicator) ?? 0) + 1);
          expect({
            indicator,
            month: formatMonth(month),
            group,
            gender,
            where,
            ...projected,
          }).toEqual({
            indicator,
            month: formatMonth(month),
            group,
            gender,
            where,
            ...expected,
          });
        };
        // Four indicators (a different four each run) in every month for the whole Jobcenter ...
        for (const indicator of everyMonth) {
          for (let month = FIRST; month <= LAST; month += 1)
            await expectSame(indicator, month, 'all', 'all', 'a');
        }
        // ... and generated cells across target groups, genders and both Jobcenters.
        for (const c of cells) await expectSame(c.indicator, c.month, c.group, c.gender, c.where);
      },
    ),
    { numRuns: RUNS },
  );
  expect(histories).toBeGreaterThan(RUNS * 30);
  for (const indicator of INDICATOR_NAMES) {
    expect({ indicator, nonZero: (nonZero.get(indicator) ?? 0) > 5 }).toEqual({
      indicator,
      nonZero: true,
    });
  }
}, 600_000);
