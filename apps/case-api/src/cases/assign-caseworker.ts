/** POST /v1/cases/{caseId}/caseworker: (re)assign the Integrationsfachkraft (team lead). */
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { ApiCommand, IsCalendarDate } from '#http';
import { Roles } from '#security';
import { CommandCtx, type CommandContext } from '../shared/command-context.js';
import { CaseCommandResult } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';
import { recordCaseCommand } from './record-case-command.js';

export class AssignCaseworkerDto {
  @ApiProperty({
    example: 'anna.schmidt',
    description: "The caseworker's user id at the identity provider",
  })
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9._@:-]+$/, {
    message: 'caseworkerId must be a user id (letters, digits, . _ @ : -)',
  })
  caseworkerId!: string;

  @ApiProperty({ example: '2024-01-08', format: 'date' })
  @IsCalendarDate()
  assignedOn!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/caseworker')
export class AssignCaseworkerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('team-lead')
  @ApiCommand({
    summary: 'Assign the caseworker (CaseworkerAssigned); team leads reassign cases',
    status: 200,
    result: CaseCommandResult,
  })
  async assign(
    @UuidParam('caseId') caseId: string,
    @Body() body: AssignCaseworkerDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    return recordCaseCommand(this.commands, context, caseId, response, (today) => ({
      type: 'AssignCaseworker',
      data: { caseworkerId: body.caseworkerId, assignedOn: body.assignedOn },
      metadata: { today },
    }));
  }
}
