/** POST /v1/cases/{caseId}/employments and .../employments/{employmentId}/end. */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import type { Response } from 'express';
import { EMPLOYMENT_KINDS, type EmploymentKind } from '#domain';
import { ApiCommand, IsCalendarDate, IsEuroAmount, Optional } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { StreamCommandExecutor } from '../shared/stream-command-executor.js';
import { RecordCaseCommand, recordCaseCommand } from './record-case-command.js';

export class StartEmploymentDto {
  @ApiProperty({
    enum: EMPLOYMENT_KINDS,
    example: 'insured',
    description:
      'insured, vocational-training and self-employed count as Integration; marginal (Minijob) and publicly-funded do not',
  })
  @IsIn(EMPLOYMENT_KINDS)
  kind!: EmploymentKind;

  @ApiProperty({ example: '2024-06-01', format: 'date' })
  @IsCalendarDate()
  startedOn!: string;

  @ApiProperty({
    example: false,
    description: 'Subsidised by in-work benefits (Eingliederungszuschuss, Einstiegsgeld)',
  })
  @IsBoolean()
  subsidised!: boolean;

  @ApiPropertyOptional({
    example: 2450,
    description: 'Euros per month; personal data, stored apart',
  })
  @Optional()
  @IsEuroAmount(0, 1_000_000)
  monthlyGrossIncome?: number;
}

export class EndEmploymentDto {
  @ApiProperty({ example: '2024-12-31', format: 'date' })
  @IsCalendarDate()
  endedOn!: string;
}

export class EmploymentStartResult extends CaseCommandResult {
  @ApiProperty({ format: 'uuid', description: 'Names this employment when it ends' })
  employmentId!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/employments')
export class EmploymentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: StreamCommandExecutor,
  ) {}

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
    const employmentId = this.executor.newId(context, 'employment');
    const outcome = await this.commands.execute(
      new RecordCaseCommand(context, caseId, (today) => ({
        type: 'StartEmployment',
        data: {
          employmentId,
          kind: body.kind,
          startedOn: body.startedOn,
          subsidised: body.subsidised,
          ...(body.monthlyGrossIncome === undefined
            ? {}
            : { monthlyGrossIncome: body.monthlyGrossIncome }),
        },
        metadata: { today },
      })),
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
  end(
    @UuidParam('caseId') caseId: string,
    @UuidParam('employmentId') employmentId: string,
    @Body() body: EndEmploymentDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'EndEmployment',
      data: { employmentId, endedOn: body.endedOn },
      metadata: { today },
    }));
  }
}
