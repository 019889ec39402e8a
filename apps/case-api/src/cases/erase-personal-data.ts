/**
 * POST /v1/cases/{caseId}/erasure: the data protection officer erases a closed case's personal
 * data when its retention period ended. The PersonalDataErased event is recorded, then the
 * case's data key is destroyed (crypto-shredding). Events, hashes and statistics stay as they
 * were; the names, the exact date of birth, the goals and incomes cannot be read any more.
 */
import { Body, Controller, HttpCode, Inject, Post, Res, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CasePersonKeys,
  RecordCommand,
  erasePersonalDataCommand,
  type CommandContext,
} from '#cases';
import { DomainRuleViolation, germanCalendarDay } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ApiCommand, CLOCK, validationProblem, type Clock } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { Roles } from '#security';
import { CommandCtx } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import { UuidParam } from '../shared/params.js';

/**
 * The erasure needs nothing but the case: no body (as the OpenAPI document says) or an empty
 * JSON object, nothing else.
 */
class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown) {
    if (value === undefined) return {};
    // Anything but an object (an array too, even an empty one) is refused as the body itself.
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!isObject) {
      throw validationProblem([
        { field: 'body', rule: 'isEmptyObject', message: 'send no body, or {}' },
      ]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw validationProblem(
        fields.map((field) => ({
          field,
          rule: 'whitelist',
          message: `unknown field ${field}: send {}`,
        })),
      );
    }
    return value;
  }
}

@ApiTags('cases')
@Controller('v1/cases/:caseId/erasure')
export class ErasePersonalDataController {
  private readonly personKeys: CasePersonKeys;

  constructor(
    private readonly commands: CommandBus,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.personKeys = new CasePersonKeys(store, vault);
  }

  @Post()
  @HttpCode(200)
  @Roles('dpo')
  @ApiCommand({
    summary:
      "Erase a closed case's personal data (PersonalDataErased; the case's key is destroyed)",
    status: 200,
    result: CaseCommandResult,
  })
  async erase(
    @UuidParam('caseId') caseId: string,
    @Body(new EmptyBodyPipe()) _body: Record<string, never>,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseCommandResult> {
    try {
      // The statistics keep the person after the erasure: a key nothing records yet is kept now.
      const personKey = await this.personKeys.keyToKeepAtErasure(context.principal.tenant, caseId);
      const command = erasePersonalDataCommand(germanCalendarDay(this.clock()), personKey);
      const outcome = await this.commands.execute(
        new RecordCommand(context, { stream: 'case', caseId, command }),
      );
      const result = commandResponse(response, outcome, { caseId });
      await this.vault.erase(context.principal.tenant, caseId);
      return result;
    } catch (error) {
      // Recorded before but the key survived (a crash in between): destroy it now.
      if (error instanceof DomainRuleViolation && error.code === 'personal-data-already-erased') {
        await this.vault.erase(context.principal.tenant, caseId);
      }
      throw error;
    }
  }
}
