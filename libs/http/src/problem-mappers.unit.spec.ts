import {
  CaseNotFoundError,
  ConcurrentModificationError,
  IdempotencyKeyReusedError,
  NationalViewReadOnlyError,
  ProgrammeNotFoundError,
  StalePreconditionError,
} from '#cases';
import { STANDARD_PROBLEM_MAPPERS } from './problem-mappers.js';
import type { Problem } from './problem.js';

function problemOf(error: unknown): Problem | undefined {
  for (const map of STANDARD_PROBLEM_MAPPERS) {
    const problem = map(error);
    if (problem) return problem;
  }
  return undefined;
}

describe("the application layer's errors as problems", () => {
  it('answers a stale If-Match with 412, the current version and its ETag', () => {
    const problem = problemOf(new StalePreconditionError(1, 3))!;
    expect(problem.toJSON()).toEqual({
      type: 'urn:teilhabe:problem:stale-version',
      title: 'The case changed since you read it',
      status: 412,
      code: 'stale-version',
      detail: 'If-Match names version 1; the current version is 3. Read it again and decide anew.',
      currentVersion: 3,
    });
    expect(problem.headers).toEqual({ ETag: '"3"' });
  });

  it('answers a lost race with 409 and the version that won', () => {
    expect(problemOf(new ConcurrentModificationError('case-x', 4))!.toJSON()).toEqual({
      type: 'urn:teilhabe:problem:concurrent-modification',
      title: 'Another change to this case was recorded at the same time',
      status: 409,
      code: 'concurrent-modification',
      detail: 'Read the case again and retry the command if it still applies.',
      currentVersion: 4,
    });
  });

  it('answers a reused Idempotency-Key with 422 and the national view with 403', () => {
    expect(problemOf(new IdempotencyKeyReusedError())).toMatchObject({
      status: 422,
      code: 'idempotency-key-reused',
      title: 'This Idempotency-Key was used for a different request',
    });
    expect(problemOf(new NationalViewReadOnlyError())).toMatchObject({
      status: 403,
      code: 'forbidden',
      detail: 'The national view cannot change a stream',
    });
  });

  it('answers what is not there with 404', () => {
    expect(problemOf(new CaseNotFoundError('c'))).toMatchObject({
      status: 404,
      code: 'case-not-found',
      detail: 'There is no such case in your Jobcenter.',
    });
    expect(problemOf(new ProgrammeNotFoundError(2031))).toMatchObject({
      status: 404,
      code: 'programme-not-found',
      detail: 'There is no programme for 2031 yet.',
    });
  });
});
