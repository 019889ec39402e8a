/**
 * The container image's HEALTHCHECK: `GET /health` of the app this container runs (node has
 * fetch; the slim base image has no curl). It finds the app in PID 1's command line, because the
 * relay listens on another default port and the CLI has no server to ask.
 */
import { readFileSync } from 'node:fs';
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
// The defaults of apps/teilhabe/src/config.ts and apps/relay/src/config.ts.
const port = process.env.PORT ?? (app === 'relay' ? '3002' : '3000');
const response = await fetch(`http://127.0.0.1:${port}/health`, {
  signal: AbortSignal.timeout(2500),
}).catch(() => undefined);
process.exit(response?.ok ? 0 : 1);
