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
