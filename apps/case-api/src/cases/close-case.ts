/** POST /v1/cases/{caseId}/close: the case ends (CaseClosed); nothing happens to it afterwards. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { CASE_CLOSE_REASONS, type CaseCloseReason } from '#domain';
import { ApiCommand, IsCalendarDate } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { recordCaseCommand } from './record-case-command.js';

export class CloseCaseDto {
  @ApiProperty({ example: '2024-09-30', format: 'date' })
  @IsCalendarDate()
  closedOn!: string;

  @ApiProperty({ enum: CASE_CLOSE_REASONS, example: 'need-ended' })
  @IsIn(CASE_CLOSE_REASONS)
  reason!: CaseCloseReason;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/close')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({ summary: 'Close the case (CaseClosed)', status: 200, result: CaseCommandResult })
  close(
    @UuidParam('caseId') caseId: string,
    @Body() body: CloseCaseDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'CloseCase',
      data: { closedOn: body.closedOn, reason: body.reason },
      metadata: { today },
    }));
  }
}
