/**
 * How a figure is shown: provisional for the latest months, and, for analysts, statistical
 * confidentiality like the Federal Employment Agency's: counts of 1 or 2 are suppressed, and so
 * is a figure from which such a count could be derived by subtracting it from a total that is
 * also shown (the complement within the target group or gender).
 */
import type { Cell } from './statistics.queries.js';
import type { BreakdownItem, IndicatorValue } from './indicators.js';

export interface ShownBreakdownItem {
  readonly key: string;
  readonly label?: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly entries?: number | null;
  readonly suppressed: boolean;
}

export interface ShownValue {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
  readonly breakdown?: readonly ShownBreakdownItem[];
}

/** A count of 1 or 2 (or a base below 3) could identify a person. */
export function isSmall(count: number | null): boolean {
  return count !== null && count > 0 && count < 3;
}

function primary(
  value: { numerator: number; denominator: number | null },
  denominatorIsCount: boolean,
): boolean {
  return isSmall(value.numerator) || (denominatorIsCount && isSmall(value.denominator));
}

function difference(
  a: IndicatorValue,
  b: IndicatorValue,
): { numerator: number; denominator: number | null } {
  return {
    numerator: a.numerator - b.numerator,
    denominator:
      a.denominator === null || b.denominator === null ? null : a.denominator - b.denominator,
  };
}

export interface PresentOptions {
  readonly suppress: boolean;
  readonly groupIsAll: boolean;
  readonly genderIsAll: boolean;
  /** False where the denominator is not a number of people (planned places of a measure). */
  readonly denominatorIsCount: boolean;
}

export function present(cells: Record<Cell, IndicatorValue>, options: PresentOptions): ShownValue {
  const { cell } = cells;
  const counts = options.denominatorIsCount;
  let suppressed = false;
  if (options.suppress) {
    suppressed = primary(cell, counts);
    if (!options.groupIsAll) suppressed ||= primary(difference(cells.allGroups, cell), counts);
    if (!options.genderIsAll) suppressed ||= primary(difference(cells.allGenders, cell), counts);
    if (!options.groupIsAll && !options.genderIsAll) {
      // The cell outside both the group and the gender: total - group - gender + cell.
      const outside = difference(cells.total, cells.allGroups);
      const inGenderOutsideGroup = difference(cells.allGenders, cell);
      suppressed ||= primary(
        {
          numerator: outside.numerator - inGenderOutsideGroup.numerator,
          denominator:
            outside.denominator === null || inGenderOutsideGroup.denominator === null
              ? null
              : outside.denominator - inGenderOutsideGroup.denominator,
        },
        counts,
      );
    }
  }
  const breakdown = cell.breakdown
    ? presentBreakdown(cell.breakdown, options.suppress || suppressed, counts)
    : undefined;
  if (suppressed) {
    return {
      numerator: null,
      denominator: null,
      value: null,
      suppressed: true,
      ...(breakdown ? { breakdown } : {}),
    };
  }
  return {
    numerator: cell.numerator,
    denominator: cell.denominator,
    value: cell.value,
    suppressed: false,
    ...(breakdown ? { breakdown } : {}),
  };
}

/** Items with small counts are suppressed; if only one is, the next smallest goes too (else total - rest reveals it). */
function presentBreakdown(
  items: readonly BreakdownItem[],
  suppress: boolean,
  counts: boolean,
): ShownBreakdownItem[] {
  const hidden = new Set<number>();
  if (suppress) {
    items.forEach((item, i) => {
      if (primary(item, counts) || isSmall(item.entries ?? null)) hidden.add(i);
    });
    if (hidden.size === 1) {
      const next = items
        .map((item, i) => ({ item, i }))
        .filter(({ i, item }) => !hidden.has(i) && item.numerator > 0)
        .sort((a, b) => a.item.numerator - b.item.numerator)[0];
      if (next) hidden.add(next.i);
    }
  }
  return items.map((item, i) => {
    if (!hidden.has(i)) return { ...item, suppressed: false };
    return {
      key: item.key,
      ...(item.label ? { label: item.label } : {}),
      numerator: null,
      denominator: null,
      value: null,
      ...(item.entries === undefined ? {} : { entries: null }),
      suppressed: true,
    };
  });
}
