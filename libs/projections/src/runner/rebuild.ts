/**
 * Rebuilding a projection without downtime: the new read model is built from the first event
 * into a shadow schema while the live one keeps serving; the shadow then catches up to exactly
 * the live checkpoint under the live checkpoint's row lock (the live runner pauses for those
 * few events), the two are compared, and the schemas are swapped in the same transaction. The
 * live runner continues from the same position in the new tables; the old schema is dropped.
 */
import {
  START,
  compareAllPositions,
  type AllPosition,
  type EventStore,
  type RecordedEvent,
  type SqlDatabase,
  type SqlExecutor,
} from '#event-store';
import { assertSchemaName, type Projection } from '../projection.js';
import { ProjectionRunner, readCheckpoint } from './projection-runner.js';

export interface RebuildOptions {
  readonly liveSchema: string;
  readonly batchSize?: number;
  /** Events applied to the shadow so far, for a progress display. */
  readonly onProgress?: (applied: number) => void;
}

export interface TableDifference {
  readonly table: string;
  readonly onlyLive: number;
  readonly onlyRebuilt: number;
}

export interface RebuildReport {
  readonly events: number;
  readonly position: AllPosition;
  /** Rows that differ between the old and the rebuilt read model at the same position. */
  readonly differences: readonly TableDifference[];
  readonly swapped: boolean;
}

/** Tables compared after a rebuild (rows with a zero total carry no information). */
const COMPARED: Record<string, string> = {
  monthly: 'tenant, metric, month, u25, over50, single_parent, refugee, gender, detail, value',
  cases: 'tenant, case_id, facts, person_key',
  persons: 'person_key, contributions',
  programme_measures: 'tenant, year, measure_id, title, kind, planned_places, approved_on',
};
const WHERE: Record<string, string> = { monthly: 'WHERE value <> 0' };

/** Whether the table has all these columns in the schema (a read model of an older version may not). */
async function hasColumns(tx: SqlExecutor, schema: string, table: string, columns: string) {
  const wanted = columns.split(', ');
  const rows = await tx.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [schema, table],
  );
  const present = new Set(rows.map((r) => r.column_name));
  return wanted.every((column) => present.has(column));
}

async function compare(tx: SqlExecutor, live: string, shadow: string): Promise<TableDifference[]> {
  const out: TableDifference[] = [];
  for (const [table, columns] of Object.entries(COMPARED)) {
    const where = WHERE[table] ?? '';
    // A live read model of another version (an upgrade) cannot be compared row for row: all differ.
    if (!(await hasColumns(tx, live, table, columns))) {
      const [row] = await tx.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${shadow}.${table} ${where}`,
      );
      out.push({ table, onlyLive: 0, onlyRebuilt: Number(row?.n ?? 0) });
      continue;
    }
    const [row] = await tx.query<{ only_live: string | number; only_rebuilt: string | number }>(
      `SELECT
         (SELECT count(*) FROM (SELECT ${columns} FROM ${live}.${table} ${where}
                                EXCEPT ALL SELECT ${columns} FROM ${shadow}.${table} ${where}) d) AS only_live,
         (SELECT count(*) FROM (SELECT ${columns} FROM ${shadow}.${table} ${where}
                                EXCEPT ALL SELECT ${columns} FROM ${live}.${table} ${where}) d) AS only_rebuilt`,
    );
    out.push({
      table,
      onlyLive: Number(row?.only_live ?? 0),
      onlyRebuilt: Number(row?.only_rebuilt ?? 0),
    });
  }
  return out;
}

async function schemaExists(db: SqlExecutor, schema: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
    schema,
  ]);
  return rows.length > 0;
}

export async function rebuildProjection(
  store: EventStore,
  db: SqlDatabase,
  projection: Projection,
  options: RebuildOptions,
): Promise<RebuildReport> {
  const live = assertSchemaName(options.liveSchema);
  const shadow = assertSchemaName(`${live}_rebuild`);
  await db.exec(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
  const runner = new ProjectionRunner(store, db, projection, {
    schema: shadow,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  await runner.prepare();
  let applied = 0;
  const batchSize = options.batchSize ?? 1000;

  /** Events after the shadow's position, up to and including `target` (all without one). */
  const next = async (target: AllPosition | undefined): Promise<RecordedEvent[]> => {
    const page = await store.readAll({ from: runner.checkpoint, maxCount: batchSize });
    return target === undefined
      ? page.events
      : page.events.filter((event) => compareAllPositions(event.allPosition, target) <= 0);
  };

  // 1. Catch up while the live read model keeps serving (and moving on). Without a live read
  //    model there is nothing to meet: build up to the end of the store.
  const liveAtStart = await schemaExists(db, live);
  for (;;) {
    const target = liveAtStart
      ? ((await readCheckpoint(db, live, projection.name))?.position ?? START)
      : undefined;
    const events = await next(target);
    if (events.length === 0) break;
    if (await runner.applyBatch(events)) {
      applied += events.length;
      options.onProgress?.(applied);
    }
  }

  // 2. Under the live checkpoint's lock: the last few events, compare, swap. The events are
  //    read before the transaction (an embedded database has one connection, and the store may
  //    be another system); if the live runner got further meanwhile, catch up and try again.
  let report: RebuildReport | undefined;
  for (let attempt = 1; !report; attempt++) {
    const pending: RecordedEvent[] = [];
    for (let page = await next(undefined); page.length > 0;) {
      pending.push(...page);
      const more = await store.readAll({ from: page.at(-1)!.allPosition, maxCount: batchSize });
      page = more.events;
      if (pending.length > 50_000) break;
    }
    await projection.prepare?.(pending);
    report = await db.transaction(async (tx) => {
      const liveExists = await schemaExists(tx, live);
      let target: AllPosition | undefined;
      if (liveExists) {
        const [row] = await tx.query<{ commit: string | number; prepare: string | number }>(
          `SELECT commit, prepare FROM ${live}.checkpoint WHERE projection = $1 FOR UPDATE`,
          [projection.name],
        );
        target = row ? { commit: Number(row.commit), prepare: Number(row.prepare) } : START;
      }
      const last = pending.at(-1)?.allPosition ?? runner.checkpoint;
      if (target !== undefined && compareAllPositions(last, target) < 0) return undefined; // behind: retry
      const events = pending.filter(
        (event) => target === undefined || compareAllPositions(event.allPosition, target) <= 0,
      );
      if (events.length > 0) {
        const effect = await runner.applyBatchIn(tx, events);
        if (!effect) throw new Error('the rebuild checkpoint moved during the swap');
        runner.applied(effect, events);
        applied += events.length;
        options.onProgress?.(applied);
      }
      const differences = liveExists ? await compare(tx, live, shadow) : [];
      const old = assertSchemaName(`${live}_old`);
      await tx.exec(`DROP SCHEMA IF EXISTS ${old} CASCADE`);
      if (liveExists) await tx.exec(`ALTER SCHEMA ${live} RENAME TO ${old}`);
      await tx.exec(`ALTER SCHEMA ${shadow} RENAME TO ${live}`);
      return { events: applied, position: runner.checkpoint, differences, swapped: true };
    });
    if (!report && attempt >= 100)
      throw new Error('the live projection kept moving ahead; rebuild not swapped');
  }
  // Outside the swap: a live runner waiting on the old tables finishes first.
  await db.exec(`DROP SCHEMA IF EXISTS ${live}_old CASCADE`);
  return report;
}
