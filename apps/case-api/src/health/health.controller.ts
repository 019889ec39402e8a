import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type SqlEventStore } from '#event-store';
import { Public } from '#security';

/** `GET /health`: live and ready when the event store answers. */
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: SqlEventStore) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    try {
      await this.store.db.query('SELECT 1');
      return { status: 'ok', eventStore: { engine: this.store.db.engine, status: 'up' } };
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', eventStore: { engine: this.store.db.engine, status: 'down' } };
    }
  }
}
