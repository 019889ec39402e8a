/**
 * Which person a case belongs to. An enrolment carries its person key (schema v3); one written
 * before (v2) is resolved through this port (libs/cases' CasePersonKeys: the key derived from the
 * sealed data while readable, or the one kept at erasure); a case it cannot resolve is a person
 * of its own.
 */
export interface PersonKeyLookup {
  /** One key per case asked, in the same order; null where the case stays a person of its own. */
  personKeys(
    cases: readonly { tenant: string; caseId: string }[],
  ): Promise<readonly (string | null)[]>;
}

export const caseRef = (tenant: string, caseId: string) => `${tenant}\u0000${caseId}`;

/** The key of a case that is a person of its own: never equal to a derived key (no ':' there). */
export function ownPersonKey(tenant: string, caseId: string): string {
  return `case:${tenant}:${caseId}`;
}
