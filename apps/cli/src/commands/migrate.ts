import { openEventStore } from '#event-store';
import type { AppConfig } from '#config';

/** Applies pending migrations to the configured store; returns what was applied. */
export async function migrateCommand(config: AppConfig): Promise<string[]> {
  const store = await openEventStore(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    { migrate: false },
  );
  try {
    return (await store.migrate()).applied;
  } finally {
    await store.close();
  }
}
