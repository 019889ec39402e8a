/**
 * The published contracts change only on purpose: the served OpenAPI document and the Kafka
 * schemas (AsyncAPI document and JSON Schemas) are compared byte for byte with the committed
 * snapshot. A refactoring must leave both alone; a deliberate change of the contract updates
 * the snapshot with `npm test -- test/contract.int.spec.ts -u` and says so in its commit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { currentOpenApiDocument } from '../scripts/generate-api-client.js';
import { ROOT_DIR } from './support/paths.js';

const MESSAGING = join(ROOT_DIR, 'libs', 'messaging');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    )
    .sort();
}

it('the served OpenAPI document is the committed one', async () => {
  const served = JSON.stringify(await currentOpenApiDocument(), null, 2);
  expect(served).toMatchSnapshot();
}, 60_000);

it('the Kafka contract (AsyncAPI document and JSON Schemas) is the committed one', () => {
  const files = [join(MESSAGING, 'asyncapi.yaml'), ...filesUnder(join(MESSAGING, 'schemas'))];
  const digests = Object.fromEntries(
    files.map((file) => [
      relative(ROOT_DIR, file),
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    ]),
  );
  expect(digests).toMatchSnapshot();
});
