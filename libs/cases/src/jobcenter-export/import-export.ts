/**
 * Imports an export into a store that has no events of that Jobcenter: every event with its id,
 * version, recording time and content, so every hash comes out identical (checked per event).
 * The file's signed checkpoints are not imported: they name positions of the store it came from.
 */
import { SqlEventStore, verifyStreamChain } from '#event-store';
import type { PersonalDataVault } from '#privacy';
import {
  ExportFileError,
  ImportedHashMismatchError,
  JobcenterNotEmptyError,
} from './export-errors.js';
import { endLineMismatch, type ExportFile, type ExportedEvent } from './export-format.js';
import { readExport } from './read-export.js';
import type { StartProgress } from './write-export.js';

/** An export whose end line and every stream's chain hold in the file itself. */
export interface CheckedExport extends ExportFile {
  readonly checked: true;
}

/** Reads an export and checks it whole, before anything is written. */
export async function readExportForImport(input: NodeJS.ReadableStream): Promise<CheckedExport> {
  const file = await readExport(input);
  const mismatch = endLineMismatch(file);
  if (mismatch) {
    throw new ExportFileError(
      `${mismatch}: the file is damaged or was changed; nothing was imported`,
    );
  }
  const byStream = new Map<string, ExportedEvent[]>();
  for (const event of file.events) {
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  for (const [streamId, streamEvents] of byStream) {
    const verdict = verifyStreamChain(streamEvents);
    if (!verdict.ok) {
      throw new ExportFileError(
        `${streamId} version ${verdict.version} in the file: ${verdict.reason}; nothing was imported`,
      );
    }
  }
  return { ...file, checked: true };
}

export interface JobcenterImportReport {
  readonly tenant: string;
  readonly events: number;
  readonly keys: number;
}

export async function importExport(
  store: SqlEventStore,
  vault: PersonalDataVault,
  file: CheckedExport,
  startProgress?: StartProgress,
): Promise<JobcenterImportReport> {
  const { tenant, events, keys } = file;
  const [existing] = await store.db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM event_store.events WHERE tenant_id = $1',
    [tenant],
  );
  if (Number(existing?.n ?? 0) > 0) throw new JobcenterNotEmptyError(tenant);
  const progress = startProgress?.(events.length);
  // In export order; consecutive events of one stream recorded together are appended together.
  for (let at = 0; at < events.length;) {
    const first = events[at]!;
    let to = at + 1;
    while (
      to < events.length &&
      events[to]!.streamId === first.streamId &&
      events[to]!.recordedAt === first.recordedAt &&
      events[to]!.version === events[to - 1]!.version + 1
    ) {
      to += 1;
    }
    const batch = events.slice(at, to);
    const writer = new SqlEventStore(store.db, () => new Date(first.recordedAt));
    await writer.appendToStream(
      tenant,
      first.streamId,
      batch.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        effectiveDate: e.effectiveDate,
        data: e.data,
        personal: e.personal,
        metadata: e.metadata,
      })),
      { expectedVersion: first.version - 1 },
    );
    const stored = await store.readStream(tenant, first.streamId, {
      fromVersion: first.version,
      maxCount: batch.length,
    });
    stored.forEach((event, i) => {
      if (event.hash !== batch[i]!.hash)
        throw new ImportedHashMismatchError(event.streamId, event.version);
    });
    at = to;
    progress?.update(at);
  }
  progress?.stop();
  await vault.migrate();
  for (const key of keys) await vault.importKey(tenant, key);
  return { tenant, events: events.length, keys: keys.length };
}
