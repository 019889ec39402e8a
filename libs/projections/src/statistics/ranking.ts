// All Jobcenters ranked by a figure: the best first, equal values sharing a rank; suppressed
// figures and those without a value come last, unranked.
import type { IndicatorName } from './indicators.js';

/** Figures where a smaller value is the better one. */
const LOWER_IS_BETTER: ReadonlySet<IndicatorName> = new Set(['long-term-recipients', 'stock']);

/** A Jobcenter's figure as shown (suppressed for the ranking, which everyone may see). */
export interface ShownJobcenter {
  readonly jobcenter: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
}

export interface RankingEntry extends ShownJobcenter {
  readonly rank: number | null;
}

export interface Ranking {
  readonly better: 'lower' | 'higher';
  /** How many Jobcenters have a rank (not suppressed, with a value). */
  readonly ranked: number;
  readonly jobcenters: readonly RankingEntry[];
}

export function rankJobcenters(
  indicator: IndicatorName,
  entries: readonly ShownJobcenter[],
): Ranking {
  const direction = LOWER_IS_BETTER.has(indicator) ? 1 : -1;
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
    better: direction === 1 ? 'lower' : 'higher',
    ranked: ranked.length,
    jobcenters: list,
  };
}
