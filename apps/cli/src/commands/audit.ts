/**
 * The auditor's and operator's commands on the store itself: sign and verify checkpoints,
 * export a Jobcenter's events (with its wrapped data keys) as NDJSON, import such an export
 * into an empty store with identical streams and hashes, and replay the statistics as they
 * stood on a past day.
 */
import { createInterface } from 'node:readline';
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  CheckpointStore,
  GENESIS_HASH,
  SqlEventStore,
  START,
  nextDigest,
  openEventStore,
  verifyStreamChain,
  verifyTenant,
  type IntegrityReport,
  type RecordedEvent,
} from '#event-store';
import { germanCalendarDay } from '#http';
import {
  INDICATORS,
  ProjectionRunner,
  StatisticsProjection,
  StatisticsQueries,
  formatMonth,
  monthOfDate,
  type IndicatorName,
} from '#projections';
import { PersonalDataVault } from '#privacy';
import { signAllCheckpoints } from '../../../case-api/src/audit/integrity.module.js';
import type { AppConfig } from '../../../teilhabe/src/config.js';
import { keyringFor, signingKeyFor } from '../../../teilhabe/src/server.js';
import { startProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';

export const EXPORT_FORMAT = 'teilhabe-export';

async function withStore<T>(
  config: AppConfig,
  work: (store: SqlEventStore) => Promise<T>,
): Promise<T> {
  const store = await openEventStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function* tenantEvents(store: SqlEventStore, tenant: string): AsyncGenerator<RecordedEvent> {
  let from = START;
  for (;;) {
    const page = await store.readAll({ from, tenant, maxCount: 1000 });
    if (page.events.length === 0) return;
    yield* page.events;
    from = page.next;
  }
}

export async function checkpointCommand(config: AppConfig): Promise<number> {
  return withStore(config, (store) => signAllCheckpoints(store, signingKeyFor(config)));
}

export async function publicKeyCommand(config: AppConfig): Promise<string> {
  return signingKeyFor(config).publicKeyPem();
}

/** Verifies every Jobcenter (or one) against the given public key (default: the configured key's). */
export async function verifyCommand(
  config: AppConfig,
  options: { tenant?: string; publicKeyPem?: string },
): Promise<IntegrityReport[]> {
  let publicKey: KeyObject;
  try {
    publicKey = options.publicKeyPem
      ? createPublicKey(options.publicKeyPem)
      : signingKeyFor(config).publicKey;
  } catch {
    throw new UsageError(
      '--public-key must be a PEM public key (teilhabe audit public-key prints it)',
    );
  }
  return withStore(config, async (store) => {
    const checkpoints = new CheckpointStore(store.db);
    const tenants = options.tenant ? [options.tenant] : await checkpoints.tenants();
    const reports: IntegrityReport[] = [];
    for (const tenant of tenants) {
      reports.push(await verifyTenant(store, await checkpoints.list(tenant), publicKey, tenant));
    }
    return reports;
  });
}

/** Writes a Jobcenter's events and wrapped data keys as NDJSON; returns how many events. */
export async function exportCommand(
  config: AppConfig,
  tenant: string,
  write: (line: string) => void,
): Promise<number> {
  return withStore(config, async (store) => {
    const [row] = await store.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM event_store.events WHERE tenant_id = $1',
      [tenant],
    );
    const total = Number(row?.n ?? 0);
    if (total === 0) throw new UsageError(`there are no events of ${tenant} to export`);
    write(
      JSON.stringify({
        kind: EXPORT_FORMAT,
        version: 1,
        tenant,
        exportedAt: new Date().toISOString(),
        events: total,
      }),
    );
    const progress = startProgress({ label: `export ${tenant}`, total, unit: 'events' });
    let count = 0;
    let digest = GENESIS_HASH;
    for await (const event of tenantEvents(store, tenant)) {
      write(JSON.stringify({ kind: 'event', ...event }));
      digest = nextDigest(digest, event.hash);
      count += 1;
      if (count % 500 === 0) progress.update(count);
    }
    progress.stop();
    const keys = await new PersonalDataVault(store.db, keyringFor(config)).exportKeys(tenant);
    for (const key of keys) write(JSON.stringify({ kind: 'key', ...key }));
    write(JSON.stringify({ kind: 'end', events: count, keys: keys.length, digest }));
    return count;
  });
}

interface ExportedEvent extends RecordedEvent {
  readonly kind: 'event';
}

/**
 * Imports an export into a store that has no events of that Jobcenter: every event with its id,
 * version, recording time and content, so every hash comes out identical (checked per event).
 */
export async function importCommand(
  config: AppConfig,
  input: NodeJS.ReadableStream,
): Promise<{ tenant: string; events: number; keys: number }> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: { kind: string; version: number; tenant: string; events: number } | undefined;
  const events: ExportedEvent[] = [];
  const keys: { caseId: string; keyId: string; masterKeyId: string; wrapped: string }[] = [];
  let end: { events: number; keys: number; digest: string } | undefined;
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UsageError(`line ${number} is not JSON`);
    }
    if (number === 1) {
      if (
        record.kind !== EXPORT_FORMAT ||
        record.version !== 1 ||
        typeof record.tenant !== 'string'
      ) {
        throw new UsageError(`line 1 is not the header of a ${EXPORT_FORMAT} version 1 file`);
      }
      header = record as typeof header;
    } else if (record.kind === 'event') events.push(record as unknown as ExportedEvent);
    else if (record.kind === 'key') keys.push(record as unknown as (typeof keys)[number]);
    else if (record.kind === 'end') end = record as unknown as typeof end;
    else throw new UsageError(`line ${number}: unknown kind ${JSON.stringify(record.kind)}`);
  }
  if (!header || !end) throw new UsageError('the file is incomplete: no header or no end line');
  let digest = GENESIS_HASH;
  for (const event of events) {
    if (event.tenant !== header.tenant)
      throw new UsageError(
        `event ${event.eventId} belongs to ${event.tenant}, not ${header.tenant}`,
      );
    digest = nextDigest(digest, event.hash);
  }
  if (events.length !== end.events || keys.length !== end.keys || digest !== end.digest) {
    throw new UsageError(
      'the file does not match its end line (events, keys or digest): it is damaged or was changed',
    );
  }
  // Every stream's chain must hold in the file itself, before anything is written.
  const byStream = new Map<string, ExportedEvent[]>();
  for (const event of events) {
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  for (const [streamId, streamEvents] of byStream) {
    const verdict = verifyStreamChain(streamEvents);
    if (!verdict.ok) {
      throw new UsageError(
        `${streamId} version ${verdict.version} in the file: ${verdict.reason}; nothing was imported`,
      );
    }
  }
  const tenant = header.tenant;
  return withStore(config, async (store) => {
    const [existing] = await store.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM event_store.events WHERE tenant_id = $1',
      [tenant],
    );
    if (Number(existing?.n ?? 0) > 0)
      throw new UsageError(`the store already holds events of ${tenant}: import into an empty one`);
    const progress = startProgress({
      label: `import ${tenant}`,
      total: events.length,
      unit: 'events',
    });
    // In export order; consecutive events of one stream recorded together are appended together.
    for (let at = 0; at < events.length;) {
      const first = events[at]!;
      let to = at + 1;
      while (
        to < events.length &&
        events[to]!.streamId === first.streamId &&
        events[to]!.recordedAt === first.recordedAt &&
        events[to]!.version === events[to - 1]!.version + 1
      ) {
        to += 1;
      }
      const batch = events.slice(at, to);
      const writer = new SqlEventStore(store.db, () => new Date(first.recordedAt));
      await writer.appendToStream(
        tenant,
        first.streamId,
        batch.map((e) => ({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          effectiveDate: e.effectiveDate,
          data: e.data,
          personal: e.personal,
          metadata: e.metadata,
        })),
        { expectedVersion: first.version - 1 },
      );
      const stored = await store.readStream(tenant, first.streamId, {
        fromVersion: first.version,
        maxCount: batch.length,
      });
      stored.forEach((event, i) => {
        if (event.hash !== batch[i]!.hash) {
          throw new Error(
            `imported ${event.streamId} version ${event.version} has another hash than the exported one`,
          );
        }
      });
      at = to;
      progress.update(at);
    }
    progress.stop();
    const vault = new PersonalDataVault(store.db, keyringFor(config));
    await vault.migrate();
    for (const key of keys) await vault.importKey(tenant, key);
    return { tenant, events: events.length, keys: keys.length };
  });
}

const REPLAY_INDICATORS: IndicatorName[] = [
  'stock',
  'integration-quota',
  'need-covering-integrations',
  'long-term-recipients',
  'need-ended',
];

/**
 * The statistics as they stood on a past day: projects only the events recorded up to the end
 * of that day (in German time) into a scratch schema and reads the figures of that day's month.
 */
export async function replayCommand(
  config: AppConfig,
  options: { asOf: string; tenant?: string; month?: string },
): Promise<string> {
  return withStore(config, async (store) => {
    const schema = `replay_${options.asOf.replaceAll('-', '')}`;
    await store.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const projection = new StatisticsProjection();
    const runner = new ProjectionRunner(store, store.db, projection, { schema });
    await runner.prepare();
    const [count] = await store.db.query<{ n: string }>(
      options.tenant
        ? 'SELECT count(*) AS n FROM event_store.events WHERE tenant_id = $1'
        : 'SELECT count(*) AS n FROM event_store.events',
      options.tenant ? [options.tenant] : [],
    );
    const progress = startProgress({
      label: `replay as of ${options.asOf}`,
      total: Number(count?.n ?? 0),
      unit: 'events read',
    });
    let from = START;
    let read = 0;
    let applied = 0;
    for (;;) {
      const page = await store.readAll({
        from,
        maxCount: 1000,
        ...(options.tenant ? { tenant: options.tenant } : {}),
      });
      if (page.events.length === 0) break;
      from = page.next;
      const known = page.events.filter(
        (e) => germanCalendarDay(new Date(e.recordedAt)) <= options.asOf,
      );
      // Events are in global order, not recording order: keep reading to the end.
      if (known.length > 0 && (await runner.applyBatch(known))) applied += known.length;
      read += page.events.length;
      progress.update(read);
    }
    progress.stop();
    const month = monthOfDate(options.month ? `${options.month}-01` : options.asOf);
    const queries = new StatisticsQueries(store.db, schema);
    const tenants = options.tenant ? [options.tenant] : await queries.tenants();
    const lines = [
      `Statistics for ${formatMonth(month)} as they stood on ${options.asOf} (${applied} events recorded by then):`,
      '',
      `| Jobcenter | ${REPLAY_INDICATORS.map((i) => INDICATORS[i].title).join(' | ')} |`,
      `|---|${REPLAY_INDICATORS.map(() => '---:').join('|')}|`,
    ];
    for (const tenant of tenants) {
      const cells: string[] = [];
      for (const indicator of REPLAY_INDICATORS) {
        const value = (
          await queries.compute({ indicator, month, group: 'all', gender: 'all', tenant })
        ).get(tenant)!.cell;
        cells.push(
          value.value === null
            ? '—'
            : indicator === 'stock'
              ? String(value.numerator)
              : `${value.value.toFixed(3)} (${value.numerator}/${value.denominator === null ? '' : Number(value.denominator.toFixed(2))})`,
        );
      }
      lines.push(`| ${tenant} | ${cells.join(' | ')} |`);
    }
    await store.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    return lines.join('\n');
  });
}
