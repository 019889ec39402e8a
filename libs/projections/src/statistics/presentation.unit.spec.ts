import fc from 'fast-check';
import type { IndicatorValue } from './indicators.js';
import { present } from './presentation.js';
import type { Cell } from './statistics.queries.js';

const value = (numerator: number, denominator: number | null): IndicatorValue => ({
  numerator,
  denominator,
  value: denominator ? numerator / denominator : null,
});
const cells = (
  cell: IndicatorValue,
  allGroups = cell,
  allGenders = cell,
  total = cell,
): Record<Cell, IndicatorValue> => ({
  cell,
  allGroups,
  allGenders,
  total,
});
const analyst = { suppress: true, groupIsAll: true, genderIsAll: true, denominatorIsCount: true };

describe('statistical confidentiality', () => {
  it('hides counts of 1 and 2 (and a base below 3), never turning them into zero', () => {
    expect(present(cells(value(1, 40)), analyst)).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      suppressed: true,
    });
    expect(present(cells(value(2, 40)), analyst).suppressed).toBe(true);
    expect(present(cells(value(5, 2)), analyst).suppressed).toBe(true);
    expect(present(cells(value(0, 40)), analyst)).toEqual({
      numerator: 0,
      denominator: 40,
      value: 0,
      suppressed: false,
    });
    expect(present(cells(value(3, 40)), analyst)).toEqual({
      numerator: 3,
      denominator: 40,
      value: 3 / 40,
      suppressed: false,
    });
  });

  it('shows everything to a caseworker of the Jobcenter itself', () => {
    expect(present(cells(value(1, 2)), { ...analyst, suppress: false })).toMatchObject({
      numerator: 1,
      suppressed: false,
    });
  });

  it('hides a cell whose complement in the total would be a small count', () => {
    // 10 in all genders, 8 women: "not women" = 2 would follow by subtraction.
    const women = present(cells(value(8, 100), value(8, 100), value(10, 120), value(10, 120)), {
      ...analyst,
      genderIsAll: false,
    });
    expect(women.suppressed).toBe(true);
    // 10 in all groups, 9 single parents: the one other person is protected.
    const singleParents = present(cells(value(9, 50), value(10, 60), value(9, 50), value(10, 60)), {
      ...analyst,
      groupIsAll: false,
    });
    expect(singleParents.suppressed).toBe(true);
    // 20 and 10: the complement of 10 is no risk.
    expect(
      present(cells(value(10, 50), value(10, 50), value(20, 90), value(20, 90)), {
        ...analyst,
        genderIsAll: false,
      }).suppressed,
    ).toBe(false);
  });

  it('does not treat planned places as people', () => {
    expect(present(cells(value(5, 2)), { ...analyst, denominatorIsCount: false }).suppressed).toBe(
      false,
    );
  });

  it('in a breakdown, hides a second item when only one would be hidden', () => {
    const shown = present(
      cells({
        ...value(20, 100),
        breakdown: [
          { key: 'employment-income', numerator: 12, denominator: 100, value: 0.12 },
          { key: 'moved', numerator: 2, denominator: 100, value: 0.02 },
          { key: 'other', numerator: 6, denominator: 100, value: 0.06 },
        ],
      }),
      analyst,
    );
    expect(shown.breakdown?.map((item) => [item.key, item.suppressed])).toEqual([
      ['employment-income', false],
      ['moved', true],
      ['other', true],
    ]);
  });

  it('never shows a count of 1 or 2 to an analyst, whatever the cells', () => {
    const count = fc.nat({ max: 30 });
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        fc.boolean(),
        fc.boolean(),
        (a, b, c, d, groupIsAll, genderIsAll) => {
          const shown = present(
            cells(value(a, 50), value(a + b, 60), value(a + c, 70), value(a + b + c + d, 90)),
            {
              ...analyst,
              groupIsAll,
              genderIsAll,
            },
          );
          if (!shown.suppressed) {
            expect([1, 2]).not.toContain(shown.numerator);
            if (!groupIsAll) expect([1, 2]).not.toContain(b);
            if (!genderIsAll) expect([1, 2]).not.toContain(c);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
