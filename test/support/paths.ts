import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The `npx teilhabe` launcher; it builds dist/ first when a source changed. */
export const CLI_BIN = join(ROOT_DIR, 'node_modules', '.bin', 'teilhabe');
/** Git-ignored folder for what test runs leave behind (screenshots, summaries). */
export const ARTIFACTS_DIR = join(ROOT_DIR, 'test', 'artifacts');
/** Lines here are printed in the final summary: services a suite could not reach, and why. */
export const NOTICES_FILE = join(ARTIFACTS_DIR, 'notices.txt');
