/** POST /v1/cases: enrol a client (ClientEnrolled). */
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  EnrolClientDto,
  RecordCommand,
  enrolClientCommand,
  newId,
  type CommandContext,
} from '#cases';
import { ApiCommand } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class EnrolClientController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
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
    const caseId = body.caseId?.toLowerCase() ?? newId(context, 'case');
    const personKey = this.vault.personKey(body.client, body.personReference);
    const command = enrolClientCommand(caseId, body, personKey);
    const outcome = await this.commands.execute(
      new RecordCommand(context, { stream: 'case', caseId, command }),
    );
    return commandResponse(response, outcome, { caseId });
  }
}
