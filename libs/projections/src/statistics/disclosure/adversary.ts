/**
 * The adversary of issue 17: for a data set, a caller and a publication function it requests
 * every figure, Jobcenter, month, target group and gender the caller may ask for (and the
 * ranking, open to everyone), then tries to pin every cell it was not entitled to see, exactly:
 * first by exact linear algebra over the published values (row space), then by interval reasoning
 * over every partition (genders, age bands, group complements, Jobcenters within the national
 * sum, reasons within need ended, months within rolling sums), seeded with what algebra forced.
 */
import { GENDERS } from '#domain';
import { GENDER_FILTERS } from '../indicators.js';
import { jobcenterFor, suppressesFor } from '../statistics.access.js';
import { StatisticsForbiddenError } from '../statistics.errors.js';
import { forcedValues, type Equation, type Functional } from './linear.js';
import {
  ALL_GROUP_FILTERS,
  FIGURES,
  addressId,
  addressKey,
  addressSpaceSize,
  cellsOf,
  countOf,
  requestableAddresses,
  type Address,
  type Dataset,
  type Figure,
  type GroupFilter,
  type Shape,
  type Viewer,
} from './model.js';
import type { Knowledge, Publication } from './publication.js';

export interface Fact {
  readonly address: Address;
  readonly knowledge: Knowledge;
}

/** Everything the caller learns, cell by cell (the strongest knowledge of each cell). */
export function publishedFacts(data: Dataset, who: Viewer, publication: Publication): Fact[] {
  const facts = new Map<number, Fact>();
  const learn = (address: Address, knowledge: Knowledge) => {
    const id = addressId(data.shape, address);
    const before = facts.get(id)?.knowledge;
    facts.set(id, { address, knowledge: strongest(before, knowledge) });
  };
  const answer = (address: Address, suppress: boolean) => {
    const result = publication({
      cells: cellsOf(data, address),
      options: {
        suppress,
        groupIsAll: address.group === 'all',
        genderIsAll: address.gender === 'all',
        denominatorIsCount: true,
      },
      identity: addressKey(address),
      ...(address.figure === 'need-ended'
        ? {
            catalogue: data.shape.reasons.map((reason) => ({
              key: reason,
              count: countOf(data, { ...address, reason }),
            })),
          }
        : {}),
    });
    learn(address, result.numerator);
    if (!result.breakdown) return;
    const listed = new Set(result.breakdown.map((item) => item.key));
    for (const item of result.breakdown) learn({ ...address, reason: item.key }, item.numerator);
    // A reason missing from the list had no count in the cell in any month up to this one.
    for (const reason of data.shape.reasons) {
      if (listed.has(reason)) continue;
      for (let month = 0; month <= address.month; month++) {
        learn({ ...address, month, reason }, { kind: 'exact', value: 0 });
      }
    }
  };
  // Who may ask for which Jobcenter, decided once per Jobcenter by the service's own rule.
  const allowed = new Set(
    [...data.shape.jobcenters, '*'].filter((jobcenter) => {
      try {
        jobcenterFor(who.principal, jobcenter);
        return true;
      } catch (error) {
        if (error instanceof StatisticsForbiddenError) return false;
        throw error;
      }
    }),
  );
  for (const figure of FIGURES) {
    for (const address of requestableAddresses(data.shape, figure)) {
      if (!allowed.has(address.jobcenter)) continue;
      answer(address, suppressesFor(who.principal, address.jobcenter));
    }
    // The ranking: every Jobcenter, always suppressed, for every caller.
    for (const address of requestableAddresses(data.shape, figure)) {
      if (address.jobcenter !== '*') answer(address, true);
    }
  }
  return [...facts.values()];
}

function strongest(a: Knowledge | undefined, b: Knowledge): Knowledge {
  if (!a || a.kind === 'none') return b;
  if (b.kind === 'none' || a.kind === 'exact') return a;
  if (b.kind === 'exact') return b;
  return { kind: 'interval', lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

/** Every cell an attacker wants: the requestable ones, derived groups, reasons, single months. */
export function targetAddresses(shape: Shape): Address[] {
  const out: Address[] = [];
  for (const figure of FIGURES)
    for (const jobcenter of [...shape.jobcenters, '*'])
      for (let month = 0; month < shape.months; month++)
        for (const gender of GENDER_FILTERS)
          for (const group of ALL_GROUP_FILTERS) {
            const base: Address = { figure, jobcenter, month, gender, group };
            out.push(base);
            if (figure === 'integrations') out.push({ ...base, monthly: true });
            else for (const reason of shape.reasons) out.push({ ...base, reason });
          }
  return out;
}

/**
 * Coordinates of the linear attack. Integrations: per Jobcenter, gender and basis group, the
 * rolling sums S(m) themselves (an invertible change of variables from the monthly counts, since
 * nothing happened before month 0), so that every published cell touches one month only; a single
 * month is M(m) = Σ_j S(m − jW) − S(m − jW − 1). Groups: the basis all, U25, 50+, single parent,
 * refugee; 25–49 = all − U25 − 50+, the complements all − group (the age bands partition).
 */
const GROUP_BASIS: Record<GroupFilter, [number, number][]> = {
  all: [[0, 1]],
  u25: [[1, 1]],
  '50plus': [[2, 1]],
  'single-parent': [[3, 1]],
  'refugee-ukraine': [[4, 1]],
  '25-49': [
    [0, 1],
    [1, -1],
    [2, -1],
  ],
  'not-single-parent': [
    [0, 1],
    [3, -1],
  ],
  'not-refugee': [
    [0, 1],
    [4, -1],
  ],
};

const functionalCache = new WeakMap<Shape, Functional[]>();

function functionalOf(shape: Shape, a: Address): Functional {
  let cache = functionalCache.get(shape);
  if (!cache) functionalCache.set(shape, (cache = []));
  const id = addressId(shape, a);
  return (cache[id] ??= buildFunctional(shape, a));
}

function buildFunctional(shape: Shape, a: Address): Functional {
  const out = new Map<number, number>();
  const add = (coord: number, coef: number) => {
    const next = (out.get(coord) ?? 0) + coef;
    if (next === 0) out.delete(coord);
    else out.set(coord, next);
  };
  const jcs =
    a.jobcenter === '*'
      ? shape.jobcenters.map((_, i) => i)
      : [shape.jobcenters.indexOf(a.jobcenter)];
  const genders = GENDERS.flatMap((g, i) => (a.gender === 'all' || a.gender === g ? [i] : []));
  const months: [number, number][] = [];
  if (a.figure === 'integrations' && a.monthly) {
    for (let m = a.month; m >= 0; m -= shape.window) {
      months.push([m, 1]);
      if (m - 1 >= 0) months.push([m - 1, -1]);
    }
  } else months.push([a.month, 1]);
  const reasons =
    a.figure === 'need-ended'
      ? a.reason === undefined
        ? shape.reasons.map((_, i) => i)
        : [shape.reasons.indexOf(a.reason)]
      : [0];
  const figureOffset = a.figure === 'integrations' ? 0 : 1;
  for (const jc of jcs)
    for (const [m, mc] of months)
      for (const g of genders)
        for (const [k, kc] of GROUP_BASIS[a.group])
          for (const r of reasons) {
            const coord =
              ((((jc * shape.months + m) * GENDERS.length + g) * 5 + k) * shape.reasons.length +
                r) *
                2 +
              figureOffset;
            add(coord, mc * kc);
          }
  return out;
}

export interface Recovery {
  readonly address: Address;
  readonly value: number;
}

export interface AttackReport {
  /** What the caller was told, cell by cell. */
  readonly facts: readonly Fact[];
  readonly targets: number;
  /** Cells the caller may not see exactly whose true count is 1 or 2. */
  readonly protectedCells: number;
  /** Cells the caller may not see exactly that the adversary pinned (any value). */
  readonly pinned: readonly Recovery[];
  /** Of those, the ones with a true count of 1 or 2: disclosures. */
  readonly disclosed: readonly Recovery[];
  /** Answers the publication withheld, and how many of them the adversary pinned. */
  readonly withheld: number;
  readonly withheldPinned: number;
}

const isSmall = (n: number) => n > 0 && n < 3;

export function attack(data: Dataset, who: Viewer, publication: Publication): AttackReport {
  const { shape } = data;
  const facts = publishedFacts(data, who, publication);
  const entitled = (a: Address) =>
    a.jobcenter !== '*' && !suppressesFor(who.principal, a.jobcenter);
  const targets = targetAddresses(shape).filter((a) => !entitled(a));

  // 1. Exact linear algebra over the exactly published values.
  const equations: Equation[] = facts.flatMap(({ address, knowledge }) =>
    knowledge.kind === 'exact'
      ? [{ functional: functionalOf(shape, address), value: knowledge.value }]
      : [],
  );
  const forced = forcedValues(
    equations,
    targets.map((a) => functionalOf(shape, a)),
  );

  // 2. Interval reasoning over the partitions, seeded with facts and forced values.
  const size = addressSpaceSize(shape);
  const lo = new Float64Array(size);
  const hi = new Float64Array(size).fill(Infinity);
  const tighten = (a: Address, l: number, h: number) => {
    const id = addressId(shape, a);
    lo[id] = Math.max(lo[id]!, l);
    hi[id] = Math.min(hi[id]!, h);
  };
  for (const { address, knowledge } of facts) {
    if (knowledge.kind === 'exact') tighten(address, knowledge.value, knowledge.value);
    if (knowledge.kind === 'interval') tighten(address, knowledge.lo, knowledge.hi);
  }
  targets.forEach((a, i) => {
    const value = forced[i];
    if (value !== undefined) tighten(a, value, value);
  });
  propagate(partitionsOf(shape), lo, hi);

  const pinned: Recovery[] = [];
  for (const address of targets) {
    const id = addressId(shape, address);
    if (lo[id] !== hi[id]) continue;
    const truth = countOf(data, address);
    // The adversary's reasoning is sound: a pinned value that is not the truth is a bug here.
    if (truth !== lo[id]) {
      throw new Error(`adversary pinned ${addressKey(address)} to ${lo[id]}, truth ${truth}`);
    }
    pinned.push({ address, value: truth });
  }
  const withheld = facts.filter(
    (f) => f.knowledge.kind === 'none' && !f.address.reason && !entitled(f.address),
  );
  const pinnedIds = new Set(pinned.map((r) => addressId(shape, r.address)));
  return {
    facts,
    targets: targets.length,
    protectedCells: targets.filter((a) => isSmall(countOf(data, a))).length,
    pinned,
    disclosed: pinned.filter((r) => isSmall(r.value)),
    withheld: withheld.length,
    withheldPinned: withheld.filter((f) => pinnedIds.has(addressId(shape, f.address))).length,
  };
}

/** parent = Σ children, for every partition of every cell. */
function partitions(shape: Shape): [Address, Address[]][] {
  const out: [Address, Address[]][] = [];
  const each = (figure: Figure, visit: (a: Address) => void) => {
    for (const jobcenter of [...shape.jobcenters, '*'])
      for (let month = 0; month < shape.months; month++)
        for (const gender of GENDER_FILTERS)
          for (const group of ALL_GROUP_FILTERS) {
            const base: Address = { figure, jobcenter, month, gender, group };
            if (figure === 'integrations') {
              visit(base);
              visit({ ...base, monthly: true });
            } else {
              visit(base);
              for (const reason of shape.reasons) visit({ ...base, reason });
            }
          }
  };
  for (const figure of FIGURES) {
    each(figure, (a) => {
      if (a.gender === 'all') out.push([a, GENDERS.map((gender) => ({ ...a, gender }))]);
      if (a.group === 'all') {
        const groups = (...gs: GroupFilter[]) => gs.map((group) => ({ ...a, group }));
        out.push([a, groups('u25', '25-49', '50plus')]);
        out.push([a, groups('single-parent', 'not-single-parent')]);
        out.push([a, groups('refugee-ukraine', 'not-refugee')]);
      }
      if (a.jobcenter === '*') {
        out.push([a, shape.jobcenters.map((jobcenter) => ({ ...a, jobcenter }))]);
      }
      if (figure === 'need-ended' && a.reason === undefined) {
        out.push([a, shape.reasons.map((reason) => ({ ...a, reason }))]);
      }
      if (figure === 'integrations' && !a.monthly) {
        const months: Address[] = [];
        for (let m = Math.max(0, a.month - shape.window + 1); m <= a.month; m++) {
          months.push({ ...a, month: m, monthly: true });
        }
        out.push([a, months]);
      }
    });
  }
  return out;
}

interface IndexedPartitions {
  readonly parts: readonly (readonly [number, number[]])[];
  /** For each address id, the partitions it takes part in. */
  readonly containing: readonly number[][];
}

const partitionCache = new WeakMap<Shape, IndexedPartitions>();

/** The partitions as address ids, built once per shape. */
function partitionsOf(shape: Shape): IndexedPartitions {
  let entry = partitionCache.get(shape);
  if (!entry) {
    const parts = partitions(shape).map(
      ([parent, children]) =>
        [addressId(shape, parent), children.map((c) => addressId(shape, c))] as const,
    );
    const containing: number[][] = Array.from({ length: addressSpaceSize(shape) }, () => []);
    parts.forEach(([parent, children], i) => {
      for (const id of [parent, ...children]) containing[id]!.push(i);
    });
    entry = { parts, containing };
    partitionCache.set(shape, entry);
  }
  return entry;
}

/**
 * Tightens the bounds until no partition changes them (interval constraint propagation), with
 * a work list: a partition is looked at again only when a bound of one of its cells changed.
 */
function propagate({ parts, containing }: IndexedPartitions, lo: Float64Array, hi: Float64Array) {
  const queued = new Uint8Array(parts.length).fill(1);
  let queue = parts.map((_, i) => i);
  const set = (i: number, l: number, h: number) => {
    let changed = false;
    if (l > lo[i]!) {
      lo[i] = l;
      changed = true;
    }
    if (h < hi[i]!) {
      hi[i] = h;
      changed = true;
    }
    if (!changed) return;
    for (const p of containing[i]!) {
      if (!queued[p]) {
        queued[p] = 1;
        next.push(p);
      }
    }
  };
  let next: number[] = [];
  // At most 50 rounds, as many as full passes would get: bounds in cycles can shrink by one a round.
  for (let round = 0; queue.length > 0 && round < 50; round++) {
    next = [];
    for (const index of queue) {
      queued[index] = 0;
      const [parent, children] = parts[index]!;
      let sumLo = 0;
      let finiteHi = 0;
      let unbounded = 0;
      for (const c of children) {
        sumLo += lo[c]!;
        if (hi[c] === Infinity) unbounded++;
        else finiteHi += hi[c]!;
      }
      set(parent, sumLo, unbounded > 0 ? Infinity : finiteHi);
      const plo = lo[parent]!;
      const phi = hi[parent]!;
      for (const c of children) {
        // The others' upper bounds: infinite as soon as one of them is (Infinity − Infinity is NaN).
        const othersHi =
          hi[c] === Infinity
            ? unbounded > 1
              ? Infinity
              : finiteHi
            : unbounded > 0
              ? Infinity
              : finiteHi - hi[c]!;
        set(c, plo - othersHi, phi - (sumLo - lo[c]!));
      }
    }
    queue = next;
  }
}
