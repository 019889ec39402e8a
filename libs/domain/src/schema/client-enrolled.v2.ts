import { type ClientEnrolled } from '../case/events.js';
import { type Upcaster } from './upcaster.js';

/** ClientEnrolled as written with schema version 2: no person key yet. */
export interface ClientEnrolledV2 {
  readonly data: Omit<ClientEnrolled['data'], 'personKey'>;
  readonly personal?: ClientEnrolled['personal'];
}

/**
 * v2 → v3: the pseudonymous person key. The domain cannot derive it (it needs the server's
 * secret), so an old enrolment reads with `personKey: null` and the statistics resolve it from
 * the sealed personal data while that is readable (docs/statistics-method.md, "Persons").
 */
export const clientEnrolledV2ToV3: Upcaster = {
  type: 'ClientEnrolled',
  fromVersion: 2,
  toVersion: 3,
  upcast(stored) {
    const { data, personal } = stored as ClientEnrolledV2;
    const v3: ClientEnrolled['data'] = { ...data, personKey: null };
    return personal === undefined ? { data: v3 } : { data: v3, personal };
  },
};
