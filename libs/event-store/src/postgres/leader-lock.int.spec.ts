/**
 * Leader election on a real PostgreSQL server: never two leaders, a lost lock session stops the
 * leader's work at once, a standby takes over within about one poll, and a leader whose
 * session stops answering stops working while it still blocks the others.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { testDatabaseWithAdmin } from '../../../../test/support/test-database.js';
import { until } from '../../../../test/support/until.js';
import { leaderLockKey, runAsLeader, type LeaderElectionOptions } from './leader-lock.js';

const setup = testDatabaseWithAdmin();

/** One contender: its own outer signal, its state, and whether its work is running. */
interface Contender {
  readonly id: number;
  readonly stop: AbortController;
  readonly done: Promise<void>;
  working: boolean;
  terms: number;
  term?: AbortSignal;
  abortedAt?: number;
}

const FAST: Omit<LeaderElectionOptions, 'connectionString' | 'name'> = {
  pollIntervalMs: 50,
  checkIntervalMs: 100,
  checkTimeoutMs: 500,
};

function contend(
  name: string,
  id: number,
  onStart: (self: Contender) => void,
  options: Partial<LeaderElectionOptions> = {},
): Contender {
  const stop = new AbortController();
  const self: Contender = { id, stop, done: Promise.resolve(), working: false, terms: 0 };
  (self as { done: Promise<void> }).done = runAsLeader(
    { connectionString: setup.database.url, name, ...FAST, ...options },
    stop.signal,
    async (term) => {
      self.working = true;
      self.terms += 1;
      self.term = term;
      onStart(self);
      await new Promise<void>((resolve) => {
        if (term.aborted) return resolve();
        term.addEventListener('abort', () => resolve(), { once: true });
      });
      self.abortedAt = Date.now();
      self.working = false;
    },
  );
  return self;
}

/** Backend process ids of the sessions holding or waiting for `name`'s lock. */
async function lockHolder(name: string): Promise<number | undefined> {
  const [classId, objId] = leaderLockKey(name);
  const { rows } = await setup.admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND classid = $1 AND objid = $2 AND objsubid = 2`,
    [classId >>> 0, objId >>> 0],
  );
  return rows[0]?.pid;
}

it('derives distinct keys per name, the same for the same name', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      expect(leaderLockKey(a)).toEqual(leaderLockKey(a));
      if (a !== b) expect(leaderLockKey(a)[1]).not.toBe(leaderLockKey(b)[1]);
    }),
  );
});

it('never has two leaders while leaders are killed, stopped and added at random', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom('terminate', 'stop', 'add', 'wait'), {
        minLength: 4,
        maxLength: 12,
      }),
      async (actions) => {
        const name = `prop-${randomUUID()}`;
        const contenders: Contender[] = [];
        const overlaps: string[] = [];
        const onStart = (self: Contender) => {
          // A new leader's own first I/O can only complete in a later event-loop turn; by the
          // end of this turn every earlier leader must have been told to stop.
          setImmediate(() => {
            for (const other of contenders) {
              if (other !== self && other.working && !other.term?.aborted) {
                overlaps.push(`${self.id} started while ${other.id} still led`);
              }
            }
          });
        };
        const add = () => contenders.push(contend(name, contenders.length, onStart));
        add();
        add();
        try {
          for (const action of actions) {
            const live = contenders.filter((c) => !c.stop.signal.aborted);
            if (action === 'add' || live.length === 0) add();
            const leader = await until('a leader', () => contenders.find((c) => c.working), 5_000);
            const termsBefore = contenders.reduce((sum, c) => sum + c.terms, 0);
            if (action === 'terminate') {
              const term = leader.term!;
              const pid = await until('the lock holder', () => lockHolder(name));
              await setup.admin.query('SELECT pg_terminate_backend($1)', [pid]);
              await until('the leader to stop', () => term.aborted, 5_000);
            } else if (action === 'stop') {
              leader.stop.abort();
              await leader.done;
              expect(leader.working).toBe(false);
            } else {
              await new Promise((resolve) => setTimeout(resolve, 120));
            }
            if (action === 'terminate' || action === 'stop') {
              if (contenders.some((c) => !c.stop.signal.aborted)) {
                await until('a new term', () =>
                  contenders.reduce((sum, c) => sum + c.terms, 0) > termsBefore ? true : undefined,
                );
              }
            }
            expect(
              contenders.filter((c) => c.working && !c.term?.aborted).length,
            ).toBeLessThanOrEqual(1);
          }
        } finally {
          for (const c of contenders) c.stop.abort();
          await Promise.all(contenders.map((c) => c.done));
        }
        await new Promise((resolve) => setImmediate(resolve));
        expect(overlaps).toEqual([]);
        expect(await lockHolder(name)).toBeUndefined();
      },
    ),
    { numRuns: 8 },
  );
}, 120_000);

it('stops the leader at once when its lock session is terminated; a standby takes over', async () => {
  const name = `terminate-${randomUUID()}`;
  const started: number[] = [];
  // a waits longer after losing than b polls, so that b wins.
  const a = contend(name, 0, () => started.push(Date.now()), { pollIntervalMs: 3_000 });
  await until('a to lead', () => a.working);
  const b = contend(name, 1, () => started.push(Date.now()), { pollIntervalMs: 1_000 });
  await until('b to stand by', async () => (await standbys(name)) >= 1);
  const pid = await lockHolder(name);
  const killedAt = Date.now();
  await setup.admin.query('SELECT pg_terminate_backend($1)', [pid]);
  await until('b to lead', () => b.working);
  const stopped = a.abortedAt! - killedAt;
  const takeover = started[1]! - killedAt;
  console.log(
    `[leader-lock] leader stopped ${stopped} ms, standby led ${takeover} ms after the kill`,
  );
  expect(a.term?.aborted).toBe(true);
  expect(stopped).toBeLessThan(500);
  expect(takeover).toBeLessThan(2_500); // one poll (1 s) and a connection
  // a contends again and stands by behind b.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(a.working).toBe(false);
  expect(a.terms).toBe(1);
  b.stop.abort();
  await until('a to lead again', () => a.working);
  a.stop.abort();
  await Promise.all([a.done, b.done]);
  expect(await lockHolder(name)).toBeUndefined();
}, 30_000);

it('stops a leader whose session no longer answers before anyone else can lead', async () => {
  const name = `frozen-${randomUUID()}`;
  const a = contend(name, 0, () => undefined);
  await until('a to lead', () => a.working);
  const b = contend(name, 1, () => undefined);
  const pid = (await lockHolder(name))!;
  const term = a.term!;
  // Freezing the leader's backend is what a network partition looks like from the leader: its
  // checks go unanswered while the server still holds the lock.
  process.kill(pid, 'SIGSTOP');
  try {
    await until('a to stop', () => term.aborted, 5_000);
    expect(b.working).toBe(false); // the frozen session still holds the lock
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await setup.admin.query('SELECT pg_terminate_backend($1)', [pid]);
  // b, or a with a new session, leads now.
  await until('a new leader', () => (b.working || a.terms > 1 ? true : undefined));
  a.stop.abort();
  b.stop.abort();
  await Promise.all([a.done, b.done]);
}, 30_000);

it('releases the lock and passes the error on when the work fails', async () => {
  const name = `fails-${randomUUID()}`;
  const failing = runAsLeader(
    { connectionString: setup.database.url, name, ...FAST },
    new AbortController().signal,
    () => Promise.reject(new Error('work broke')),
  );
  await expect(failing).rejects.toThrow('work broke');
  await until('the lock to be free', async () =>
    (await lockHolder(name)) === undefined ? true : undefined,
  );
});

async function standbys(name: string): Promise<number> {
  const { rows } = await setup.admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
    [`teilhabe-leader:${name}`.slice(0, 63)],
  );
  return Number(rows[0]!.n) - 1;
}
