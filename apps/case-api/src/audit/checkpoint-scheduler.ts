/** The checkpoint signer (libs/event-store) in the Nest lifecycle, with its leader gauge. */
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  CheckpointSigningKey,
  EVENT_STORE,
  LEADER_ELECTION,
  SQL_DATABASE,
  runCheckpointSigner,
  type EventStore,
  type LeaderElection,
  type SqlDatabase,
} from '#event-store';
import { Metrics } from '#http';
import { CHECKPOINT_INTERVAL, CHECKPOINT_SIGNING_KEY } from './integrity.tokens.js';

@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly stop = new AbortController();
  private running: Promise<unknown> = Promise.resolve();
  private readonly leader: Gauge;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
    @Inject(CHECKPOINT_INTERVAL) private readonly intervalSeconds: number,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
    metrics: Metrics,
  ) {
    this.leader = new Gauge({
      name: 'teilhabe_checkpoint_signer_leader',
      help: '1 while this replica signs the integrity checkpoints, 0 while it stands by',
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.running = runCheckpointSigner(
      {
        store: this.store,
        db: this.db,
        key: this.key,
        intervalSeconds: this.intervalSeconds,
        election: this.election,
        onState: (state) => {
          this.leader.set(state === 'leader' ? 1 : 0);
          this.logger.log(`checkpoint signer: ${state}`);
        },
        onError: (error) =>
          this.logger.error(`signing checkpoints failed: ${(error as Error).message}`),
      },
      this.stop.signal,
    ).catch((error: unknown) =>
      this.logger.error(`checkpoint signer stopped: ${(error as Error).message}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
