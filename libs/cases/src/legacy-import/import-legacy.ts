/**
 * `teilhabe import-legacy`: case histories from a legacy system (NDJSON in the API's own request
 * bodies), checked whole before anything is written, then recorded through the domain in batches of
 * new streams; rerunnable. Format and guarantees: docs/legacy-import.md.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { v5 as uuidv5 } from 'uuid';
import {
  DomainRuleViolation,
  caseStreamId,
  decideCase,
  decideProgramme,
  evolveCase,
  evolveProgramme,
  initialCaseState,
  initialProgrammeState,
  programmeDecider,
  programmeStreamId,
  yearOf,
  type CaseCommand,
  type CaseState,
  type DomainEvent,
  type ProgrammeCommand,
  type ProgrammeSnapshot,
  type ProgrammeState,
} from '#domain';
import type { JsonObject, NewEvent, SqlEventStore } from '#event-store';
import { sealWith, type CaseKey, type PersonalDataVault } from '#privacy';
import { TENANT_PATTERN } from '#security';
import { eventEnvelope, type EnvelopeMetadata } from '../envelope.js';
import { stampDay, type Unstamped } from '../handle-command.js';
import { loadStream } from '../load-stream.js';
import { EnrolClientDto } from '../requests/case-bodies.js';
import {
  CASE_REQUESTS,
  caseCommandFromRequest,
  enrolClientCommand,
  isCaseRequestKind,
  type CaseRequestKind,
  type EnrolmentBody,
} from '../requests/case-commands.js';
import { flattenValidationErrors } from '../requests/field-errors.js';
import { ApproveProgrammeDto, OfferMeasureDto } from '../requests/programme-bodies.js';
import { approveProgrammeCommand, offerMeasureCommand } from '../requests/programme-commands.js';

/** Namespace of the event ids derived from a legacy record. */
const LEGACY_NAMESPACE = '0b8c3a52-3d4e-4f1e-9d0a-6c2b7e5f1a93';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Body = Record<string, unknown>;
type Step = { command: string; body: Body; assignmentId?: string; employmentId?: string };

export interface LegacyProgramme {
  readonly record: 'programme';
  readonly jobcenter: string;
  readonly year: number;
  readonly measures: readonly Body[];
  readonly approval?: Body;
}

export interface LegacyCase {
  readonly record: 'case';
  readonly jobcenter: string;
  readonly caseId: string;
  readonly enrol: Body;
  readonly steps: readonly Step[];
}

export type LegacyRecord = LegacyProgramme | LegacyCase;

/** A case's steps are the API's case commands, named by the path of their route. */
export const LEGACY_STEP_COMMANDS = Object.keys(CASE_REQUESTS);

/** A record that cannot be imported: where, which field, which rule. */
export class LegacyRecordError extends Error {
  override name = 'LegacyRecordError';
  constructor(
    readonly line: number,
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(`line ${line}: ${field}: ${message} (${rule})`);
  }
}

function checkBody(line: number, field: string, dto: new () => object, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new LegacyRecordError(line, field, 'isObject', 'must be an object');
  const errors: ValidationError[] = validateSync(plainToInstance(dto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  const [first] = flattenValidationErrors(errors);
  if (first)
    throw new LegacyRecordError(line, `${field}.${first.field}`, first.rule, first.message);
}

/** Checks a parsed line's shape; the bodies are checked by the API's DTO classes. */
export function parseLegacyRecord(line: number, text: string): LegacyRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LegacyRecordError(line, 'record', 'json', `not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new LegacyRecordError(line, 'record', 'isObject', 'must be a JSON object');
  const record = value as Record<string, unknown>;
  const allowed =
    record.record === 'programme'
      ? ['record', 'jobcenter', 'year', 'measures', 'approval']
      : ['record', 'jobcenter', 'caseId', 'enrol', 'steps'];
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown) throw new LegacyRecordError(line, unknown, 'whitelist', `unknown field ${unknown}`);
  if (typeof record.jobcenter !== 'string' || !TENANT_PATTERN.test(record.jobcenter))
    throw new LegacyRecordError(
      line,
      'jobcenter',
      'pattern',
      'must be a Jobcenter id like jc-kronach',
    );
  if (record.record === 'programme') {
    if (
      !Number.isInteger(record.year) ||
      (record.year as number) < 2005 ||
      (record.year as number) > 2100
    )
      throw new LegacyRecordError(line, 'year', 'isInt', 'must be a year from 2005 to 2100');
    if (!Array.isArray(record.measures))
      throw new LegacyRecordError(line, 'measures', 'isArray', 'must be an array');
    record.measures.forEach((m, i) => checkBody(line, `measures[${i}]`, OfferMeasureDto, m));
    if (record.approval !== undefined)
      checkBody(line, 'approval', ApproveProgrammeDto, record.approval);
    return record as unknown as LegacyProgramme;
  }
  if (record.record !== 'case')
    throw new LegacyRecordError(line, 'record', 'isIn', 'must be "case" or "programme"');
  if (typeof record.caseId !== 'string' || !UUID.test(record.caseId))
    throw new LegacyRecordError(line, 'caseId', 'isUUID', 'must be a UUID');
  checkBody(line, 'enrol', EnrolClientDto, record.enrol);
  if ((record.enrol as Body).caseId !== undefined)
    throw new LegacyRecordError(line, 'enrol.caseId', 'whitelist', 'the case id belongs in caseId');
  if (!Array.isArray(record.steps))
    throw new LegacyRecordError(line, 'steps', 'isArray', 'must be an array');
  record.steps.forEach((raw: unknown, i) => {
    const field = `steps[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw new LegacyRecordError(line, field, 'isObject', 'must be an object');
    const step = raw as Record<string, unknown>;
    const kind = isCaseRequestKind(step.command) ? CASE_REQUESTS[step.command] : undefined;
    if (!kind)
      throw new LegacyRecordError(
        line,
        `${field}.command`,
        'isIn',
        `must be one of ${LEGACY_STEP_COMMANDS.join(', ')}`,
      );
    const extra = Object.keys(step).find((key) => !['command', 'body', kind.id].includes(key));
    if (extra)
      throw new LegacyRecordError(line, `${field}.${extra}`, 'whitelist', `unknown field ${extra}`);
    if (kind.id && (typeof step[kind.id] !== 'string' || !UUID.test(step[kind.id] as string)))
      throw new LegacyRecordError(line, `${field}.${kind.id}`, 'isUUID', 'must be a UUID');
    checkBody(line, `${field}.body`, kind.body, step.body);
  });
  return record as unknown as LegacyCase;
}

/**
 * Reads NDJSON records with their line numbers (blank lines are skipped). With `check` false
 * (the write pass, after a check pass over the same file) the lines are only parsed.
 */
export async function* readLegacyFile(
  file: string,
  check = true,
): AsyncGenerator<[number, LegacyRecord]> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    yield [number, check ? parseLegacyRecord(number, text) : (JSON.parse(text) as LegacyRecord)];
  }
}

function ruleError(line: number, field: string, error: unknown): never {
  if (error instanceof DomainRuleViolation)
    throw new LegacyRecordError(
      line,
      error.field ? `${field}.${error.field}` : field,
      error.code,
      error.message,
    );
  throw error;
}

interface Decided {
  readonly events: DomainEvent[];
}

/**
 * Decides a whole case through the domain; the events in order, or an error naming the line,
 * the step and the rule the domain refused.
 */
function decideLegacyCase(
  line: number,
  record: LegacyCase,
  today: string,
  programme: (year: number) => ProgrammeSnapshot,
  /** Instead of failing, leave out a step the domain refuses (the demo generator's use). */
  refused?: (index: number) => void,
): Decided {
  const events: DomainEvent[] = [];
  let state: CaseState = initialCaseState();
  const run = (field: string, command: Unstamped<CaseCommand>, index = -1) => {
    let decided;
    try {
      decided = decideCase(stampDay<CaseCommand>(command, today), state);
    } catch (error) {
      if (refused && index >= 0 && error instanceof DomainRuleViolation) return refused(index);
      ruleError(line, field, error);
    }
    for (const event of decided) {
      state = evolveCase(state, event);
      events.push(event);
    }
  };
  // The bodies were checked against the API's request classes (parseLegacyRecord).
  run(
    'enrol',
    enrolClientCommand(record.caseId.toLowerCase(), record.enrol as unknown as EnrolmentBody),
  );
  record.steps.forEach((step, i) => {
    const kind = step.command as CaseRequestKind;
    const idField = CASE_REQUESTS[kind].id;
    const id = idField ? (step[idField] as string).toLowerCase() : '';
    run(`steps[${i}]`, caseCommandFromRequest(kind, step.body, { id, programme }), i);
  });
  return { events };
}

/** A programme record's events, decided on top of the programme as stored. */
function decideLegacyProgramme(
  line: number,
  record: LegacyProgramme,
  base: { state: ProgrammeState },
  today: string,
): { events: DomainEvent[]; state: ProgrammeState } {
  let state = base.state;
  const events: DomainEvent[] = [];
  // The bodies were checked against the API's request classes (parseLegacyRecord).
  const commands: Unstamped<ProgrammeCommand>[] = [
    ...record.measures.map((m) =>
      offerMeasureCommand(record.year, m as unknown as OfferMeasureDto, today),
    ),
    ...(record.approval
      ? [approveProgrammeCommand(record.year, record.approval as unknown as ApproveProgrammeDto)]
      : []),
  ];
  commands.forEach((command, i) => {
    let decided;
    try {
      decided = decideProgramme(stampDay<ProgrammeCommand>(command, today), state);
    } catch (error) {
      ruleError(line, i < record.measures.length ? `measures[${i}]` : 'approval', error);
    }
    for (const event of decided) {
      state = evolveProgramme(state, event);
      events.push(event);
    }
  });
  return { events, state };
}

/** The steps of a case the domain accepts, given its Jobcenter's programmes by year. */
export function acceptedSteps(
  record: LegacyCase,
  today: string,
  programmes: ReadonlyMap<number, LegacyProgramme>,
): LegacyCase['steps'] {
  const empty = { state: initialProgrammeState() };
  const snapshots = new Map<number, ProgrammeSnapshot>();
  const programme = (year: number): ProgrammeSnapshot => {
    let snapshot = snapshots.get(year);
    if (!snapshot) {
      const stored = programmes.get(year);
      const decided = stored ? decideLegacyProgramme(0, stored, empty, today) : undefined;
      snapshot = { ...(decided?.state ?? empty.state), version: decided?.events.length ?? 0 };
      snapshots.set(year, snapshot);
    }
    return snapshot;
  };
  const left = new Set<number>();
  decideLegacyCase(0, record, today, programme, (index) => void left.add(index));
  return record.steps.filter((_, i) => !left.has(i));
}

export interface LegacyImportOptions {
  /** Today's date in the Jobcenters' calendar (the domain has no clock of its own). */
  readonly today: string;
  /** Who imports (the events' actor). */
  readonly actor: string;
  /** Events per transaction (default 1000). */
  readonly batchEvents?: number;
  /** Transactions in flight at once (default 3). */
  readonly concurrency?: number;
  /** Records checked so far; then cases written so far of `total`. */
  readonly onProgress?: (phase: 'check' | 'write', done: number, total?: number) => void;
}

export interface LegacyImportReport {
  readonly records: number;
  readonly cases: number;
  readonly programmes: number;
  readonly events: number;
  /** Cases skipped because an earlier run of the same file wrote them. */
  readonly alreadyImported: number;
}

type Batch = {
  tenant: string;
  cases: { line: number; record: LegacyCase; events: DomainEvent[] }[];
  events: number;
};

/**
 * Imports a legacy file: first checks every record (shape, domain rules, programmes), then writes.
 * `records` is called twice (once per pass) and must yield the same records both times; the
 * write pass may skip the checks of shape.
 */
export async function importLegacy(
  store: SqlEventStore,
  vault: PersonalDataVault,
  records: (pass: 'check' | 'write') => AsyncIterable<[number, LegacyRecord]>,
  options: LegacyImportOptions,
): Promise<LegacyImportReport> {
  const batchEvents = options.batchEvents ?? 1000;
  const correlationId = uuidv5(`import ${options.actor} ${options.today}`, LEGACY_NAMESPACE);
  // The run is the cause of everything it writes.
  const envelope: EnvelopeMetadata = {
    actor: options.actor,
    actorRoles: ['import'],
    correlationId,
    causationId: correlationId,
  };
  const programmes = new Map<
    string,
    { state: ProgrammeState; version: number; ids?: ReadonlySet<string> }
  >();
  const programmeOf = async (tenant: string, year: number) => {
    const key = `${tenant}/${year}`;
    let found = programmes.get(key);
    if (!found) {
      const stored = await loadStream(store, tenant, programmeStreamId(year), programmeDecider);
      const ids = new Set(stored.recorded.map((e) => e.eventId));
      found = { state: stored.state, version: stored.version, ids };
      programmes.set(key, found);
    }
    return found;
  };

  // Pass 1: everything checked, nothing written.
  const count = { records: 0, cases: 0, programmes: 0, events: 0 };
  const programmeEvents = new Map<
    string,
    { line: number; tenant: string; year: number; events: DomainEvent[]; base: number }
  >();
  const seenCases = new Set<string>();
  const pending: { line: number; record: LegacyCase }[] = [];
  /** A case that exists with other content than this file's is an error before anything is written. */
  const refuseExisting = async (batch: { line: number; record: LegacyCase }[]) => {
    if (batch.length === 0) return;
    const streams = batch.map((c) => caseStreamId(c.record.caseId.toLowerCase()));
    const rows = await store.db.query<{ tenant_id: string; stream_id: string; event_id: string }>(
      `SELECT e.tenant_id, e.stream_id, e.event_id::text AS event_id
       FROM unnest($1::text[], $2::text[]) AS c(tenant, stream)
       JOIN event_store.events e ON e.tenant_id = c.tenant AND e.stream_id = c.stream
       WHERE e.stream_version = 1`,
      [batch.map((c) => c.record.jobcenter), streams],
    );
    const firstIds = new Map(
      rows.map((row) => [`${row.tenant_id}/${row.stream_id}`, row.event_id]),
    );
    batch.forEach((c, i) => {
      const stored = firstIds.get(`${c.record.jobcenter}/${streams[i]}`);
      if (stored !== undefined && stored !== caseEventId(caseSeed(c.record), 0))
        throw existsError(c.line, c.record);
    });
  };
  for await (const [line, record] of records('check')) {
    count.records += 1;
    if (record.record === 'programme') {
      const current = await programmeOf(record.jobcenter, record.year);
      const key = `${record.jobcenter}/${record.year}`;
      if (programmeEvents.has(key))
        throw new LegacyRecordError(
          line,
          'year',
          'unique',
          `programme ${record.year} of ${record.jobcenter} appears twice`,
        );
      const first = programmeEventId(record.jobcenter, record.year, 0);
      // A rerun after an interruption: this record's events are stored already.
      const { events, state } = current.ids?.has(first)
        ? { events: [], state: current.state }
        : decideLegacyProgramme(line, record, current, options.today);
      programmeEvents.set(key, {
        line,
        tenant: record.jobcenter,
        year: record.year,
        events,
        base: current.version,
      });
      programmes.set(key, { state, version: current.version + events.length });
      count.programmes += 1;
      count.events += events.length;
    } else {
      const key = `${record.jobcenter}/${record.caseId.toLowerCase()}`;
      if (seenCases.has(key))
        throw new LegacyRecordError(
          line,
          'caseId',
          'unique',
          `case ${record.caseId} appears twice`,
        );
      seenCases.add(key);
      pending.push({ line, record });
      if (pending.length >= 1000) await refuseExisting(pending.splice(0));
      const years = new Set(
        record.steps
          .filter((s) => s.command === 'measures')
          .map((s) => yearOf(s.body.assignedOn as string)),
      );
      for (const year of years) await programmeOf(record.jobcenter, year);
      const decided = decideLegacyCase(line, record, options.today, (year) => {
        const p = programmes.get(`${record.jobcenter}/${year}`)!;
        return { ...p.state, version: p.version };
      });
      count.cases += 1;
      count.events += decided.events.length;
    }
    options.onProgress?.('check', count.records);
  }
  await refuseExisting(pending.splice(0));
  seenCases.clear();

  // Pass 2: programmes first (cases refer to them), then the cases in batches of new streams.
  for (const p of programmeEvents.values()) {
    if (p.events.length === 0) continue;
    const newEvents = p.events.map((event, i) =>
      eventEnvelope(event, programmeEventId(p.tenant, p.year, i), envelope, null),
    );
    await store.appendToStream(p.tenant, programmeStreamId(p.year), newEvents, {
      expectedVersion: p.base,
    });
  }
  const written = { records: 0, events: 0, already: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  const flush = (batch: Batch) => {
    const job = writeBatch(store, vault, batch, envelope)
      .then((skipped) => {
        written.already += skipped;
        written.records += batch.cases.length;
        written.events += batch.events;
        options.onProgress?.('write', written.records, count.cases);
      })
      .catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  };
  let batch: Batch | undefined;
  for await (const [line, record] of records('write')) {
    if (failure) break;
    if (record.record !== 'case') continue;
    const decided = decideLegacyCase(line, record, options.today, (year) => {
      const p = programmes.get(`${record.jobcenter}/${year}`)!;
      return { ...p.state, version: p.version };
    });
    if (
      batch &&
      (batch.tenant !== record.jobcenter || batch.events + decided.events.length > batchEvents)
    ) {
      flush(batch);
      batch = undefined;
      while (inFlight.size >= (options.concurrency ?? 3)) await Promise.race(inFlight);
    }
    batch ??= { tenant: record.jobcenter, cases: [], events: 0 };
    batch.cases.push({ line, record, events: decided.events });
    batch.events += decided.events.length;
  }
  if (batch && !failure) flush(batch);
  await Promise.all(inFlight);
  if (failure) throw failure;
  return {
    records: count.records,
    cases: count.cases,
    programmes: count.programmes,
    events: count.events,
    alreadyImported: written.already,
  };
}

function existsError(line: number, record: LegacyCase): LegacyRecordError {
  return new LegacyRecordError(
    line,
    'caseId',
    'unique',
    `case ${record.caseId} already exists in ${record.jobcenter}`,
  );
}

/**
 * The ids of a case's events come from the record's whole content, so that a rerun of the same
 * file finds its own events and a different record for an existing case is told apart.
 */
function caseSeed(record: LegacyCase): string {
  const digest = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  return `${record.jobcenter}/${record.caseId.toLowerCase()}/${digest}`;
}

function caseEventId(seed: string, index: number): string {
  return uuidv5(`${seed}/${index}`, LEGACY_NAMESPACE);
}

function programmeEventId(tenant: string, year: number, index: number): string {
  return uuidv5(`${tenant}/${programmeStreamId(year)}/legacy-${index}`, LEGACY_NAMESPACE);
}

/** One transaction of new case streams; returns how many an earlier run had written. */
async function writeBatch(
  store: SqlEventStore,
  vault: PersonalDataVault,
  batch: Batch,
  envelope: EnvelopeMetadata,
): Promise<number> {
  const tenant = batch.tenant;
  const streams = batch.cases.map((c) => caseStreamId(c.record.caseId.toLowerCase()));
  const existing = await store.db.query<{ stream_id: string; event_id: string }>(
    `SELECT stream_id, event_id::text AS event_id FROM event_store.events
     WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) AND stream_version = 1`,
    [tenant, streams],
  );
  const firstIds = new Map(existing.map((row) => [row.stream_id, row.event_id]));
  const fresh = batch.cases.filter((c, i) => {
    const stored = firstIds.get(streams[i]!);
    if (stored === undefined) return true;
    const ours = caseEventId(caseSeed(c.record), 0);
    if (stored !== ours) throw existsError(c.line, c.record);
    return false;
  });
  if (fresh.length === 0) return batch.cases.length;
  const keys: Map<string, CaseKey> = await vault.caseKeys(
    tenant,
    fresh.map((c) => c.record.caseId.toLowerCase()),
  );
  await store.appendNewStreams(
    fresh.map((c) => {
      const caseId = c.record.caseId.toLowerCase();
      const streamId = caseStreamId(caseId);
      const key = keys.get(caseId)!;
      const seed = caseSeed(c.record);
      const seal = (personal: DomainEvent['personal']) =>
        personal
          ? (sealWith(
              tenant,
              caseId,
              key,
              personal as unknown as JsonObject,
            ) as unknown as JsonObject)
          : null;
      return {
        tenant,
        streamId,
        events: c.events.map((event, i): NewEvent =>
          eventEnvelope(event, caseEventId(seed, i), envelope, seal(event.personal)),
        ),
      };
    }),
  );
  return batch.cases.length - fresh.length;
}
