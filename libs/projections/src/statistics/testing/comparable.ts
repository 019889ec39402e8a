/**
 * What the tests compare of a figure: numerator, denominator, value, and the breakdown items
 * that carry a count (a breakdown may also list reasons or measures seen in other months, with
 * zeros; which ones is no part of the method).
 */
interface Figure {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly breakdown?: readonly {
    readonly key: string;
    readonly numerator: number;
    readonly denominator: number | null;
    readonly value: number | null;
    readonly entries?: number;
  }[];
}

export function comparable(indicator: string, v: Figure) {
  const base = { numerator: v.numerator, denominator: v.denominator, value: v.value };
  const items = (v.breakdown ?? []).map((b) => ({
    key: b.key,
    numerator: b.numerator,
    denominator: b.denominator,
    value: b.value,
    ...(b.entries === undefined ? {} : { entries: b.entries }),
  }));
  switch (indicator) {
    case 'need-ended':
      return { ...base, breakdown: items.filter((b) => b.numerator > 0) };
    case 'measure-integration':
      return { ...base, breakdown: items.filter((b) => (b.denominator ?? 0) > 0) };
    case 'measure-occupancy':
      return { ...base, breakdown: items };
    default:
      return base;
  }
}

/** Numbers to 12 significant digits: hand-worked values need not round as the code divides. */
export function rounded<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_, v: unknown) =>
      typeof v === 'number' ? Number(v.toPrecision(12)) : v,
    ),
  ) as T;
}
