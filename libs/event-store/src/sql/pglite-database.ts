import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  statementText,
  type SqlDatabase,
  type SqlExecutor,
  type SqlParameter,
  type Statement,
} from './database.js';

/**
 * PGlite starts PostgreSQL with `-F` (fsync off). Turning fsync on alone changes nothing: its
 * Node filesystem has no fsync, so no flush ever reaches the disk. Writing the WAL with O_DSYNC
 * (`open_datasync`, which it maps to the OS's O_SYNC) does, so a command is on disk when it is
 * acknowledged; checkpoints' data-file flushes stay no-ops (see docs/security.md).
 */
const DURABLE_START_PARAMS = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'wal_sync_method=open_datasync',
];

/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) in this process, kept in a
 * data directory on disk, or in memory when none is given. One connection: PGlite queues
 * queries and runs one transaction at a time.
 */
export class PGliteDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;

  private constructor(readonly db: PGlite) {}

  static async open(dataDir?: string): Promise<PGliteDatabase> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir ? { dataDir, startParams: DURABLE_START_PARAMS } : {});
    return new PGliteDatabase(db);
  }

  async query<Row extends object>(
    statement: Statement,
    params?: readonly SqlParameter[],
  ): Promise<Row[]> {
    const result = await this.db.query<Row>(
      statementText(statement),
      params as unknown[] | undefined,
    );
    return result.rows;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) =>
      work({
        query: async <Row extends object>(statement: Statement, params?: readonly SqlParameter[]) =>
          (await t.query<Row>(statementText(statement), params as unknown[] | undefined)).rows,
        exec: async (script: string) => {
          await t.exec(script);
        },
      }),
    );
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
