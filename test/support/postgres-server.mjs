// Finds a real PostgreSQL server for the tests, in the order ARCHITECTURE.md gives:
// 1. an explicit URL (TEST_DATABASE_URL, else DATABASE_URL),
// 2. a container via testcontainers where a Docker engine answers,
// 3. the local server on 127.0.0.1:5432 (started by the machine or by deploy/postgres).
// Nothing found is an error, never a silent skip.
import pg from 'pg';

const LOCAL_CANDIDATES = [
  'postgres://postgres@127.0.0.1:5432/postgres',
  `postgres://${process.env.USER ?? 'root'}@127.0.0.1:5432/postgres`,
];

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function fromTestcontainers(log) {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch (error) {
    // testcontainers 11 rejects with "Could not find a working container runtime strategy".
    log(`testcontainers: no container runtime (${String(error.message).split('\n')[0]})`);
    return undefined;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine').start();
  return {
    adminUrl: container.getConnectionUri(),
    source: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

/** @param {(line: string) => void} log */
export async function findPostgres(log) {
  const fromEnv = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (fromEnv) {
    if (!(await answers(fromEnv))) {
      throw new Error(
        `PostgreSQL at TEST_DATABASE_URL/DATABASE_URL does not answer: ${redact(fromEnv)}`,
      );
    }
    return { adminUrl: fromEnv, source: 'environment' };
  }
  const container = await fromTestcontainers(log);
  if (container) return container;
  for (const url of LOCAL_CANDIDATES) {
    if (await answers(url)) return { adminUrl: url, source: 'local' };
  }
  throw new Error(
    'No PostgreSQL server found for the tests: set TEST_DATABASE_URL, start Docker, or run ' +
      '`deploy/postgres/ensure-running.sh` to start the local server on 127.0.0.1:5432.',
  );
}

/** @param {string} url */
export function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
