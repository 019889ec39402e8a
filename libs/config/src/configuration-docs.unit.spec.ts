/**
 * docs/configuration.md lists exactly the variables the code reads. The code reads the
 * environment only through EnvironmentReader, by each variable's name, so a scan of the source
 * for the reader's calls finds every variable; a read outside the reader fails here as well.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT_DIR } from '../../../test/support/paths.js';
import { EnvironmentReader } from './environment.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const files = ['apps', 'libs'].flatMap((dir) => sources(join(ROOT_DIR, dir)));
const text = (path: string) => readFileSync(path, 'utf8');

const READING_METHODS = Object.getOwnPropertyNames(EnvironmentReader.prototype).filter(
  (name) => !['constructor', 'problem', 'check'].includes(name),
);
const READ = new RegExp(`\\.(?:${READING_METHODS.join('|')})\\(\\s*'([A-Z][A-Z0-9_]*)'`, 'g');

function readIn(path: string): string[] {
  return [...text(path).matchAll(READ)].map((match) => match[1]!);
}

/** The variables of each `## ` section's tables (first column, in backticks). */
function documented(): Map<string, Set<string>> {
  const page = text(join(ROOT_DIR, 'docs', 'configuration.md'));
  const sections = new Map<string, Set<string>>();
  for (const section of page.split(/^## /m).slice(1)) {
    const title = section.slice(0, section.indexOf('\n'));
    const names = [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!);
    sections.set(title, new Set(names));
  }
  return sections;
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

it('reads the environment only through the one reader', () => {
  const outside = files
    .filter((path) => !path.endsWith(join('libs', 'config', 'src', 'environment.ts')))
    .filter((path) => /process\.env\b|\benv\.[A-Z][A-Z0-9_]*\b|\benv\[\s*['"]/.test(text(path)))
    .map((path) => relative(ROOT_DIR, path));
  expect(outside).toEqual([]);
});

it('documents every variable the code reads, and reads every documented one', () => {
  const read = sorted(files.flatMap(readIn));
  const listed = sorted([...documented().values()].flatMap((names) => [...names]));
  expect(read.length).toBeGreaterThan(20);
  expect({ readButUndocumented: read.filter((name) => !listed.includes(name)) }).toEqual({
    readButUndocumented: [],
  });
  expect({ documentedButNeverRead: listed.filter((name) => !read.includes(name)) }).toEqual({
    documentedButNeverRead: [],
  });
});

it.each([
  ['server.config.ts', 'HTTP servers'],
  ['relay.config.ts', 'Relay'],
  ['projector-worker.config.ts', 'Projector worker'],
  ['cli.config.ts', 'CLI'],
])('lists what %s reads in the section "%s"', (file, title) => {
  const section = [...documented()].find(([heading]) => heading.startsWith(title));
  expect(section).toBeDefined();
  expect(sorted(section![1])).toEqual(
    sorted(readIn(join(ROOT_DIR, 'libs', 'config', 'src', file))),
  );
});
