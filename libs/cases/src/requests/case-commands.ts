/**
 * The one mapping from a request body to a case command: the HTTP controllers call these
 * builders, the legacy import reaches the same builders by step name ({@link caseCommandFromRequest}).
 * Ids a command creates come in from outside (derived from the Idempotency-Key, or the import's own).
 */
import {
  yearOf,
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
  type ProgrammeSnapshot,
  type ResumeBenefitReceipt,
  type StartEmployment,
  type StartMeasure,
} from '#domain';
import type { Unstamped } from '../handle-command.js';
import {
  AbortMeasureDto,
  AgreeCooperationPlanDto,
  AssignCaseworkerDto,
  AssignMeasureDto,
  CloseCaseDto,
  EndEmploymentDto,
  EndNeedDto,
  MeasureDateDto,
  ResumeNeedDto,
  StartEmploymentDto,
} from './case-bodies.js';
import type { EnrolClientDto } from './case-bodies.js';

/** The enrolment body without its optional `caseId` (the case id is decided by the caller). */
export type EnrolmentBody = Omit<EnrolClientDto, 'caseId'>;

/** `personKey`: the vault's key of the body's client (`vault.personKey`). */
export function enrolClientCommand(
  caseId: string,
  body: EnrolmentBody,
  personKey: string,
): Unstamped<EnrolClient> {
  return {
    type: 'EnrolClient',
    data: {
      caseId,
      enrolledOn: body.enrolledOn,
      personKey,
      client: { ...body.client },
      targetGroups: {
        singleParent: body.targetGroups?.singleParent ?? false,
        refugeeUkraine: body.targetGroups?.refugeeUkraine ?? false,
      },
    },
  };
}

export function assignCaseworkerCommand(body: AssignCaseworkerDto): Unstamped<AssignCaseworker> {
  return {
    type: 'AssignCaseworker',
    data: { caseworkerId: body.caseworkerId, assignedOn: body.assignedOn },
  };
}

export function agreeCooperationPlanCommand(
  body: AgreeCooperationPlanDto,
): Unstamped<AgreeCooperationPlan> {
  return { type: 'AgreeCooperationPlan', data: { agreedOn: body.agreedOn, goals: body.goals } };
}

/** `programme`: the approved programme of the assignment's year, as the case decides on it. */
export function assignMeasureCommand(
  assignmentId: string,
  body: AssignMeasureDto,
  programme: ProgrammeSnapshot,
): Unstamped<AssignMeasure> {
  return {
    type: 'AssignMeasure',
    data: { assignmentId, measureId: body.measureId, assignedOn: body.assignedOn, programme },
  };
}

export function startMeasureCommand(
  assignmentId: string,
  body: MeasureDateDto,
): Unstamped<StartMeasure> {
  return { type: 'StartMeasure', data: { assignmentId, startedOn: body.on } };
}

export function completeMeasureCommand(
  assignmentId: string,
  body: MeasureDateDto,
): Unstamped<CompleteMeasure> {
  return { type: 'CompleteMeasure', data: { assignmentId, completedOn: body.on } };
}

export function abortMeasureCommand(
  assignmentId: string,
  body: AbortMeasureDto,
): Unstamped<AbortMeasure> {
  return { type: 'AbortMeasure', data: { assignmentId, abortedOn: body.on, reason: body.reason } };
}

export function startEmploymentCommand(
  employmentId: string,
  body: StartEmploymentDto,
): Unstamped<StartEmployment> {
  return {
    type: 'StartEmployment',
    data: {
      employmentId,
      kind: body.kind,
      startedOn: body.startedOn,
      subsidised: body.subsidised,
      ...(body.monthlyGrossIncome === undefined
        ? {}
        : { monthlyGrossIncome: body.monthlyGrossIncome }),
    },
  };
}

export function endEmploymentCommand(
  employmentId: string,
  body: EndEmploymentDto,
): Unstamped<EndEmployment> {
  return { type: 'EndEmployment', data: { employmentId, endedOn: body.endedOn } };
}

export function endNeedCommand(body: EndNeedDto): Unstamped<EndNeedForAssistance> {
  return { type: 'EndNeedForAssistance', data: { endedOn: body.endedOn, reason: body.reason } };
}

export function resumeBenefitReceiptCommand(body: ResumeNeedDto): Unstamped<ResumeBenefitReceipt> {
  return { type: 'ResumeBenefitReceipt', data: { resumedOn: body.resumedOn } };
}

export function closeCaseCommand(body: CloseCaseDto): Unstamped<CloseCase> {
  return { type: 'CloseCase', data: { closedOn: body.closedOn, reason: body.reason } };
}

/**
 * The erasure has no body: it happens on the day it is asked for. `personKey`: what
 * `CasePersonKeys.keyToKeepAtErasure` gives, so that the statistics keep the person.
 */
export function erasePersonalDataCommand(
  today: string,
  personKey: string | null,
): Unstamped<ErasePersonalData> {
  return { type: 'ErasePersonalData', data: { erasedOn: today, personKey } };
}

/** What a step names besides its body: the id of its assignment or employment, the programmes. */
export interface RequestIds {
  readonly id: string;
  readonly programme: (year: number) => ProgrammeSnapshot;
}

interface CaseRequest<Body> {
  readonly body: new () => Body;
  /** The id the command needs: from the route's path, or the step's own field. */
  readonly id?: 'assignmentId' | 'employmentId';
  readonly command: (body: Body, ids: RequestIds) => Unstamped<CaseCommand>;
}

function request<Body>(definition: CaseRequest<Body>): CaseRequest<Body> {
  return definition;
}

/**
 * The case commands after enrolment, named by their route below `/v1/cases/{caseId}/` without
 * its ids (`measures/{assignmentId}/start` is `measures/start`): the legacy import's step names.
 */
export const CASE_REQUESTS = {
  caseworker: request({ body: AssignCaseworkerDto, command: assignCaseworkerCommand }),
  'cooperation-plan': request({
    body: AgreeCooperationPlanDto,
    command: agreeCooperationPlanCommand,
  }),
  measures: request({
    body: AssignMeasureDto,
    id: 'assignmentId',
    command: (body, { id, programme }) =>
      assignMeasureCommand(id, body, programme(yearOf(body.assignedOn))),
  }),
  'measures/start': request({
    body: MeasureDateDto,
    id: 'assignmentId',
    command: (body, { id }) => startMeasureCommand(id, body),
  }),
  'measures/complete': request({
    body: MeasureDateDto,
    id: 'assignmentId',
    command: (body, { id }) => completeMeasureCommand(id, body),
  }),
  'measures/abort': request({
    body: AbortMeasureDto,
    id: 'assignmentId',
    command: (body, { id }) => abortMeasureCommand(id, body),
  }),
  employments: request({
    body: StartEmploymentDto,
    id: 'employmentId',
    command: (body, { id }) => startEmploymentCommand(id, body),
  }),
  'employments/end': request({
    body: EndEmploymentDto,
    id: 'employmentId',
    command: (body, { id }) => endEmploymentCommand(id, body),
  }),
  'need-ended': request({ body: EndNeedDto, command: endNeedCommand }),
  'need-resumed': request({ body: ResumeNeedDto, command: resumeBenefitReceiptCommand }),
  close: request({ body: CloseCaseDto, command: closeCaseCommand }),
} as const;

export type CaseRequestKind = keyof typeof CASE_REQUESTS;

export function isCaseRequestKind(kind: unknown): kind is CaseRequestKind {
  return typeof kind === 'string' && Object.hasOwn(CASE_REQUESTS, kind);
}

/** A body already checked against `CASE_REQUESTS[kind].body`, as its command. */
export function caseCommandFromRequest(
  kind: CaseRequestKind,
  body: unknown,
  ids: RequestIds,
): Unstamped<CaseCommand> {
  const { command } = CASE_REQUESTS[kind] as unknown as CaseRequest<unknown>;
  return command(body, ids);
}
