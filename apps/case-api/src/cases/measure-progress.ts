/** POST /v1/cases/{caseId}/measures/{assignmentId}/start | complete | abort. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AbortMeasureDto,
  MeasureDateDto,
  RecordCommand,
  abortMeasureCommand,
  completeMeasureCommand,
  startMeasureCommand,
  type CommandContext,
} from '#cases';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

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
  async start(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: MeasureDateDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = startMeasureCommand(assignmentId, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }

  @Post('complete')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The client completed the measure (MeasureCompleted)',
    status: 200,
    result: CaseCommandResult,
  })
  async complete(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: MeasureDateDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = completeMeasureCommand(assignmentId, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }

  @Post('abort')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The measure ended early (MeasureAborted)',
    status: 200,
    result: CaseCommandResult,
  })
  async abort(
    @UuidParam('caseId') caseId: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() body: AbortMeasureDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = abortMeasureCommand(assignmentId, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
