/**
 * The records of a legacy export (NDJSON, one record a line, bodies as the API's requests) and
 * their checks: the shape here, the bodies by the API's own request classes. docs/legacy-import.md.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { TENANT_PATTERN } from '#security';
import { EnrolClientDto } from '../requests/case-bodies.js';
import { CASE_REQUESTS, isCaseRequestKind } from '../requests/case-commands.js';
import { flattenValidationErrors } from '../requests/field-errors.js';
import { ApproveProgrammeDto, OfferMeasureDto } from '../requests/programme-bodies.js';

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
