/**
 * The auditor's and operator's commands on the store: sign and verify checkpoints, export and
 * import a Jobcenter (libs/cases/src/jobcenter-export), and replay the statistics as of a day.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  JobcenterExportError,
  KeptCheckpointsError,
  importExport,
  parseKeptCheckpoints,
  readExportForImport,
  verifyExport,
  writeExport,
  type JobcenterImportReport,
} from '#cases';
import {
  CheckpointStore,
  signAllCheckpoints,
  verifyTenant,
  type IntegrityReport,
  type SignedCheckpoint,
} from '#event-store';
import {
  indicatorTexts,
  formatMonth,
  monthOfDate,
  statisticsAsOf,
  type IndicatorName,
} from '#projections';
import { PersonalDataVault } from '#privacy';
import { keyringFor, signingKeyFor, type AppConfig } from '#config';
import { personKeysFor } from '../person-keys.js';
import { startProgress } from '../progress.js';
import { withStore } from '../store.js';
import { UsageError } from '../usage-error.js';

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

/** A file of kept checkpoints (`--checkpoints`); a broken entry is a usage error. */
export function readKeptCheckpoints(text: string, file: string): SignedCheckpoint[] {
  try {
    return parseKeptCheckpoints(text, file);
  } catch (error) {
    throw error instanceof KeptCheckpointsError
      ? new UsageError(`--checkpoints ${error.message}`)
      : error;
  }
}

/** A refused export or import is bad input, like a bad option: a usage error (exit code 2). */
function asUsageError(error: unknown): never {
  throw error instanceof JobcenterExportError ? new UsageError(error.message) : error;
}

/** Writes a Jobcenter's events and wrapped data keys as NDJSON; returns how many events. */
export async function exportCommand(
  config: AppConfig,
  tenant: string,
  write: (line: string) => void,
): Promise<number> {
  return withStore(config, (store) =>
    writeExport(
      store,
      new PersonalDataVault(store.db, keyringFor(config)),
      tenant,
      write,
      (total) => startProgress({ label: `export ${tenant}`, total, unit: 'events' }),
    ),
  ).catch(asUsageError);
}

/** Verifies an export file on its own, without any database (`audit verify --export`). */
export async function verifyExportCommand(
  input: NodeJS.ReadableStream,
  options: { publicKeyPem: string; kept?: readonly SignedCheckpoint[] },
): Promise<IntegrityReport> {
  const publicKey = parsePublicKey(options.publicKeyPem);
  return verifyExport(input, publicKey, options.kept).catch(asUsageError);
}

/**
 * Imports an export into a store without events of that Jobcenter; the whole file is checked
 * before the store is opened. Verify the file itself with `teilhabe audit verify --export`.
 */
export async function importCommand(
  config: AppConfig,
  input: NodeJS.ReadableStream,
): Promise<JobcenterImportReport> {
  const file = await readExportForImport(input).catch(asUsageError);
  return withStore(config, (store) =>
    importExport(store, new PersonalDataVault(store.db, keyringFor(config)), file, (total) =>
      startProgress({ label: `import ${file.tenant}`, total, unit: 'events' }),
    ),
  ).catch(asUsageError);
}

const REPLAY_INDICATORS: IndicatorName[] = [
  'stock',
  'integration-quota',
  'need-covering-integrations',
  'long-term-recipients',
  'need-ended',
];

/** The statistics as they stood on a past day, as a Markdown table, with a progress bar. */
export async function replayCommand(
  config: AppConfig,
  options: { asOf: string; tenant?: string; month?: string },
): Promise<string> {
  return withStore(config, async (store) => {
    const month = monthOfDate(options.month ? `${options.month}-01` : options.asOf);
    const { applied, figures } = await statisticsAsOf(store, {
      asOf: options.asOf,
      month,
      indicators: REPLAY_INDICATORS,
      personKeys: personKeysFor(config, store),
      ...(options.tenant ? { tenant: options.tenant } : {}),
      startProgress: (total) =>
        startProgress({ label: `replay as of ${options.asOf}`, total, unit: 'events read' }),
    });
    const lines = [
      `Statistics for ${formatMonth(month)} as they stood on ${options.asOf} (${applied} events recorded by then):`,
      '',
      `| Jobcenter | ${REPLAY_INDICATORS.map((i) => indicatorTexts(i).en.title).join(' | ')} |`,
      `|---|${REPLAY_INDICATORS.map(() => '---:').join('|')}|`,
    ];
    for (const { tenant, values } of figures) {
      const cells = values.map((value, i) =>
        value.value === null
          ? '—'
          : REPLAY_INDICATORS[i] === 'stock'
            ? String(value.numerator)
            : `${value.value.toFixed(3)} (${value.numerator}/${value.denominator === null ? '' : Number(value.denominator.toFixed(2))})`,
      );
      lines.push(`| ${tenant} | ${cells.join(' | ')} |`);
    }
    return lines.join('\n');
  });
}
