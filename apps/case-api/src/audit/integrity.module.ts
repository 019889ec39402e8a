/**
 * Signed checkpoints and their verification in the app: a scheduler signs a checkpoint for every
 * Jobcenter with new events (CHECKPOINT_INTERVAL_SECONDS), and GET /v1/audit/integrity verifies
 * the auditor's Jobcenter against them and the public key.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { dirname, join } from 'node:path';
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
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CheckpointSigningKey,
  CheckpointStore,
  EVENT_STORE,
  SQL_DATABASE,
  signCheckpoint,
  verifyTenant,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import { CurrentPrincipal, Roles, type Principal } from '#security';

export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');
const CHECKPOINT_INTERVAL = Symbol('CheckpointInterval');

/** Embedded mode's signing key: created once under DATA_DIR, readable by its owner only. */
export function loadOrCreateDevSigningKey(dataDir: string): CheckpointSigningKey {
  const path = join(dataDir, 'keys', 'checkpoint-signing.pem');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(path, 0o600);
  }
  return CheckpointSigningKey.fromPem(readFileSync(path, 'utf8'));
}

/** Signs a checkpoint for every Jobcenter that has events after its last one. */
export async function signAllCheckpoints(
  store: EventStore,
  db: SqlDatabase,
  key: CheckpointSigningKey,
): Promise<number> {
  const checkpoints = new CheckpointStore(db);
  let signed = 0;
  for (const tenant of await checkpoints.tenants(store)) {
    if (await signCheckpoint(store, checkpoints, key, tenant)) signed += 1;
  }
  return signed;
}

@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
    @Inject(CHECKPOINT_INTERVAL) private readonly intervalSeconds: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => signAllCheckpoints(this.store, this.db, this.key))
        .catch((error: unknown) =>
          this.logger.error(`signing checkpoints failed: ${(error as Error).message}`),
        );
    }, this.intervalSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

@ApiTags('audit')
@Controller('v1/audit/integrity')
export class IntegrityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
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
