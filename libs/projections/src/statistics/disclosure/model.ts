/**
 * A small, pure model of what the statistics API publishes, for the adversary: monthly counts of
 * persons per Jobcenter, month, gender and the attributes that define the target groups (age
 * band, single parent, refugee), for two figures: integrations (asked as the 12-month rolling sum,
 * K2's numerator) and need ended (monthly, with its breakdown by reason). The model computes the
 * four cells present() compares (statistics.queries.ts) from these atoms.
 */
import { GENDERS } from '#domain';
import type { Principal } from '#security';
import {
  GENDER_FILTERS,
  TARGET_GROUPS,
  type BreakdownItem,
  type GenderFilter,
  type IndicatorValue,
  type TargetGroup,
} from '../indicators.js';
import type { Cell } from '../statistics.queries.js';

export type Figure = 'integrations' | 'need-ended';
export const FIGURES: readonly Figure[] = ['integrations', 'need-ended'];

/** Groups no request names but a difference of requested ones gives (all − U25 − 50+, ...). */
export const DERIVED_GROUPS = ['25-49', 'not-single-parent', 'not-refugee'] as const;
export type GroupFilter = TargetGroup | (typeof DERIVED_GROUPS)[number];
export const ALL_GROUP_FILTERS: readonly GroupFilter[] = [...TARGET_GROUPS, ...DERIVED_GROUPS];

/** Age band (0 under 25, 1 25–49, 2 50+) × single parent × refugee. */
export const COMBOS = 12;
export const combo = (age: 0 | 1 | 2, singleParent: boolean, refugee: boolean) =>
  age * 4 + (singleParent ? 2 : 0) + (refugee ? 1 : 0);

const IN_GROUP: Record<GroupFilter, (c: number) => boolean> = {
  all: () => true,
  u25: (c) => c >> 2 === 0,
  '50plus': (c) => c >> 2 === 2,
  'single-parent': (c) => (c & 2) !== 0,
  'refugee-ukraine': (c) => (c & 1) !== 0,
  '25-49': (c) => c >> 2 === 1,
  'not-single-parent': (c) => (c & 2) === 0,
  'not-refugee': (c) => (c & 1) === 0,
};

export interface Shape {
  readonly jobcenters: readonly string[];
  readonly months: number;
  /** Months in the rolling sum of integrations (12 for K2). */
  readonly window: number;
  readonly reasons: readonly string[];
}

export interface Dataset {
  readonly shape: Shape;
  /** Integrations per [jobcenter][month][gender][combo]. */
  readonly integrations: Int32Array;
  /** Ends of need per [jobcenter][month][gender][combo][reason]. */
  readonly needEnded: Int32Array;
}

/** One figure of one cell; `monthly` and `reason` address the derived cells an attacker wants. */
export interface Address {
  readonly figure: Figure;
  /** A Jobcenter, or `*` for the national sum. */
  readonly jobcenter: string;
  readonly month: number;
  readonly gender: GenderFilter;
  readonly group: GroupFilter;
  /** A single reason of need ended (a breakdown item). */
  readonly reason?: string;
  /** Integrations of the month alone instead of the rolling sum. */
  readonly monthly?: boolean;
}

/** The canonical name of a cell (the keyed rounding hashes it). */
export const addressKey = (a: Address) =>
  `${a.figure}|${a.jobcenter}|${a.month}|${a.gender}|${a.group}|${a.reason ?? ''}|${a.monthly ? 'm' : ''}`;

/** Number of addresses of a shape: ids run 0..size-1 (integers, because there are tens of thousands). */
export function addressSpaceSize(shape: Shape): number {
  return (
    FIGURES.length *
    (shape.jobcenters.length + 1) *
    shape.months *
    GENDER_FILTERS.length *
    ALL_GROUP_FILTERS.length *
    variants(shape)
  );
}

const variants = (shape: Shape) => Math.max(2, shape.reasons.length + 1);

const index = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v, i) => [v, i])) as Record<string, number>;
const FIGURE_INDEX = index(FIGURES);
const GENDER_INDEX = index(GENDER_FILTERS);
const GROUP_INDEX = index(ALL_GROUP_FILTERS);
interface ShapeIndexes {
  readonly shape: Shape;
  readonly jc: Record<string, number>;
  readonly reason: Record<string, number>;
  readonly variants: number;
}
// The adversary computes millions of ids, nearly always for the same shape: remember the last.
let lastShape: ShapeIndexes | undefined;

export function addressId(shape: Shape, a: Address): number {
  if (lastShape?.shape !== shape) {
    lastShape = {
      shape,
      jc: index([...shape.jobcenters, '*']),
      reason: index(shape.reasons),
      variants: variants(shape),
    };
  }
  const s = lastShape;
  const variant =
    a.figure === 'integrations'
      ? a.monthly
        ? 1
        : 0
      : a.reason === undefined
        ? 0
        : 1 + s.reason[a.reason]!;
  const jcs = shape.jobcenters.length + 1;
  return (
    ((((FIGURE_INDEX[a.figure]! * jcs + s.jc[a.jobcenter]!) * shape.months + a.month) *
      GENDER_FILTERS.length +
      GENDER_INDEX[a.gender]!) *
      ALL_GROUP_FILTERS.length +
      GROUP_INDEX[a.group]!) *
      s.variants +
    variant
  );
}

export function emptyDataset(shape: Shape): Dataset {
  const base = shape.jobcenters.length * shape.months * GENDERS.length * COMBOS;
  return {
    shape,
    integrations: new Int32Array(base),
    needEnded: new Int32Array(base * shape.reasons.length),
  };
}

export function atomIndex(
  shape: Shape,
  jc: number,
  month: number,
  gender: number,
  c: number,
  reason?: number,
): number {
  const base = ((jc * shape.months + month) * GENDERS.length + gender) * COMBOS + c;
  return reason === undefined ? base : base * shape.reasons.length + reason;
}

/** The atoms (indexes into the figure's array) whose sum is the addressed count. */
export function atomsOf(shape: Shape, a: Address): number[] {
  const jcs =
    a.jobcenter === '*'
      ? shape.jobcenters.map((_, i) => i)
      : [shape.jobcenters.indexOf(a.jobcenter)];
  const genders = GENDERS.flatMap((g, i) => (a.gender === 'all' || a.gender === g ? [i] : []));
  const combos = Array.from({ length: COMBOS }, (_, c) => c).filter(IN_GROUP[a.group]);
  const from =
    a.figure === 'integrations' && !a.monthly ? Math.max(0, a.month - shape.window + 1) : a.month;
  const reasons =
    a.figure === 'need-ended'
      ? a.reason === undefined
        ? shape.reasons.map((_, i) => i)
        : [shape.reasons.indexOf(a.reason)]
      : [undefined];
  const out: number[] = [];
  for (const jc of jcs)
    for (let m = from; m <= a.month; m++)
      for (const g of genders)
        for (const c of combos) for (const r of reasons) out.push(atomIndex(shape, jc, m, g, c, r));
  return out;
}

const counted = new WeakMap<Dataset, Float64Array>();

/** The true count of a cell (memoised per data set: the adversary asks for each many times). */
export function countOf(data: Dataset, a: Address): number {
  let memo = counted.get(data);
  if (!memo) counted.set(data, (memo = new Float64Array(addressSpaceSize(data.shape)).fill(NaN)));
  const id = addressId(data.shape, a);
  let count = memo[id]!;
  if (Number.isNaN(count)) {
    const values = a.figure === 'integrations' ? data.integrations : data.needEnded;
    count = atomsOf(data.shape, a).reduce((sum, i) => sum + values[i]!, 0);
    memo[id] = count;
  }
  return count;
}

const countValue = (numerator: number): IndicatorValue => ({
  numerator,
  denominator: null,
  value: numerator,
});

/**
 * The four cells statistics.queries.ts computes for a request, with the breakdown of need ended
 * as today's query lists it: the reasons seen in the cell up to the month (earlier months are
 * folded into one bucket, which still adds its reason).
 */
export function cellsOf(data: Dataset, a: Address): Record<Cell, IndicatorValue> {
  const at = (gender: GenderFilter, group: GroupFilter): IndicatorValue => {
    const here = { ...a, gender, group };
    const value = countValue(countOf(data, here));
    if (a.figure !== 'need-ended') return value;
    const breakdown: BreakdownItem[] = data.shape.reasons
      .filter((reason) => seen(data, { ...here, reason }))
      .map((reason) => ({ key: reason, ...countValue(countOf(data, { ...here, reason })) }));
    return { ...value, breakdown };
  };
  return {
    cell: at(a.gender, a.group),
    allGroups: at(a.gender, 'all'),
    allGenders: at('all', a.group),
    total: at('all', 'all'),
  };
}

/** A reason with any count in the cell in the months up to the addressed one. */
export function seen(data: Dataset, a: Address): boolean {
  let memo = seenMemo.get(data);
  if (!memo) seenMemo.set(data, (memo = new Int8Array(addressSpaceSize(data.shape)).fill(-1)));
  const id = addressId(data.shape, a);
  if (memo[id] === -1) {
    const result =
      countOf(data, a) > 0 || (a.month > 0 && seen(data, { ...a, month: a.month - 1 }));
    memo[id] = result ? 1 : 0;
  }
  return memo[id] === 1;
}
const seenMemo = new WeakMap<Dataset, Int8Array>();

/** Every cell of a figure a request can name (target groups and genders as the API has them). */
export function requestableAddresses(shape: Shape, figure: Figure): Address[] {
  const out: Address[] = [];
  for (const jobcenter of [...shape.jobcenters, '*'])
    for (let month = 0; month < shape.months; month++)
      for (const gender of GENDER_FILTERS)
        for (const group of TARGET_GROUPS) out.push({ figure, jobcenter, month, gender, group });
  return out;
}

/** The callers the adversary plays. */
export interface Viewer {
  readonly label: string;
  readonly principal: Principal;
}

export const viewer = (label: string, tenant: string, role: Principal['roles'][number]) => ({
  label,
  principal: { subject: label, tenant, roles: [role] },
});
