/**
 * Runs a projection: a catch-up subscription over $all from the stored checkpoint; each batch's
 * read-model changes and the new checkpoint are committed in one transaction, so a crash at any
 * point leaves either the whole batch or none of it. Before applying a batch the runner locks
 * and re-reads the checkpoint: a second runner (another replica, or a rebuild swapping schemas)
 * can never apply the same events twice.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  START,
  compareAllPositions,
  type AllPosition,
  type EventStore,
  type RecordedEvent,
  type SqlDatabase,
  type SqlExecutor,
} from '#event-store';
import { assertSchemaName, type BatchEffect, type Projection } from '../projection.js';

export interface Checkpoint {
  readonly position: AllPosition;
  readonly version: number;
  readonly events: number;
}

export interface AppliedBatch extends BatchEffect {
  readonly projection: string;
  readonly events: number;
  readonly checkpoint: AllPosition;
  /** Recording time of the batch's last event: now minus this is the projection's lag. */
  readonly lastRecordedAt: string;
}

export interface RunnerOptions {
  readonly schema: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** After a batch that caught up, wait this long before reading again (default 25 ms). */
  readonly gatherMs?: number;
  /** Called inside the batch transaction after the projection applied it (tests inject faults here). */
  readonly beforeCommit?: (events: readonly RecordedEvent[]) => void | Promise<void>;
}

export async function readCheckpoint(
  db: SqlExecutor,
  schema: string,
  projection: string,
): Promise<Checkpoint | undefined> {
  const [row] = await db.query<{
    commit: string | number;
    prepare: string | number;
    version: number;
    events: string | number;
  }>(
    `SELECT commit, prepare, version, events FROM ${assertSchemaName(schema)}.checkpoint WHERE projection = $1`,
    [projection],
  );
  return row
    ? {
        position: { commit: Number(row.commit), prepare: Number(row.prepare) },
        version: row.version,
        events: Number(row.events),
      }
    : undefined;
}

export class ProjectionRunner {
  /** Emits 'batch' (AppliedBatch) after each commit. */
  readonly batches = new EventEmitter().setMaxListeners(0);
  private position: AllPosition = START;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly projection: Projection,
    private readonly options: RunnerOptions,
  ) {}

  get checkpoint(): AllPosition {
    return this.position;
  }

  /** Creates the tables and the checkpoint row if they are missing. */
  async prepare(): Promise<void> {
    const schema = assertSchemaName(this.options.schema);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `teilhabe-projection:${schema}`,
      ]);
      await this.projection.createSchema(tx, schema);
      await tx.query(
        `INSERT INTO ${schema}.checkpoint (projection, commit, prepare, version) VALUES ($1, 0, 0, $2)
         ON CONFLICT (projection) DO NOTHING`,
        [this.projection.name, this.projection.version],
      );
    });
    this.position =
      (await readCheckpoint(this.db, schema, this.projection.name))?.position ?? START;
  }

  /** Projects until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    await this.prepare();
    while (!signal.aborted) {
      let restart = false;
      const batchSize = this.options.batchSize ?? 500;
      const gatherMs = this.options.gatherMs ?? 25;
      for await (const batch of this.store.subscribeToAll({
        from: this.position,
        batchSize,
        pollIntervalMs: this.options.pollIntervalMs ?? 50,
        signal,
      })) {
        if (!(await this.applyBatch(batch))) {
          restart = true; // someone else moved the checkpoint: continue from theirs
          break;
        }
        // Caught up: let new events gather a moment before the next read, so that a busy system
        // applies them many to a transaction instead of one transaction per command.
        if (batch.length < batchSize && gatherMs > 0)
          await sleep(gatherMs, undefined, { signal }).catch(() => undefined);
      }
      if (!restart) break;
    }
  }

  /** Projects everything there is now, then returns (rebuilds, tests, the CLI). */
  async catchUp(): Promise<number> {
    await this.prepare();
    let applied = 0;
    for (;;) {
      const page = await this.store.readAll({
        from: this.position,
        maxCount: this.options.batchSize ?? 500,
      });
      if (page.events.length === 0) return applied;
      if (await this.applyBatch(page.events)) applied += page.events.length;
    }
  }

  /** Applies one batch with its checkpoint; false if the stored checkpoint was not where we were. */
  async applyBatch(events: readonly RecordedEvent[]): Promise<boolean> {
    if (events.length === 0) return true;
    await this.projection.prepare?.(events);
    let effect: BatchEffect | undefined;
    const applied = await this.db.transaction(async (tx) => {
      effect = await this.applyBatchIn(tx, events);
      if (effect) await this.options.beforeCommit?.(events);
      return effect !== undefined;
    });
    return this.applied(applied ? effect : undefined, events);
  }

  /**
   * The batch inside a transaction the caller owns (a rebuild's swap); undefined, and nothing
   * written, if the stored checkpoint is not where this runner is.
   */
  async applyBatchIn(
    tx: SqlExecutor,
    events: readonly RecordedEvent[],
  ): Promise<BatchEffect | undefined> {
    const schema = this.options.schema;
    const last = events.at(-1)!;
    const [row] = await tx.query<{ commit: string | number; prepare: string | number }>(
      `SELECT commit, prepare FROM ${schema}.checkpoint WHERE projection = $1 FOR UPDATE`,
      [this.projection.name],
    );
    const stored = row ? { commit: Number(row.commit), prepare: Number(row.prepare) } : START;
    if (compareAllPositions(stored, this.position) !== 0) {
      this.position = stored;
      return undefined;
    }
    const effect = await this.projection.apply(events, tx, schema);
    await tx.query(
      `UPDATE ${schema}.checkpoint SET commit = $2, prepare = $3, events = events + $4, updated_at = now()
       WHERE projection = $1`,
      [this.projection.name, last.allPosition.commit, last.allPosition.prepare, events.length],
    );
    return effect;
  }

  /** After the commit: move on and tell the listeners. */
  applied(effect: BatchEffect | undefined, events: readonly RecordedEvent[]): boolean {
    const last = events.at(-1);
    if (!effect || !last) return false;
    this.position = last.allPosition;
    const batch: AppliedBatch = {
      ...effect,
      projection: this.projection.name,
      events: events.length,
      checkpoint: last.allPosition,
      lastRecordedAt: last.recordedAt,
    };
    this.batches.emit('batch', batch);
    return true;
  }
}
