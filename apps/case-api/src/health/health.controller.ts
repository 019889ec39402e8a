import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  EVENT_STORE,
  KurrentDbEventStore,
  SQL_DATABASE,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import { Public } from '#security';

/**
 * `GET /health`: live and ready when the event store answers (and, where the events are in
 * KurrentDB, the SQL database of read models and keys as well).
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await this.db.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    if (!(this.store instanceof KurrentDbEventStore)) {
      if (database === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: database === 'up' ? 'ok' : 'error',
        eventStore: { engine: this.db.engine, status: database },
      };
    }
    const events = await this.store.streamVersion('teilhabe', 'health').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const ok = database === 'up' && events === 'up';
    if (!ok) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'error',
      eventStore: { engine: 'kurrentdb', status: events },
      database: { engine: this.db.engine, status: database },
    };
  }
}
