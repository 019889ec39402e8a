/** The statistics read model's tables, created in any schema (the live one or a rebuild's shadow). */
import type { SqlExecutor } from '#event-store';
import { assertSchemaName } from '../projection.js';

export async function createStatisticsTables(tx: SqlExecutor, schema: string): Promise<void> {
  const s = assertSchemaName(schema);
  await tx.exec(`
    CREATE SCHEMA IF NOT EXISTS ${s};

    -- Totals per Jobcenter, metric, month and the clients' attributes in that month: flows (+1/-1)
    -- for states such as the stock, counts for events such as integrations.
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

    -- Each case's statistical facts and its current contributions (to subtract when it changes).
    CREATE TABLE IF NOT EXISTS ${s}.cases (
      tenant        text  NOT NULL,
      case_id       text  NOT NULL,
      facts         jsonb NOT NULL,
      contributions jsonb NOT NULL,
      PRIMARY KEY (tenant, case_id)
    );

    -- The Arbeitsmarktprogramm: planned places per measure, for occupancy.
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
  `);
}
