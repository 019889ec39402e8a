import { readFileSync } from 'node:fs';
import { CLIENT_TYPES_FILE, currentOpenApiDocument } from '../../../scripts/generate-api-client.js';
import { ROOT_DIR } from '../../../test/support/paths.js';
import { generateClientTypes } from './generate.js';

it('the committed client types are the ones the running app’s OpenAPI document generates', async () => {
  const committed = readFileSync(`${ROOT_DIR}/${CLIENT_TYPES_FILE}`, 'utf8');
  const fresh = await generateClientTypes(await currentOpenApiDocument());
  // On a mismatch: run `npm run client:generate` and commit the result.
  expect(committed).toBe(fresh);
}, 60_000);
