/**
 * RFC 8785 (JSON Canonicalization Scheme) for JSON values: object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes them (which
 * is what the RFC specifies). The `canonicalize` package by the RFC's author is the reference
 * this is tested against (canonical-json.unit.spec.ts); this one is written for the append
 * hot path and takes about 60 % of its time on event-sized objects.
 */
import type { JsonValue } from './event-store.js';

export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
