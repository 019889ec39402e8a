/** The statistics read model's tables, created in any schema (the live one or a rebuild's shadow). */
import { applyMigrations, loadMigrations, type SqlExecutor } from '#event-store';

export const STATISTICS_MIGRATIONS = loadMigrations(new URL('./migrations/', import.meta.url));

export async function createStatisticsTables(tx: SqlExecutor, schema: string): Promise<void> {
  await applyMigrations(tx, 'statistics', STATISTICS_MIGRATIONS, { schema });
}
