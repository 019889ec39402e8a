/**
 * The @nestjs/cqrs command for every case command that needs nothing but the case stream:
 * the controller builds the domain command from the request, the handler runs it through
 * decide and append (StreamCommandExecutor). AssignMeasure has a handler of its own.
 */
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Response } from 'express';
import {
  caseDecider,
  caseStreamId,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '#domain';
import type { CommandContext } from '../shared/command-context.js';
import { CaseCommandResult, commandResponse } from '../shared/command-response.js';
import {
  StreamCommandExecutor,
  type CommandOutcome,
  type LoadedStream,
} from '../shared/stream-command-executor.js';

/** Builds the domain command once "today" is known (the domain has no clock). */
export type CaseCommandBuilder = (
  today: string,
  loaded: LoadedStream<CaseState, CaseEvent>,
) => CaseCommand;

export class RecordCaseCommand extends Command<CommandOutcome<CaseEvent>> {
  constructor(
    readonly context: CommandContext,
    readonly caseId: string,
    readonly build: CaseCommandBuilder,
  ) {
    super();
  }
}

@CommandHandler(RecordCaseCommand)
export class RecordCaseCommandHandler implements ICommandHandler<RecordCaseCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ context, caseId, build }: RecordCaseCommand): Promise<CommandOutcome<CaseEvent>> {
    return this.executor.execute(context, caseStreamId(caseId), caseDecider, (loaded, today) =>
      build(today, loaded),
    );
  }
}

/** Runs a case command through the bus and shapes the HTTP answer (ETag, version, position). */
export async function recordCaseCommand(
  commands: CommandBus,
  context: CommandContext,
  caseId: string,
  response: Response,
  build: CaseCommandBuilder,
): Promise<CaseCommandResult> {
  const outcome = await commands.execute(new RecordCaseCommand(context, caseId, build));
  return commandResponse(response, outcome, { caseId });
}
