// Leader election for one-at-a-time workers (the Kafka relay, the checkpoint signer): whoever
// holds a session-level PostgreSQL advisory lock on a dedicated connection leads; the others
// poll. How a killed, cut-off or frozen leader hands over: docs/design/leader-election.md.
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

/** First half of every leader lock's key: keeps them apart from other advisory locks. */
const NAMESPACE = 0x7465696c; // "teil"

/** The two-part advisory lock key of an elected role: the namespace and a hash of the name. */
export function leaderLockKey(name: string): readonly [number, number] {
  return [NAMESPACE, createHash('sha256').update(name).digest().readInt32BE(0)];
}

/**
 * Runs singleton work: `run` calls `work` only while this process leads for `name`. With one
 * process (embedded PGlite) it simply runs it.
 */
export interface LeaderElection {
  run(
    name: string,
    signal: AbortSignal,
    work: (term: AbortSignal) => Promise<void>,
    onState?: (state: LeaderState) => void,
  ): Promise<void>;
}

/** Elections through advisory locks of the PostgreSQL server at `connectionString`. */
export function postgresLeaderElection(
  connectionString: string,
  defaults: Omit<LeaderElectionOptions, 'connectionString' | 'name' | 'onState'> = {},
): LeaderElection {
  return {
    run: (name, signal, work, onState) =>
      runAsLeader(
        { ...defaults, connectionString, name, ...(onState ? { onState } : {}) },
        signal,
        work,
      ),
  };
}

/** The one process of embedded mode always leads. */
export const SOLE_PROCESS: LeaderElection = {
  async run(_name, signal, work, onState) {
    onState?.('leader');
    await work(signal);
  },
};

export type LeaderState = 'leader' | 'standby' | 'disconnected';

export interface LeaderElectionOptions {
  readonly connectionString: string;
  /** What is elected, e.g. `relay:teilhabe.events.v1`; one leader per name and database. */
  readonly name: string;
  /** A standby's wait between attempts. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** The leader's check of its lock session. Default every 1 s, failing after 2 s. */
  readonly checkIntervalMs?: number;
  readonly checkTimeoutMs?: number;
  /** The server ends a lock session this long without a check (and TCP keepalive ~ the same). Default 10 s. */
  readonly sessionTimeoutMs?: number;
  readonly onState?: (state: LeaderState) => void;
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs `work` whenever this process holds the lock, until `signal` aborts. `work` gets a signal
 * that aborts when leadership is lost (or `signal` aborts) and must return soon after; then this
 * process stands by again. If `work` returns on its own or throws, the lock is released and
 * this returns or throws.
 */
export async function runAsLeader(
  options: LeaderElectionOptions,
  signal: AbortSignal,
  work: (term: AbortSignal) => Promise<void>,
): Promise<void> {
  const [classId, objId] = leaderLockKey(options.name);
  const pollMs = options.pollIntervalMs ?? 1_000;
  let state: LeaderState | undefined;
  const report = (next: LeaderState) => {
    if (next !== state) options.onState?.((state = next));
  };
  while (!signal.aborted) {
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: `teilhabe-leader:${options.name}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: 5_000,
      query_timeout: options.checkTimeoutMs ?? 2_000,
    });
    // A lost connection shows in the queries and the 'end' event; without a listener the
    // 'error' event would end the process.
    client.on('error', () => undefined);
    let outcome: Outcome | undefined;
    try {
      await client.connect();
      await configureSession(client, options.sessionTimeoutMs ?? 10_000);
      while (!signal.aborted) {
        const [row] = (
          await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
            classId,
            objId,
          ])
        ).rows;
        if (row?.locked) break;
        report('standby');
        await sleep(pollMs, signal);
      }
      if (signal.aborted) break;
      report('leader');
      outcome = await lead(client, options, [classId, objId], signal, work);
      if (outcome.kind === 'lost' && !signal.aborted) {
        report('disconnected');
        options.onError?.(outcome.reason);
        // Contend again only after a poll: standbys get their turn.
        await sleep(pollMs, signal);
      }
    } catch (error) {
      if (signal.aborted) break;
      report('disconnected');
      options.onError?.(error);
      await sleep(pollMs, signal);
    } finally {
      // Ending the session releases the lock: waited for (so a stopped leader has released it
      // when this returns), but not for long when the server does not answer.
      await Promise.race([
        client.end().catch(() => undefined),
        delay(options.checkTimeoutMs ?? 2_000, undefined, { ref: false }),
      ]);
    }
    if (outcome?.kind === 'failed') throw outcome.error;
    if (outcome?.kind === 'finished') break;
  }
}

type Outcome =
  { kind: 'lost'; reason: unknown } | { kind: 'finished' } | { kind: 'failed'; error: unknown };

/** Leads until leadership is lost, or `work` ends without being asked to or throws. */
async function lead(
  client: pg.Client,
  options: LeaderElectionOptions,
  [classId, objId]: readonly [number, number],
  signal: AbortSignal,
  work: (term: AbortSignal) => Promise<void>,
): Promise<Outcome> {
  const term = new AbortController();
  const lose = (reason: unknown) => {
    if (!term.signal.aborted) term.abort(reason);
  };
  const onEnd = () => lose(new Error('leader lock connection ended'));
  const onError = (error: unknown) => lose(error);
  const onAbort = () => lose(signal.reason);
  client.on('end', onEnd);
  client.on('error', onError);
  signal.addEventListener('abort', onAbort, { once: true });
  const watching = watch(client, options, [classId >>> 0, objId >>> 0], term.signal).catch(lose);
  try {
    await work(term.signal);
    return term.signal.aborted
      ? { kind: 'lost', reason: term.signal.reason }
      : { kind: 'finished' };
  } catch (error) {
    return term.signal.aborted
      ? { kind: 'lost', reason: term.signal.reason }
      : { kind: 'failed', error };
  } finally {
    lose(new Error('leader work ended'));
    signal.removeEventListener('abort', onAbort);
    client.off('end', onEnd);
    client.off('error', onError);
    await watching;
  }
}

/** Checks every interval that this very session still holds the lock; throws when not. */
async function watch(
  client: pg.Client,
  options: LeaderElectionOptions,
  [classId, objId]: readonly [number, number],
  term: AbortSignal,
): Promise<void> {
  for (;;) {
    await sleep(options.checkIntervalMs ?? 1_000, term);
    if (term.aborted) return;
    const [row] = (
      await client.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND pid = pg_backend_pid() AND classid = $1 AND objid = $2 AND objsubid = 2) AS held`,
        [classId, objId],
      )
    ).rows;
    if (!row?.held) throw new Error('leader lock is no longer held by this session');
  }
}

/**
 * Lets the server notice a vanished leader within seconds instead of the operating system's
 * two hours. Settings an older server lacks (idle_session_timeout before 14) are left out.
 */
async function configureSession(client: pg.Client, sessionTimeoutMs: number): Promise<void> {
  const idleSeconds = Math.max(1, Math.round(sessionTimeoutMs / 2_000));
  const probes = Math.max(1, Math.round(sessionTimeoutMs / 2_000));
  const settings: [string, string][] = [
    ['tcp_keepalives_idle', String(idleSeconds)],
    ['tcp_keepalives_interval', '1'],
    ['tcp_keepalives_count', String(probes)],
    ['idle_session_timeout', String(sessionTimeoutMs)],
  ];
  const [{ version } = { version: '0' }] = (
    await client.query<{ version: string }>(
      "SELECT current_setting('server_version_num') AS version",
    )
  ).rows;
  for (const [name, value] of settings) {
    if (name === 'idle_session_timeout' && Number(version) < 140_000) continue;
    await client.query('SELECT set_config($1, $2, false)', [name, value]);
  }
}

/** Waits, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
