/**
 * Numbered SQL migrations, applied by the process itself at start (or by `teilhabe migrate`).
 * Each component (event store, vault, relay, read models) keeps its own directory of numbered
 * files; applied migrations are recorded with a checksum, and a changed applied file stops the
 * start. See docs/design/migrations.md.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { SqlDatabase, SqlExecutor } from './database.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Where a migration set placed into a chosen schema writes that schema's name. */
const SCHEMA_PLACEHOLDER = '${schema}';

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

/** Schema names are interpolated into SQL: only plain lowercase identifiers pass. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  return schema;
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export interface MigrationReport {
  readonly applied: string[];
}

export interface MigrateOptions {
  /**
   * Places a set written with `${schema}` into this schema (a projector's read model, a
   * rebuild's shadow, a scratch replay). Its record of applied versions lives in that schema
   * too, so dropping or renaming the schema takes the record along.
   */
  readonly schema?: string;
}

/** Applies a component's pending migrations in one transaction of its own. */
export async function migrate(
  db: SqlDatabase,
  component: string,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  return db.transaction((tx) => applyMigrations(tx, component, migrations, options));
}

/** Applies a component's pending migrations inside the caller's transaction. */
export async function applyMigrations(
  tx: SqlExecutor,
  component: string,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const schema = options.schema === undefined ? undefined : assertSchemaName(options.schema);
  const place = (migration: Migration): string => {
    if (schema !== undefined) return migration.sql.replaceAll(SCHEMA_PLACEHOLDER, schema);
    if (migration.sql.includes(SCHEMA_PLACEHOLDER))
      throw new Error(
        `Migration ${component} ${migration.version} needs a schema to be placed in.`,
      );
    return migration.sql;
  };
  const book = `${schema ?? 'public'}.teilhabe_migrations`;
  // Two processes starting at once: the second waits here, then finds everything applied. One
  // lock for every component, because `CREATE ... IF NOT EXISTS` races in the catalog.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['teilhabe-migrate']);
  if (schema !== undefined) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${book} (
      component  text        NOT NULL,
      version    integer     NOT NULL,
      name       text        NOT NULL,
      checksum   text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
  const rows = await tx.query<{ version: number; checksum: string; name: string }>(
    `SELECT version, checksum, name FROM ${book} WHERE component = $1`,
    [component],
  );
  const done = new Map(rows.map((row) => [Number(row.version), row]));
  const applied: string[] = [];
  for (const migration of migrations) {
    // The file as written, before placing: the same file has the same checksum in every schema.
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
    await tx.exec(place(migration));
    await tx.query(
      `INSERT INTO ${book} (component, version, name, checksum) VALUES ($1, $2, $3, $4)`,
      [component, migration.version, migration.name, sum],
    );
    applied.push(`${component} ${String(migration.version).padStart(3, '0')}_${migration.name}`);
  }
  return { applied };
}
