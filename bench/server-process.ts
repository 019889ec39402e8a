/** A teilhabe server as its own process, for the benchmarks and the soak run. */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateKeysCommand } from '../apps/cli/src/commands/keys.js';

/** The secrets of a server for this run (as `teilhabe keys generate` makes them). */
export function serverSecrets(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of generateKeysCommand().split('\n')) {
    const match = /^([A-Z_]+)=("?)(.*)\2$/.exec(line);
    if (match) env[match[1]!] = match[3]!.replace(/\\n/g, '\n');
  }
  return env;
}

export async function startServer(databaseUrl: string, secrets: Record<string, string>) {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child: ChildProcess = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof) reach the server only, for profiling.
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'dist/apps/teilhabe/src/main.js',
    ],
    {
      env: {
        ...process.env,
        ...secrets,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const health = await fetch(`${url}/health`).catch(() => undefined);
    if (health?.ok) return { url, child };
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await sleep(200);
  }
  throw new Error('the server did not become healthy within 2 minutes');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
