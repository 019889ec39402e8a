/**
 * A command addressed to its stream, as plain data (what the command bus carries): a case
 * command to a case, a programme command to a Jobcenter's programme of a year.
 */
import {
  caseDecider,
  caseStreamId,
  programmeDecider,
  programmeStreamId,
  type CaseCommand,
  type CaseEvent,
  type ProgrammeCommand,
  type ProgrammeEvent,
} from '#domain';
import type { CommandContext } from './command-context.js';
import {
  handleCommand,
  type CommandDeps,
  type CommandOutcome,
  type Unstamped,
} from './handle-command.js';

export type StreamCommand =
  | { readonly stream: 'case'; readonly caseId: string; readonly command: Unstamped<CaseCommand> }
  | {
      readonly stream: 'programme';
      readonly year: number;
      readonly command: Unstamped<ProgrammeCommand>;
    };

export function handleStreamCommand(
  deps: CommandDeps,
  context: CommandContext,
  target: StreamCommand,
): Promise<CommandOutcome<CaseEvent | ProgrammeEvent>> {
  return target.stream === 'case'
    ? handleCommand(deps, context, caseStreamId(target.caseId), caseDecider, target.command)
    : handleCommand(
        deps,
        context,
        programmeStreamId(target.year),
        programmeDecider,
        target.command,
      );
}
