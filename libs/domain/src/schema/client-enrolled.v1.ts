import { type ClientEnrolled } from '../case/events.js';
import { type ClientEnrolledV2 } from './client-enrolled.v2.js';
import { isCalendarDate, monthOf, type CalendarDate } from '../kernel/index.js';
import { type Upcaster } from './upcaster.js';

/** ClientEnrolled as written with schema version 1. */
export interface ClientEnrolledV1 {
  readonly data: {
    readonly caseId: string;
    readonly enrolledOn: CalendarDate;
    readonly gender: ClientEnrolled['data']['gender'];
    /** e.g. `['single-parent', 'refugee-ukraine']` */
    readonly targetGroups: readonly string[];
  };
  readonly personal?: {
    readonly givenName: string;
    readonly familyName: string;
    readonly dateOfBirth: CalendarDate;
  };
}

/**
 * v1 → v2: the target-group list becomes flags, and birthMonth moves into clear data. v1 had the
 * date of birth only in the personal part, so once that is erased (crypto-shredded) the month is
 * lost for good and becomes `null`. Strings v1 allowed besides the two flags (U25, 50+) are dropped:
 * they are derived from the birth month, not recorded.
 */
export const clientEnrolledV1ToV2: Upcaster = {
  type: 'ClientEnrolled',
  fromVersion: 1,
  toVersion: 2,
  upcast(stored) {
    const { data, personal } = stored as ClientEnrolledV1;
    if (!Array.isArray(data.targetGroups)) {
      throw new Error('ClientEnrolled v1: data.targetGroups must be a list of strings');
    }
    const dateOfBirth = personal?.dateOfBirth;
    const v2: ClientEnrolledV2 = {
      data: {
        caseId: data.caseId,
        enrolledOn: data.enrolledOn,
        gender: data.gender,
        birthMonth: isCalendarDate(dateOfBirth) ? monthOf(dateOfBirth) : null,
        targetGroups: {
          singleParent: data.targetGroups.includes('single-parent'),
          refugeeUkraine: data.targetGroups.includes('refugee-ukraine'),
        },
      },
    };
    return personal === undefined ? { data: v2.data } : { data: v2.data, personal };
  },
};
