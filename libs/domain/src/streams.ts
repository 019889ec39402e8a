export type CaseStreamId = `case-${string}`;
export type ProgrammeStreamId = `programme-${number}`;

/** One stream per client case. The tenant is a field of every stored event, not part of the id. */
export function caseStreamId(caseId: string): CaseStreamId {
  return `case-${caseId}`;
}

/** One Arbeitsmarktprogramm stream per tenant and year. */
export function programmeStreamId(year: number): ProgrammeStreamId {
  return `programme-${year}`;
}
