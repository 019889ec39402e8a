/** How the CLI's projections resolve an enrolment without a person key: as the server does. */
import { CasePersonKeys } from '#cases';
import { keyringFor, type AppConfig } from '#config';
import type { SqlEventStore } from '#event-store';
import { PersonalDataVault } from '#privacy';

export function personKeysFor(config: AppConfig, store: SqlEventStore): CasePersonKeys {
  return new CasePersonKeys(store, new PersonalDataVault(store.db, keyringFor(config)));
}
