/**
 * The server as production runs it: `node dist/apps/teilhabe/src/main.js` in a child process of
 * its own, so that a test can SIGKILL it (which an in-process server, test/support/app.ts,
 * cannot survive). Configured like the in-process test servers (same secrets and keys), so
 * tokens from `testToken` are accepted; the compiled build is refreshed first when stale.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { issueToken, secretFromText, type Role } from '#security';
import { TEST_ENCRYPTION_KEY, TEST_SECRET, TEST_SIGNING_KEY } from './app.js';
import { ROOT_DIR } from './paths.js';

const run = promisify(execFile);
export const SERVER_MAIN = join(ROOT_DIR, 'dist', 'apps', 'teilhabe', 'src', 'main.js');

/** Builds dist/ if it is missing or older than a source file (the CLI launcher's own check). */
export async function ensureBuilt(): Promise<void> {
  await run(join(ROOT_DIR, 'node_modules', '.bin', 'teilhabe'), ['--help'], {
    env: { ...process.env, CI: 'true' },
    timeout: 300_000,
  });
}

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** True until the process has exited. */
  alive(): boolean;
  /** Resolves when /health answers 200; rejects if the process exits first. */
  ready(): Promise<void>;
  /** The last 20,000 characters the server wrote (stdout and stderr). */
  output(): string;
  /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut off. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  readonly databaseUrl: string;
  readonly port: number;
  /** More environment (wins over the defaults here). */
  readonly env?: Record<string, string>;
  /** How long to wait for /health to answer 200 (default 60 s). */
  readonly readyTimeoutMs?: number;
}

/**
 * Spawns the server and returns at once; `ready()` resolves when /health answers 200 (a test
 * that must act during start-up, such as killing the projector mid-catch-up, does not wait).
 */
export function spawnServerProcess(options: ServerOptions): ServerProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-server-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: TEST_SECRET,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_FAILURES_PER_MINUTE: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${options.port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (alive()) child.kill(signal);
    // A graceful stop that hangs is ended the hard way (the test then fails elsewhere, not here).
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  };
  const ready = async () => {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (!alive()) throw new Error(`the server exited before it was ready:\n${output}`);
      const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) {
        await end('SIGKILL');
        throw new Error(`the server did not become ready (last /health: ${status}):\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    url,
    pid: child.pid!,
    child,
    alive,
    ready,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Starts the server and resolves once /health answers 200. */
export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const server = spawnServerProcess(options);
  await server.ready();
  return server;
}

/** A bearer token the server processes accept (signed with the test secret). */
export function testToken(tenant: string, roles: Role | Role[], subject = 'crash-test') {
  return issueToken({
    secret: secretFromText(TEST_SECRET),
    tenant,
    roles: Array.isArray(roles) ? roles : [roles],
    subject,
    expiresInSeconds: 3600,
  });
}
