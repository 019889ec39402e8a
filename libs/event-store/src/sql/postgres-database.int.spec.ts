/**
 * The pool when the database goes away, on a real server: a connection that dies inside a
 * transaction fails that transaction (and does not end the process with an unhandled 'error'
 * event), the pool replaces the broken connection, and waiting for a connection is bounded.
 */
import { testDatabaseWithAdmin } from '../../../../test/support/test-database.js';
import { PostgresDatabase } from './postgres-database.js';

const setup = testDatabaseWithAdmin();

async function gone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await setup.admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
      pid,
    ]);
    if (rows.length === 0) return;
    if (Date.now() > deadline) throw new Error(`backend ${pid} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('fails only the transaction whose connection died, and the pool carries on', async () => {
  const db = new PostgresDatabase({ connectionString: setup.database.url, maxConnections: 1 });
  try {
    let victim = 0;
    const failed = db.transaction(async (tx) => {
      const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      victim = row!.pid;
      // Killed between two statements, while the client is checked out and idle: the moment
      // a database restart hits most transactions (they wait for the application in between).
      await setup.admin.query('SELECT pg_terminate_backend($1)', [victim]);
      await gone(victim);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the client sees the socket close
      await tx.query('SELECT 1');
    });
    await expect(failed).rejects.toThrow(/terminat|not queryable/);
    // The one pooled connection was the broken one: the next query gets a fresh connection.
    const [row] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(row!.pid).not.toBe(victim);
  } finally {
    await db.close();
  }
});

it('gives up waiting for a connection after connectionTimeoutMillis', async () => {
  const db = new PostgresDatabase({
    connectionString: setup.database.url,
    maxConnections: 1,
    connectionTimeoutMillis: 300,
  });
  try {
    let release!: () => void;
    const holding = db.transaction(
      () => new Promise<void>((resolve) => (release = resolve)), // the only connection, held
    );
    const started = Date.now();
    await expect(db.query('SELECT 1')).rejects.toThrow('timeout exceeded when trying to connect');
    expect(Date.now() - started).toBeLessThan(5_000);
    release();
    await holding;
  } finally {
    await db.close();
  }
});
