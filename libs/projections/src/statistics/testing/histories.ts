/**
 * Generated case histories for the statistics tests: fast-check produces "intents", an
 * interpreter turns them into commands for the real deciders, and whatever the domain accepts
 * becomes the history (so every history is one the system could really hold, including late
 * entries with earlier effective dates than what was recorded before).
 */
import fc from 'fast-check';
import {
  caseDecider,
  programmeDecider,
  DomainRuleViolation,
  NEED_ENDED_REASONS,
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
    'assign-measure',
    'start-measure',
    'end-measure',
    'close',
    'measure-to-job',
  ),
  day: fc.integer({ min: 0, max: DAYS }),
  pick: fc.nat({ max: 9 }),
  variant: fc.nat({ max: 9 }),
});

export const caseSpec = fc.record({
  enrolDay: fc.integer({ min: 0, max: DAYS - 30 }),
  birthYear: fc.integer({ min: 1960, max: 2006 }),
  birthMonth: fc.integer({ min: 1, max: 12 }),
  gender: fc.constantFrom<'female' | 'male' | 'diverse' | 'unspecified'>(
    'female',
    'male',
    'diverse',
    'unspecified',
  ),
  singleParent: fc.boolean(),
  refugee: fc.boolean(),
  intents: fc.array(intent, { maxLength: 16, size: 'max' }),
});
export type CaseSpec = typeof caseSpec extends fc.Arbitrary<infer T> ? T : never;

const KINDS = [
  'insured',
  'insured',
  'vocational-training',
  'self-employed',
  'marginal',
  'publicly-funded',
] as const;

/** Runs the spec's intents through the case decider; returns the accepted events in order. */
export function caseHistory(
  caseId: string,
  spec: CaseSpec,
  programmes: readonly ReferenceProgramme[],
): CaseEvent[] {
  let state: CaseState = caseDecider.initialState();
  const events: CaseEvent[] = [];
  const tryRun = (command: CaseCommand) => {
    try {
      for (const event of caseDecider.decide(command, state)) {
        events.push(event);
        state = caseDecider.evolve(state, event);
      }
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
    }
  };
  const metadata = { today: TODAY };
  /** AssignMeasure with the programme of the assignment's year, as the API's handler loads it. */
  const assignment = (assignmentId: string, variant: number, assignedOn: string): CaseCommand => {
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
  };
  const enrolledOn = day(spec.enrolDay);
  tryRun({
    type: 'EnrolClient',
    data: {
      caseId,
      enrolledOn,
      personKey: `pk_${caseId}`.padEnd(16, '0'),
      client: {
        givenName: 'Test',
        familyName: 'Client',
        dateOfBirth: `${spec.birthYear}-${String(spec.birthMonth).padStart(2, '0')}-15`,
        gender: spec.gender,
      },
      targetGroups: { singleParent: spec.singleParent, refugeeUkraine: spec.refugee },
    },
    metadata,
  });
  if (state.status === 'not-enrolled') return events;
  let n = 0;
  for (const step of spec.intents) {
    // Mostly after enrolment, sometimes anywhere (the domain refuses dates before it).
    const on = day(Math.max(spec.enrolDay, step.day));
    const current = state;
    const employments = Object.keys(current.employments);
    const measures = Object.keys(current.measures);
    n += 1;
    switch (step.kind) {
      case 'start-employment':
        tryRun({
          type: 'StartEmployment',
          data: {
            employmentId: `e${n}`,
            startedOn: on,
            kind: KINDS[step.variant % KINDS.length]!,
            subsidised: step.pick % 2 === 0,
          },
          metadata,
        });
        break;
      case 'end-employment':
        if (employments.length > 0) {
          tryRun({
            type: 'EndEmployment',
            data: { employmentId: employments[step.pick % employments.length]!, endedOn: on },
            metadata,
          });
        }
        break;
      case 'end-need':
        tryRun({
          type: 'EndNeedForAssistance',
          data: {
            endedOn: on,
            reason: NEED_ENDED_REASONS[step.variant % NEED_ENDED_REASONS.length]!,
          },
          metadata,
        });
        break;
      case 'resume-need':
        tryRun({ type: 'ResumeBenefitReceipt', data: { resumedOn: on }, metadata });
        break;
      case 'assign-measure':
        tryRun(assignment(`a${n}`, step.variant, on));
        break;
      case 'start-measure':
        if (measures.length > 0) {
          tryRun({
            type: 'StartMeasure',
            data: { assignmentId: measures[step.pick % measures.length]!, startedOn: on },
            metadata,
          });
        }
        break;
      case 'end-measure':
        if (measures.length > 0) {
          const assignmentId = measures[step.pick % measures.length]!;
          tryRun(
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
        // A typical path: a measure, completed, then work a few weeks to months later.
        const start = Math.max(spec.enrolDay, step.day);
        const assignmentId = `a${n}`;
        tryRun(assignment(assignmentId, step.variant, day(start)));
        tryRun({
          type: 'StartMeasure',
          data: { assignmentId, startedOn: day(Math.min(DAYS, start + 7)) },
          metadata,
        });
        tryRun({
          type: 'CompleteMeasure',
          data: { assignmentId, completedOn: day(Math.min(DAYS, start + 60 + step.pick * 10)) },
          metadata,
        });
        tryRun({
          type: 'StartEmployment',
          data: {
            employmentId: `e${n}`,
            startedOn: day(Math.min(DAYS, start + 60 + step.pick * 25)),
            kind: 'insured',
            subsidised: false,
          },
          metadata,
        });
        break;
      }
      case 'close':
        if (step.variant === 0)
          tryRun({ type: 'CloseCase', data: { closedOn: on, reason: 'moved' }, metadata });
        break;
    }
  }
  return events;
}

let position = 0;
/** Domain events as the store would hand them to a projection. */
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
      schemaVersion: event.type === 'ClientEnrolled' ? 2 : 1,
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
