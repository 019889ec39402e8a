/**
 * Embedded mode's own secrets, created once under DATA_DIR (readable by their owner only) and
 * reused, so tokens, sealed personal data and signed checkpoints survive restarts. A server
 * deployment (DATABASE_URL) takes its secrets from the environment and never creates these.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CheckpointSigningKey } from '#event-store';
import { MIN_SECRET_BYTES } from '#security';

/** Writes `content()` to `path` unless it exists; a concurrent start that wrote it first wins. */
function createOnce(path: string, content: () => string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, content(), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(path, 0o600);
}

/** The master key that wraps every case's data key (ENCRYPTION_KEY's stand-in). */
export function loadOrCreateDevMasterKey(dataDir: string): Buffer {
  const path = join(dataDir, 'keys', 'master.key');
  createOnce(path, () => randomBytes(32).toString('base64'));
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

export function devSecretPath(dataDir: string): string {
  return join(dataDir, 'auth', 'dev-secret.key');
}

/** The HS256 secret of the development tokens (AUTH_SECRET's stand-in). */
export function loadOrCreateDevSecret(dataDir: string): Uint8Array {
  const path = devSecretPath(dataDir);
  createOnce(path, () => randomBytes(MIN_SECRET_BYTES).toString('base64url'));
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
}

/** The Ed25519 key that signs the integrity checkpoints (CHECKPOINT_SIGNING_KEY's stand-in). */
export function loadOrCreateDevSigningKey(dataDir: string): CheckpointSigningKey {
  const path = join(dataDir, 'keys', 'checkpoint-signing.pem');
  createOnce(path, () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  return CheckpointSigningKey.fromPem(readFileSync(path, 'utf8'));
}
