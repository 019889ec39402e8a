// Prints the run's one-line summary (`N passed, N failed[, N skipped]`) after the notices that
// say which suites could not run here and why, and writes it to test/artifacts/summary.txt
// so that .ci/run can end with it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default class SummaryReporter {
  constructor(globalConfig) {
    this.dir = join(globalConfig.rootDir, 'test', 'artifacts');
  }

  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    const noticesFile = join(this.dir, 'notices.txt');
    const notices = existsSync(noticesFile)
      ? [...new Set(readFileSync(noticesFile, 'utf8').split('\n').filter(Boolean))]
      : [];
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, 'summary.txt'), `${line}\n`);
    for (const notice of notices) process.stdout.write(`NOT RUN HERE: ${notice}\n`);
    process.stdout.write(`${line}\n`);
  }
}
