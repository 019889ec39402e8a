import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { describeEventStoreConformance } from '../conformance/event-store.conformance.js';
import { openPostgresEventStore } from '../factories.js';

let database: TestDatabase;

describeEventStoreConformance(
  'PostgreSQL (pg pool on a real server)',
  async () => {
    database = await createTestDatabase();
    const store = await openPostgresEventStore({
      connectionString: database.url,
      maxConnections: 20,
    });
    return {
      store,
      teardown: async () => {
        await store.close();
        await database.drop();
      },
    };
  },
  { concurrentWriters: 16, concurrentEvents: 10_000 },
);
