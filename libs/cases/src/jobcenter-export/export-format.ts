/**
 * The export file of one Jobcenter (NDJSON): a header line, its events in global order, the
 * wrapped data keys, the signed checkpoints, and an end line with counts and a running digest.
 */
import { GENESIS_HASH, nextDigest, type RecordedEvent, type SignedCheckpoint } from '#event-store';

export const EXPORT_FORMAT = 'teilhabe-export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  readonly kind: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly tenant: string;
  readonly exportedAt: string;
  readonly events: number;
}

export interface ExportedEvent extends RecordedEvent {
  readonly kind: 'event';
}

/** A case's data key wrapped under the master key (useless without it). */
export interface ExportedKey {
  readonly caseId: string;
  readonly keyId: string;
  readonly masterKeyId: string;
  readonly wrapped: string;
}

export interface ExportEnd {
  readonly events: number;
  readonly keys: number;
  readonly digest: string;
}

/** An export file read into memory, its lines checked for form (not yet for content). */
export interface ExportFile {
  readonly tenant: string;
  readonly events: ExportedEvent[];
  readonly keys: ExportedKey[];
  readonly checkpoints: SignedCheckpoint[];
  readonly end: ExportEnd;
}

/** Whether the file's events and keys match its end line (counts and running digest). */
export function endLineMismatch(file: ExportFile): string | undefined {
  let digest = GENESIS_HASH;
  for (const event of file.events) digest = nextDigest(digest, event.hash);
  if (file.events.length !== file.end.events || file.keys.length !== file.end.keys)
    return `the file holds ${file.events.length} events and ${file.keys.length} keys, its end line says ${file.end.events} and ${file.end.keys}`;
  if (digest !== file.end.digest) return 'the digest of the events differs from the end line';
  return undefined;
}
