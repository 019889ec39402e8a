/** POST /v1/cases/{caseId}/need-ended and /need-resumed: Hilfebedürftigkeit ends and resumes. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  EndNeedDto,
  RecordCommand,
  ResumeNeedDto,
  endNeedCommand,
  resumeBenefitReceiptCommand,
  type CommandContext,
} from '#cases';
import { ApiCommand } from '#http';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId')
export class NeedController {
  constructor(private readonly commands: CommandBus) {}

  @Post('need-ended')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Need for assistance ended (NeedForAssistanceEnded)',
    status: 200,
    result: CaseCommandResult,
  })
  async ended(
    @UuidParam('caseId') caseId: string,
    @Body() body: EndNeedDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = endNeedCommand(body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }

  @Post('need-resumed')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Benefit receipt resumed (BenefitReceiptResumed)',
    status: 200,
    result: CaseCommandResult,
  })
  async resumed(
    @UuidParam('caseId') caseId: string,
    @Body() body: ResumeNeedDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const command = resumeBenefitReceiptCommand(body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
