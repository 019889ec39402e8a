/**
 * What the application layer refuses, as types: each entry answers them its own way (the HTTP
 * apps in libs/http's problem mappers, the CLI with a message). Domain rules stay
 * `DomainRuleViolation`s.
 */

/** The national view (`*`) reads aggregates and owns no stream: it changes nothing. */
export class NationalViewReadOnlyError extends Error {
  constructor() {
    super('The national view cannot change a stream');
    this.name = 'NationalViewReadOnlyError';
  }
}

/** If-Match named another version than the stream's current one: nothing was decided. */
export class StalePreconditionError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`If-Match names version ${expectedVersion}; the current version is ${currentVersion}`);
    this.name = 'StalePreconditionError';
  }
}

/** Another command appended to the stream after it was read: nothing was written. */
export class ConcurrentModificationError extends Error {
  constructor(
    readonly streamId: string,
    readonly currentVersion: number,
  ) {
    super(`${streamId} changed while the command was decided (now version ${currentVersion})`);
    this.name = 'ConcurrentModificationError';
  }
}

/** An Idempotency-Key came back with another request than the one it was first used for. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('The Idempotency-Key was used for a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** No such case in the caller's Jobcenter (which is also what another Jobcenter's caller learns). */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`no case ${caseId}`);
    this.name = 'CaseNotFoundError';
  }
}

export class ProgrammeNotFoundError extends Error {
  constructor(readonly year: number) {
    super(`no programme for ${year}`);
    this.name = 'ProgrammeNotFoundError';
  }
}
