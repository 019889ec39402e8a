import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlParameter, Statement } from './database.js';

export interface PostgresDatabaseOptions {
  readonly connectionString: string;
  /** Pool size. Default 10. */
  readonly maxConnections?: number;
  readonly applicationName?: string;
  /**
   * Milliseconds to wait for a connection (a new one, or a free one of the pool) before the
   * query fails. Default 5000: with the server down or unreachable a request fails (503) in
   * bounded time instead of hanging.
   */
  readonly connectionTimeoutMillis?: number;
}

/** A PostgreSQL server reached through a `pg` connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(options: PostgresDatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'teilhabe',
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    });
    // An idle client losing its connection (server restart) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async query<Row extends object>(
    statement: Statement,
    params?: readonly SqlParameter[],
  ): Promise<Row[]> {
    const result = await this.pool.query<Row>(toQueryConfig(statement, params));
    return result.rows;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no 'error' listener of the pool's: a connection lost now (the
    // database restarting) would be an unhandled 'error' event that ends the process. The query
    // in flight fails by itself; this keeps the process alive and the broken client out of the pool.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    const tx: SqlExecutor = {
      query: async <Row extends object>(statement: Statement, params?: readonly SqlParameter[]) =>
        (await client.query<Row>(toQueryConfig(statement, params))).rows,
      exec: async (script: string) => {
        await client.query(script);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function toQueryConfig(statement: Statement, params?: readonly SqlParameter[]): pg.QueryConfig {
  const values = params as unknown[] | undefined;
  return typeof statement === 'string'
    ? { text: statement, values }
    : { name: statement.name, text: statement.text, values };
}
