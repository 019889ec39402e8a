/**
 * `teilhabe demo --legacy-file FILE`: the demo's histories written as a legacy export (the format
 * `teilhabe import-legacy` reads) instead of sent to a server; the benchmarks' national data set.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { legacyDemoRecords } from '#cases';
import { germanCalendarDay } from '#domain';
import { startProgress } from '../progress.js';
import type { DemoOptions } from './demo.js';

/** The demo's histories as a legacy export file, with progress. */
export async function writeLegacyDemo(file: string, options: DemoOptions): Promise<number> {
  const output = createWriteStream(file);
  const progress = startProgress({
    label: 'demo: writing legacy export',
    total: options.jobcenters * options.clients,
    unit: 'clients',
  });
  let records = 0;
  let clients = 0;
  for (const record of legacyDemoRecords({ ...options, today: germanCalendarDay(new Date()) })) {
    records += 1;
    if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, 'drain');
    if (record.record === 'case' && ++clients % 1000 === 0) progress.update(clients);
  }
  progress.update(clients);
  progress.stop();
  await new Promise<void>((resolve, reject) =>
    output.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return records;
}
