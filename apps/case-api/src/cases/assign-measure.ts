/**
 * POST /v1/cases/{caseId}/measures: assign an Eingliederungsmaßnahme (MeasureAssigned). The one
 * decision across two streams: the handler loads the approved programme of the assignment's
 * year and hands it to the domain (see AssignMeasure in libs/domain for why that is safe).
 */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import {
  caseDecider,
  caseStreamId,
  programmeDecider,
  programmeStreamId,
  yearOf,
  type CaseCommand,
  type CaseEvent,
} from '#domain';
import { ApiCommand, IsCalendarDate } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { StreamCommandExecutor, type CommandOutcome } from '../shared/stream-command-executor.js';

export const MEASURE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class AssignMeasureDto {
  @ApiProperty({
    example: 'JT-2024-01',
    description: 'A measure of the approved programme of that year',
  })
  @IsString()
  @Length(1, 64)
  @Matches(MEASURE_ID_PATTERN, { message: 'measureId must be 1-64 letters, digits, and . _ -' })
  measureId!: string;

  @ApiProperty({ example: '2024-02-01', format: 'date' })
  @IsCalendarDate()
  assignedOn!: string;
}

export class MeasureAssignmentResult extends CaseCommandResult {
  @ApiProperty({
    format: 'uuid',
    description: 'Names this assignment in start, complete and abort',
  })
  assignmentId!: string;
}

export class AssignMeasureCommand extends Command<CommandOutcome<CaseEvent>> {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly assignmentId: string,
    readonly body: AssignMeasureDto,
  ) {
    super();
  }
}

@CommandHandler(AssignMeasureCommand)
export class AssignMeasureHandler implements ICommandHandler<AssignMeasureCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  async execute({ context, caseId, assignmentId, body }: AssignMeasureCommand) {
    const year = yearOf(body.assignedOn);
    const programme = await this.executor.load(
      context.principal.tenant,
      programmeStreamId(year),
      programmeDecider,
    );
    return this.executor.execute(
      context,
      caseStreamId(caseId),
      caseDecider,
      (_, today): CaseCommand => ({
        type: 'AssignMeasure',
        data: {
          assignmentId,
          measureId: body.measureId,
          assignedOn: body.assignedOn,
          programme: { ...programme.state, version: programme.version },
        },
        metadata: { today },
      }),
    );
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/measures')
export class AssignMeasureController {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: StreamCommandExecutor,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Assign a measure of the approved programme (MeasureAssigned)',
    status: 201,
    result: MeasureAssignmentResult,
  })
  async assign(
    @UuidParam('caseId') caseId: string,
    @Body() body: AssignMeasureDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeasureAssignmentResult> {
    const outcome = await this.commands.execute(
      new AssignMeasureCommand(context, caseId, this.executor.newId(context, 'assignment'), body),
    );
    const assigned = outcome.events.find((event) => event.type === 'MeasureAssigned');
    return commandResponse(response, outcome, {
      caseId,
      assignmentId: assigned?.type === 'MeasureAssigned' ? assigned.data.assignmentId : '',
    });
  }
}
