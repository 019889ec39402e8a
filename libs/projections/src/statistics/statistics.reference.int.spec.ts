/**
 * The correctness proof of the statistics: generated person histories (1..3 cases per person
 * key, re-enrolments and moves between two Jobcenters, through the real deciders, with late
 * entries and out-of-order effective dates) are projected in randomly interleaved batches, and
 * every figure read from the read model must equal what the reference implementation recomputes
 * day by day from the raw events, per Jobcenter and nationally.
 */
import fc from 'fast-check';
import { PGliteDatabase } from '#event-store';
import type { RecordedEvent } from '#event-store';
import { formatMonth, parseMonth } from './months.js';
import { GENDER_FILTERS, INDICATOR_NAMES, TARGET_GROUPS, isIndicator } from './indicators.js';
import { StatisticsProjection } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';
import { comparable } from './testing/comparable.js';
import { asRecorded, personHistory, personSpec, programmeHistory } from './testing/histories.js';
import { differences, monthlyCells } from './testing/monthly-totals.js';
import {
  REFERENCE_INDICATORS,
  ReferenceStatistics,
  yearMonth,
  type ReferenceCase,
  type ReferenceProgramme,
} from './testing/reference.js';

const RUNS = Number(process.env.TEILHABE_STATISTICS_RUNS ?? 45);
/** At least 45 persons per run: 45 runs give the 2,000 person histories issue 16 asks for. */
const PERSONS_PER_RUN = { min: 45, max: 55 };
const FIRST = parseMonth('2021-01')!;
const LAST = parseMonth('2026-06')!;
/** Every figure of either side: a figure one of them lacks fails the comparison. */
const NAMES = [...new Set<string>([...INDICATOR_NAMES, ...REFERENCE_INDICATORS])];

let db: PGliteDatabase;
const projection = new StatisticsProjection();

beforeAll(async () => {
  db = await PGliteDatabase.open();
});
afterAll(async () => {
  await db?.close();
});

let run = 0;
let persons = 0;
let withSeveralCases = 0;
let inBothJobcenters = 0;
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
  indicator: fc.constantFrom(...NAMES),
  month: fc.integer({ min: FIRST, max: LAST }),
  group: fc.constantFrom(...TARGET_GROUPS),
  gender: fc.constantFrom(...GENDER_FILTERS),
  where: fc.constantFrom('a', 'b', '*'),
});

it('knows every figure the reference computes, and the reference every figure it has', () => {
  expect(NAMES.filter((name) => !isIndicator(name))).toEqual([]);
  expect(
    NAMES.filter((name) => !(REFERENCE_INDICATORS as readonly string[]).includes(name)),
  ).toEqual([]);
});

it('gives every figure exactly as the reference recomputes it from the raw events', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(personSpec, {
        minLength: PERSONS_PER_RUN.min,
        maxLength: PERSONS_PER_RUN.max,
        size: 'max',
      }),
      fc.integer(),
      fc.array(cell, { minLength: 80, maxLength: 80 }),
      fc.shuffledSubarray(NAMES, { minLength: 3, maxLength: 3 }),
      async (specs, seed, cells, everyMonth) => {
        run += 1;
        // A schema per run: the national figures are those of this run's two Jobcenters only.
        const schema = `stats_ref_${run}`;
        await db.transaction((tx) => projection.createSchema(tx, schema));
        const a = `ta${run}`;
        const b = `tb${run}`;
        const programmes: ReferenceProgramme[] = [...programmeHistory(a), ...programmeHistory(b)];
        const cases: ReferenceCase[] = [];
        const streams: RecordedEvent[][] = [];
        specs.forEach((spec, i) => {
          const key = `person-${run}-${i}`.padEnd(16, 'x');
          const own = personHistory(
            key,
            spec,
            [a, b],
            (tenant) => programmes.filter((p) => p.tenant === tenant),
            (j) => `p${i}c${j}`,
          );
          if (own.length === 0) return;
          persons += 1;
          if (own.length > 1) withSeveralCases += 1;
          if (new Set(own.map((c) => c.tenant)).size > 1) inBothJobcenters += 1;
          for (const c of own) {
            cases.push(c);
            streams.push(asRecorded(c.tenant, `case-${c.caseId}`, c.events));
          }
        });
        for (const p of programmes)
          streams.push(asRecorded(p.tenant, `programme-${p.events[0]!.data.year}`, p.events));
        for (const batch of batches(streams, seed)) {
          await db.transaction((tx) => projection.apply(batch, tx, schema));
        }

        const reference = new ReferenceStatistics(cases, programmes);
        // Every monthly total, in every cell of attributes and detail, is the reference's quantity ...
        expect(
          differences(await monthlyCells(db, schema, FIRST, LAST), reference.cells(FIRST, LAST)),
        ).toEqual([]);
        const queries = new StatisticsQueries(db, schema);
        const expectSame = async (
          indicator: string,
          month: number,
          group: string,
          gender: string,
          where: string,
        ) => {
          if (!isIndicator(indicator)) throw new Error(`the projection has no ${indicator}`);
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
          const projected = result.get(national ? '*' : tenant!)!.cell;
          const expected = reference.value(
            indicator,
            tenant ?? '*',
            yearMonth(formatMonth(month)),
            group,
            gender,
          );
          if (expected.numerator > 0) nonZero.set(indicator, (nonZero.get(indicator) ?? 0) + 1);
          const at = { indicator, month: formatMonth(month), group, gender, where };
          expect({ ...at, ...comparable(indicator, projected) }).toEqual({
            ...at,
            ...comparable(indicator, expected),
          });
        };
        // ... and the figures read through the queries: three indicators (a different three each
        // run) in every month, for a Jobcenter and the nation ...
        for (const indicator of everyMonth) {
          for (let month = FIRST; month <= LAST; month += 1) {
            await expectSame(indicator, month, 'all', 'all', month % 2 === 0 ? 'a' : '*');
          }
        }
        // ... and generated cells across target groups, genders, both Jobcenters and the nation.
        for (const c of cells) await expectSame(c.indicator, c.month, c.group, c.gender, c.where);
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      },
    ),
    // No shrinking: a counterexample of 50 persons shrinks for many minutes; the seed replays it.
    { numRuns: RUNS, endOnFailure: true },
  );
  expect(persons).toBeGreaterThanOrEqual(RUNS * PERSONS_PER_RUN.min);
  if (process.env.TEILHABE_STATISTICS_RUNS === undefined)
    expect(persons).toBeGreaterThanOrEqual(2000);
  // The histories are about persons: many have several cases, and many moved between Jobcenters.
  expect(withSeveralCases).toBeGreaterThan(persons / 4);
  expect(inBothJobcenters).toBeGreaterThan(persons / 10);
  for (const indicator of NAMES) {
    expect({ indicator, nonZero: (nonZero.get(indicator) ?? 0) > 5 }).toEqual({
      indicator,
      nonZero: true,
    });
  }
}, 900_000);
