/**
 * The one launcher: the entry of every kind of process in the container image, `main.js
 * [teilhabe|case-api|projector|projector-worker|relay|cli ...]` (see apps.ts). Without an
 * argument it is the all-in-one server of `npm start`. The only module that starts other apps.
 */
import { ConfigError, loadConfig } from '#config';
import { MasterKeyMismatch } from '#privacy';
import { AppSelectionError, SERVER_APPS, selectApp } from './apps.js';
import { createServer } from './server.js';

async function main(): Promise<void> {
  const { app } = selectApp(process.argv.slice(2));
  switch (app) {
    case 'relay':
      await import('../../relay/src/main.js');
      return;
    case 'projector-worker':
      await import('../../projector-worker/src/main.js');
      return;
    case 'cli':
      // The CLI reads its command from argv: drop the app's name.
      process.argv.splice(2, 1);
      await import('../../cli/src/main.js');
      return;
    case 'teilhabe':
    case 'case-api':
    case 'projector':
      await serve(app);
  }
}

/** One of the HTTP servers: the all-in-one, the case API or the projector. */
async function serve(app: keyof typeof SERVER_APPS): Promise<void> {
  const config = loadConfig();
  const server = await createServer(config, { apps: SERVER_APPS[app] });
  await server.listen(config.port, config.host);
  const sql = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}`;
  const mode =
    config.eventStore === 'kurrentdb' ? `KurrentDB (KURRENTDB_URL), read models in ${sql}` : sql;
  const which = app === 'teilhabe' ? 'teilhabe' : `teilhabe ${app}`;
  console.log(`${which} listening on http://localhost:${config.port} — event store: ${mode}`);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ||
      error instanceof AppSelectionError ||
      error instanceof MasterKeyMismatch
      ? error.message
      : error,
  );
  process.exit(1);
});
