/** How the errors of the other rooms become problem details. */
import { DomainRuleViolation } from '#domain';
import { EventIdConflictError, InvalidAppendError, WrongExpectedVersionError } from '#event-store';
import { AuthenticationError, ForbiddenRoleError } from '#security';
import { databaseUnavailableProblem } from './database-unavailable.js';
import type { ProblemMapper } from './problem.filter.js';
import { Problem, validationProblem } from './problem.js';

/** Domain rules: conflicts with the current state are 409, wrong input 422, a missing case 404. */
export const domainProblem: ProblemMapper = (error) => {
  if (!(error instanceof DomainRuleViolation)) return undefined;
  if (error.code === 'case-not-enrolled') {
    // Also what a caller of another Jobcenter sees: it must not learn that the case exists.
    return new Problem(
      404,
      'case-not-found',
      'Case not found',
      'There is no such case in your Jobcenter.',
    );
  }
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
  storeProblem,
  databaseUnavailableProblem,
];
