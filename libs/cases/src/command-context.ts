/**
 * What a command needs besides its own data: the caller, the correlation id, the version the
 * caller saw (If-Match) and the Idempotency-Key. Each entry makes it its own way (the HTTP API
 * from the request's headers).
 */
import type { Principal } from '#security';

export interface CommandContext {
  readonly principal: Principal;
  readonly correlationId: string;
  /** The command applies only to exactly this version of the stream. */
  readonly ifMatch?: number;
  readonly idempotency?: {
    readonly key: string;
    /** A digest of the whole request: a key reused for another request is refused. */
    readonly requestHash: string;
  };
}
