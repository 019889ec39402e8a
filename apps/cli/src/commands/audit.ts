/**
 * The auditor's and operator's commands on the store itself: sign and verify checkpoints,
 * export a Jobcenter's events (with its wrapped data keys) as NDJSON, import such an export
 * into an empty store with identical streams and hashes, and replay the statistics as they
 * stood on a past day.
 */
import { createInterface } from 'node:readline';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { germanCalendarDay } from '#domain';
import {
  CheckpointStore,
  GENESIS_HASH,
  SqlEventStore,
  START,
  nextDigest,
  parseSignedCheckpoint,
  signAllCheckpoints,
  tenantEvents,
  verifyStreamChain,
  verifyEvents,
  verifyTenant,
  type IntegrityReport,
  type RecordedEvent,
  type SignedCheckpoint,
} from '#event-store';
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
import { keyringFor, signingKeyFor, type AppConfig } from '#config';
import { startProgress } from '../progress.js';
import { withStore } from '../store.js';
import { UsageError } from '../usage-error.js';

export const EXPORT_FORMAT = 'teilhabe-export';

export async function checkpointCommand(config: AppConfig): Promise<number> {
  return withStore(config, (store) => signAllCheckpoints(store, store.db, signingKeyFor(config)));
}

export async function publicKeyCommand(config: AppConfig): Promise<string> {
  return signingKeyFor(config).publicKeyPem();
}

function parsePublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key;
  } catch {
    throw new UsageError(
      '--public-key must be an Ed25519 public key in PEM (teilhabe audit public-key prints it)',
    );
  }
}

/** Verifies every Jobcenter (or one) against the given public key (default: the configured key's). */
export async function verifyCommand(
  config: AppConfig,
  options: { tenant?: string; publicKeyPem?: string; kept?: readonly SignedCheckpoint[] },
): Promise<IntegrityReport[]> {
  const publicKey = options.publicKeyPem
    ? parsePublicKey(options.publicKeyPem)
    : signingKeyFor(config).publicKey;
  return withStore(config, async (store) => {
    const checkpoints = new CheckpointStore(store.db);
    const kept = options.kept ?? [];
    const tenants = options.tenant
      ? [options.tenant]
      : [...new Set([...(await checkpoints.tenants(store)), ...kept.map((c) => c.tenant)])].sort();
    const reports: IntegrityReport[] = [];
    for (const tenant of tenants) {
      const all = [...(await checkpoints.list(tenant)), ...kept.filter((c) => c.tenant === tenant)];
      reports.push(await verifyTenant(store, all, publicKey, tenant));
    }
    return reports;
  });
}

/** The signed checkpoints as NDJSON, for an auditor to keep outside the operator's reach. */
export async function checkpointsCommand(
  config: AppConfig,
  tenant: string | undefined,
  write: (line: string) => void,
): Promise<number> {
  return withStore(config, async (store) => {
    const checkpoints = new CheckpointStore(store.db);
    let count = 0;
    for (const t of tenant ? [tenant] : await checkpoints.tenants(store)) {
      for (const checkpoint of await checkpoints.list(t)) {
        write(JSON.stringify(checkpoint));
        count += 1;
      }
    }
    return count;
  });
}

/**
 * Reads a file of kept checkpoints: NDJSON from `teilhabe audit checkpoints`, or the JSON answer
 * of `GET /v1/audit/integrity/checkpoints` as saved. A broken entry stops with where and the rule.
 */
export function readKeptCheckpoints(text: string, file: string): SignedCheckpoint[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  if (typeof document === 'object' && document !== null && 'checkpoints' in document) {
    const list = document.checkpoints;
    if (!Array.isArray(list))
      throw new UsageError(`--checkpoints ${file}: checkpoints must be an array`);
    return list.map((entry, index) => {
      try {
        return parseSignedCheckpoint(JSON.stringify(entry));
      } catch (error) {
        throw new UsageError(
          `--checkpoints ${file} checkpoints[${index}]: ${(error as Error).message}`,
        );
      }
    });
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return parseSignedCheckpoint(line);
      } catch (error) {
        throw new UsageError(`--checkpoints ${file} line ${number}: ${(error as Error).message}`);
      }
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
    // The signed checkpoints travel along, so an auditor can verify the file on their own machine.
    const checkpoints = await new CheckpointStore(store.db).list(tenant);
    for (const checkpoint of checkpoints)
      write(JSON.stringify({ kind: 'checkpoint', ...checkpoint }));
    write(
      JSON.stringify({
        kind: 'end',
        events: count,
        keys: keys.length,
        checkpoints: checkpoints.length,
        digest,
      }),
    );
    return count;
  });
}

interface ExportedEvent extends RecordedEvent {
  readonly kind: 'event';
}

interface ExportedKey {
  readonly caseId: string;
  readonly keyId: string;
  readonly masterKeyId: string;
  readonly wrapped: string;
}

/** An export file read into memory, its lines checked for form (not yet for content). */
export interface ExportFile {
  readonly tenant: string;
  readonly events: ExportedEvent[];
  readonly keys: ExportedKey[];
  readonly checkpoints: SignedCheckpoint[];
  readonly end: { events: number; keys: number; digest: string };
}

export async function readExport(input: NodeJS.ReadableStream): Promise<ExportFile> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: { kind: string; version: number; tenant: string; events: number } | undefined;
  const events: ExportedEvent[] = [];
  const keys: ExportedKey[] = [];
  const checkpoints: SignedCheckpoint[] = [];
  let end: ExportFile['end'] | undefined;
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
    else if (record.kind === 'key') keys.push(record as unknown as ExportedKey);
    else if (record.kind === 'checkpoint') {
      try {
        checkpoints.push(parseSignedCheckpoint(line));
      } catch (error) {
        throw new UsageError(`line ${number}: ${(error as Error).message}`);
      }
    } else if (record.kind === 'end') end = record as unknown as ExportFile['end'];
    else throw new UsageError(`line ${number}: unknown kind ${JSON.stringify(record.kind)}`);
  }
  if (!header || !end) throw new UsageError('the file is incomplete: no header or no end line');
  for (const event of events) {
    if (event.tenant !== header.tenant)
      throw new UsageError(
        `event ${event.eventId} belongs to ${event.tenant}, not ${header.tenant}`,
      );
  }
  return { tenant: header.tenant, events, keys, checkpoints, end };
}

/** Whether the file's events and keys match its end line (counts and running digest). */
function endLineMismatch(file: ExportFile): string | undefined {
  let digest = GENESIS_HASH;
  for (const event of file.events) digest = nextDigest(digest, event.hash);
  if (file.events.length !== file.end.events || file.keys.length !== file.end.keys)
    return `the file holds ${file.events.length} events and ${file.keys.length} keys, its end line says ${file.end.events} and ${file.end.keys}`;
  if (digest !== file.end.digest) return 'the digest of the events differs from the end line';
  return undefined;
}

/**
 * Verifies an export file on its own, without any database: every chain, the end line, and every
 * signed checkpoint (those in the file and copies the auditor kept) against a public key the
 * auditor got from the operator out of band.
 */
export async function verifyExportCommand(
  input: NodeJS.ReadableStream,
  options: { publicKeyPem: string; kept?: readonly SignedCheckpoint[] },
): Promise<IntegrityReport> {
  const publicKey = parsePublicKey(options.publicKeyPem);
  const file = await readExport(input);
  const kept = (options.kept ?? []).filter((c) => c.tenant === file.tenant);
  const report = await verifyEvents(
    file.events,
    [...file.checkpoints, ...kept],
    publicKey,
    file.tenant,
  );
  const mismatch = endLineMismatch(file);
  if (!mismatch) return report;
  return {
    ...report,
    ok: false,
    problems: [...report.problems, { kind: 'export', detail: `${mismatch}: the file was changed` }],
  };
}

/**
 * Imports an export into a store that has no events of that Jobcenter: every event with its id,
 * version, recording time and content, so every hash comes out identical (checked per event).
 * The file's signed checkpoints are not imported: they name positions of the store it came from
 * (verify the file itself with `teilhabe audit verify --export`).
 */
export async function importCommand(
  config: AppConfig,
  input: NodeJS.ReadableStream,
): Promise<{ tenant: string; events: number; keys: number }> {
  const file = await readExport(input);
  const { events, keys } = file;
  const mismatch = endLineMismatch(file);
  if (mismatch) {
    throw new UsageError(`${mismatch}: the file is damaged or was changed; nothing was imported`);
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
  const tenant = file.tenant;
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
