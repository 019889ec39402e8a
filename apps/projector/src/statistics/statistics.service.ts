/**
 * Answers the statistics queries from the read model: resolves who may see which Jobcenter,
 * waits (bounded) for read-your-writes, marks provisional months and suppresses small counts
 * for analysts.
 */
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { germanCalendarDay } from '#domain';
import {
  EVENT_STORE,
  READ_DATABASE,
  compareAllPositions,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import { CLOCK, Problem, validationProblem, type Clock } from '#http';
import {
  INDICATORS,
  STATISTICS_PROJECTION,
  StatisticsQueries,
  formatMonth,
  isProvisional,
  monthOfDate,
  present,
  readCheckpoint,
  type GenderFilter,
  type IndicatorName,
  type Month,
  type ShownValue,
  type TargetGroup,
} from '#projections';
import { NATIONAL_TENANT, hasAnyRole, type Principal } from '#security';
import { STATISTICS_SCHEMA, STATISTICS_SOURCE } from '../projection-host.js';

/** Read-your-writes waits at most this long for the projection to reach a position. */
export const MIN_POSITION_WAIT_MS = 5_000;

/** Figures where a smaller value is the better one (for the ranking). */
const LOWER_IS_BETTER: ReadonlySet<IndicatorName> = new Set(['long-term-recipients', 'stock']);

export interface StatisticRequest {
  readonly indicator: IndicatorName;
  readonly jobcenter?: string;
  readonly month?: Month;
  readonly targetGroup: TargetGroup;
  readonly gender: GenderFilter;
  readonly minPosition?: number;
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

export interface RankingEntry {
  readonly rank: number | null;
  readonly jobcenter: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
}

@Injectable()
export class StatisticsService {
  private readonly queries: StatisticsQueries;

  constructor(
    // Queries only: the read replica when there is one (READ_DATABASE_URL), else the primary.
    @Inject(READ_DATABASE) private readonly db: SqlDatabase,
    @Inject(STATISTICS_SCHEMA) private readonly schema: string,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STATISTICS_SOURCE) private readonly source: 'events' | 'kafka',
  ) {
    this.queries = new StatisticsQueries(db, schema);
  }

  currentMonth(): Month {
    return monthOfDate(germanCalendarDay(this.clock()));
  }

  /** Who sees which Jobcenter: one's own; the national view (`*`) any, and the sum of all. */
  jobcenterFor(principal: Principal, asked: string | undefined): string {
    const jobcenter = asked ?? principal.tenant;
    if (principal.tenant !== NATIONAL_TENANT && jobcenter !== principal.tenant) {
      throw new Problem(
        403,
        'forbidden-jobcenter',
        'Forbidden',
        `Your token is for ${principal.tenant}; only national analysts see other Jobcenters.`,
      );
    }
    return jobcenter;
  }

  /** Analysts see suppressed figures; caseworkers and team leads see their own Jobcenter's as they are. */
  suppressesFor(principal: Principal, jobcenter: string): boolean {
    return !(jobcenter === principal.tenant && hasAnyRole(principal, ['caseworker', 'team-lead']));
  }

  async statistic(principal: Principal, request: StatisticRequest): Promise<Statistic> {
    const jobcenter = this.jobcenterFor(principal, request.jobcenter);
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
    const definition = INDICATORS[request.indicator];
    return {
      indicator: request.indicator,
      title: definition.title,
      definition: definition.definition,
      jobcenter,
      month: formatMonth(month),
      targetGroup: request.targetGroup,
      gender: request.gender,
      ...present(cells, {
        suppress: this.suppressesFor(principal, jobcenter),
        groupIsAll: request.targetGroup === 'all',
        genderIsAll: request.gender === 'all',
        denominatorIsCount: request.indicator !== 'measure-occupancy',
      }),
      provisional: isProvisional(request.indicator, month, this.currentMonth()),
      position,
    };
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
    const direction = LOWER_IS_BETTER.has(request.indicator) ? 1 : -1;
    const ranked = entries
      .filter((e) => !e.suppressed && e.value !== null)
      .sort((a, b) => direction * (a.value! - b.value!) || a.jobcenter.localeCompare(b.jobcenter));
    const unranked = entries.filter((e) => e.suppressed || e.value === null);
    let rank = 0;
    let previous: number | null = null;
    const list: RankingEntry[] = ranked.map((entry, index) => {
      if (entry.value !== previous) rank = index + 1; // equal values share a rank
      previous = entry.value;
      return {
        rank,
        jobcenter: entry.jobcenter,
        numerator: entry.numerator,
        denominator: entry.denominator,
        value: entry.value,
        suppressed: false,
      };
    });
    for (const entry of unranked) {
      list.push({
        rank: null,
        jobcenter: entry.jobcenter,
        numerator: entry.numerator,
        denominator: entry.denominator,
        value: entry.value,
        suppressed: entry.suppressed,
      });
    }
    return {
      indicator: request.indicator,
      title: INDICATORS[request.indicator].title,
      month: formatMonth(month),
      targetGroup: request.targetGroup,
      gender: request.gender,
      provisional: isProvisional(request.indicator, month, this.currentMonth()),
      better: direction === 1 ? 'lower' : 'higher',
      ranked: ranked.length,
      jobcenters: list,
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
    if (this.source === 'kafka') {
      // Workers track Kafka offsets per partition, not $all positions: no wait can be promised.
      throw validationProblem([
        {
          field: 'query:minPosition',
          rule: 'notWithKafkaSource',
          message:
            'minPosition is not available here: the statistics are projected from Kafka (STATISTICS_SOURCE=kafka) and follow within seconds',
        },
      ]);
    }
    const target = await this.store.resolvePosition(minPosition);
    if (!target) {
      throw validationProblem([
        {
          field: 'query:minPosition',
          rule: 'isRecordedPosition',
          message: 'minPosition names no recorded event',
        },
      ]);
    }
    const deadline = Date.now() + MIN_POSITION_WAIT_MS;
    for (;;) {
      const reached = await checkpoint();
      if (compareAllPositions(reached, target) >= 0) return reached.prepare;
      if (Date.now() > deadline) {
        throw new Problem(
          503,
          'read-model-behind',
          'The statistics have not caught up yet',
          `The read model is at position ${reached.prepare}; retry shortly.`,
          {},
          { 'Retry-After': '1' },
        );
      }
      await sleep(20);
    }
  }
}
