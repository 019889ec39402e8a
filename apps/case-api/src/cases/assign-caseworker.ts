/** POST /v1/cases/{caseId}/caseworker: (re)assign the Integrationsfachkraft (team lead). */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AssignCaseworkerDto,
  RecordCommand,
  assignCaseworkerCommand,
  type CommandContext,
} from '#cases';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/caseworker')
export class AssignCaseworkerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('team-lead')
  @ApiCommand({
    summary: 'Assign the caseworker (CaseworkerAssigned); team leads reassign cases',
    status: 200,
    result: CaseCommandResult,
  })
  async assign(
    @UuidParam('caseId') caseId: string,
    @Body() body: AssignCaseworkerDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = assignCaseworkerCommand(body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
