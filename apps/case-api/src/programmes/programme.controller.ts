/**
 * The labour-market programme (Arbeitsmarktprogramm) of a year: programme planners offer
 * measures and record the advisory board's approval; caseworkers read it to assign measures.
 */
import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { Response } from 'express';
import {
  MAX_PLANNED_PLACES,
  MEASURE_KINDS,
  PROGRAMME_TARGET_GROUPS,
  programmeDecider,
  programmeStreamId,
  type MeasureKind,
  type ProgrammeTargetGroup,
} from '#domain';
import { ApiCommand, ApiRead, EachItem, IsCalendarDate, IsText, Optional, Problem } from '#http';
import { CurrentPrincipal, Roles, type Principal } from '#security';
import { MEASURE_ID_PATTERN } from '../cases/assign-measure.js';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { YearParam } from '../shared/params.js';
import { StreamCommandExecutor } from '../shared/stream-command-executor.js';
import { ProgrammeCommandResult, recordProgrammeCommand } from './record-programme-command.js';

export class OfferMeasureDto {
  @ApiProperty({ example: 'JT-2024-01' })
  @IsString()
  @Length(1, 64)
  @Matches(MEASURE_ID_PATTERN, { message: 'measureId must be 1-64 letters, digits, and . _ -' })
  measureId!: string;

  @ApiProperty({ example: 'Job-Turbo: Berufssprachkurs mit Praktikum' })
  @IsText(1, 200)
  title!: string;

  @ApiProperty({ enum: MEASURE_KINDS, example: 'vocational-training' })
  @IsIn(MEASURE_KINDS)
  kind!: MeasureKind;

  @ApiProperty({ example: 40, minimum: 1, maximum: MAX_PLANNED_PLACES })
  @IsInt()
  @Min(1)
  @Max(MAX_PLANNED_PLACES)
  plannedPlaces!: number;

  @ApiProperty({ enum: PROGRAMME_TARGET_GROUPS, isArray: true, example: ['refugee-ukraine'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROGRAMME_TARGET_GROUPS.length)
  @ArrayUnique()
  @EachItem(
    'isIn',
    (group: unknown) => (PROGRAMME_TARGET_GROUPS as readonly unknown[]).includes(group),
    `must be one of ${PROGRAMME_TARGET_GROUPS.join(', ')}`,
  )
  targetGroups!: ProgrammeTargetGroup[];

  @ApiPropertyOptional({ example: '2023-11-20', format: 'date', description: 'Default: today' })
  @Optional()
  @IsCalendarDate()
  offeredOn?: string;
}

export class ApproveProgrammeDto {
  @ApiProperty({
    example: '2023-12-12',
    format: 'date',
    description: "The örtlicher Beirat's vote",
  })
  @IsCalendarDate()
  approvedOn!: string;
}

export class MeasureOfferResult extends ProgrammeCommandResult {
  @ApiProperty({ example: 'JT-2024-01' })
  measureId!: string;
}

export class ProgrammeView {
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ example: 4 }) version!: number;
  @ApiProperty({ enum: ['draft', 'approved'] }) status!: 'draft' | 'approved';
  @ApiPropertyOptional({ example: '2023-12-12' }) approvedOn?: string;
  @ApiProperty({
    example: [
      {
        measureId: 'JT-2024-01',
        title: 'Berufssprachkurs',
        kind: 'vocational-training',
        plannedPlaces: 40,
        targetGroups: ['refugee-ukraine'],
      },
    ],
  })
  measures!: Record<string, unknown>[];
}

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('v1/programmes/:year')
export class ProgrammeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly executor: StreamCommandExecutor,
  ) {}

  @Post('measures')
  @HttpCode(201)
  @Roles('planner')
  @ApiCommand({
    summary: 'Offer a measure in the programme (MeasureOffered)',
    status: 201,
    result: MeasureOfferResult,
  })
  async offer(
    @YearParam() year: number,
    @Body() body: OfferMeasureDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeasureOfferResult> {
    const result = await recordProgrammeCommand(
      this.commands,
      context,
      year,
      response,
      (today) => ({
        type: 'OfferMeasure',
        data: {
          year,
          measureId: body.measureId,
          title: body.title,
          kind: body.kind,
          plannedPlaces: body.plannedPlaces,
          targetGroups: body.targetGroups,
          offeredOn: body.offeredOn ?? today,
        },
        metadata: { today },
      }),
    );
    return { ...result, measureId: body.measureId };
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('planner')
  @ApiCommand({
    summary: "Record the advisory board's approval (ProgrammeApproved); freezes the programme",
    status: 200,
    result: ProgrammeCommandResult,
  })
  approve(
    @YearParam() year: number,
    @Body() body: ApproveProgrammeDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeCommandResult> {
    return recordProgrammeCommand(this.commands, context, year, response, (today) => ({
      type: 'ApproveProgramme',
      data: { year, approvedOn: body.approvedOn },
      metadata: { today },
    }));
  }

  @Get()
  @Roles('planner', 'caseworker', 'team-lead')
  @ApiRead('The programme of a year with its measures and planned places', ProgrammeView)
  async get(
    @YearParam() year: number,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeView> {
    const loaded = await this.executor.load(
      principal.tenant,
      programmeStreamId(year),
      programmeDecider,
    );
    if (loaded.version === 0) {
      throw new Problem(
        404,
        'programme-not-found',
        'Programme not found',
        `There is no programme for ${year} yet.`,
      );
    }
    response.setHeader('ETag', `"${loaded.version}"`);
    const { measures, approvedOn } = loaded.state;
    return {
      year,
      version: loaded.version,
      status: approvedOn ? 'approved' : 'draft',
      ...(approvedOn ? { approvedOn } : {}),
      measures: Object.entries(measures).map(([measureId, measure]) => ({ measureId, ...measure })),
    };
  }
}
