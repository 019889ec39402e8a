// What one person contributes to the monthly statistics, derived from the facts of all their
// cases (any Jobcenter): states on each reference day as flows (+1 when they begin, -1 when they
// end), movements and integrations as counts in their reporting month; a changed person applies
// only the difference. The rules: docs/statistics-method.md; why flows:
// docs/design/statistics-read-model.md.
import { INTEGRATION_KINDS, type EmploymentKind, type Gender } from '#domain';
import { closedByMoveOn, needPeriods, type CaseFacts, type OutflowReason } from './case-facts.js';
import { addMonths, dayNumber, referenceDay, reportingMonthOf, type Month } from './months.js';

export const STATE_METRICS = ['stock', 'lzb', 'lzb_active', 'participants'] as const;
export const EVENT_METRICS = [
  'elb_entries',
  'elb_outflows',
  'lzb_entries',
  'lzb_outflows',
  'integrations',
  'integrations_insured',
  'integrations_lzb',
  'integrations_continuous',
  'integrations_need_covering',
  'marginal_entries',
  'publicly_funded_entries',
  'measure_entries',
  'measure_leavers',
  'measure_leavers_integrated',
] as const;
export type StateMetric = (typeof STATE_METRICS)[number];
export type EventMetric = (typeof EVENT_METRICS)[number];
export type Metric = StateMetric | EventMetric;

/** The client's attributes in a month: the dimensions every figure can be filtered by. */
export interface Dims {
  readonly u25: boolean;
  readonly over50: boolean;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  readonly gender: Gender;
}

export interface Contribution {
  /** The Jobcenter the person is counted for. */
  readonly tenant: string;
  readonly metric: Metric;
  readonly month: Month;
  readonly dims: Dims;
  /** Measure (`year:id`) for measure metrics, reason for elb_outflows, '' otherwise. */
  readonly detail: string;
  readonly value: number;
}

/** One case of the person, with the Jobcenter it belongs to. */
export interface PersonCase {
  readonly tenant: string;
  readonly facts: CaseFacts;
}

/**
 * Langzeitleistungsbeziehende: at least 638 of the 730 days up to and including the reference day
 * as ELB, „per Definition 730 Tage / 24 Monate * 21 Monate" (sgb2.info glossary).
 */
export const LZB_DAYS_IN_WINDOW = 730;
export const LZB_MIN_DAYS = 638;
/** K2E3: insured „in jedem der sechs auf die Integration folgenden Monate" (§ 5 Abs. 2 Nr. 3). */
export const CONTINUOUS_MONTHS = 6;
/** Need-covering integrations: out of SGB II receipt „drei Monate später" [S10]. */
export const NEED_COVERING_AFTER_MONTHS = 3;
/** Integration after a measure: within six months after leaving it (teilhabe's own figure). */
export const AFTER_MEASURE_MONTHS = 6;
const U25_MONTHS = 25 * 12;
const OVER50_MONTHS = 50 * 12;

/** What counts as a start of each kind of integration-like entry (K2, K2E3, K2E1, K2E2). */
const CLASSES = {
  integrations: INTEGRATION_KINDS,
  integrations_insured: ['insured'],
  marginal_entries: ['marginal'],
  publicly_funded_entries: ['publicly-funded'],
} as const satisfies Record<string, readonly EmploymentKind[]>;
type IntegrationClass = keyof typeof CLASSES;

export function dimsAt(facts: CaseFacts, month: Month): Dims {
  const age = facts.birthMonth === null ? null : month - facts.birthMonth;
  return {
    u25: age !== null && age < U25_MONTHS,
    over50: age !== null && age >= OVER50_MONTHS,
    singleParent: facts.singleParent,
    refugee: facts.refugee,
    gender: facts.gender,
  };
}

export function contributionKey(c: Omit<Contribution, 'value'>): string {
  const d = c.dims;
  return `${c.tenant}|${c.metric}|${c.month}|${+d.u25}${+d.over50}${+d.singleParent}${+d.refugee}|${d.gender}|${c.detail}`;
}

/** A stretch of days (inclusive day numbers) on which the same case counts the person. */
interface Segment {
  readonly from: number;
  readonly to: number;
  readonly counted: PersonCase;
}

/** The latest enrolment counts: the newer case is the one the person's new address belongs to. */
function laterCase(a: PersonCase, b: PersonCase): PersonCase {
  const ka = [a.facts.enrolledOn, a.tenant, a.facts.caseId];
  const kb = [b.facts.enrolledOn, b.tenant, b.facts.caseId];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? a : b;
  return a;
}

/** Inclusive day-number interval; `to` Infinity while ongoing. */
interface Span {
  readonly from: number;
  readonly to: number;
}

const toSpan = (from: string, to: string | null): Span => ({
  from: dayNumber(from),
  to: to === null ? Infinity : dayNumber(to),
});
const covers = (span: Span, day: number) => span.from <= day && day <= span.to;

/** The person's days as ELB, cut where the counting case changes (sorted, not overlapping). */
function segmentsOf(cases: readonly PersonCase[]): {
  segments: Segment[];
  periods: Map<PersonCase, (Span & { endReason: OutflowReason | null })[]>;
} {
  const periods = new Map<PersonCase, (Span & { endReason: OutflowReason | null })[]>();
  const cuts = new Set<number>();
  for (const c of cases) {
    const spans = needPeriods(c.facts).map((p) => ({
      ...toSpan(p.from, p.to),
      endReason: p.endReason,
    }));
    periods.set(c, spans);
    for (const span of spans) {
      cuts.add(span.from);
      if (span.to !== Infinity) cuts.add(span.to + 1);
    }
  }
  const days = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < days.length; i++) {
    const from = days[i]!;
    const to = i + 1 < days.length ? days[i + 1]! - 1 : Infinity;
    let counted: PersonCase | null = null;
    for (const c of cases) {
      if (periods.get(c)!.some((span) => covers(span, from))) {
        counted = counted === null ? c : laterCase(counted, c);
      }
    }
    if (counted === null) continue;
    const last = segments[segments.length - 1];
    if (last && last.counted === counted && last.to + 1 === from) {
      segments[segments.length - 1] = { ...last, to };
    } else {
      segments.push({ from, to, counted });
    }
  }
  return { segments, periods };
}

export function contributionsOf(unordered: readonly PersonCase[]): Contribution[] {
  if (unordered.length === 0) return [];
  // One order whatever order the cases were read in: the stored contributions compare equal.
  const cases = [...unordered].sort((a, b) =>
    a.tenant === b.tenant
      ? a.facts.caseId < b.facts.caseId
        ? -1
        : 1
      : a.tenant < b.tenant
        ? -1
        : 1,
  );
  const { segments, periods } = segmentsOf(cases);
  const countedOn = (day: number): PersonCase | null => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid]!;
      if (day < s.from) hi = mid - 1;
      else if (day > s.to) lo = mid + 1;
      else return s.counted;
    }
    return null;
  };
  const st = (month: Month) => dayNumber(referenceDay(month));
  const elbOn = (day: number) => countedOn(day) !== null;
  /** ELB days in the 730 days up to and including `day`; a day counts once however many cases. */
  const lzbOn = (day: number) => {
    if (!elbOn(day)) return false;
    const first = day - LZB_DAYS_IN_WINDOW + 1;
    let days = 0;
    for (const s of segments) {
      const from = Math.max(s.from, first);
      const to = Math.min(s.to, day);
      if (to >= from) days += to - from + 1;
    }
    return days >= LZB_MIN_DAYS;
  };

  const out: Contribution[] = [];
  const emit = (c: PersonCase, metric: Metric, month: Month, dimsMonth: Month, detail = '') =>
    out.push({
      tenant: c.tenant,
      metric,
      month,
      dims: dimsAt(c.facts, dimsMonth),
      detail,
      value: 1,
    });

  const first = Math.min(...cases.map((c) => reportingMonthOf(c.facts.enrolledOn)));
  const visited = monthsToVisit(cases, first);
  const measures = cases.flatMap((c) =>
    Object.values(c.facts.measures)
      .filter((m) => m.startedOn !== null)
      .map((m) => ({ holder: c, key: m.measure, span: toSpan(m.startedOn!, m.endedOn), m })),
  );

  // States on each reference day, as flows.
  const open = new Map<string, Omit<Contribution, 'value'>>();
  let previousSignature = '';
  let wasLzb = false;
  let lastCounted: PersonCase | null = null;
  for (const month of visited) {
    const day = st(month);
    const counted = countedOn(day);
    const lzb = counted !== null && lzbOn(day);
    if (lzb && !wasLzb) emit(counted, 'lzb_entries', month, month);
    if (!lzb && wasLzb) emit(lastCounted!, 'lzb_outflows', month, month);
    wasLzb = lzb;
    lastCounted = counted;
    const active = measures.filter((m) => covers(m.span, day));
    const participating = distinctHolders(active);
    const dims = counted ? dimsAt(counted.facts, month) : null;
    const signature = [
      counted ? `${counted.tenant}/${counted.facts.caseId}` : '-',
      +lzb,
      dims ? `${+dims.u25}${+dims.over50}` : '',
      active.length > 0 ? 1 : 0,
      ...participating.map((p) => `${p.holder.tenant}/${p.key}/${dimsSignature(p.holder, month)}`),
    ].join('|');
    if (signature === previousSignature) continue;
    previousSignature = signature;
    const now = new Map<string, Omit<Contribution, 'value'>>();
    const put = (c: PersonCase, metric: StateMetric, detail = '') => {
      const entry = { tenant: c.tenant, metric, month, dims: dimsAt(c.facts, month), detail };
      now.set(contributionKey({ ...entry, month: 0 }), entry);
    };
    if (counted) put(counted, 'stock');
    if (lzb) put(counted, 'lzb');
    if (lzb && active.length > 0) put(counted, 'lzb_active');
    for (const p of participating) put(p.holder, 'participants', p.key);
    for (const [key, entry] of open) if (!now.has(key)) out.push({ ...entry, month, value: -1 });
    for (const [key, entry] of now) if (!open.has(key)) out.push({ ...entry, value: 1 });
    open.clear();
    for (const [key, entry] of now) open.set(key, entry);
  }
  // What is open at the horizon stays so: nothing changes after it.

  // ELB movements: every change of the counting Jobcenter, in the reporting month of its day.
  for (let i = 0; i <= segments.length; i++) {
    const before = segments[i - 1];
    const after = segments[i];
    if (before && before.to === Infinity) break;
    const day = after && before && after.from === before.to + 1 ? after.from : null;
    if (day !== null) {
      if (before!.counted.tenant === after!.counted.tenant) continue;
      const month = reportingMonthOf(isoDay(day));
      emit(before!.counted, 'elb_outflows', month, month, 'moved');
      emit(after!.counted, 'elb_entries', month, month);
      continue;
    }
    if (before) {
      const month = reportingMonthOf(isoDay(before.to + 1));
      const period = periods.get(before.counted)!.find((p) => p.to === before.to);
      emit(before.counted, 'elb_outflows', month, month, period?.endReason ?? 'other');
    }
    if (after) {
      const month = reportingMonthOf(isoDay(after.from));
      emit(after.counted, 'elb_entries', month, month);
    }
  }

  // Integrations: a start between the previous and this reference day by a person in the stock on
  // the previous one, or (second window) a start before it by a person new in that stock.
  const employments = cases.flatMap((c) => Object.values(c.facts.employments));
  const startsIn = (kinds: readonly EmploymentKind[], month: Month) => {
    const from = st(month - 1);
    const to = st(month);
    return employments.some((e) => {
      const day = dayNumber(e.startedOn);
      return kinds.includes(e.kind) && from < day && day <= to;
    });
  };
  const integrated = (cls: IntegrationClass, month: Month) =>
    elbOn(st(month - 1)) &&
    (startsIn(CLASSES[cls], month) || (!elbOn(st(month - 2)) && startsIn(CLASSES[cls], month - 1)));
  const insuredOn = (day: number) =>
    employments.some((e) => e.kind === 'insured' && covers(toSpan(e.startedOn, e.endedOn), day));
  const startMonths = new Set<Month>();
  for (const e of employments) {
    const month = reportingMonthOf(e.startedOn);
    startMonths.add(month).add(month + 1);
  }
  for (const month of [...startMonths].sort((a, b) => a - b)) {
    const counted = countedOn(st(month - 1));
    if (counted === null) continue;
    const add = (metric: Metric) => emit(counted, metric, month, month - 1);
    for (const cls of Object.keys(CLASSES) as IntegrationClass[]) {
      if (integrated(cls, month)) add(cls);
    }
    if (integrated('integrations', month)) {
      if (lzbOn(st(month - 1))) add('integrations_lzb');
      if (!inReceipt(cases, elbOn, st(month + NEED_COVERING_AFTER_MONTHS))) {
        add('integrations_need_covering');
      }
    }
    if (integrated('integrations_insured', month)) {
      let continuous = true;
      for (let k = 1; k <= CONTINUOUS_MONTHS && continuous; k++)
        continuous = insuredOn(st(month + k));
      if (continuous) add('integrations_continuous');
    }
  }

  // Measures: entries and leavers between reference days, one per person, Jobcenter and measure.
  const qualifying = employments
    .filter((e) => (INTEGRATION_KINDS as readonly EmploymentKind[]).includes(e.kind))
    .map((e) => e.startedOn)
    .filter((day) => {
      const month = reportingMonthOf(day);
      return elbOn(st(month - 1)) || elbOn(st(month));
    });
  const entries = new Map<string, { holder: PersonCase; key: string; month: Month }>();
  const leavers = new Map<
    string,
    { holder: PersonCase; key: string; month: Month; integrated: boolean }
  >();
  for (const { holder, key, m } of measures) {
    const month = reportingMonthOf(m.startedOn!);
    const id = `${holder.tenant}|${key}|${month}`;
    const seen = entries.get(id);
    entries.set(id, { holder: seen ? laterCase(seen.holder, holder) : holder, key, month });
    if (m.endedOn === null) continue;
    const left = reportingMonthOf(m.endedOn);
    const leftId = `${holder.tenant}|${key}|${left}`;
    const until = addMonths(m.endedOn, AFTER_MEASURE_MONTHS);
    const integrated = qualifying.some((day) => day > m.endedOn! && day <= until);
    const earlier = leavers.get(leftId);
    leavers.set(leftId, {
      holder: earlier ? laterCase(earlier.holder, holder) : holder,
      key,
      month: left,
      integrated: integrated || (earlier?.integrated ?? false),
    });
  }
  for (const e of entries.values()) emit(e.holder, 'measure_entries', e.month, e.month, e.key);
  for (const l of leavers.values()) {
    emit(l.holder, 'measure_leavers', l.month, l.month, l.key);
    if (l.integrated) emit(l.holder, 'measure_leavers_integrated', l.month, l.month, l.key);
  }
  return out;
}

/**
 * In SGB II receipt on `day`: in a teilhabe stock, or moved away while in need (closed as moved or
 * transferred) with no later enrolment of the person up to that day: the BA checks receipt in SGB
 * II as a whole, and the benefits go on at the other Jobcenter.
 */
function inReceipt(
  cases: readonly PersonCase[],
  elbOn: (day: number) => boolean,
  day: number,
): boolean {
  if (elbOn(day)) return true;
  return cases.some((c) => {
    const movedOn = closedByMoveOn(c.facts);
    if (movedOn === null) return false;
    const moved = dayNumber(movedOn);
    if (moved >= day) return false;
    const wasInNeed = needPeriods(c.facts).some((p) => covers(toSpan(p.from, p.to), moved));
    if (!wasInNeed) return false;
    return !cases.some((other) => {
      if (other === c) return false;
      const enrolled = dayNumber(other.facts.enrolledOn);
      return moved <= enrolled && enrolled <= day;
    });
  });
}

/** Per Jobcenter and measure, the one case that counts the person (the latest enrolment). */
function distinctHolders(
  active: readonly { holder: PersonCase; key: string }[],
): { holder: PersonCase; key: string }[] {
  const byKey = new Map<string, { holder: PersonCase; key: string }>();
  for (const a of active) {
    const id = `${a.holder.tenant}|${a.key}`;
    const seen = byKey.get(id);
    byKey.set(id, { holder: seen ? laterCase(seen.holder, a.holder) : a.holder, key: a.key });
  }
  return [...byKey.values()].sort((a, b) =>
    `${a.holder.tenant}|${a.key}` < `${b.holder.tenant}|${b.key}` ? -1 : 1,
  );
}

function dimsSignature(c: PersonCase, month: Month): string {
  const d = dimsAt(c.facts, month);
  return `${c.facts.caseId}${+d.u25}${+d.over50}`;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function allDates(cases: readonly PersonCase[]): string[] {
  const dates: string[] = [];
  for (const { facts } of cases) {
    dates.push(facts.enrolledOn);
    if (facts.closedOn) dates.push(facts.closedOn);
    for (const change of facts.needChanges) dates.push(change.on);
    for (const m of Object.values(facts.measures)) {
      if (m.startedOn) dates.push(m.startedOn);
      if (m.endedOn) dates.push(m.endedOn);
    }
    for (const e of Object.values(facts.employments)) {
      dates.push(e.startedOn);
      if (e.endedOn) dates.push(e.endedOn);
    }
  }
  return dates;
}

/**
 * The reference months on which a state can change: every month up to 730 days (25 months, and
 * one more) after the last recorded date, when the LZB look-back no longer reaches it; after that
 * only birthdays (U25, 50+) change the attributes. Between two of these months nothing changes.
 */
function monthsToVisit(cases: readonly PersonCase[], first: Month): Month[] {
  const lastChange = Math.max(first, ...allDates(cases).map((d) => reportingMonthOf(d) + 1));
  const until = lastChange + 26;
  const months = Array.from({ length: until - first + 1 }, (_, i) => first + i);
  const birthdays = new Set<Month>();
  for (const { facts } of cases) {
    if (facts.birthMonth === null) continue;
    for (const month of [facts.birthMonth + U25_MONTHS, facts.birthMonth + OVER50_MONTHS]) {
      if (month > until) birthdays.add(month);
    }
  }
  return [...months, ...[...birthdays].sort((a, b) => a - b)];
}

/** The changes that turn one person's old contributions into their new ones, by key. */
export function diffContributions(
  before: readonly Contribution[],
  after: readonly Contribution[],
): Contribution[] {
  const deltas = new Map<string, Contribution>();
  const put = (c: Contribution, sign: number) => {
    const key = contributionKey(c);
    const current = deltas.get(key);
    deltas.set(key, { ...c, value: (current?.value ?? 0) + sign * c.value });
  };
  for (const c of before) put(c, -1);
  for (const c of after) put(c, 1);
  return [...deltas.values()].filter((c) => c.value !== 0);
}
