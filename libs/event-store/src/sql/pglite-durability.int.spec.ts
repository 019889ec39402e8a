// The embedded store on disk writes its WAL synchronously (docs/security.md, "The embedded store
// and an OS crash"): PGlite's own defaults would run with fsync off and acknowledge commands that
// an OS crash can still take away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDatabase } from './pglite-database.js';

let dataDir: string;
let db: PGliteDatabase;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-pglite-durability-'));
  db = await PGliteDatabase.open(dataDir);
});

afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("starts from PGlite's defaults, which switch fsync off", () => {
  // If PGlite stops passing -F, the override below is no longer needed: this says so.
  expect(PGlite.defaultStartParams).toContain('-F');
});

it('runs a file-backed store with fsync on and the WAL written with O_DSYNC', async () => {
  const [settings] = await db.query<{ fsync: string; walSyncMethod: string }>(
    `SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS "walSyncMethod"`,
  );
  expect(settings).toEqual({ fsync: 'on', walSyncMethod: 'open_datasync' });
});

it('keeps what it acknowledged across a reopen', async () => {
  await db.exec('CREATE TABLE durable_probe (n int)');
  await db.query('INSERT INTO durable_probe VALUES ($1)', [41]);
  await db.close();
  db = await PGliteDatabase.open(dataDir);
  expect(await db.query('SELECT n FROM durable_probe')).toEqual([{ n: 41 }]);
});
