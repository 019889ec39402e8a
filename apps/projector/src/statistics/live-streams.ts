/**
 * The live streams each caller holds open: at most STREAMS_PER_CALLER per token subject and
 * tenant, so that one token cannot hold hundreds of connections (and their timers) open.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Problem } from '#http';
import type { Principal } from '#security';

export const STREAMS_PER_CALLER = Symbol('StreamsPerCaller');

/** setTimeout's longest delay (about 24.8 days); tokens may live up to 30. */
const MAX_TIMER_MS = 2 ** 31 - 1;

@Injectable()
export class LiveStreams {
  private readonly open = new Map<string, number>();

  constructor(@Inject(STREAMS_PER_CALLER) readonly perCaller: number) {}

  /**
   * Counts one more stream of this caller, or refuses it with 429 naming the limit. The returned
   * release may be called any number of times; it counts the stream out once.
   */
  acquire(principal: Principal): () => void {
    const key = `${principal.tenant}:${principal.subject}`;
    const count = this.open.get(key) ?? 0;
    if (count >= this.perCaller) {
      throw new Problem(
        429,
        'too-many-streams',
        'Too many live streams',
        `At most ${this.perCaller} live streams per caller (token subject and tenant) at once; close one first.`,
        { limit: this.perCaller },
      );
    }
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left === 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }
}

/** Calls `fire` at the time `at` (ms since the epoch), also beyond setTimeout's range. */
export function atTime(at: number, fire: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const wait = at - Date.now();
    if (wait <= 0) return fire();
    timer = setTimeout(schedule, Math.min(wait, MAX_TIMER_MS));
  };
  schedule();
  return () => clearTimeout(timer);
}
