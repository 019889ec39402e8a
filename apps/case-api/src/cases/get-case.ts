/** GET /v1/cases/{caseId}: the case as it stands now, with its version as ETag. */
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { loadCase, openCaseEvents } from '#cases';
import type { CaseEvent, EnrolledCase } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ApiRead, NoStore } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { CurrentPrincipal, Roles, type Principal } from '#security';
import { AccessLogger } from '../shared/access-logger.js';
import { UuidParam } from '../shared/params.js';

export class ClientView {
  @ApiProperty({ nullable: true, example: 'Olena' }) givenName!: string | null;
  @ApiProperty({ nullable: true, example: 'Kovalenko' }) familyName!: string | null;
  @ApiProperty({ nullable: true, example: '1990-04-17' }) dateOfBirth!: string | null;
  @ApiProperty({ example: 'female' }) gender!: string;
  @ApiProperty({
    nullable: true,
    example: '1990-04',
    description: 'Pseudonymous, kept in clear for statistics',
  })
  birthMonth!: string | null;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['active', 'closed'] }) status!: 'active' | 'closed';
  @ApiProperty({ example: 7 }) version!: number;
  @ApiProperty({ example: '2024-01-08' }) enrolledOn!: string;
  @ApiProperty({ type: ClientView }) client!: ClientView;
  @ApiProperty({ example: { singleParent: true, refugeeUkraine: true } })
  targetGroups!: { singleParent: boolean; refugeeUkraine: boolean };
  @ApiPropertyOptional({ example: { caseworkerId: 'anna.schmidt', assignedOn: '2024-01-08' } })
  caseworker?: { caseworkerId: string; assignedOn: string };
  @ApiPropertyOptional({ example: { agreedOn: '2024-01-15', goals: ['German course B1'] } })
  cooperationPlan?: { agreedOn: string; goals: string[] | null };
  @ApiProperty({ example: { ongoing: false, endedOn: '2024-06-30', reason: 'employment-income' } })
  need!: { ongoing: boolean; endedOn?: string; reason?: string; resumedOn?: string };
  @ApiProperty({
    example: [
      { assignmentId: '…', measureId: 'JT-2024-01', programmeYear: 2024, assignedOn: '2024-02-01' },
    ],
  })
  measures!: Record<string, unknown>[];
  @ApiProperty({
    example: [{ employmentId: '…', kind: 'insured', startedOn: '2024-06-01', subsidised: false }],
  })
  employments!: Record<string, unknown>[];
  @ApiPropertyOptional() closedOn?: string;
  @ApiPropertyOptional() closeReason?: string;
  @ApiProperty({ example: '2024-06-30' }) latestEffectiveDate!: string;
  @ApiProperty({
    description: 'The personal data was erased (crypto-shredded): names and dates are null',
  })
  personalDataErased!: boolean;
}

/** The state from the decider's own fold, plus the personal data kept apart in the events. */
export function toView(
  state: EnrolledCase,
  version: number,
  events: readonly CaseEvent[],
  erased: boolean,
): CaseView {
  let client: Omit<ClientView, 'gender' | 'birthMonth'> = {
    givenName: null,
    familyName: null,
    dateOfBirth: null,
  };
  let goals: string[] | null = null;
  const incomes = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'ClientEnrolled' && event.personal) client = { ...event.personal };
    if (
      event.type === 'CooperationPlanAgreed' &&
      event.data.agreedOn === state.cooperationPlan?.agreedOn
    ) {
      goals = event.personal ? [...event.personal.goals] : null;
    }
    if (event.type === 'EmploymentStarted' && event.personal?.monthlyGrossIncome !== undefined) {
      incomes.set(event.data.employmentId, event.personal.monthlyGrossIncome);
    }
  }
  return {
    caseId: state.caseId,
    status: state.status,
    version,
    enrolledOn: state.enrolledOn,
    client: { ...client, gender: state.gender, birthMonth: state.birthMonth },
    targetGroups: { ...state.targetGroups },
    ...(state.caseworker ? { caseworker: { ...state.caseworker } } : {}),
    ...(state.cooperationPlan
      ? { cooperationPlan: { agreedOn: state.cooperationPlan.agreedOn, goals } }
      : {}),
    need: { ...state.need },
    measures: Object.entries(state.measures).map(([assignmentId, m]) => ({ assignmentId, ...m })),
    employments: Object.entries(state.employments).map(([employmentId, e]) => ({
      employmentId,
      ...e,
      ...(incomes.has(employmentId) ? { monthlyGrossIncome: incomes.get(employmentId) } : {}),
    })),
    ...(state.status === 'closed'
      ? { closedOn: state.closedOn, closeReason: state.closeReason }
      : {}),
    latestEffectiveDate: state.latestEffectiveDate,
    personalDataErased: erased,
  };
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId')
export class GetCaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
    private readonly access: AccessLogger,
  ) {}

  @Get()
  @Roles('caseworker', 'team-lead')
  @NoStore()
  @ApiRead('The current state of a case; ETag is its version (If-None-Match gives 304)', CaseView)
  async get(
    @UuidParam('caseId') caseId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView | undefined> {
    const loaded = await loadCase(this.store, principal.tenant, caseId);
    const opened = await openCaseEvents(
      this.vault,
      principal.tenant,
      caseId,
      loaded.recorded,
      loaded.events,
    );
    const view = toView(loaded.state, loaded.version, opened.events, opened.erased);
    await this.access.record(principal, request, { caseId, purpose: 'case-view' }, false);
    const etag = `"${view.version}"`;
    response.setHeader('ETag', etag);
    if (request.header('if-none-match') === etag) {
      response.status(304);
      return undefined;
    }
    return view;
  }
}
