/**
 * Answers the statistics queries from the read model: who sees which Jobcenter, read-your-writes
 * (bounded), provisional months, suppression of small counts for analysts, and the ranking.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { germanCalendarDay } from '#domain';
import { compareAllPositions, type EventStore, type SqlDatabase } from '#event-store';
import { NATIONAL_TENANT, type Principal } from '#security';
import { readCheckpoint } from '../runner/projection-runner.js';
import { DEFAULT_LANGUAGE, indicatorTexts, type Language } from './indicator-texts.js';
import {
  isProvisional,
  type GenderFilter,
  type IndicatorName,
  type TargetGroup,
} from './indicators.js';
import { formatMonth, monthOfDate, type Month } from './months.js';
import { present, type ShownValue } from './presentation.js';
import { rankJobcenters } from './ranking.js';
import { jobcenterFor, suppressesFor } from './statistics.access.js';
import { InvalidStatisticsRequestError, PositionNotReachedError } from './statistics.errors.js';
import { STATISTICS_PROJECTION } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';

/** Read-your-writes waits at most this long for the projection to reach a position. */
export const MIN_POSITION_WAIT_MS = 5_000;

export interface StatisticRequest {
  readonly indicator: IndicatorName;
  readonly jobcenter?: string;
  readonly month?: Month;
  readonly targetGroup: TargetGroup;
  readonly gender: GenderFilter;
  readonly minPosition?: number;
  /** The language of `title` and `definition`; default English. */
  readonly language?: Language;
}

export interface Statistic extends ShownValue {
  readonly indicator: IndicatorName;
  readonly title: string;
  readonly definition: string;
  readonly jobcenter: string;
  readonly month: string;
  readonly targetGroup: TargetGroup;
  readonly gender: GenderFilter;
  readonly provisional: boolean;
  /** Global position up to which the read model had applied events when it answered. */
  readonly position: number;
}

export interface SeriesRequest extends Omit<StatisticRequest, 'month' | 'minPosition'> {
  readonly from: Month;
  readonly to: Month;
}

export interface StatisticsServiceDeps {
  /** Queries only: the read replica when there is one (READ_DATABASE_URL), else the primary. */
  readonly db: SqlDatabase;
  /** Schema of the statistics read model. */
  readonly schema: string;
  readonly store: Pick<EventStore, 'resolvePosition'>;
  /** The current month is the Europe/Berlin month of this clock's reading. */
  readonly clock: () => Date;
  /** `events`: this process projects; `kafka`: workers do, so no $all position can be awaited. */
  readonly source: 'events' | 'kafka';
}

export class StatisticsService {
  private readonly db: SqlDatabase;
  private readonly schema: string;
  private readonly queries: StatisticsQueries;

  constructor(private readonly deps: StatisticsServiceDeps) {
    this.db = deps.db;
    this.schema = deps.schema;
    this.queries = new StatisticsQueries(deps.db, deps.schema);
  }

  currentMonth(): Month {
    return monthOfDate(this.today());
  }

  private today(): string {
    return germanCalendarDay(this.deps.clock());
  }

  async statistic(principal: Principal, request: StatisticRequest): Promise<Statistic> {
    const jobcenter = jobcenterFor(principal, request.jobcenter);
    const position = await this.awaitPosition(request.minPosition);
    const month = request.month ?? this.currentMonth();
    const national = jobcenter === NATIONAL_TENANT;
    const result = await this.queries.compute(
      {
        indicator: request.indicator,
        month,
        group: request.targetGroup,
        gender: request.gender,
        ...(national ? {} : { tenant: jobcenter }),
      },
      national,
    );
    const cells = result.get(jobcenter)!;
    const { title, definition } = indicatorTexts(request.indicator)[
      request.language ?? DEFAULT_LANGUAGE
    ];
    return {
      indicator: request.indicator,
      title,
      definition,
      jobcenter,
      month: formatMonth(month),
      targetGroup: request.targetGroup,
      gender: request.gender,
      ...present(cells, {
        suppress: suppressesFor(principal, jobcenter),
        groupIsAll: request.targetGroup === 'all',
        genderIsAll: request.gender === 'all',
        denominatorIsCount: request.indicator !== 'measure-occupancy',
      }),
      provisional: isProvisional(request.indicator, month, this.today()),
      position,
    };
  }

  /** A figure month by month, `from`..`to` (at most 36 months), oldest first. */
  async series(principal: Principal, request: SeriesRequest): Promise<{ items: Statistic[] }> {
    if (request.to < request.from || request.to - request.from > 35) {
      throw new InvalidStatisticsRequestError(
        'to',
        'range',
        'to must be from..35 months after from',
      );
    }
    const { from, to, ...cell } = request;
    const items: Statistic[] = [];
    for (let month = from; month <= to; month += 1) {
      items.push(await this.statistic(principal, { ...cell, month }));
    }
    return { items };
  }

  /** All Jobcenters ranked by the figure (suppressed ones unranked, at the end). */
  async ranking(request: Omit<StatisticRequest, 'jobcenter' | 'minPosition'>) {
    const month = request.month ?? this.currentMonth();
    const result = await this.queries.compute({
      indicator: request.indicator,
      month,
      group: request.targetGroup,
      gender: request.gender,
    });
    const tenants = await this.queries.tenants();
    const entries = tenants.map((jobcenter) => {
      const cells = result.get(jobcenter);
      const shown = cells
        ? present(cells, {
            suppress: true,
            groupIsAll: request.targetGroup === 'all',
            genderIsAll: request.gender === 'all',
            denominatorIsCount: request.indicator !== 'measure-occupancy',
          })
        : { numerator: 0, denominator: null, value: null, suppressed: false };
      return { jobcenter, ...shown };
    });
    return {
      indicator: request.indicator,
      title: indicatorTexts(request.indicator)[request.language ?? DEFAULT_LANGUAGE].title,
      month: formatMonth(month),
      targetGroup: request.targetGroup,
      gender: request.gender,
      provisional: isProvisional(request.indicator, month, this.today()),
      ...rankJobcenters(request.indicator, entries),
    };
  }

  /**
   * Read-your-writes: waits until the projection applied the event at `minPosition` (a
   * command's `position`), at most MIN_POSITION_WAIT_MS; returns the checkpoint's position.
   * On a replica the checkpoint is the replica's: it reaches the position once the primary's
   * projection applied the event and the replica replayed that transaction, and the figures
   * read after it are at least as new (one replica replays in commit order).
   */
  async awaitPosition(minPosition: number | undefined): Promise<number> {
    const checkpoint = async () =>
      (await readCheckpoint(this.db, this.schema, STATISTICS_PROJECTION))?.position ?? {
        commit: 0,
        prepare: 0,
      };
    if (minPosition === undefined) return (await checkpoint()).prepare;
    if (this.deps.source === 'kafka') {
      // Workers track Kafka offsets per partition, not $all positions: no wait can be promised.
      throw new InvalidStatisticsRequestError(
        'minPosition',
        'notWithKafkaSource',
        'minPosition is not available here: the statistics are projected from Kafka (STATISTICS_SOURCE=kafka) and follow within seconds',
      );
    }
    const target = await this.deps.store.resolvePosition(minPosition);
    if (!target) {
      throw new InvalidStatisticsRequestError(
        'minPosition',
        'isRecordedPosition',
        'minPosition names no recorded event',
      );
    }
    const deadline = Date.now() + MIN_POSITION_WAIT_MS;
    for (;;) {
      const reached = await checkpoint();
      if (compareAllPositions(reached, target) >= 0) return reached.prepare;
      if (Date.now() > deadline) {
        throw new PositionNotReachedError(reached.prepare, 1);
      }
      await sleep(20);
    }
  }
}
