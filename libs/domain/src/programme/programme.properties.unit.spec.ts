import fc from 'fast-check';
import { addDays, DomainRuleViolation, yearOf } from '../kernel/index.js';
import { type ProgrammeCommand } from './commands.js';
import { MEASURE_KINDS, PROGRAMME_TARGET_GROUPS, type ProgrammeEvent } from './events.js';
import { programmeDecider } from './programme.decider.js';
import { ProgrammeRuleCodes } from './rules.js';
import { type ProgrammeState } from './state.js';

const TODAY = '2024-06-15';
const metadata = { today: TODAY };
const ruleCodes: readonly string[] = Object.values(ProgrammeRuleCodes);

const date = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: -800, max: 10 }).map((n) => addDays(TODAY, n)) },
  { weight: 1, arbitrary: fc.constant('2024-02-30') },
);
const year = fc.constantFrom(2023, 2024, 2024, 2024, 2025, 1800);

const programmeCommand: fc.Arbitrary<ProgrammeCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        year,
        measureId: fc.constantFrom('m-1', 'm-2', 'm-3', 'valueOf'),
        title: fc.constant('Maßnahme'),
        kind: fc.constantFrom(...MEASURE_KINDS),
        plannedPlaces: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(0, 2.5)),
        targetGroups: fc.array(fc.constantFrom(...PROGRAMME_TARGET_GROUPS), { maxLength: 3 }),
        offeredOn: date,
      })
      .map((data): ProgrammeCommand => ({ type: 'OfferMeasure', data, metadata })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ year, approvedOn: date })
      .map((data): ProgrammeCommand => ({ type: 'ApproveProgramme', data, metadata })),
  },
);

describe('Arbeitsmarktprogramm properties', () => {
  it('accepted commands fold, an approved programme never changes, rejections are rule violations', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(programmeCommand, { maxLength: 20 }), (commands) => {
        let state: ProgrammeState = programmeDecider.initialState();
        const events: ProgrammeEvent[] = [];
        for (const command of commands) {
          let decided: ProgrammeEvent[];
          try {
            decided = programmeDecider.decide(command, state);
          } catch (error) {
            if (!(error instanceof DomainRuleViolation)) throw error;
            expect(ruleCodes).toContain(error.code);
            seen.add(error.code);
            continue;
          }
          const before = state;
          for (const event of decided) state = programmeDecider.evolve(state, event);
          events.push(...decided);
          seen.add(decided[0]!.type);
          // Once approved, nothing changes any more: the basis of every case decision is stable.
          if (before.approvedOn !== undefined) expect(state).toBe(before);
        }
        const offered = events.filter((e) => e.type === 'MeasureOffered');
        expect(Object.keys(state.measures)).toHaveLength(offered.length);
        expect(new Set(events.map((e) => e.data.year)).size).toBeLessThanOrEqual(1);
        if (state.approvedOn !== undefined) {
          expect(offered.length).toBeGreaterThan(0);
          expect([state.year! - 1, state.year]).toContain(yearOf(state.approvedOn));
          expect(events.at(-1)?.type).toBe('ProgrammeApproved');
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([...ruleCodes, 'MeasureOffered', 'ProgrammeApproved'].sort());
  });
});
