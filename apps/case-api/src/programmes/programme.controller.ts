/**
 * The labour-market programme (Arbeitsmarktprogramm) of a year: programme planners offer
 * measures and record the advisory board's approval; caseworkers read it to assign measures.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApproveProgrammeDto,
  OfferMeasureDto,
  RecordCommand,
  approveProgrammeCommand,
  loadProgramme,
  offerMeasureCommand,
  type CommandContext,
} from '#cases';
import { germanCalendarDay } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ApiCommand, ApiRead, CLOCK, type Clock } from '#http';
import { CurrentPrincipal, Roles, type Principal } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { ProgrammeCommandResult, commandResponse } from '../shared/command-response.js';
import { YearParam } from '../shared/params.js';

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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const command = offerMeasureCommand(year, body, germanCalendarDay(this.clock()));
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'programme', year, command }),
    );
    return { ...commandResponse(response, outcome, { year }), measureId: body.measureId };
  }

  @Post('approval')
  @HttpCode(200)
  @Roles('planner')
  @ApiCommand({
    summary: "Record the advisory board's approval (ProgrammeApproved); freezes the programme",
    status: 200,
    result: ProgrammeCommandResult,
  })
  async approve(
    @YearParam() year: number,
    @Body() body: ApproveProgrammeDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeCommandResult> {
    const command = approveProgrammeCommand(year, body);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'programme', year, command }),
    );
    return commandResponse(response, outcome, { year });
  }

  @Get()
  @Roles('planner', 'caseworker', 'team-lead')
  @ApiRead('The programme of a year with its measures and planned places', ProgrammeView)
  async get(
    @YearParam() year: number,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeView> {
    const loaded = await loadProgramme(this.store, principal.tenant, year);
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
