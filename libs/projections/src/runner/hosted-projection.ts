// A projection kept current inside a serving process: rebuilt first if the stored read model is
// of another version, then caught up and followed in the background, retried after a failed
// batch (nothing of it was written), stopped on request; lag and throughput as Prometheus metrics.
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { EventStore, SqlDatabase } from '#event-store';
import type { Projection } from '../projection.js';
import { ProjectionRunner, readCheckpoint, type AppliedBatch } from './projection-runner.js';
import { rebuildProjection } from './rebuild.js';

export interface HostedProjectionOptions {
  /** Schema of the live read model. */
  readonly schema: string;
  /** Where the `teilhabe_projection_*` metrics are registered. */
  readonly registry: Registry;
  readonly log: { info(message: string): void; error(message: string): void };
}

export class HostedProjection {
  readonly runner: ProjectionRunner;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly projection: Projection,
    private readonly options: HostedProjectionOptions,
  ) {
    this.runner = new ProjectionRunner(store, db, projection, { schema: options.schema });
    const registers = [options.registry];
    const eventsTotal = new Counter({
      name: 'teilhabe_projection_events_total',
      help: 'Events applied by a projection (rate = throughput)',
      labelNames: ['projection'],
      registers,
    });
    const lagSeconds = new Gauge({
      name: 'teilhabe_projection_lag_seconds',
      help: 'Recording time of the newest event applied, seconds behind now (0 when caught up)',
      labelNames: ['projection'],
      registers,
    });
    const position = new Gauge({
      name: 'teilhabe_projection_checkpoint_position',
      help: 'Global position of the last event a projection applied',
      labelNames: ['projection'],
      registers,
    });
    this.runner.batches.on('batch', (batch: AppliedBatch) => {
      eventsTotal.inc({ projection: batch.projection }, batch.events);
      position.set({ projection: batch.projection }, batch.checkpoint.prepare);
      const lag = (Date.now() - Date.parse(batch.lastRecordedAt)) / 1000;
      lagSeconds.set({ projection: batch.projection }, Math.max(0, lag));
    });
  }

  /**
   * Tables ready when this returns; the catch-up runs in the background. A read model of another
   * projection version is rebuilt first (into a shadow schema; the old figures stay readable
   * until the swap).
   */
  async start(): Promise<void> {
    const stored = await readCheckpoint(this.db, this.options.schema, this.projection.name).catch(
      () => undefined,
    );
    if (stored && stored.version !== this.projection.version) {
      this.running = this.rebuildThenLoop(stored.version);
      return;
    }
    await this.runner.prepare();
    this.running = this.loop();
  }

  /** The batch in flight commits or rolls back, then the loop ends. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async rebuildThenLoop(from: number): Promise<void> {
    const { log } = this.options;
    log.info(
      `${this.projection.name} read model is version ${from}, the code ${this.projection.version}: rebuilding`,
    );
    const report = await rebuildProjection(this.store, this.db, this.projection, {
      liveSchema: this.options.schema,
    });
    log.info(`rebuilt from ${report.events} events and swapped in`);
    await this.runner.prepare();
    await this.loop();
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    let delay = 100;
    while (!signal.aborted) {
      try {
        await this.runner.run(signal);
        delay = 100;
      } catch (error) {
        if (signal.aborted) break;
        this.options.log.error(
          `projection batch failed, retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await sleep(delay).catch(() => undefined);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }
}
