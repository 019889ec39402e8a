import { effectiveDateOf } from '../events.js';
import {
  ageOn,
  assertNever,
  isBefore,
  latestOf,
  monthOf,
  ownEntry,
  requireCalendarDate,
  requireNotInFuture,
  requireToday,
  yearOf,
  type CalendarDate,
  type Decider,
} from '../kernel/index.js';
import {
  type AbortMeasure,
  type AgreeCooperationPlan,
  type AssignCaseworker,
  type AssignMeasure,
  type CaseCommand,
  type CloseCase,
  type CompleteMeasure,
  type EndEmployment,
  type EndNeedForAssistance,
  type EnrolClient,
  type ErasePersonalData,
  type ResumeBenefitReceipt,
  type StartEmployment,
  type StartMeasure,
} from './commands.js';
import { type CaseEvent, type ClientEnrolled } from './events.js';
import { CaseRuleCodes as Codes, caseRuleViolation as violation } from './rules.js';
import {
  type ActiveCase,
  type CaseState,
  type Employment,
  type EnrolledCase,
  type MeasureParticipation,
} from './state.js';

/** Clients are erwerbsfähige Leistungsberechtigte: aged 15 up to the pension age (§§ 7, 7a SGB II). */
export const MIN_CLIENT_AGE = 15;
export const MAX_CLIENT_AGE = 67;

export function initialCaseState(): CaseState {
  return { status: 'not-enrolled' };
}

// ---------------------------------------------------------------------------------------------
// evolve: folds recorded facts; never validates them (decide did), never reads `personal`.

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'ClientEnrolled') {
    if (state.status !== 'not-enrolled') throw corruptStream(event, 'the case is already enrolled');
    return openCase(event.data);
  }
  if (state.status === 'not-enrolled') throw corruptStream(event, 'the case is not enrolled');
  const next = applyToEnrolledCase(state, event);
  // Erasure is administrative: its date says nothing about the client's path.
  if (event.type === 'PersonalDataErased') return next;
  return {
    ...next,
    latestEffectiveDate: latestOf(next.latestEffectiveDate, effectiveDateOf(event)),
  };
}

function openCase(data: ClientEnrolled['data']): ActiveCase {
  const { caseId, enrolledOn, gender, birthMonth, targetGroups } = data;
  return {
    status: 'active',
    caseId,
    enrolledOn,
    gender,
    birthMonth,
    targetGroups: {
      singleParent: targetGroups.singleParent,
      refugeeUkraine: targetGroups.refugeeUkraine,
    },
    need: { ongoing: true },
    measures: {},
    employments: {},
    latestEffectiveDate: enrolledOn,
  };
}

function applyToEnrolledCase(
  state: EnrolledCase,
  event: Exclude<CaseEvent, ClientEnrolled>,
): EnrolledCase {
  switch (event.type) {
    case 'CaseworkerAssigned': {
      const { caseworkerId, assignedOn } = event.data;
      // A late entry of an older assignment must not replace the current caseworker.
      return supersedes(assignedOn, state.caseworker?.assignedOn)
        ? { ...state, caseworker: { caseworkerId, assignedOn } }
        : state;
    }
    case 'CooperationPlanAgreed': {
      const { agreedOn, goalCount } = event.data;
      return supersedes(agreedOn, state.cooperationPlan?.agreedOn)
        ? { ...state, cooperationPlan: { agreedOn, goalCount } }
        : state;
    }
    case 'MeasureAssigned': {
      const { assignmentId, measureId, programmeYear, assignedOn } = event.data;
      return {
        ...state,
        measures: { ...state.measures, [assignmentId]: { measureId, programmeYear, assignedOn } },
      };
    }
    case 'MeasureStarted':
      return updateMeasure(state, event, { startedOn: event.data.startedOn });
    case 'MeasureCompleted':
      return updateMeasure(state, event, { completedOn: event.data.completedOn });
    case 'MeasureAborted':
      return updateMeasure(state, event, {
        abortedOn: event.data.abortedOn,
        abortReason: event.data.reason,
      });
    case 'EmploymentStarted': {
      const { employmentId, startedOn, kind, subsidised } = event.data;
      return {
        ...state,
        employments: { ...state.employments, [employmentId]: { startedOn, kind, subsidised } },
      };
    }
    case 'EmploymentEnded':
      return updateEmployment(state, event, { endedOn: event.data.endedOn });
    case 'NeedForAssistanceEnded':
      return {
        ...state,
        need: {
          ...state.need,
          ongoing: false,
          endedOn: event.data.endedOn,
          reason: event.data.reason,
        },
      };
    case 'BenefitReceiptResumed':
      return { ...state, need: { ...state.need, ongoing: true, resumedOn: event.data.resumedOn } };
    case 'CaseClosed':
      return {
        ...state,
        status: 'closed',
        closedOn: event.data.closedOn,
        closeReason: event.data.reason,
      };
    case 'PersonalDataErased':
      return { ...state, personalDataErasedOn: event.data.erasedOn };
    default:
      return assertNever(event);
  }
}

/** True if a fact dated `date` replaces one dated `current`; on the same day the later record wins. */
function supersedes(date: CalendarDate, current: CalendarDate | undefined): boolean {
  return current === undefined || !isBefore(date, current);
}

function updateMeasure(
  state: EnrolledCase,
  event: CaseEvent & { readonly data: { readonly assignmentId: string } },
  change: Partial<MeasureParticipation>,
): EnrolledCase {
  const { assignmentId } = event.data;
  const measure = ownEntry(state.measures, assignmentId);
  if (measure === undefined) throw corruptStream(event, `no assignment ${assignmentId}`);
  return { ...state, measures: { ...state.measures, [assignmentId]: { ...measure, ...change } } };
}

function updateEmployment(
  state: EnrolledCase,
  event: CaseEvent & { readonly data: { readonly employmentId: string } },
  change: Partial<Employment>,
): EnrolledCase {
  const { employmentId } = event.data;
  const employment = ownEntry(state.employments, employmentId);
  if (employment === undefined) throw corruptStream(event, `no employment ${employmentId}`);
  return {
    ...state,
    employments: { ...state.employments, [employmentId]: { ...employment, ...change } },
  };
}

/** Only a stream that bypassed `decide` can get here: fail loudly instead of folding nonsense. */
function corruptStream(event: CaseEvent, reason: string): Error {
  return new Error(`Cannot apply ${event.type} to the case: ${reason}`);
}

// ---------------------------------------------------------------------------------------------
// decide: checks run in a fixed order: the case's lifecycle (enrolled? closed?), the command's
// effective date (valid, not in the future, not before enrolment), then the rule's own checks.

export function decideCase(command: CaseCommand, state: CaseState): CaseEvent[] {
  requireToday(command.metadata.today);
  switch (command.type) {
    case 'EnrolClient':
      return enrolClient(command, state);
    case 'AssignCaseworker':
      return assignCaseworker(command, state);
    case 'AgreeCooperationPlan':
      return agreeCooperationPlan(command, state);
    case 'AssignMeasure':
      return assignMeasure(command, state);
    case 'StartMeasure':
      return startMeasure(command, state);
    case 'CompleteMeasure':
      return completeMeasure(command, state);
    case 'AbortMeasure':
      return abortMeasure(command, state);
    case 'StartEmployment':
      return startEmployment(command, state);
    case 'EndEmployment':
      return endEmployment(command, state);
    case 'EndNeedForAssistance':
      return endNeedForAssistance(command, state);
    case 'ResumeBenefitReceipt':
      return resumeBenefitReceipt(command, state);
    case 'CloseCase':
      return closeCase(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    default:
      return assertNever(command);
  }
}

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};

function enrolClient({ data, metadata }: EnrolClient, state: CaseState): CaseEvent[] {
  if (state.status !== 'not-enrolled') {
    throw violation(Codes.caseAlreadyEnrolled, `Case ${state.caseId} is already enrolled`);
  }
  requireCalendarDate(data.enrolledOn, 'enrolledOn');
  requireNotInFuture(data.enrolledOn, metadata.today, 'enrolledOn');
  const { givenName, familyName, dateOfBirth, gender } = data.client;
  requireCalendarDate(dateOfBirth, 'client.dateOfBirth');
  const age = ageOn(dateOfBirth, data.enrolledOn);
  if (age < MIN_CLIENT_AGE || age > MAX_CLIENT_AGE) {
    throw violation(
      Codes.clientAgeOutOfRange,
      `The client is ${age} on ${data.enrolledOn}; clients are aged ${MIN_CLIENT_AGE} to ${MAX_CLIENT_AGE}`,
      'client.dateOfBirth',
    );
  }
  requirePersonKey(data.personKey);
  const { singleParent, refugeeUkraine } = data.targetGroups;
  return [
    {
      type: 'ClientEnrolled',
      data: {
        caseId: data.caseId,
        enrolledOn: data.enrolledOn,
        gender,
        birthMonth: monthOf(dateOfBirth),
        targetGroups: { singleParent, refugeeUkraine },
        personKey: data.personKey,
      },
      personal: { givenName, familyName, dateOfBirth },
    },
  ];
}

function assignCaseworker({ data, metadata }: AssignCaseworker, state: CaseState): CaseEvent[] {
  requireEffectiveDate(requireActive(state), data.assignedOn, 'assignedOn', metadata.today);
  const { caseworkerId, assignedOn } = data;
  return [{ type: 'CaseworkerAssigned', data: { caseworkerId, assignedOn } }];
}

function agreeCooperationPlan(
  { data, metadata }: AgreeCooperationPlan,
  state: CaseState,
): CaseEvent[] {
  requireEffectiveDate(requireActive(state), data.agreedOn, 'agreedOn', metadata.today);
  const { goals, agreedOn } = data;
  if (goals.length === 0 || goals.some((goal) => goal.trim() === '')) {
    throw violation(
      Codes.invalidGoals,
      'A Kooperationsplan needs at least one goal, and no goal may be blank',
      'goals',
    );
  }
  return [
    {
      type: 'CooperationPlanAgreed',
      data: { agreedOn, goalCount: goals.length },
      personal: { goals: [...goals] },
    },
  ];
}

function assignMeasure({ data, metadata }: AssignMeasure, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.assignedOn, 'assignedOn', metadata.today);
  const { assignmentId, measureId, assignedOn, programme } = data;
  if (ownEntry(active.measures, assignmentId) !== undefined) {
    throw violation(
      Codes.assignmentExists,
      `Assignment ${assignmentId} already exists in this case`,
      'assignmentId',
    );
  }
  const programmeYear = yearOf(assignedOn);
  // The application layer must load the programme of the year of assignedOn; an empty stream has no year.
  if (programme.year !== null && programme.year !== programmeYear) {
    throw violation(
      Codes.programmeYearMismatch,
      `A measure assigned on ${assignedOn} needs the programme ${programmeYear}, not ${programme.year}`,
      'programme',
    );
  }
  if (ownEntry(programme.measures, measureId) === undefined) {
    throw violation(
      Codes.measureNotInProgramme,
      `Measure ${measureId} is not in the Arbeitsmarktprogramm ${programmeYear}`,
      'measureId',
    );
  }
  if (programme.approvedOn === undefined) {
    throw violation(
      Codes.programmeNotApproved,
      `The Arbeitsmarktprogramm ${programmeYear} is not yet approved by the örtlicher Beirat`,
    );
  }
  return [
    {
      type: 'MeasureAssigned',
      data: {
        assignmentId,
        measureId,
        programmeYear,
        programmeVersion: programme.version,
        assignedOn,
      },
    },
  ];
}

function startMeasure({ data, metadata }: StartMeasure, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.startedOn, 'startedOn', metadata.today);
  const { assignmentId, startedOn } = data;
  const measure = requireAssignment(active, assignmentId);
  requireNotEnded(measure, assignmentId);
  if (measure.startedOn !== undefined) {
    throw violation(
      Codes.measureAlreadyStarted,
      `Assignment ${assignmentId} already started on ${measure.startedOn}`,
      'assignmentId',
    );
  }
  requireNotBeforeAssignment(measure, startedOn, 'startedOn');
  return [{ type: 'MeasureStarted', data: { assignmentId, startedOn } }];
}

function completeMeasure({ data, metadata }: CompleteMeasure, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.completedOn, 'completedOn', metadata.today);
  const { assignmentId, completedOn } = data;
  const measure = requireAssignment(active, assignmentId);
  requireNotEnded(measure, assignmentId);
  if (measure.startedOn === undefined) {
    throw violation(
      Codes.measureNotStarted,
      `Assignment ${assignmentId} has not started, so it cannot be completed`,
      'assignmentId',
    );
  }
  requireNotBefore(completedOn, measure.startedOn, 'completedOn', 'the start of the measure');
  return [{ type: 'MeasureCompleted', data: { assignmentId, completedOn } }];
}

function abortMeasure({ data, metadata }: AbortMeasure, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.abortedOn, 'abortedOn', metadata.today);
  const { assignmentId, abortedOn, reason } = data;
  const measure = requireAssignment(active, assignmentId);
  requireNotEnded(measure, assignmentId);
  requireNotBeforeAssignment(measure, abortedOn, 'abortedOn');
  // Once started, an abort ends participation, so it cannot precede the start.
  if (measure.startedOn !== undefined) {
    requireNotBefore(abortedOn, measure.startedOn, 'abortedOn', 'the start of the measure');
  }
  return [{ type: 'MeasureAborted', data: { assignmentId, abortedOn, reason } }];
}

function startEmployment({ data, metadata }: StartEmployment, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.startedOn, 'startedOn', metadata.today);
  const { employmentId, startedOn, kind, subsidised, monthlyGrossIncome } = data;
  if (ownEntry(active.employments, employmentId) !== undefined) {
    throw violation(
      Codes.employmentExists,
      `Employment ${employmentId} already exists in this case`,
      'employmentId',
    );
  }
  if (
    monthlyGrossIncome !== undefined &&
    !(Number.isFinite(monthlyGrossIncome) && monthlyGrossIncome >= 0)
  ) {
    throw violation(
      Codes.invalidIncome,
      `monthlyGrossIncome must be a non-negative amount, got ${monthlyGrossIncome}`,
      'monthlyGrossIncome',
    );
  }
  const event: CaseEvent = {
    type: 'EmploymentStarted',
    data: { employmentId, startedOn, kind, subsidised },
  };
  // The income is personal: it travels only in the encrypted part, and only when known.
  return [
    monthlyGrossIncome === undefined ? event : { ...event, personal: { monthlyGrossIncome } },
  ];
}

function endEmployment({ data, metadata }: EndEmployment, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.endedOn, 'endedOn', metadata.today);
  const { employmentId, endedOn } = data;
  const employment = ownEntry(active.employments, employmentId);
  if (employment === undefined) {
    throw violation(
      Codes.employmentNotFound,
      `There is no employment ${employmentId} in this case`,
      'employmentId',
    );
  }
  if (employment.endedOn !== undefined) {
    throw violation(
      Codes.employmentAlreadyEnded,
      `Employment ${employmentId} already ended on ${employment.endedOn}`,
      'employmentId',
    );
  }
  requireNotBefore(endedOn, employment.startedOn, 'endedOn', 'the start of the employment');
  return [{ type: 'EmploymentEnded', data: { employmentId, endedOn } }];
}

function endNeedForAssistance(
  { data, metadata }: EndNeedForAssistance,
  state: CaseState,
): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.endedOn, 'endedOn', metadata.today);
  const { endedOn, reason } = data;
  if (!active.need.ongoing) {
    throw violation(
      Codes.needNotOngoing,
      `Hilfebedürftigkeit already ended on ${active.need.endedOn} and has not resumed`,
    );
  }
  // The episode being ended began at the last resumption; it cannot end before it began.
  const { resumedOn } = active.need;
  if (resumedOn !== undefined && isBefore(endedOn, resumedOn)) {
    throw violation(
      Codes.endBeforeResumption,
      `endedOn ${endedOn} is before benefit receipt resumed on ${resumedOn}`,
      'endedOn',
    );
  }
  return [{ type: 'NeedForAssistanceEnded', data: { endedOn, reason } }];
}

function resumeBenefitReceipt(
  { data, metadata }: ResumeBenefitReceipt,
  state: CaseState,
): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.resumedOn, 'resumedOn', metadata.today);
  const { resumedOn } = data;
  const { ongoing, endedOn } = active.need;
  if (ongoing || endedOn === undefined) {
    throw violation(Codes.needStillOngoing, 'Hilfebedürftigkeit is still ongoing');
  }
  if (!isBefore(endedOn, resumedOn)) {
    throw violation(
      Codes.resumeBeforeNeedEnded,
      `resumedOn ${resumedOn} must be after the end of need on ${endedOn}`,
      'resumedOn',
    );
  }
  return [{ type: 'BenefitReceiptResumed', data: { resumedOn } }];
}

function closeCase({ data, metadata }: CloseCase, state: CaseState): CaseEvent[] {
  const active = requireActive(state);
  requireEffectiveDate(active, data.closedOn, 'closedOn', metadata.today);
  const { closedOn, reason } = data;
  if (isBefore(closedOn, active.latestEffectiveDate)) {
    throw violation(
      Codes.closeBeforeLastEvent,
      `closedOn ${closedOn} is before ${active.latestEffectiveDate}, the latest date recorded in the case`,
      'closedOn',
    );
  }
  // The stock and the flows must agree: a person leaves the stock through the end of need, so a
  // closure that names it as its reason needs that end recorded first (docs/statistics-method.md).
  if (reason === 'need-ended' && active.need.ongoing) {
    throw violation(
      Codes.needStillOngoing,
      'The case cannot be closed because need ended while Hilfebedürftigkeit is still ongoing: record the end of need first',
      'reason',
    );
  }
  return [{ type: 'CaseClosed', data: { closedOn, reason } }];
}

/**
 * Crypto-shredding when retention ends: only for a closed case (nothing new can be recorded in
 * it afterwards), once; the date is the day of the erasure, not before the closing.
 */
function erasePersonalData({ data, metadata }: ErasePersonalData, state: CaseState): CaseEvent[] {
  if (state.status === 'not-enrolled') {
    throw violation(Codes.caseNotEnrolled, 'The client has not been enrolled in this case');
  }
  if (state.status !== 'closed') {
    throw violation(
      Codes.caseNotClosed,
      `Case ${state.caseId} is still open: close it before erasing personal data`,
    );
  }
  if (state.personalDataErasedOn !== undefined) {
    throw violation(
      Codes.personalDataAlreadyErased,
      `The personal data of case ${state.caseId} was erased on ${state.personalDataErasedOn}`,
    );
  }
  requireCalendarDate(data.erasedOn, 'erasedOn');
  requireNotInFuture(data.erasedOn, metadata.today, 'erasedOn');
  if (isBefore(data.erasedOn, state.closedOn)) {
    throw violation(
      Codes.erasureBeforeClosing,
      `erasedOn ${data.erasedOn} is before the closing on ${state.closedOn}`,
      'erasedOn',
    );
  }
  if (data.personKey !== null) requirePersonKey(data.personKey);
  return [
    { type: 'PersonalDataErased', data: { erasedOn: data.erasedOn, personKey: data.personKey } },
  ];
}

// ---------------------------------------------------------------------------------------------
// Shared guards.

/** A key the application derived: printable, short, never a name (it is kept in clear). */
const PERSON_KEY = /^[A-Za-z0-9_-]{16,128}$/;

function requirePersonKey(personKey: unknown): void {
  if (typeof personKey !== 'string' || !PERSON_KEY.test(personKey)) {
    throw violation(
      Codes.invalidPersonKey,
      'personKey must be 16 to 128 characters of A-Z, a-z, 0-9, _ or -',
      'personKey',
    );
  }
}

function requireActive(state: CaseState): ActiveCase {
  switch (state.status) {
    case 'not-enrolled':
      throw violation(Codes.caseNotEnrolled, 'The client has not been enrolled in this case');
    case 'closed':
      throw violation(Codes.caseClosed, `Case ${state.caseId} was closed on ${state.closedOn}`);
    case 'active':
      return state;
    default:
      return assertNever(state);
  }
}

/** A valid day, not after today and not before enrolment; otherwise dates may arrive in any order. */
function requireEffectiveDate(
  state: ActiveCase,
  date: CalendarDate,
  field: string,
  today: CalendarDate,
): void {
  requireCalendarDate(date, field);
  requireNotInFuture(date, today, field);
  if (isBefore(date, state.enrolledOn)) {
    throw violation(
      Codes.dateBeforeEnrolment,
      `${field} ${date} is before the enrolment on ${state.enrolledOn}`,
      field,
    );
  }
}

function requireAssignment(state: ActiveCase, assignmentId: string): MeasureParticipation {
  const measure = ownEntry(state.measures, assignmentId);
  if (measure === undefined) {
    throw violation(
      Codes.measureNotAssigned,
      `No measure was assigned as ${assignmentId} in this case`,
      'assignmentId',
    );
  }
  return measure;
}

function requireNotEnded(measure: MeasureParticipation, assignmentId: string): void {
  const endedOn = measure.completedOn ?? measure.abortedOn;
  if (endedOn !== undefined) {
    throw violation(
      Codes.measureAlreadyEnded,
      `Assignment ${assignmentId} already ended on ${endedOn}`,
      'assignmentId',
    );
  }
}

function requireNotBeforeAssignment(
  measure: MeasureParticipation,
  date: CalendarDate,
  field: string,
): void {
  if (isBefore(date, measure.assignedOn)) {
    throw violation(
      Codes.dateBeforeAssignment,
      `${field} ${date} is before the assignment on ${measure.assignedOn}`,
      field,
    );
  }
}

/** `end-before-start`: something that ends cannot end before it started. */
function requireNotBefore(
  end: CalendarDate,
  start: CalendarDate,
  field: string,
  what: string,
): void {
  if (isBefore(end, start)) {
    throw violation(Codes.endBeforeStart, `${field} ${end} is before ${what} on ${start}`, field);
  }
}
