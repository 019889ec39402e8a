/**
 * Per-caller rate limiting with rate-limiter-flexible: each authenticated caller (tenant and
 * token subject) or, on public routes, each address gets RATE_LIMIT_PER_MINUTE requests a
 * minute; more are answered 429 with Retry-After. (@nestjs/throttler is CommonJS requiring the
 * ESM-only Nest 12, which Jest cannot load on Node 20; this library does not depend on Nest.)
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from './problem.js';

export const RATE_LIMIT_PER_MINUTE = Symbol('RateLimitPerMinute');

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
    const key = principal ? `${principal.tenant}:${principal.subject}` : `ip:${request.ip}`;
    try {
      const state = await this.limiter.consume(key);
      response.setHeader('RateLimit-Limit', this.perMinute);
      response.setHeader('RateLimit-Remaining', state.remainingPoints);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new Problem(
        429,
        'too-many-requests',
        'Too many requests',
        `At most ${this.perMinute} requests a minute; retry in ${retryAfter} s.`,
        {},
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}
