/** `npm run client:generate`: writes libs/api-client/src/openapi.ts from the app's OpenAPI document. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClientTypes } from '../libs/api-client/src/generate.js';
import { openApiDocument } from '#http';
import { loadConfig } from '#config';
import { createServer } from '../apps/teilhabe/src/server.js';

export async function currentOpenApiDocument(): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'teilhabe-openapi-'));
  const app = await createServer(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }));
  try {
    await app.init();
    return openApiDocument(app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const CLIENT_TYPES_FILE = 'libs/api-client/src/openapi.ts';

async function main(): Promise<void> {
  const types = await generateClientTypes(await currentOpenApiDocument());
  writeFileSync(CLIENT_TYPES_FILE, types);
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
}

if (process.argv[1]?.endsWith('generate-api-client.js')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
