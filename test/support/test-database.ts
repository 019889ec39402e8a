/**
 * A throwaway PostgreSQL database per test file on the server the global setup found:
 * created with a random name, dropped (with its connections) when the file is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A throwaway database and a client connected to it, to watch or end the test's sessions. */
export interface TestDatabaseWithAdmin {
  readonly database: TestDatabase;
  readonly admin: pg.Client;
}

/**
 * Registers the test file's beforeAll/afterAll for a {@link TestDatabaseWithAdmin}. The fields
 * are set once beforeAll ran: read them inside the tests.
 */
export function testDatabaseWithAdmin(): TestDatabaseWithAdmin {
  const setup: { -readonly [K in keyof TestDatabaseWithAdmin]?: TestDatabaseWithAdmin[K] } = {};
  beforeAll(async () => {
    setup.database = await createTestDatabase();
    setup.admin = new pg.Client({ connectionString: setup.database.url });
    await setup.admin.connect();
  });
  afterAll(async () => {
    await setup.admin?.end();
    await setup.database?.drop();
  });
  return setup as TestDatabaseWithAdmin;
}

export function postgresServerUrl(): string {
  const url = process.env.TEILHABE_TEST_POSTGRES_URL;
  if (!url)
    throw new Error('TEILHABE_TEST_POSTGRES_URL is not set: the jest global setup did not run.');
  return url;
}

export async function createTestDatabase(prefix = 'teilhabe_test'): Promise<TestDatabase> {
  const adminUrl = postgresServerUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
