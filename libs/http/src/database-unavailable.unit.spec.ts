/**
 * Which errors mean "the database is not reachable" (503 with Retry-After) and which remain a
 * 500: errors shaped exactly as node-postgres, its pool and Node's sockets raise them, and the
 * answer the problem filter sends for each.
 */
import type { ArgumentsHost } from '@nestjs/common';
import fc from 'fast-check';
import pg from 'pg';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './database-unavailable.js';
import { STANDARD_PROBLEM_MAPPERS } from './problem-mappers.js';
import { ProblemFilter } from './problem.filter.js';

function databaseError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function socketError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`connect ${code} 127.0.0.1:5432`);
  error.code = code;
  error.syscall = 'connect';
  return error;
}

const unavailable: [string, unknown][] = [
  ['connection refused', socketError('ECONNREFUSED')],
  ['connection reset', socketError('ECONNRESET')],
  ['broken pipe', socketError('EPIPE')],
  [
    'refused on every address (Node 20 happy eyeballs)',
    new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]),
  ],
  ['server died mid-query', new Error('Connection terminated unexpectedly')],
  [
    'pool connection timeout',
    new Error('Connection terminated due to connection timeout', { cause: new Error('x') }),
  ],
  ['no free pool connection in time', new Error('timeout exceeded when trying to connect')],
  [
    'broken pooled client',
    new Error('Client has encountered a connection error and is not queryable'),
  ],
  ['admin shutdown', databaseError('57P01', 'terminating connection due to administrator command')],
  [
    'crash shutdown',
    databaseError('57P02', 'terminating connection because of crash of another server process'),
  ],
  ['starting up', databaseError('57P03', 'the database system is starting up')],
  ['shutting down', databaseError('57P03', 'the database system is shutting down')],
  ['too many connections', databaseError('53300', 'sorry, too many clients already')],
  ['connection failure', databaseError('08006', 'connection failure')],
  ['wrapped by a caller', new Error('append failed', { cause: socketError('ECONNREFUSED') })],
];

const notUnavailable: [string, unknown][] = [
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
  ['syntax error', databaseError('42601', 'syntax error at or near "SELEC"')],
  ['unique violation', databaseError('23505', 'duplicate key value violates unique constraint')],
  ['serialization failure', databaseError('40001', 'could not serialize access')],
  ['query canceled', databaseError('57014', 'canceling statement due to statement timeout')],
  ['missing file', socketError('ENOENT')],
  ['not an error', 'Connection terminated'],
  ['null', null],
];

it.each(unavailable)('counts %s as an unavailable database', (_, error) => {
  expect(isDatabaseUnavailable(error)).toBe(true);
});

it.each(notUnavailable)('does not count %s as an unavailable database', (_, error) => {
  expect(isDatabaseUnavailable(error)).toBe(false);
});

it('counts every SQLSTATE of class 08 and no other class but the named ones', () => {
  // Half of the codes in class 08 (rare among random codes), half anywhere.
  const sqlState = fc.oneof(
    fc.stringMatching(/^08[0-9A-Z]{3}$/),
    fc.stringMatching(/^[0-9A-Z]{5}$/),
    fc.constantFrom('57P01', '57P02', '57P03', '57P04', '57014', '53300', '53200'),
  );
  fc.assert(
    fc.property(sqlState, (code) => {
      const expected = code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
      expect(isDatabaseUnavailable(databaseError(code, 'x'))).toBe(expected);
    }),
  );
});

it('does not loop on an error that is its own cause', () => {
  const error = new Error('odd') as Error & { cause?: unknown };
  error.cause = error;
  expect(isDatabaseUnavailable(error)).toBe(false);
});

/** The problem filter's answer to an error thrown by a handler. */
function answer(error: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, type: '', body: '' };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const request = { method: 'POST', path: '/v1/cases', originalUrl: '/v1/cases' };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  const filter = new ProblemFilter(STANDARD_PROBLEM_MAPPERS);
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(error, host);
  return { ...sent, problem: JSON.parse(sent.body) as Record<string, unknown> };
}

it('answers an unavailable database with 503, Retry-After and a problem document', () => {
  for (const [, error] of unavailable) {
    const sent = answer(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
    expect(sent.type).toBe('application/problem+json');
    expect(sent.problem).toMatchObject({
      type: 'urn:teilhabe:problem:database-unavailable',
      status: 503,
      code: 'database-unavailable',
      instance: '/v1/cases',
    });
  }
});

it('answers everything else unknown with a 500 that reveals nothing', () => {
  for (const [, error] of notUnavailable) {
    const sent = answer(error);
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
    expect(sent.problem).toEqual({
      type: 'urn:teilhabe:problem:internal-error',
      title: 'Internal server error',
      status: 500,
      code: 'internal-error',
      instance: '/v1/cases',
    });
  }
});
