import { clientHistory, type ClientHistory } from './client-history.js';
import { seededRandom } from './seeded-random.js';

const FROM = '2024-01-01';
const TODAY = '2026-11-25';

function histories(seed: number): ClientHistory[] {
  const rng = seededRandom(seed);
  return Array.from({ length: 200 }, () => clientHistory(rng, FROM, TODAY));
}

/** The ids a history chooses for what it creates are random; everything else follows the seed. */
function withoutIds(history: ClientHistory) {
  return {
    ...history,
    steps: history.steps.map(({ params, ...step }) => ({
      ...step,
      params: params && Object.keys(params),
    })),
  };
}

it('gives the same histories for the same seed, and others for another', () => {
  expect(histories(7).map(withoutIds)).toEqual(histories(7).map(withoutIds));
  expect(histories(8).map(withoutIds)).not.toEqual(histories(7).map(withoutIds));
});

it('dates every step between the enrolment and today', () => {
  for (const { enrol, steps } of histories(1)) {
    const enrolledOn = enrol.enrolledOn as string;
    expect(enrolledOn >= FROM && enrolledOn <= TODAY).toBe(true);
    for (const step of steps) expect(step.on > enrolledOn && step.on <= TODAY).toBe(true);
  }
});
