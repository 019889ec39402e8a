import { PGliteDatabase } from './sql/pglite-database.js';
import { PostgresDatabase, type PostgresDatabaseOptions } from './sql/postgres-database.js';
import { SqlEventStore } from './postgres/sql-event-store.js';

/** An event store on a PostgreSQL server, migrated. */
export async function openPostgresEventStore(
  options: PostgresDatabaseOptions,
): Promise<SqlEventStore> {
  const store = new SqlEventStore(new PostgresDatabase(options));
  await store.migrate();
  return store;
}

/** An embedded event store (PGlite) in `dataDir`, or in memory without one, migrated. */
export async function openPGliteEventStore(dataDir?: string): Promise<SqlEventStore> {
  const store = new SqlEventStore(await PGliteDatabase.open(dataDir));
  await store.migrate();
  return store;
}
