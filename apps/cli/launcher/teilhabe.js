#!/usr/bin/env node
// `npx teilhabe`: runs this checkout's compiled CLI, building the project first when the build
// is missing or older than a source file (the CLI is TypeScript, compiled by the root project).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../../', import.meta.url)); // apps/cli/launcher -> project root
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|sql)$/.test(name) && !name.endsWith('.spec.ts'))
      newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(entry) ||
  !existsSync(stamp) ||
  Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs'))) >
    statSync(stamp).mtimeMs;
if (stale) {
  process.stderr.write('teilhabe: building the project first (npm run build)...\n');
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // tsc leaves the stamp alone when nothing changed (a touched file, a branch switch): mark the
  // build current, or every later start would build again.
  const now = new Date();
  utimesSync(stamp, now, now);
}
await import(pathToFileURL(entry).href);
