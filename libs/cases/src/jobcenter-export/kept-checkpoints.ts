/**
 * Reads a file of kept checkpoints: NDJSON from `teilhabe audit checkpoints`, or the JSON answer
 * of `GET /v1/audit/integrity/checkpoints` as saved. A broken entry stops with where and the rule.
 */
import { parseSignedCheckpoint, type SignedCheckpoint } from '#event-store';

/** A broken entry in a file of kept checkpoints; the message starts with the file's name. */
export class KeptCheckpointsError extends Error {
  override name = 'KeptCheckpointsError';
}

export function parseKeptCheckpoints(text: string, file: string): SignedCheckpoint[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  if (typeof document === 'object' && document !== null && 'checkpoints' in document) {
    const list = document.checkpoints;
    if (!Array.isArray(list))
      throw new KeptCheckpointsError(`${file}: checkpoints must be an array`);
    return list.map((entry, index) => {
      try {
        return parseSignedCheckpoint(JSON.stringify(entry));
      } catch (error) {
        throw new KeptCheckpointsError(
          `${file} checkpoints[${index}]: ${(error as Error).message}`,
        );
      }
    });
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return parseSignedCheckpoint(line);
      } catch (error) {
        throw new KeptCheckpointsError(`${file} line ${number}: ${(error as Error).message}`);
      }
    });
}
