import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
import type { JsonValue } from './event-store.js';

describe('canonicalJson (RFC 8785)', () => {
  it('writes exactly what the RFC author’s reference implementation writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value as JsonValue)).toBe(canonicalize(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on strings with escapes, unicode and awkward numbers', () => {
    const value: JsonValue = {
      ü: 'Größe\n\t"\\\u0001 💼',
      a: [1e21, 1e-7, -0, 0.1 + 0.2, 5e-324, 123456789012345680000],
      '\u20ac': null,
      '\r': true,
      b: { z: 1, a: 2, aa: [] },
    };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe(
      '{"\\r":true,"a":[1e+21,1e-7,0,0.30000000000000004,5e-324,123456789012345680000],"b":{"a":2,"aa":[],"z":1},"ü":"Größe\\n\\t\\"\\\\\\u0001 💼","€":null}',
    );
  });

  it('leaves out members whose value is undefined, as JSON.stringify does', () => {
    const value = { b: 1, a: undefined } as unknown as JsonValue;
    expect(canonicalJson(value)).toBe('{"b":1}');
  });
});
