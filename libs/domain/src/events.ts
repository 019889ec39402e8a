import { type CaseEvent } from './case/events.js';
import { assertNever, type CalendarDate } from './kernel/index.js';
import { type ProgrammeEvent } from './programme/events.js';

/** Every event the domain emits, across all aggregates. */
export type DomainEvent = CaseEvent | ProgrammeEvent;
export type EventType = DomainEvent['type'];

/**
 * The day on which the event happened in the Jobcenter's world (its own date field), as opposed
 * to the time it was recorded. Statistics bucket events by this date; late entries change past months.
 */
export function effectiveDateOf(event: DomainEvent): CalendarDate {
  switch (event.type) {
    case 'ClientEnrolled':
      return event.data.enrolledOn;
    case 'CaseworkerAssigned':
      return event.data.assignedOn;
    case 'CooperationPlanAgreed':
      return event.data.agreedOn;
    case 'MeasureAssigned':
      return event.data.assignedOn;
    case 'MeasureStarted':
      return event.data.startedOn;
    case 'MeasureCompleted':
      return event.data.completedOn;
    case 'MeasureAborted':
      return event.data.abortedOn;
    case 'EmploymentStarted':
      return event.data.startedOn;
    case 'EmploymentEnded':
      return event.data.endedOn;
    case 'NeedForAssistanceEnded':
      return event.data.endedOn;
    case 'BenefitReceiptResumed':
      return event.data.resumedOn;
    case 'CaseClosed':
      return event.data.closedOn;
    case 'PersonalDataErased':
      return event.data.erasedOn;
    case 'MeasureOffered':
      return event.data.offeredOn;
    case 'ProgrammeApproved':
      return event.data.approvedOn;
    default:
      return assertNever(event);
  }
}

/**
 * An event's data as it may leave the service (an HTTP answer, Kafka): without the person key,
 * which links a person's cases inside the service only (docs/statistics-method.md, "Persons").
 */
export function withoutPersonKey<D extends object>(data: D): Omit<D, 'personKey'> {
  if (!('personKey' in data)) return data;
  const { personKey: _internal, ...published } = data as D & { personKey: unknown };
  return published;
}
