/**
 * The chosen disclosure control for every view that leaves the own Jobcenter's staff (analysts,
 * the national view, the ranking): counts are published as multiples of ten, as the BA's
 * interactive offers do, rounded up or down by a keyed, deterministic rule (unbiased random
 * rounding whose coin is a keyed hash of the cell's identity). Design and proof:
 * docs/design/disclosure-control.md.
 */
import { createHmac } from 'node:crypto';

/** The BA's interactive offers round to multiples of ten (docs/design/disclosure-control.md). */
export const ROUNDING_BASE = 10;

/**
 * The offset u in 0..base-1 of one logical cell: the same identity always gets the same offset,
 * so every request (and every route to the same count) gets the same answer.
 */
export function keyedOffset(secret: string, identity: string, base = ROUNDING_BASE): number {
  const digest = createHmac('sha256', secret).update(identity).digest();
  return digest.readUInt32BE(0) % base;
}

/**
 * base · floor((count + u) / base). Over the offsets u the result averages the count (unbiased);
 * to a caller without the key a published p only says count ∈ [p − base + 1, p + base − 1].
 */
export function roundCount(count: number, offset: number, base = ROUNDING_BASE): number {
  if (!Number.isInteger(offset) || offset < 0 || offset >= base) {
    throw new RangeError(`offset must be an integer in 0..${base - 1}`);
  }
  return base * Math.floor((count + offset) / base);
}

/** What a caller without the key can infer from a published rounded count. */
export function roundedInterval(
  published: number,
  base = ROUNDING_BASE,
): { lo: number; hi: number } {
  return { lo: Math.max(0, published - base + 1), hi: published + base - 1 };
}
