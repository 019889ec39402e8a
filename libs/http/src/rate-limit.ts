/**
 * Per-caller rate limiting with rate-limiter-flexible: each authenticated caller (tenant and
 * token subject) or, on public routes, each address gets RATE_LIMIT_PER_MINUTE requests a
 * minute; more are answered 429 with Retry-After. Failed authentications are limited per client
 * address on their own (AUTH_FAILURES_PER_MINUTE), see {@link AuthFailureLimiter}. The address
 * is `request.ip`, which names the client behind a proxy only with TRUST_PROXY set. (@nestjs/throttler is CommonJS requiring the
 * ESM-only Nest 12, which Jest cannot load on Node 20; this library does not depend on Nest.)
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthAttemptLimiter } from '#security';
import { Problem } from './problem.js';

export const RATE_LIMIT_PER_MINUTE = Symbol('RateLimitPerMinute');
export const AUTH_FAILURES_PER_MINUTE = Symbol('AuthFailuresPerMinute');

function tooMany(code: string, title: string, limit: string, msBeforeNext: number): Problem {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new Problem(
    429,
    code,
    title,
    `${limit}; retry in ${retryAfter} s.`,
    {},
    { 'Retry-After': String(retryAfter) },
  );
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(RATE_LIMIT_PER_MINUTE) private readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const principal = request.principal;
    const key = principal ? `${principal.tenant}:${principal.subject}` : addressKey(request);
    try {
      const state = await this.limiter.consume(key);
      response.setHeader('RateLimit-Limit', this.perMinute);
      response.setHeader('RateLimit-Remaining', state.remainingPoints);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw tooMany(
        'too-many-requests',
        'Too many requests',
        `At most ${this.perMinute} requests a minute`,
        error.msBeforeNext,
      );
    }
  }
}

/**
 * At most AUTH_FAILURES_PER_MINUTE failed authentications (401) per client address in a minute;
 * after that every request of that address to a protected route is answered 429 until the
 * minute is over, before its token is looked at, a valid one included: otherwise a guesser
 * would go on testing tokens at full speed and tell a hit by its 200.
 */
@Injectable()
export class AuthFailureLimiter implements AuthAttemptLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(AUTH_FAILURES_PER_MINUTE) private readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async admit(request: Request): Promise<void> {
    const state = await this.limiter.get(addressKey(request));
    if (state && state.consumedPoints >= this.perMinute) {
      throw tooMany(
        'too-many-failed-authentications',
        'Too many failed authentications',
        `At most ${this.perMinute} failed authentications a minute from one address`,
        state.msBeforeNext,
      );
    }
  }

  async failed(request: Request): Promise<void> {
    // Past the limit the consume rejects; the request is refused with its 401 all the same.
    await this.limiter.consume(addressKey(request)).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
  }
}

function addressKey(request: Request): string {
  return `ip:${request.ip}`;
}
