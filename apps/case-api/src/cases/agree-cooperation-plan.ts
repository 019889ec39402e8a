/** POST /v1/cases/{caseId}/cooperation-plan: the Kooperationsplan (CooperationPlanAgreed). */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import type { Response } from 'express';
import { ApiCommand, EachItem, IsCalendarDate, isPrintableText } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { recordCaseCommand } from './record-case-command.js';

export class AgreeCooperationPlanDto {
  @ApiProperty({ example: '2024-01-15', format: 'date' })
  @IsCalendarDate()
  agreedOn!: string;

  @ApiProperty({
    type: [String],
    example: ['German course B1', 'Applications as a nursing assistant'],
    description: 'Free text: personal data, stored apart',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @EachItem(
    'isText',
    (goal: unknown) => isPrintableText(goal, 1, 500),
    'must be text of 1 to 500 characters without control characters',
  )
  goals!: string[];
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/cooperation-plan')
export class AgreeCooperationPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Agree a cooperation plan (CooperationPlanAgreed)',
    status: 200,
    result: CaseCommandResult,
  })
  async agree(
    @UuidParam('caseId') caseId: string,
    @Body() body: AgreeCooperationPlanDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'AgreeCooperationPlan',
      data: { agreedOn: body.agreedOn, goals: body.goals },
      metadata: { today },
    }));
  }
}
