/**
 * The reference implementation of the statistics, for the tests only: it recomputes every
 * figure naively from the raw event lists, day by day and client by client, without anything
 * from the projection (no facts, no contributions, no flows, no month arithmetic helpers).
 * If the projection and this disagree on any cell, one of them misreads the definitions.
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

export interface ReferenceValue {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
}

type YearMonth = { year: number; month: number }; // month 1..12

function shift({ year, month }: YearMonth, by: number): YearMonth {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function lastDay({ year, month }: YearMonth): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(days).padStart(2, '0')}`;
}

function inMonth(day: string, { year, month }: YearMonth): boolean {
  return day.startsWith(`${year}-${String(month).padStart(2, '0')}-`);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The same day n months later; if that month is shorter, its last day. */
function sameDayLater(day: string, months: number): string {
  const target = shift({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) }, months);
  const end = lastDay(target);
  const candidate = `${end.slice(0, 8)}${day.slice(8, 10)}`;
  return candidate > end ? end : candidate;
}

const INTEGRATION = new Set(['insured', 'vocational-training', 'self-employed']);

class Client {
  readonly enrolled: Extract<CaseEvent, { type: 'ClientEnrolled' }>['data'];

  constructor(
    readonly tenant: string,
    private readonly events: readonly CaseEvent[],
  ) {
    const first = events[0];
    if (first?.type !== 'ClientEnrolled') throw new Error('a case starts with its enrolment');
    this.enrolled = first.data;
  }

  private closedOn(): string | null {
    for (const e of this.events) if (e.type === 'CaseClosed') return e.data.closedOn;
    return null;
  }

  /** In need on `day`: the latest need event that already applies decides. */
  inNeedOn(day: string): boolean {
    if (day < this.enrolled.enrolledOn) return false;
    const closed = this.closedOn();
    if (closed !== null && day > closed) return false;
    let latest: { on: string; inNeed: boolean } | null = null;
    for (const e of this.events) {
      // An end on X: X is the last day in need, so it applies from X + 1.
      if (e.type === 'NeedForAssistanceEnded' && nextDay(e.data.endedOn) <= day) {
        if (!latest || nextDay(e.data.endedOn) >= latest.on)
          latest = { on: nextDay(e.data.endedOn), inNeed: false };
      }
      if (e.type === 'BenefitReceiptResumed' && e.data.resumedOn <= day) {
        if (!latest || e.data.resumedOn >= latest.on)
          latest = { on: e.data.resumedOn, inNeed: true };
      }
    }
    return latest === null ? true : latest.inNeed;
  }

  /**
   * In SGB II receipt anywhere on `day`: in need in this case, or after this case was closed by a
   * move or transfer while the client was in need (the benefits go on at the other Jobcenter).
   */
  inReceiptOn(day: string): boolean {
    if (this.inNeedOn(day)) return true;
    const closing = this.events.find((e) => e.type === 'CaseClosed');
    if (closing?.type !== 'CaseClosed') return false;
    const { closedOn, reason } = closing.data;
    return (
      (reason === 'moved' || reason === 'transferred') && day > closedOn && this.inNeedOn(closedOn)
    );
  }

  age(at: YearMonth): number | null {
    const birth = this.enrolled.birthMonth;
    if (birth === null) return null;
    const by = Number(birth.slice(0, 4));
    const bm = Number(birth.slice(5, 7));
    // By the last day of the month the birthday of that month has passed.
    return at.year - by - (at.month < bm ? 1 : 0);
  }

  matches(at: YearMonth, group: string, gender: string): boolean {
    if (gender !== 'all' && this.enrolled.gender !== gender) return false;
    const age = this.age(at);
    switch (group) {
      case 'all':
        return true;
      case 'u25':
        return age !== null && age < 25;
      case '50plus':
        return age !== null && age >= 50;
      case 'single-parent':
        return this.enrolled.targetGroups.singleParent;
      case 'refugee-ukraine':
        return this.enrolled.targetGroups.refugeeUkraine;
      default:
        throw new Error(`unknown group ${group}`);
    }
  }

  employments(): { id: string; start: string; end: string | null; kind: string }[] {
    return this.events.flatMap((e) => {
      if (e.type !== 'EmploymentStarted') return [];
      const ended = this.events.find(
        (x) => x.type === 'EmploymentEnded' && x.data.employmentId === e.data.employmentId,
      );
      return [
        {
          id: e.data.employmentId,
          start: e.data.startedOn,
          end: ended?.type === 'EmploymentEnded' ? ended.data.endedOn : null,
          kind: e.data.kind,
        },
      ];
    });
  }

  /** The first start in the month of a job of these kinds while in need, if any. */
  entryIn(at: YearMonth, kinds: (kind: string) => boolean): string | null {
    const starts = this.employments()
      .filter((job) => kinds(job.kind) && inMonth(job.start, at) && this.inNeedOn(job.start))
      .map((job) => job.start)
      .sort();
    return starts[0] ?? null;
  }

  integratedIn(at: YearMonth): string | null {
    return this.entryIn(at, (kind) => INTEGRATION.has(kind));
  }

  /** Every day of the 12 months from `from` covered by some integration-kind job. */
  continuouslyEmployed(from: string): boolean {
    const jobs = this.employments().filter((job) => INTEGRATION.has(job.kind));
    const until = sameDayLater(from, 12);
    for (let day = from; day < until; day = nextDay(day)) {
      if (!jobs.some((job) => job.start <= day && (job.end === null || day <= job.end)))
        return false;
    }
    return true;
  }

  longTerm(at: YearMonth): boolean {
    if (!this.inNeedOn(lastDay(at))) return false;
    let months = 0;
    for (let back = 0; back < 24; back++) if (this.inNeedOn(lastDay(shift(at, -back)))) months += 1;
    return months >= 21;
  }

  participations(): { measure: string; start: string; end: string | null }[] {
    return this.events.flatMap((e) => {
      if (e.type !== 'MeasureAssigned') return [];
      const id = e.data.assignmentId;
      const started = this.events.find(
        (x) => x.type === 'MeasureStarted' && x.data.assignmentId === id,
      );
      if (started?.type !== 'MeasureStarted') return [];
      const ended = this.events.find(
        (x) =>
          (x.type === 'MeasureCompleted' || x.type === 'MeasureAborted') &&
          x.data.assignmentId === id,
      );
      const end =
        ended?.type === 'MeasureCompleted'
          ? ended.data.completedOn
          : ended?.type === 'MeasureAborted'
            ? ended.data.abortedOn
            : null;
      return [
        {
          measure: `${e.data.programmeYear}:${e.data.measureId}`,
          start: started.data.startedOn,
          end,
        },
      ];
    });
  }

  activeOn(day: string, measure?: string): boolean {
    return this.participations().some(
      (p) =>
        (measure === undefined || p.measure === measure) &&
        p.start <= day &&
        (p.end === null || day <= p.end),
    );
  }

  needEndsIn(at: YearMonth, reason?: string): number {
    return this.events.filter(
      (e) =>
        e.type === 'NeedForAssistanceEnded' &&
        inMonth(e.data.endedOn, at) &&
        (reason === undefined || e.data.reason === reason),
    ).length;
  }
}

function ratio(n: number, d: number | null): number | null {
  return d === null || d === 0 ? null : n / d;
}

/** The figures, recomputed from scratch for one Jobcenter (or all, with tenant '*'). */
export class ReferenceStatistics {
  private readonly clients: Client[];

  constructor(
    cases: readonly ReferenceCase[],
    private readonly programmes: readonly ReferenceProgramme[],
  ) {
    this.clients = cases
      .filter((c) => c.events.length > 0)
      .map((c) => new Client(c.tenant, c.events));
  }

  private select(tenant: string, at: YearMonth, group: string, gender: string): Client[] {
    return this.clients.filter(
      (c) => (tenant === '*' || c.tenant === tenant) && c.matches(at, group, gender),
    );
  }

  private count(
    tenant: string,
    at: YearMonth,
    group: string,
    gender: string,
    test: (c: Client) => boolean,
  ): number {
    return this.select(tenant, at, group, gender).filter(test).length;
  }

  private stock(tenant: string, at: YearMonth, group: string, gender: string): number {
    return this.count(tenant, at, group, gender, (c) => c.inNeedOn(lastDay(at)));
  }

  private twelve(at: YearMonth): YearMonth[] {
    return Array.from({ length: 12 }, (_, i) => shift(at, i - 11));
  }

  value(
    indicator: string,
    tenant: string,
    at: YearMonth,
    group: string,
    gender: string,
  ): ReferenceValue {
    const per = (months: YearMonth[], test: (c: Client, m: YearMonth) => boolean) =>
      months.reduce((sum, m) => sum + this.count(tenant, m, group, gender, (c) => test(c, m)), 0);
    const averageOf = (months: YearMonth[], test: (c: Client, m: YearMonth) => boolean) =>
      per(months, test) / months.length;
    const window = this.twelve(at);
    const earlier = this.twelve(shift(at, -12));
    switch (indicator) {
      case 'stock': {
        const n = this.stock(tenant, at, group, gender);
        return { numerator: n, denominator: null, value: n };
      }
      case 'integration-quota':
      case 'marginal-employment-quota':
      case 'publicly-funded-quota': {
        const kinds =
          indicator === 'integration-quota'
            ? (k: string) => INTEGRATION.has(k)
            : indicator === 'marginal-employment-quota'
              ? (k: string) => k === 'marginal'
              : (k: string) => k === 'publicly-funded';
        const n = per(window, (c, m) => c.entryIn(m, kinds) !== null);
        const d = averageOf(window, (c, m) => c.inNeedOn(lastDay(m)));
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'continuous-employment': {
        const d = per(earlier, (c, m) => c.integratedIn(m) !== null);
        const n = per(earlier, (c, m) => {
          const start = c.integratedIn(m);
          return start !== null && c.continuouslyEmployed(start);
        });
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'need-covering-integrations': {
        const d = per(window, (c, m) => c.integratedIn(m) !== null);
        const n = per(
          window,
          (c, m) => c.integratedIn(m) !== null && !c.inReceiptOn(lastDay(shift(m, 3))),
        );
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'long-term-recipients': {
        const n = this.count(tenant, at, group, gender, (c) => c.longTerm(at));
        const before = shift(at, -12);
        const d = this.count(tenant, before, group, gender, (c) => c.longTerm(before));
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'long-term-integration-quota': {
        const n = per(window, (c, m) => c.integratedIn(m) !== null && c.longTerm(shift(m, -1)));
        const d = averageOf(window, (c, m) => c.longTerm(m));
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'long-term-activation-quota': {
        const d = this.count(tenant, at, group, gender, (c) => c.longTerm(at));
        const n = this.count(
          tenant,
          at,
          group,
          gender,
          (c) => c.longTerm(at) && c.activeOn(lastDay(at)),
        );
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'need-ended': {
        const n = this.select(tenant, at, group, gender).reduce(
          (sum, c) => sum + c.needEndsIn(at),
          0,
        );
        const d = this.stock(tenant, shift(at, -1), group, gender);
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'measure-occupancy': {
        const planned = this.planned(tenant, at.year);
        const n = [...planned.keys()].reduce(
          (sum, measure) =>
            sum + this.count(tenant, at, group, gender, (c) => c.activeOn(lastDay(at), measure)),
          0,
        );
        const d = [...planned.values()].reduce((a, b) => a + b, 0);
        return { numerator: n, denominator: d, value: ratio(n, d) };
      }
      case 'measure-integration': {
        let leavers = 0;
        let integrated = 0;
        for (const m of window) {
          for (const c of this.select(tenant, m, group, gender)) {
            for (const p of c.participations()) {
              if (p.end === null || !inMonth(p.end, m)) continue;
              leavers += 1;
              const until = sameDayLater(p.end, 6);
              const jobs = c
                .employments()
                .filter(
                  (job) =>
                    INTEGRATION.has(job.kind) &&
                    job.start > p.end! &&
                    job.start <= until &&
                    c.inNeedOn(job.start),
                );
              if (jobs.length > 0) integrated += 1;
            }
          }
        }
        return { numerator: integrated, denominator: leavers, value: ratio(integrated, leavers) };
      }
      default:
        throw new Error(`no reference for ${indicator}`);
    }
  }

  private planned(tenant: string, year: number): Map<string, number> {
    const places = new Map<string, number>();
    for (const programme of this.programmes) {
      if (tenant !== '*' && programme.tenant !== tenant) continue;
      for (const e of programme.events) {
        if (e.type === 'MeasureOffered' && e.data.year === year) {
          const key = `${year}:${e.data.measureId}`;
          places.set(key, (places.get(key) ?? 0) + e.data.plannedPlaces);
        }
      }
    }
    return places;
  }
}

export function yearMonth(text: string): YearMonth {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) };
}
