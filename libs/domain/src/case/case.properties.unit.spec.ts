import fc from 'fast-check';
import { effectiveDateOf } from '../events.js';
import { addDays, DomainRuleViolation, isCalendarDate, yearOf } from '../kernel/index.js';
import { type ProgrammeSnapshot } from '../programme/state.js';
import { deepFreeze } from '../testing/deep-freeze.js';
import { caseDecider } from './case.decider.js';
import { type CaseCommand } from './commands.js';
import {
  CASE_CLOSE_REASONS,
  EMPLOYMENT_KINDS,
  GENDERS,
  MEASURE_ABORT_REASONS,
  NEED_ENDED_REASONS,
  type CaseEvent,
} from './events.js';
import { CaseRuleCodes } from './rules.js';
import { type CaseState } from './state.js';

const TODAY = '2024-06-15';
const metadata = { today: TODAY };

// Dates around today: mostly after a typical enrolment and in the past, some in the future or
// before enrolment, a few impossible.
const date = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -150, max: 0 }).map((n) => addDays(TODAY, n)) },
  { weight: 3, arbitrary: fc.integer({ min: -200, max: 10 }).map((n) => addDays(TODAY, n)) },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-30', '2024-13-01', '15.06.2024', '') },
);
// Inherited keys among the ids: a record lookup must not find Object.prototype's members.
const assignmentId = fc.constantFrom('a-1', 'toString');
const employmentId = fc.constantFrom('e-1', 'hasOwnProperty');
const measureId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('m-1', 'm-2') },
  { weight: 1, arbitrary: fc.constant('m-elsewhere') },
);

const measures = {
  'm-1': { title: 'Coaching', kind: 'coaching', plannedPlaces: 10, targetGroups: ['all'] },
  'm-2': {
    title: 'Umschulung',
    kind: 'vocational-training',
    plannedPlaces: 5,
    targetGroups: ['u25'],
  },
} as const;
/** What the application layer would load for a year: approved 2023, approved or draft 2024. */
function programmeFor(year: number, approved: boolean): ProgrammeSnapshot {
  if (year === 2023)
    return { year, measures: { 'm-1': measures['m-1'] }, approvedOn: '2022-12-01', version: 2 };
  if (year === 2024) {
    return approved
      ? { year, measures, approvedOn: '2023-12-05', version: 3 }
      : { year, measures, version: 2 };
  }
  return { year: null, measures: {}, version: 0 };
}

const enrolClient: fc.Arbitrary<CaseCommand> = fc
  .record({
    // Mostly early in the window, so that later commands can fall after it.
    enrolledOn: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -220, max: -150 }).map((n) => addDays(TODAY, n)) },
      { weight: 1, arbitrary: date },
    ),
    // Mostly clients of working age, sometimes around the bounds 15 and 67, rarely impossible.
    dateOfBirth: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.integer({ min: 16 * 366, max: 66 * 365 }).map((n) => addDays(TODAY, -n)),
      },
      {
        weight: 2,
        arbitrary: fc.integer({ min: 13 * 366, max: 69 * 365 }).map((n) => addDays(TODAY, -n)),
      },
      { weight: 1, arbitrary: fc.constant('1990-02-30') },
    ),
    gender: fc.constantFrom(...GENDERS),
    singleParent: fc.boolean(),
    refugeeUkraine: fc.boolean(),
    // Rarely a key the application could not have derived (too short, a name, a space).
    personKey: fc.oneof(
      { weight: 12, arbitrary: fc.constant('pk_property-person') },
      { weight: 1, arbitrary: fc.constantFrom('', 'short', 'Anna Muster 1990-01-01') },
    ),
  })
  .map(({ enrolledOn, dateOfBirth, gender, singleParent, refugeeUkraine, personKey }) => ({
    type: 'EnrolClient',
    data: {
      caseId: 'c-1',
      enrolledOn,
      personKey,
      client: { givenName: 'Anna', familyName: 'Muster', dateOfBirth, gender },
      targetGroups: { singleParent, refugeeUkraine },
    },
    metadata,
  }));

const command =
  <T extends CaseCommand['type']>(type: T) =>
  (data: Extract<CaseCommand, { type: T }>['data']) =>
    ({ type, data, metadata }) as Extract<CaseCommand, { type: T }>;

const assignMeasure = fc
  .record({
    assignmentId,
    measureId,
    assignedOn: date,
    approved: fc.constantFrom(true, true, true, false),
    wrongYear: fc.constantFrom(false, false, false, true),
  })
  .map(({ approved, wrongYear, ...data }) => {
    // Now and then the application layer loads the wrong year's programme.
    const year = wrongYear ? 2023 : yearOf(data.assignedOn);
    return command('AssignMeasure')({ ...data, programme: programmeFor(year, approved) });
  });

const startEmployment = fc
  .record(
    {
      employmentId,
      startedOn: date,
      kind: fc.constantFrom(...EMPLOYMENT_KINDS),
      subsidised: fc.boolean(),
      monthlyGrossIncome: fc.oneof(fc.integer({ min: 0, max: 6000 }), fc.constant(-1)),
    },
    { requiredKeys: ['employmentId', 'startedOn', 'kind', 'subsidised'] },
  )
  .map(command('StartEmployment'));

/** Any command after the first; weights favour the commands that need a predecessor to succeed. */
const laterCommand: fc.Arbitrary<CaseCommand> = fc.oneof(
  { weight: 1, arbitrary: enrolClient },
  {
    weight: 2,
    arbitrary: fc
      .record({ caseworkerId: fc.constantFrom('cw-1', 'cw-2'), assignedOn: date })
      .map(command('AssignCaseworker')),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        agreedOn: date,
        goals: fc.array(fc.constantFrom('B1', 'Bewerbungen', ' '), { maxLength: 3 }),
      })
      .map(command('AgreeCooperationPlan')),
  },
  { weight: 6, arbitrary: assignMeasure },
  {
    weight: 5,
    arbitrary: fc.record({ assignmentId, startedOn: date }).map(command('StartMeasure')),
  },
  {
    weight: 4,
    arbitrary: fc.record({ assignmentId, completedOn: date }).map(command('CompleteMeasure')),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ assignmentId, abortedOn: date, reason: fc.constantFrom(...MEASURE_ABORT_REASONS) })
      .map(command('AbortMeasure')),
  },
  { weight: 3, arbitrary: startEmployment },
  {
    weight: 3,
    arbitrary: fc.record({ employmentId, endedOn: date }).map(command('EndEmployment')),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ endedOn: date, reason: fc.constantFrom(...NEED_ENDED_REASONS) })
      .map(command('EndNeedForAssistance')),
  },
  { weight: 3, arbitrary: fc.record({ resumedOn: date }).map(command('ResumeBenefitReceipt')) },
  {
    weight: 1,
    arbitrary: fc
      .record({ closedOn: date, reason: fc.constantFrom(...CASE_CLOSE_REASONS) })
      .map(command('CloseCase')),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ erasedOn: date, personKey: fc.constant(null) })
      .map(command('ErasePersonalData')),
  },
);

/** A date `days` after `date`, or `date` itself if it is no calendar date (to stay invalid). */
const after = (date: string, days: number) => (isCalendarDate(date) ? addDays(date, days) : date);
const gap = fc.integer({ min: -3, max: 60 });

/** Commands that only succeed after a predecessor, generated as a story with mostly ordered dates. */
const measureStory = fc
  .record({
    assign: assignMeasure,
    toStart: gap,
    toEnd: gap,
    ending: fc.constantFrom('complete', 'abort', 'none'),
  })
  .map(({ assign, toStart, toEnd, ending }): CaseCommand[] => {
    const { assignmentId, assignedOn } = assign.data;
    const startedOn = after(assignedOn, toStart);
    const endedOn = after(startedOn, toEnd);
    const start = command('StartMeasure')({ assignmentId, startedOn });
    if (ending === 'none') return [assign, start];
    return ending === 'complete'
      ? [assign, start, command('CompleteMeasure')({ assignmentId, completedOn: endedOn })]
      : [
          assign,
          start,
          command('AbortMeasure')({ assignmentId, abortedOn: endedOn, reason: 'employment' }),
        ];
  });

const employmentStory = fc
  .record({ start: startEmployment, toEnd: gap })
  .map(({ start, toEnd }) => {
    const { employmentId, startedOn } = start.data;
    return [start, command('EndEmployment')({ employmentId, endedOn: after(startedOn, toEnd) })];
  });

const needStory = fc
  .record({ endedOn: date, toResume: gap, reason: fc.constantFrom(...NEED_ENDED_REASONS) })
  .map(({ endedOn, toResume, reason }) => [
    command('EndNeedForAssistance')({ endedOn, reason }),
    command('ResumeBenefitReceipt')({ resumedOn: after(endedOn, toResume) }),
  ]);

/** Closing and, when retention ends, erasing the personal data. */
const closeAndEraseStory = fc
  .record({ closedOn: date, toErase: gap, reason: fc.constantFrom(...CASE_CLOSE_REASONS) })
  .map(({ closedOn, toErase, reason }) => [
    command('CloseCase')({ closedOn, reason }),
    command('ErasePersonalData')({ erasedOn: after(closedOn, toErase), personKey: null }),
  ]);

/** Plausible histories: usually an enrolment first, then single commands and short stories. */
const commandSequence: fc.Arbitrary<CaseCommand[]> = fc
  .tuple(
    fc.option(enrolClient, { freq: 10 }),
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: laterCommand.map((c) => [c]) },
        { weight: 2, arbitrary: measureStory },
        { weight: 1, arbitrary: employmentStory },
        { weight: 1, arbitrary: needStory },
        { weight: 1, arbitrary: closeAndEraseStory },
      ),
      { minLength: 5, maxLength: 25 },
    ),
  )
  .map(([first, rest]) => [...(first === null ? [] : [first]), ...rest.flat()]);

type Outcome =
  | { readonly accepted: CaseEvent[] }
  | { readonly rejected: Pick<DomainRuleViolation, 'code' | 'kind' | 'field'> };

const ruleCodes: readonly string[] = Object.values(CaseRuleCodes);

/** Runs `decide`; anything it throws must be a DomainRuleViolation with a known code. */
function attempt(command: CaseCommand, state: CaseState): Outcome {
  try {
    return { accepted: caseDecider.decide(command, state) };
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    expect(ruleCodes).toContain(error.code);
    return { rejected: { code: error.code, kind: error.kind, field: error.field } };
  }
}

interface Run {
  readonly state: CaseState;
  readonly events: readonly CaseEvent[];
  readonly codes: readonly string[];
}

/** Decides each command against the state folded so far, checking invariants after each step. */
function run(commands: readonly CaseCommand[]): Run {
  let state = caseDecider.initialState();
  const events: CaseEvent[] = [];
  const codes: string[] = [];
  for (const next of commands) {
    const outcome = attempt(next, state);
    if ('rejected' in outcome) {
      codes.push(outcome.rejected.code);
      continue;
    }
    for (const event of outcome.accepted) state = caseDecider.evolve(state, event);
    events.push(...outcome.accepted);
    expectInvariants(state, events);
  }
  return { state, events, codes };
}

function expectInvariants(state: CaseState, events: readonly CaseEvent[]): void {
  if (state.status === 'not-enrolled') {
    expect(events).toEqual([]);
    return;
  }
  // The erasure date is administrative: not a date of the client's path.
  const dates = events.filter((e) => e.type !== 'PersonalDataErased').map(effectiveDateOf);
  for (const d of dates) {
    expect(isCalendarDate(d)).toBe(true);
    expect(d >= state.enrolledOn && d <= TODAY).toBe(true);
  }
  expect(state.latestEffectiveDate).toBe(dates.reduce((a, b) => (a > b ? a : b)));

  for (const m of Object.values(state.measures)) {
    if (m.completedOn !== undefined) {
      expect(m.startedOn).toBeDefined();
      expect(m.completedOn >= m.startedOn!).toBe(true);
      expect(m.abortedOn).toBeUndefined();
    }
    if (m.startedOn !== undefined) expect(m.startedOn >= m.assignedOn).toBe(true);
    if (m.abortedOn !== undefined) expect(m.abortedOn >= (m.startedOn ?? m.assignedOn)).toBe(true);
    expect(m.programmeYear).toBe(yearOf(m.assignedOn));
  }
  for (const e of Object.values(state.employments)) {
    if (e.endedOn !== undefined) expect(e.endedOn >= e.startedOn).toBe(true);
  }

  const lastNeedEvent = events.findLast(
    (e) => e.type === 'NeedForAssistanceEnded' || e.type === 'BenefitReceiptResumed',
  );
  expect(state.need.ongoing).toBe(lastNeedEvent?.type !== 'NeedForAssistanceEnded');
  const { endedOn, resumedOn } = state.need;
  if (endedOn !== undefined && resumedOn !== undefined) {
    // Episodes follow each other: the latest end and resumption are ordered as recorded.
    expect(state.need.ongoing ? resumedOn > endedOn : endedOn >= resumedOn).toBe(true);
  }

  expect(state.status === 'closed').toBe(events.some((e) => e.type === 'CaseClosed'));
  // Nothing but the erasure of personal data may follow the closing.
  const closing = events.findIndex((e) => e.type === 'CaseClosed');
  if (closing >= 0)
    expect(events.slice(closing + 1).every((e) => e.type === 'PersonalDataErased')).toBe(true);
  if (state.status === 'closed') expect(dates.every((d) => d <= state.closedOn)).toBe(true);
  // Closed because need ended: the end of need is recorded (stock and flows agree).
  if (state.status === 'closed' && state.closeReason === 'need-ended')
    expect(state.need.ongoing).toBe(false);
}

const withoutPersonal = (event: CaseEvent): CaseEvent =>
  ({ type: event.type, data: event.data }) as CaseEvent;

describe('Case properties', () => {
  it('whatever decide accepts folds, keeps the invariants, and every rejection is a DomainRuleViolation', () => {
    const seenEvents = new Set<string>();
    const seenCodes = new Set<string>();
    fc.assert(
      fc.property(commandSequence, (commands) => {
        const { events, codes } = run(commands);
        for (const event of events) seenEvents.add(event.type);
        for (const code of codes) seenCodes.add(code);
      }),
      { numRuns: 300 },
    );
    // The generator must reach every event type and every rule, or the property proves little.
    const allEventTypes: Record<CaseEvent['type'], true> = {
      ClientEnrolled: true,
      CaseworkerAssigned: true,
      CooperationPlanAgreed: true,
      MeasureAssigned: true,
      MeasureStarted: true,
      MeasureCompleted: true,
      MeasureAborted: true,
      EmploymentStarted: true,
      EmploymentEnded: true,
      NeedForAssistanceEnded: true,
      BenefitReceiptResumed: true,
      CaseClosed: true,
      PersonalDataErased: true,
    };
    expect([...seenEvents].sort()).toEqual(Object.keys(allEventTypes).sort());
    expect(ruleCodes.filter((code) => !seenCodes.has(code))).toEqual([]);
  });

  it('decide is deterministic and leaves the state untouched', () => {
    fc.assert(
      fc.property(commandSequence, laterCommand, (history, next) => {
        const { state } = run(history);
        const frozen = deepFreeze(structuredClone(state));
        expect(attempt(next, frozen)).toStrictEqual(attempt(next, structuredClone(state)));
        expect(frozen).toStrictEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('erasing personal data never changes the state, so never a decision', () => {
    fc.assert(
      fc.property(commandSequence, (commands) => {
        const { state, events } = run(commands);
        const erased = events
          .map(withoutPersonal)
          .reduce(caseDecider.evolve, caseDecider.initialState());
        expect(erased).toStrictEqual(state);
      }),
      { numRuns: 100 },
    );
  });
});
