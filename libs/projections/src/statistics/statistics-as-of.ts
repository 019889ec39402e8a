/**
 * The statistics as they stood on a past day: the events recorded up to the end of that day (in
 * German time) projected into a scratch schema, and one month's figures read from it.
 */
import { germanCalendarDay } from '#domain';
import { START, type SqlEventStore } from '#event-store';
import { ProjectionRunner } from '../runner/projection-runner.js';
import type { IndicatorName, IndicatorValue } from './indicators.js';
import type { Month } from './months.js';
import type { PersonKeyLookup } from './person-keys.js';
import { StatisticsProjection } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';

export interface StatisticsAsOfOptions {
  /** The day, YYYY-MM-DD. */
  readonly asOf: string;
  readonly month: Month;
  readonly indicators: readonly IndicatorName[];
  /** One Jobcenter, or every Jobcenter. */
  readonly tenant?: string;
  /** Resolves enrolments recorded without a person key (see person-keys.ts). */
  readonly personKeys?: PersonKeyLookup;
  /** A progress display of the events read, started with how many there are to read. */
  readonly startProgress?: (total: number) => { update(read: number): void; stop(): void };
}

export interface StatisticsAsOf {
  /** Events recorded by the end of the day. */
  readonly applied: number;
  /** Per Jobcenter, the value of each indicator asked (all groups, all genders), in that order. */
  readonly figures: readonly { readonly tenant: string; readonly values: IndicatorValue[] }[];
}

export async function statisticsAsOf(
  store: SqlEventStore,
  options: StatisticsAsOfOptions,
): Promise<StatisticsAsOf> {
  const schema = `replay_${options.asOf.replaceAll('-', '')}`;
  await store.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const projection = new StatisticsProjection(
    options.personKeys ? { personKeys: options.personKeys } : {},
  );
  const runner = new ProjectionRunner(store, store.db, projection, { schema });
  await runner.prepare();
  // Every Jobcenter's events, also for one Jobcenter's figures: a person's cases elsewhere count
  // (a move, the LZB duration across Jobcenters).
  const [count] = await store.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM event_store.events',
  );
  const progress = options.startProgress?.(Number(count?.n ?? 0));
  let from = START;
  let read = 0;
  let applied = 0;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 1000 });
    if (page.events.length === 0) break;
    from = page.next;
    const known = page.events.filter(
      (e) => germanCalendarDay(new Date(e.recordedAt)) <= options.asOf,
    );
    // Events are in global order, not recording order: keep reading to the end.
    if (known.length > 0 && (await runner.applyBatch(known))) applied += known.length;
    read += page.events.length;
    progress?.update(read);
  }
  progress?.stop();
  const queries = new StatisticsQueries(store.db, schema);
  const tenants = options.tenant ? [options.tenant] : await queries.tenants();
  const figures: { tenant: string; values: IndicatorValue[] }[] = [];
  for (const tenant of tenants) {
    const values: IndicatorValue[] = [];
    for (const indicator of options.indicators) {
      const cells = await queries.compute({
        indicator,
        month: options.month,
        group: 'all',
        gender: 'all',
        tenant,
      });
      values.push(cells.get(tenant)!.cell);
    }
    figures.push({ tenant, values });
  }
  await store.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return { applied, figures };
}
