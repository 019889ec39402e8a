/** Nest wiring of the vault: one per process, on the event store's database, migrated at start. */
import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type SqlEventStore } from '#event-store';
import { Keyring, PersonalDataVault } from './vault.js';

export const VAULT = Symbol('PersonalDataVault');

class VaultMigration implements OnModuleInit {
  constructor(@Inject(VAULT) private readonly vault: PersonalDataVault) {}

  async onModuleInit(): Promise<void> {
    await this.vault.migrate();
    // Before any request: a wrong ENCRYPTION_KEY refuses the start instead of failing reads.
    await this.vault.checkMasterKeys();
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
