/**
 * Master key rotation: every case's data key is re-wrapped under the current `ENCRYPTION_KEY`.
 * The sealed personal data in the events is not touched (the events are immutable and
 * hash-chained); only the small key table changes. Afterwards the old master key can be
 * removed from `ENCRYPTION_PREVIOUS_KEYS`.
 */
import { openEventStore } from '#event-store';
import { PersonalDataVault } from '#privacy';
import type { AppConfig } from '../../../teilhabe/src/config.js';
import { keyringFor } from '../../../teilhabe/src/server.js';
import { UsageError } from '../usage-error.js';

export interface RotationResult {
  readonly rewrapped: number;
  readonly masterKeyId: string;
}

export async function rotateKeysCommand(config: AppConfig): Promise<RotationResult> {
  if (config.encryption.kind !== 'key') {
    throw new UsageError(
      'keys rotate: ENCRYPTION_KEY is not set. Set ENCRYPTION_KEY to the new master key and ' +
        'ENCRYPTION_PREVIOUS_KEYS to the old one(s); the embedded development key is not rotated',
    );
  }
  const keyring = keyringFor(config);
  const store = await openEventStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const vault = new PersonalDataVault(store.db, keyring);
    await vault.migrate();
    return { rewrapped: await vault.rotate(), masterKeyId: keyring.current.id };
  } finally {
    await store.close();
  }
}
