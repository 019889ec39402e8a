/**
 * `teilhabe demo --legacy-file FILE`: the demo's histories written as a legacy export (the format
 * `teilhabe import-legacy` reads) instead of sent to a server; the benchmarks' national data set.
 */
import { once } from 'node:events';
import { legacyDemoRecords } from '#cases';
import { germanCalendarDay } from '#domain';
import { privateWriteStream } from '../private-file.js';
import { startProgress } from '../progress.js';
import type { DemoOptions } from './demo.js';

/** The demo's histories as a legacy export file, with progress. */
export async function writeLegacyDemo(file: string, options: DemoOptions): Promise<number> {
  const output = privateWriteStream(file);
  const progress = startProgress({
    label: 'demo: writing legacy export',
    // The persons' first cases; their re-enrolments come on top (the bar's total grows).
    total: options.jobcenters * options.clients,
    unit: 'cases',
  });
  let records = 0;
  let cases = 0;
  for (const record of legacyDemoRecords({ ...options, today: germanCalendarDay(new Date()) })) {
    records += 1;
    if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, 'drain');
    if (record.record === 'case' && ++cases % 1000 === 0) progress.update(cases);
  }
  progress.update(cases);
  progress.stop();
  await new Promise<void>((resolve, reject) =>
    output.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return records;
}
