/** `teilhabe projections catch-up | rebuild | status`: the statistics read model from the shell. */
import { START, type SqlEventStore } from '#event-store';
import {
  ProjectionRunner,
  StatisticsProjection,
  readCheckpoint,
  rebuildProjection,
  type RebuildReport,
} from '#projections';
import type { AppConfig } from '#config';
import { personKeysFor } from '../person-keys.js';
import { startProgress } from '../progress.js';
import { withStore } from '../store.js';
import { UsageError } from '../usage-error.js';

export const PROJECTIONS = ['statistics'] as const;
const LIVE_SCHEMA = 'stats';

async function eventsAfter(
  store: SqlEventStore,
  position: { commit: number; prepare: number },
): Promise<number> {
  const [row] = await store.db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM event_store.events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)',
    [String(position.commit), position.prepare],
  );
  return Number(row?.n ?? 0);
}

export function assertProjection(name: string | undefined): void {
  if (name !== undefined && !(PROJECTIONS as readonly string[]).includes(name)) {
    throw new UsageError(
      `projection must be one of ${PROJECTIONS.join(', ')} (got ${JSON.stringify(name)})`,
    );
  }
}

/** Applies every event not yet projected, then returns. */
export async function catchUpCommand(
  config: AppConfig,
  schema = LIVE_SCHEMA,
  write: (text: string) => void = (text) => void process.stderr.write(text),
) {
  return withStore(config, async (store) => {
    const projection = new StatisticsProjection({ personKeys: personKeysFor(config, store) });
    const runner = new ProjectionRunner(store, store.db, projection, {
      schema,
      batchSize: 500,
    });
    await runner.prepare();
    const total = await eventsAfter(store, runner.checkpoint);
    const progress = startProgress({ label: 'statistics: catching up', total, unit: 'events' });
    let done = 0;
    runner.batches.on('batch', (batch: { events: number }) => {
      done += batch.events;
      progress.update(done);
    });
    const applied = await runner.catchUp();
    progress.stop();
    write(`statistics: ${applied} events applied, at position ${runner.checkpoint.prepare}\n`);
    return applied;
  });
}

export async function rebuildCommand(config: AppConfig): Promise<RebuildReport> {
  return withStore(config, async (store) => {
    const total = await eventsAfter(store, START);
    const progress = startProgress({ label: 'statistics: rebuilding', total, unit: 'events' });
    const projection = new StatisticsProjection({ personKeys: personKeysFor(config, store) });
    const report = await rebuildProjection(store, store.db, projection, {
      liveSchema: LIVE_SCHEMA,
      batchSize: 1000,
      onProgress: (applied: number) => progress.update(applied),
    });
    progress.stop();
    return report;
  });
}

export async function statusCommand(config: AppConfig): Promise<string> {
  return withStore(config, async (store) => {
    const checkpoint = await readCheckpoint(store.db, LIVE_SCHEMA, 'statistics').catch(
      () => undefined,
    );
    const behind = await eventsAfter(store, checkpoint?.position ?? START);
    const projection = new StatisticsProjection();
    return [
      `statistics: ${checkpoint ? `at position ${checkpoint.position.prepare}, ${checkpoint.events} events applied` : 'not built yet'}`,
      `  ${behind} events not yet applied`,
      checkpoint && checkpoint.version !== projection.version
        ? `  built by version ${checkpoint.version}, the code is version ${projection.version}: run \`teilhabe projections rebuild\``
        : `  version ${projection.version}`,
    ].join('\n');
  });
}
