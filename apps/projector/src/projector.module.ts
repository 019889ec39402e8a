/** Projections, the statistics query API and the live stream: what the projector app serves. */
import { Module, type DynamicModule } from '@nestjs/common';
import { SQL_DATABASE } from '#event-store';
import { DashboardController } from './dashboard/dashboard.controller.js';
import {
  ProjectionHost,
  READ_MODEL_DB,
  STATISTICS_SCHEMA,
  STATISTICS_SOURCE,
} from './projection-host.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { StatisticsService } from './statistics/statistics.service.js';

export interface ProjectorOptions {
  /** Schema of the statistics read model (default `stats`). */
  readonly schema?: string;
  /**
   * `events` (default): project the statistics here from the event store. `kafka`: only serve
   * the read model that `teilhabe projections consume` workers fill (no projection loop here).
   */
  readonly source?: 'events' | 'kafka';
}

@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      controllers: [StatisticsController, DashboardController],
      providers: [
        // Read models live in the event store's PostgreSQL (or PGlite) database.
        { provide: READ_MODEL_DB, useExisting: SQL_DATABASE },
        { provide: STATISTICS_SCHEMA, useValue: options.schema ?? 'stats' },
        { provide: STATISTICS_SOURCE, useValue: options.source ?? 'events' },
        ProjectionHost,
        StatisticsService,
      ],
      exports: [ProjectionHost, StatisticsService],
    };
  }
}
