/** Reads an export file line by line and checks each line's form; a bad line stops the read. */
import { createInterface } from 'node:readline';
import { parseSignedCheckpoint, type SignedCheckpoint } from '#event-store';
import { ExportFileError } from './export-errors.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFile,
  type ExportHeader,
  type ExportedEvent,
  type ExportedKey,
} from './export-format.js';

export async function readExport(input: NodeJS.ReadableStream): Promise<ExportFile> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: ExportHeader | undefined;
  const events: ExportedEvent[] = [];
  const keys: ExportedKey[] = [];
  const checkpoints: SignedCheckpoint[] = [];
  let end: ExportFile['end'] | undefined;
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new ExportFileError(`line ${number} is not JSON`);
    }
    if (number === 1) {
      if (
        record.kind !== EXPORT_FORMAT ||
        record.version !== EXPORT_VERSION ||
        typeof record.tenant !== 'string'
      ) {
        throw new ExportFileError(
          `line 1 is not the header of a ${EXPORT_FORMAT} version ${EXPORT_VERSION} file`,
        );
      }
      header = record as unknown as ExportHeader;
    } else if (record.kind === 'event') events.push(record as unknown as ExportedEvent);
    else if (record.kind === 'key') keys.push(record as unknown as ExportedKey);
    else if (record.kind === 'checkpoint') {
      try {
        checkpoints.push(parseSignedCheckpoint(line));
      } catch (error) {
        throw new ExportFileError(`line ${number}: ${(error as Error).message}`);
      }
    } else if (record.kind === 'end') end = record as unknown as ExportFile['end'];
    else throw new ExportFileError(`line ${number}: unknown kind ${JSON.stringify(record.kind)}`);
  }
  if (!header || !end)
    throw new ExportFileError('the file is incomplete: no header or no end line');
  for (const event of events) {
    if (event.tenant !== header.tenant)
      throw new ExportFileError(
        `event ${event.eventId} belongs to ${event.tenant}, not ${header.tenant}`,
      );
  }
  return { tenant: header.tenant, events, keys, checkpoints, end };
}
