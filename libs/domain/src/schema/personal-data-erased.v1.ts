import { type PersonalDataErased } from '../case/events.js';
import { type Upcaster } from './upcaster.js';

/** PersonalDataErased as written with schema version 1: no person key kept. */
export interface PersonalDataErasedV1 {
  readonly data: Omit<PersonalDataErased['data'], 'personKey'>;
}

/**
 * v1 → v2: the person key kept at erasure. An erasure recorded before it kept none, so such a
 * case's enrolment without a key stays a person of its own (docs/statistics-method.md, "Persons").
 */
export const personalDataErasedV1ToV2: Upcaster = {
  type: 'PersonalDataErased',
  fromVersion: 1,
  toVersion: 2,
  upcast(stored) {
    const { data } = stored as PersonalDataErasedV1;
    const v2: PersonalDataErased['data'] = { ...data, personKey: null };
    return { data: v2 };
  },
};
