// What one case contributes to the monthly statistics, derived from its facts alone: states as
// flows (+1 when they begin, -1 when they end), events as counts in their month; a changed case
// applies only the difference. Why: docs/design/statistics-read-model.md.
import { type EmploymentKind, type Gender } from '#domain';
import { needPeriods, closedByMoveOn, type CaseFacts, type NeedPeriod } from './case-facts.js';
import { addDays, addMonths, monthEnd, monthOfDate, type Month } from './months.js';

export const STATE_METRICS = ['stock', 'lzb', 'lzb_active', 'participants'] as const;
export const EVENT_METRICS = [
  'integrations',
  'integrations_lzb',
  'integrations_sustained',
  'integrations_need_covering',
  'marginal_entries',
  'publicly_funded_entries',
  'need_ended',
  'measure_entries',
  'measure_leavers',
  'measure_leavers_integrated',
] as const;
export type StateMetric = (typeof STATE_METRICS)[number];
export type EventMetric = (typeof EVENT_METRICS)[number];
export type Metric = StateMetric | EventMetric;

/** Integration (§ 48a SGB II, K2): insured employment, full vocational training, self-employment. */
export const INTEGRATION_KINDS: readonly EmploymentKind[] = [
  'insured',
  'vocational-training',
  'self-employed',
];

/** The client's attributes in a month: the dimensions every figure can be filtered by. */
export interface Dims {
  readonly u25: boolean;
  readonly over50: boolean;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  readonly gender: Gender;
}

export interface Contribution {
  readonly metric: Metric;
  readonly month: Month;
  readonly dims: Dims;
  /** Measure (`year:id`) for measure metrics, reason for need_ended, '' otherwise. */
  readonly detail: string;
  readonly value: number;
}

/** Long-term recipient (LZB): in need at least 21 of the last 24 month ends. */
export const LZB_MONTHS_IN_NEED = 21;
export const LZB_WINDOW = 24;
const U25_MONTHS = 25 * 12;
const OVER50_MONTHS = 50 * 12;

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
  return `${c.metric}|${c.month}|${+d.u25}${+d.over50}${+d.singleParent}${+d.refugee}|${d.gender}|${c.detail}`;
}

function within(day: string, period: { from: string; to: string | null }): boolean {
  return period.from <= day && (period.to === null || day <= period.to);
}

export function contributionsOf(facts: CaseFacts): Contribution[] {
  const periods = needPeriods(facts);
  const inNeed = (day: string) => periods.some((period) => within(day, period));
  const movedOn = closedByMoveOn(facts);
  const elsewhereAfter = movedOn !== null && inNeed(movedOn) ? movedOn : null;
  /** In SGB II receipt on `day`: here, or at the Jobcenter the client moved to. */
  const inReceipt = (day: string) =>
    inNeed(day) || (elsewhereAfter !== null && day > elsewhereAfter);
  const start = monthOfDate(facts.enrolledOn);
  const horizon = horizonOf(facts, periods, start);

  const out: Contribution[] = [];
  const add = (metric: Metric, month: Month, detail: string, value = 1) =>
    out.push({ metric, month, dims: dimsAt(facts, month), detail, value });

  // States, month by month, as flows.
  const measures = Object.values(facts.measures).filter((m) => m.startedOn !== null);
  const inNeedAtEnd: boolean[] = [];
  let needyInWindow = 0; // month ends in need among the last LZB_WINDOW (before enrolment: none)
  const open = new Map<string, Omit<Contribution, 'value'>>();
  const lzbAt = new Map<Month, boolean>();
  // Most months repeat the one before (same states, same attributes): then no flow changes, and
  // the month is passed over after comparing a short signature (the projection's hot loop).
  let previousSignature = '';
  for (let month = start; month <= horizon; month++) {
    const day = monthEnd(month);
    const needy = inNeed(day);
    inNeedAtEnd.push(needy);
    if (needy) needyInWindow += 1;
    if (inNeedAtEnd.length > LZB_WINDOW && inNeedAtEnd[inNeedAtEnd.length - 1 - LZB_WINDOW]) {
      needyInWindow -= 1;
    }
    const lzb = needy && needyInWindow >= LZB_MONTHS_IN_NEED;
    lzbAt.set(month, lzb);
    const active =
      measures.length === 0
        ? measures
        : measures.filter((m) => within(day, { from: m.startedOn!, to: m.endedOn }));
    const dims = dimsAt(facts, month);
    const participating = [...new Set(active.map((m) => m.measure))];
    const signature = `${+needy}${+lzb}${+(active.length > 0)}${+dims.u25}${+dims.over50}|${participating.join('|')}`;
    if (signature === previousSignature) continue;
    previousSignature = signature;
    const states: [StateMetric, string][] = [];
    if (needy) states.push(['stock', '']);
    if (lzb) states.push(['lzb', '']);
    if (lzb && active.length > 0) states.push(['lzb_active', '']);
    for (const measure of participating) states.push(['participants', measure]);
    const now = new Map<string, Omit<Contribution, 'value'>>();
    for (const [metric, detail] of states) {
      const entry = { metric, month, dims, detail };
      now.set(contributionKey({ ...entry, month: 0 }), entry);
    }
    for (const [key, entry] of open) {
      if (!now.has(key)) out.push({ ...entry, month, value: -1 });
    }
    for (const [key, entry] of now) {
      if (!open.has(key)) out.push({ ...entry, value: 1 });
    }
    open.clear();
    for (const [key, entry] of now) open.set(key, entry);
  }
  // What is open at the horizon stays so: nothing changes after it.

  // Integrations: at most one per client and month, while in need on the first day of work.
  const employments = Object.values(facts.employments).sort((a, b) =>
    a.startedOn < b.startedOn ? -1 : 1,
  );
  const integrationSpans = employments
    .filter((e) => INTEGRATION_KINDS.includes(e.kind))
    .map((e) => ({ from: e.startedOn, to: e.endedOn }));
  const integrationDays: string[] = [];
  const countedMonths = new Map<EmploymentKind | 'integration', Set<Month>>();
  const once = (kind: EmploymentKind | 'integration', month: Month) => {
    const months = countedMonths.get(kind) ?? new Set<Month>();
    countedMonths.set(kind, months);
    if (months.has(month)) return false;
    months.add(month);
    return true;
  };
  for (const employment of employments) {
    if (!inNeed(employment.startedOn)) continue;
    const month = monthOfDate(employment.startedOn);
    if (INTEGRATION_KINDS.includes(employment.kind)) {
      integrationDays.push(employment.startedOn);
      if (!once('integration', month)) continue;
      add('integrations', month, '');
      if (lzbAt.get(Math.min(month - 1, horizon))) add('integrations_lzb', month, '');
      if (coveredFor12Months(employment.startedOn, integrationSpans))
        add('integrations_sustained', month, '');
      if (!inReceipt(monthEnd(month + 3))) add('integrations_need_covering', month, '');
    } else if (employment.kind === 'marginal' && once('marginal', month)) {
      add('marginal_entries', month, '');
    } else if (employment.kind === 'publicly-funded' && once('publicly-funded', month)) {
      add('publicly_funded_entries', month, '');
    }
  }

  for (const change of facts.needChanges) {
    if (change.kind === 'end') add('need_ended', monthOfDate(change.on), change.reason);
  }

  for (const measure of measures) {
    add('measure_entries', monthOfDate(measure.startedOn!), measure.measure);
    if (measure.endedOn === null) continue;
    const left = monthOfDate(measure.endedOn);
    add('measure_leavers', left, measure.measure);
    const until = addMonths(measure.endedOn, 6);
    if (integrationDays.some((day) => day > measure.endedOn! && day <= until)) {
      add('measure_leavers_integrated', left, measure.measure);
    }
  }
  return out;
}

/** Continuously in integration-kind work for the 12 months from `from` (gapless, any jobs). */
function coveredFor12Months(
  from: string,
  spans: readonly { from: string; to: string | null }[],
): boolean {
  const last = addDays(addMonths(from, 12), -1);
  let reached = from; // covered up to the day before `reached`
  for (const span of [...spans].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (span.from > reached) continue;
    if (span.to === null) return true;
    if (span.to >= reached) reached = addDays(span.to, 1);
    if (reached > last) return true;
  }
  return reached > last;
}

/** After this month nothing about the case changes any more: no event, birthday or look-back. */
function horizonOf(facts: CaseFacts, periods: readonly NeedPeriod[], start: Month): Month {
  const months = [start];
  for (const p of periods) {
    months.push(monthOfDate(p.from));
    if (p.to) months.push(monthOfDate(p.to));
  }
  for (const m of Object.values(facts.measures)) {
    if (m.startedOn) months.push(monthOfDate(m.startedOn));
    if (m.endedOn) months.push(monthOfDate(m.endedOn));
  }
  for (const e of Object.values(facts.employments)) {
    months.push(monthOfDate(e.startedOn));
    if (e.endedOn) months.push(monthOfDate(e.endedOn));
  }
  for (const change of facts.needChanges) months.push(monthOfDate(change.on));
  if (facts.closedOn) months.push(monthOfDate(facts.closedOn));
  if (facts.birthMonth !== null)
    months.push(facts.birthMonth + U25_MONTHS, facts.birthMonth + OVER50_MONTHS);
  return Math.min(Math.max(...months) + LZB_WINDOW + 1, start + 100 * 12);
}

/** The changes that turn one case's old contributions into its new ones, by key. */
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
