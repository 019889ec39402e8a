/**
 * Runs the statistics projection inside the app: starts after the app is up, retries after a
 * failed batch (nothing of it was written), stops on shutdown, and exports lag and throughput.
 */
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE, type EventStore, type SqlDatabase } from '#event-store';
import { Metrics } from '#http';
import {
  ProjectionRunner,
  StatisticsProjection,
  readCheckpoint,
  rebuildProjection,
  type AppliedBatch,
} from '#projections';

export const READ_MODEL_DB = Symbol('ReadModelDatabase');
export const STATISTICS_SCHEMA = Symbol('StatisticsSchema');
/** `events`: this process projects; `kafka`: workers do (see ProjectorOptions.source). */
export const STATISTICS_SOURCE = Symbol('StatisticsSource');

@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  private readonly logger = new Logger('Projector');
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly eventsTotal: Counter<'projection'>;
  private readonly lagSeconds: Gauge<'projection'>;
  private readonly position: Gauge<'projection'>;

  private readonly projection = new StatisticsProjection();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: SqlDatabase,
    @Inject(STATISTICS_SCHEMA) private readonly schema: string,
    metrics: Metrics,
    @Inject(STATISTICS_SOURCE) private readonly source: 'events' | 'kafka',
  ) {
    this.runner = new ProjectionRunner(store, db, this.projection, { schema });
    this.eventsTotal = new Counter({
      name: 'teilhabe_projection_events_total',
      help: 'Events applied by a projection (rate = throughput)',
      labelNames: ['projection'],
      registers: [metrics.registry],
    });
    this.lagSeconds = new Gauge({
      name: 'teilhabe_projection_lag_seconds',
      help: 'Recording time of the newest event applied, seconds behind now (0 when caught up)',
      labelNames: ['projection'],
      registers: [metrics.registry],
    });
    this.position = new Gauge({
      name: 'teilhabe_projection_checkpoint_position',
      help: 'Global position of the last event a projection applied',
      labelNames: ['projection'],
      registers: [metrics.registry],
    });
    this.runner.batches.on('batch', (batch: AppliedBatch) => {
      this.eventsTotal.inc({ projection: batch.projection }, batch.events);
      this.position.set({ projection: batch.projection }, batch.checkpoint.prepare);
      const lag = (Date.now() - Date.parse(batch.lastRecordedAt)) / 1000;
      this.lagSeconds.set({ projection: batch.projection }, Math.max(0, lag));
    });
  }

  /**
   * Tables ready before the first request; the catch-up runs in the background. A read model of
   * an older projection version is rebuilt first (into a shadow schema; the old figures stay
   * readable until the swap).
   */
  async onApplicationBootstrap(): Promise<void> {
    // Workers consuming Kafka fill the read model (and refuse a schema with our checkpoint).
    if (this.source === 'kafka') return;
    const stored = await readCheckpoint(this.db, this.schema, this.projection.name).catch(
      () => undefined,
    );
    if (stored && stored.version !== this.projection.version) {
      this.running = this.rebuildThenLoop(stored.version);
      return;
    }
    await this.runner.prepare();
    this.running = this.loop();
  }

  private async rebuildThenLoop(from: number): Promise<void> {
    this.logger.log(
      `statistics read model is version ${from}, the code ${this.projection.version}: rebuilding`,
    );
    const report = await rebuildProjection(this.store, this.db, this.projection, {
      liveSchema: this.schema,
    });
    this.logger.log(`rebuilt from ${report.events} events and swapped in`);
    await this.runner.prepare();
    await this.loop();
  }

  private async loop(): Promise<void> {
    let delay = 100;
    while (!this.stop.signal.aborted) {
      try {
        await this.runner.run(this.stop.signal);
        delay = 100;
      } catch (error) {
        if (this.stop.signal.aborted) break;
        this.logger.error(
          `projection batch failed, retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await sleep(delay).catch(() => undefined);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** Before the store closes: the batch in flight commits or rolls back, then the loop ends. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
