/** The @nestjs/cqrs command for the programme's commands: one stream per Jobcenter and year. */
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  programmeDecider,
  programmeStreamId,
  type ProgrammeCommand,
  type ProgrammeEvent,
} from '#domain';
import type { CommandContext } from '../shared/command-context.js';
import { CommandResult, commandResponse } from '../shared/command-response.js';
import { StreamCommandExecutor, type CommandOutcome } from '../shared/stream-command-executor.js';

export class ProgrammeCommandResult extends CommandResult {
  @ApiProperty({ example: 2024 })
  year!: number;
}

export class RecordProgrammeCommand extends Command<CommandOutcome<ProgrammeEvent>> {
  constructor(
    readonly context: CommandContext,
    readonly year: number,
    readonly build: (today: string) => ProgrammeCommand,
  ) {
    super();
  }
}

@CommandHandler(RecordProgrammeCommand)
export class RecordProgrammeCommandHandler implements ICommandHandler<RecordProgrammeCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({
    context,
    year,
    build,
  }: RecordProgrammeCommand): Promise<CommandOutcome<ProgrammeEvent>> {
    return this.executor.execute(context, programmeStreamId(year), programmeDecider, (_, today) =>
      build(today),
    );
  }
}

export async function recordProgrammeCommand(
  commands: CommandBus,
  context: CommandContext,
  year: number,
  response: Response,
  build: (today: string) => ProgrammeCommand,
): Promise<ProgrammeCommandResult> {
  const outcome = await commands.execute(new RecordProgrammeCommand(context, year, build));
  return commandResponse(response, outcome, { year });
}
