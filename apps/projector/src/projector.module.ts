/** Projections, the statistics query API and the live stream: what the projector app serves. */
import { Module, type DynamicModule } from '@nestjs/common';
import { SQL_DATABASE } from '#event-store';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { ProjectionHost, READ_MODEL_DB, STATISTICS_SCHEMA } from './projection-host.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { StatisticsService } from './statistics/statistics.service.js';

export interface ProjectorOptions {
  /** Schema of the statistics read model (default `stats`). */
  readonly schema?: string;
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
        ProjectionHost,
        StatisticsService,
      ],
      exports: [ProjectionHost, StatisticsService],
    };
  }
}
