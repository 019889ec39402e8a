/** POST /v1/cases/{caseId}/measures/{assignmentId}/start | complete | abort. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { MEASURE_ABORT_REASONS, type MeasureAbortReason } from '#domain';
import { ApiCommand, IsCalendarDate } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { recordCaseCommand } from './record-case-command.js';

export class MeasureDateDto {
  @ApiProperty({ example: '2024-02-05', format: 'date', description: 'The day it happened' })
  @IsCalendarDate()
  on!: string;
}

export class AbortMeasureDto extends MeasureDateDto {
  @ApiProperty({ enum: MEASURE_ABORT_REASONS, example: 'illness' })
  @IsIn(MEASURE_ABORT_REASONS)
  reason!: MeasureAbortReason;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/measures/:assignmentId')
export class MeasureProgressController {
  constructor(private readonly commands: CommandBus) {}

  @Post('start')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The client started the measure (MeasureStarted)',
    status: 200,
    result: CaseCommandResult,
  })
  start(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: MeasureDateDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'StartMeasure',
      data: { assignmentId, startedOn: body.on },
      metadata: { today },
    }));
  }

  @Post('complete')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The client completed the measure (MeasureCompleted)',
    status: 200,
    result: CaseCommandResult,
  })
  complete(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: MeasureDateDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'CompleteMeasure',
      data: { assignmentId, completedOn: body.on },
      metadata: { today },
    }));
  }

  @Post('abort')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The measure ended early (MeasureAborted)',
    status: 200,
    result: CaseCommandResult,
  })
  abort(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: AbortMeasureDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'AbortMeasure',
      data: { assignmentId, abortedOn: body.on, reason: body.reason },
      metadata: { today },
    }));
  }
}
