/** POST /v1/cases: enrol a client (ClientEnrolled). */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsUUID, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { GENDERS, type Gender } from '#domain';
import { ApiCommand, IsCalendarDate, IsText, Optional } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { StreamCommandExecutor } from '../shared/stream-command-executor.js';
import { RecordCaseCommand } from './record-case-command.js';

export class ClientDto {
  @ApiProperty({ example: 'Olena', description: 'Personal data: stored apart, encryptable' })
  @IsText(1, 100)
  givenName!: string;

  @ApiProperty({ example: 'Kovalenko', description: 'Personal data' })
  @IsText(1, 100)
  familyName!: string;

  @ApiProperty({
    example: '1990-04-17',
    format: 'date',
    description: 'Personal data; only the month is kept in clear',
  })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ enum: GENDERS, example: 'female' })
  @IsIn(GENDERS)
  gender!: Gender;
}

export class TargetGroupsDto {
  @ApiPropertyOptional({ example: true, description: 'Alleinerziehend' })
  @Optional()
  @IsBoolean()
  singleParent?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Refugee from Ukraine (Job-Turbo)' })
  @Optional()
  @IsBoolean()
  refugeeUkraine?: boolean;
}

export class EnrolClientDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Chosen by the frontend; otherwise assigned',
  })
  @Optional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ type: ClientDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClientDto)
  client!: ClientDto;

  @ApiProperty({ example: '2024-01-08', format: 'date' })
  @IsCalendarDate()
  enrolledOn!: string;

  @ApiPropertyOptional({ type: TargetGroupsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetGroupsDto)
  targetGroups?: TargetGroupsDto;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class EnrolClientController {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: StreamCommandExecutor,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'team-lead')
  @ApiCommand({
    summary: 'Enrol a client (ClientEnrolled)',
    status: 201,
    result: CaseCommandResult,
  })
  async enrol(
    @Body() body: EnrolClientDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    const caseId = body.caseId?.toLowerCase() ?? this.executor.newId(context, 'case');
    const outcome = await this.commands.execute(
      new RecordCaseCommand(context, caseId, (today) => ({
        type: 'EnrolClient',
        data: {
          caseId,
          enrolledOn: body.enrolledOn,
          client: { ...body.client },
          targetGroups: {
            singleParent: body.targetGroups?.singleParent ?? false,
            refugeeUkraine: body.targetGroups?.refugeeUkraine ?? false,
          },
        },
        metadata: { today },
      })),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
