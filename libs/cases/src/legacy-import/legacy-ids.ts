/**
 * The ids of what a legacy import writes, derived from the file's content so that a rerun of the
 * same file finds its own events and a different record for an existing case is told apart.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { programmeStreamId } from '#domain';
import type { LegacyCase } from './legacy-record.js';

/** Namespace of the event ids derived from a legacy record. */
const LEGACY_NAMESPACE = '0b8c3a52-3d4e-4f1e-9d0a-6c2b7e5f1a93';

/** The run of an import: its correlation id, and the cause of everything it writes. */
export function importRunId(actor: string, today: string): string {
  return uuidv5(`import ${actor} ${today}`, LEGACY_NAMESPACE);
}

export function caseSeed(record: LegacyCase): string {
  const digest = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  return `${record.jobcenter}/${record.caseId.toLowerCase()}/${digest}`;
}

export function caseEventId(seed: string, index: number): string {
  return uuidv5(`${seed}/${index}`, LEGACY_NAMESPACE);
}

export function programmeEventId(tenant: string, year: number, index: number): string {
  return uuidv5(`${tenant}/${programmeStreamId(year)}/legacy-${index}`, LEGACY_NAMESPACE);
}
