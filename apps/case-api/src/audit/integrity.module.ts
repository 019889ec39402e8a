/** Signed checkpoints: the scheduler that signs them, the routes that verify them. */
import { Module, type DynamicModule } from '@nestjs/common';
import type { CheckpointSigningKey } from '#event-store';
import { CheckpointScheduler } from './checkpoint-scheduler.js';
import { IntegrityController } from './integrity.controller.js';
import { CHECKPOINT_INTERVAL, CHECKPOINT_SIGNING_KEY } from './integrity.tokens.js';

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
