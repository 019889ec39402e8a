/**
 * Reads the statistics from the read model: one query fetches the monthly totals an indicator
 * needs (states folded into their value before the window, events inside it) for the asked
 * cell and its complements (for secondary suppression), per Jobcenter or for all of them.
 * Never touches events.
 */
import type { SqlExecutor } from '#event-store';
import { assertSchemaName } from '../projection.js';
import { STATE_METRICS, type EventMetric, type Metric, type StateMetric } from './contributions.js';
import {
  INDICATORS,
  type GenderFilter,
  type IndicatorName,
  type IndicatorValue,
  type PlannedMeasure,
  type Sums,
  type TargetGroup,
} from './indicators.js';
import type { Month } from './months.js';

const GROUP_PREDICATE: Record<TargetGroup, string> = {
  all: 'TRUE',
  u25: 'u25',
  '50plus': 'over50',
  'single-parent': 'single_parent',
  'refugee-ukraine': 'refugee',
};

/** The four cells of a request: the asked one, and the totals over group and gender it lies in. */
export type Cell = 'cell' | 'allGroups' | 'allGenders' | 'total';

interface Row {
  tenant: string;
  metric: Metric;
  detail: string;
  bucket: number;
  g: boolean;
  s: boolean;
  value: string | number;
}

class TotalsSums implements Sums {
  private readonly states = new Map<string, Map<number, number>>();
  private readonly eventCounts = new Map<string, number>();
  private readonly seenDetails = new Map<Metric, Set<string>>();

  constructor(private readonly before: Month) {}

  add(metric: Metric, detail: string, bucket: number, value: number): void {
    const details = this.seenDetails.get(metric) ?? new Set<string>();
    if (detail) details.add(detail);
    this.seenDetails.set(metric, details);
    const key = `${metric}|${detail}`;
    if ((STATE_METRICS as readonly string[]).includes(metric)) {
      const series = this.states.get(key) ?? new Map<number, number>();
      series.set(bucket, (series.get(bucket) ?? 0) + value);
      this.states.set(key, series);
    } else if (bucket > this.before) {
      this.eventCounts.set(
        `${key}|${bucket}`,
        (this.eventCounts.get(`${key}|${bucket}`) ?? 0) + value,
      );
    }
  }

  state(metric: StateMetric, month: Month, detail?: string): number {
    const details = detail === undefined ? [...(this.seenDetails.get(metric) ?? []), ''] : [detail];
    return details.reduce((sum, d) => sum + this.cumulative(`${metric}|${d}`, month), 0);
  }

  private cumulative(key: string, month: Month): number {
    let total = 0;
    for (const [bucket, value] of this.states.get(key) ?? []) if (bucket <= month) total += value;
    return total;
  }

  events(metric: EventMetric, from: Month, to: Month, detail?: string): number {
    const details = detail === undefined ? [...(this.seenDetails.get(metric) ?? []), ''] : [detail];
    let total = 0;
    for (const d of details) {
      for (let month = from; month <= to; month++)
        total += this.eventCounts.get(`${metric}|${d}|${month}`) ?? 0;
    }
    return total;
  }

  details(metric: Metric): string[] {
    return [...(this.seenDetails.get(metric) ?? [])].sort();
  }
}

export interface CellQuery {
  readonly indicator: IndicatorName;
  readonly month: Month;
  readonly group: TargetGroup;
  readonly gender: GenderFilter;
  /** One Jobcenter, or undefined for every Jobcenter at once. */
  readonly tenant?: string;
}

export class StatisticsQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  /**
   * The indicator for each Jobcenter (or the one asked) in the four cells. With
   * `national` the Jobcenters are added up into one, `*`.
   */
  async compute(
    query: CellQuery,
    national = false,
  ): Promise<Map<string, Record<Cell, IndicatorValue>>> {
    const definition = INDICATORS[query.indicator];
    const from = query.month - definition.lookBack;
    const params: unknown[] = [definition.metrics, from, query.month];
    let tenantFilter = '';
    if (query.tenant !== undefined) {
      params.push(query.tenant);
      tenantFilter = `AND tenant = $${params.length}`;
    }
    // K2E4 is the single parents' figure within whatever cell is asked.
    if ('onlySingleParents' in definition && definition.onlySingleParents) {
      tenantFilter += ' AND single_parent';
    }
    let genderPredicate = 'TRUE';
    if (query.gender !== 'all') {
      params.push(query.gender);
      genderPredicate = `gender = $${params.length}`;
    }
    // Totals that add up to 0 carry nothing, and whether such a row exists depends on how the
    // events were batched: they must not add a detail (a breakdown item) to the answer.
    const rows = await this.db.query<Row>(
      `SELECT ${national ? "'*'" : 'tenant'} AS tenant, metric, detail,
              CASE WHEN month < $2 THEN $2 - 1 ELSE month END AS bucket,
              (${GROUP_PREDICATE[query.group]}) AS g, (${genderPredicate}) AS s,
              SUM(value)::bigint AS value
       FROM ${this.schema}.monthly
       WHERE metric = ANY($1::text[]) AND month <= $3 ${tenantFilter}
       GROUP BY 1, 2, 3, 4, 5, 6
       HAVING SUM(value) <> 0`,
      params as never,
    );
    const sums = new Map<string, Record<Cell, TotalsSums>>();
    const cellsOf = (tenant: string) => {
      let cells = sums.get(tenant);
      if (!cells) {
        cells = {
          cell: new TotalsSums(from - 1),
          allGroups: new TotalsSums(from - 1),
          allGenders: new TotalsSums(from - 1),
          total: new TotalsSums(from - 1),
        };
        sums.set(tenant, cells);
      }
      return cells;
    };
    // The asked Jobcenter (or the nation) has figures even when it has no rows yet: zeros.
    if (national) cellsOf('*');
    else if (query.tenant !== undefined) cellsOf(query.tenant);
    for (const row of rows) {
      const cells = cellsOf(row.tenant);
      const value = Number(row.value);
      const bucket = Number(row.bucket);
      cells.total.add(row.metric, row.detail, bucket, value);
      if (row.g) cells.allGenders.add(row.metric, row.detail, bucket, value);
      if (row.s) cells.allGroups.add(row.metric, row.detail, bucket, value);
      if (row.g && row.s) cells.cell.add(row.metric, row.detail, bucket, value);
    }
    const planned =
      query.indicator === 'measure-occupancy'
        ? await this.planned(query, national)
        : new Map<string, PlannedMeasure[]>();
    const out = new Map<string, Record<Cell, IndicatorValue>>();
    for (const [tenant, cells] of sums) {
      const measures = planned.get(tenant) ?? [];
      out.set(tenant, {
        cell: definition.compute(cells.cell, query.month, measures),
        allGroups: definition.compute(cells.allGroups, query.month, measures),
        allGenders: definition.compute(cells.allGenders, query.month, measures),
        total: definition.compute(cells.total, query.month, measures),
      });
    }
    return out;
  }

  /** Planned places of the programme of the reference month's year, per Jobcenter. */
  private async planned(
    query: CellQuery,
    national: boolean,
  ): Promise<Map<string, PlannedMeasure[]>> {
    const year = Math.floor(query.month / 12);
    const params: unknown[] = [year];
    if (query.tenant !== undefined) params.push(query.tenant);
    const rows = await this.db.query<{
      tenant: string;
      measure_id: string;
      title: string;
      planned_places: number;
    }>(
      `SELECT tenant, measure_id, title, planned_places FROM ${this.schema}.programme_measures
       WHERE year = $1 ${query.tenant !== undefined ? 'AND tenant = $2' : ''} ORDER BY measure_id`,
      params as never,
    );
    const out = new Map<string, PlannedMeasure[]>();
    for (const row of rows) {
      const tenant = national ? '*' : row.tenant;
      const list = out.get(tenant) ?? [];
      const key = `${year}:${row.measure_id}`;
      const existing = list.find((m) => m.measure === key);
      if (existing) {
        list[list.indexOf(existing)] = {
          ...existing,
          plannedPlaces: existing.plannedPlaces + row.planned_places,
        };
      } else {
        list.push({ measure: key, title: row.title, plannedPlaces: row.planned_places });
      }
      out.set(tenant, list);
    }
    return out;
  }

  /**
   * Jobcenters with any figures (for the ranking: "Rang 1 von 404"). One index probe per
   * Jobcenter (a loose index scan on the primary key) instead of `SELECT DISTINCT`, which reads
   * every case: at a million cases that alone took most of a second.
   */
  async tenants(): Promise<string[]> {
    const rows = await this.db.query<{ tenant: string }>(
      `WITH RECURSIVE t(tenant) AS (
         SELECT min(tenant) FROM ${this.schema}.cases
         UNION ALL
         SELECT (SELECT min(c.tenant) FROM ${this.schema}.cases c WHERE c.tenant > t.tenant)
         FROM t WHERE t.tenant IS NOT NULL)
       SELECT tenant FROM t WHERE tenant IS NOT NULL ORDER BY tenant`,
    );
    return rows.map((row) => row.tenant);
  }
}
