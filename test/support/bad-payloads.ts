/**
 * Generators of bad request bodies for the bad-input end-to-end test. A body is described by a
 * small schema (what the public contract promises to accept) and one valid example; a bad body
 * is the example broken in one to three places (a missing field, a wrong JSON type, an unknown
 * extra field, an impossible value, a wrong array shape), together with the field paths a
 * validation problem has to name, written as the server writes them (`client.dateOfBirth`,
 * `goals[2]`, `extra`).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}
export type Key = string | number;

export type Spec =
  | { readonly kind: 'date' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** Free text a person types: min..max characters, no control characters. */
  | { readonly kind: 'text'; readonly min: number; readonly max: number }
  /** An identifier: min..max characters matching `pattern`. */
  | { readonly kind: 'id'; readonly min: number; readonly max: number; readonly pattern: RegExp }
  | { readonly kind: 'boolean' }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      readonly integer: boolean;
      readonly maxDecimals: number;
    }
  | ObjectSpec
  | {
      readonly kind: 'array';
      readonly min: number;
      readonly max: number;
      readonly unique: boolean;
      readonly item: Spec;
    };

export interface ObjectSpec {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, Field>>;
}

export interface Field {
  readonly spec: Spec;
  readonly optional: boolean;
}

export const date = (): Spec => ({ kind: 'date' });
export const uuid = (): Spec => ({ kind: 'uuid' });
export const oneOf = (values: readonly string[]): Spec => ({ kind: 'enum', values });
export const text = (min: number, max: number): Spec => ({ kind: 'text', min, max });
export const id = (pattern: RegExp, min: number, max: number): Spec => ({
  kind: 'id',
  pattern,
  min,
  max,
});
export const boolean = (): Spec => ({ kind: 'boolean' });
export const integer = (min: number, max: number): Spec => ({
  kind: 'number',
  min,
  max,
  integer: true,
  maxDecimals: 0,
});
export const amount = (min: number, max: number, maxDecimals: number): Spec => ({
  kind: 'number',
  min,
  max,
  integer: false,
  maxDecimals,
});
export const arrayOf = (
  item: Spec,
  min: number,
  max: number,
  options: { unique?: boolean } = {},
): Spec => ({ kind: 'array', item, min, max, unique: options.unique ?? false });
export const optional = (spec: Spec): Field => ({ spec, optional: true });
export const object = (fields: Record<string, Spec | Field>): ObjectSpec => ({
  kind: 'object',
  fields: Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      'spec' in field ? field : { spec: field, optional: false },
    ]),
  ),
});

/** One way a valid body is broken. */
export interface Break {
  /** Where: keys from the body's root; array elements by index. */
  readonly path: readonly Key[];
  /** Removed when true; otherwise set to `value` (added when the key is unknown). */
  readonly remove: boolean;
  readonly value: Json;
  /** What was done, for the failure message. */
  readonly why: string;
  /**
   * A rule on each element of an array of strings (`@Length(1, 500, { each: true })`) is
   * reported by class-validator on the array itself: this is the array's field name then.
   */
  readonly arrayField?: string;
}

export interface BrokenPayload {
  readonly body: JsonObject;
  /** Each broken field as a problem names it, and how it was broken. */
  readonly broken: readonly {
    readonly field: string;
    readonly why: string;
    readonly or?: string;
  }[];
}

/** Field paths written as the server writes them: `client.dateOfBirth`, `goals[2]`. */
export function fieldName(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    const text = String(key);
    if (out === '') out = text;
    else out = /^\d+$/.test(text) ? `${out}[${text}]` : `${out}.${text}`;
  }
  return out;
}

/** True when one path is a prefix of the other (breaking both would hide one of them). */
export function overlaps(a: readonly Key[], b: readonly Key[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/** A body broken in one to three non-overlapping places; untouched optional fields may go. */
export function brokenPayload(schema: ObjectSpec, valid: JsonObject): fc.Arbitrary<BrokenPayload> {
  const breaks = objectBreaks(schema, valid, []);
  return fc
    .record({
      breaks: fc.array(fc.oneof(...breaks), { minLength: 1, maxLength: 3 }),
      stripOptional: fc.boolean(),
    })
    .map(({ breaks: candidates, stripOptional }) => {
      const chosen: Break[] = [];
      for (const candidate of candidates) {
        if (!chosen.some((c) => overlaps(c.path, candidate.path))) chosen.push(candidate);
      }
      let body = applyBreaks(valid, chosen);
      if (stripOptional) body = withoutOptional(schema, body, [], chosen);
      return {
        body,
        broken: chosen.map((b) => ({
          field: fieldName(b.path),
          why: b.why,
          ...(b.arrayField === undefined ? {} : { or: b.arrayField }),
        })),
      };
    });
}

export function applyBreaks(valid: JsonObject, breaks: readonly Break[]): JsonObject {
  const root = JSON.parse(JSON.stringify(valid)) as JsonObject;
  for (const b of breaks) {
    let container: Json = root;
    for (const key of b.path.slice(0, -1)) container = member(container, key);
    const last = b.path.at(-1);
    if (last === undefined || container === null || typeof container !== 'object') {
      throw new Error(`cannot break ${fieldName(b.path)}`);
    }
    if (b.remove) {
      delete (container as Record<Key, Json>)[last];
    } else {
      // defineProperty: a key such as `__proto__` becomes an own field, sent as JSON.
      Object.defineProperty(container, last, {
        value: b.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

function member(container: Json, key: Key): Json {
  if (container === null || typeof container !== 'object') {
    throw new Error(`no ${String(key)} in a ${typeof container}`);
  }
  const value = (container as Record<Key, Json | undefined>)[key];
  if (value === undefined) throw new Error(`no ${String(key)}`);
  return value;
}

function withoutOptional(
  spec: ObjectSpec,
  body: JsonObject,
  path: readonly Key[],
  keep: readonly Break[],
): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(body)) {
    const value = body[key]!;
    const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    const here = [...path, key];
    const touched = keep.some((b) => overlaps(b.path, here));
    if (field?.optional && !touched) continue;
    const nested =
      field?.spec.kind === 'object' && isObject(value)
        ? withoutOptional(field.spec, value, here, keep)
        : value;
    Object.defineProperty(out, key, {
      value: nested,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Breaks of a field

function objectBreaks(spec: ObjectSpec, valid: JsonObject, path: readonly Key[]) {
  const known = Object.keys(spec.fields);
  const out: fc.Arbitrary<Break>[] = [
    fc.tuple(extraKey(known), smallJson()).map(([key, value]) => ({
      path: [...path, key],
      remove: false,
      value,
      why: 'unknown field',
    })),
  ];
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = valid[key];
    if (value === undefined) continue;
    out.push(...fieldBreaks(field, value, [...path, key]));
  }
  return out;
}

function fieldBreaks(field: Field, valid: Json, path: readonly Key[]): fc.Arbitrary<Break>[] {
  const set = (why: string) => (value: Json) => ({ path, remove: false, value, why });
  const out: fc.Arbitrary<Break>[] = [];
  if (!field.optional) {
    out.push(fc.constant({ path, remove: true, value: null, why: 'missing' }));
  }
  out.push(wrongType(field.spec, valid).map(set('wrong JSON type')));
  const bad = badValue(field.spec, valid);
  if (bad) out.push(bad.map(set('invalid value')));
  const { spec } = field;
  if (spec.kind === 'object' && isObject(valid)) out.push(...objectBreaks(spec, valid, path));
  if (spec.kind === 'array' && Array.isArray(valid) && valid.length > 0) {
    const first = valid[0]!;
    const item = spec.item;
    const itemBad = badValue(item, first);
    out.push(
      fc
        .tuple(
          fc.nat(valid.length - 1),
          itemBad ? fc.oneof(wrongType(item, first), itemBad) : wrongType(item, first),
        )
        .map(([index, value]) => ({
          path: [...path, index],
          remove: false,
          value,
          why: 'invalid element',
          arrayField: fieldName(path),
        })),
    );
  }
  return out;
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

function jsonTypeOf(spec: Spec): JsonType {
  switch (spec.kind) {
    case 'date':
    case 'uuid':
    case 'enum':
    case 'text':
    case 'id':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'object':
      return 'object';
    case 'array':
      return 'array';
  }
}

/** A small JSON value of any type (for unknown fields and wrong element types). */
export function smallJson(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, 1, -1, '', 'x', [], {}),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  );
}

/** A value of every JSON type but the one `spec` wants (null included, also where optional). */
function wrongType(spec: Spec, valid: Json): fc.Arbitrary<Json> {
  const own = jsonTypeOf(spec);
  const byType: Record<JsonType, fc.Arbitrary<Json>> = {
    string: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', 'true', 'false', 'null', '0', '1', JSON.stringify(valid)),
    ),
    number: fc.oneof(
      fc.constantFrom(0, 1, -1, 20240108, 2024, 0.5),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.oneof(
      fc.constantFrom<Json>([], [valid], [valid, valid]),
      fc.array(smallJson(), { maxLength: 3 }),
    ),
    object: fc.oneof(
      fc.constantFrom<Json>({}, { value: valid }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), smallJson(), { maxKeys: 3 }),
    ),
  };
  return fc.oneof(
    ...(Object.keys(byType) as JsonType[]).filter((t) => t !== own).map((t) => byType[t]),
  );
}

const CONTROL_CHARACTERS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
].map((code) => String.fromCharCode(code));

/** Characters no identifier pattern of the API allows. */
const NOT_IN_IDS = [' ', '/', '\\', '#', '?', '%', '&', '+', '*', ',', ';', '=', '"', "'"]
  .concat(['<', '>', '(', ')', '[', ']', '{', '}', '!', '~', '$', '^', '|', '`'])
  .concat(['ä', 'ß', 'é', 'İ', '€', '😀', '\u00a0', '\u200b', '\n', '\t', '\u0000']);

export const IMPOSSIBLE_DATES = [
  '2023-02-29',
  '2024-13-01',
  '2024-04-31',
  '24-01-01',
  '2024-01-01T00:00:00Z',
  '',
  '2024-02-30',
  '2100-02-29',
  '2024-00-10',
  '2024-01-00',
  '2024-06-31',
  '2024-1-1',
  '2024-01-8',
  '2024/01/08',
  '08.01.2024',
  '2024-01-08 ',
  ' 2024-01-08',
  '2024-01-08\n',
  '1899-12-31',
  '0000-01-01',
  '+02024-01-08',
  '-2024-01-08',
  '20240108',
  '2024-01',
  '2024',
  '２０２４-01-08',
  '2024‐01‐08',
  'today',
  'null',
];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The contract's calendar date: `YYYY-MM-DD`, a day that exists, years 1900..9999. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function insertAt(into: string, what: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(into.length), what)
    .map(([at, inserted]) => into.slice(0, at) + inserted + into.slice(at));
}

/** A value of the right JSON type that the contract refuses, if there is one. */
function badValue(spec: Spec, valid: Json): fc.Arbitrary<Json> | undefined {
  const example = typeof valid === 'string' ? valid : '';
  switch (spec.kind) {
    case 'date':
      return fc
        .oneof(
          fc.constantFrom(...IMPOSSIBLE_DATES),
          // A day after the month's last.
          fc
            .record({
              year: fc.integer({ min: 1900, max: 2100 }),
              month: fc.integer({ min: 1, max: 12 }),
              past: fc.integer({ min: 1, max: 60 }),
            })
            .map(({ year, month, past }) => {
              const day = daysInMonth(year, month) + past;
              return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
            }),
          // A month that does not exist.
          fc
            .record({
              year: fc.integer({ min: 1900, max: 2100 }),
              month: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
              day: fc.integer({ min: 1, max: 28 }),
            })
            .map(({ year, month, day }) => `${year}-${pad(month, 2)}-${pad(day, 2)}`),
          fc.string({ maxLength: 12 }),
        )
        .filter((s) => !isCalendarDate(s));
    case 'uuid':
      return fc
        .oneof(
          fc.constantFrom(
            '',
            'abc',
            'not-a-uuid',
            example.slice(0, -1),
            `${example}0`,
            example.replaceAll('-', ''),
            `{${example}}`,
            `urn:uuid:${example}`,
            example.replace(/[0-9a-f]/i, 'g'),
            ` ${example}`,
            `${example} `,
            example.replace('-', '_'),
          ),
          fc.string({ maxLength: 40 }),
        )
        .filter((s) => !UUID_PATTERN.test(s));
    case 'enum': {
      const variants = spec.values.flatMap((v) => [
        v.toUpperCase(),
        v.charAt(0).toUpperCase() + v.slice(1),
        ` ${v}`,
        `${v} `,
        `${v}s`,
        v.replaceAll('-', '_'),
      ]);
      return fc
        .oneof(
          fc.constantFrom('', 'unknown', spec.values.join(','), ...variants),
          fc.string({ maxLength: 20 }),
        )
        .filter((s) => !spec.values.includes(s));
    }
    case 'text':
      return fc.oneof(
        ...(spec.min > 0 ? [fc.constant('')] : []),
        fc.integer({ min: spec.max + 1, max: spec.max + 40 }).map((n) => 'x'.repeat(n)),
        fc.integer({ min: spec.max + 1, max: spec.max + 5 }).map((n) => 'ü'.repeat(n)),
        insertAt(example, fc.constantFrom(...CONTROL_CHARACTERS)),
        // Unpaired UTF-16 surrogates: valid JSON (`"\ud800"`), but not text.
        insertAt(example, fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff')),
      );
    case 'id':
      return fc
        .oneof(
          fc.constant(''),
          fc.integer({ min: spec.max + 1, max: spec.max + 40 }).map((n) => 'a'.repeat(n)),
          insertAt(example, fc.constantFrom(...NOT_IN_IDS)),
          fc.constantFrom('.', '-', '_').map((c) => `${c}${example}`),
          fc.string({ maxLength: 12 }),
        )
        .filter((s) => !(s.length >= spec.min && s.length <= spec.max && spec.pattern.test(s)));
    case 'number': {
      const { min, max } = spec;
      return fc
        .oneof(
          fc.integer({ min: 1, max: 1_000_000 }).map((n) => max + n),
          fc.integer({ min: 1, max: 1_000_000 }).map((n) => min - n),
          fc.constantFrom(max + 0.01, min - 0.01, 1e21, -1e21, Number.MAX_VALUE, -Number.MAX_VALUE),
          // More decimals than allowed, down to the smallest doubles.
          fc
            .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 12 }))
            .map(([n, k]) => n / 10 ** k),
          fc.constantFrom(1e-7, 0.001, 12.345, 5e-324, 2450.001, 1.5),
          fc.double({ min, max, noNaN: true }),
        )
        .filter((n) => !isValidNumber(spec, n));
    }
    case 'array': {
      const items = Array.isArray(valid) ? valid : [];
      const first = items[0] ?? null;
      const options: fc.Arbitrary<Json>[] = [
        fc
          .integer({ min: spec.max + 1, max: spec.max + 5 })
          .map((n) => Array.from({ length: n }, (_, i) => items[i % items.length] ?? first)),
      ];
      if (spec.min > 0) options.push(fc.constant([]));
      if (spec.unique && items.length > 0) options.push(fc.constant([...items, first]));
      return fc.oneof(...options);
    }
    case 'boolean':
    case 'object':
      return undefined;
  }
}

function isValidNumber(
  spec: { min: number; max: number; integer: boolean; maxDecimals: number },
  n: number,
): boolean {
  if (!Number.isFinite(n) || n < spec.min || n > spec.max) return false;
  if (spec.integer) return Number.isInteger(n);
  return Number(n.toFixed(spec.maxDecimals)) === n;
}

/** A key the object does not know, including names every JavaScript object inherits. */
function extraKey(known: readonly string[]): fc.Arbitrary<string> {
  const inherited = [
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    '__proto__',
    '__defineGetter__',
    'prototype',
  ];
  const lookalikes = known.flatMap((k) => [k.toUpperCase(), `${k} `, `${k}_`, `${k}s`]);
  return fc
    .oneof(
      fc.constantFrom('', 'extra', 'id', 'version', 'tenant', 'position', 'admin', ...lookalikes),
      fc.constantFrom(...inherited),
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    )
    .filter((key) => !known.includes(key));
}

// ---------------------------------------------------------------------------------------------
// Bad path segments, headers, JSON text and content types (shared by the bad-input and fuzz tests)

const SAMPLE_UUID = '0f6e5d4c-3b2a-4198-8776-655443322110';

/** Not a UUID, and still a path segment (no `.` or `..`, which URLs resolve away). */
export const badUuidSegment = fc
  .oneof(
    fc.constantFrom(
      'abc',
      '123',
      'null',
      'undefined',
      SAMPLE_UUID.slice(0, -1),
      `${SAMPLE_UUID}0`,
      SAMPLE_UUID.replaceAll('-', ''),
      `{${SAMPLE_UUID}}`,
      SAMPLE_UUID.replace('0', 'g'),
      ` ${SAMPLE_UUID}`,
      `${SAMPLE_UUID}/x`,
      `${SAMPLE_UUID}\u0000`,
      'ä',
    ),
    fc.string({ minLength: 1, maxLength: 40 }),
  )
  .filter((s) => !UUID_PATTERN.test(s) && s !== '.' && s !== '..');

/** Not an integer from 2000 to 2100 written in decimal digits. */
export const badYearSegment = fc
  .oneof(
    fc.integer({ min: -5000, max: 1999 }).map(String),
    fc.integer({ min: 2101, max: 999_999 }).map(String),
    fc.constantFrom(
      'abc',
      '2026.5',
      '2026.0',
      '2026abc',
      '0x7ea',
      '2.026e3',
      '+2026',
      '-2026',
      ' 2026',
      '2026 ',
      '1e400',
      'NaN',
      'Infinity',
      '２０２６',
      '2026-01',
    ),
  )
  .filter((s) => !(/^\d+$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100));

/** Header values a browser can send (printable ASCII, no surrounding blanks). */
const headerText = (arb: fc.Arbitrary<string>) =>
  arb.filter((s) => s.length > 0 && s === s.trim() && /^[\x20-\x7e]*$/.test(s));

const IF_MATCH = /^(?:W\/)?"(\d{1,15})"$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export const badHeader = fc.oneof(
  fc.record({
    header: fc.constant('If-Match'),
    value: headerText(
      fc.oneof(
        fc.constantFrom('1', 'x', '"x"', '""', '"-1"', '"1.0"', 'W/1', "'1'", '"1', '1"'),
        fc.constantFrom('"1234567890123456"', 'w/"1"', 'W/"a"', '"0x1"', '" 1"'),
        fc.string({ minLength: 1, maxLength: 12 }),
      ),
    ).filter((s) => !IF_MATCH.test(s)),
  }),
  fc.record({
    header: fc.constant('Idempotency-Key'),
    value: headerText(
      fc.oneof(
        fc.constantFrom('x', '1', SAMPLE_UUID.slice(1), `${SAMPLE_UUID}-1`),
        fc.string({ minLength: 1, maxLength: 40 }),
      ),
    ).filter((s) => !UUID_PATTERN.test(s)),
  }),
  fc.record({
    header: fc.constant('X-Correlation-Id'),
    value: headerText(
      fc.oneof(
        fc.constantFrom('a b', 'x'.repeat(101), 'a/b', 'a,b', '"x"', 'id#1', 'a@b'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
    ).filter((s) => !CORRELATION_ID.test(s)),
  }),
);

/** Invalid JSON text made from a valid body (and some classics), refused by any JSON parser. */
export function malformedJson(valid: string): fc.Arbitrary<string> {
  const notJson = (s: string) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  };
  return fc
    .oneof(
      fc.integer({ min: 1, max: valid.length - 1 }).map((k) => valid.slice(0, k)),
      fc
        .tuple(
          fc.nat(valid.length),
          fc.constantFrom('{', '}', ',', ':', '"', "'", 'x', '\\', ']', 'NaN', '\u0000'),
        )
        .map(([at, what]) => valid.slice(0, at) + what + valid.slice(at)),
      fc.constantFrom(
        valid.replaceAll('"', "'"),
        valid.replace(/}$/, ',}'),
        `// comment\n${valid}`,
        `${valid}x`,
        `${valid}}`,
        `${valid}${valid}`,
        valid.replace(/"(\w+)":/, '$1:'),
        '{',
        '{]',
        '{"a":1,}',
        '{"a":NaN}',
        '{"a":undefined}',
        '{"a":0x10}',
        '{"a":01}',
        '{"a":.5}',
        '{"a":"\t"}',
        '{"a":"\\x41"}',
        '{"a"}',
        '{,}',
        '[1,]',
        '{"a":1}}',
        'nul',
        'tru',
        "'x'",
      ),
    )
    .filter(notJson);
}

export const WRONG_CONTENT_TYPES: readonly (string | null)[] = [
  null,
  'text/plain',
  'text/plain; charset=utf-8',
  'text/json',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/javascript',
  'application/octet-stream',
  'application/jsonx',
  'application/json5',
  'application/x-json',
  'image/png',
  'application/json; charset=latin1',
  'application/json; charset=iso-8859-1',
  'application/json; charset=windows-1252',
];

/** Structured-syntax JSON types (RFC 6839): let through by the media-type check. */
export const JSON_SUFFIX_CONTENT_TYPES = [
  'application/vnd.api+json',
  'application/merge-patch+json',
  'application/problem+json',
  'application/ld+json',
];

/** The endpoint's valid body with `field` set to `depth` nested arrays or objects (as text). */
export function deeplyNested(
  valid: JsonObject,
  raw: { shape: 'arrays' | 'objects'; depth: number; field: string },
) {
  const marker = '"@@deep@@"';
  const inner =
    raw.shape === 'arrays'
      ? `${'['.repeat(raw.depth)}${']'.repeat(raw.depth)}`
      : `${'{"a":'.repeat(raw.depth)}1${'}'.repeat(raw.depth)}`;
  return JSON.stringify({ ...valid, [raw.field]: '@@deep@@' }).replace(marker, inner);
}
