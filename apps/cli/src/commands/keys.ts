/**
 * Master key rotation: every case's data key is re-wrapped under the current `ENCRYPTION_KEY`.
 * The sealed personal data in the events is not touched (the events are immutable and
 * hash-chained); only the small key table changes. Afterwards the old master key can be
 * removed from `ENCRYPTION_PREVIOUS_KEYS`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { openEventStore } from '#event-store';
import { PersonalDataVault } from '#privacy';
import { keyringFor, type AppConfig } from '#config';
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

/**
 * Fresh secrets for a server deployment, as `.env` lines (docker compose reads them): the token
 * secret, the master key, and the checkpoint signing key (PEM with its line breaks as `\n`).
 */
export function generateKeysCommand(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
  return [
    '# teilhabe secrets: keep them out of version control; losing ENCRYPTION_KEY loses all personal data',
    `AUTH_SECRET=${randomBytes(48).toString('base64url')}`,
    `ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
    `CHECKPOINT_SIGNING_KEY="${pem.replace(/\n/g, '\\n')}"`,
    '',
  ].join('\n');
}
