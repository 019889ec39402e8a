/**
 * Generated person histories for the statistics tests: fast-check produces "intents" per case of
 * a person (1..3 cases with one person key: re-enrolments in the same Jobcenter, moves between
 * two), an interpreter turns them into commands for the real deciders, and whatever the domain
 * accepts becomes the history (so every history is one the system could really hold, including
 * late entries with earlier effective dates than what was recorded before).
 */
import fc from 'fast-check';
import {
  CASE_CLOSE_REASONS,
  CURRENT_SCHEMA_VERSION,
  caseDecider,
  programmeDecider,
  DomainRuleViolation,
  EMPLOYMENT_KINDS,
  NEED_ENDED_REASONS,
  type CaseCloseReason,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ProgrammeEvent,
  type ProgrammeState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { ReferenceCase, ReferenceProgramme } from './reference.js';

export const TODAY = '2026-06-30';
const FIRST_DAY = Date.UTC(2021, 0, 1);
const LAST_DAY = Date.UTC(2026, 5, 30);

function day(offset: number): string {
  return new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
}
function offsetOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - FIRST_DAY) / 86_400_000);
}
const DAYS = Math.round((LAST_DAY - FIRST_DAY) / 86_400_000);

export const MEASURES = [
  { measureId: 'M1', plannedPlaces: 20 },
  { measureId: 'M2', plannedPlaces: 4 },
];

export function programmeHistory(tenant: string): ReferenceProgramme[] {
  const out: ReferenceProgramme[] = [];
  for (let year = 2021; year <= 2026; year++) {
    let state: ProgrammeState = programmeDecider.initialState();
    const events: ProgrammeEvent[] = [];
    const run = (command: Parameters<typeof programmeDecider.decide>[0]) => {
      for (const event of programmeDecider.decide(command, state)) {
        events.push(event);
        state = programmeDecider.evolve(state, event);
      }
    };
    for (const m of MEASURES) {
      run({
        type: 'OfferMeasure',
        data: {
          year,
          measureId: m.measureId,
          title: `Measure ${m.measureId}`,
          kind: 'coaching',
          plannedPlaces: m.plannedPlaces,
          targetGroups: ['all'],
          offeredOn: `${year - 1}-11-01`,
        },
        metadata: { today: TODAY },
      });
    }
    run({
      type: 'ApproveProgramme',
      data: { year, approvedOn: `${year - 1}-12-01` },
      metadata: { today: TODAY },
    });
    out.push({ tenant, events });
  }
  return out;
}

const intent = fc.record({
  kind: fc.constantFrom(
    'start-employment',
    'start-employment',
    'end-employment',
    'end-need',
    'end-need',
    'resume-need',
    'need-gap',
    'need-gap',
    'assign-measure',
    'start-measure',
    'end-measure',
    'measure-to-job',
  ),
  /** Where in the case's span (0..9999 of it); the domain refuses what does not fit. */
  at: fc.integer({ min: 0, max: 9999 }),
  pick: fc.nat({ max: 9 }),
  variant: fc.nat({ max: 9 }),
});

/** How a case follows the person's previous one. */
const LINKS = [
  'after', // re-enrolled in the same Jobcenter some days after the closing
  'same-day', // re-enrolled in the same Jobcenter on the day the old case closed
  'overlap', // re-enrolled in the same Jobcenter while the old case is still open
  'move-same-day', // old case closed as moved/transferred, enrolled in the other Jobcenter that day
  'move-later', // ... enrolled in the other Jobcenter some days later
  'move-overlap', // enrolled in the other Jobcenter before the old one closed the case
] as const;

const caseStep = fc.record({
  link: fc.constantFrom(...LINKS),
  gap: fc.integer({ min: 1, max: 75 }),
  /** Days from enrolment to the planned closing. */
  length: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: DAYS })),
  close: fc.constantFrom<CaseCloseReason | 'open'>(...CASE_CLOSE_REASONS, 'open'),
  moveReason: fc.constantFrom<CaseCloseReason>('moved', 'transferred'),
  /** 0: this case records the single-parent flag the other way round than the one before. */
  flipSingleParent: fc.nat({ max: 3 }),
  intents: fc.array(intent, { maxLength: 10 }),
});

export const personSpec = fc.record({
  /** 0: the first Jobcenter of a run, 1: the second (fewer persons start there). */
  home: fc.constantFrom(0, 0, 1),
  enrolDay: fc.integer({ min: 0, max: DAYS - 30 }),
  /** Age at the first enrolment, less one: the domain takes clients aged 15 to 67. */
  age: fc.integer({ min: 15, max: 64 }),
  birthMonth: fc.integer({ min: 1, max: 12 }),
  gender: fc.constantFrom<'female' | 'male' | 'diverse' | 'unspecified'>(
    'female',
    'male',
    'diverse',
    'unspecified',
  ),
  singleParent: fc.boolean(),
  refugee: fc.boolean(),
  cases: fc.oneof(
    { arbitrary: fc.array(caseStep, { minLength: 1, maxLength: 1 }), weight: 2 },
    { arbitrary: fc.array(caseStep, { minLength: 2, maxLength: 3 }), weight: 3 },
  ),
});
export type PersonSpec = typeof personSpec extends fc.Arbitrary<infer T> ? T : never;

export interface GeneratedCase extends ReferenceCase {
  readonly caseId: string;
}

/** A case in the making: its decider state and events. */
class CaseRun {
  state: CaseState = caseDecider.initialState();
  readonly events: CaseEvent[] = [];

  /** Runs a command; true if the domain accepted it. */
  run(command: CaseCommand): boolean {
    try {
      for (const event of caseDecider.decide(command, this.state)) {
        this.events.push(event);
        this.state = caseDecider.evolve(this.state, event);
      }
      return true;
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return false;
    }
  }

  latest(): string | undefined {
    return this.state.status === 'not-enrolled' ? undefined : this.state.latestEffectiveDate;
  }
}

const metadata = { today: TODAY };

/** AssignMeasure with the programme of the assignment's year, as the API's handler loads it. */
function assignment(
  programmes: readonly ReferenceProgramme[],
  assignmentId: string,
  variant: number,
  assignedOn: string,
): CaseCommand {
  const year = Number(assignedOn.slice(0, 4));
  const programme = programmes.find((p) => p.events.some((e) => e.data.year === year));
  let programmeState: ProgrammeState = programmeDecider.initialState();
  for (const e of programme?.events ?? [])
    programmeState = programmeDecider.evolve(programmeState, e);
  return {
    type: 'AssignMeasure',
    data: {
      assignmentId,
      measureId: MEASURES[variant % MEASURES.length]!.measureId,
      assignedOn,
      programme: { ...programmeState, version: programme?.events.length ?? 0 },
    },
    metadata,
  };
}

/** A day near a reference day or a month end in the month of `date`: need gaps over them. */
function nearBoundary(date: string, variant: number): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dom = variant % 2 === 0 ? 15 - (variant % 4) : last - (variant % 3);
  return `${date.slice(0, 8)}${String(dom).padStart(2, '0')}`;
}

/** Runs one case's intents, spread over its span [from, to] (day offsets). */
function runIntents(
  c: CaseRun,
  intents: CaseSpecIntent[],
  from: number,
  to: number,
  programmes: readonly ReferenceProgramme[],
): void {
  let n = 0;
  for (const step of intents) {
    n += 1;
    // Mostly inside the case's span; sometimes anywhere after enrolment (the domain decides).
    const offset =
      step.pick === 9
        ? from + Math.floor((step.at / 10_000) * (DAYS - from + 1))
        : from + Math.floor((step.at / 10_000) * (to - from + 1));
    const on = day(Math.min(DAYS, offset));
    const current = c.state;
    if (current.status !== 'active') return;
    const employments = Object.keys(current.employments);
    const measures = Object.keys(current.measures);
    switch (step.kind) {
      case 'start-employment':
        c.run({
          type: 'StartEmployment',
          data: {
            employmentId: `e${n}`,
            startedOn: on,
            kind: EMPLOYMENT_KINDS[step.variant % EMPLOYMENT_KINDS.length]!,
            subsidised: step.pick % 2 === 0,
          },
          metadata,
        });
        break;
      case 'end-employment':
        if (employments.length > 0) {
          c.run({
            type: 'EndEmployment',
            data: { employmentId: employments[step.pick % employments.length]!, endedOn: on },
            metadata,
          });
        }
        break;
      case 'end-need':
        c.run({
          type: 'EndNeedForAssistance',
          data: {
            endedOn: on,
            reason: NEED_ENDED_REASONS[step.variant % NEED_ENDED_REASONS.length]!,
          },
          metadata,
        });
        break;
      case 'resume-need':
        c.run({ type: 'ResumeBenefitReceipt', data: { resumedOn: on }, metadata });
        break;
      case 'need-gap': {
        // A few days out of need over a reference day or a month end.
        const ended = nearBoundary(on, step.variant);
        const ok = c.run({
          type: 'EndNeedForAssistance',
          data: {
            endedOn: ended,
            reason: NEED_ENDED_REASONS[step.pick % NEED_ENDED_REASONS.length]!,
          },
          metadata,
        });
        if (ok) {
          c.run({
            type: 'ResumeBenefitReceipt',
            data: { resumedOn: day(Math.min(DAYS, offsetOf(ended) + 1 + (step.pick % 8))) },
            metadata,
          });
        }
        break;
      }
      case 'assign-measure':
        c.run(assignment(programmes, `a${n}`, step.variant, on));
        break;
      case 'start-measure':
        if (measures.length > 0) {
          c.run({
            type: 'StartMeasure',
            data: { assignmentId: measures[step.pick % measures.length]!, startedOn: on },
            metadata,
          });
        }
        break;
      case 'end-measure':
        if (measures.length > 0) {
          const assignmentId = measures[step.pick % measures.length]!;
          c.run(
            step.variant % 2 === 0
              ? { type: 'CompleteMeasure', data: { assignmentId, completedOn: on }, metadata }
              : {
                  type: 'AbortMeasure',
                  data: { assignmentId, abortedOn: on, reason: 'illness' },
                  metadata,
                },
          );
        }
        break;
      case 'measure-to-job': {
        // A typical path: a measure, completed, then work a few weeks to months later (or just
        // at and just after six months, the edge of "integration after a measure").
        const start = Math.min(DAYS, offset);
        const assignmentId = `a${n}`;
        const completedOn = day(Math.min(DAYS, start + 60 + step.pick * 10));
        c.run(assignment(programmes, assignmentId, step.variant, day(start)));
        c.run({
          type: 'StartMeasure',
          data: { assignmentId, startedOn: day(Math.min(DAYS, start + 7)) },
          metadata,
        });
        c.run({ type: 'CompleteMeasure', data: { assignmentId, completedOn }, metadata });
        const startedOn =
          step.variant >= 8
            ? day(Math.min(DAYS, offsetOf(sixMonthsAfter(completedOn)) + (step.variant - 8)))
            : day(Math.min(DAYS, start + 60 + step.pick * 25));
        c.run({
          type: 'StartEmployment',
          data: { employmentId: `e${n}`, startedOn, kind: 'insured', subsidised: false },
          metadata,
        });
        break;
      }
    }
  }
}

/** The same day six months later, or the last day of a shorter month. */
function sixMonthsAfter(date: string): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + 6;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dom = Math.min(Number(date.slice(8, 10)), last);
  return `${y}-${String(m).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
}
type CaseSpecIntent = PersonSpec['cases'][number]['intents'][number];

/** Closes a case with the reason; `need-ended` first records the end of need if still ongoing. */
function close(c: CaseRun, on: string, reason: CaseCloseReason, variant: number): boolean {
  if (c.state.status !== 'active') return false;
  if (reason === 'need-ended' && c.state.need.ongoing) {
    c.run({
      type: 'EndNeedForAssistance',
      data: {
        endedOn: on,
        reason: NEED_ENDED_REASONS[variant % NEED_ENDED_REASONS.length]!,
      },
      metadata,
    });
  }
  return (
    c.run({ type: 'CloseCase', data: { closedOn: on, reason }, metadata }) ||
    c.run({ type: 'CloseCase', data: { closedOn: on, reason: 'other' }, metadata })
  );
}

/**
 * A re-enrolment in the same Jobcenter records the measures still running in the old case again
 * (the person goes on attending): two cases of one person in one measure at once.
 */
function carryOnMeasures(
  from: CaseRun,
  to: CaseRun,
  enrolDay: number,
  programmes: readonly ReferenceProgramme[],
): void {
  if (from.state.status === 'not-enrolled') return;
  const enrolledOn = day(enrolDay);
  for (const [id, m] of Object.entries(from.state.measures)) {
    if (m.startedOn === undefined || m.startedOn > enrolledOn) continue;
    const ended = m.completedOn ?? m.abortedOn;
    if (ended !== undefined && ended < enrolledOn) continue;
    const variant = MEASURES.findIndex((x) => x.measureId === m.measureId);
    if (to.run(assignment(programmes, `carried-${id}`, variant, enrolledOn))) {
      to.run({
        type: 'StartMeasure',
        data: { assignmentId: `carried-${id}`, startedOn: enrolledOn },
        metadata,
      });
    }
  }
}

/**
 * Runs a person's cases through the case decider: the first in the home Jobcenter, every further
 * one after, on the day of or overlapping the previous one, in the same or the other Jobcenter.
 * Returns the cases the domain enrolled, each with its accepted events in order.
 */
export function personHistory(
  personKey: string,
  spec: PersonSpec,
  tenants: readonly [string, string],
  programmesOf: (tenant: string) => readonly ReferenceProgramme[],
  caseIdOf: (index: number) => string,
): GeneratedCase[] {
  const out: GeneratedCase[] = [];
  let tenant = spec.home;
  let enrolDay = spec.enrolDay;
  let singleParent = spec.singleParent;
  let closedDay: number | null = null;
  let previous: CaseRun | null = null;
  const birthYear = Number(day(spec.enrolDay).slice(0, 4)) - spec.age - 1;
  spec.cases.forEach((step, j) => {
    if (j > 0) {
      if (closedDay === null) return; // the previous case was not enrolled
      if (step.link.startsWith('move')) tenant = 1 - tenant;
      enrolDay =
        step.link === 'after' || step.link === 'move-later'
          ? closedDay + step.gap
          : step.link === 'same-day' || step.link === 'move-same-day'
            ? closedDay
            : // overlapping: enrolled while the previous case (closed on closedDay) was still open
              Math.max(enrolDay, closedDay - step.gap);
    }
    closedDay = null;
    if (enrolDay > DAYS) return;
    if (step.flipSingleParent === 0) singleParent = !singleParent;
    const c = new CaseRun();
    const caseId = caseIdOf(j);
    const enrolled = c.run({
      type: 'EnrolClient',
      data: {
        caseId,
        enrolledOn: day(enrolDay),
        personKey,
        client: {
          givenName: 'Test',
          familyName: 'Client',
          dateOfBirth: `${birthYear}-${String(spec.birthMonth).padStart(2, '0')}-15`,
          gender: spec.gender,
        },
        targetGroups: { singleParent, refugeeUkraine: spec.refugee },
      },
      metadata,
    });
    if (!enrolled) return;
    out.push({ tenant: tenants[tenant], caseId, events: c.events });
    if (previous !== null && !step.link.startsWith('move'))
      carryOnMeasures(previous, c, enrolDay, programmesOf(tenants[tenant]));
    const plannedClose = Math.min(DAYS, enrolDay + step.length);
    runIntents(c, step.intents, enrolDay, plannedClose, programmesOf(tenants[tenant]));
    const closeOn = Math.min(DAYS, Math.max(plannedClose, offsetOf(c.latest() ?? day(enrolDay))));
    // A case with a successor is closed (before a move: as moved or transferred); the last one
    // may stay open.
    const next = spec.cases[j + 1];
    const reason: CaseCloseReason | 'open' =
      next === undefined
        ? step.close
        : next.link.startsWith('move')
          ? step.moveReason
          : step.close === 'open' || step.close === 'deceased'
            ? 'other'
            : step.close;
    previous = c;
    if (reason !== 'open' && close(c, day(closeOn), reason, step.flipSingleParent))
      closedDay = closeOn;
    else if (reason === 'open') closedDay = plannedClose;
  });
  return out;
}

/** A person with one case, as the runner and end-to-end tests use them. */
export const caseSpec = personSpec.map((p) => ({ ...p, cases: p.cases.slice(0, 1) }));
export type CaseSpec = PersonSpec;

/** The events of a one-case person (key derived from the case id), in the programmes' Jobcenter. */
export function caseHistory(
  caseId: string,
  spec: CaseSpec,
  programmes: readonly ReferenceProgramme[],
): CaseEvent[] {
  const key = `pk_${caseId}`.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(16, '0');
  const [only] = personHistory(
    key,
    { ...spec, home: 0, cases: spec.cases.slice(0, 1) },
    ['', ''],
    () => programmes,
    () => caseId,
  );
  return [...(only?.events ?? [])];
}

let position = 0;
/** Domain events as the store would hand them to a projection (each at its current schema). */
export function asRecorded(
  tenant: string,
  streamId: string,
  events: readonly (CaseEvent | ProgrammeEvent)[],
): RecordedEvent[] {
  return events.map((event, i) => {
    position += 1;
    return {
      eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      type: event.type,
      schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
      effectiveDate: '2024-01-01',
      data: event.data as never,
      personal: (event.personal ?? null) as never,
      metadata: { actor: 'test', correlationId: 'test' },
      tenant,
      streamId,
      version: i + 1,
      position,
      allPosition: { commit: position, prepare: position },
      recordedAt: '2026-06-30T00:00:00.000Z',
      hash: '',
    };
  });
}

export type { ReferenceCase };
