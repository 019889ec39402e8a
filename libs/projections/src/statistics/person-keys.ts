import { caseStreamId, upcast } from '#domain';
import type { EventStore } from '#event-store';

/**
 * Which person a case belongs to. An enrolment carries its person key (schema v3); one written
 * before (v2), or read from Kafka (which never carries the key), is resolved through this port;
 * a case it cannot resolve is a person of its own.
 */
export interface PersonKeyLookup {
  /** Keys by `${tenant}\u0000${caseId}`; a case missing from the map stays a person of its own. */
  personKeys(
    cases: readonly { tenant: string; caseId: string }[],
  ): Promise<ReadonlyMap<string, string>>;
}

export const caseRef = (tenant: string, caseId: string) => `${tenant}\u0000${caseId}`;

/** The key of a case that is a person of its own: never equal to a derived key (no ':' there). */
export function ownPersonKey(tenant: string, caseId: string): string {
  return `case:${tenant}:${caseId}`;
}

/**
 * Reads the key from the case's enrolment in the event store: what a projector fed from Kafka
 * needs, since the published events never carry it. An enrolment written before schema v3 has
 * none here (resolving it needs the vault; see docs/statistics-method.md, "Persons").
 */
export class EnrolmentPersonKeys implements PersonKeyLookup {
  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  async personKeys(
    cases: readonly { tenant: string; caseId: string }[],
  ): Promise<ReadonlyMap<string, string>> {
    const keys = new Map<string, string>();
    await Promise.all(
      cases.map(async ({ tenant, caseId }) => {
        const [first] = await this.store.readStream(tenant, caseStreamId(caseId), { maxCount: 1 });
        if (first?.type !== 'ClientEnrolled') return;
        const enrolled = upcast(first);
        const key = enrolled.type === 'ClientEnrolled' ? enrolled.data.personKey : null;
        if (key !== null) keys.set(caseRef(tenant, caseId), key);
      }),
    );
    return keys;
  }
}
