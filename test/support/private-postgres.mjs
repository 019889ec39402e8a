// A private PostgreSQL cluster for tests that stop, crash or reconfigure their server: created
// with initdb in a temporary directory, on its own port and socket directory, so that nothing
// they do disturbs the shared server other test files use. Plain ESM (like kafka-broker.mjs), so
// that scripts outside jest can use it too. PostgreSQL refuses to run as root: as root, every
// server binary runs as the `postgres` user (runuser), and the directory is handed to it.
//
// Durability is on (fsync, full_page_writes, synchronous_commit): crash tests rely on an
// acknowledged commit surviving `stop('immediate')` or `kill()`.
import { execFile, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.mjs';

const run = promisify(execFile);

/** The directory of initdb, pg_ctl and pg_basebackup: PG_BIN, else the newest under /usr/lib/postgresql. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'No PostgreSQL server binaries found (initdb, pg_ctl): install postgresql-15 or set PG_BIN',
    );
  }
  return join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

function ownerIds() {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Runs a server binary, as the postgres user when we are root. */
async function server(bin, args, options = {}) {
  const path = join(postgresBinDir(), bin);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  try {
    return await run(file, argv, { timeout: 60_000, ...options });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`${bin} ${args.join(' ')} failed: ${output || error.message}`, {
      cause: error,
    });
  }
}

/** Synchronous variant for the exit hook (no event loop left there). */
function pgSync(bin, args) {
  const path = join(postgresBinDir(), bin);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  execFileSync(file, argv, { stdio: 'ignore', timeout: 30_000 });
}

function confLine(name, value) {
  const text = typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
  return `${name} = ${text}\n`;
}

const clusters = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test run that ends without stop() must not leave a server behind.
  process.on('exit', () => {
    for (const cluster of clusters) {
      try {
        pgSync('pg_ctl', ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      if (!cluster.keep) rmSync(cluster.baseDir, { recursive: true, force: true });
    }
  });
}

/**
 * Creates and starts a private cluster.
 *
 * @param {object} [options]
 * @param {number} [options.port] TCP port on 127.0.0.1 (default: a free one)
 * @param {Record<string, string | number | boolean>} [options.settings] extra postgresql.conf
 *   settings (they win over the defaults here), e.g. `{ wal_level: 'replica' }`
 * @param {{ port: number }} [options.replicaOf] start as a streaming hot standby of this cluster
 *   (pg_basebackup -R from it; the primary needs `wal_level` replica, the default)
 * @param {boolean} [options.keep] keep the directory after destroy() (to read the log)
 */
export async function startPrivateCluster(options = {}) {
  const port = options.port ?? (await freePort());
  const baseDir = mkdtempSync(join(tmpdir(), 'teilhabe-pg-'));
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'postgres.log');
  if (asRoot) {
    const { uid, gid } = ownerIds();
    chownSync(baseDir, uid, gid);
  }
  if (options.replicaOf) {
    await server('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(options.replicaOf.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R', // standby.signal and primary_conninfo
      '-X',
      'stream',
      '--checkpoint=fast',
    ]);
  } else {
    await server('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync', // the new cluster's files only; the server itself runs with fsync on
    ]);
  }
  const settings = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: baseDir,
    shared_buffers: '32MB',
    max_connections: 60,
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    hot_standby: 'on',
    max_wal_senders: 5,
    log_min_messages: 'warning',
    ...options.settings,
  };
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    `\n# teilhabe private test cluster\n${Object.entries(settings)
      .map(([name, value]) => confLine(name, value))
      .join('')}`,
  );

  let running = false;
  const cluster = {
    port,
    host: '127.0.0.1',
    baseDir,
    dataDir,
    keep: options.keep ?? false,
    /** Admin URL (database postgres, user postgres, trust auth). */
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    urlFor(database) {
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    get running() {
      return running;
    },
    /** Starts the server and waits until it accepts connections (after crash recovery, if any). */
    async start() {
      await server('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      running = true;
    },
    /**
     * Stops the server: 'fast' (roll back sessions, checkpoint), 'smart' (wait for sessions) or
     * 'immediate' (like a power cut: no checkpoint, crash recovery at the next start).
     */
    async stop(mode = 'fast') {
      await server('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async restart(mode = 'fast') {
      await cluster.stop(mode);
      await cluster.start();
    },
    /** SIGKILL to the postmaster: its backends end too; the next start recovers from the WAL. */
    async kill() {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      // Backends notice their postmaster died and exit; wait until the pid file is free to reuse.
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        if (Date.now() > deadline) throw new Error(`postmaster ${pid} did not die`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
      running = false;
    },
    /** Creates a database and returns its URL. */
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return cluster.urlFor(name);
    },
    /** The server log, for a failing test's message. */
    log() {
      return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    },
    /** Stops the server (immediately) and removes its directory. */
    async destroy() {
      clusters.delete(cluster);
      await server('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      running = false;
      if (!cluster.keep) rmSync(baseDir, { recursive: true, force: true });
    },
  };
  clusters.add(cluster);
  installExitHook();
  await cluster.start();
  return cluster;
}
