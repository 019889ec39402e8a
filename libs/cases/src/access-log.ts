/**
 * The access log (§ 67 ff. SGB X: reads of social data are recorded): every read of a case's
 * personal data, by any role, becomes an event in the Jobcenter's access-log stream of the
 * month, saying who read which case, for what, and why. It is an ordinary stream of the event
 * store, so it is hash-chained, exported and verified like everything else.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '#event-store';
import type { Principal } from '#security';

export const ACCESS_LOG_EVENT = 'PersonalDataAccessed';

/** What the personal data was read for. */
export type AccessPurpose = 'case-view' | 'audit-history' | 'audit-state';

export interface AccessRecord {
  readonly caseId: string;
  readonly purpose: AccessPurpose;
  /** Why (required from auditors; the `Reason` header). */
  readonly reason: string | null;
  readonly correlationId: string;
}

export function accessLogStream(day: string): string {
  return `access-log-${day.slice(0, 7)}`;
}

export async function recordAccess(
  store: EventStore,
  principal: Principal,
  record: AccessRecord,
  today: string,
): Promise<void> {
  const data: JsonObject = {
    caseId: record.caseId,
    purpose: record.purpose,
    reason: record.reason,
    accessedOn: today,
  };
  await store.appendToStream(
    principal.tenant,
    accessLogStream(today),
    [
      {
        eventId: randomUUID(),
        type: ACCESS_LOG_EVENT,
        schemaVersion: 1,
        effectiveDate: today,
        data,
        metadata: {
          actor: principal.subject,
          actorRoles: [...principal.roles],
          correlationId: record.correlationId,
        },
      },
    ],
    { expectedVersion: 'any' },
  );
}
