import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

  private constructor(
    readonly db: PGlite,
    private readonly dataDir?: string,
  ) {}

  static async open(dataDir?: string): Promise<PGliteDatabase> {
    if (dataDir) {
      // The store holds every client's case: readable by its owner only (DATA_DIR too, when this
      // creates it). chmod as well, for a directory made by an older version.
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      chmodSync(dataDir, 0o700);
    }
    const db = await PGlite.create(dataDir ? { dataDir, startParams: DURABLE_START_PARAMS } : {});
    if (dataDir) ownerOnly(dataDir);
    return new PGliteDatabase(db, dataDir);
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
    if (this.dataDir) ownerOnly(this.dataDir);
  }
}

/**
 * PGlite's file system layer creates files 0666 whatever the umask; the 0700 directory already
 * keeps other users out, and this takes the files down to 0600 (dirs 0700) after open and close.
 */
function ownerOnly(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o700);
      ownerOnly(path);
    } else chmodSync(path, 0o600);
  }
}
