/**
 * Signed bearer tokens with `jose`: HS256 with a shared secret (embedded mode, small
 * installations), RS256/ES256 through a JWKS URL (production identity providers).
 */
import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError, principalFromClaims, type Principal, type Role } from './roles.js';

export const MIN_SECRET_BYTES = 32;
export const DEV_ISSUER = 'teilhabe-dev';

export type TokenVerification = (
  | {
      readonly kind: 'secret';
      readonly secret: Uint8Array;
      readonly issuer?: string | undefined;
      readonly audience?: string | undefined;
    }
  | {
      readonly kind: 'jwks';
      readonly jwksUrl: URL;
      readonly issuer?: string | undefined;
      readonly audience?: string | undefined;
    }
) & {
  /** The longest a token may live, `exp` - `iat` (default {@link DEFAULT_MAX_TOKEN_LIFETIME_SECONDS}). */
  readonly maxLifetimeSeconds?: number | undefined;
};

/** 12 hours: a working day and a half. A stolen token is worth no longer than that. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** How far the issuer's clock may run ahead of ours before `iat` counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 60;

/** Verified tokens kept, so a caller's every request does not pay for the signature again. */
const VERIFIED_CACHE_SIZE = 10_000;

export interface VerifiedToken {
  readonly principal: Principal;
  /** `exp` in milliseconds since the epoch. */
  readonly expiresAt: number;
}

export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  /**
   * Token text -> its principal and expiry (ms). Only tokens that passed every check get in, a
   * hit is re-checked against the clock, and the oldest entries go first: the same answer as
   * verifying again, without the HMAC/RSA work that dominated a request's CPU time.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly verification: TokenVerification) {
    this.key =
      verification.kind === 'secret'
        ? verification.secret
        : createRemoteJWKSet(verification.jwksUrl, { cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Principal> {
    return (await this.verifyWithExpiry(token)).principal;
  }

  /** The principal and when the token expires (ms since the epoch), e.g. to end a stream then. */
  async verifyWithExpiry(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known;
    if (known) this.verified.delete(token);
    try {
      const options = {
        algorithms: this.verification.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256', 'PS256'],
        ...(this.verification.issuer ? { issuer: this.verification.issuer } : {}),
        ...(this.verification.audience ? { audience: this.verification.audience } : {}),
        requiredClaims: ['exp'],
      };
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      this.checkLifetime(payload.iat, payload.exp!);
      const principal = Object.freeze(principalFromClaims(payload));
      Object.freeze(principal.roles);
      if (this.verified.size >= VERIFIED_CACHE_SIZE) {
        this.verified.delete(this.verified.keys().next().value!);
      }
      const verified = { principal, expiresAt: payload.exp! * 1000 };
      this.verified.set(token, verified);
      return verified;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof errors.JWTExpired)
        throw new AuthenticationError('the token has expired');
      if (error instanceof errors.JOSEError) {
        throw new AuthenticationError(`the token is not valid (${error.code})`);
      }
      throw error;
    }
  }

  /**
   * A token issued in the future (beyond the clock skew) was minted by a wrong or forged clock; one
   * that lives longer than allowed outlasts a working day. Without `iat`, what is left of its life
   * (`exp` - now) must be within the maximum.
   */
  private checkLifetime(iat: number | undefined, exp: number): void {
    const now = Math.floor(Date.now() / 1000);
    const max = this.verification.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) {
      throw new AuthenticationError(
        `the token was issued in the future (iat ${iat - now} s ahead of the server's clock)`,
      );
    }
    if (exp - (iat ?? now) > max) {
      throw new AuthenticationError(
        `the token lives longer than the ${max} s allowed (exp - iat); ask for a shorter-lived one`,
      );
    }
  }
}

export interface IssueTokenOptions {
  readonly secret: Uint8Array;
  readonly tenant: string;
  readonly roles: readonly Role[];
  readonly subject: string;
  /** Seconds. Default 8 hours (a working day). */
  readonly expiresInSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Signs an HS256 token (what `npx teilhabe token` prints). Checks the claims first. */
export async function issueToken(options: IssueTokenOptions): Promise<string> {
  principalFromClaims({ sub: options.subject, tenant: options.tenant, roles: options.roles });
  const jwt = new SignJWT({ tenant: options.tenant, roles: [...options.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 8 * 3600}s`)
    .setIssuer(options.issuer ?? DEV_ISSUER);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(options.secret);
}

/** AUTH_SECRET as bytes; at least 32 bytes of (ideally random) text. */
export function secretFromText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
