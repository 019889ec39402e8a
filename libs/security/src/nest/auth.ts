/**
 * Authentication and authorisation for Nest: a global guard verifies the bearer token, puts
 * the principal on the request, and checks the roles a route declares with `@Roles(...)`.
 * Routes are closed unless marked `@Public()`; a route without `@Roles` admits any role.
 */
import {
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, hasAnyRole, type Principal, type Role } from '../roles.js';
import type { TokenVerifier, VerifiedToken } from '../tokens.js';

export const TOKEN_VERIFIER = Symbol('TokenVerifier');
export const AUTH_ATTEMPT_LIMITER = Symbol('AuthAttemptLimiter');
const ROLES_KEY = 'teilhabe:roles';
const PUBLIC_KEY = 'teilhabe:public';
const QUERY_TOKEN_KEY = 'teilhabe:query-token';
/** `Bearer <token68>`; the scheme is case-insensitive (RFC 9110 §11.1, RFC 6750 §2.1). */
const BEARER = /^bearer +([A-Za-z0-9._~+/-]+=*)$/i;

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** When the verified token expires (ms since the epoch): a live stream ends then. */
    tokenExpiresAt?: number;
  }
}

/** Who may call this route (any of the roles). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Callable without a token (health, metrics, API documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Also accept the token as `?access_token=` (browsers' EventSource cannot send headers). Only
 * for read-only streams; request logs never contain query strings.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new AuthenticationError('no principal on a protected route');
  return principal;
});

/** Raised when the caller is known but lacks the role; answered as 403. */
export class ForbiddenRoleError extends Error {
  constructor(readonly required: readonly Role[]) {
    super(`this needs one of the roles: ${required.join(', ')}`);
    this.name = 'ForbiddenRoleError';
  }
}

/**
 * Consulted around each token check of a protected route (libs/http limits failed attempts per
 * client address). `admit` throws to refuse the request before its token is looked at.
 */
export interface AuthAttemptLimiter {
  admit(request: Request): Promise<void>;
  failed(request: Request): Promise<void>;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() @Inject(AUTH_ATTEMPT_LIMITER) private readonly attempts?: AuthAttemptLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    await this.attempts?.admit(request);
    try {
      const { principal, expiresAt } = await this.authenticate(request, targets);
      request.principal = principal;
      request.tokenExpiresAt = expiresAt;
    } catch (error) {
      if (error instanceof AuthenticationError) await this.attempts?.failed(request);
      throw error;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && !hasAnyRole(request.principal, required))
      throw new ForbiddenRoleError(required);
    return true;
  }

  private async authenticate(
    request: Request,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<VerifiedToken> {
    const header = request.header('authorization');
    const match = header ? BEARER.exec(header) : null;
    const fromQuery = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets)
      ? request.query.access_token
      : undefined;
    const token = match?.[1] ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
    if (!token) {
      throw new AuthenticationError('send Authorization: Bearer <token>');
    }
    return this.verifier.verifyWithExpiry(token);
  }
}
