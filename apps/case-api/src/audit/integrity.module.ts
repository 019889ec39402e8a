/**
 * Signed checkpoints and their verification in the app: a scheduler signs a checkpoint for every
 * Jobcenter with new events (CHECKPOINT_INTERVAL_SECONDS), and GET /v1/audit/integrity verifies
 * the auditor's Jobcenter against them and the public key.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import {
  CheckpointSigningKey,
  CheckpointStore,
  EVENT_STORE,
  LEADER_ELECTION,
  READ_DATABASE,
  READ_EVENT_STORE,
  SQL_DATABASE,
  signAllCheckpoints,
  verifyTenant,
  type EventStore,
  type LeaderElection,
  type SqlDatabase,
} from '#event-store';
import { Metrics } from '#http';
import { CurrentPrincipal, Roles, type Principal } from '#security';

export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');
const CHECKPOINT_INTERVAL = Symbol('CheckpointInterval');

/**
 * Signs checkpoints every interval, in one replica only: the leader of `checkpoint-signer`
 * (advisory lock on PostgreSQL; embedded mode is one process). A standby takes over within
 * seconds when the leader dies.
 */
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
    this.running = this.election
      .run(
        'checkpoint-signer',
        this.stop.signal,
        (term) => this.signEvery(term),
        (state) => {
          this.leader.set(state === 'leader' ? 1 : 0);
          this.logger.log(`checkpoint signer: ${state}`);
        },
      )
      .catch((error: unknown) =>
        this.logger.error(`checkpoint signer stopped: ${(error as Error).message}`),
      );
  }

  private async signEvery(term: AbortSignal): Promise<void> {
    for (;;) {
      await sleep(this.intervalSeconds * 1000, undefined, { signal: term }).catch(() => undefined);
      if (term.aborted) return;
      await signAllCheckpoints(this.store, this.db, this.key).catch((error: unknown) =>
        this.logger.error(`signing checkpoints failed: ${(error as Error).message}`),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/integrity')
export class IntegrityController {
  // Verification only reads, and a lagging answer is still a true one: the read replica, if any.
  constructor(
    @Inject(READ_EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) private readonly db: SqlDatabase,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
  ) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({
    summary:
      'Verify every hash chain and signed checkpoint of your Jobcenter (compare publicKey with the one you were given)',
  })
  async verify(@CurrentPrincipal() principal: Principal) {
    const checkpoints = await new CheckpointStore(this.db).list(principal.tenant);
    const report = await verifyTenant(
      this.store,
      checkpoints,
      this.key.publicKey,
      principal.tenant,
    );
    return { ...report, publicKey: this.key.publicKeyPem(), publicKeyId: this.key.keyId };
  }

  @Get('checkpoints')
  @Roles('auditor')
  @ApiOperation({
    summary:
      'The signed checkpoints of your Jobcenter: keep copies outside the operator’s reach and verify against them later (teilhabe audit verify --checkpoints)',
  })
  async checkpoints(@CurrentPrincipal() principal: Principal) {
    return {
      publicKeyId: this.key.keyId,
      checkpoints: await new CheckpointStore(this.db).list(principal.tenant),
    };
  }
}

@Module({})
export class AuditIntegrityModule {
  static forRoot(options: { key: CheckpointSigningKey; intervalSeconds: number }): DynamicModule {
    return {
      module: AuditIntegrityModule,
      controllers: [IntegrityController],
      providers: [
        { provide: CHECKPOINT_SIGNING_KEY, useValue: options.key },
        { provide: CHECKPOINT_INTERVAL, useValue: options.intervalSeconds },
        CheckpointScheduler,
      ],
      exports: [CHECKPOINT_SIGNING_KEY],
    };
  }
}
