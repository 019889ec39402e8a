/** Nest wiring of the vault: one per process, on the event store's database, migrated at start. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type SqlEventStore } from '#event-store';
import { Keyring, PersonalDataVault } from './vault.js';

export const VAULT = Symbol('PersonalDataVault');

/**
 * Embedded mode's master key: created once under DATA_DIR, readable by its owner only. In
 * production ENCRYPTION_KEY comes from the operator's secret store.
 */
export function loadOrCreateDevMasterKey(dataDir: string): Buffer {
  const path = join(dataDir, 'keys', 'master.key');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(path, 0o600);
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

class VaultMigration implements OnModuleInit {
  constructor(@Inject(VAULT) private readonly vault: PersonalDataVault) {}

  async onModuleInit(): Promise<void> {
    await this.vault.migrate();
  }
}

@Global()
@Module({})
export class PrivacyModule {
  static forRoot(keyring: Keyring): DynamicModule {
    return {
      module: PrivacyModule,
      providers: [
        {
          provide: VAULT,
          useFactory: (store: SqlEventStore) => new PersonalDataVault(store.db, keyring),
          inject: [EVENT_STORE],
        },
        VaultMigration,
      ],
      exports: [VAULT],
    };
  }
}
