/**
 * The @nestjs/cqrs face of the write path: one bus command that carries the context and the
 * domain command addressed to its stream (data, never a closure), and one handler that runs it.
 */
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseEvent, ProgrammeEvent } from '#domain';
import type { CommandContext } from '../command-context.js';
import type { CommandDeps, CommandOutcome } from '../handle-command.js';
import { handleStreamCommand, type StreamCommand } from '../stream-command.js';

/** The store, vault, clock and observer the handler runs with; provided by the app. */
export const COMMAND_DEPS = Symbol('CommandDeps');

export class RecordCommand extends Command<CommandOutcome<CaseEvent | ProgrammeEvent>> {
  constructor(
    readonly context: CommandContext,
    readonly target: StreamCommand,
  ) {
    super();
  }
}

@CommandHandler(RecordCommand)
export class RecordCommandHandler implements ICommandHandler<RecordCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ context, target }: RecordCommand): Promise<CommandOutcome<CaseEvent | ProgrammeEvent>> {
    return handleStreamCommand(this.deps, context, target);
  }
}
