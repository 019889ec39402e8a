/**
 * Publication functions: what a caller learns from one answer. Today's rule is the real
 * present() (presentation.ts); the chosen rule is the keyed rounding of rounding.ts.
 */
import type { IndicatorValue } from '../indicators.js';
import { present, type PresentOptions } from '../presentation.js';
import type { Cell } from '../statistics.queries.js';
import { keyedOffset, roundCount, roundedInterval } from './rounding.js';

/** What one published number tells a caller about the true count. */
export type Knowledge =
  | { readonly kind: 'exact'; readonly value: number }
  | { readonly kind: 'interval'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'none' };

export interface Answer {
  readonly numerator: Knowledge;
  /** The items the answer lists, by key; a catalogue reason not listed is information too. */
  readonly breakdown?: readonly { readonly key: string; readonly numerator: Knowledge }[];
}

export interface PublishRequest {
  readonly cells: Record<Cell, IndicatorValue>;
  readonly options: PresentOptions;
  /** Canonical name of the logical cell (the same count asked by any route has the same name). */
  readonly identity: string;
  /** Every breakdown item with its count, listed or not (need ended: every reason). */
  readonly catalogue?: readonly { readonly key: string; readonly count: number }[];
}

export type Publication = (request: PublishRequest) => Answer;

const known = (value: number | null): Knowledge =>
  value === null ? { kind: 'none' } : { kind: 'exact', value };

/** Today's rule: present() as the service calls it. */
export const todaysRule: Publication = ({ cells, options }) => {
  const shown = present(cells, options);
  return {
    numerator: shown.suppressed ? { kind: 'none' } : known(shown.numerator),
    ...(shown.breakdown
      ? {
          breakdown: shown.breakdown.map((item) => ({
            key: item.key,
            numerator: item.suppressed ? { kind: 'none' as const } : known(item.numerator),
          })),
        }
      : {}),
  };
};

/** Protection switched off: every caller gets the exact counts (the adversary must then win). */
export const unprotected: Publication = (request) =>
  todaysRule({ ...request, options: { ...request.options, suppress: false } });

/**
 * The chosen rule: the own Jobcenter's staff see exact counts; everyone else gets every count,
 * and every breakdown item of the full catalogue, rounded by the keyed rule.
 */
export function keyedRounding(secret: string): Publication {
  const rounded = (identity: string, count: number): Knowledge => {
    const published = roundCount(count, keyedOffset(secret, identity));
    return { kind: 'interval', ...roundedInterval(published) };
  };
  return (request) => {
    if (!request.options.suppress) return unprotected(request);
    return {
      numerator: rounded(request.identity, request.cells.cell.numerator),
      ...(request.catalogue
        ? {
            breakdown: request.catalogue.map((item) => ({
              key: item.key,
              numerator: rounded(`${request.identity}|${item.key}`, item.count),
            })),
          }
        : {}),
    };
  };
}
