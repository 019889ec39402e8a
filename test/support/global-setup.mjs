// Runs once before all test files (plain ESM: jest loads global setup outside its module
// system): finds the real services and hands their URLs to the workers through the environment.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, redact } from './postgres-server.mjs';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export default async function globalSetup() {
  mkdirSync(artifacts, { recursive: true });
  rmSync(join(artifacts, 'notices.txt'), { force: true });
  writeFileSync(join(artifacts, 'notices.txt'), '');
  const log = (line) => process.stderr.write(`[test services] ${line}\n`);
  const postgres = await findPostgres(log);
  log(`PostgreSQL (${postgres.source}): ${redact(postgres.adminUrl)}`);
  process.env.TEILHABE_TEST_POSTGRES_URL = postgres.adminUrl;
  globalThis.__teilhabeStops = postgres.stop ? [postgres.stop] : [];
}
