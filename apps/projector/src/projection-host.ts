/** Runs the statistics projection in the Nest lifecycle, from bootstrap until shutdown. */
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type SqlDatabase } from '#event-store';
import { CasePersonKeys } from '#cases';
import { Metrics } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { HostedProjection, StatisticsProjection, type ProjectionRunner } from '#projections';

export const READ_MODEL_DB = Symbol('ReadModelDatabase');
export const STATISTICS_SCHEMA = Symbol('StatisticsSchema');
/** `events`: this process projects; `kafka`: workers do (see ProjectorOptions.source). */
export const STATISTICS_SOURCE = Symbol('StatisticsSource');

@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly hosted: HostedProjection;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: SqlDatabase,
    @Inject(STATISTICS_SCHEMA) schema: string,
    metrics: Metrics,
    @Inject(STATISTICS_SOURCE) private readonly source: 'events' | 'kafka',
    // Derives the key of an enrolment written before keys existed (none without a vault).
    @Optional() @Inject(VAULT) vault?: PersonalDataVault,
  ) {
    const logger = new Logger('Projector');
    const personKeys = new CasePersonKeys(store, vault);
    this.hosted = new HostedProjection(store, db, new StatisticsProjection({ personKeys }), {
      schema,
      registry: metrics.registry,
      log: { info: (message) => logger.log(message), error: (message) => logger.error(message) },
    });
  }

  get runner(): ProjectionRunner {
    return this.hosted.runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Workers consuming Kafka fill the read model (and refuse a schema with our checkpoint).
    if (this.source === 'kafka') return;
    await this.hosted.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.hosted.stop();
  }
}
