/**
 * The keys a configured process works with: the operator's from the environment, or in embedded
 * mode the development keys under DATA_DIR.
 */
import { CheckpointSigningKey } from '#event-store';
import { Keyring } from '#privacy';
import { DEV_ISSUER, secretFromText, type TokenVerification } from '#security';
import {
  loadOrCreateDevMasterKey,
  loadOrCreateDevSecret,
  loadOrCreateDevSigningKey,
} from './development-keys.js';
import type { AppConfig } from './server.config.js';

/** How bearer tokens are checked (see AuthConfig). */
export function tokenVerification(config: AppConfig): TokenVerification {
  const { auth } = config;
  const claims = {
    issuer: auth.issuer,
    audience: auth.audience,
    maxLifetimeSeconds: auth.maxTokenLifetimeSeconds,
  };
  switch (auth.kind) {
    case 'secret':
      return { kind: 'secret', secret: secretFromText(auth.secret), ...claims };
    case 'jwks':
      return { kind: 'jwks', jwksUrl: new URL(auth.jwksUrl), ...claims };
    case 'development-key':
      return {
        kind: 'secret',
        secret: loadOrCreateDevSecret(config.dataDir),
        ...claims,
        issuer: auth.issuer ?? DEV_ISSUER,
      };
  }
}

/** The master keys that wrap every case's personal data key. */
export function keyringFor(config: AppConfig): Keyring {
  return config.encryption.kind === 'key'
    ? new Keyring(config.encryption.current, config.encryption.previous, config.personKeySecret)
    : new Keyring(loadOrCreateDevMasterKey(config.dataDir), [], config.personKeySecret);
}

/** The key that signs the integrity checkpoints. */
export function signingKeyFor(config: AppConfig): CheckpointSigningKey {
  return config.checkpointSigningKey.kind === 'pem'
    ? CheckpointSigningKey.fromPem(config.checkpointSigningKey.pem)
    : loadOrCreateDevSigningKey(config.dataDir);
}
