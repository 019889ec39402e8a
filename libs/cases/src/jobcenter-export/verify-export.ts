/**
 * Verifies an export file on its own, without any database: every chain, the end line, and every
 * signed checkpoint (those in the file and copies the auditor kept) against a public key the
 * auditor got from the operator out of band.
 */
import type { KeyObject } from 'node:crypto';
import { verifyEvents, type IntegrityReport, type SignedCheckpoint } from '#event-store';
import { endLineMismatch } from './export-format.js';
import { readExport } from './read-export.js';

export async function verifyExport(
  input: NodeJS.ReadableStream,
  publicKey: KeyObject,
  kept: readonly SignedCheckpoint[] = [],
): Promise<IntegrityReport> {
  const file = await readExport(input);
  const report = await verifyEvents(
    file.events,
    [...file.checkpoints, ...kept.filter((c) => c.tenant === file.tenant)],
    publicKey,
    file.tenant,
  );
  const mismatch = endLineMismatch(file);
  if (!mismatch) return report;
  return {
    ...report,
    ok: false,
    problems: [...report.problems, { kind: 'export', detail: `${mismatch}: the file was changed` }],
  };
}
