/**
 * The published message format, proven against what the relay really sends: the AsyncAPI
 * document parses and names every event type; every event of generated histories (through the
 * real deciders) validates against the JSON Schemas once it went through `toPublishedEvent`; the
 * schemas reject what they must (extra fields, missing fields, unknown enum values, bad dates);
 * and no personal value of those histories ever appears in a published message.
 * (`.int` because it reads the schema files from disk.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import {
  addDays,
  caseDecider,
  caseStreamId,
  CASE_CLOSE_REASONS,
  DomainRuleViolation,
  EMPLOYMENT_KINDS,
  EVENT_TYPES,
  GENDERS,
  MEASURE_ABORT_REASONS,
  MEASURE_KINDS,
  NEED_ENDED_REASONS,
  PROGRAMME_TARGET_GROUPS,
  programmeDecider,
  programmeStreamId,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type EventType,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import {
  asRecorded,
  caseHistory,
  caseSpec,
  programmeHistory,
  TODAY,
} from '../../projections/src/statistics/testing/histories.js';
import {
  EVENTS_TOPIC,
  HEADERS,
  PUBLISHED_SCHEMA_VERSION,
  toMessage,
  toPublishedEvent,
  type PublishedEvent,
} from './event-message.js';

const RUNS = Number(process.env.TEILHABE_SCHEMA_RUNS ?? 200);

const MESSAGING = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASYNCAPI_FILE = join(MESSAGING, 'asyncapi.yaml');
const SCHEMAS = join(MESSAGING, 'schemas');
const ENVELOPE_FILE = join(SCHEMAS, 'envelope.v1.schema.json');
const SCHEMA_BASE = 'https://teilhabe.example/schemas/';

type Schema = Record<string, unknown> & {
  $id?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
};

function readJson(file: string): Schema {
  return JSON.parse(readFileSync(file, 'utf8')) as Schema;
}

function eventSchemaFile(type: EventType): string {
  return `events/${type}.v${PUBLISHED_SCHEMA_VERSION[type]}.schema.json`;
}

const eventSchemas = new Map<EventType, Schema>(
  EVENT_TYPES.map((type) => [type, readJson(join(SCHEMAS, eventSchemaFile(type)))]),
);

// ajv and ajv-formats are CommonJS: under native ESM the default import is `module.exports`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

function newAjv() {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    // strict mode only logs some problems (e.g. types): make them fail the test instead.
    logger: {
      log: () => undefined,
      warn: (...args: unknown[]) => {
        throw new Error(`ajv: ${args.join(' ')}`);
      },
      error: (...args: unknown[]) => {
        throw new Error(`ajv: ${args.join(' ')}`);
      },
    },
  });
  addFormats(ajv);
  for (const schema of eventSchemas.values()) ajv.addSchema(schema);
  return ajv;
}

const ajv = newAjv();
const validateEnvelope: ValidateFunction = ajv.compile(readJson(ENVELOPE_FILE));

function errorsOf(value: unknown): ErrorObject[] {
  return validateEnvelope(value) ? [] : [...(validateEnvelope.errors ?? [])];
}

function explain(value: unknown): string {
  return `${ajv.errorsText(validateEnvelope.errors, { separator: '\n  ' })}\nin ${JSON.stringify(value)}`;
}

// -------------------------------------------------------------------------------------------
// Generated histories: the statistics tests' generators (real deciders), plus what they leave
// out (caseworker, Kooperationsplan, income, closing with any reason, erasure, programmes of any
// kind of measure), also decided by the real deciders.

const GIVEN_NAMES = ['Olena', 'Mehmet', 'Jürgen', 'Aylin', 'Dmytro', 'Bärbel', 'Kateryna'];
const FAMILY_NAMES = ['Kowalenko', 'Yılmaz', 'Schütz', 'Beispiel', 'Nguyen', 'Hoffmann-Ölçer'];
const GOALS = [
  'Deutschkurs B2 abschließen',
  'Bewerbung bei der Spedition Krämer schreiben',
  'Kinderbetreuung in der Kita Sonnenschein klären',
  'Führerschein Klasse B erwerben',
  'Schulden bei der Schuldnerberatung ansprechen',
];

const dayOffset = fc.nat({ max: 2000 });

const caseExtras = fc.record({
  givenName: fc.constantFrom(...GIVEN_NAMES),
  familyName: fc.constantFrom(...FAMILY_NAMES),
  caseworkers: fc.array(
    fc.record({
      caseworkerId: fc.stringMatching(/^[a-z]{2,8}\.[a-z]{2,10}$/),
      day: dayOffset,
    }),
    { maxLength: 2 },
  ),
  plans: fc.array(
    fc.record({
      goals: fc.uniqueArray(
        fc.tuple(fc.constantFrom(...GOALS), fc.integer({ min: 2026, max: 2030 })),
        { minLength: 1, maxLength: 3, selector: ([goal]) => goal },
      ),
      day: dayOffset,
    }),
    { maxLength: 2 },
  ),
  employment: fc.option(
    fc.record({
      kind: fc.constantFrom(...EMPLOYMENT_KINDS),
      subsidised: fc.boolean(),
      // Euro and cent, never whole euros: a published integer cannot match it by chance.
      cents: fc.integer({ min: 10_001, max: 900_000 }).filter((cents) => cents % 100 !== 0),
      day: dayOffset,
    }),
  ),
  closing: fc.option(
    fc.record({ reason: fc.constantFrom(...CASE_CLOSE_REASONS), erase: fc.boolean() }),
  ),
  correlationId: fc.uuid(),
  causationId: fc.option(fc.uuid()),
});

const programmeSpec = fc.record({
  year: fc.integer({ min: 2022, max: 2027 }),
  measures: fc.uniqueArray(
    fc.record({
      measureId: fc.stringMatching(/^[A-Z][A-Z0-9._-]{0,15}$/),
      title: fc.constantFrom('Berufssprachkurs mit Praktikum', 'Aktivierungscenter', 'Coaching'),
      kind: fc.constantFrom(...MEASURE_KINDS),
      plannedPlaces: fc.integer({ min: 1, max: 100_000 }),
      targetGroups: fc.uniqueArray(fc.constantFrom(...PROGRAMME_TARGET_GROUPS), {
        minLength: 1,
      }),
    }),
    { minLength: 1, maxLength: 4, selector: (m) => m.measureId },
  ),
  approve: fc.boolean(),
});

const historyArb = fc.record({
  tenant: fc.constantFrom('jc-kronach', 'jc-berlin-mitte', 'jc-landkreis-2'),
  caseId: fc.uuid(),
  spec: caseSpec,
  extras: caseExtras,
  programme: programmeSpec,
});
type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

/** Everything personal the history holds, to look for in what is published. */
interface PersonalValues {
  readonly strings: Set<string>;
  readonly numbers: Set<number>;
}

interface Generated {
  readonly recorded: RecordedEvent[];
  readonly personal: PersonalValues;
}

function runCase(events: CaseEvent[], command: CaseCommand): void {
  let state: CaseState = caseDecider.initialState();
  for (const event of events) state = caseDecider.evolve(state, event);
  try {
    events.push(...caseDecider.decide(command, state));
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
  }
}

function runProgramme(events: ProgrammeEvent[], command: ProgrammeCommand): void {
  let state: ProgrammeState = programmeDecider.initialState();
  for (const event of events) state = programmeDecider.evolve(state, event);
  try {
    events.push(...programmeDecider.decide(command, state));
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
  }
}

function upToToday(date: string): string {
  return date < TODAY ? date : TODAY;
}

const programmes = programmeHistory('jc-template');

function generate({ tenant, caseId, spec, extras, programme }: History): Generated {
  const metadata = { today: TODAY };
  const events: CaseEvent[] = caseHistory(caseId, spec, programmes).map((event) =>
    // The generators' names are fixed ("Test", "Client": the latter is part of a type name);
    // realistic ones make the search for personal values meaningful.
    event.type === 'ClientEnrolled' && event.personal
      ? {
          ...event,
          personal: {
            ...event.personal,
            givenName: extras.givenName,
            familyName: extras.familyName,
          },
        }
      : event,
  );
  const enrolled = events.find((event) => event.type === 'ClientEnrolled');
  if (enrolled) {
    const on = (offset: number) => upToToday(addDays(enrolled.data.enrolledOn, offset));
    for (const { caseworkerId, day } of extras.caseworkers) {
      runCase(events, {
        type: 'AssignCaseworker',
        data: { caseworkerId, assignedOn: on(day) },
        metadata,
      });
    }
    for (const { goals, day } of extras.plans) {
      runCase(events, {
        type: 'AgreeCooperationPlan',
        data: { agreedOn: on(day), goals: goals.map(([goal, year]) => `${goal} bis ${year}`) },
        metadata,
      });
    }
    if (extras.employment) {
      const { kind, subsidised, cents, day } = extras.employment;
      runCase(events, {
        type: 'StartEmployment',
        data: {
          employmentId: `income-${day}`,
          startedOn: on(day),
          kind,
          subsidised,
          monthlyGrossIncome: cents / 100,
        },
        metadata,
      });
    }
    if (extras.closing) {
      runCase(events, {
        type: 'CloseCase',
        data: { closedOn: TODAY, reason: extras.closing.reason },
        metadata,
      });
      if (extras.closing.erase) {
        runCase(events, {
          type: 'ErasePersonalData',
          data: { erasedOn: TODAY, personKey: null },
          metadata,
        });
      }
    }
  }

  const { year } = programme;
  const programmeEvents: ProgrammeEvent[] = [];
  for (const measure of programme.measures) {
    runProgramme(programmeEvents, {
      type: 'OfferMeasure',
      data: { year, ...measure, offeredOn: `${year - 1}-10-01` },
      metadata,
    });
  }
  if (programme.approve) {
    runProgramme(programmeEvents, {
      type: 'ApproveProgramme',
      data: { year, approvedOn: `${year - 1}-12-15` },
      metadata,
    });
  }

  const withMetadata = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    metadata: {
      ...event.metadata,
      correlationId: extras.correlationId,
      ...(extras.causationId === null ? {} : { causationId: extras.causationId }),
    },
  });
  const recorded = [
    ...asRecorded(tenant, caseStreamId(caseId), events),
    ...asRecorded(tenant, programmeStreamId(year), programmeEvents),
    ...programmes.flatMap((p) => {
      const first = p.events[0];
      return first ? asRecorded(tenant, programmeStreamId(first.data.year), p.events) : [];
    }),
  ].map(withMetadata);

  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const event of events) {
    if (!event.personal) continue;
    for (const value of Object.values(event.personal as Record<string, unknown>)) {
      if (typeof value === 'string') strings.add(value);
      else if (typeof value === 'number') numbers.add(value);
      else if (Array.isArray(value)) for (const item of value) strings.add(String(item));
    }
  }
  return { recorded, personal: { strings, numbers } };
}

function published(event: RecordedEvent): PublishedEvent {
  const result = toPublishedEvent(event);
  if (!result) throw new Error(`${event.type} was not published`);
  return result;
}

/** The personal values found in a JSON text, as string leaves, number leaves or text. */
function personalValuesIn(json: string, personal: PersonalValues): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const secret of personal.strings) if (value.includes(secret)) found.push(secret);
    } else if (typeof value === 'number') {
      if (personal.numbers.has(value)) found.push(String(value));
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        visit(key);
        visit(member);
      }
    }
  };
  visit(JSON.parse(json));
  for (const secret of personal.strings) if (json.includes(secret)) found.push(secret);
  for (const number of personal.numbers) if (json.includes(String(number))) found.push(`${number}`);
  return [...new Set(found)];
}

/** Keys of personal parts: none may appear in a published event, whatever its value. */
const PERSONAL_KEYS = [
  'personal',
  'givenName',
  'familyName',
  'dateOfBirth',
  'goals',
  'monthlyGrossIncome',
];

// -------------------------------------------------------------------------------------------

/** Spectral's severities (`DiagnosticSeverity` of @stoplight/types): 0 error, 1 warning. */
const ERROR = 0;
const WARNING = 1;

describe('the AsyncAPI document', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let errors: { code: string | number | undefined; message: string; path: string }[];
  let warnings: string[];
  const raw = parseYaml(readFileSync(ASYNCAPI_FILE, 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    const parser = new Parser();
    const result = await parser.parse(readFileSync(ASYNCAPI_FILE, 'utf8'), {
      source: ASYNCAPI_FILE,
    });
    document = result.document;
    const diagnostics = result.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      path: d.path.join('.'),
    }));
    errors = diagnostics.filter((d) => Number(d.severity) === ERROR);
    warnings = diagnostics
      .filter((d) => Number(d.severity) === WARNING)
      .map((d) => `${d.code}: ${d.message}`);
  }, 60_000);

  it('parses as AsyncAPI 3.0.0 without errors and with no more than a few warnings', () => {
    expect(errors).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(2);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
  });

  it('describes the topic on the local broker and the operation that sends to it', () => {
    const doc = document!;
    const channels = doc.channels().all();
    expect(channels.map((channel) => channel.address())).toEqual([EVENTS_TOPIC]);
    const servers = doc.servers().all();
    expect(servers.map((server) => [server.host(), server.protocol()])).toEqual([
      ['127.0.0.1:9092', 'kafka'],
    ]);
    const operation = doc.operations().get('publishEvents');
    expect(operation?.action()).toBe('send');
    expect(
      operation
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual([EVENTS_TOPIC]);
    expect(
      operation
        ?.messages()
        .all()
        .map((message) => message.id())
        .sort(),
    ).toEqual([...EVENT_TYPES].sort());
  });

  it('has one message per event type, with the data schema of its current version', () => {
    const messages = document!.channels().all()[0]!.messages();
    expect(
      messages
        .all()
        .map((message) => message.id())
        .sort(),
    ).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const message = messages.get(type);
      expect(message?.name()).toBe(type);
      const payload = message?.payload()?.json() as {
        allOf: [Schema, { properties: Record<string, Schema> }];
      };
      const specific = payload.allOf[1].properties;
      expect([type, specific.type?.const]).toEqual([type, type]);
      expect([type, specific.schemaVersion?.const]).toEqual([type, PUBLISHED_SCHEMA_VERSION[type]]);
      expect([type, specific.data?.$id]).toEqual([type, SCHEMA_BASE + eventSchemaFile(type)]);
      expect([type, payload.allOf[0].$id]).toEqual([type, `${SCHEMA_BASE}envelope.v1.schema.json`]);
      // The key and the headers come with every message (through the trait).
      const headers = message?.headers()?.json<Schema>();
      expect([type, headers?.required]).toEqual([type, Object.values(HEADERS)]);
      const kafka = message?.bindings().get('kafka')?.value<{ key?: Schema }>();
      expect([type, typeof kafka?.key?.pattern]).toEqual([type, 'string']);
    }
  });

  it('references every schema file, and every reference names an existing file', () => {
    const refs = new Set<string>();
    const collect = (value: unknown, base: string): void => {
      if (Array.isArray(value)) value.forEach((item) => collect(item, base));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, member] of Object.entries(value)) {
          if (key === '$ref' && typeof member === 'string' && !member.startsWith('#')) {
            refs.add(relative(SCHEMAS, resolve(base, member)));
          } else collect(member, base);
        }
      }
    };
    collect(raw, MESSAGING);
    collect(readJson(ENVELOPE_FILE), SCHEMAS);
    for (const type of EVENT_TYPES) collect(eventSchemas.get(type), join(SCHEMAS, 'events'));

    const files = [
      ...readdirSync(SCHEMAS).filter((name) => name.endsWith('.json')),
      ...readdirSync(join(SCHEMAS, 'events')).map((name) => `events/${name}`),
    ].sort();
    expect([...refs].sort()).toEqual(files);
    expect(files).toEqual(['envelope.v1.schema.json', ...EVENT_TYPES.map(eventSchemaFile)].sort());
    // $ids mirror the files, so that ajv resolves the envelope's relative $refs offline.
    for (const file of files) {
      expect(readJson(join(SCHEMAS, file)).$id).toBe(SCHEMA_BASE + file);
    }
  });

  it('documents the key and headers that toMessage produces', () => {
    const components = (raw.components as { schemas: Record<string, Schema> }).schemas;
    const validateKey = ajv.compile(components.MessageKey!);
    const validateHeaders = ajv.compile(components.EventHeaders!);
    expect(Object.keys(components.EventHeaders!.properties!).sort()).toEqual(
      Object.values(HEADERS).sort(),
    );
    const [history] = fc.sample(historyArb, { numRuns: 1, seed: 7 });
    for (const event of generate(history!).recorded) {
      const message = toMessage(event)!;
      expect([message.key, validateKey(message.key)]).toEqual([message.key, true]);
      expect([message.headers, validateHeaders(message.headers)]).toEqual([message.headers, true]);
    }
    expect(validateKey('jc-kronach/case-not-a-uuid')).toBe(false);
    expect(validateHeaders({ [HEADERS.eventId]: 'x' })).toBe(false);
  });
});

describe('the JSON Schemas', () => {
  it('validate every event of generated histories as published, reaching every type', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const event of generate(history).recorded) {
          const message = published(event);
          if (!validateEnvelope(message)) throw new Error(explain(message));
          seen.set(message.type, (seen.get(message.type) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    const never = EVENT_TYPES.filter((type) => !seen.has(type));
    expect(never).toEqual([]);
  });

  it('describe every event type and every field, with the enums of the domain', () => {
    const enums: Record<string, readonly string[]> = {
      'ClientEnrolled.gender': GENDERS,
      'MeasureAborted.reason': MEASURE_ABORT_REASONS,
      'EmploymentStarted.kind': EMPLOYMENT_KINDS,
      'NeedForAssistanceEnded.reason': NEED_ENDED_REASONS,
      'CaseClosed.reason': CASE_CLOSE_REASONS,
      'MeasureOffered.kind': MEASURE_KINDS,
      'MeasureOffered.targetGroups': PROGRAMME_TARGET_GROUPS,
    };
    const found: Record<string, unknown> = {};
    const undescribed: string[] = [];
    const visit = (schema: Schema, path: string) => {
      if (!schema.description?.trim()) undescribed.push(path);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const at = `${path}.${name}`;
        const values = property.enum ?? property.items?.enum;
        if (values) found[at] = values;
        visit(property, at);
      }
    };
    for (const [type, schema] of eventSchemas) {
      expect([type, schema.additionalProperties]).toEqual([type, false]);
      visit(schema, type);
    }
    expect(undescribed).toEqual([]);
    expect(found).toEqual(enums);
  });
});

/** One published event per type, from generated histories (fixed seed). */
function samplesPerType(): Map<EventType, PublishedEvent> {
  const samples = new Map<EventType, PublishedEvent>();
  for (const history of fc.sample(historyArb, { numRuns: 300, seed: 2024 })) {
    for (const event of generate(history).recorded) {
      const message = published(event);
      if (!samples.has(message.type)) samples.set(message.type, message);
    }
  }
  return samples;
}

type Mutation = readonly [
  name: string,
  mutate: (event: Record<string, unknown>, data: Record<string, unknown>) => void,
  expected: Partial<ErrorObject>,
];

describe('the schemas are strict', () => {
  const samples = samplesPerType();

  it('have a sample of every type to mutate', () => {
    expect(EVENT_TYPES.filter((type) => !samples.has(type))).toEqual([]);
  });

  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const enumFields: Partial<Record<EventType, readonly string[]>> = {
    ClientEnrolled: ['gender'],
    MeasureAborted: ['reason'],
    EmploymentStarted: ['kind'],
    NeedForAssistanceEnded: ['reason'],
    CaseClosed: ['reason'],
    MeasureOffered: ['kind'],
  };

  const table: [EventType, ...Mutation][] = [];
  for (const type of EVENT_TYPES) {
    const sample = samples.get(type);
    if (!sample) continue;
    table.push([
      type,
      'an extra field in data',
      (_, data) => (data.unexpected = 1),
      { instancePath: '/data', keyword: 'additionalProperties' },
    ]);
    for (const [field, value] of Object.entries(sample.data)) {
      // Every field of the TypeScript types is required (none is optional).
      table.push([
        type,
        `data without ${field}`,
        (_, data) => delete data[field],
        { instancePath: '/data', keyword: 'required', params: { missingProperty: field } },
      ]);
      if (typeof value === 'string' && DATE.test(value)) {
        for (const wrong of ['2024-02-30', '01.02.2024', '2024-2-1']) {
          table.push([
            type,
            `${field} = ${wrong}`,
            (_, data) => (data[field] = wrong),
            { instancePath: `/data/${field}`, keyword: 'format', params: { format: 'date' } },
          ]);
        }
      }
    }
    for (const field of enumFields[type] ?? []) {
      table.push([
        type,
        `${field} not in its enum`,
        (_, data) => (data[field] = 'unknown-value'),
        { instancePath: `/data/${field}`, keyword: 'enum' },
      ]);
    }
  }
  table.push(
    [
      'ClientEnrolled',
      'an extra target group flag',
      (_, data) => ((data.targetGroups as Record<string, unknown>).u25 = true),
      { instancePath: '/data/targetGroups', keyword: 'additionalProperties' },
    ],
    [
      'ClientEnrolled',
      'targetGroups without refugeeUkraine',
      (_, data) => delete (data.targetGroups as Record<string, unknown>).refugeeUkraine,
      { instancePath: '/data/targetGroups', keyword: 'required' },
    ],
    [
      'ClientEnrolled',
      'targetGroups as the list of schema version 1',
      (_, data) => (data.targetGroups = ['single-parent']),
      { instancePath: '/data/targetGroups', keyword: 'type' },
    ],
    [
      'ClientEnrolled',
      'a birth date in place of the birth month',
      (_, data) => (data.birthMonth = '1990-04-23'),
      { instancePath: '/data/birthMonth', keyword: 'pattern' },
    ],
    [
      'MeasureOffered',
      'an unknown target group',
      (_, data) => (data.targetGroups = ['all', 'pensioners']),
      { instancePath: '/data/targetGroups/1', keyword: 'enum' },
    ],
    [
      'MeasureAssigned',
      'a measure id with a space',
      (_, data) => (data.measureId = 'JT 2024'),
      { instancePath: '/data/measureId', keyword: 'pattern' },
    ],
    [
      'EmploymentStarted',
      'the personal income in data',
      (_, data) => (data.monthlyGrossIncome = 2345.67),
      { instancePath: '/data', keyword: 'additionalProperties' },
    ],
    [
      'ClientEnrolled',
      'an extra envelope field',
      (event) => (event.personal = {}),
      { instancePath: '', keyword: 'additionalProperties' },
    ],
    [
      'ClientEnrolled',
      'an older schema version',
      (event) => (event.schemaVersion = 1),
      { instancePath: '/schemaVersion', keyword: 'const' },
    ],
    [
      'CaseClosed',
      'an unknown type',
      (event) => (event.type = 'CaseReopened'),
      { instancePath: '/type', keyword: 'enum' },
    ],
    [
      'CaseClosed',
      'no case id',
      (event) => (event.caseId = null),
      { instancePath: '/caseId', keyword: 'type' },
    ],
    [
      'ProgrammeApproved',
      'a case stream',
      (event) => (event.streamId = `case-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`),
      { instancePath: '/streamId', keyword: 'pattern' },
    ],
    [
      'MeasureStarted',
      'an event id that is no UUID',
      (event) => (event.eventId = 'event-1'),
      { instancePath: '/eventId', keyword: 'format' },
    ],
    [
      'MeasureStarted',
      'a recording time without time zone',
      (event) => (event.recordedAt = '2026-06-30T12:00:00'),
      { instancePath: '/recordedAt', keyword: 'format' },
    ],
    [
      'MeasureStarted',
      'an effective date that is no day',
      (event) => (event.effectiveDate = '2024-13-01'),
      { instancePath: '/effectiveDate', keyword: 'format' },
    ],
    [
      'MeasureStarted',
      'no correlation id',
      (event) => delete event.correlationId,
      { instancePath: '', keyword: 'required', params: { missingProperty: 'correlationId' } },
    ],
  );

  it('cover each event type with mutations', () => {
    expect(EVENT_TYPES.filter((type) => !table.some(([t]) => t === type))).toEqual([]);
  });

  it.each(table)('%s: %s fails validation, naming the path', (type, _name, mutate, expected) => {
    const original = samples.get(type)!;
    expect(errorsOf(original)).toEqual([]);
    const event = structuredClone(original) as unknown as Record<string, unknown>;
    mutate(event, event.data as Record<string, unknown>);
    const errors = errorsOf(event);
    expect(errors).toContainEqual(expect.objectContaining(expected));
  });
});

describe('schema versions', () => {
  it('publishes a ClientEnrolled of schema version 1 as version 2, and it validates', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom(...GENDERS),
        fc.subarray(['single-parent', 'refugee-ukraine', 'u25', '50plus']),
        fc.constantFrom(...GIVEN_NAMES),
        (caseId, gender, targetGroups, givenName) => {
          const [template] = asRecorded('jc-kronach', caseStreamId(caseId), [
            {
              type: 'EmploymentEnded',
              data: { employmentId: 'e1', endedOn: '2024-01-01' },
            },
          ]);
          const v1: RecordedEvent = {
            ...template!,
            type: 'ClientEnrolled',
            schemaVersion: 1,
            effectiveDate: '2023-05-02',
            data: { caseId, enrolledOn: '2023-05-02', gender, targetGroups },
            personal: { givenName, familyName: 'Kowalenko', dateOfBirth: '1990-04-23' },
          };
          // As stored, version 1 data does not fit the current schema...
          expect(validateEnvelope({ ...published(v1), schemaVersion: 1, data: v1.data })).toBe(
            false,
          );
          // ...published, it is upcast to version 2 (from the statistical part alone, so the
          // birth month stays unknown).
          const message = published(v1);
          if (!validateEnvelope(message)) throw new Error(explain(message));
          expect(message.schemaVersion).toBe(2);
          expect(message.data).toEqual({
            caseId,
            enrolledOn: '2023-05-02',
            gender,
            birthMonth: null,
            targetGroups: {
              singleParent: targetGroups.includes('single-parent'),
              refugeeUkraine: targetGroups.includes('refugee-ukraine'),
            },
          });
          expect(
            personalValuesIn(JSON.stringify(message), {
              strings: new Set([givenName, 'Kowalenko', '1990-04-23']),
              numbers: new Set(),
            }),
          ).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('personal data', () => {
  it('never appears in a published event', () => {
    let withPersonal = 0;
    fc.assert(
      fc.property(historyArb, (history) => {
        const { recorded, personal } = generate(history);
        if (personal.strings.size > 0) withPersonal += 1;
        // The search finds personal values where they are: in the stored events.
        const stored = recorded.filter((event) => event.personal !== null);
        for (const event of stored) {
          expect(personalValuesIn(JSON.stringify(event.personal), personal)).not.toEqual([]);
        }
        for (const event of recorded) {
          const json = toMessage(event)!.value;
          const leaked = personalValuesIn(json, personal);
          if (leaked.length > 0) throw new Error(`${leaked.join(', ')} published in ${json}`);
          const keys = PERSONAL_KEYS.filter((key) => json.includes(`"${key}"`));
          if (keys.length > 0) throw new Error(`${keys.join(', ')} published in ${json}`);
        }
      }),
      { numRuns: RUNS },
    );
    // Most histories have a client with a name and date of birth.
    expect(withPersonal).toBeGreaterThan(RUNS / 2);
  });
});
