/**
 * What every HTTP app of teilhabe shares: metrics, the auth guard with its token verifier,
 * per-caller rate limiting, and the problem filter.
 */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  AUTH_ATTEMPT_LIMITER,
  AuthGuard,
  TOKEN_VERIFIER,
  TokenVerifier,
  type TokenVerification,
} from '#security';
import { CLOCK, type Clock } from './clock.js';
import { Metrics, MetricsController } from './metrics.js';
import {
  AUTH_FAILURES_PER_MINUTE,
  AuthFailureLimiter,
  RATE_LIMIT_PER_MINUTE,
  RateLimitGuard,
} from './rate-limit.js';

export interface HttpPlatformOptions {
  readonly verification: TokenVerification;
  readonly rateLimitPerMinute: number;
  /** Failed authentications per client address and minute before 429. */
  readonly authFailuresPerMinute: number;
  /** The clock every decision and figure takes "today" from (tests pin it). */
  readonly clock?: Clock;
}

@Global()
@Module({})
export class HttpPlatformModule {
  static forRoot(options: HttpPlatformOptions): DynamicModule {
    return {
      module: HttpPlatformModule,
      controllers: [MetricsController],
      providers: [
        Metrics,
        { provide: CLOCK, useValue: options.clock ?? (() => new Date()) },
        { provide: RATE_LIMIT_PER_MINUTE, useValue: options.rateLimitPerMinute },
        { provide: AUTH_FAILURES_PER_MINUTE, useValue: options.authFailuresPerMinute },
        { provide: AUTH_ATTEMPT_LIMITER, useClass: AuthFailureLimiter },
        { provide: TOKEN_VERIFIER, useValue: new TokenVerifier(options.verification) },
        // Order matters: authenticate first, so the rate limit knows who is calling.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [Metrics, TOKEN_VERIFIER, CLOCK],
    };
  }
}
