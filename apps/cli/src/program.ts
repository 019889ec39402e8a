/**
 * The operator and auditor commands (`npx teilhabe <command>`). Every option is validated; a
 * bad one stops with a message naming the option and the rule, and changes nothing.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ROLES, TENANT_PATTERN, NATIONAL_TENANT, isRole, type Role } from '#security';
import {
  ConfigError,
  loadConfig,
  loadRelayConfig,
  type AppConfig,
  type Environment,
  type RelayConfig,
} from '#config';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { isCalendarDate } from '#domain';
import {
  checkpointCommand,
  checkpointsCommand,
  readKeptCheckpoints,
  exportCommand,
  importCommand,
  publicKeyCommand,
  replayCommand,
  verifyCommand,
  verifyExportCommand,
} from './commands/audit.js';
import type { IntegrityReport } from '#event-store';
import { demoCommand, type DemoOptions } from './commands/demo.js';
import { writeLegacyDemo } from './commands/legacy-demo.js';
import { importLegacyCommand } from './commands/legacy-import.js';
import { generateKeysCommand, rotateKeysCommand } from './commands/keys.js';
import { migrateCommand } from './commands/migrate.js';
import {
  PROJECTIONS,
  assertProjection,
  catchUpCommand,
  rebuildCommand,
  statusCommand,
} from './commands/projections.js';
import { addWorkerOptions, consumeCommand } from './commands/consume.js';
import { tokenCommand } from './commands/token.js';
import { startRelay } from '#messaging';
import { UsageError } from './usage-error.js';
import { privateWriteStream } from './private-file.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Environment;
}

const SUBJECT_PATTERN = /^[A-Za-z0-9._@:-]{1,200}$/;
const DURATION_PATTERN = /^(\d{1,6})([smhd])$/;
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
export const MAX_TOKEN_SECONDS = 30 * 86400;

function tenantOption(value: string): string {
  if (value !== NATIONAL_TENANT && !TENANT_PATTERN.test(value)) {
    throw new InvalidArgumentError(
      'must be a Jobcenter id of lowercase letters, digits and dashes (e.g. jc-kronach), or * for the national view',
    );
  }
  return value;
}

function roleOption(value: string, previous: Role[] = []): Role[] {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return [...previous, value];
}

function subjectOption(value: string): string {
  if (!SUBJECT_PATTERN.test(value))
    throw new InvalidArgumentError('must be 1-200 letters, digits, and . _ @ : -');
  return value;
}

function durationOption(value: string): number {
  const match = DURATION_PATTERN.exec(value);
  const seconds = match ? Number(match[1]) * (SECONDS[match[2]!] ?? 0) : 0;
  if (!match || seconds < 60 || seconds > MAX_TOKEN_SECONDS) {
    throw new InvalidArgumentError(
      'must be a duration like 45m, 8h or 7d, from 1 minute to 30 days',
    );
  }
  return seconds;
}

function integerOption(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
}

function dateOption(value: string): string {
  if (!isCalendarDate(value))
    throw new InvalidArgumentError('must be a calendar day YYYY-MM-DD that exists');
  return value;
}

function fileOption(value: string): string {
  if (!existsSync(value)) throw new InvalidArgumentError(`no file ${value}`);
  return value;
}

/** `audit verify` found something: exit code 1, the findings are already printed. */
export class VerificationFailed extends Error {
  override name = 'VerificationFailed';
}

function monthOption(value: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match || Number(match[1]) < 2005)
    throw new InvalidArgumentError('must be a month YYYY-MM from 2005 on');
  return value;
}

function urlOption(value: string): string {
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) {
    throw new InvalidArgumentError('must be an http(s) URL such as http://localhost:3000');
  }
  return value.replace(/\/+$/, '');
}

/** Three years back from the current month. */
function defaultDemoStart(): string {
  const now = new Date();
  return `${now.getUTCFullYear() - 3}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

function configFrom(io: CliIo): AppConfig {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export function createProgram(io: CliIo): Command {
  const program = new Command('teilhabe')
    .description(
      'Operator and auditor commands of teilhabe. Configuration comes from the same environment variables as the server (DATA_DIR, DATABASE_URL, AUTH_SECRET, ...).',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command('token')
    .description(
      'Print a bearer token signed with AUTH_SECRET, or in embedded mode with the development key under DATA_DIR',
    )
    .requiredOption(
      '--tenant <jobcenter>',
      'Jobcenter id, e.g. jc-kronach (or * for a national analyst)',
      tenantOption,
    )
    .addOption(
      new Option('--role <role>', `one of ${ROLES.join(', ')}; repeat for several`)
        .argParser(roleOption)
        .makeOptionMandatory(),
    )
    .option('--subject <user>', 'user id the token is for', subjectOption, 'local-user')
    .option('--expires-in <duration>', 'lifetime, e.g. 8h', durationOption, 8 * 3600)
    .option(
      '--dashboard [url]',
      'print a link that opens the dashboard signed in with the token (default http://localhost:3000)',
      (value: string) => urlOption(value),
    )
    .action(
      async (options: {
        tenant: string;
        role: Role[];
        subject: string;
        expiresIn: number;
        dashboard?: string | true;
      }) => {
        const token = await tokenCommand(configFrom(io), options);
        if (options.dashboard === undefined) {
          io.out(`${token}\n`);
          return;
        }
        const base = options.dashboard === true ? 'http://localhost:3000' : options.dashboard;
        // In the fragment: never sent to the server, not in its logs; the page stores and removes it.
        io.out(`${new URL('/dashboard', base).href}#token=${token}\n`);
      },
    );

  program
    .command('migrate')
    .description('Apply the database migrations (the server also does this at start)')
    .action(async () => {
      const applied = await migrateCommand(configFrom(io));
      io.out(
        applied.length === 0
          ? 'Nothing to migrate: the schema is current.\n'
          : `Applied:\n${applied.map((a) => `  ${a}`).join('\n')}\n`,
      );
    });

  program
    .command('demo')
    .description(
      'Record realistic demo histories through the HTTP command API of a running teilhabe',
    )
    .option('--url <url>', 'where teilhabe runs', urlOption, 'http://localhost:3000')
    .option('--jobcenters <n>', 'how many Jobcenters (1-404)', integerOption(1, 404), 10)
    .option('--clients <n>', 'clients per Jobcenter (1-20000)', integerOption(1, 20_000), 150)
    .option('--seed <n>', 'same seed, same histories', integerOption(0, 2 ** 31), 1)
    .option('--from <YYYY-MM>', 'first month of the histories', monthOption, defaultDemoStart())
    .option('--concurrency <n>', 'parallel clients (1-64)', integerOption(1, 64), 8)
    .option(
      '--legacy-file <file>',
      'write the histories as a legacy export for import-legacy instead of sending them',
    )
    .action(async (options: DemoOptions & { legacyFile?: string }) => {
      if (options.legacyFile) {
        const written = await writeLegacyDemo(options.legacyFile, options);
        io.out(`Wrote ${written} records to ${options.legacyFile}.\n`);
        return;
      }
      const summary = await demoCommand(configFrom(io), options);
      io.out(
        `Recorded ${summary.clients} clients (${summary.cases} cases) in ${summary.jobcenters} Jobcenters: ${summary.commands} commands, ` +
          `${summary.refused} refused by the domain rules. The statistics follow within moments ` +
          '(teilhabe_projection_lag_seconds in /metrics).\n',
      );
    });

  const audit = program
    .command('audit')
    .description('Tamper evidence: signed checkpoints and their verification');
  audit
    .command('checkpoint')
    .description(
      'Sign a checkpoint now for every Jobcenter with new events (the server does this periodically)',
    )
    .action(async () => {
      io.out(`Signed ${await checkpointCommand(configFrom(io))} checkpoint(s).\n`);
    });
  audit
    .command('public-key')
    .description('Print the public key that verifies the checkpoints (give it to your auditors)')
    .action(async () => {
      io.out(await publicKeyCommand(configFrom(io)));
    });
  audit
    .command('checkpoints')
    .description(
      'Print the signed checkpoints as NDJSON: keep a copy where the operator cannot change it',
    )
    .option('--tenant <jobcenter>', 'only this Jobcenter', tenantOption)
    .action(async (options: { tenant?: string }) => {
      await checkpointsCommand(configFrom(io), options.tenant, (line) => io.out(`${line}\n`));
    });
  audit
    .command('verify')
    .description(
      'Recompute every hash chain and check every signed checkpoint, in the store or in an export file; exit code 1 on any finding',
    )
    .option('--tenant <jobcenter>', 'only this Jobcenter', tenantOption)
    .option(
      '--public-key <file>',
      'verify with this public key (PEM) instead of the configured key',
      fileOption,
    )
    .option(
      '--checkpoints <file>',
      'also check these signed checkpoints, kept earlier (`teilhabe audit checkpoints` or GET /v1/audit/integrity/checkpoints); repeatable',
      (value: string, previous: string[] = []) => [...previous, fileOption(value)],
    )
    .option(
      '--export <file>',
      'verify this export file on its own, with no database (needs --public-key)',
      fileOption,
    )
    .action(
      async (options: {
        tenant?: string;
        publicKey?: string;
        checkpoints?: string[];
        export?: string;
      }) => {
        const publicKeyPem = options.publicKey
          ? readFileSync(options.publicKey, 'utf8')
          : undefined;
        const kept = (options.checkpoints ?? []).flatMap((file) =>
          readKeptCheckpoints(readFileSync(file, 'utf8'), file),
        );
        let reports: IntegrityReport[];
        if (options.export) {
          if (!publicKeyPem)
            throw new UsageError(
              '--export needs --public-key: the key you were given by the operator, not one from the file',
            );
          if (options.tenant)
            throw new UsageError(
              '--tenant does not apply to --export (a file holds one Jobcenter)',
            );
          reports = [
            await verifyExportCommand(createReadStream(options.export), { publicKeyPem, kept }),
          ];
        } else {
          reports = await verifyCommand(configFrom(io), {
            ...(options.tenant ? { tenant: options.tenant } : {}),
            ...(publicKeyPem ? { publicKeyPem } : {}),
            kept,
          });
        }
        for (const report of reports) {
          io.out(
            `${report.ok ? 'OK  ' : 'FAIL'} ${report.tenant}: ${report.events} events in ${report.streams} streams, ` +
              `${report.checkpointsVerified} signed checkpoint(s) verified, ${report.eventsAfterLatestCheckpoint} event(s) after the latest\n`,
          );
          for (const problem of report.problems) {
            io.out(
              `     ${problem.kind}${problem.streamId ? ` ${problem.streamId}` : ''}${problem.version ? ` v${problem.version}` : ''}: ${problem.detail}\n`,
            );
          }
        }
        if (reports.some((r) => !r.ok)) throw new VerificationFailed();
      },
    );

  program
    .command('export')
    .description(
      "Write a Jobcenter's events and wrapped data keys as NDJSON (to stdout, or --output)",
    )
    .requiredOption('--tenant <jobcenter>', 'the Jobcenter to export', tenantOption)
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (options: { tenant: string; output?: string }) => {
      const file = options.output ? privateWriteStream(options.output) : undefined;
      const write = (line: string) => (file ? file.write(`${line}\n`) : io.out(`${line}\n`));
      const events = await exportCommand(
        configFrom(io),
        options.tenant,
        (line) => void write(line),
      );
      if (file) await new Promise<void>((resolve) => file.end(resolve));
      io.err(`exported ${events} events of ${options.tenant}\n`);
    });

  program
    .command('import')
    .description(
      'Import an export into a store without events of that Jobcenter (from stdin, or --file)',
    )
    .option('--file <file>', 'read this file instead of stdin', fileOption)
    .action(async (options: { file?: string }) => {
      const input = options.file ? createReadStream(options.file) : process.stdin;
      const result = await importCommand(configFrom(io), input);
      io.out(
        `Imported ${result.events} events and ${result.keys} data keys of ${result.tenant}; every hash is identical.\n`,
      );
    });

  program
    .command('import-legacy')
    .description(
      "Import case histories from a legacy system (NDJSON in the API's request bodies), through the domain",
    )
    .requiredOption('--file <file>', 'the legacy export', fileOption)
    .action(async (options: { file: string }) => {
      await importLegacyCommand(configFrom(io), options.file, io.out);
    });

  program
    .command('replay')
    .description('The statistics as they stood on a past day, from the events recorded by then')
    .requiredOption('--as-of <YYYY-MM-DD>', 'the day', dateOption)
    .option('--tenant <jobcenter>', 'only this Jobcenter', tenantOption)
    .option('--month <YYYY-MM>', 'the month to show (default: the month of --as-of)', monthOption)
    .action(async (options: { asOf: string; tenant?: string; month?: string }) => {
      io.out(`${await replayCommand(configFrom(io), options)}\n`);
    });

  const projections = program.command('projections').description('The statistics read model');
  projections
    .command('status')
    .description('Where the read model stands against the event store')
    .action(async () => {
      io.out(`${await statusCommand(configFrom(io))}\n`);
    });
  projections
    .command('catch-up')
    .description(
      'Apply every event not yet projected, then stop (the server does this continuously)',
    )
    .action(async () => {
      await catchUpCommand(configFrom(io), undefined, io.err);
    });
  addWorkerOptions(
    projections
      .command('consume')
      .description(
        'Project the statistics from the Kafka topic as one member of a consumer group (the projector-worker deployment), until stopped',
      ),
  ).action(async (options: Record<string, string | undefined>) => {
    await consumeCommand(io.env, options, io.err);
  });
  projections
    .command('rebuild')
    .argument('[projection]', `one of ${PROJECTIONS.join(', ')}`, 'statistics')
    .description('Rebuild into a shadow schema while the old one serves, compare, then swap')
    .action(async (name: string) => {
      assertProjection(name);
      const report = await rebuildCommand(configFrom(io));
      const differing = report.differences.filter((d) => d.onlyLive + d.onlyRebuilt > 0);
      io.out(
        `Rebuilt statistics from ${report.events} events up to position ${report.position.prepare} and swapped it in.\n` +
          (report.differences.length === 0
            ? 'There was no read model to compare with.\n'
            : differing.length === 0
              ? 'The rebuilt read model equals the one it replaced.\n'
              : `Differences to the replaced read model:\n${differing
                  .map(
                    (d) =>
                      `  ${d.table}: ${d.onlyLive} rows only in the old, ${d.onlyRebuilt} only in the new`,
                  )
                  .join('\n')}\n`),
      );
    });

  program
    .command('relay')
    .description(
      'Publish the events to Kafka (KAFKA_BROKERS, DATABASE_URL; KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS, RELAY_BATCH_SIZE, PORT for /health and /metrics) until stopped',
    )
    .action(async () => {
      let config: RelayConfig;
      try {
        config = loadRelayConfig(io.env);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const relay = await startRelay(config);
      io.err(
        `relaying to ${config.topic} on ${config.brokers.join(',')}; /health on port ${relay.port}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await relay.stop();
    });

  const keys = program
    .command('keys')
    .description('Secrets of a server deployment, and rotation of the master key');
  keys
    .command('generate')
    .description('Print fresh AUTH_SECRET, ENCRYPTION_KEY and CHECKPOINT_SIGNING_KEY as .env lines')
    .action(() => {
      io.out(generateKeysCommand());
    });
  keys
    .command('rotate')
    .description(
      'Re-wrap every data key under ENCRYPTION_KEY (old keys in ENCRYPTION_PREVIOUS_KEYS); events stay untouched',
    )
    .action(async () => {
      const result = await rotateKeysCommand(configFrom(io));
      io.out(
        `Re-wrapped ${result.rewrapped} data key(s) under master key ${result.masterKeyId}. ` +
          'Every key is now wrapped under ENCRYPTION_KEY; the previous keys can be removed.\n',
      );
    });

  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof VerificationFailed) return 1;
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n`);
      return 2;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
