/**
 * Entities keyed by caller-chosen ids live in plain records (they serialise as JSON), so lookups
 * must ignore inherited keys: an assignment id `constructor` must not find `Object.prototype`'s.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
