/**
 * Every component's migrations, on PostgreSQL and PGlite: an empty database gets exactly the
 * tables the code before the numbered migrations created (`PREVIOUS_DDL`, kept here as the
 * reference), a second run changes nothing, a store made by that code is taken over without a
 * change, and processes starting at once do not trip over each other.
 */
import { randomBytes } from 'node:crypto';
import {
  PGliteDatabase,
  PostgresDatabase,
  SqlEventStore,
  applyMigrations,
  migrate,
  type SqlDatabase,
} from '#event-store';
import { RelayCheckpoints } from '#messaging';
import { Keyring, PersonalDataVault } from '#privacy';
import {
  KAFKA_OFFSETS_MIGRATIONS,
  STATISTICS_MIGRATIONS,
  StatisticsProjection,
} from '#projections';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const SCHEMA = 'stats';

/** What each process did at start, up to the numbered migrations of its read model. */
async function migrateLikeEveryProcess(db: SqlDatabase, schema = SCHEMA): Promise<void> {
  await new SqlEventStore(db).migrate();
  await new PersonalDataVault(db, new Keyring(randomBytes(32))).migrate();
  await new RelayCheckpoints(db).migrate();
  // The projector's and the Kafka projection worker's tables in their schema.
  await db.transaction(async (tx) => {
    await new StatisticsProjection().createSchema(tx, schema);
    await applyMigrations(tx, 'kafka-offsets', KAFKA_OFFSETS_MIGRATIONS, { schema });
  });
}

/** The read models' tables as the code created them before they had numbered migrations. */
function previousDdl(s: string): string {
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.monthly (
      tenant        text    NOT NULL,
      metric        text    NOT NULL,
      month         integer NOT NULL,
      u25           boolean NOT NULL,
      over50        boolean NOT NULL,
      single_parent boolean NOT NULL,
      refugee       boolean NOT NULL,
      gender        text    NOT NULL,
      detail        text    NOT NULL,
      value         bigint  NOT NULL,
      PRIMARY KEY (tenant, metric, month, u25, over50, single_parent, refugee, gender, detail)
    );
    CREATE INDEX IF NOT EXISTS monthly_national ON ${s}.monthly (metric, month);
    CREATE TABLE IF NOT EXISTS ${s}.cases (
      tenant        text  NOT NULL,
      case_id       text  NOT NULL,
      facts         jsonb NOT NULL,
      contributions jsonb NOT NULL,
      PRIMARY KEY (tenant, case_id)
    );
    CREATE TABLE IF NOT EXISTS ${s}.programme_measures (
      tenant         text    NOT NULL,
      year           integer NOT NULL,
      measure_id     text    NOT NULL,
      title          text    NOT NULL,
      kind           text    NOT NULL,
      planned_places integer NOT NULL,
      approved_on    date,
      PRIMARY KEY (tenant, year, measure_id)
    );
    CREATE TABLE IF NOT EXISTS ${s}.checkpoint (
      projection text        PRIMARY KEY,
      commit     bigint      NOT NULL,
      prepare    bigint      NOT NULL,
      version    integer     NOT NULL,
      events     bigint      NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS ${s}.kafka_offsets (
      group_id    text        NOT NULL,
      topic       text        NOT NULL,
      partition   integer     NOT NULL,
      next_offset bigint      NOT NULL DEFAULT 0,
      position    bigint      NOT NULL DEFAULT 0,
      events      bigint      NOT NULL DEFAULT 0,
      duplicates  bigint      NOT NULL DEFAULT 0,
      updated_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, topic, partition)
    );
    CREATE TABLE IF NOT EXISTS ${s}.kafka_stream_versions (
      tenant    text    NOT NULL,
      stream_id text    NOT NULL,
      version   integer NOT NULL,
      PRIMARY KEY (tenant, stream_id)
    );
    CREATE SCHEMA IF NOT EXISTS privacy;
    CREATE TABLE IF NOT EXISTS privacy.case_keys (
      tenant        text        NOT NULL,
      case_id       text        NOT NULL,
      key_id        uuid        NOT NULL UNIQUE,
      master_key_id text        NOT NULL,
      wrapped       bytea,
      created_at    timestamptz NOT NULL DEFAULT now(),
      erased_at     timestamptz,
      PRIMARY KEY (tenant, case_id)
    );
    CREATE SCHEMA IF NOT EXISTS messaging;
    CREATE TABLE IF NOT EXISTS messaging.relay_checkpoints (
      name       text        PRIMARY KEY,
      commit     bigint      NOT NULL,
      prepare    bigint      NOT NULL,
      events     bigint      NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );`;
}

/**
 * What the migrations written after the take-over change, as plain DDL: the expected catalog is
 * the old code's tables with these changes (persons, issue 16; the master key index, issue 17).
 */
function laterChanges(s: string): string {
  return `
    ALTER TABLE ${s}.cases ADD COLUMN person_key text;
    CREATE INDEX cases_person ON ${s}.cases (person_key);
    CREATE TABLE ${s}.persons (person_key text PRIMARY KEY, contributions jsonb NOT NULL);
    ALTER TABLE ${s}.cases DROP COLUMN contributions;
    CREATE INDEX case_keys_master_key_id ON privacy.case_keys (master_key_id)
      WHERE wrapped IS NOT NULL;`;
}

/** The old code: the event store from its migrations, every other table from `previousDdl`. */
async function migrateLikeThePreviousCode(db: SqlDatabase, schema = SCHEMA): Promise<void> {
  await new SqlEventStore(db).migrate();
  await db.exec(previousDdl(schema));
}

interface Catalog {
  readonly columns: unknown[];
  readonly indexes: unknown[];
  readonly constraints: unknown[];
}

/** Columns, indexes and constraints of the read models' schemas, without the bookkeeping. */
async function catalog(db: SqlDatabase, schema = SCHEMA): Promise<Catalog> {
  const schemas = [schema, 'privacy', 'messaging', 'event_store'];
  const columns = await db.query(
    `SELECT table_schema, table_name, column_name, ordinal_position, data_type, is_nullable,
            column_default
       FROM information_schema.columns
      WHERE table_schema = ANY($1::text[]) AND table_name <> 'teilhabe_migrations'
      ORDER BY 1, 2, 4`,
    [schemas],
  );
  const indexes = await db.query(
    `SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = ANY($1::text[]) AND tablename <> 'teilhabe_migrations'
      ORDER BY 1, 2, 3`,
    [schemas],
  );
  const constraints = await db.query(
    `SELECT n.nspname AS schema, t.relname AS table_name, c.conname, c.contype,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = ANY($1::text[]) AND t.relname <> 'teilhabe_migrations'
      ORDER BY 1, 2, 3`,
    [schemas],
  );
  return { columns, indexes, constraints };
}

async function appliedVersions(db: SqlDatabase, schema = SCHEMA): Promise<string[]> {
  const rows = await db.query<{ row: string }>(
    `SELECT 'public ' || component || ' ' || version || ' ' || name || ' ' || applied_at AS row
       FROM public.teilhabe_migrations
     UNION ALL
     SELECT '${schema} ' || component || ' ' || version || ' ' || name || ' ' || applied_at
       FROM ${schema}.teilhabe_migrations
     ORDER BY 1`,
  );
  return rows.map((r) => r.row);
}

interface Engine {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; another(): Promise<SqlDatabase>; drop(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'PostgreSQL',
    async open() {
      const database: TestDatabase = await createTestDatabase('teilhabe_migrations');
      const pools: SqlDatabase[] = [];
      const another = async (): Promise<SqlDatabase> => {
        const pool = new PostgresDatabase({ connectionString: database.url, maxConnections: 2 });
        pools.push(pool);
        return pool;
      };
      return {
        db: await another(),
        another,
        async drop() {
          for (const pool of pools) await pool.close();
          await database.drop();
        },
      };
    },
  },
  {
    name: 'PGlite',
    async open() {
      const db = await PGliteDatabase.open();
      return { db, another: () => Promise.resolve(db), drop: () => db.close() };
    },
  },
];

describe.each(engines)('migrations on $name', (engine) => {
  let expected: Catalog;

  beforeAll(async () => {
    const reference = await engine.open();
    try {
      await migrateLikeThePreviousCode(reference.db);
      await reference.db.exec(laterChanges(SCHEMA));
      expected = await catalog(reference.db);
    } finally {
      await reference.drop();
    }
    expect(expected.columns.length).toBeGreaterThan(40);
  });

  async function withDatabase(
    work: (opened: Awaited<ReturnType<Engine['open']>>) => Promise<void>,
  ) {
    const opened = await engine.open();
    try {
      await work(opened);
    } finally {
      await opened.drop();
    }
  }

  it('create in an empty database the tables the code before them created, and once only', async () => {
    await withDatabase(async ({ db }) => {
      await migrateLikeEveryProcess(db);
      expect(await catalog(db)).toEqual(expected);
      const applied = await appliedVersions(db);
      expect(applied.map((row) => row.split(' ').slice(0, 4).join(' '))).toEqual([
        'public event-store 1 event_store',
        'public event-store 2 signed_checkpoints',
        'public event-store 3 known_tenants',
        'public messaging 1 relay_checkpoints',
        'public privacy 1 case_keys',
        'public privacy 2 case_keys_master_key',
        `${SCHEMA} kafka-offsets 1 kafka_offsets`,
        `${SCHEMA} statistics 1 statistics`,
        `${SCHEMA} statistics 2 persons`,
      ]);

      await migrateLikeEveryProcess(db);
      expect(await catalog(db)).toEqual(expected);
      expect(await appliedVersions(db)).toEqual(applied);
    });
  });

  it('take over a store made by the code before them, keeping its rows', async () => {
    await withDatabase(async ({ db }) => {
      await migrateLikeThePreviousCode(db);
      await db.exec(`
        INSERT INTO privacy.case_keys (tenant, case_id, key_id, master_key_id, wrapped)
          VALUES ('t', 'c', '00000000-0000-4000-8000-000000000000', 'm', '\\x00');
        INSERT INTO messaging.relay_checkpoints (name, commit, prepare) VALUES ('r', 1, 2);
        INSERT INTO ${SCHEMA}.checkpoint (projection, commit, prepare, version) VALUES ('statistics', 3, 4, 1);
        INSERT INTO ${SCHEMA}.kafka_offsets (group_id, topic, partition) VALUES ('g', 't', 0);`);

      await migrateLikeEveryProcess(db);
      expect(await catalog(db)).toEqual(expected);
      const [rows] = await db.query<Record<string, string | number>>(
        `SELECT (SELECT count(*) FROM privacy.case_keys)::int AS keys,
                (SELECT count(*) FROM messaging.relay_checkpoints)::int AS relays,
                (SELECT version FROM ${SCHEMA}.checkpoint WHERE projection = 'statistics') AS version,
                (SELECT count(*) FROM ${SCHEMA}.kafka_offsets)::int AS offsets`,
      );
      expect(rows).toEqual({ keys: 1, relays: 1, version: 1, offsets: 1 });
      expect(await appliedVersions(db)).toHaveLength(9);
    });
  });

  it('let processes that start at once migrate without failing', async () => {
    await withDatabase(async ({ another }) => {
      const processes = await Promise.all([1, 2, 3, 4].map(() => another()));
      await Promise.all(processes.map((db) => migrateLikeEveryProcess(db)));
      expect(await catalog(processes[0]!)).toEqual(expected);
      expect(await appliedVersions(processes[0]!)).toHaveLength(9);
    });
  }, 120_000);

  it('keep a placed set’s record in its schema: a renamed schema is still up to date', async () => {
    await withDatabase(async ({ db }) => {
      await migrateLikeEveryProcess(db, 'stats_rebuild');
      await db.exec('ALTER SCHEMA stats_rebuild RENAME TO stats');
      const report = await migrate(db, 'statistics', STATISTICS_MIGRATIONS, { schema: SCHEMA });
      expect(report.applied).toEqual([]);
      expect(await catalog(db)).toEqual(expected);
    });
  });

  it('refuse a changed applied file, a set without its schema, and a bad schema name', async () => {
    await withDatabase(async ({ db }) => {
      await migrateLikeEveryProcess(db);
      const changed = STATISTICS_MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
      await expect(migrate(db, 'statistics', changed, { schema: SCHEMA })).rejects.toThrow(
        /statistics 1 \(statistics\) was changed after it was applied/,
      );
      await expect(migrate(db, 'statistics', STATISTICS_MIGRATIONS)).rejects.toThrow(
        /needs a schema/,
      );
      await expect(
        migrate(db, 'statistics', STATISTICS_MIGRATIONS, { schema: 'stats; DROP TABLE x' }),
      ).rejects.toThrow(/not a schema name/);
    });
  });
});
