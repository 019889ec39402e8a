// The KurrentDB adapter by the shared conformance suite, against KURRENTDB_URL or else a
// container; with neither the suite does NOT RUN and says so in its name, the output and the
// final summary (docs/kurrentdb.md).
import fc from 'fast-check';
import type * as Testcontainers from 'testcontainers';
import { announce } from '../../../../test/support/notices.js';
import { describeEventStoreConformance } from '../conformance/event-store.conformance.js';
import { openKurrentDbEventStore } from './kurrentdb-event-store.js';
import { fromStreamName, toStreamName } from './kurrentdb-mapping.js';

const IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

interface KurrentDbServer {
  readonly url: string;
  readonly source: string;
  stop(): Promise<void>;
}

/** Top-level await: jest must know which tests exist while it collects them. */
async function findKurrentDb(): Promise<KurrentDbServer | undefined> {
  const fromEnv = process.env.KURRENTDB_URL?.trim();
  if (fromEnv) return { url: fromEnv, source: 'KURRENTDB_URL', stop: async () => undefined };
  let testcontainers: typeof Testcontainers;
  try {
    testcontainers = await import('testcontainers');
    await testcontainers.getContainerRuntimeClient();
  } catch {
    // testcontainers 11 rejects with "Could not find a working container runtime strategy".
    return undefined;
  }
  const { GenericContainer, Wait } = testcontainers;
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300),
    )
    .withStartupTimeout(180_000)
    .start();
  return {
    url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    source: `testcontainers (${IMAGE})`,
    stop: async () => {
      await container.stop();
    },
  };
}

const server = await findKurrentDb();

if (server) {
  describeEventStoreConformance(
    `KurrentDB (${server.source})`,
    async () => {
      const store = await openKurrentDbEventStore(server.url);
      return {
        store,
        teardown: async () => {
          await store.close();
          await server.stop();
        },
      };
    },
    // Every event also claims its id in a stream of its own: fewer events than on PostgreSQL.
    { concurrentWriters: 8, concurrentEvents: 2_000 },
  );
} else {
  const notice =
    'libs/event-store/src/kurrentdb/kurrentdb.int.spec.ts: KurrentDB conformance NOT RUN: ' +
    'no KURRENTDB_URL and no Docker engine (set KURRENTDB_URL to run the ~40 conformance tests)';

  describe('KurrentDB event store', () => {
    it('KurrentDB conformance NOT RUN: no KURRENTDB_URL and no Docker engine (set KURRENTDB_URL to run ~40 conformance tests)', async () => {
      process.stdout.write(`${notice}\n`);
      announce(notice);

      // The adapter and its client (gRPC and the native bridge) load, and a bad setting is
      // refused up front with the variable's name.
      expect(typeof openKurrentDbEventStore).toBe('function');
      await expect(openKurrentDbEventStore('not a url')).rejects.toThrow(
        /^KURRENTDB_URL must be a KurrentDB connection string such as kurrentdb:\/\//,
      );
      await expect(openKurrentDbEventStore('kurrentdb://host:notaport')).rejects.toThrow(
        /^KURRENTDB_URL is not a valid KurrentDB connection string: .*port/,
      );
      // A well-formed string whose server is not there: the real client, on loopback port 1,
      // refuses to open instead of failing later, and hides the password.
      await expect(
        openKurrentDbEventStore('kurrentdb://admin:secret@127.0.0.1:1?tls=false'),
      ).rejects.toThrow(
        /^KurrentDB at KURRENTDB_URL=kurrentdb:\/\/admin:\*\*\*@127\.0\.0\.1:1\?tls=false does not answer/,
      );

      // The stream-name mapping the suite would rely on round-trips.
      fc.assert(
        fc.property(
          fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/),
          fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/),
          (tenant, streamId) => {
            expect(fromStreamName(toStreamName(tenant, streamId))).toEqual({ tenant, streamId });
          },
        ),
      );
    }, 30_000);
  });
}
