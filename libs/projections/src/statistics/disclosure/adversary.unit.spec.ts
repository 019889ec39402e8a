import fc from 'fast-check';
import { GENDERS, NEED_ENDED_REASONS } from '#domain';
import { attack, type AttackReport } from './adversary.js';
import {
  atomIndex,
  combo,
  emptyDataset,
  viewer,
  type Address,
  type Dataset,
  type Figure,
  type Shape,
} from './model.js';
import { keyedRounding, todaysRule, unprotected } from './publication.js';

const SHAPE: Shape = {
  jobcenters: ['A', 'B', 'C'],
  months: 24,
  window: 12,
  reasons: NEED_ENDED_REASONS,
};

interface Person {
  readonly jc: number;
  readonly gender: number;
  readonly age: 0 | 1 | 2;
  readonly singleParent: boolean;
  readonly refugee: boolean;
  readonly integrations: readonly number[];
  readonly endings: readonly { readonly month: number; readonly reason: number }[];
}

const person = fc.record({
  jc: fc.integer({ min: 0, max: SHAPE.jobcenters.length - 1 }),
  gender: fc.integer({ min: 0, max: GENDERS.length - 1 }),
  age: fc.constantFrom(0 as const, 1 as const, 2 as const),
  singleParent: fc.boolean(),
  refugee: fc.boolean(),
  integrations: fc.uniqueArray(fc.integer({ min: 0, max: SHAPE.months - 1 }), { maxLength: 3 }),
  endings: fc.array(
    fc.record({
      month: fc.integer({ min: 0, max: SHAPE.months - 1 }),
      reason: fc.integer({ min: 0, max: SHAPE.reasons.length - 1 }),
    }),
    { maxLength: 2 },
  ),
});

function dataset(people: readonly Person[], shape = SHAPE): Dataset {
  const data = emptyDataset(shape);
  for (const p of people) {
    const c = combo(p.age, p.singleParent, p.refugee);
    for (const month of p.integrations) {
      data.integrations[atomIndex(shape, p.jc, month, p.gender, c)]! += 1;
    }
    for (const { month, reason } of p.endings) {
      data.needEnded[atomIndex(shape, p.jc, month, p.gender, c, reason)]! += 1;
    }
  }
  return data;
}

/** The hand-made findings need 14 months only (one rolling window of 12 and two more). */
const SMALL: Shape = { ...SHAPE, months: 14 };

const national = viewer('national analyst', '*', 'analyst');
const analystA = viewer('analyst of A', 'A', 'analyst');
const caseworkerB = viewer('caseworker of B', 'B', 'caseworker');
const SECRET = 'test key of the keyed rounding';

/** Adds `n` persons' events to one atom (jc, month, gender, age band, flags; a reason for need ended). */
function put(
  data: Dataset,
  at: {
    figure: Figure;
    jc: number;
    month: number;
    gender: number;
    age?: 0 | 1 | 2;
    reason?: number;
  },
  n: number,
): void {
  const c = combo(at.age ?? 1, false, false);
  if (at.figure === 'integrations') {
    data.integrations[atomIndex(data.shape, at.jc, at.month, at.gender, c)]! += n;
  } else {
    data.needEnded[atomIndex(data.shape, at.jc, at.month, at.gender, c, at.reason ?? 0)]! += n;
  }
}

const FEMALE = GENDERS.indexOf('female');
const MALE = GENDERS.indexOf('male');
const DIVERSE = GENDERS.indexOf('diverse');
const UNSPECIFIED = GENDERS.indexOf('unspecified');

const cell = (a: Partial<Address> & Pick<Address, 'figure' | 'jobcenter' | 'month'>): Address => ({
  gender: 'all',
  group: 'all',
  ...a,
});
const same = (a: Address, b: Address) =>
  a.figure === b.figure &&
  a.jobcenter === b.jobcenter &&
  a.month === b.month &&
  a.gender === b.gender &&
  a.group === b.group &&
  a.reason === b.reason &&
  !!a.monthly === !!b.monthly;

/** The value the adversary pinned the cell to, if it did. */
const pinnedAt = (report: AttackReport, target: Address) =>
  report.pinned.find((r) => same(r.address, target))?.value;

/** Whether the publication withheld the cell from the caller (suppressed, nothing shown). */
const withheldIn = (report: AttackReport, target: Address) =>
  report.facts.find((f) => same(f.address, target))?.knowledge.kind === 'none';

describe('the adversary (issue 17)', () => {
  const sample = fc.sample(fc.array(person, { minLength: 34, maxLength: 34 }), {
    numRuns: 1,
    seed: 17,
  })[0]!;

  it('pins every cell when protection is switched off (the test can fail)', () => {
    const data = dataset(sample);
    const report = attack(data, national, unprotected);
    expect(report.pinned).toHaveLength(report.targets);
    expect(report.protectedCells).toBeGreaterThan(0);
    expect(report.disclosed).toHaveLength(report.protectedCells);
  });

  it('finding 1: the four genders give away the suppressed diverse cell', () => {
    const data = emptyDataset(SMALL);
    const month = 12;
    put(data, { figure: 'integrations', jc: 0, month, gender: FEMALE }, 7);
    put(data, { figure: 'integrations', jc: 0, month, gender: MALE }, 6);
    put(data, { figure: 'integrations', jc: 0, month, gender: UNSPECIFIED }, 4);
    put(data, { figure: 'integrations', jc: 0, month, gender: DIVERSE }, 1);
    const diverse = cell({ figure: 'integrations', jobcenter: 'A', month, gender: 'diverse' });
    const today = attack(data, analystA, todaysRule);
    expect(withheldIn(today, diverse)).toBe(true);
    expect(pinnedAt(today, diverse)).toBe(1);
    expect(attack(data, analystA, keyedRounding(SECRET)).pinned).toEqual([]);
  });

  it('finding 2: the national sum minus the ranked Jobcenters gives away the suppressed one', () => {
    const data = emptyDataset(SMALL);
    const month = 12;
    put(data, { figure: 'integrations', jc: 0, month, gender: FEMALE }, 1);
    put(data, { figure: 'integrations', jc: 1, month, gender: MALE }, 5);
    put(data, { figure: 'integrations', jc: 2, month, gender: FEMALE }, 6);
    const a = cell({ figure: 'integrations', jobcenter: 'A', month });
    const today = attack(data, national, todaysRule);
    expect(withheldIn(today, a)).toBe(true);
    expect(pinnedAt(today, a)).toBe(1);
    expect(attack(data, national, keyedRounding(SECRET)).pinned).toEqual([]);
  });

  it("finding 3: the ranking shows a caseworker another Jobcenter's exact figures", () => {
    const data = emptyDataset(SMALL);
    put(data, { figure: 'integrations', jc: 0, month: 12, gender: FEMALE }, 5);
    const a = cell({ figure: 'integrations', jobcenter: 'A', month: 12 });
    expect(pinnedAt(attack(data, caseworkerB, todaysRule), a)).toBe(5);
    // Only B's own cells are exact for B's caseworker, and those are not attacked.
    expect(attack(data, caseworkerB, keyedRounding(SECRET)).pinned).toEqual([]);
  });

  it('finding 4: all − U25 − 50+ gives the 25–49 band; consecutive rolling sums give a month', () => {
    const data = emptyDataset(SMALL);
    put(data, { figure: 'integrations', jc: 0, month: 12, gender: FEMALE, age: 0 }, 4);
    put(data, { figure: 'integrations', jc: 0, month: 12, gender: MALE, age: 2 }, 5);
    put(data, { figure: 'integrations', jc: 0, month: 12, gender: UNSPECIFIED, age: 1 }, 1);
    put(data, { figure: 'integrations', jc: 1, month: 2, gender: FEMALE }, 5);
    put(data, { figure: 'integrations', jc: 1, month: 3, gender: FEMALE }, 1);
    const band = cell({ figure: 'integrations', jobcenter: 'A', month: 12, group: '25-49' });
    const month3 = cell({ figure: 'integrations', jobcenter: 'B', month: 3, monthly: true });
    const today = attack(data, national, todaysRule);
    expect(pinnedAt(today, band)).toBe(1);
    expect(pinnedAt(today, month3)).toBe(1);
    expect(attack(data, national, keyedRounding(SECRET)).pinned).toEqual([]);
  });

  it('finding 5: the breakdown of a suppressed cell names the reason, an empty one gives a 0', () => {
    const data = emptyDataset(SMALL);
    const month = 5;
    const moved = SMALL.reasons.indexOf('moved');
    put(data, { figure: 'need-ended', jc: 0, month, gender: FEMALE, reason: moved }, 1);
    const total = cell({ figure: 'need-ended', jobcenter: 'A', month });
    const diverse = cell({ figure: 'need-ended', jobcenter: 'A', month, gender: 'diverse' });
    const today = attack(data, analystA, todaysRule);
    expect(withheldIn(today, total)).toBe(true);
    expect(withheldIn(today, diverse)).toBe(true);
    for (const reason of SMALL.reasons.filter((r) => r !== 'moved')) {
      expect(pinnedAt(today, { ...total, reason })).toBe(0);
    }
    expect(pinnedAt(today, diverse)).toBe(0);
    expect(attack(data, analystA, keyedRounding(SECRET)).pinned).toEqual([]);
  });

  it("today's rule discloses small cells of a generated data set to every kind of caller", () => {
    const people = sample.map((p) => ({
      ...p,
      integrations: p.integrations.filter((m) => m < SMALL.months),
      endings: p.endings.filter((e) => e.month < SMALL.months),
    }));
    const data = dataset(people, SMALL);
    for (const who of [national, analystA, caseworkerB]) {
      expect(attack(data, who, todaysRule).disclosed.length).toBeGreaterThan(0);
    }
  });

  it('the keyed rounding lets the adversary pin no cell at all, whatever the data set', () => {
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 10, maxLength: 40 }),
        fc.string({ minLength: 1 }),
        (people, secret) => {
          const data = dataset(people);
          for (const who of [national, caseworkerB]) {
            expect(attack(data, who, keyedRounding(secret)).pinned).toEqual([]);
          }
        },
      ),
      { numRuns: 3 },
    );
  });
});
