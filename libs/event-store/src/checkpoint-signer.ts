// Signs the integrity checkpoints every interval, in one replica only: the leader of
// `checkpoint-signer` (advisory lock on PostgreSQL; embedded mode is one process). A standby
// takes over within seconds when the leader dies.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from './event-store.js';
import { signAllCheckpoints, type CheckpointSigningKey } from './integrity.js';
import type { LeaderElection, LeaderState } from './postgres/leader-lock.js';
import type { SqlDatabase } from './sql/database.js';

export interface CheckpointSignerOptions {
  readonly store: EventStore;
  readonly db: SqlDatabase;
  readonly key: CheckpointSigningKey;
  /** Seconds between two rounds of signing (CHECKPOINT_INTERVAL_SECONDS). */
  readonly intervalSeconds: number;
  readonly election: LeaderElection;
  readonly onState?: (state: LeaderState) => void;
  /** A round that failed; the next interval tries again. */
  readonly onError?: (error: unknown) => void;
}

/** Signs every `intervalSeconds` while this process leads, until `signal` aborts. */
export async function runCheckpointSigner(
  options: CheckpointSignerOptions,
  signal: AbortSignal,
): Promise<void> {
  const { store, db, key, intervalSeconds } = options;
  const signEvery = async (term: AbortSignal): Promise<void> => {
    for (;;) {
      await sleep(intervalSeconds * 1000, undefined, { signal: term }).catch(() => undefined);
      if (term.aborted) return;
      await signAllCheckpoints(store, db, key).catch((error: unknown) => options.onError?.(error));
    }
  };
  await options.election.run('checkpoint-signer', signal, signEvery, options.onState);
}
