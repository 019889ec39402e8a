/** How the errors of the other rooms become problem details. */
import {
  CaseNotFoundError,
  ConcurrentModificationError,
  IdempotencyKeyReusedError,
  NationalViewReadOnlyError,
  ProgrammeNotFoundError,
  StalePreconditionError,
} from '#cases';
import { DomainRuleViolation } from '#domain';
import { EventIdConflictError, InvalidAppendError, WrongExpectedVersionError } from '#event-store';
import {
  InvalidStatisticsRequestError,
  PositionNotReachedError,
  StatisticsForbiddenError,
} from '#projections';
import { AuthenticationError, ForbiddenRoleError } from '#security';
import { databaseUnavailableProblem } from './database-unavailable.js';
import type { ProblemMapper } from './problem.filter.js';
import { Problem, validationProblem } from './problem.js';

/** Also what a caller of another Jobcenter sees: it must not learn that the case exists. */
function caseNotFound(): Problem {
  return new Problem(
    404,
    'case-not-found',
    'Case not found',
    'There is no such case in your Jobcenter.',
  );
}

/** Domain rules: conflicts with the current state are 409, wrong input 422, a missing case 404. */
export const domainProblem: ProblemMapper = (error) => {
  if (!(error instanceof DomainRuleViolation)) return undefined;
  if (error.code === 'case-not-enrolled') return caseNotFound();
  const status = error.kind === 'conflict' ? 409 : 422;
  return new Problem(
    status,
    error.code,
    error.kind === 'conflict'
      ? 'The command conflicts with the current state'
      : 'The command cannot be applied',
    error.message,
    error.field
      ? { errors: [{ field: error.field, rule: error.code, message: error.message }] }
      : {},
  );
};

/** The write path and the reads of the application layer (libs/cases). */
export const casesProblem: ProblemMapper = (error) => {
  if (error instanceof CaseNotFoundError) return caseNotFound();
  if (error instanceof ProgrammeNotFoundError) {
    return new Problem(
      404,
      'programme-not-found',
      'Programme not found',
      `There is no programme for ${error.year} yet.`,
    );
  }
  if (error instanceof NationalViewReadOnlyError) {
    return new Problem(403, 'forbidden', 'Forbidden', 'The national view cannot change a stream');
  }
  if (error instanceof StalePreconditionError) {
    return new Problem(
      412,
      'stale-version',
      'The case changed since you read it',
      `If-Match names version ${error.expectedVersion}; the current version is ${error.currentVersion}. Read it again and decide anew.`,
      { currentVersion: error.currentVersion },
      { ETag: `"${error.currentVersion}"` },
    );
  }
  if (error instanceof ConcurrentModificationError) {
    return new Problem(
      409,
      'concurrent-modification',
      'Another change to this case was recorded at the same time',
      'Read the case again and retry the command if it still applies.',
      { currentVersion: error.currentVersion },
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new Problem(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was used for a different request',
      'Use a new key for every new command; reuse a key only to retry the very same request.',
    );
  }
  return undefined;
};

/** The statistics queries (libs/projections); their parameters arrive in the query string. */
export const statisticsProblem: ProblemMapper = (error) => {
  if (error instanceof StatisticsForbiddenError) {
    return new Problem(403, 'forbidden-jobcenter', 'Forbidden', error.message);
  }
  if (error instanceof InvalidStatisticsRequestError) {
    return validationProblem([
      { field: `query:${error.field}`, rule: error.rule, message: error.message },
    ]);
  }
  if (error instanceof PositionNotReachedError) {
    return new Problem(
      503,
      'read-model-behind',
      'The statistics have not caught up yet',
      error.message,
      {},
      { 'Retry-After': String(error.retryAfterSeconds) },
    );
  }
  return undefined;
};

/** Store errors that reach HTTP without passing the write path. */
export const storeProblem: ProblemMapper = (error) => {
  if (error instanceof WrongExpectedVersionError) {
    return new Problem(
      409,
      'concurrent-modification',
      'Another change was recorded at the same time',
    );
  }
  if (error instanceof EventIdConflictError) {
    return new Problem(409, 'event-id-conflict', 'An event id was used before for another change');
  }
  if (error instanceof InvalidAppendError) {
    return validationProblem([{ field: error.field, rule: 'storable', message: error.rule }]);
  }
  return undefined;
};

export const authProblem: ProblemMapper = (error) => {
  if (error instanceof AuthenticationError) {
    return new Problem(
      401,
      'unauthenticated',
      'Authentication required',
      error.reason,
      {},
      {
        'WWW-Authenticate': 'Bearer realm="teilhabe"',
      },
    );
  }
  if (error instanceof ForbiddenRoleError) {
    return new Problem(403, 'forbidden', 'Forbidden', error.message, {
      requiredRoles: error.required,
    });
  }
  return undefined;
};

export const STANDARD_PROBLEM_MAPPERS: readonly ProblemMapper[] = [
  authProblem,
  domainProblem,
  casesProblem,
  statisticsProblem,
  storeProblem,
  databaseUnavailableProblem,
];
