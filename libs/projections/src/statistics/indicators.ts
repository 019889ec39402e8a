/**
 * The key figures (Kennzahlen nach § 48a SGB II) and the other statistics, computed from the
 * monthly totals of one Jobcenter (or of all, for the national view) and one cell of the
 * dimensions (target group, gender). Pure: the sums come from the read model (see
 * statistics.queries.ts), the reference implementation in the tests computes the same figures
 * from raw events in its own way.
 */
import { GENDERS } from '#domain';
import type { EventMetric, Metric, StateMetric } from './contributions.js';
import { referenceDay, type Month } from './months.js';

export const TARGET_GROUPS = ['all', 'u25', '50plus', 'single-parent', 'refugee-ukraine'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const GENDER_FILTERS = ['all', ...GENDERS] as const;
export type GenderFilter = (typeof GENDER_FILTERS)[number];

/** Sums of the monthly totals for one Jobcenter and cell. */
export interface Sums {
  /** A state (stock, LZB, ...) at the reference day of `month`. */
  state(metric: StateMetric, month: Month, detail?: string): number;
  /** Events of `metric` in the months `from`..`to` (inclusive). */
  events(metric: EventMetric, from: Month, to: Month, detail?: string): number;
  /** The details (measures, reasons) seen for a metric. */
  details(metric: Metric): string[];
}

export interface PlannedMeasure {
  readonly measure: string; // `year:id`
  readonly title: string;
  readonly plannedPlaces: number;
}

export interface BreakdownItem {
  readonly key: string;
  readonly label?: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  /** Measure occupancy: entries into the measure in the month. */
  readonly entries?: number;
}

export interface IndicatorValue {
  readonly numerator: number;
  /** null where the figure is a count (need ended) or has no base. */
  readonly denominator: number | null;
  readonly value: number | null;
  readonly breakdown?: readonly BreakdownItem[];
}

/** How a figure is computed; its titles and definitions per language: indicator-texts.ts. */
export interface IndicatorDefinition {
  /** How many months before the reference month the figure looks back. */
  readonly lookBack: number;
  /** How many months after the reference month it needs to be known (3: out of benefits 3 months later). */
  readonly followUp: number;
  readonly metrics: readonly Metric[];
  /** A figure of one target group whatever cell is asked (K2E4: single parents). */
  readonly onlySingleParents?: boolean;
  compute(sums: Sums, month: Month, planned: readonly PlannedMeasure[]): IndicatorValue;
}

function ratio(numerator: number, denominator: number | null): number | null {
  return denominator === null || denominator === 0 ? null : numerator / denominator;
}

function months(from: Month, to: Month): Month[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Σ of a state over the reference days `from`..`to`. */
const stateSum = (sums: Sums, metric: StateMetric, from: Month, to: Month) =>
  months(from, to).reduce((total, m) => total + sums.state(metric, m), 0);

/**
 * „Durchschnittlicher Bestand … in den vergangenen zwölf Monaten": the mean of the 12 reference
 * days before the reference month (*m*−12 … *m*−1), as the BA publishes it (docs/statistics-method.md, K2).
 */
const averageBefore = (sums: Sums, month: Month, metric: StateMetric) =>
  stateSum(sums, metric, month - 12, month - 1) / 12;

const figure = (numerator: number, denominator: number | null): IndicatorValue => ({
  numerator,
  denominator,
  value: ratio(numerator, denominator),
});

/** Quota over the last 12 reporting months: entries / average stock of the 12 months before. */
function quota(metric: EventMetric, base: StateMetric = 'stock'): IndicatorDefinition {
  return {
    lookBack: 12,
    followUp: 0,
    metrics: [metric, base],
    compute: (sums, month) =>
      figure(sums.events(metric, month - 11, month), averageBefore(sums, month, base)),
  };
}

/** A stock on the reference day against the same day a year earlier (K1E2, K3). */
function change(metric: StateMetric): IndicatorDefinition {
  return {
    lookBack: 12,
    followUp: 0,
    metrics: [metric],
    compute: (sums, month) => figure(sums.state(metric, month), sums.state(metric, month - 12)),
  };
}

/**
 * „Es wird ein Durchschnitt der vergangenen zwölf Monate gebildet": the stock-weighted mean of the
 * monthly rates (BA, Kennzahlensteckbrief Abgangsrate), i.e. Σ movements / Σ bases. Entry rates
 * divide by the stock of the same month, exit rates by that of the month before (§ 4 Abs. 2).
 */
function averageRate(
  metric: EventMetric,
  base: StateMetric,
  baseShift: 0 | 1,
): IndicatorDefinition {
  return {
    lookBack: 11 + baseShift,
    followUp: 0,
    metrics: [metric, base],
    compute: (sums, month) =>
      figure(
        sums.events(metric, month - 11, month),
        stateSum(sums, base, month - 11 - baseShift, month - baseShift),
      ),
  };
}

const integrationQuota = quota('integrations');

export const INDICATORS = {
  'integration-quota': integrationQuota,
  'marginal-employment-quota': quota('marginal_entries'),
  'publicly-funded-quota': quota('publicly_funded_entries'),
  'continuous-employment': {
    lookBack: 17,
    followUp: 0,
    metrics: ['integrations_insured', 'integrations_continuous'],
    compute: (sums, month) =>
      figure(
        sums.events('integrations_continuous', month - 17, month - 6),
        sums.events('integrations_insured', month - 17, month - 6),
      ),
  },
  'single-parent-integration-quota': {
    ...integrationQuota,
    onlySingleParents: true,
  },
  'need-covering-integrations': {
    lookBack: 11,
    followUp: 3,
    metrics: ['integrations', 'integrations_need_covering'],
    compute: (sums, month) =>
      figure(
        sums.events('integrations_need_covering', month - 11, month),
        sums.events('integrations', month - 11, month),
      ),
  },
  'long-term-recipients': change('lzb'),
  'long-term-integration-quota': quota('integrations_lzb', 'lzb'),
  'long-term-activation-quota': {
    lookBack: 0,
    followUp: 0,
    metrics: ['lzb_active', 'lzb'],
    compute: (sums, month) => figure(sums.state('lzb_active', month), sums.state('lzb', month)),
  },
  'long-term-entry-rate': averageRate('lzb_entries', 'lzb', 0),
  'long-term-exit-rate': averageRate('lzb_outflows', 'lzb', 1),
  'elb-change': change('stock'),
  'elb-entry-rate': averageRate('elb_entries', 'stock', 0),
  'elb-exit-rate': averageRate('elb_outflows', 'stock', 1),
  'need-ended': {
    lookBack: 1,
    followUp: 0,
    metrics: ['elb_outflows', 'stock'],
    compute(sums, month) {
      const denominator = sums.state('stock', month - 1);
      return {
        ...figure(sums.events('elb_outflows', month, month), denominator),
        breakdown: sums.details('elb_outflows').map((reason) => {
          const count = sums.events('elb_outflows', month, month, reason);
          return { key: reason, ...figure(count, denominator) };
        }),
      };
    },
  },
  'measure-occupancy': {
    lookBack: 0,
    followUp: 0,
    metrics: ['participants', 'measure_entries'],
    compute(sums, month, planned) {
      const breakdown = planned.map((measure) => {
        const participants = sums.state('participants', month, measure.measure);
        return {
          key: measure.measure,
          label: measure.title,
          ...figure(participants, measure.plannedPlaces),
          entries: sums.events('measure_entries', month, month, measure.measure),
        };
      });
      const numerator = breakdown.reduce((sum, item) => sum + item.numerator, 0);
      const denominator = planned.reduce((sum, item) => sum + item.plannedPlaces, 0);
      return { ...figure(numerator, denominator), breakdown };
    },
  },
  'measure-integration': {
    lookBack: 11,
    followUp: 6,
    metrics: ['measure_leavers', 'measure_leavers_integrated'],
    compute(sums, month) {
      return {
        ...figure(
          sums.events('measure_leavers_integrated', month - 11, month),
          sums.events('measure_leavers', month - 11, month),
        ),
        breakdown: sums.details('measure_leavers').map((measure) => ({
          key: measure,
          ...figure(
            sums.events('measure_leavers_integrated', month - 11, month, measure),
            sums.events('measure_leavers', month - 11, month, measure),
          ),
        })),
      };
    },
  },
  stock: {
    lookBack: 0,
    followUp: 0,
    metrics: ['stock'],
    compute(sums, month) {
      const numerator = sums.state('stock', month);
      return { numerator, denominator: null, value: numerator };
    },
  },
} as const satisfies Record<string, IndicatorDefinition>;

export type IndicatorName = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

export function isIndicator(value: string): value is IndicatorName {
  return Object.hasOwn(INDICATORS, value);
}

/**
 * Wartezeit: „In der Grundsicherungssicherungsstatistik SGB II wird üblicherweise eine Wartezeit
 * von drei Monaten verwendet" (sgb2.info, Kennzahlen-Glossar; docs/statistics-method.md).
 */
export const WAITING_PERIOD_MONTHS = 3;

/**
 * A month's figure is final only once the whole waiting period after the reference day of the
 * last month it needs has passed: from the day after ST(m + followUp + 3). On 2 December,
 * September (ST(December) = 15 December) is still provisional, August is final.
 */
export function isProvisional(indicator: IndicatorName, month: Month, today: string): boolean {
  return today <= referenceDay(month + INDICATORS[indicator].followUp + WAITING_PERIOD_MONTHS);
}
