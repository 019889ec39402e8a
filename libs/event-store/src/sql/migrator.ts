/**
 * Numbered SQL migrations, applied by the app itself at start (or by `teilhabe migrate`).
 * Each component (event store, read models, ...) keeps its own numbered files; applied
 * migrations are recorded with a checksum, and a changed applied file stops the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { SqlDatabase } from './database.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads `NNN_name.sql` files from a directory, in version order. */
export function loadMigrations(directory: URL): Migration[] {
  return readdirSync(directory)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(new URL(file, directory), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export interface MigrationReport {
  readonly applied: string[];
}

export async function migrate(
  db: SqlDatabase,
  component: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    // Two processes starting at once: the second waits here, then finds everything applied.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['teilhabe-migrate']);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS public.teilhabe_migrations (
        component  text        NOT NULL,
        version    integer     NOT NULL,
        name       text        NOT NULL,
        checksum   text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
    const rows = await tx.query<{ version: number; checksum: string; name: string }>(
      'SELECT version, checksum, name FROM public.teilhabe_migrations WHERE component = $1',
      [component],
    );
    const done = new Map(rows.map((row) => [Number(row.version), row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== sum) {
          throw new Error(
            `Migration ${component} ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query(
        'INSERT INTO public.teilhabe_migrations (component, version, name, checksum) VALUES ($1, $2, $3, $4)',
        [component, migration.version, migration.name, sum],
      );
      applied.push(`${component} ${String(migration.version).padStart(3, '0')}_${migration.name}`);
    }
    return { applied };
  });
}
