/**
 * The key figures (Kennzahlen nach § 48a SGB II) and the other statistics, computed from the
 * monthly totals of one Jobcenter (or of all, for the national view) and one cell of the
 * dimensions (target group, gender). Pure: the sums come from the read model (see
 * statistics.queries.ts), the reference implementation in the tests computes the same figures
 * from raw events in its own way.
 */
import { GENDERS } from '#domain';
import type { EventMetric, Metric, StateMetric } from './contributions.js';
import type { Month } from './months.js';

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

export interface IndicatorDefinition {
  readonly title: string;
  readonly definition: string;
  /** How many months before the reference month the figure looks back. */
  readonly lookBack: number;
  /** How many months after the reference month it needs to be known (3: out of benefits 3 months later). */
  readonly followUp: number;
  readonly metrics: readonly Metric[];
  compute(sums: Sums, month: Month, planned: readonly PlannedMeasure[]): IndicatorValue;
}

function ratio(numerator: number, denominator: number | null): number | null {
  return denominator === null || denominator === 0 ? null : numerator / denominator;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function last12(month: Month): Month[] {
  return Array.from({ length: 12 }, (_, i) => month - 11 + i);
}

const averageStock = (sums: Sums, month: Month, metric: StateMetric = 'stock') =>
  mean(last12(month).map((m) => sums.state(metric, m)));

/** Quota over the last 12 months: events / average stock of the 12 month ends. */
function quota(title: string, definition: string, metric: EventMetric): IndicatorDefinition {
  return {
    title,
    definition,
    lookBack: 11,
    followUp: 0,
    metrics: [metric, 'stock'],
    compute(sums, month) {
      const numerator = sums.events(metric, month - 11, month);
      const denominator = averageStock(sums, month);
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  };
}

export const INDICATORS = {
  'integration-quota': quota(
    'K2 Integrationsquote',
    'Integrations (insured employment, vocational training or self-employment; at most one per client and month) in the last 12 months divided by the average stock of the 12 month ends.',
    'integrations',
  ),
  'marginal-employment-quota': quota(
    'K2E1 Quote der Aufnahmen geringfügiger Beschäftigung',
    'Entries into marginal employment (Minijob) in the last 12 months divided by the average stock.',
    'marginal_entries',
  ),
  'publicly-funded-quota': quota(
    'K2E2 Quote der Aufnahmen öffentlich geförderter Beschäftigung',
    'Entries into publicly funded employment in the last 12 months divided by the average stock.',
    'publicly_funded_entries',
  ),
  'continuous-employment': {
    title: 'K2E3 Kontinuierliche Beschäftigung nach Integration',
    definition:
      'Of the integrations in the 12 months that ended 12 months before the reference month, the share continuously in work (insured, training or self-employed, gapless) for 12 months from the start.',
    lookBack: 23,
    followUp: 0,
    metrics: ['integrations', 'integrations_sustained'],
    compute(sums, month) {
      const numerator = sums.events('integrations_sustained', month - 23, month - 12);
      const denominator = sums.events('integrations', month - 23, month - 12);
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  },
  'need-covering-integrations': {
    title: 'Bedarfsdeckende Integrationen',
    definition:
      'Of the integrations in the last 12 months, the share after which the client was no longer in SGB II receipt at the end of the third month after the month of integration (a move or transfer to another Jobcenter while in need is no end of receipt).',
    lookBack: 11,
    followUp: 3,
    metrics: ['integrations', 'integrations_need_covering'],
    compute(sums, month) {
      const numerator = sums.events('integrations_need_covering', month - 11, month);
      const denominator = sums.events('integrations', month - 11, month);
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  },
  'long-term-recipients': {
    title: 'K3 Veränderung des Bestands an Langzeitleistungsbeziehenden',
    definition:
      'Long-term recipients (in need at the end of at least 21 of the last 24 months, including this one) at the end of the month, divided by their number a year earlier.',
    lookBack: 12,
    followUp: 0,
    metrics: ['lzb'],
    compute(sums, month) {
      const numerator = sums.state('lzb', month);
      const denominator = sums.state('lzb', month - 12);
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  },
  'long-term-integration-quota': {
    title: 'K3E1 Integrationsquote der Langzeitleistungsbeziehenden',
    definition:
      'Integrations of clients who were long-term recipients at the end of the month before, in the last 12 months, divided by the average number of long-term recipients.',
    lookBack: 11,
    followUp: 0,
    metrics: ['integrations_lzb', 'lzb'],
    compute(sums, month) {
      const numerator = sums.events('integrations_lzb', month - 11, month);
      const denominator = averageStock(sums, month, 'lzb');
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  },
  'long-term-activation-quota': {
    title: 'K3E2 Aktivierungsquote der Langzeitleistungsbeziehenden',
    definition:
      'Long-term recipients in an ongoing measure at the end of the month, divided by all long-term recipients then.',
    lookBack: 0,
    followUp: 0,
    metrics: ['lzb_active', 'lzb'],
    compute(sums, month) {
      const numerator = sums.state('lzb_active', month);
      const denominator = sums.state('lzb', month);
      return { numerator, denominator, value: ratio(numerator, denominator) };
    },
  },
  'need-ended': {
    title: 'Abgänge aus dem Leistungsbezug',
    definition:
      'Ends of need for assistance with their effective date in the month, by reason; the rate divides by the stock at the end of the month before.',
    lookBack: 1,
    followUp: 0,
    metrics: ['need_ended', 'stock'],
    compute(sums, month) {
      const numerator = sums.events('need_ended', month, month);
      const denominator = sums.state('stock', month - 1);
      return {
        numerator,
        denominator,
        value: ratio(numerator, denominator),
        breakdown: sums.details('need_ended').map((reason) => {
          const count = sums.events('need_ended', month, month, reason);
          return { key: reason, numerator: count, denominator, value: ratio(count, denominator) };
        }),
      };
    },
  },
  'measure-occupancy': {
    title: 'Maßnahmebesetzung',
    definition:
      'Participants in the measures of the year’s Arbeitsmarktprogramm at the end of the month against the planned places; per measure also the entries of the month.',
    lookBack: 0,
    followUp: 0,
    metrics: ['participants', 'measure_entries'],
    compute(sums, month, planned) {
      const breakdown = planned.map((measure) => {
        const participants = sums.state('participants', month, measure.measure);
        return {
          key: measure.measure,
          label: measure.title,
          numerator: participants,
          denominator: measure.plannedPlaces,
          value: ratio(participants, measure.plannedPlaces),
          entries: sums.events('measure_entries', month, month, measure.measure),
        };
      });
      const numerator = breakdown.reduce((sum, item) => sum + item.numerator, 0);
      const denominator = planned.reduce((sum, item) => sum + item.plannedPlaces, 0);
      return { numerator, denominator, value: ratio(numerator, denominator), breakdown };
    },
  },
  'measure-integration': {
    title: 'Integration nach Maßnahmeende',
    definition:
      'Of the clients who left a measure (completed or aborted after starting) in the last 12 months, the share integrated within 6 months after leaving (Eingliederungsbilanz, § 54 SGB II).',
    lookBack: 11,
    followUp: 6,
    metrics: ['measure_leavers', 'measure_leavers_integrated'],
    compute(sums, month) {
      const numerator = sums.events('measure_leavers_integrated', month - 11, month);
      const denominator = sums.events('measure_leavers', month - 11, month);
      return {
        numerator,
        denominator,
        value: ratio(numerator, denominator),
        breakdown: sums.details('measure_leavers').map((measure) => {
          const leavers = sums.events('measure_leavers', month - 11, month, measure);
          const integrated = sums.events('measure_leavers_integrated', month - 11, month, measure);
          return {
            key: measure,
            numerator: integrated,
            denominator: leavers,
            value: ratio(integrated, leavers),
          };
        }),
      };
    },
  },
  stock: {
    title: 'Bestand an erwerbsfähigen Leistungsberechtigten',
    definition: 'Clients in need at the end of the month.',
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
 * last month it needs has passed. The reference day is still the month's last day here (the
 * BA's mid-month Stichtag is to do, docs/statistics-method.md), so a month stays provisional
 * through the whole third month after it: September is final from 1 January.
 */
export function isProvisional(
  indicator: IndicatorName,
  month: Month,
  currentMonth: Month,
): boolean {
  return month + INDICATORS[indicator].followUp + WAITING_PERIOD_MONTHS >= currentMonth;
}
