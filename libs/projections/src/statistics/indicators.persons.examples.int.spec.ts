/**
 * The hand-worked examples over persons (testing/examples.ts: re-enrolments, moves between
 * Jobcenters, one rule of the method each) through the real deciders, the projection and the
 * queries on embedded PostgreSQL: the figures worked out by hand, per Jobcenter and nationally.
 * The reference implementation is held to the same examples (reference.examples.unit.spec.ts).
 */
import { PGliteDatabase } from '#event-store';
import {
  isIndicator,
  isProvisional,
  type GenderFilter,
  type IndicatorName,
  type TargetGroup,
} from './indicators.js';
import { parseMonth } from './months.js';
import { StatisticsProjection } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';
import { comparable, rounded } from './testing/comparable.js';
import { exampleHistories } from './testing/example-histories.js';
import { EXAMPLES } from './testing/examples.js';
import { asRecorded } from './testing/histories.js';

let db: PGliteDatabase;
const projection = new StatisticsProjection();

beforeAll(async () => {
  db = await PGliteDatabase.open();
});
afterAll(async () => {
  await db?.close();
});

function indicator(name: string): IndicatorName {
  if (!isIndicator(name)) throw new Error(`the projection has no indicator ${name}`);
  return name;
}

describe.each(EXAMPLES.map((example, i) => [example.name, example, i] as const))(
  'the projection: %s',
  (_, example, i) => {
    // A schema per example: its national figures are its own Jobcenters'.
    const schema = `persons_example_${i}`;
    beforeAll(async () => {
      await db.transaction((tx) => projection.createSchema(tx, schema));
      const { cases, programmes } = exampleHistories(example);
      for (const p of programmes) {
        await db.transaction((tx) =>
          projection.apply(
            asRecorded(p.tenant, `programme-${p.events[0]!.data.year}`, p.events),
            tx,
            schema,
          ),
        );
      }
      // Each case in its own batch, in the order written: the person's other cases are stored.
      for (const c of cases) {
        await db.transaction((tx) =>
          projection.apply(asRecorded(c.tenant, `case-${c.caseId}`, c.events), tx, schema),
        );
      }
    });

    if (example.figures.length > 0)
      it.each(
        example.figures.map(
          (f) =>
            [
              `${f.indicator} ${f.tenant} ${f.month} ${f.group ?? 'all'}/${f.gender ?? 'all'}`,
              f,
            ] as const,
        ),
      )('%s', async (_, f) => {
        const national = f.tenant === '*';
        const result = await new StatisticsQueries(db, schema).compute(
          {
            indicator: indicator(f.indicator),
            month: parseMonth(f.month)!,
            group: (f.group ?? 'all') as TargetGroup,
            gender: (f.gender ?? 'all') as GenderFilter,
            ...(national ? {} : { tenant: f.tenant }),
          },
          national,
        );
        const actual = result.get(f.tenant)!.cell;
        expect(rounded(comparable(f.indicator, actual))).toEqual(
          rounded(comparable(f.indicator, f)),
        );
      });

    if (example.provisional)
      it.each(
        example.provisional.map((p) => [`${p.indicator} ${p.month} on ${p.today}`, p] as const),
      )('provisional: %s', (_, p) => {
        expect(isProvisional(indicator(p.indicator), parseMonth(p.month)!, p.today)).toBe(
          p.provisional,
        );
      });
  },
);
