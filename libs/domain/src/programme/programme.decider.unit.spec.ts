import { foldEvents } from '../kernel/index.js';
import { programmeCommand } from '../testing/case-fixtures.js';
import { given as givenDecider } from '../testing/given-when-then.js';
import { type OfferMeasure } from './commands.js';
import { type MeasureOffered, type ProgrammeEvent } from './events.js';
import { initialProgrammeState, programmeDecider } from './programme.decider.js';

const given = (history: readonly ProgrammeEvent[]) => givenDecider(programmeDecider, history);

const offerMeasure = (overrides: Partial<OfferMeasure['data']> = {}) =>
  programmeCommand('OfferMeasure', {
    year: 2024,
    measureId: 'm-coaching',
    title: 'Job-Turbo Coaching',
    kind: 'coaching',
    plannedPlaces: 40,
    targetGroups: ['refugee-ukraine', 'single-parent'],
    offeredOn: '2023-11-02',
    ...overrides,
  });

const measureOffered = (measureId = 'm-coaching', year = 2024): MeasureOffered => ({
  type: 'MeasureOffered',
  data: {
    year,
    measureId,
    title: 'Job-Turbo Coaching',
    kind: 'coaching',
    plannedPlaces: 40,
    targetGroups: ['refugee-ukraine'],
    offeredOn: '2023-11-02',
  },
});

const approved: ProgrammeEvent = {
  type: 'ProgrammeApproved',
  data: { year: 2024, approvedOn: '2023-12-05' },
};

const approve = (approvedOn: string, year = 2024, today?: string) =>
  programmeCommand('ApproveProgramme', { year, approvedOn }, today);

describe('Arbeitsmarktprogramm: measures', () => {
  it('offers a measure with its planned places', () => {
    given([])
      .when(offerMeasure())
      .then([
        {
          type: 'MeasureOffered',
          data: {
            year: 2024,
            measureId: 'm-coaching',
            title: 'Job-Turbo Coaching',
            kind: 'coaching',
            plannedPlaces: 40,
            targetGroups: ['refugee-ukraine', 'single-parent'],
            offeredOn: '2023-11-02',
          },
        },
      ]);
  });

  it('measure-already-offered: a measure id is unique in the programme', () => {
    given([measureOffered('m-coaching')])
      .when(offerMeasure({ title: 'Another title' }))
      .thenFails('measure-already-offered', { kind: 'conflict', field: 'measureId' });
  });

  it('programme-already-approved: an approved programme is frozen', () => {
    given([measureOffered('m-coaching'), approved])
      .when(offerMeasure({ measureId: 'm-new' }))
      .thenFails('programme-already-approved', { kind: 'conflict' });
  });

  it('invalid-planned-places: planned places are an integer from 1 to 100 000', () => {
    for (const plannedPlaces of [0, 100_001, 1.5, Number.NaN]) {
      given([])
        .when(offerMeasure({ plannedPlaces }))
        .thenFails('invalid-planned-places', { kind: 'unprocessable', field: 'plannedPlaces' });
    }
    for (const plannedPlaces of [1, 100_000]) {
      expect(
        programmeDecider.decide(offerMeasure({ plannedPlaces }), initialProgrammeState()),
      ).toEqual([
        { type: 'MeasureOffered', data: expect.objectContaining({ plannedPlaces }) as unknown },
      ]);
    }
  });

  it('invalid-target-groups: target groups are a non-empty list without duplicates', () => {
    for (const targetGroups of [[], ['u25', 'u25']] as const) {
      given([])
        .when(offerMeasure({ targetGroups }))
        .thenFails('invalid-target-groups', { kind: 'unprocessable', field: 'targetGroups' });
    }
  });

  it('invalid-date and date-in-future: offeredOn is a past calendar day', () => {
    given([])
      .when(offerMeasure({ offeredOn: '2023-11-31' }))
      .thenFails('invalid-date', { field: 'offeredOn' });
    given([])
      .when(offerMeasure({ offeredOn: '2024-06-16' }))
      .thenFails('date-in-future', { field: 'offeredOn' });
  });

  it('invalid-year: the programme year is a plausible integer year', () => {
    for (const year of [2024.5, 1899, 10_000]) {
      given([])
        .when(offerMeasure({ year }))
        .thenFails('invalid-year', { kind: 'unprocessable', field: 'year' });
    }
  });

  it('programme-year-mismatch: a stream holds the programme of one year', () => {
    given([measureOffered()])
      .when(offerMeasure({ year: 2025, measureId: 'm-2025' }))
      .thenFails('programme-year-mismatch', { kind: 'unprocessable', field: 'year' });
    given([measureOffered()])
      .when(approve('2024-01-10', 2025))
      .thenFails('programme-year-mismatch');
  });
});

describe('Arbeitsmarktprogramm: approval by the örtlicher Beirat', () => {
  it('approves the programme in the year before or during the programme year', () => {
    given([measureOffered()])
      .when(approve('2023-12-05'))
      .then([{ type: 'ProgrammeApproved', data: { year: 2024, approvedOn: '2023-12-05' } }]);
    given([measureOffered()])
      .when(approve('2024-02-20'))
      .then([{ type: 'ProgrammeApproved', data: { year: 2024, approvedOn: '2024-02-20' } }]);
  });

  it('programme-empty: a programme without measures cannot be approved', () => {
    given([]).when(approve('2023-12-05')).thenFails('programme-empty', { kind: 'conflict' });
  });

  it('programme-already-approved: a programme is approved once', () => {
    given([measureOffered(), approved])
      .when(approve('2024-01-10'))
      .thenFails('programme-already-approved', { kind: 'conflict' });
  });

  it('approval-date-out-of-range: the vote falls in the programme year or the year before', () => {
    given([measureOffered()])
      .when(approve('2022-12-31'))
      .thenFails('approval-date-out-of-range', { kind: 'unprocessable', field: 'approvedOn' });
    given([measureOffered()])
      .when(approve('2025-01-02', 2024, '2025-02-01'))
      .thenFails('approval-date-out-of-range', { field: 'approvedOn' });
    // Planned ahead: approving the programme 2026 in 2024 is a year too early.
    given([measureOffered('m-coaching', 2026)])
      .when(approve('2024-06-01', 2026))
      .thenFails('approval-date-out-of-range');
  });

  it('invalid-date and date-in-future: approvedOn is a past calendar day', () => {
    given([measureOffered()])
      .when(approve('2024-02-30'))
      .thenFails('invalid-date', { field: 'approvedOn' });
    given([measureOffered()])
      .when(approve('2024-06-16'))
      .thenFails('date-in-future', { field: 'approvedOn' });
  });

  it('folds the programme: its year, measures and approval', () => {
    expect(
      foldEvents(programmeDecider, [measureOffered('m-a'), measureOffered('m-b'), approved]),
    ).toStrictEqual({
      year: 2024,
      measures: {
        'm-a': {
          title: 'Job-Turbo Coaching',
          kind: 'coaching',
          plannedPlaces: 40,
          targetGroups: ['refugee-ukraine'],
        },
        'm-b': {
          title: 'Job-Turbo Coaching',
          kind: 'coaching',
          plannedPlaces: 40,
          targetGroups: ['refugee-ukraine'],
        },
      },
      approvedOn: '2023-12-05',
    });
  });
});
