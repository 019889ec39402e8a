/**
 * The reference implementation of the statistics, for the tests only: it follows the method
 * (docs/statistics-method.md, issue 16) literally, person by person and day by day, from the raw
 * events, and shares no code with the projection (no facts, no contributions, no month helpers).
 * If the projection and this disagree on any cell, one of them misreads the method.
 */
import type { CaseEvent, ProgrammeEvent } from '#domain';

export interface ReferenceCase {
  readonly tenant: string;
  /** The case's events in recording order (the order of its stream). */
  readonly events: readonly CaseEvent[];
}

export interface ReferenceProgramme {
  readonly tenant: string;
  readonly events: readonly ProgrammeEvent[];
}

export interface ReferenceBreakdownItem {
  readonly key: string;
  readonly label?: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly entries?: number;
}

export interface ReferenceValue {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  /** need-ended: reasons with outflows; measure-integration: measures with leavers; occupancy: planned measures. */
  readonly breakdown?: readonly ReferenceBreakdownItem[];
}

type YearMonth = { year: number; month: number }; // month 1..12

export function yearMonth(text: string): YearMonth {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) };
}

/** Every figure the reference computes (METHOD "The figures"; K1 and K1E1 are never computed). */
export const REFERENCE_INDICATORS = [
  'integration-quota',
  'marginal-employment-quota',
  'publicly-funded-quota',
  'continuous-employment',
  'single-parent-integration-quota',
  'need-covering-integrations',
  'long-term-recipients',
  'long-term-integration-quota',
  'long-term-activation-quota',
  'long-term-entry-rate',
  'long-term-exit-rate',
  'elb-change',
  'elb-entry-rate',
  'elb-exit-rate',
  'need-ended',
  'measure-occupancy',
  'measure-integration',
  'stock',
] as const;

/** The monthly quantities the figures are made of (named as the read model names its metrics). */
export type ReferenceMetric =
  | 'stock'
  | 'lzb'
  | 'lzb_active'
  | 'participants'
  | 'elb_entries'
  | 'elb_outflows'
  | 'lzb_entries'
  | 'lzb_outflows'
  | 'integrations'
  | 'integrations_insured'
  | 'integrations_lzb'
  | 'integrations_continuous'
  | 'integrations_need_covering'
  | 'marginal_entries'
  | 'publicly_funded_entries'
  | 'measure_entries'
  | 'measure_leavers'
  | 'measure_leavers_integrated';

// ---------------------------------------------------------------------------------------------
// Days and months, computed here on their own: a day is a number of days since 1970-01-01, a
// month an index year * 12 + (month - 1).

type Day = number;
type MonthIndex = number;
const MS_PER_DAY = 86_400_000;

function dayOf(iso: string): Day {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
    MS_PER_DAY
  );
}

function calendarOf(day: Day): { year: number; month0: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month0: d.getUTCMonth(), date: d.getUTCDate() };
}

function monthOfDay(day: Day): MonthIndex {
  const { year, month0 } = calendarOf(day);
  return year * 12 + month0;
}

function monthIndex({ year, month }: YearMonth): MonthIndex {
  return year * 12 + month - 1;
}

function monthOfText(yyyyMm: string): MonthIndex {
  return Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
}

/** "ST(m) = the 15th of month m (REFERENCE_DAY_OF_MONTH = 15)." */
const REFERENCE_DAY = 15;
function st(m: MonthIndex): Day {
  return Date.UTC(Math.floor(m / 12), m % 12, REFERENCE_DAY) / MS_PER_DAY;
}

/** "W(m) = (ST(m-1), ST(m)], i.e. the 16th of month m-1 .. the 15th of month m, both inclusive." */
function inWindow(day: Day, m: MonthIndex): boolean {
  return st(m - 1) < day && day <= st(m);
}

/** The m whose window W(m) holds the day. */
function reportingMonthOf(day: Day): MonthIndex {
  const { date } = calendarOf(day);
  return monthOfDay(day) + (date <= REFERENCE_DAY ? 0 : 1);
}

/** "endedOn + 6 months (same day of month; clamped to the month's last day)". */
function monthsLater(day: Day, months: number): Day {
  const { year, month0, date } = calendarOf(day);
  const target = year * 12 + month0 + months;
  const ty = Math.floor(target / 12);
  const tm = target % 12;
  const lastDate = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return Date.UTC(ty, tm, Math.min(date, lastDate)) / MS_PER_DAY;
}

// ---------------------------------------------------------------------------------------------
// Cases, read from their events.

interface Dims {
  readonly u25: boolean;
  readonly over50: boolean;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  readonly gender: string;
}

interface Period {
  readonly from: Day;
  to: Day; // Infinity while open
}

interface Participation {
  readonly key: string; // `year:id`
  readonly assignmentId: string;
  startedOn: Day | null;
  endedOn: Day | null;
}

const INTEGRATION_KINDS = new Set(['insured', 'vocational-training', 'self-employed']);
/** "Classes: "integration" = insured, vocational-training, self-employed; "insured"; "marginal"; "publicly-funded"." */
const CLASSES = {
  integrations: (kind: string) => INTEGRATION_KINDS.has(kind),
  integrations_insured: (kind: string) => kind === 'insured',
  marginal_entries: (kind: string) => kind === 'marginal',
  publicly_funded_entries: (kind: string) => kind === 'publicly-funded',
} as const;
type IntegrationClass = keyof typeof CLASSES;

class CaseRecord {
  readonly caseId: string;
  readonly personKey: string;
  readonly enrolledOn: Day;
  private readonly gender: string;
  private readonly birth: MonthIndex | null;
  private readonly singleParent: boolean;
  private readonly refugee: boolean;
  readonly periods: Period[] = [];
  readonly needEnds = new Map<Day, string>();
  closing: { on: Day; reason: string } | null = null;
  readonly employments: { id: string; start: Day; end: Day | null; kind: string }[] = [];
  readonly measures: Participation[] = [];
  readonly lastEventDay: Day;

  constructor(
    readonly tenant: string,
    events: readonly CaseEvent[],
  ) {
    const first = events[0];
    if (first?.type !== 'ClientEnrolled') throw new Error('a case starts with its enrolment');
    const data = first.data;
    this.caseId = data.caseId;
    // "A case whose key is null and cannot be resolved is a person of its own."
    this.personKey = data.personKey ?? `own:${tenant}:${data.caseId}`;
    this.enrolledOn = dayOf(data.enrolledOn);
    this.gender = data.gender;
    this.birth = data.birthMonth === null ? null : monthOfText(data.birthMonth);
    this.singleParent = data.targetGroups.singleParent;
    this.refugee = data.targetGroups.refugeeUkraine;
    let last = this.enrolledOn;
    const seen = (iso: string) => {
      const day = dayOf(iso);
      if (day > last) last = day;
      return day;
    };
    // "in need ... from enrolledOn"; the need events follow in date order as the domain keeps them.
    this.periods.push({ from: this.enrolledOn, to: Infinity });
    const open = () => {
      const period = this.periods[this.periods.length - 1];
      return period !== undefined && period.to === Infinity ? period : undefined;
    };
    for (const e of events.slice(1)) {
      switch (e.type) {
        case 'NeedForAssistanceEnded': {
          // "NeedForAssistanceEnded(endedOn = e) ends the period with e as its LAST day in need".
          const period = open();
          const endedOn = seen(e.data.endedOn);
          if (!period || endedOn < period.from)
            throw new Error(`need ends out of order in ${this.caseId}`);
          period.to = endedOn;
          this.needEnds.set(endedOn, e.data.reason);
          break;
        }
        case 'BenefitReceiptResumed': {
          // "BenefitReceiptResumed(resumedOn = r) opens a new period from r".
          const resumedOn = seen(e.data.resumedOn);
          const before = this.periods[this.periods.length - 1]!;
          if (open() || resumedOn <= before.to)
            throw new Error(`resumption out of order in ${this.caseId}`);
          this.periods.push({ from: resumedOn, to: Infinity });
          break;
        }
        case 'CaseClosed': {
          // "a CaseClosed(closedOn = c) while in need ends the open period with c as its last day".
          const closedOn = seen(e.data.closedOn);
          const period = open();
          if (period) period.to = closedOn;
          this.closing = { on: closedOn, reason: e.data.reason };
          break;
        }
        case 'EmploymentStarted':
          this.employments.push({
            id: e.data.employmentId,
            start: seen(e.data.startedOn),
            end: null,
            kind: e.data.kind,
          });
          break;
        case 'EmploymentEnded': {
          const job = this.employments.find((j) => j.id === e.data.employmentId);
          if (!job) throw new Error(`no employment ${e.data.employmentId}`);
          job.end = seen(e.data.endedOn);
          break;
        }
        case 'MeasureAssigned':
          seen(e.data.assignedOn);
          this.measures.push({
            key: `${e.data.programmeYear}:${e.data.measureId}`,
            assignmentId: e.data.assignmentId,
            startedOn: null,
            endedOn: null,
          });
          break;
        case 'MeasureStarted':
          this.participation(e.data.assignmentId).startedOn = seen(e.data.startedOn);
          break;
        case 'MeasureCompleted':
          this.participation(e.data.assignmentId).endedOn = seen(e.data.completedOn);
          break;
        case 'MeasureAborted':
          this.participation(e.data.assignmentId).endedOn = seen(e.data.abortedOn);
          break;
        case 'ClientEnrolled':
          throw new Error(`case ${this.caseId} is enrolled twice`);
        case 'CaseworkerAssigned':
        case 'CooperationPlanAgreed':
        case 'PersonalDataErased':
          break; // nothing the figures count
      }
    }
    this.lastEventDay = last;
  }

  private participation(assignmentId: string): Participation {
    const found = this.measures.find((p) => p.assignmentId === assignmentId);
    if (!found) throw new Error(`no assignment ${assignmentId}`);
    return found;
  }

  /** "A case is "in need" on day d when d lies in one of its need periods." */
  inNeedOn(day: Day): boolean {
    return this.periods.some((p) => p.from <= day && day <= p.to);
  }

  /** "u25 = birthMonth known and (m - birthMonth) < 300 months; over50 ... >= 600 months". */
  dims(m: MonthIndex): Dims {
    const age = this.birth === null ? null : m - this.birth;
    return {
      u25: age !== null && age < 300,
      over50: age !== null && age >= 600,
      singleParent: this.singleParent,
      refugee: this.refugee,
      gender: this.gender,
    };
  }

  /** "a started measure (startedOn <= ST(m) and (endedOn null or ST(m) <= endedOn))". */
  activeMeasureOn(day: Day, key?: string): boolean {
    return this.measures.some(
      (p) =>
        (key === undefined || p.key === key) &&
        p.startedOn !== null &&
        p.startedOn <= day &&
        (p.endedOn === null || day <= p.endedOn),
    );
  }
}

/** "(enrolledOn, tenant, caseId) (lexicographic)". */
function compareCases(a: CaseRecord, b: CaseRecord): number {
  if (a.enrolledOn !== b.enrolledOn) return a.enrolledOn - b.enrolledOn;
  if (a.tenant !== b.tenant) return a.tenant < b.tenant ? -1 : 1;
  if (a.caseId !== b.caseId) return a.caseId < b.caseId ? -1 : 1;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The tally: what each person adds to which Jobcenter, month, attributes and detail.

interface Entry {
  readonly tenant: string;
  readonly dims: Dims;
  readonly detail: string;
}

class Tally {
  private readonly entries = new Map<string, Entry[]>();

  add(metric: ReferenceMetric, tenant: string, month: MonthIndex, dims: Dims, detail = ''): void {
    const key = `${metric}|${month}`;
    const list = this.entries.get(key) ?? [];
    list.push({ tenant, dims, detail });
    this.entries.set(key, list);
  }

  list(metric: ReferenceMetric, month: MonthIndex): readonly Entry[] {
    return this.entries.get(`${metric}|${month}`) ?? [];
  }

  *all(): Generator<{ metric: ReferenceMetric; month: MonthIndex; entry: Entry }> {
    for (const [key, list] of this.entries) {
      const [metric, month] = key.split('|') as [ReferenceMetric, string];
      for (const entry of list) yield { metric, month: Number(month), entry };
    }
  }
}

/** One cell of the monthly quantities, as the read model keys its totals. */
export interface ReferenceCell {
  readonly tenant: string;
  readonly metric: ReferenceMetric;
  /** year * 12 + (month - 1) */
  readonly month: number;
  readonly u25: boolean;
  readonly over50: boolean;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  readonly gender: string;
  readonly detail: string;
}

/** "LZB: at least 638 ELB days among the 730 days ST(m)-729 .. ST(m)". */
const LZB_WINDOW = 730;
const LZB_MIN = 638;

/** A person: all cases (any tenant) with the same personKey, walked day by day. */
class Person {
  readonly cases: CaseRecord[];
  private readonly first: Day;
  /** Index into `cases` of the counted case per day from `first`, -1 when not ELB. */
  private readonly counted: Int16Array;
  /** ELB days among the 730 days up to and including each day. */
  private readonly elbDays: Int16Array;

  constructor(
    cases: CaseRecord[],
    private readonly horizon: Day,
  ) {
    this.cases = [...cases].sort(compareCases);
    this.first = Math.min(...this.cases.map((c) => c.enrolledOn));
    const length = horizon - this.first + 1;
    this.counted = new Int16Array(length).fill(-1);
    this.elbDays = new Int16Array(length);
    for (let i = 0; i < length; i++) {
      const day = this.first + i;
      // "Counted case on d: of the cases in need on d, the one with the greatest (enrolledOn, tenant, caseId)."
      for (let c = this.cases.length - 1; c >= 0; c--) {
        if (this.cases[c]!.inNeedOn(day)) {
          this.counted[i] = c;
          break;
        }
      }
      // "a day counts once however many cases": the sliding count of ELB days.
      const enters = this.counted[i]! >= 0 ? 1 : 0;
      const leaves = i >= LZB_WINDOW && this.counted[i - LZB_WINDOW]! >= 0 ? 1 : 0;
      this.elbDays[i] = (i > 0 ? this.elbDays[i - 1]! : 0) + enters - leaves;
    }
  }

  private index(day: Day): number {
    if (day > this.horizon) throw new Error(`day ${day} is beyond the reference's horizon`);
    return day - this.first;
  }

  /** "The person is counted on d for that case's tenant." */
  countedOn(day: Day): CaseRecord | null {
    const i = this.index(day);
    if (i < 0) return null;
    const c = this.counted[i]!;
    return c >= 0 ? this.cases[c]! : null;
  }

  /** "ELB(d): the person has at least one case in need on d." */
  elb(day: Day): boolean {
    return this.countedOn(day) !== null;
  }

  /** "lzb: ELB on ST(m) with at least 638 ELB days among the 730 days ST(m)-729 .. ST(m)". */
  lzb(day: Day): boolean {
    const i = this.index(day);
    return i >= 0 && this.counted[i]! >= 0 && this.elbDays[i]! >= LZB_MIN;
  }

  firstDay(): Day {
    return this.first;
  }

  /** "Starts: EmploymentStarted.startedOn of ANY case of the person." */
  starts(): readonly { day: Day; kind: string }[] {
    this.allStarts ??= this.cases.flatMap((c) =>
      c.employments.map((j) => ({ day: j.start, kind: j.kind })),
    );
    return this.allStarts;
  }
  private allStarts: { day: Day; kind: string }[] | undefined;

  /**
   * "The person has a class-X integration in reporting month m if (1) ELB on ST(m-1) and an X-start
   * s in W(m), or (2) ELB on ST(m-1), NOT ELB on ST(m-2), and an X-start s in W(m-1)."
   */
  integratedIn(m: MonthIndex, cls: IntegrationClass): boolean {
    if (!this.elb(st(m - 1))) return false;
    const newEntrant = !this.elb(st(m - 2));
    return this.starts().some(
      (s) => CLASSES[cls](s.kind) && (inWindow(s.day, m) || (newEntrant && inWindow(s.day, m - 1))),
    );
  }

  /**
   * "A start s is "qualifying" if it makes (1) or (2) true for some month": (1) speaks of W(m) and
   * (2) of W(m-1), so only the month of s's window and the one after can.
   */
  qualifying(s: Day): boolean {
    const k = reportingMonthOf(s);
    const first = this.elb(st(k - 1));
    const second = this.elb(st(k)) && !this.elb(st(k - 1));
    return first || second;
  }

  /** "an insured employment (any case) covering ST(m+k) (startedOn <= ST and (endedOn null or ST <= endedOn))". */
  insuredOn(day: Day): boolean {
    return this.cases.some((c) =>
      c.employments.some(
        (j) => j.kind === 'insured' && j.start <= day && (j.end === null || day <= j.end),
      ),
    );
  }

  /**
   * "In receipt on d: ELB(d), or moved away: some case c of the person was closed as moved/transferred
   * while in need on c.closedOn, c.closedOn < d, and no other case of the person has
   * c.closedOn <= enrolledOn <= d."
   */
  inReceiptOn(day: Day): boolean {
    if (this.elb(day)) return true;
    return this.cases.some((c) => {
      const closing = c.closing;
      if (closing === null) return false;
      if (closing.reason !== 'moved' && closing.reason !== 'transferred') return false;
      if (!c.inNeedOn(closing.on) || !(closing.on < day)) return false;
      return !this.cases.some(
        (other) => other !== c && closing.on <= other.enrolledOn && other.enrolledOn <= day,
      );
    });
  }
}

// ---------------------------------------------------------------------------------------------

function figure(numerator: number, denominator: number | null): ReferenceValue {
  return {
    numerator,
    denominator,
    value: denominator === null || denominator === 0 ? null : numerator / denominator,
  };
}

function groupMatches(group: string, dims: Dims): boolean {
  switch (group) {
    case 'all':
      return true;
    case 'u25':
      return dims.u25;
    case '50plus':
      return dims.over50;
    case 'single-parent':
      return dims.singleParent;
    case 'refugee-ukraine':
      return dims.refugee;
    default:
      throw new Error(`unknown group ${group}`);
  }
}

/** "Provisional: a month m of an indicator needing f months after it (need-covering 3, measure-integration 6, others 0)". */
const FOLLOW_UP: Record<string, number> = {
  'need-covering-integrations': 3,
  'measure-integration': 6,
};
const WAITING_PERIOD_MONTHS = 3;

/** The figures, recomputed from scratch for one Jobcenter (or all, with tenant '*'). */
export class ReferenceStatistics {
  private readonly tally = new Tally();
  /** The last month whose figures need nothing beyond the horizon. */
  private readonly lastMonth: MonthIndex;
  private readonly persons: Person[];

  constructor(
    cases: readonly ReferenceCase[],
    private readonly programmes: readonly ReferenceProgramme[],
  ) {
    const records = cases
      .filter((c) => c.events.length > 0)
      .map((c) => new CaseRecord(c.tenant, c.events));
    // After the last event nothing changes but the 730-day count, which settles within 730 days.
    const lastEvent = Math.max(dayOf('2000-01-01'), ...records.map((c) => c.lastEventDay));
    const horizon = lastEvent + 1100;
    this.lastMonth = monthOfDay(horizon) - 8;
    // "Person = all cases (any tenant) with the same personKey."
    const byKey = new Map<string, CaseRecord[]>();
    for (const c of records) byKey.set(c.personKey, [...(byKey.get(c.personKey) ?? []), c]);
    this.persons = [...byKey.values()].map((list) => new Person(list, horizon));
    for (const person of this.persons) this.count(person);
  }

  private count(p: Person): void {
    const firstMonth = monthOfDay(p.firstDay());
    for (let m = firstMonth; m <= this.lastMonth; m++) {
      this.states(p, m);
      this.lzbMovements(p, m);
      this.integrations(p, m);
      this.measureFigures(p, m);
    }
    this.movements(p, monthOfDay(p.firstDay()));
  }

  /** "States on ST(m) (per tenant of the counted case on ST(m), dims of that case in month m)". */
  private states(p: Person, m: MonthIndex): void {
    const day = st(m);
    const c = p.countedOn(day);
    if (c === null) return;
    // "stock(m): persons ELB on ST(m)."
    this.tally.add('stock', c.tenant, m, c.dims(m));
    if (!p.lzb(day)) return;
    this.tally.add('lzb', c.tenant, m, c.dims(m));
    // "lzb_active(m): persons counted in lzb(m) who are, on ST(m), in a started measure of any of their cases".
    if (p.cases.some((any) => any.activeMeasureOn(day)))
      this.tally.add('lzb_active', c.tenant, m, c.dims(m));
  }

  /**
   * "For every day d in W(m) compare s(d-1) and s(d); if they differ: s(d-1) != none gives an outflow
   * at s(d-1) (dims of the case counted on d-1), s(d) != none gives an entry at s(d) (dims of the
   * case counted on d)." Walked over every day from the person's first enrolment.
   */
  private movements(p: Person, firstMonth: MonthIndex): void {
    for (let day = st(firstMonth - 1) + 1; day <= st(this.lastMonth); day++) {
      const before = p.countedOn(day - 1);
      const now = p.countedOn(day);
      // "A change between two cases of the same tenant is no movement."
      if ((before?.tenant ?? null) === (now?.tenant ?? null)) continue;
      const m = reportingMonthOf(day);
      if (before !== null) {
        this.tally.add(
          'elb_outflows',
          before.tenant,
          m,
          before.dims(m),
          this.reason(before, now, day),
        );
      }
      if (now !== null) this.tally.add('elb_entries', now.tenant, m, now.dims(m));
    }
  }

  /**
   * "if s(d) is another tenant: 'moved'. Else ... if its need ended with endedOn = d-1, that
   * NeedForAssistanceEnded's reason; else it was closed on d-1 while in need: 'moved' for close
   * reasons moved/transferred, 'other' otherwise."
   */
  private reason(before: CaseRecord, now: CaseRecord | null, day: Day): string {
    if (now !== null) return 'moved';
    const ended = before.needEnds.get(day - 1);
    if (ended !== undefined) return ended;
    if (before.closing?.on === day - 1) {
      return before.closing.reason === 'moved' || before.closing.reason === 'transferred'
        ? 'moved'
        : 'other';
    }
    throw new Error(`case ${before.caseId} left need on ${day} without an end or a closing`);
  }

  /**
   * "lzb_entries(m): LZB on ST(m) and not LZB on ST(m-1) (counted at ST(m)'s tenant and dims);
   * lzb_outflows(m): LZB on ST(m-1) and not LZB on ST(m) (tenant of the case counted on ST(m-1),
   * its dims in month m). A move between Jobcenters is no LZB movement."
   */
  private lzbMovements(p: Person, m: MonthIndex): void {
    const was = p.lzb(st(m - 1));
    const is = p.lzb(st(m));
    if (is && !was) {
      const c = p.countedOn(st(m))!;
      this.tally.add('lzb_entries', c.tenant, m, c.dims(m));
    }
    if (was && !is) {
      const c = p.countedOn(st(m - 1))!;
      this.tally.add('lzb_outflows', c.tenant, m, c.dims(m));
    }
  }

  /**
   * "At most one per person, class and month. Counted for the tenant of the case counted on ST(m-1),
   * with that case's dims in month m-1."
   */
  private integrations(p: Person, m: MonthIndex): void {
    const at = p.countedOn(st(m - 1));
    if (at === null) return;
    const dims = at.dims(m - 1);
    for (const cls of Object.keys(CLASSES) as IntegrationClass[]) {
      if (p.integratedIn(m, cls)) this.tally.add(cls, at.tenant, m, dims);
    }
    if (p.integratedIn(m, 'integrations')) {
      // "integrations_lzb(m): class-"integration" integration in m and the person was LZB on ST(m-1)."
      if (p.lzb(st(m - 1))) this.tally.add('integrations_lzb', at.tenant, m, dims);
      // "integrations_need_covering(m): class-"integration" integration in m and the person is not in receipt on ST(m+3)."
      if (!p.inReceiptOn(st(m + 3)))
        this.tally.add('integrations_need_covering', at.tenant, m, dims);
    }
    // "integrations_continuous(m): class-"insured" integration in m and, for every k = 1..6, the
    // person has an insured employment (any case) covering ST(m+k)".
    if (p.integratedIn(m, 'integrations_insured')) {
      let covered = true;
      for (let k = 1; k <= 6; k++) covered &&= p.insuredOn(st(m + k));
      if (covered) this.tally.add('integrations_continuous', at.tenant, m, dims);
    }
  }

  /**
   * Participants, measure entries and leavers: "per (tenant of the case holding the measure,
   * measure key `year:id`): distinct persons ... Dims: of the holding case with the greatest
   * (enrolledOn, caseId) among that person's holding cases, month m."
   */
  private measureFigures(p: Person, m: MonthIndex): void {
    const keys = new Set<string>();
    for (const c of p.cases) for (const x of c.measures) keys.add(`${c.tenant}\u0000${x.key}`);
    for (const tenantAndKey of keys) {
      const [tenant, key] = tenantAndKey.split('\u0000') as [string, string];
      const own = p.cases.filter((c) => c.tenant === tenant);
      const emit = (metric: ReferenceMetric, holders: CaseRecord[]) => {
        if (holders.length === 0) return;
        const latest = holders.reduce((a, b) =>
          a.enrolledOn !== b.enrolledOn
            ? a.enrolledOn > b.enrolledOn
              ? a
              : b
            : a.caseId > b.caseId
              ? a
              : b,
        );
        this.tally.add(metric, tenant, m, latest.dims(m), key);
      };
      // "participants(m, measure): ... whose measure with that key is active on ST(m) (need is not required)".
      emit(
        'participants',
        own.filter((c) => c.activeMeasureOn(st(m), key)),
      );
      // "measure_entries(m, measure): distinct persons ... with a measure start (startedOn) in W(m)".
      emit(
        'measure_entries',
        own.filter((c) =>
          c.measures.some((x) => x.key === key && x.startedOn !== null && inWindow(x.startedOn, m)),
        ),
      );
      // "measure_leavers(m, measure): ... with an end (endedOn of a started measure) in W(m)".
      const ends = own.flatMap((c) =>
        c.measures
          .filter(
            (x) =>
              x.key === key && x.startedOn !== null && x.endedOn !== null && inWindow(x.endedOn, m),
          )
          .map((x) => ({ c, end: x.endedOn! })),
      );
      const leavers = [...new Set(ends.map((e) => e.c))];
      emit('measure_leavers', leavers);
      // "measure_leavers_integrated: those of them with a qualifying integration start s with
      // endedOn < s <= endedOn + 6 months ..., for any of their ends in W(m)" (dims as the leaver's).
      const integrated = ends.some(({ end }) =>
        p
          .starts()
          .some(
            (s) =>
              CLASSES.integrations(s.kind) &&
              end < s.day &&
              s.day <= monthsLater(end, 6) &&
              p.qualifying(s.day),
          ),
      );
      if (integrated) emit('measure_leavers_integrated', leavers);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Reading the figures.

  /** A monthly quantity for one Jobcenter (or '*': all together) and cell. */
  metric(
    metric: ReferenceMetric,
    tenant: string,
    at: YearMonth | MonthIndex,
    group: string,
    gender: string,
    detail?: string,
  ): number {
    const m = typeof at === 'number' ? at : monthIndex(at);
    if (m > this.lastMonth) throw new Error(`month ${m} is beyond the reference's horizon`);
    return this.tally
      .list(metric, m)
      .filter(
        (e) =>
          (tenant === '*' || e.tenant === tenant) &&
          (gender === 'all' || e.dims.gender === gender) &&
          groupMatches(group, e.dims) &&
          (detail === undefined || e.detail === detail),
      ).length;
  }

  /** Every non-zero monthly quantity in months `from`..`to` (year * 12 + month - 1), per cell. */
  cells(from: number, to: number): { cell: ReferenceCell; count: number }[] {
    if (to > this.lastMonth) throw new Error(`month ${to} is beyond the reference's horizon`);
    const out = new Map<string, { cell: ReferenceCell; count: number }>();
    for (const { metric, month, entry } of this.tally.all()) {
      if (month < from || month > to) continue;
      const { u25, over50, singleParent, refugee, gender } = entry.dims;
      const cell = {
        tenant: entry.tenant,
        metric,
        month,
        u25,
        over50,
        singleParent,
        refugee,
        gender,
        detail: entry.detail,
      };
      const key = JSON.stringify(cell);
      out.set(key, { cell, count: (out.get(key)?.count ?? 0) + 1 });
    }
    return [...out.values()];
  }

  private details(
    metric: ReferenceMetric,
    tenant: string,
    from: MonthIndex,
    to: MonthIndex,
  ): string[] {
    const out = new Set<string>();
    for (let m = from; m <= to; m++) {
      for (const e of this.tally.list(metric, m))
        if (tenant === '*' || e.tenant === tenant) out.add(e.detail);
    }
    return [...out].sort();
  }

  value(
    indicator: string,
    tenant: string,
    at: YearMonth,
    group: string,
    gender: string,
  ): ReferenceValue {
    const m = monthIndex(at);
    const sum = (
      metric: ReferenceMetric,
      from: MonthIndex,
      to: MonthIndex,
      cellGroup = group,
      detail?: string,
    ) => {
      let total = 0;
      for (let k = from; k <= to; k++)
        total += this.metric(metric, tenant, k, cellGroup, gender, detail);
      return total;
    };
    /** "... / mean stock(m-12..m-1)". */
    const meanBefore = (metric: ReferenceMetric, cellGroup = group) =>
      sum(metric, m - 12, m - 1, cellGroup) / 12;
    switch (indicator) {
      // "integration-quota (K2): sum integrations(m-11..m) / mean stock(m-12..m-1)."
      case 'integration-quota':
        return figure(sum('integrations', m - 11, m), meanBefore('stock'));
      // "marginal-employment-quota (K2E1), publicly-funded-quota (K2E2): the same with
      // marginal_entries / publicly_funded_entries and the same denominator."
      case 'marginal-employment-quota':
        return figure(sum('marginal_entries', m - 11, m), meanBefore('stock'));
      case 'publicly-funded-quota':
        return figure(sum('publicly_funded_entries', m - 11, m), meanBefore('stock'));
      // "continuous-employment (K2E3): sum integrations_continuous(m-17..m-6) / sum integrations_insured(m-17..m-6)."
      case 'continuous-employment':
        return figure(
          sum('integrations_continuous', m - 17, m - 6),
          sum('integrations_insured', m - 17, m - 6),
        );
      // "single-parent-integration-quota (K2E4): K2 restricted to singleParent within whatever cell is asked."
      case 'single-parent-integration-quota': {
        const singleParents = (metric: ReferenceMetric, from: MonthIndex, to: MonthIndex) => {
          let total = 0;
          for (let k = from; k <= to; k++) {
            total += this.tally
              .list(metric, k)
              .filter(
                (e) =>
                  (tenant === '*' || e.tenant === tenant) &&
                  (gender === 'all' || e.dims.gender === gender) &&
                  groupMatches(group, e.dims) &&
                  e.dims.singleParent,
              ).length;
          }
          return total;
        };
        this.metric('stock', tenant, m, group, gender); // the horizon check
        return figure(
          singleParents('integrations', m - 11, m),
          singleParents('stock', m - 12, m - 1) / 12,
        );
      }
      // "need-covering-integrations: sum integrations_need_covering(m-11..m) / sum integrations(m-11..m)."
      case 'need-covering-integrations':
        return figure(sum('integrations_need_covering', m - 11, m), sum('integrations', m - 11, m));
      // "long-term-recipients (K3): lzb(m) / lzb(m-12)."
      case 'long-term-recipients':
        return figure(sum('lzb', m, m), sum('lzb', m - 12, m - 12));
      // "long-term-integration-quota (K3E1): sum integrations_lzb(m-11..m) / mean lzb(m-12..m-1)."
      case 'long-term-integration-quota':
        return figure(sum('integrations_lzb', m - 11, m), meanBefore('lzb'));
      // "long-term-activation-quota (K3E2): lzb_active(m) / lzb(m)."
      case 'long-term-activation-quota':
        return figure(sum('lzb_active', m, m), sum('lzb', m, m));
      // "long-term-entry-rate (K3E3): sum lzb_entries(m-11..m) / sum lzb(m-11..m)."
      case 'long-term-entry-rate':
        return figure(sum('lzb_entries', m - 11, m), sum('lzb', m - 11, m));
      // "long-term-exit-rate (K3E4): sum lzb_outflows(m-11..m) / sum lzb(m-12..m-1)."
      case 'long-term-exit-rate':
        return figure(sum('lzb_outflows', m - 11, m), sum('lzb', m - 12, m - 1));
      // "elb-change (K1E2): stock(m) / stock(m-12)."
      case 'elb-change':
        return figure(sum('stock', m, m), sum('stock', m - 12, m - 12));
      // "elb-entry-rate (K1E3): sum entries(m-11..m) / sum stock(m-11..m)."
      case 'elb-entry-rate':
        return figure(sum('elb_entries', m - 11, m), sum('stock', m - 11, m));
      // "elb-exit-rate (K1E4): sum outflows(m-11..m) / sum stock(m-12..m-1)."
      case 'elb-exit-rate':
        return figure(sum('elb_outflows', m - 11, m), sum('stock', m - 12, m - 1));
      // "need-ended: outflows(m) / stock(m-1), breakdown by reason".
      case 'need-ended': {
        const denominator = sum('stock', m - 1, m - 1);
        return {
          ...figure(sum('elb_outflows', m, m), denominator),
          breakdown: this.details('elb_outflows', tenant, m, m)
            .map((reason) => ({
              key: reason,
              ...figure(sum('elb_outflows', m, m, group, reason), denominator),
            }))
            .filter((item) => item.numerator > 0),
        };
      }
      // "measure-occupancy: participants on ST(m) per measure of the year's programme vs planned
      // places (breakdown per planned measure with `entries` = measure_entries(m)); total = sums."
      case 'measure-occupancy': {
        const breakdown = this.planned(tenant, at.year).map(({ key, title, places }) => ({
          key,
          label: title,
          ...figure(sum('participants', m, m, group, key), places),
          entries: sum('measure_entries', m, m, group, key),
        }));
        return {
          ...figure(
            breakdown.reduce((total, item) => total + item.numerator, 0),
            breakdown.reduce((total, item) => total + (item.denominator ?? 0), 0),
          ),
          breakdown,
        };
      }
      // "measure-integration: sum measure_leavers_integrated(m-11..m) / sum measure_leavers(m-11..m), breakdown per measure".
      case 'measure-integration':
        return {
          ...figure(
            sum('measure_leavers_integrated', m - 11, m),
            sum('measure_leavers', m - 11, m),
          ),
          breakdown: this.details('measure_leavers', tenant, m - 11, m)
            .map((key) => ({
              key,
              ...figure(
                sum('measure_leavers_integrated', m - 11, m, group, key),
                sum('measure_leavers', m - 11, m, group, key),
              ),
            }))
            .filter((item) => (item.denominator ?? 0) > 0),
        };
      // "stock: stock(m) (denominator null, value = numerator)."
      case 'stock': {
        const n = sum('stock', m, m);
        return { numerator: n, denominator: null, value: n };
      }
      default:
        throw new Error(`no reference for ${indicator}`);
    }
  }

  /** "final from the day after ST(m + f + 3) (waiting period 3 months)". */
  provisional(indicator: string, at: YearMonth, today: string): boolean {
    const f = FOLLOW_UP[indicator] ?? 0;
    return dayOf(today) <= st(monthIndex(at) + f + WAITING_PERIOD_MONTHS);
  }

  /** The planned measures of the year's programmes (the latest offer of a measure counts), by measure id. */
  private planned(tenant: string, year: number): { key: string; title: string; places: number }[] {
    const offers = new Map<string, { id: string; title: string; places: number }>();
    for (const programme of this.programmes) {
      if (tenant !== '*' && programme.tenant !== tenant) continue;
      for (const e of programme.events) {
        if (e.type !== 'MeasureOffered' || e.data.year !== year) continue;
        offers.set(`${programme.tenant}\u0000${e.data.measureId}`, {
          id: e.data.measureId,
          title: e.data.title,
          places: e.data.plannedPlaces,
        });
      }
    }
    const byMeasure = new Map<string, { key: string; title: string; places: number }>();
    for (const offer of [...offers.values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )) {
      const key = `${year}:${offer.id}`;
      const known = byMeasure.get(key);
      byMeasure.set(key, {
        key,
        title: known?.title ?? offer.title,
        places: (known?.places ?? 0) + offer.places,
      });
    }
    return [...byMeasure.values()];
  }
}
