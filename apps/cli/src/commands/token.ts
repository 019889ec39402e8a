import { loadOrCreateDevSecret, type AppConfig } from '#config';
import { issueToken, secretFromText, type Role } from '#security';
import { UsageError } from '../usage-error.js';

export interface TokenOptions {
  readonly tenant: string;
  readonly role: readonly Role[];
  readonly subject: string;
  readonly expiresIn: number;
}

/** Signs a token the server accepts: with AUTH_SECRET, or with embedded mode's development key. */
export async function tokenCommand(config: AppConfig, options: TokenOptions): Promise<string> {
  const { auth } = config;
  if (auth.kind === 'jwks') {
    throw new UsageError(
      'AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command',
    );
  }
  if (options.expiresIn > auth.maxTokenLifetimeSeconds) {
    // The server would refuse it on every request: say so now, not at the first 401.
    throw new UsageError(
      `--expires-in must be at most ${auth.maxTokenLifetimeSeconds} s (AUTH_MAX_TOKEN_LIFETIME_SECONDS): the server refuses longer-lived tokens`,
    );
  }
  const secret =
    auth.kind === 'secret' ? secretFromText(auth.secret) : loadOrCreateDevSecret(config.dataDir);
  return issueToken({
    secret,
    tenant: options.tenant,
    roles: options.role,
    subject: options.subject,
    expiresInSeconds: options.expiresIn,
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
  });
}
