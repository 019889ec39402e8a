/** Opens the configured SQL event store for one CLI command and closes it afterwards. */
import { openEventStore, type SqlEventStore } from '#event-store';
import type { AppConfig } from '#config';
import { UsageError } from './usage-error.js';

export async function withStore<T>(
  config: AppConfig,
  work: (store: SqlEventStore) => Promise<T>,
): Promise<T> {
  if (config.eventStore === 'kurrentdb') {
    // These commands read and write the events' SQL table directly (counts, import, scratch
    // projections); on KurrentDB that table is empty, and an empty answer would mislead.
    throw new UsageError(
      'this command works on events kept in PostgreSQL or PGlite; with EVENT_STORE=kurrentdb use the HTTP API (GET /v1/audit/integrity, /v1/audit/cases/...) instead',
    );
  }
  const store = await openEventStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
