/** nest-cli.json describes the house as it is: every app and lib, each with an entry that exists. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from './support/paths.js';

interface NestProject {
  readonly type: 'application' | 'library';
  readonly root: string;
  readonly sourceRoot: string;
  readonly entryFile: string;
}

const config = JSON.parse(readFileSync(join(ROOT_DIR, 'nest-cli.json'), 'utf8')) as {
  root: string;
  sourceRoot: string;
  projects: Record<string, NestProject>;
};

it('lists every folder of apps/ and libs/, under its own name and root', () => {
  for (const room of ['apps', 'libs']) {
    for (const name of readdirSync(join(ROOT_DIR, room))) {
      expect(config.projects[name]).toMatchObject({ root: `${room}/${name}` });
    }
  }
});

it("names entry files that exist, and an application's entry is a main.ts of its own", () => {
  for (const [name, project] of Object.entries(config.projects)) {
    const entry = join(project.sourceRoot, `${project.entryFile}.ts`);
    expect({ name, exists: existsSync(join(ROOT_DIR, entry)) }).toEqual({ name, exists: true });
    if (project.type === 'application') expect(entry).toBe(`${project.root}/src/main.ts`);
  }
  expect(config.projects[config.root.replace('apps/', '')]?.type).toBe('application');
});
