/** Projections, the statistics query API and the live stream: what the projector app serves. */
import { Module, type DynamicModule } from '@nestjs/common';
import {
  EVENT_STORE,
  READ_DATABASE,
  SQL_DATABASE,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import { CLOCK, type Clock } from '#http';
import { StatisticsService } from '#projections';
import { DashboardController } from './dashboard/dashboard.controller.js';
import {
  ProjectionHost,
  READ_MODEL_DB,
  STATISTICS_SCHEMA,
  STATISTICS_SOURCE,
} from './projection-host.js';
import { LiveStreams, STREAMS_PER_CALLER } from './statistics/live-streams.js';
import { StatisticsController } from './statistics/statistics.controller.js';

export interface ProjectorOptions {
  /** Schema of the statistics read model (default `stats`). */
  readonly schema?: string;
  /**
   * `events` (default): project the statistics here from the event store. `kafka`: only serve
   * the read model that `teilhabe projections consume` workers fill (no projection loop here).
   */
  readonly source?: 'events' | 'kafka';
  /** Live streams one caller may hold open at once (STREAMS_PER_CALLER). */
  readonly streamsPerCaller: number;
}

@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorOptions): DynamicModule {
    return {
      module: ProjectorModule,
      controllers: [StatisticsController, DashboardController],
      providers: [
        // Read models live in the event store's PostgreSQL (or PGlite) database.
        { provide: READ_MODEL_DB, useExisting: SQL_DATABASE },
        { provide: STATISTICS_SCHEMA, useValue: options.schema ?? 'stats' },
        { provide: STATISTICS_SOURCE, useValue: options.source ?? 'events' },
        ProjectionHost,
        { provide: STREAMS_PER_CALLER, useValue: options.streamsPerCaller },
        LiveStreams,
        {
          provide: StatisticsService,
          // Queries only: the read replica when there is one (READ_DATABASE_URL), else the primary.
          inject: [READ_DATABASE, STATISTICS_SCHEMA, EVENT_STORE, CLOCK, STATISTICS_SOURCE],
          useFactory: (
            db: SqlDatabase,
            schema: string,
            store: EventStore,
            clock: Clock,
            source: 'events' | 'kafka',
          ) => new StatisticsService({ db, schema, store, clock, source }),
        },
      ],
      exports: [ProjectionHost, StatisticsService],
    };
  }
}
