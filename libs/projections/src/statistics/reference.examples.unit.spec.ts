/**
 * The reference implementation against the hand-worked examples (testing/examples.ts): before it
 * judges the projection, it must itself give exactly the figures worked out by hand.
 */
import { comparable, rounded } from './testing/comparable.js';
import { exampleHistories } from './testing/example-histories.js';
import { EXAMPLES } from './testing/examples.js';
import { ReferenceStatistics, yearMonth } from './testing/reference.js';

describe.each(EXAMPLES.map((example) => [example.name, example] as const))(
  'the reference: %s',
  (_, example) => {
    const { cases, programmes } = exampleHistories(example);
    const reference = new ReferenceStatistics(cases, programmes);

    if (example.figures.length > 0)
      it.each(
        example.figures.map(
          (f) =>
            [
              `${f.indicator} ${f.tenant} ${f.month} ${f.group ?? 'all'}/${f.gender ?? 'all'}`,
              f,
            ] as const,
        ),
      )('%s', (_, f) => {
        const actual = reference.value(
          f.indicator,
          f.tenant,
          yearMonth(f.month),
          f.group ?? 'all',
          f.gender ?? 'all',
        );
        expect(rounded(comparable(f.indicator, actual))).toEqual(
          rounded(comparable(f.indicator, f)),
        );
      });

    if (example.provisional) {
      it.each(
        example.provisional.map((p) => [`${p.indicator} ${p.month} on ${p.today}`, p] as const),
      )('provisional: %s', (_, p) => {
        expect(reference.provisional(p.indicator, yearMonth(p.month), p.today)).toBe(p.provisional);
      });
    }
  },
);
