/**
 * What the adapters share besides the port: the catch-up subscription as polling of `readAll`,
 * woken early by the adapter's own appends, and the check of counts given by callers.
 */
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  START,
  type ReadAllOptions,
  type ReadAllResult,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from './event-store.js';

export function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${field} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Batches of `readAll` from `options.from`, then new batches as they arrive; between polls it
 * waits `pollIntervalMs`, or less when `appended` emits `append`.
 */
export async function* pollAll(
  readAll: (options: ReadAllOptions) => Promise<ReadAllResult>,
  appended: EventEmitter,
  options: SubscribeToAllOptions = {},
): AsyncIterable<RecordedEvent[]> {
  const batchSize = positiveInteger(options.batchSize ?? 500, 'batchSize');
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  let position = options.from ?? START;
  while (!options.signal?.aborted) {
    const { events, next } = await readAll({
      from: position,
      maxCount: batchSize,
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    });
    if (events.length > 0) {
      position = next;
      yield events;
      continue;
    }
    await waitForAppend(appended, pollIntervalMs, options.signal);
  }
}

async function waitForAppend(
  appended: EventEmitter,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const wake = new AbortController();
  const onWake = () => wake.abort();
  appended.once('append', onWake);
  signal?.addEventListener('abort', onWake, { once: true });
  try {
    await sleep(timeoutMs, undefined, { signal: wake.signal });
  } catch {
    // woken early by an append or by the caller's abort
  } finally {
    appended.off('append', onWake);
    signal?.removeEventListener('abort', onWake);
  }
}
