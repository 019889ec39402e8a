// The README stays a page a newcomer reads in ten minutes, and every page moved out of it stays
// reachable from it: each relative link in README.md and docs/ resolves, anchors included.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT_DIR } from './support/paths.js';

const MAX_README_LINES = 250;

interface Link {
  from: string;
  line: number;
  target: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [relative(ROOT_DIR, path)] : [];
  });
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): [number, string][] {
  let fenced = false;
  const lines: [number, string][] = [];
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced) lines.push([index + 1, line]);
  });
  return lines;
}

function linksOf(file: string): Link[] {
  const text = readFileSync(join(ROOT_DIR, file), 'utf8');
  return proseLines(text).flatMap(([line, content]) =>
    [...content.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({
      from: file,
      line,
      target: m[1]!,
    })),
  );
}

/** GitHub's anchor for each heading of a Markdown file. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, line] of proseLines(readFileSync(join(ROOT_DIR, file), 'utf8'))) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** The repository file a relative link points at, or undefined if it leaves the repository. */
function fileOf(link: Link): string | undefined {
  const path = link.target.split('#')[0]!;
  if (path === '') return link.from;
  const absolute = resolve(ROOT_DIR, dirname(link.from), decodeURIComponent(path));
  const inRepo = relative(ROOT_DIR, absolute);
  return inRepo.startsWith(`..${sep}`) ? undefined : inRepo;
}

const docs = markdownFiles(join(ROOT_DIR, 'docs'));
const pages = ['README.md', ...docs];

describe('README.md', () => {
  it(`has at most ${MAX_README_LINES} lines`, () => {
    const lines = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it('and docs/ link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const link of pages.flatMap(linksOf)) {
      if (isExternal(link.target)) continue;
      // A link out of the repository (the product's shared specification) is not ours to check.
      const file = fileOf(link);
      if (file === undefined) continue;
      const where = `${link.from}:${link.line} -> ${link.target}`;
      if (!existsSync(join(ROOT_DIR, file))) {
        broken.push(`${where} (no such file)`);
        continue;
      }
      const anchor = link.target.split('#')[1];
      if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor))
        broken.push(`${where} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });

  it('reaches every page under docs/ through its links', () => {
    const reached = new Set<string>(['README.md']);
    const queue = ['README.md'];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const link of linksOf(page)) {
        if (isExternal(link.target)) continue;
        const file = fileOf(link);
        if (!file?.endsWith('.md') || reached.has(file) || !existsSync(join(ROOT_DIR, file)))
          continue;
        reached.add(file);
        queue.push(file);
      }
    }
    expect(docs.filter((file) => !reached.has(file))).toEqual([]);
  });

  it('finds a broken link and a heading that does not exist (the checks can fail)', () => {
    const anchors = anchorsOf('README.md');
    expect(anchors.has('walkthrough-a-whole-case-with-curl')).toBe(true);
    expect(anchors.has('no-such-heading')).toBe(false);
    expect(
      fileOf({ from: 'docs/design/x.md', line: 1, target: '../../README.md#two-commands' }),
    ).toBe('README.md');
    expect(fileOf({ from: 'README.md', line: 1, target: '../shared/API.md' })).toBeUndefined();
  });
});
