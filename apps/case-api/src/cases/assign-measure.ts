/**
 * POST /v1/cases/{caseId}/measures: assign an Eingliederungsmaßnahme (MeasureAssigned). The one
 * decision across two streams: the approved programme of the assignment's year is loaded first
 * and handed to the domain in the command (see AssignMeasure in libs/domain for why that is safe).
 */
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AssignMeasureDto,
  RecordCommand,
  assignMeasureCommand,
  newId,
  programmeSnapshot,
  type CommandContext,
} from '#cases';
import { yearOf } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

export class MeasureAssignmentResult extends CaseCommandResult {
  @ApiProperty({
    format: 'uuid',
    description: 'Names this assignment in start, complete and abort',
  })
  assignmentId!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/measures')
export class AssignMeasureController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Assign a measure of the approved programme (MeasureAssigned)',
    status: 201,
    result: MeasureAssignmentResult,
  })
  async assign(
    @UuidParam('caseId') caseId: string,
    @Body() body: AssignMeasureDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeasureAssignmentResult> {
    const programme = await programmeSnapshot(
      this.store,
      context.principal.tenant,
      yearOf(body.assignedOn),
    );
    const command = assignMeasureCommand(newId(context, 'assignment'), body, programme);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    const assigned = outcome.events.find((event) => event.type === 'MeasureAssigned');
    return commandResponse(response, outcome, {
      caseId,
      assignmentId: assigned?.type === 'MeasureAssigned' ? assigned.data.assignmentId : '',
    });
  }
}
