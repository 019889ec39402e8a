/**
 * Generates the client's types from the OpenAPI document the running app serves at /docs-json
 * (openapi-typescript). `npm run client:generate` writes them to openapi.ts; a test fails when
 * the committed file no longer matches the app.
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const GENERATED_HEADER =
  '// Generated from the OpenAPI document by `npm run client:generate`. Do not edit.\n';

export async function generateClientTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, { alphabetize: true });
  return `${GENERATED_HEADER}${astToString(ast)}`;
}
