/**
 * The kinds of process of the one container image. The first argument of `main.js` (the
 * container's command) picks one; without it, `main.js` runs the all-in-one server, as
 * `npm start` does.
 */
import type { ServerApp } from './server.js';

export const APPS = {
  teilhabe: 'all in one process: case API, audit, statistics, dashboard, projection loop',
  'case-api': 'commands, case reads and audit (no projection loop)',
  projector: 'statistics query API, dashboard and the projection loop',
  'projector-worker':
    'projects the statistics from the Kafka topic (/health and /metrics on PORT, default 3003)',
  relay: 'publishes the events to Kafka (/health and /metrics on PORT, default 3002)',
  cli: 'the operator and auditor CLI; the arguments after `cli` are its command',
} as const;

export type AppName = keyof typeof APPS;

/** The Nest modules each HTTP app mounts (see createServer). */
export const SERVER_APPS: Readonly<Record<'teilhabe' | 'case-api' | 'projector', ServerApp[]>> = {
  teilhabe: ['case-api', 'projector'],
  'case-api': ['case-api'],
  projector: ['projector'],
};

export class AppSelectionError extends Error {
  override name = 'AppSelectionError';
}

export interface AppSelection {
  readonly app: AppName;
  /** What follows the app's name: the CLI's command; nothing for the others. */
  readonly args: readonly string[];
}

export function selectApp(argv: readonly string[]): AppSelection {
  const [first = 'teilhabe', ...args] = argv;
  if (!Object.hasOwn(APPS, first)) {
    const width = Math.max(...Object.keys(APPS).map((name) => name.length));
    const choices = Object.entries(APPS).map(([name, what]) => `  ${name.padEnd(width)} ${what}`);
    throw new AppSelectionError(
      `unknown app "${first}": the first argument must be one of\n${choices.join('\n')}`,
    );
  }
  const app = first as AppName;
  if (app !== 'cli' && args.length > 0) {
    throw new AppSelectionError(
      `the app "${app}" takes no further arguments (it reads its settings from the environment), got "${args.join(' ')}"`,
    );
  }
  return { app, args };
}
