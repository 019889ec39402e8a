import { rankJobcenters, type ShownJobcenter } from './ranking.js';

function shown(jobcenter: string, value: number | null, suppressed = false): ShownJobcenter {
  return { jobcenter, numerator: value === null ? null : 1, denominator: null, value, suppressed };
}

it('ranks the higher value first where higher is better; equal values share a rank', () => {
  const ranking = rankJobcenters('integration-quota', [
    shown('jc-c', 0.2),
    shown('jc-a', 0.4),
    shown('jc-b', 0.4),
  ]);
  expect(ranking.better).toBe('higher');
  expect(ranking.jobcenters.map((e) => [e.jobcenter, e.rank])).toEqual([
    ['jc-a', 1],
    ['jc-b', 1],
    ['jc-c', 3],
  ]);
});

it('ranks the lower value first for the stock, and puts suppressed figures last, unranked', () => {
  const ranking = rankJobcenters('stock', [
    shown('jc-a', 30),
    shown('jc-b', null, true),
    shown('jc-c', 10),
    shown('jc-d', null),
  ]);
  expect(ranking).toMatchObject({ better: 'lower', ranked: 2 });
  expect(ranking.jobcenters.map((e) => [e.jobcenter, e.rank, e.suppressed])).toEqual([
    ['jc-c', 1, false],
    ['jc-a', 2, false],
    ['jc-b', null, true],
    ['jc-d', null, false],
  ]);
});
