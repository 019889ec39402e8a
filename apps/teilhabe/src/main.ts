import { ConfigError, loadConfig } from './config.js';
import { createServer } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createServer(config);
  await app.listen(config.port, config.host);
  const sql = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}`;
  const mode =
    config.eventStore === 'kurrentdb' ? `KurrentDB (KURRENTDB_URL), read models in ${sql}` : sql;
  console.log(`teilhabe listening on http://localhost:${config.port} — event store: ${mode}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
