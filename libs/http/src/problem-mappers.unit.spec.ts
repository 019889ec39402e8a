import {
  CaseNotFoundError,
  ConcurrentModificationError,
  IdempotencyKeyReusedError,
  NationalViewReadOnlyError,
  ProgrammeNotFoundError,
  StalePreconditionError,
} from '#cases';
import {
  InvalidStatisticsRequestError,
  PositionNotReachedError,
  StatisticsForbiddenError,
} from '#projections';
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

describe("the statistics queries' errors as problems", () => {
  it('answers another Jobcenter with 403 forbidden-jobcenter', () => {
    expect(problemOf(new StatisticsForbiddenError('jc-a', 'jc-b'))!.toJSON()).toEqual({
      type: 'urn:teilhabe:problem:forbidden-jobcenter',
      title: 'Forbidden',
      status: 403,
      code: 'forbidden-jobcenter',
      detail: 'Your token is for jc-a; only national analysts see other Jobcenters.',
    });
  });

  it('answers a lagging read model with 503 and Retry-After', () => {
    const problem = problemOf(new PositionNotReachedError(41, 1))!;
    expect(problem.toJSON()).toEqual({
      type: 'urn:teilhabe:problem:read-model-behind',
      title: 'The statistics have not caught up yet',
      status: 503,
      code: 'read-model-behind',
      detail: 'The read model is at position 41; retry shortly.',
    });
    expect(problem.headers).toEqual({ 'Retry-After': '1' });
  });

  it('answers a request it cannot answer with 400, naming the query parameter and the rule', () => {
    const error = new InvalidStatisticsRequestError(
      'minPosition',
      'isRecordedPosition',
      'minPosition names no recorded event',
    );
    expect(problemOf(error)!.toJSON()).toEqual({
      type: 'urn:teilhabe:problem:validation-failed',
      title: 'The request is not valid',
      status: 400,
      code: 'validation-failed',
      detail: 'query:minPosition: minPosition names no recorded event',
      errors: [
        {
          field: 'query:minPosition',
          rule: 'isRecordedPosition',
          message: 'minPosition names no recorded event',
        },
      ],
    });
  });
});
