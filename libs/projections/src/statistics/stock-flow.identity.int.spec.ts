/**
 * The identity of issue 16, item 7, as a property over generated person histories: for every
 * month, Jobcenter (and the nation) and gender, with group 'all',
 *   stock(m) = stock(m-1) + entries(m) - outflows(m),
 * read from the projection's monthly totals (`stock` as flows, `elb_entries` and `elb_outflows`
 * counted per month) and, independently, from the reference implementation. It holds because
 * movements are the status changes between two reference days (docs/statistics-method.md); the
 * generated persons keep their gender across cases, so no cell changes attributes.
 */
import fc from 'fast-check';
import { GENDERS } from '#domain';
import { PGliteDatabase, type RecordedEvent } from '#event-store';
import { StatisticsProjection } from './statistics.projection.js';
import { asRecorded, personHistory, personSpec, programmeHistory } from './testing/histories.js';
import { monthlyCells } from './testing/monthly-totals.js';
import {
  ReferenceStatistics,
  type ReferenceCase,
  type ReferenceProgramme,
} from './testing/reference.js';

/** A fifth of the reference comparison's runs (the same variable raises both). */
const RUNS = Math.max(3, Math.round(Number(process.env.TEILHABE_STATISTICS_RUNS ?? 45) / 5));
const FIRST = 2021 * 12; // 2021-01: nobody is in the stock before
const LAST = 2026 * 12 + 5; // 2026-06
const GENDER_CELLS = ['all', ...GENDERS] as const;

interface Flows {
  stock(m: number): number;
  entries(m: number): number;
  outflows(m: number): number;
}

/** Every (where, gender, month) whose identity fails, with the numbers. */
function broken(wheres: readonly string[], flows: (where: string, gender: string) => Flows) {
  const out: object[] = [];
  for (const where of wheres) {
    for (const gender of GENDER_CELLS) {
      const f = flows(where, gender);
      for (let m = FIRST; m <= LAST; m++) {
        const [before, after, entries, outflows] = [
          f.stock(m - 1),
          f.stock(m),
          f.entries(m),
          f.outflows(m),
        ];
        if (after !== before + entries - outflows)
          out.push({ where, gender, month: m, before, entries, outflows, after });
      }
    }
  }
  return out;
}

function histories(
  specs: readonly (typeof personSpec extends fc.Arbitrary<infer T> ? T : never)[],
  run: number,
) {
  const a = `ia${run}`;
  const b = `ib${run}`;
  const programmes: ReferenceProgramme[] = [...programmeHistory(a), ...programmeHistory(b)];
  const cases: ReferenceCase[] = [];
  const streams: RecordedEvent[][] = [];
  specs.forEach((spec, i) => {
    const own = personHistory(
      `identity-${run}-${i}`.padEnd(16, 'x'),
      spec,
      [a, b],
      (tenant) => programmes.filter((p) => p.tenant === tenant),
      (j) => `p${i}c${j}`,
    );
    for (const c of own) {
      cases.push(c);
      streams.push(asRecorded(c.tenant, `case-${c.caseId}`, c.events));
    }
  });
  for (const p of programmes)
    streams.push(asRecorded(p.tenant, `programme-${p.events[0]!.data.year}`, p.events));
  return { tenants: [a, b, '*'], cases, programmes, streams };
}

const persons = fc.array(personSpec, { minLength: 30, maxLength: 40, size: 'max' });

it('holds on the reference implementation', () => {
  let run = 0;
  fc.assert(
    fc.property(persons, (specs) => {
      run += 1;
      const { tenants, cases, programmes } = histories(specs, run);
      const reference = new ReferenceStatistics(cases, programmes);
      const flows = (where: string, gender: string): Flows => ({
        stock: (m) => reference.metric('stock', where, m, 'all', gender),
        entries: (m) => reference.metric('elb_entries', where, m, 'all', gender),
        outflows: (m) => reference.metric('elb_outflows', where, m, 'all', gender),
      });
      expect(broken(tenants, flows)).toEqual([]);
    }),
    { numRuns: RUNS * 2, endOnFailure: true },
  );
});

describe('on the projection', () => {
  let db: PGliteDatabase;
  const projection = new StatisticsProjection();
  beforeAll(async () => {
    db = await PGliteDatabase.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('holds on the monthly totals of the read model', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(persons, fc.integer({ min: 1, max: 40 }), async (specs, batchSize) => {
        run += 1;
        const schema = `stock_flow_${run}`;
        await db.transaction((tx) => projection.createSchema(tx, schema));
        const { tenants, streams } = histories(specs, run);
        // Stream by stream, cut into batches: late entries reach the read model out of order.
        const events = streams.flat();
        for (let at = 0; at < events.length; at += batchSize) {
          const batch = events.slice(at, at + batchSize);
          await db.transaction((tx) => projection.apply(batch, tx, schema));
        }
        const cells = await monthlyCells(db, schema, FIRST - 1, LAST);
        const byMonth = new Map<string, typeof cells>();
        for (const c of cells) {
          const key = `${c.cell.metric}|${c.cell.month}`;
          byMonth.set(key, [...(byMonth.get(key) ?? []), c]);
        }
        const count = (metric: string, where: string, gender: string, m: number) =>
          (byMonth.get(`${metric}|${m}`) ?? [])
            .filter(
              ({ cell }) =>
                (where === '*' || cell.tenant === where) &&
                (gender === 'all' || cell.gender === gender),
            )
            .reduce((sum, c) => sum + c.count, 0);
        const flows = (where: string, gender: string): Flows => ({
          stock: (m) => count('stock', where, gender, m),
          entries: (m) => count('elb_entries', where, gender, m),
          outflows: (m) => count('elb_outflows', where, gender, m),
        });
        // The identity must not hold on an empty read model only.
        expect(cells.some(({ cell }) => cell.metric === 'elb_outflows')).toBe(true);
        expect(broken(tenants, flows)).toEqual([]);
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});
