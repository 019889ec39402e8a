/**
 * The linter holds the rooms' boundaries (eslint/rooms.js): each deliberate violation below is
 * reported by `npm run lint`'s rule, and the imports the architecture allows are not.
 */
import { join } from 'node:path';
import { Linter } from 'eslint';
import rooms from '../eslint/rooms.js';
import { ROOT_DIR } from './support/paths.js';

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    plugins: { rooms },
    rules: { 'rooms/allowed-imports': 'error' },
  },
];

function violations(file: string, source: string): string[] {
  return linter
    .verify(source, config, { filename: join(ROOT_DIR, file) })
    .map((message) => message.message);
}

it.each([
  [
    'libs/projections/src/x.ts',
    "import { a } from '../../../apps/relay/src/main.js';",
    /never imports an app/,
  ],
  ['libs/domain/src/case/x.ts', "import { a } from '#event-store';", /nothing outside itself/],
  [
    'libs/domain/src/case/x.ts',
    "import { a } from '../../../privacy/src/vault.js';",
    /nothing outside itself/,
  ],
  ['libs/domain/src/x.ts', "import { Injectable } from '@nestjs/common';", /no framework/],
  ['libs/event-store/src/postgres/x.ts', "import { a } from '#projections';", /no projection/],
  [
    'libs/event-store/src/x.ts',
    "export { a } from '../../messaging/src/relay.js';",
    /no projection, messaging/,
  ],
  ['libs/event-store/src/x.ts', "import { a } from '#http';", /HTTP/],
  ['libs/security/src/x.ts', "import { a } from '#event-store';", /no other lib/],
  ['libs/cases/src/x.ts', "import { a } from '#http';", /may import libs\/domain/],
  ['libs/messaging/src/x.ts', "import { a } from '../../config/src/index.js';", /may import/],
  ['libs/newroom/src/x.ts', "import { a } from '#domain';", /not in the table/],
  [
    'apps/cli/src/x.ts',
    "import { a } from '../../case-api/src/cases/enrol-client.js';",
    /no sibling app/,
  ],
  [
    'apps/case-api/src/x.ts',
    "const m = await import('../../relay/src/main.js');",
    /no sibling app/,
  ],
])('%s: `%s` is refused', (file, source, reason) => {
  const found = violations(file, source);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(reason);
});

it.each([
  ['apps/teilhabe/src/x.ts', "import { a } from '../../case-api/src/case-api.module.js';"],
  ['apps/cli/src/x.ts', "import { a } from '#cases';"],
  ['libs/event-store/src/x.ts', "import { a } from '#domain';"],
  ['libs/http/src/x.ts', "import { a } from '#cases';"],
  ['libs/http/src/x.ts', "import { a } from '#projections';"],
  ['libs/projections/src/statistics/x.ts', "import { a } from '#security';"],
  ['libs/cases/src/x.unit.spec.ts', "import { a } from '#projections';"],
  ['libs/domain/src/case/x.ts', "import { a } from '../kernel/records.js';"],
  ['libs/domain/src/x.unit.spec.ts', "import fc from 'fast-check';"],
  [
    'libs/projections/src/x.int.spec.ts',
    "import { a } from '../../../test/support/test-database.js';",
  ],
])('%s: `%s` is allowed', (file, source) => {
  expect(violations(file, source)).toEqual([]);
});
