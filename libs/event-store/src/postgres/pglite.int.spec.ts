import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../conformance/event-store.conformance.js';
import { openPGliteEventStore } from '../factories.js';

describeEventStoreConformance(
  'PGlite (embedded, file-backed data directory)',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-pglite-'));
    const store = await openPGliteEventStore(dataDir);
    return {
      store,
      teardown: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
  // One connection: writers interleave on PGlite's queue rather than in parallel transactions.
  { concurrentWriters: 8, concurrentEvents: 2_000 },
);
