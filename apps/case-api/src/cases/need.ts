/** POST /v1/cases/{caseId}/need-ended and /need-resumed: Hilfebedürftigkeit ends and resumes. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { NEED_ENDED_REASONS, type NeedEndedReason } from '#domain';
import { ApiCommand, IsCalendarDate } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { recordCaseCommand } from './record-case-command.js';

export class EndNeedDto {
  @ApiProperty({ example: '2024-06-30', format: 'date' })
  @IsCalendarDate()
  endedOn!: string;

  @ApiProperty({ enum: NEED_ENDED_REASONS, example: 'employment-income' })
  @IsIn(NEED_ENDED_REASONS)
  reason!: NeedEndedReason;
}

export class ResumeNeedDto {
  @ApiProperty({ example: '2024-11-01', format: 'date' })
  @IsCalendarDate()
  resumedOn!: string;
}

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
  ended(
    @UuidParam('caseId') caseId: string,
    @Body() body: EndNeedDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'EndNeedForAssistance',
      data: { endedOn: body.endedOn, reason: body.reason },
      metadata: { today },
    }));
  }

  @Post('need-resumed')
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Benefit receipt resumed (BenefitReceiptResumed)',
    status: 200,
    result: CaseCommandResult,
  })
  resumed(
    @UuidParam('caseId') caseId: string,
    @Body() body: ResumeNeedDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'ResumeBenefitReceipt',
      data: { resumedOn: body.resumedOn },
      metadata: { today },
    }));
  }
}
