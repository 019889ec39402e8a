/**
 * The statistical facts of one case, folded from its events: everything the key figures need
 * and nothing personal. Unlike the decision state it keeps the whole history of need
 * (every end and resumption), because past months are recounted when a late entry arrives.
 */
import {
  assertNever,
  type CaseCloseReason,
  type CaseEvent,
  type EmploymentKind,
  type Gender,
  type NeedEndedReason,
} from '#domain';
import { parseMonth, type Month } from './months.js';

export type NeedChange =
  | { readonly kind: 'end'; readonly on: string; readonly reason: NeedEndedReason }
  | { readonly kind: 'resume'; readonly on: string };

export interface EmploymentFact {
  readonly startedOn: string;
  /** Last day of the employment, inclusive. */
  readonly endedOn: string | null;
  readonly kind: EmploymentKind;
}

export interface MeasureFact {
  /** `<programme year>:<measure id>`: a measure is identified within its year's programme. */
  readonly measure: string;
  readonly startedOn: string | null;
  /** Last day of participation (completed or aborted), inclusive. */
  readonly endedOn: string | null;
}

export interface CaseFacts {
  readonly caseId: string;
  /** Links the person's cases; `null` until resolved for an enrolment written before schema v3. */
  readonly personKey: string | null;
  readonly enrolledOn: string;
  readonly gender: Gender;
  readonly birthMonth: Month | null;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  /** In recording order, which the domain keeps in date order for need. */
  readonly needChanges: readonly NeedChange[];
  readonly closedOn: string | null;
  readonly closeReason: CaseCloseReason | null;
  readonly employments: Readonly<Record<string, EmploymentFact>>;
  readonly measures: Readonly<Record<string, MeasureFact>>;
}

/** Folds one more event into the facts (`undefined` before enrolment). */
export function evolveFacts(facts: CaseFacts | undefined, event: CaseEvent): CaseFacts | undefined {
  if (event.type === 'ClientEnrolled') {
    const { caseId, enrolledOn, gender, birthMonth, targetGroups, personKey } = event.data;
    return {
      caseId,
      personKey,
      enrolledOn,
      gender,
      birthMonth: birthMonth === null ? null : (parseMonth(birthMonth) ?? null),
      singleParent: targetGroups.singleParent,
      refugee: targetGroups.refugeeUkraine,
      needChanges: [],
      closedOn: null,
      closeReason: null,
      employments: {},
      measures: {},
    };
  }
  if (!facts) return facts;
  switch (event.type) {
    case 'CaseworkerAssigned':
    case 'CooperationPlanAgreed':
    case 'PersonalDataErased': // statistics never held personal data: they stay as they are
      return facts;
    case 'MeasureAssigned':
      return {
        ...facts,
        measures: {
          ...facts.measures,
          [event.data.assignmentId]: {
            measure: `${event.data.programmeYear}:${event.data.measureId}`,
            startedOn: null,
            endedOn: null,
          },
        },
      };
    case 'MeasureStarted':
      return withMeasure(facts, event.data.assignmentId, { startedOn: event.data.startedOn });
    case 'MeasureCompleted':
      return withMeasure(facts, event.data.assignmentId, { endedOn: event.data.completedOn });
    case 'MeasureAborted':
      return withMeasure(facts, event.data.assignmentId, { endedOn: event.data.abortedOn });
    case 'EmploymentStarted':
      return {
        ...facts,
        employments: {
          ...facts.employments,
          [event.data.employmentId]: {
            startedOn: event.data.startedOn,
            endedOn: null,
            kind: event.data.kind,
          },
        },
      };
    case 'EmploymentEnded': {
      const employment = facts.employments[event.data.employmentId];
      if (!employment) return facts;
      return {
        ...facts,
        employments: {
          ...facts.employments,
          [event.data.employmentId]: { ...employment, endedOn: event.data.endedOn },
        },
      };
    }
    case 'NeedForAssistanceEnded':
      return {
        ...facts,
        needChanges: [
          ...facts.needChanges,
          { kind: 'end', on: event.data.endedOn, reason: event.data.reason },
        ],
      };
    case 'BenefitReceiptResumed':
      return {
        ...facts,
        needChanges: [...facts.needChanges, { kind: 'resume', on: event.data.resumedOn }],
      };
    case 'CaseClosed':
      return { ...facts, closedOn: event.data.closedOn, closeReason: event.data.reason };
    default:
      return assertNever(event);
  }
}

function withMeasure(
  facts: CaseFacts,
  assignmentId: string,
  change: Partial<MeasureFact>,
): CaseFacts {
  const measure = facts.measures[assignmentId];
  if (!measure) return facts;
  return { ...facts, measures: { ...facts.measures, [assignmentId]: { ...measure, ...change } } };
}

/** Why a period of need ended, as an outflow's reason: a recorded end of need, or a closing. */
export type OutflowReason = NeedEndedReason;

/** A period of need: from its first to its last day (inclusive; `null`: still ongoing). */
export interface NeedPeriod {
  readonly from: string;
  readonly to: string | null;
  /** Set when `to` is: the end of need's reason, or the closing's ('moved' for a move or transfer). */
  readonly endReason: OutflowReason | null;
}

/**
 * Hilfebedürftigkeit as periods: from enrolment until an end (its date is the last day in need),
 * from a resumption until the next end; a case closed while in need leaves the case load then.
 */
export function needPeriods(facts: CaseFacts): NeedPeriod[] {
  const periods: NeedPeriod[] = [];
  let from: string | null = facts.enrolledOn;
  for (const change of facts.needChanges) {
    if (change.kind === 'end' && from !== null) {
      periods.push({ from, to: change.on, endReason: change.reason });
      from = null;
    } else if (change.kind === 'resume' && from === null) {
      from = change.on;
    }
  }
  if (from !== null) {
    periods.push({ from, to: facts.closedOn, endReason: closingReason(facts.closeReason) });
  }
  return periods.filter((period) => period.to === null || period.to >= period.from);
}

function closingReason(reason: CaseCloseReason | null): OutflowReason | null {
  if (reason === null) return null;
  return reason === 'moved' || reason === 'transferred' ? 'moved' : 'other';
}

/**
 * The closing day of a case closed by a move or a transfer to another Jobcenter, or null: if the
 * client was in need then, the receipt of benefits goes on there, and the BA checks receipt in
 * SGB II as a whole (need-covering integrations, docs/statistics-method.md).
 */
export function closedByMoveOn(facts: CaseFacts): string | null {
  const { closedOn, closeReason } = facts;
  return closeReason === 'moved' || closeReason === 'transferred' ? closedOn : null;
}
