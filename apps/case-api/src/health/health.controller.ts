import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  EVENT_STORE,
  KurrentDbEventStore,
  SQL_DATABASE,
  SqlEventStore,
  checkRecentIntegrity,
  type EventStore,
  type RecentIntegrity,
  type SqlDatabase,
} from '#event-store';
import { Public } from '#security';

/** How long one integrity check answers /health: probes every few seconds share it. */
const INTEGRITY_CACHE_MS = 5_000;

/**
 * `GET /health`: live and ready when the event store answers (and, where the events are in
 * KurrentDB, the SQL database of read models and keys as well), and a SQL store's most recent
 * appends still verify (see checkRecentIntegrity): a corrupt store answers 503, `corrupt`.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  private integrity?: { at: number; result: Promise<RecentIntegrity> };

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
      // A check that cannot run (the database went away in between) is a store that is down.
      const integrity =
        database === 'up' && this.store instanceof SqlEventStore
          ? await this.recentIntegrity(this.store).catch(() => 'down' as const)
          : undefined;
      const status =
        database === 'down' || integrity === 'down'
          ? 'down'
          : integrity?.ok === false
            ? 'corrupt'
            : 'up';
      if (status !== 'up') response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: status === 'up' ? 'ok' : 'error',
        eventStore: {
          engine: this.db.engine,
          status,
          ...(status === 'corrupt' ? corruption(integrity as RecentIntegrity) : {}),
        },
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

  /** At most one check per INTEGRITY_CACHE_MS, however many probes ask; a failed one is not kept. */
  private recentIntegrity(store: SqlEventStore): Promise<RecentIntegrity> {
    const now = Date.now();
    if (!this.integrity || now - this.integrity.at > INTEGRITY_CACHE_MS) {
      const result = checkRecentIntegrity(store.db).then((integrity) => {
        if (!integrity.ok) {
          this.logger.error(
            `event store integrity check failed: ${JSON.stringify(integrity.problems)}`,
          );
        }
        return integrity;
      });
      result.catch(() => (this.integrity = undefined));
      this.integrity = { at: now, result };
    }
    return this.integrity.result;
  }
}

/**
 * What a public answer says: kinds, positions and versions, no stream ids (the log has them).
 * `teilhabe audit verify` finds every problem, not only the recent ones.
 */
function corruption(integrity: RecentIntegrity) {
  return {
    check: 'recent-appends',
    detail:
      `${integrity.problems.length} integrity problem(s) in the most recent appends; ` +
      'run `teilhabe audit verify` (docs/operations.md)',
    problems: integrity.problems.map(({ kind, tenant, version, position, detail }) => ({
      kind,
      tenant,
      ...(version === undefined ? {} : { version }),
      ...(position === undefined ? {} : { position }),
      detail,
    })),
  };
}
