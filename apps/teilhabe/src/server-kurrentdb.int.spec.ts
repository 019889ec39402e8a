/**
 * EVENT_STORE=kurrentdb selects the KurrentDB adapter in the server. No KurrentDB runs here (see
 * libs/event-store/src/kurrentdb/kurrentdb.int.spec.ts for the conformance suite wherever one
 * does), so this proves the selection: the server really tries KurrentDB, and a KurrentDB that
 * does not answer stops the start with a message naming the setting, instead of the server
 * quietly keeping its events in PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/src/program.js';
import { loadConfig } from '#config';
import { createServer } from './server.js';

it('starts on KurrentDB when EVENT_STORE=kurrentdb, and refuses to start when it does not answer', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-kurrentdb-'));
  try {
    const config = loadConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
      DATA_DIR: dataDir,
    });
    expect(config.eventStore).toBe('kurrentdb');
    const started = Date.now();
    await expect(
      createServer(config, { logStream: { write: () => true } as never }),
    ).rejects.toThrow(/KURRENTDB_URL.*(does not answer|unavailable|connect)/is);
    expect(Date.now() - started).toBeLessThan(30_000);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it('refuses CLI commands that read the SQL events table when the events are in KurrentDB', async () => {
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
    env: {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
      CI: 'true',
    },
  };
  for (const command of [
    ['projections', 'status'],
    ['export', '--tenant', 'jc-a'],
    ['audit', 'verify'],
  ]) {
    out.length = 0;
    expect(await runCli(command, io)).toBe(2);
    expect(out.join('')).toContain('with EVENT_STORE=kurrentdb use the HTTP API');
  }
});
