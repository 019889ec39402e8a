/**
 * A database that cannot be reached (restarting, failing over, connection refused or cut, no
 * free connection in time) is a temporary condition of the server, not a bug: the caller gets
 * 503 with Retry-After and may retry the same request (with its Idempotency-Key), instead of a
 * 500 that says nothing can be done.
 */
import type { ProblemMapper } from './problem.filter.js';
import { Problem } from './problem.js';

/** Seconds a client should wait before retrying (a PostgreSQL restart takes a few). */
export const RETRY_AFTER_SECONDS = 2;

/** Socket errors of a connection that was refused, cut or never answered. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down, in recovery),
 * 53300 too many connections.
 */
function unavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** What node-postgres and its pool say when the connection is gone or not to be had. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly | due to connection timeout
  /is not queryable$/, // a client whose connection broke
  /^timeout exceeded when trying to connect$/, // the pool's connectionTimeoutMillis
];

/** True when `error` (or its cause, or one of an AggregateError's errors) is a lost database. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || unavailableSqlState(code))) {
    return true;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

export const databaseUnavailableProblem: ProblemMapper = (error) =>
  isDatabaseUnavailable(error)
    ? new Problem(
        503,
        'database-unavailable',
        'The database is not reachable right now',
        `Retry in ${RETRY_AFTER_SECONDS} seconds; a command retried with the same Idempotency-Key is recorded at most once.`,
        {},
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      )
    : undefined;
