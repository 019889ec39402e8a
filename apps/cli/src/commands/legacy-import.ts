/** `teilhabe import-legacy --file FILE`: the legacy import of libs/cases with a progress bar. */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { LegacyRecordError, importLegacy, readLegacyFile, type LegacyImportReport } from '#cases';
import { keyringFor, type AppConfig } from '#config';
import { germanCalendarDay } from '#domain';
import { MasterKeyMismatch, PersonalDataVault } from '#privacy';
import { startProgress, type Progress } from '../progress.js';
import { withStore } from '../store.js';
import { UsageError } from '../usage-error.js';

/** `teilhabe import-legacy --file FILE`: the whole import with progress, on the configured store. */
export async function importLegacyCommand(
  config: AppConfig,
  file: string,
  write: (text: string) => void,
): Promise<LegacyImportReport> {
  return withStore(config, async (store) => {
    const vault = new PersonalDataVault(store.db, keyringFor(config));
    await vault.migrate();
    // New cases would be sealed under a key the server cannot read back.
    await vault.checkMasterKeys().catch((error: unknown) => {
      throw error instanceof MasterKeyMismatch ? new UsageError(error.message) : error;
    });
    let progress: Progress | undefined;
    let phase: 'check' | 'write' | undefined;
    const lines = await countLines(file);
    const report = await importLegacy(
      store,
      vault,
      (pass) => readLegacyFile(file, pass === 'check'),
      {
        today: germanCalendarDay(new Date()),
        actor: `import:${basename(file)}`,
        onProgress: (now, done, total) => {
          if (now !== phase) {
            progress?.stop();
            phase = now;
            progress = startProgress({
              label: now === 'check' ? 'legacy import: checking' : 'legacy import: writing cases',
              total: total ?? lines,
              unit: now === 'check' ? 'records' : 'cases',
            });
          }
          progress?.update(done);
        },
      },
    );
    progress?.stop();
    write(
      `Imported ${report.cases} cases and ${report.programmes} programmes (${report.events} events)` +
        (report.alreadyImported > 0
          ? `; ${report.alreadyImported} cases were already written by an earlier run`
          : '') +
        '.\n',
    );
    return report;
  }).catch((error: unknown) => {
    // A record the import refuses is bad input, like a bad option: a usage error (exit code 2).
    throw error instanceof LegacyRecordError ? new UsageError(error.message) : error;
  });
}

/** Lines of a file (for the progress bar's total), without holding it in memory. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return lines;
}
