/** What every command answers: the new stream version (also as ETag) and the global position. */
import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandOutcome } from '#cases';

export class CommandResult {
  @ApiProperty({
    description: 'Version of the stream after the command; send it as If-Match next time',
    example: 3,
  })
  version!: number;

  @ApiProperty({
    description: 'Global position of the last event; pass as minPosition to read your own write',
    example: 1042,
  })
  position!: number;
}

export class CaseCommandResult extends CommandResult {
  @ApiProperty({ format: 'uuid', example: '0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b' })
  caseId!: string;
}

export class ProgrammeCommandResult extends CommandResult {
  @ApiProperty({ example: 2024 })
  year!: number;
}

/** Sets ETag (and Idempotent-Replayed on a retry) and returns the body. */
export function commandResponse<T extends object>(
  response: Response,
  outcome: CommandOutcome<unknown>,
  body: T,
): T & CommandResult {
  response.setHeader('ETag', `"${outcome.version}"`);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return { ...body, version: outcome.version, position: outcome.position };
}
