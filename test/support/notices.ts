import { appendFileSync } from 'node:fs';
import { NOTICES_FILE } from './paths.js';

/** Records a line for the run's final summary (e.g. a suite that no service here can run). */
export function announce(line: string): void {
  appendFileSync(NOTICES_FILE, `${line}\n`);
}
