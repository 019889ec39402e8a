/**
 * The little the adapters need from a PostgreSQL connection, implemented by the `pg` pool
 * (server) and by PGlite (embedded). Projections use the same interface for their read
 * models, so a batch's read-model changes and its checkpoint share one transaction.
 */
export type SqlParameter = string | number | boolean | null | Date | Uint8Array | readonly string[];

/**
 * A statement to run often: the `pg` driver prepares it once per connection under its name
 * (parse and plan once, then only bind and execute); PGlite runs it as plain text.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export type Statement = string | PreparedStatement;

export function statementText(statement: Statement): string {
  return typeof statement === 'string' ? statement : statement.text;
}

export interface SqlExecutor {
  query<Row extends object = Record<string, unknown>>(
    statement: Statement,
    params?: readonly SqlParameter[],
  ): Promise<Row[]>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Which engine is behind it: tests and diagnostics only, never a branch in business logic. */
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL error with its SQLSTATE code and, for constraint violations, the constraint name. */
export interface PostgresErrorLike {
  readonly code?: string;
  readonly constraint?: string;
  readonly message: string;
}

export function isPostgresError(error: unknown): error is PostgresErrorLike {
  return typeof error === 'object' && error !== null && 'message' in error && 'code' in error;
}

/** Numbers arrive as strings (pg) or numbers (PGlite); both become safe integers here. */
export function toSafeInteger(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${what} is not a safe integer: ${String(value)}`);
  return n;
}
