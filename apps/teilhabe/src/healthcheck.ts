/**
 * The container image's HEALTHCHECK: `GET /health` of the app this container runs (node has
 * fetch; the slim base image has no curl). It finds the app in PID 1's command line, because the
 * Kafka processes listen on other default ports and the CLI has no server to ask.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_PORTS, EnvironmentReader, processEnvironment } from '#config';
import { selectApp, type AppName } from './apps.js';

function appOfContainer(): AppName {
  try {
    const argv = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
    const entry = argv.findIndex((arg) => arg.endsWith('apps/teilhabe/src/main.js'));
    return entry === -1 ? 'teilhabe' : selectApp(argv.slice(entry + 1)).app;
  } catch {
    return 'teilhabe';
  }
}

const app = appOfContainer();
if (app === 'cli') process.exit(0);
const defaultPort =
  app === 'relay'
    ? DEFAULT_PORTS.relay
    : app === 'projector-worker'
      ? DEFAULT_PORTS.projectorWorker
      : DEFAULT_PORTS.server;
const port =
  new EnvironmentReader<'PORT'>(processEnvironment()).text('PORT') ?? String(defaultPort);
const response = await fetch(`http://127.0.0.1:${port}/health`, {
  signal: AbortSignal.timeout(2500),
}).catch(() => undefined);
process.exit(response?.ok ? 0 : 1);
