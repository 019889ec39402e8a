import fc from 'fast-check';
import { caseDecider } from '../case/case.decider.js';
import { GENDERS, type CaseEvent } from '../case/events.js';
import { addDays, foldEvents } from '../kernel/index.js';
import { upcast } from './upcast.js';
import { type StoredEvent } from './upcaster.js';

const day = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => addDays('2019-01-01', n));

/** A ClientEnrolled as written in 2019 (schema v1), and its personal part unless erased since. */
const v1Enrolment = fc.record(
  {
    caseId: fc.constantFrom('c-1', 'c-2'),
    enrolledOn: day(0, 365),
    gender: fc.constantFrom(...GENDERS),
    targetGroups: fc.shuffledSubarray(['single-parent', 'refugee-ukraine', 'u25', '50plus']),
    personal: fc.record({
      givenName: fc.constant('Anna'),
      familyName: fc.constant('Muster'),
      dateOfBirth: day(-60 * 365, -16 * 365),
    }),
    erased: fc.boolean(),
  },
  { requiredKeys: ['caseId', 'enrolledOn', 'gender', 'targetGroups', 'personal', 'erased'] },
);

/** Later events, stored at their current version 1 and passed through unchanged. */
const laterEvent: fc.Arbitrary<CaseEvent> = fc.oneof(
  fc
    .record({ caseworkerId: fc.constantFrom('cw-1', 'cw-2'), assignedOn: day(366, 700) })
    .map((data): CaseEvent => ({ type: 'CaseworkerAssigned', data })),
  fc
    .record({ employmentId: fc.constantFrom('e-1', 'e-2'), startedOn: day(366, 700) })
    .map(({ employmentId, startedOn }): CaseEvent => ({
      type: 'EmploymentStarted',
      data: { employmentId, startedOn, kind: 'insured', subsidised: false },
    })),
  day(366, 700).map((closedOn): CaseEvent => ({
    type: 'CaseClosed',
    data: { closedOn, reason: 'other' },
  })),
);

describe('upcast properties', () => {
  it('upcasting a v1 stream and folding it equals folding the hand-written v2 stream', () => {
    fc.assert(
      fc.property(v1Enrolment, fc.array(laterEvent, { maxLength: 5 }), (v1, later) => {
        const { caseId, enrolledOn, gender, targetGroups, personal, erased } = v1;
        const stored: StoredEvent[] = [
          {
            type: 'ClientEnrolled',
            schemaVersion: 1,
            data: { caseId, enrolledOn, gender, targetGroups },
            ...(erased ? {} : { personal }),
          },
          ...later.map((event) => ({ ...event, schemaVersion: 1 })),
        ];
        // What the event would have looked like had it been written with schema v2 (read as v3).
        const v2: CaseEvent = {
          type: 'ClientEnrolled',
          data: {
            caseId,
            enrolledOn,
            gender,
            birthMonth: erased ? null : personal.dateOfBirth.slice(0, 7),
            targetGroups: {
              singleParent: targetGroups.includes('single-parent'),
              refugeeUkraine: targetGroups.includes('refugee-ukraine'),
            },
            personKey: null,
          },
          ...(erased ? {} : { personal }),
        };
        const read = stored.map((event) => upcast(event));
        expect(read).toStrictEqual([v2, ...later]);
        expect(foldEvents(caseDecider, read as CaseEvent[])).toStrictEqual(
          foldEvents(caseDecider, [v2, ...later]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
