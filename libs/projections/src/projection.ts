/**
 * A projection turns events into read-model changes. The runner hands it batches in global
 * order together with the transaction in which the runner also stores the checkpoint, so each
 * batch takes effect exactly once.
 */
import type { RecordedEvent, SqlExecutor } from '#event-store';

export interface BatchEffect {
  /** Jobcenters whose figures changed (for live updates). */
  readonly tenants: ReadonlySet<string>;
}

export interface Projection {
  readonly name: string;
  /** Raised when the projection's logic changes; a stored read model of another version needs a rebuild. */
  readonly version: number;
  /** Applies the projection's numbered migrations in `schema` (see docs/design/migrations.md). */
  createSchema(tx: SqlExecutor, schema: string): Promise<void>;
  apply(events: readonly RecordedEvent[], tx: SqlExecutor, schema: string): Promise<BatchEffect>;
  /**
   * Called with a batch before its transaction opens, for reads of other stores that `apply`
   * needs: an embedded database has one connection, which the batch's transaction holds.
   */
  prepare?(events: readonly RecordedEvent[]): Promise<void>;
}

/** Schema names are interpolated into SQL; the migrator, which places tables into them, checks them. */
export { assertSchemaName } from '#event-store';
