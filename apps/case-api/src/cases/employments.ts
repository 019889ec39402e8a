/** POST /v1/cases/{caseId}/employments and .../employments/{employmentId}/end. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  EndEmploymentDto,
  RecordCommand,
  StartEmploymentDto,
  endEmploymentCommand,
  newId,
  startEmploymentCommand,
  type CommandContext,
} from '#cases';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

export class EmploymentStartResult extends CaseCommandResult {
  @ApiProperty({ format: 'uuid', description: 'Names this employment when it ends' })
  employmentId!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/employments')
export class EmploymentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The client started work or training (EmploymentStarted)',
    status: 201,
    result: EmploymentStartResult,
  })
  async start(
    @UuidParam('caseId') caseId: string,
    @Body() body: StartEmploymentDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EmploymentStartResult> {
    const employmentId = newId(context, 'employment');
    const command = startEmploymentCommand(employmentId, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    const started = outcome.events.find((event) => event.type === 'EmploymentStarted');
    return commandResponse(response, outcome, {
      caseId,
      employmentId:
        started?.type === 'EmploymentStarted' ? started.data.employmentId : employmentId,
    });
  }

  @Post(':employmentId/end')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'The employment ended (EmploymentEnded)',
    status: 200,
    result: CaseCommandResult,
  })
  async end(
    @UuidParam('caseId') caseId: string,
    @UuidParam('employmentId') employmentId: string,
    @Body() body: EndEmploymentDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = endEmploymentCommand(employmentId, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
