// fast-check generators of whole HTTP requests for every operation of an OpenAPI document (the
// subset the server's document uses), for the fuzz test; bodies break the ways bad-payloads.ts
// breaks them. Why no library: docs/testing.md.
import fc from 'fast-check';
import {
  IMPOSSIBLE_DATES,
  JSON_SUFFIX_CONTENT_TYPES,
  WRONG_CONTENT_TYPES,
  amount,
  arrayOf,
  badHeader,
  badUuidSegment,
  badYearSegment,
  boolean,
  brokenPayload,
  date,
  deeplyNested,
  integer,
  malformedJson,
  object,
  oneOf,
  optional,
  smallJson,
  text,
  uuid,
  type Field,
  type Json,
  type JsonObject,
  type ObjectSpec,
  type Spec,
} from './bad-payloads.js';

// ---------------------------------------------------------------------------------------------
// The part of OpenAPI 3 the document uses

export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly format?: string;
  readonly enum?: readonly (string | number)[];
  readonly items?: SchemaObject;
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly example?: unknown;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: SchemaObject;
}

interface OperationObject {
  readonly operationId?: string;
  readonly parameters?: readonly ParameterObject[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { schema?: SchemaObject }>> };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type Method = (typeof METHODS)[number];

export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Partial<Record<Method, OperationObject>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, SchemaObject>> };
}

/** One operation (path × method) with its body mapped to a body schema. */
export interface Operation {
  /** `POST /v1/cases/{caseId}/close` */
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  readonly parameters: readonly ParameterObject[];
  readonly body: ObjectSpec | undefined;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const schema = op.requestBody?.content['application/json']?.schema;
      const body = schema ? specOf(doc, schema) : undefined;
      if (body && body.kind !== 'object') throw new Error(`${path}: body is no object`);
      return [
        {
          name: `${method.toUpperCase()} ${path}`,
          method,
          path,
          parameters: (op.parameters ?? []).filter((p) => p.in !== 'cookie'),
          body,
        },
      ];
    }),
  );
}

function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
}

/** The body schema of bad-payloads.ts for an OpenAPI schema (bounds it does not state: wide). */
export function specOf(doc: OpenApiDocument, raw: SchemaObject): Spec {
  const schema = resolve(doc, raw);
  if (schema.enum) return oneOf(schema.enum.map(String));
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const fields: Record<string, Field> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const spec = specOf(doc, property);
        fields[key] = required.has(key) ? { spec, optional: false } : optional(spec);
      }
      return object(fields);
    }
    case 'array': {
      const item = specOf(doc, schema.items ?? {});
      return arrayOf(item, schema.minItems ?? 0, schema.maxItems ?? 50, {
        unique: item.kind === 'enum',
      });
    }
    case 'number':
    case 'integer':
      return schema.type === 'integer' ||
        (schema.minimum !== undefined && Number.isInteger(schema.minimum))
        ? integer(schema.minimum ?? -1e9, schema.maximum ?? 1e9)
        : amount(schema.minimum ?? -1e9, schema.maximum ?? 1e9, 2);
    case 'boolean':
      return boolean();
    case 'string':
    case undefined:
      if (schema.format === 'date') return date();
      if (schema.format === 'uuid') return uuid();
      return text(schema.minLength ?? 1, schema.maxLength ?? 500);
  }
}

// ---------------------------------------------------------------------------------------------
// Known values: ids that exist, so that requests get past "not found" part of the time

/** Values by field or parameter name (`caseId`, `measureId`, `year`, `indicator`, ...). */
export class Pools {
  private readonly values = new Map<string, string[]>();

  add(name: string, value: string): void {
    const list = this.values.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    // The oldest stay (the seeded ones); the newest replace each other beyond a cap.
    if (list.length > 40) list.splice(20, 1);
    this.values.set(name, list);
  }

  has(name: string): boolean {
    return (this.values.get(name)?.length ?? 0) > 0;
  }

  /** One of the values known when the request is made (the pool grows during a run). */
  pick(name: string, otherwise: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 3, arbitrary: fc.nat().map((i) => this.at(name, i)) },
      { weight: 1, arbitrary: otherwise },
    );
  }

  private at(name: string, index: number): string {
    const list = this.values.get(name) ?? [];
    return list.length === 0 ? '' : list[index % list.length]!;
  }

  /** Every enum and string example of the document, by the name that carries it. */
  static fromDocument(doc: OpenApiDocument): Pools {
    const pools = new Pools();
    const visit = (name: string, schema: SchemaObject | undefined) => {
      if (!schema) return;
      const resolved = resolve(doc, schema);
      for (const value of resolved.enum ?? []) pools.add(name, String(value));
      if (typeof resolved.example === 'string') pools.add(name, resolved.example);
      for (const [key, property] of Object.entries(resolved.properties ?? {})) {
        visit(key, property);
      }
    };
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        for (const p of op.parameters ?? []) visit(p.name, p.schema);
        for (const content of Object.values(op.requestBody?.content ?? {})) {
          visit('body', content.schema);
        }
      }
    }
    return pools;
  }
}

// ---------------------------------------------------------------------------------------------
// Valid-ish values

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
const FROM = Date.UTC(2023, 0, 1);

/** Calendar days 2023..2026, mostly after the seeded enrolments (2024-01-08) and before today. */
export const calendarDay = fc
  .oneof(
    { weight: 4, arbitrary: fc.integer({ min: 372, max: 3 * 365 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 * 365 }) },
  )
  .map((d) => new Date(FROM + d * DAY_MS).toISOString().slice(0, 10));
const calendarMonth = fc
  .record({ year: fc.integer({ min: 2023, max: 2026 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${pad(month)}`);

/** A value the schema admits, preferring known values of the field's name. */
export function validJson(spec: Spec, pools: Pools, name = ''): fc.Arbitrary<Json> {
  switch (spec.kind) {
    case 'date':
      return calendarDay;
    case 'uuid':
      return pools.has(name) ? pools.pick(name, fc.uuid()) : fc.uuid();
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'text':
    case 'id': {
      const free = fc.string({ unit: 'grapheme', minLength: Math.max(1, spec.min), maxLength: 40 });
      return pools.has(name) ? pools.pick(name, free) : free;
    }
    case 'boolean':
      return fc.boolean();
    case 'number':
      return spec.integer
        ? fc.integer({ min: spec.min, max: Math.min(spec.max, 1e6) })
        : fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100);
    case 'array': {
      const length = { minLength: Math.max(1, spec.min), maxLength: Math.min(3, spec.max) };
      return spec.unique
        ? fc.uniqueArray(validJson(spec.item, pools, name), length)
        : fc.array(validJson(spec.item, pools, name), length);
    }
    case 'object': {
      const entries = Object.entries(spec.fields);
      return fc.record(
        Object.fromEntries(entries.map(([key, f]) => [key, validJson(f.spec, pools, key)])),
        { requiredKeys: entries.filter(([, f]) => !f.optional).map(([key]) => key) },
      );
    }
  }
}

/** A valid-ish value of a parameter, from its schema, its example's shape and its name. */
export function validParameter(p: ParameterObject, pools: Pools): fc.Arbitrary<string> {
  const schema = p.schema ?? {};
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  if (p.in === 'header') return validHeader(p.name);
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  let own: fc.Arbitrary<string>;
  if (schema.format === 'uuid' || /Id$/.test(p.name)) own = fc.uuid();
  else if (schema.type === 'number' || schema.type === 'integer')
    own = fc.integer({ min: schema.minimum ?? 2000, max: schema.maximum ?? 2100 }).map(String);
  else if (example && /^\d{4}-\d{2}-\d{2}$/.test(example)) own = calendarDay;
  else if (example && /^\d{4}-\d{2}$/.test(example)) own = calendarMonth;
  else if (example && /^\d+$/.test(example)) own = fc.integer({ min: 1, max: 500 }).map(String);
  else own = fc.string({ minLength: 1, maxLength: 20 });
  return pools.has(p.name) ? pools.pick(p.name, own) : own;
}

const printable = (min: number, max: number) =>
  fc
    .string({ minLength: min, maxLength: max })
    .map((s) => s.replace(/[^\x20-\x7e]/g, 'x').trim())
    .filter((s) => s.length >= min);

function validHeader(name: string): fc.Arbitrary<string> {
  switch (name.toLowerCase()) {
    case 'if-match':
      return fc.integer({ min: 0, max: 12 }).map((v) => `"${v}"`);
    case 'idempotency-key':
      return fc.uuid();
    case 'x-correlation-id':
      return fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);
    case 'reason':
      return printable(3, 80);
    default:
      return printable(1, 40);
  }
}

// ---------------------------------------------------------------------------------------------
// Invalid values of parameters

/** What no parameter should accept silently: odd text, huge text, impossible dates, numbers. */
const oddText = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1e400', 'NaN', 'null', 'true', '[]', '{}', '%00', '..'),
  fc.constantFrom(...IMPOSSIBLE_DATES, '2024-13', '2024-00', '9999-99', '2024-02-30'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('99999999999999999999', '-9007199254740993', '1.5', '0x10', ' 1'),
);

/** A bad value for a parameter; headers get values a browser can send. */
export function invalidParameter(p: ParameterObject): fc.Arbitrary<string> {
  if (p.in === 'header') {
    // badHeader knows If-Match, Idempotency-Key and X-Correlation-Id; others get the rest.
    const known = ['if-match', 'idempotency-key', 'x-correlation-id'].includes(
      p.name.toLowerCase(),
    );
    const named = badHeader.filter((h) => h.header.toLowerCase() === p.name.toLowerCase());
    return fc.oneof(
      ...(known ? [named.map((h) => h.value)] : []),
      printable(0, 2),
      fc.integer({ min: 501, max: 4000 }).map((n) => 'r'.repeat(n)),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    );
  }
  if (p.in === 'path') {
    const number = p.schema?.type === 'number' || p.schema?.type === 'integer';
    return fc.oneof(number ? badYearSegment : badUuidSegment, oddText);
  }
  return oddText;
}

// ---------------------------------------------------------------------------------------------
// Bodies

export type BodyChoice =
  /** No body at all: no Content-Type, no Content-Length. */
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly json: JsonObject }
  | { readonly kind: 'broken'; readonly json: JsonObject; readonly why: string }
  | { readonly kind: 'raw'; readonly text: string; readonly why: string }
  | {
      readonly kind: 'content type';
      readonly json: JsonObject;
      readonly contentType: string | null;
    };

export const BODY_LIMIT = 64 * 1024;

export function validBody(op: Operation, pools: Pools): fc.Arbitrary<BodyChoice> {
  if (!op.body) return fc.constant({ kind: 'none' });
  return (validJson(op.body, pools) as fc.Arbitrary<JsonObject>).map((json) => ({
    kind: 'valid' as const,
    json,
  }));
}

/** A body broken in one of the ways the contract refuses (or junk where none is expected). */
export function invalidBody(op: Operation, pools: Pools): fc.Arbitrary<BodyChoice> {
  const spec = op.body;
  if (!spec) {
    return fc.oneof(
      smallJson().map((v) => ({ kind: 'raw' as const, text: JSON.stringify(v), why: 'junk' })),
      malformedJson('{"a":1}').map((t) => ({ kind: 'raw' as const, text: t, why: 'malformed' })),
    );
  }
  return (validJson(spec, pools) as fc.Arbitrary<JsonObject>).chain((valid) => {
    const text = JSON.stringify(valid);
    const raw = (why: string) => (t: string) => ({ kind: 'raw' as const, text: t, why });
    return fc.oneof(
      { weight: 4, arbitrary: brokenPayload(spec, valid).map(brokenChoice) },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 1, arbitrary: malformedJson(text).map(raw('malformed JSON')) },
      {
        weight: 1,
        arbitrary: smallJson()
          .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
          .map((v) => JSON.stringify(v))
          .map(raw('not an object')),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...WRONG_CONTENT_TYPES, ...JSON_SUFFIX_CONTENT_TYPES)
          .map((contentType) => ({ kind: 'content type' as const, json: valid, contentType })),
      },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: BODY_LIMIT + 1, max: 4 * BODY_LIMIT })
          .map((size) => JSON.stringify({ ...valid, padding: 'x'.repeat(size) }))
          .map(raw('too large')),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({
            shape: fc.constantFrom('arrays' as const, 'objects' as const),
            depth: fc.integer({ min: 9, max: 30_000 }),
            field: fc.constantFrom('extra', ...Object.keys(spec.fields)),
          })
          .map((deep) => deeplyNested(valid, deep))
          .map(raw('deeply nested')),
      },
    );
  });
}

function brokenChoice(broken: {
  body: JsonObject;
  broken: readonly { field: string; why: string }[];
}): BodyChoice {
  return {
    kind: 'broken',
    json: broken.body,
    why: broken.broken.map((b) => `${b.field}: ${b.why}`).join(', '),
  };
}
