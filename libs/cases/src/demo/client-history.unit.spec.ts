import { addDays } from '#domain';
import { clientHistory, type ClientHistory } from './client-history.js';
import { demoCases, type DemoCase } from './demo-cases.js';
import { seededRandom } from './seeded-random.js';

const FROM = '2024-01-01';
const TODAY = '2026-11-25';

function histories(seed: number): ClientHistory[] {
  const rng = seededRandom(seed);
  return Array.from({ length: 200 }, (_, person) => clientHistory(rng, FROM, TODAY, { person }));
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

it('enrols nobody after today, also when a move closes a case in the last days', () => {
  // Large enough that some moves fall into the last five days (the benchmark's 1M cases did).
  const late = [
    ...demoCases({ jobcenters: 3, clients: 4000, seed: 5, from: '2024-01', today: TODAY }),
  ];
  const enrolments = late.map((c) => c.history.enrol.enrolledOn as string);
  expect(enrolments.filter((on) => on > TODAY)).toEqual([]);
  expect(late.some((c) => c.again && c.history.enrol.enrolledOn === TODAY)).toBe(true);
});

describe('the data set', () => {
  const options = { jobcenters: 4, clients: 150, seed: 3, from: '2024-01', today: TODAY };
  const cases = [...demoCases(options)];
  /** Each person's cases, in the order they were generated (each after the one it follows). */
  const byPerson = new Map<number, DemoCase[]>();
  for (const c of cases) byPerson.set(c.person, [...(byPerson.get(c.person) ?? []), c]);
  const identity = (c: DemoCase) => {
    const { givenName, familyName, dateOfBirth } = c.history.enrol.client as Record<string, string>;
    return `${givenName}|${familyName}|${dateOfBirth}`;
  };

  it('is the same for the same seed', () => {
    expect([...demoCases(options)].map((c) => ({ ...c, history: withoutIds(c.history) }))).toEqual(
      cases.map((c) => ({ ...c, history: withoutIds(c.history) })),
    );
  });

  it("has every Jobcenter's new clients, persons with distinct names and the same client data in each of their cases", () => {
    expect(byPerson.size).toBe(options.jobcenters * options.clients);
    expect(cases.filter((c) => !c.again)).toHaveLength(byPerson.size);
    const identities = new Set<string>();
    for (const own of byPerson.values()) {
      expect(own[0]!.again).toBe(false);
      expect(own.slice(1).every((c) => c.again)).toBe(true);
      for (const c of own) expect(c.history.enrol.client).toEqual(own[0]!.history.enrol.client);
      identities.add(identity(own[0]!));
    }
    expect(identities.size).toBe(byPerson.size);
  });

  it('re-enrols persons after a closing: later after the end of need, the same day in the same Jobcenter, or after a move in another', () => {
    const kinds = { needEnded: 0, sameDay: 0, move: 0 };
    for (const own of byPerson.values()) {
      for (let i = 1; i < own.length; i++) {
        const [before, after] = [own[i - 1]!, own[i]!];
        const close = before.history.steps.at(-1)!;
        expect(close.path).toBe('close');
        const reason = close.body.reason;
        const enrolledOn = after.history.enrol.enrolledOn as string;
        if (before.tenant !== after.tenant) {
          expect(reason).toBe('moved');
          expect(enrolledOn >= close.on && enrolledOn <= addDays(close.on, 5)).toBe(true);
          kinds.move += 1;
        } else if (reason === 'need-ended') {
          expect(enrolledOn > close.on).toBe(true);
          kinds.needEnded += 1;
        } else {
          expect(['transferred', 'other']).toContain(reason);
          expect(enrolledOn).toBe(close.on);
          kinds.sameDay += 1;
        }
      }
    }
    expect(kinds.needEnded).toBeGreaterThan(5);
    expect(kinds.sameDay).toBeGreaterThan(2);
    expect(kinds.move).toBeGreaterThan(5);
  });
});
