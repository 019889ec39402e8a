export type CaseStreamId = `case-${string}`;
export type ProgrammeStreamId = `programme-${number}`;

const CASE_STREAM_PREFIX = 'case-';

/** One stream per client case. The tenant is a field of every stored event, not part of the id. */
export function caseStreamId(caseId: string): CaseStreamId {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}

/** The case id of a case stream; undefined for every other stream. */
export function caseIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(CASE_STREAM_PREFIX)
    ? streamId.slice(CASE_STREAM_PREFIX.length)
    : undefined;
}

/** One Arbeitsmarktprogramm stream per tenant and year. */
export function programmeStreamId(year: number): ProgrammeStreamId {
  return `programme-${year}`;
}
