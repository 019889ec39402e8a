/**
 * Hand-worked examples, one small Jobcenter per figure, with the arithmetic written out. They
 * go through the real deciders, the projection and the queries (on embedded PostgreSQL). Each
 * case is a person of its own here; persons with several cases: indicators.persons.examples.
 * Reference days (ST) are the 15th; reporting month m runs from the 16th of m-1 to the 15th of m.
 */
import {
  caseDecider,
  programmeDecider,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ProgrammeEvent,
  type ProgrammeState,
} from '#domain';
import { PGliteDatabase } from '#event-store';
import type { GenderFilter, IndicatorName, TargetGroup } from './indicators.js';
import { parseMonth } from './months.js';
import { StatisticsProjection } from './statistics.projection.js';
import { StatisticsQueries } from './statistics.queries.js';
import { asRecorded } from './testing/histories.js';

const SCHEMA = 'examples';
const metadata = { today: '2026-06-30' };
let db: PGliteDatabase;
const projection = new StatisticsProjection();

beforeAll(async () => {
  db = await PGliteDatabase.open();
  await db.transaction((tx) => projection.createSchema(tx, SCHEMA));
});
afterAll(async () => {
  await db?.close();
});

/** A client's story in commands; each becomes events through the case decider. */
async function client(
  tenant: string,
  caseId: string,
  enrolledOn: string,
  steps: [CaseCommand['type'], object][] = [],
  born = '1985-05-20',
) {
  let state: CaseState = caseDecider.initialState();
  const events: CaseEvent[] = [];
  const commands = [
    [
      'EnrolClient',
      {
        caseId,
        enrolledOn,
        personKey: `pk_${tenant}_${caseId}`.padEnd(16, '0'),
        client: { givenName: 'X', familyName: 'Y', dateOfBirth: born, gender: 'female' },
        targetGroups: { singleParent: false, refugeeUkraine: true },
      },
    ],
    ...steps,
  ] as [CaseCommand['type'], object][];
  for (const [type, data] of commands) {
    const command = { type, data, metadata } as CaseCommand;
    for (const event of caseDecider.decide(command, state)) {
      events.push(event);
      state = caseDecider.evolve(state, event);
    }
  }
  await db.transaction((tx) =>
    projection.apply(asRecorded(tenant, `case-${caseId}`, events), tx, SCHEMA),
  );
}

async function programme(tenant: string, year: number, measures: [string, number][]) {
  let state: ProgrammeState = programmeDecider.initialState();
  const events: ProgrammeEvent[] = [];
  const run = (command: Parameters<typeof programmeDecider.decide>[0]) => {
    for (const event of programmeDecider.decide(command, state)) {
      events.push(event);
      state = programmeDecider.evolve(state, event);
    }
  };
  for (const [measureId, plannedPlaces] of measures) {
    run({
      type: 'OfferMeasure',
      data: {
        year,
        measureId,
        title: measureId,
        kind: 'coaching',
        plannedPlaces,
        targetGroups: ['all'],
        offeredOn: `${year - 1}-11-01`,
      },
      metadata,
    });
  }
  run({ type: 'ApproveProgramme', data: { year, approvedOn: `${year - 1}-12-01` }, metadata });
  await db.transaction((tx) =>
    projection.apply(asRecorded(tenant, `programme-${year}`, events), tx, SCHEMA),
  );
  return { ...state, version: events.length };
}

async function figure(
  tenant: string,
  indicator: IndicatorName,
  month: string,
  group: TargetGroup = 'all',
  gender: GenderFilter = 'all',
) {
  const result = await new StatisticsQueries(db, SCHEMA).compute({
    indicator,
    month: parseMonth(month)!,
    group,
    gender,
    tenant,
  });
  return result.get(tenant)!.cell;
}

describe('hand-worked examples', () => {
  it('need-covering integrations: a move or transfer to another Jobcenter is no end of receipt', async () => {
    const t = 'ex-moved';
    // a: insured job from 3 Mar 2025 (reporting month March: 16 Feb-15 Mar; in the stock on
    //    15 Feb), need ends 31 Mar, case closed as need-ended: out of receipt on 15 June (March + 3).
    await client(t, 'a', '2025-01-06', [
      [
        'StartEmployment',
        { employmentId: 'ea', kind: 'insured', startedOn: '2025-03-03', subsidised: false },
      ],
      ['EndNeedForAssistance', { endedOn: '2025-03-31', reason: 'employment-income' }],
      ['CloseCase', { closedOn: '2025-04-01', reason: 'need-ended' }],
    ]);
    // b: insured job from 10 Mar 2025 but still in need; the case is closed on 30 Apr because b
    //    moved: b receives benefits at the new Jobcenter, so b is in receipt on 15 June.
    await client(t, 'b', '2025-01-06', [
      [
        'StartEmployment',
        { employmentId: 'eb', kind: 'insured', startedOn: '2025-03-10', subsidised: false },
      ],
      ['CloseCase', { closedOn: '2025-04-30', reason: 'moved' }],
    ]);
    // c: as b, but transferred (Jobcenter responsible changed): in receipt too.
    await client(t, 'c', '2025-01-06', [
      [
        'StartEmployment',
        { employmentId: 'ec', kind: 'insured', startedOn: '2025-03-12', subsidised: false },
      ],
      ['CloseCase', { closedOn: '2025-04-30', reason: 'transferred' }],
    ]);
    // d: insured job from 14 Mar 2025; need ends 31 Mar, and the case is closed later as moved:
    //    the move came after the end of need, so d is out of receipt on 15 June.
    await client(t, 'd', '2025-01-06', [
      [
        'StartEmployment',
        { employmentId: 'ed', kind: 'insured', startedOn: '2025-03-14', subsidised: false },
      ],
      ['EndNeedForAssistance', { endedOn: '2025-03-31', reason: 'employment-income' }],
      ['CloseCase', { closedOn: '2025-05-15', reason: 'moved' }],
    ]);
    // Integrations of the 12 months to December 2025: a, b, c, d = 4; need-covering: a and d = 2.
    expect(await figure(t, 'need-covering-integrations', '2025-12')).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 0.5,
    });
  });

  it('stock: persons in need on the reference day, the 15th', async () => {
    const t = 'ex-stock';
    await client(t, 'a', '2024-01-10');
    await client(t, 'b', '2024-03-05', [
      ['EndNeedForAssistance', { endedOn: '2024-12-15', reason: 'moved' }],
    ]);
    await client(t, 'c', '2024-12-16');
    await client(t, 'd', '2025-01-15');
    // 15 Dec is b's last day in need and December's reference day: b counts in December.
    // November: a, b = 2.  December: a, b = 2 (c enrols the day after).  January: a, c, d = 3
    // (d enrols on the reference day itself).
    expect((await figure(t, 'stock', '2024-11')).numerator).toBe(2);
    expect((await figure(t, 'stock', '2024-12')).numerator).toBe(2);
    expect((await figure(t, 'stock', '2025-01')).numerator).toBe(3);
  });

  it('K2 and its companions over the 12 months January-December 2024', async () => {
    const t = 'ex-k2';
    // Three clients in need from 1 Dec 2023.
    await client(t, 'a', '2023-12-01', [
      [
        'StartEmployment',
        { employmentId: 'a1', startedOn: '2024-03-01', kind: 'insured', subsidised: true },
      ],
      ['EndNeedForAssistance', { endedOn: '2024-03-31', reason: 'employment-income' }],
    ]);
    await client(t, 'b', '2023-12-01', [
      [
        'StartEmployment',
        { employmentId: 'b1', startedOn: '2024-05-10', kind: 'marginal', subsidised: false },
      ],
    ]);
    await client(t, 'c', '2023-12-01', [
      [
        'StartEmployment',
        { employmentId: 'c1', startedOn: '2024-07-01', kind: 'publicly-funded', subsidised: false },
      ],
      [
        'StartEmployment',
        { employmentId: 'c2', startedOn: '2024-07-15', kind: 'insured', subsidised: false },
      ],
      [
        'StartEmployment',
        {
          employmentId: 'c3',
          startedOn: '2024-07-10',
          kind: 'vocational-training',
          subsidised: false,
        },
      ],
      ['EndEmployment', { employmentId: 'c2', endedOn: '2024-12-31' }],
      ['EndEmployment', { employmentId: 'c3', endedOn: '2025-03-31' }],
    ]);
    // The denominator is the stock on the 12 reference days before December 2024 (15 Dec 2023 -
    // 15 Nov 2024): Dec 3, Jan 3, Feb 3, Mar 3 (a's last day in need is 31 Mar), Apr-Nov 2 each:
    // 4 x 3 + 8 x 2 = 28; average 28 / 12 = 2.333.
    // Integrations: a in March (1 Mar lies in 16 Feb-15 Mar; a was in the stock on 15 Feb), c in
    // July (15 and 10 Jul lie in 16 Jun-15 Jul: two starts, one integration per person and month) = 2.
    const k2 = await figure(t, 'integration-quota', '2024-12');
    expect(k2).toMatchObject({ numerator: 2 });
    expect(k2.denominator).toBeCloseTo(28 / 12, 12);
    expect(k2.value).toBeCloseTo(2 / (28 / 12), 12); // 0.857
    // K2E1: b's Minijob (10 May): 1 / 2.333.  K2E2: c's publicly funded job (1 Jul): 1 / 2.333.
    const k2e1 = await figure(t, 'marginal-employment-quota', '2024-12');
    expect(k2e1.numerator).toBe(1);
    expect(k2e1.denominator).toBeCloseTo(28 / 12, 12);
    const k2e2 = await figure(t, 'publicly-funded-quota', '2024-12');
    expect(k2e2.numerator).toBe(1);
    expect(k2e2.denominator).toBeCloseTo(28 / 12, 12);
    // Need-covering: a is out of benefits on 15 June (March + 3); c is still in need on 15 October
    // (July + 3): 1 of 2 = 0.5.
    expect(await figure(t, 'need-covering-integrations', '2024-12')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
    // K2E3 in January 2025 looks at the integrations into insured employment of the reporting
    // months August 2023 - July 2024 (m-17 .. m-6): a (March) and c (July; the training does not
    // count). a is insured on each of 15 Apr .. 15 Sep 2024: continuous. c is insured on 15 Aug ..
    // 15 Dec 2024 but not on 15 Jan 2025 (the job ended on 31 Dec; the training that goes on
    // until March is not insured employment here): 1 of 2 = 0.5.
    expect(await figure(t, 'continuous-employment', '2025-01')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
  });

  it('K3 and the LZB quotas', async () => {
    const t = 'ex-k3';
    const plan = await programme(t, 2024, [['M1', 10]]);
    // e: in need from 1 Jan 2022; the 638th day in need is 30 Sep 2023 (1 Jan 2022 + 637 days), so
    //    e is LZB from the reference day 15 Oct 2023.
    await client(t, 'e', '2022-01-01', [
      [
        'AssignMeasure',
        { assignmentId: 'm', measureId: 'M1', assignedOn: '2024-10-20', programme: plan },
      ],
      ['StartMeasure', { assignmentId: 'm', startedOn: '2024-11-01' }],
      [
        'StartEmployment',
        { employmentId: 'e1', startedOn: '2024-10-01', kind: 'self-employed', subsidised: false },
      ],
    ]);
    // f: in need from 1 Jun 2023; the 638th day is 27 Feb 2025 (1 Jun 2023 + 366 days = 1 Jun 2024,
    //    + 271 days = 27 Feb 2025): not LZB on 15 Feb 2025, LZB from 15 Mar 2025.
    await client(t, 'f', '2023-06-01');
    // K3 for March 2025: LZB then = e, f = 2; a year earlier (March 2024) = e = 1; 2 / 1 = 2.
    expect(await figure(t, 'long-term-recipients', '2025-03')).toMatchObject({
      numerator: 2,
      denominator: 1,
      value: 2,
    });
    expect(await figure(t, 'long-term-recipients', '2025-02')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
    // K3E1 for December 2024: e (LZB on 15 September) started self-employment on 1 October
    // (reporting month October) = 1 integration; LZB on each reference day 15 Dec 2023 - 15 Nov
    // 2024 = 1 (only e), average 1: 1 / 1 = 1.
    expect(await figure(t, 'long-term-integration-quota', '2024-12')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
    // K3E2 for December 2024: e is LZB and in measure M1 since 1 Nov on 15 Dec: 1 of 1 LZB active.
    expect(await figure(t, 'long-term-activation-quota', '2024-12')).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
    // ... and in October 2024, before the measure started: 0 of 1.
    expect(await figure(t, 'long-term-activation-quota', '2024-10')).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
    });
  });

  it('need ended, by reason', async () => {
    const t = 'ex-ended';
    for (const id of ['a', 'b']) await client(t, id, '2024-01-01');
    // c's last day in need is December's reference day: c leaves the stock in January.
    await client(t, 'c', '2024-01-01', [
      ['EndNeedForAssistance', { endedOn: '2024-12-15', reason: 'household-change' }],
    ]);
    await client(t, 'd', '2024-01-01', [
      ['EndNeedForAssistance', { endedOn: '2024-12-10', reason: 'employment-income' }],
    ]);
    await client(t, 'e', '2024-01-01', [
      ['EndNeedForAssistance', { endedOn: '2024-12-14', reason: 'moved' }],
    ]);
    // December (16 Nov - 15 Dec): d and e leave = 2; stock on 15 Nov = 5; 2 / 5 = 0.4, each 1 / 5.
    const ended = await figure(t, 'need-ended', '2024-12');
    expect(ended).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
    expect(ended.breakdown).toEqual([
      { key: 'employment-income', numerator: 1, denominator: 5, value: 0.2 },
      { key: 'moved', numerator: 1, denominator: 5, value: 0.2 },
    ]);
    // January 2025: c leaves (16 Dec) = 1; stock on 15 Dec = a, b, c = 3.
    expect(await figure(t, 'need-ended', '2025-01')).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
  });

  it('measure occupancy against the planned places', async () => {
    const t = 'ex-occupancy';
    const plan = await programme(t, 2024, [
      ['M1', 4],
      ['M2', 10],
    ]);
    for (const [id, start] of [
      ['a', '2024-05-02'],
      ['b', '2024-06-03'],
      ['c', '2024-06-10'],
    ] as const) {
      await client(t, id, '2024-04-01', [
        [
          'AssignMeasure',
          { assignmentId: 'm', measureId: 'M1', assignedOn: '2024-04-15', programme: plan },
        ],
        ['StartMeasure', { assignmentId: 'm', startedOn: start }],
      ]);
    }
    await client(t, 'd', '2024-04-01', [
      [
        'AssignMeasure',
        { assignmentId: 'm', measureId: 'M2', assignedOn: '2024-05-15', programme: plan },
      ],
      ['StartMeasure', { assignmentId: 'm', startedOn: '2024-06-01' }],
      ['CompleteMeasure', { assignmentId: 'm', completedOn: '2024-06-14' }],
    ]);
    // 15 June: M1 has a, b, c = 3 of 4 places (0.75); M2 none of 10 (d finished on 14 June).
    // Total 3 / 14.  Entries from 16 May to 15 June: M1 b, c = 2; M2 d = 1.
    const occupancy = await figure(t, 'measure-occupancy', '2024-06');
    expect(occupancy).toMatchObject({ numerator: 3, denominator: 14 });
    expect(occupancy.value).toBeCloseTo(3 / 14, 12);
    expect(occupancy.breakdown).toEqual([
      { key: '2024:M1', label: 'M1', numerator: 3, denominator: 4, value: 0.75, entries: 2 },
      { key: '2024:M2', label: 'M2', numerator: 0, denominator: 10, value: 0, entries: 1 },
    ]);
  });

  it('integration within six months after leaving a measure', async () => {
    const t = 'ex-after-measure';
    const plan = await programme(t, 2024, [['M1', 10]]);
    // g completes on 31 Mar (reporting month April) and starts work on 30 Sep: exactly six months
    // later, counts (an integration: g was in the stock on 15 Sep).
    await client(t, 'g', '2024-01-02', [
      [
        'AssignMeasure',
        { assignmentId: 'm', measureId: 'M1', assignedOn: '2024-01-10', programme: plan },
      ],
      ['StartMeasure', { assignmentId: 'm', startedOn: '2024-01-15' }],
      ['CompleteMeasure', { assignmentId: 'm', completedOn: '2024-03-31' }],
      [
        'StartEmployment',
        { employmentId: 'j', startedOn: '2024-09-30', kind: 'insured', subsidised: false },
      ],
    ]);
    // h aborts on 15 Apr (April) and starts work on 16 Oct: one day too late.
    await client(t, 'h', '2024-01-02', [
      [
        'AssignMeasure',
        { assignmentId: 'm', measureId: 'M1', assignedOn: '2024-01-10', programme: plan },
      ],
      ['StartMeasure', { assignmentId: 'm', startedOn: '2024-01-15' }],
      ['AbortMeasure', { assignmentId: 'm', abortedOn: '2024-04-15', reason: 'illness' }],
      [
        'StartEmployment',
        { employmentId: 'j', startedOn: '2024-10-16', kind: 'insured', subsidised: false },
      ],
    ]);
    // Leavers in January-December 2024: g, h = 2; integrated within six months: g = 1; 0.5.
    expect(await figure(t, 'measure-integration', '2024-12')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
    });
  });

  it('target groups and gender follow the month: a 25th birthday moves a client out of U25', async () => {
    const t = 'ex-age';
    await client(t, 'young', '2024-01-01', [], '1999-08-14'); // 25 in August 2024
    // July 2024: 24 years old: in U25.  August 2024: 25: not any more.
    expect((await figure(t, 'stock', '2024-07', 'u25')).numerator).toBe(1);
    expect((await figure(t, 'stock', '2024-08', 'u25')).numerator).toBe(0);
    expect((await figure(t, 'stock', '2024-08', 'all', 'female')).numerator).toBe(1);
    expect((await figure(t, 'stock', '2024-08', 'all', 'male')).numerator).toBe(0);
    expect((await figure(t, 'stock', '2024-08', 'refugee-ukraine')).numerator).toBe(1);
  });

  it('a late entry corrects the past months it belongs to', async () => {
    const t = 'ex-late';
    await client(t, 'a', '2024-01-01', [
      // Recorded in this order; the job start of April is entered after the end of need in June.
      ['EndNeedForAssistance', { endedOn: '2024-06-30', reason: 'employment-income' }],
      [
        'StartEmployment',
        { employmentId: 'j', startedOn: '2024-04-01', kind: 'insured', subsidised: false },
      ],
    ]);
    // Stock on 15 Dec 2023 - 15 Nov 2024: January-June 1 (in need from 1 Jan to 30 Jun), the others
    // 0: average 6 / 12 = 0.5; one integration in April (1 Apr lies in 16 Mar - 15 Apr).
    expect(await figure(t, 'integration-quota', '2024-12')).toMatchObject({
      numerator: 1,
      denominator: 0.5,
      value: 2,
    });
    expect(await figure(t, 'integration-quota', '2024-03')).toMatchObject({ numerator: 0 });
  });
});
