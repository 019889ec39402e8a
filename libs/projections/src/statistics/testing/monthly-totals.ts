/**
 * The read model's monthly totals as cells of the reference's quantities, for the tests: states
 * (stored as flows) folded into their value on each month's reference day, events counted in
 * their month. Reads the table only; it knows nothing of how the projection fills it.
 */
import type { SqlExecutor } from '#event-store';
import type { ReferenceCell, ReferenceMetric } from './reference.js';

/** The quantities that are states on a reference day (stored as +1/-1 flows). */
const STATES: readonly string[] = ['stock', 'lzb', 'lzb_active', 'participants'];

interface Row {
  tenant: string;
  metric: string;
  month: number;
  u25: boolean;
  over50: boolean;
  single_parent: boolean;
  refugee: boolean;
  gender: string;
  detail: string;
  value: string | number;
}

/** Every non-zero cell of months `from`..`to` (year * 12 + month - 1). */
export async function monthlyCells(
  db: SqlExecutor,
  schema: string,
  from: number,
  to: number,
): Promise<{ cell: ReferenceCell; count: number }[]> {
  const rows = await db.query<Row>(
    `SELECT tenant, metric, month, u25, over50, single_parent, refugee, gender, detail, value
     FROM ${schema}.monthly WHERE month <= $1 AND value <> 0 ORDER BY month`,
    [to],
  );
  const out = new Map<string, { cell: ReferenceCell; count: number }>();
  const add = (row: Row, month: number, value: number) => {
    const cell: ReferenceCell = {
      tenant: row.tenant,
      metric: row.metric as ReferenceMetric,
      month,
      u25: row.u25,
      over50: row.over50,
      singleParent: row.single_parent,
      refugee: row.refugee,
      gender: row.gender,
      detail: row.detail,
    };
    const key = JSON.stringify(cell);
    out.set(key, { cell, count: (out.get(key)?.count ?? 0) + value });
  };
  for (const row of rows) {
    const value = Number(row.value);
    if (!STATES.includes(row.metric)) {
      if (row.month >= from) add(row, row.month, value);
      continue;
    }
    // A flow in month k changes the state of every month from k on.
    for (let month = Math.max(from, row.month); month <= to; month++) add(row, month, value);
  }
  return [...out.values()].filter((c) => c.count !== 0);
}

/** The cells where two lists of counts differ, at most `limit` of them. */
export function differences(
  actual: readonly { cell: ReferenceCell; count: number }[],
  expected: readonly { cell: ReferenceCell; count: number }[],
  limit = 10,
): { cell: ReferenceCell; actual: number; expected: number }[] {
  const byKey = new Map<string, { cell: ReferenceCell; actual: number; expected: number }>();
  for (const { cell, count } of actual)
    byKey.set(JSON.stringify(cell), { cell, actual: count, expected: 0 });
  for (const { cell, count } of expected) {
    const key = JSON.stringify(cell);
    byKey.set(key, { cell, actual: byKey.get(key)?.actual ?? 0, expected: count });
  }
  return [...byKey.values()].filter((d) => d.actual !== d.expected).slice(0, limit);
}
