/**
 * What auditors (Prüfdienst, Datenschutz) read: the full history of a case with who did what
 * and when, the case as it stood on a past day (by effective date) or as the system knew it at
 * a past position, and the access log. Every read of personal data is itself logged, with the
 * auditor's `Reason`. Auditors of a Jobcenter see that Jobcenter only; they change nothing.
 */
import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request } from 'express';
import {
  ACCESS_LOG_EVENT,
  IsCalendarDate,
  Optional,
  accessLogStream,
  loadCase,
  openCaseEvents,
} from '#cases';
import { caseDecider, foldEvents, isEnrolled, withoutPersonKey, type CaseEvent } from '#domain';
import { EVENT_STORE, READ_EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { ApiRead, NoStore, validationProblem } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { CurrentPrincipal, Roles, type Principal } from '#security';
import { toView, type CaseView } from '../cases/get-case.js';
import { AccessLogger } from '../shared/access-logger.js';
import { UuidParam } from '../shared/params.js';

const WHOLE_NUMBER = /^[1-9]\d{0,15}$/;

export class HistoryQueryDto {
  @ApiPropertyOptional({ example: '1', description: 'First stream version to return (default 1)' })
  @Optional()
  @Matches(WHOLE_NUMBER, { message: 'fromVersion must be a positive integer' })
  fromVersion?: string;

  @ApiPropertyOptional({ example: '100', description: 'Page size, 1-1000 (default 100)' })
  @Optional()
  @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'limit must be an integer from 1 to 1000' })
  limit?: string;
}

export class StateQueryDto {
  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'The case as it stood on this day (by effective date)',
  })
  @Optional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: '1042',
    description: 'The case as the system knew it at this global position',
  })
  @Optional()
  @Matches(WHOLE_NUMBER, { message: 'atPosition must be a positive integer' })
  atPosition?: string;
}

export class AccessLogQueryDto {
  @ApiProperty({ example: '2026-11', description: 'Month of the access log (YYYY-MM)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only reads of this case' })
  @Optional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'caseId must be a UUID',
  })
  caseId?: string;
}

export class AuditedEvent {
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ example: '2024-06-01' }) effectiveDate!: string;
  @ApiProperty({ example: '2024-06-03T09:14:22.118Z' }) recordedAt!: string;
  @ApiProperty({ example: 'anna.schmidt' }) actor!: string;
  @ApiProperty({ example: ['caseworker'] }) actorRoles!: string[];
  @ApiProperty() tenant!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true }) causationId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Link of the stream’s hash chain' }) hash!: string;
  @ApiProperty() data!: Record<string, unknown>;
  @ApiProperty({
    nullable: true,
    description: 'In clear for auditors; null where there is none or it was erased',
  })
  personal!: Record<string, unknown> | null;
}

export class CaseHistory {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: [AuditedEvent] }) events!: AuditedEvent[];
  @ApiProperty({ nullable: true, description: 'fromVersion of the next page, null on the last' })
  nextFromVersion!: number | null;
  @ApiProperty() personalDataErased!: boolean;
}

export class CaseAsOf {
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional() asOf?: string;
  @ApiPropertyOptional() atPosition?: number;
  @ApiProperty({ description: 'How many of the case’s events the state is folded from' })
  events!: number;
  @ApiProperty({ nullable: true, description: 'null: not enrolled yet at that point' })
  state!: CaseView | null;
}

const REASON = ApiHeader({
  name: 'Reason',
  required: true,
  description:
    'Why the auditor reads this (3-500 characters, logged as sent). Non-ASCII text is sent as ' +
    "UTF-8 bytes, or as an RFC 8187 value UTF-8''<percent-encoded UTF-8> (e.g. " +
    "UTF-8''Pr%C3%BCfung%202026 for Prüfung 2026); other bytes that are no UTF-8 are read as ISO-8859-1.",
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(
    // Only the access log is read through it: from the read replica, if there is one.
    @Inject(READ_EVENT_STORE) private readonly store: EventStore,
    // Cases are read from the primary, as the write side reads them.
    @Inject(EVENT_STORE) private readonly cases: EventStore,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
    private readonly access: AccessLogger,
  ) {}

  @Get('cases/:caseId/events')
  @Roles('auditor')
  @NoStore()
  @REASON
  @ApiRead(
    'Every event of a case with its metadata, in pages (logged in the access log)',
    CaseHistory,
  )
  async history(
    @UuidParam('caseId') caseId: string,
    @Query() query: HistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<CaseHistory> {
    const loaded = await loadCase(this.cases, principal.tenant, caseId);
    this.access.reason(request, true);
    const from = Number(query.fromVersion ?? 1);
    const limit = Number(query.limit ?? 100);
    const page = loaded.recorded.filter((e) => e.version >= from).slice(0, limit);
    const opened = await openCaseEvents(
      this.vault,
      principal.tenant,
      caseId,
      page,
      page.map((e) => loaded.events[e.version - 1]!),
    );
    await this.access.record(principal, request, { caseId, purpose: 'audit-history' }, true);
    const last = page.at(-1);
    return {
      caseId,
      events: page.map((recorded, i) => auditedEvent(recorded, opened.events[i]!)),
      nextFromVersion: last && last.version < loaded.version ? last.version + 1 : null,
      personalDataErased: opened.erased,
    };
  }

  @Get('cases/:caseId/state')
  @Roles('auditor')
  @NoStore()
  @REASON
  @ApiRead(
    'A case as it stood on a day (asOf, by effective date) or at a position (atPosition)',
    CaseAsOf,
  )
  async state(
    @UuidParam('caseId') caseId: string,
    @Query() query: StateQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<CaseAsOf> {
    if ((query.asOf === undefined) === (query.atPosition === undefined)) {
      throw validationProblem([
        {
          field: 'query:asOf',
          rule: 'exactlyOne',
          message: 'give either asOf (a day) or atPosition, not both, not neither',
        },
      ]);
    }
    const loaded = await loadCase(this.cases, principal.tenant, caseId);
    this.access.reason(request, true);
    // The same events, the same evolve as the write side: only the cut differs.
    const included = loaded.recorded.filter((e) =>
      query.asOf !== undefined
        ? e.type !== 'PersonalDataErased' && e.effectiveDate <= query.asOf
        : e.position <= Number(query.atPosition),
    );
    const events = included.map((e) => loaded.events[e.version - 1]!);
    const state = foldEvents(caseDecider, events);
    const opened = await openCaseEvents(this.vault, principal.tenant, caseId, included, events);
    await this.access.record(principal, request, { caseId, purpose: 'audit-state' }, true);
    return {
      caseId,
      ...(query.asOf !== undefined
        ? { asOf: query.asOf }
        : { atPosition: Number(query.atPosition) }),
      events: included.length,
      state: isEnrolled(state)
        ? toView(state, included.at(-1)?.version ?? 0, opened.events, opened.erased)
        : null,
    };
  }

  @Get('access-log')
  @Roles('auditor')
  @NoStore()
  @ApiOperation({ summary: 'Who read which case’s personal data, when and why, in a month' })
  async accessLog(@Query() query: AccessLogQueryDto, @CurrentPrincipal() principal: Principal) {
    const events = await this.store.readStream(
      principal.tenant,
      accessLogStream(`${query.month}-01`),
    );
    return {
      month: query.month,
      entries: events
        .filter(
          (e) =>
            e.type === ACCESS_LOG_EVENT &&
            (query.caseId === undefined || e.data.caseId === query.caseId.toLowerCase()),
        )
        .map((e) => ({
          at: e.recordedAt,
          actor: e.metadata.actor,
          actorRoles: e.metadata.actorRoles,
          caseId: e.data.caseId,
          purpose: e.data.purpose,
          reason: e.data.reason,
          correlationId: e.metadata.correlationId,
          position: e.position,
        })),
    };
  }
}

function auditedEvent(recorded: RecordedEvent, opened: CaseEvent): AuditedEvent {
  const { actor, actorRoles, correlationId, causationId } = recorded.metadata;
  return {
    eventId: recorded.eventId,
    type: recorded.type,
    schemaVersion: recorded.schemaVersion,
    effectiveDate: recorded.effectiveDate,
    recordedAt: recorded.recordedAt,
    actor,
    actorRoles: (actorRoles as string[] | undefined) ?? [],
    tenant: recorded.tenant,
    correlationId,
    causationId: causationId ?? null,
    version: recorded.version,
    position: recorded.position,
    hash: recorded.hash,
    data: withoutPersonKey(recorded.data),
    personal: (opened.personal as Record<string, unknown> | undefined) ?? null,
  };
}
