/**
 * The whole statistics read model of a schema as sorted text rows, for comparing two read models
 * built different ways (rows with a zero total carry nothing and may exist in one and not the
 * other, depending on how the events were batched).
 */
import type { SqlExecutor } from '#event-store';

export async function readModelRows(
  db: SqlExecutor,
  schema: string,
): Promise<Record<'monthly' | 'cases' | 'persons' | 'programme_measures', string[]>> {
  const rows = async (table: string, columns: string, where = '') =>
    (
      await db.query<{ row: string }>(
        `SELECT concat_ws('|', ${columns}) AS row FROM ${schema}.${table} ${where} ORDER BY 1`,
      )
    ).map((r) => r.row);
  return {
    monthly: await rows(
      'monthly',
      'tenant, metric, month, u25, over50, single_parent, refugee, gender, detail, value',
      'WHERE value <> 0',
    ),
    cases: await rows('cases', 'tenant, case_id, facts::text, person_key'),
    persons: await rows('persons', 'person_key, contributions::text'),
    programme_measures: await rows(
      'programme_measures',
      'tenant, year, measure_id, title, kind, planned_places, approved_on',
    ),
  };
}
