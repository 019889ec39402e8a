/** POST /v1/cases/{caseId}/close: the case ends (CaseClosed); nothing happens to it afterwards. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CloseCaseDto, RecordCommand, closeCaseCommand, type CommandContext } from '#cases';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/close')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({ summary: 'Close the case (CaseClosed)', status: 200, result: CaseCommandResult })
  async close(
    @UuidParam('caseId') caseId: string,
    @Body() body: CloseCaseDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = closeCaseCommand(body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
