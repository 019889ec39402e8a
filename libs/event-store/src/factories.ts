import { PGliteDatabase } from './sql/pglite-database.js';
import { PostgresDatabase, type PostgresDatabaseOptions } from './sql/postgres-database.js';
import { SqlEventStore } from './postgres/sql-event-store.js';

export interface OpenOptions {
  /** Apply pending migrations on open (default true; `teilhabe migrate` opens without). */
  readonly migrate?: boolean;
}

/** An event store on a PostgreSQL server. */
export async function openPostgresEventStore(
  options: PostgresDatabaseOptions,
  { migrate = true }: OpenOptions = {},
): Promise<SqlEventStore> {
  const store = new SqlEventStore(new PostgresDatabase(options));
  if (migrate) await store.migrate();
  return store;
}

/** An embedded event store (PGlite) in `dataDir`, or in memory without one. */
export async function openPGliteEventStore(
  dataDir?: string,
  { migrate = true }: OpenOptions = {},
): Promise<SqlEventStore> {
  const store = new SqlEventStore(await PGliteDatabase.open(dataDir));
  if (migrate) await store.migrate();
  return store;
}
