/** Writes a Jobcenter's export: its events, wrapped data keys and signed checkpoints. */
import {
  CheckpointStore,
  GENESIS_HASH,
  nextDigest,
  tenantEvents,
  type SqlEventStore,
} from '#event-store';
import type { PersonalDataVault } from '#privacy';
import { NothingToExportError } from './export-errors.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-format.js';

/** Progress of long work: started with the total, updated with how much is done, then stopped. */
export type StartProgress = (total: number) => {
  update(done: number): void;
  stop(): void;
};

/** Writes the export of `tenant` line by line (without newlines); returns how many events. */
export async function writeExport(
  store: SqlEventStore,
  vault: PersonalDataVault,
  tenant: string,
  write: (line: string) => void,
  startProgress?: StartProgress,
): Promise<number> {
  const [row] = await store.db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM event_store.events WHERE tenant_id = $1',
    [tenant],
  );
  const total = Number(row?.n ?? 0);
  if (total === 0) throw new NothingToExportError(tenant);
  write(
    JSON.stringify({
      kind: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      tenant,
      exportedAt: new Date().toISOString(),
      events: total,
    }),
  );
  const progress = startProgress?.(total);
  let count = 0;
  let digest = GENESIS_HASH;
  for await (const event of tenantEvents(store, tenant)) {
    write(JSON.stringify({ kind: 'event', ...event }));
    digest = nextDigest(digest, event.hash);
    count += 1;
    if (count % 500 === 0) progress?.update(count);
  }
  progress?.stop();
  const keys = await vault.exportKeys(tenant);
  for (const key of keys) write(JSON.stringify({ kind: 'key', ...key }));
  // The signed checkpoints travel along, so an auditor can verify the file on their own machine.
  const checkpoints = await new CheckpointStore(store.db).list(tenant);
  for (const checkpoint of checkpoints)
    write(JSON.stringify({ kind: 'checkpoint', ...checkpoint }));
  write(
    JSON.stringify({
      kind: 'end',
      events: count,
      keys: keys.length,
      checkpoints: checkpoints.length,
      digest,
    }),
  );
  return count;
}
