/**
 * The legacy import: every record of a file checked (shape, domain rules, programmes) before
 * anything is written, then programmes and batches of new case streams written; rerunnable.
 */
import {
  caseStreamId,
  programmeDecider,
  programmeStreamId,
  yearOf,
  type DomainEvent,
  type ProgrammeState,
} from '#domain';
import type { SqlEventStore } from '#event-store';
import type { PersonalDataVault } from '#privacy';
import { eventEnvelope, type EnvelopeMetadata } from '../envelope.js';
import { loadStream } from '../load-stream.js';
import type { EnrolmentBody } from '../requests/case-commands.js';
import { decideLegacyCase, decideLegacyProgramme } from './decide-legacy.js';
import { caseEventId, caseSeed, importRunId, programmeEventId } from './legacy-ids.js';
import { LegacyRecordError, type LegacyCase, type LegacyRecord } from './legacy-record.js';
import { existsError, writeBatch, type Batch } from './write-batch.js';

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
  const personKeyOf = (enrol: EnrolmentBody) =>
    vault.personKey(enrol.client, enrol.personReference);
  /** A case through the domain, on its Jobcenter's programmes as loaded (both passes). */
  const decide = (line: number, record: LegacyCase) =>
    decideLegacyCase(
      line,
      record,
      options.today,
      (year) => {
        const p = programmes.get(`${record.jobcenter}/${year}`)!;
        return { ...p.state, version: p.version };
      },
      personKeyOf,
    );
  const correlationId = importRunId(options.actor, options.today);
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
      const decided = decide(line, record);
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
    const decided = decide(line, record);
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
