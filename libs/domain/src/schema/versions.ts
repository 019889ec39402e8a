import { type EventType } from '../events.js';

/**
 * The schema version every event type is written with today. Raise a version only together with
 * an upcaster from the previous one (see upcasters.ts): stored events are never rewritten.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<EventType, number>> = {
  // v2: targetGroups as flags, birthMonth in clear (v1: a list of strings, no birthMonth).
  // v3: personKey (v2: none, read as null).
  ClientEnrolled: 3,
  CaseworkerAssigned: 1,
  CooperationPlanAgreed: 1,
  MeasureAssigned: 1,
  MeasureStarted: 1,
  MeasureCompleted: 1,
  MeasureAborted: 1,
  EmploymentStarted: 1,
  EmploymentEnded: 1,
  NeedForAssistanceEnded: 1,
  BenefitReceiptResumed: 1,
  CaseClosed: 1,
  // v2: personKey kept at erasure for enrolments without one (v1: none, read as null).
  PersonalDataErased: 2,
  MeasureOffered: 1,
  ProgrammeApproved: 1,
};

/** All event types, e.g. to validate a stored type before upcasting. */
export const EVENT_TYPES = Object.keys(CURRENT_SCHEMA_VERSION) as readonly EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(CURRENT_SCHEMA_VERSION, type);
}
