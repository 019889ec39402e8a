/**
 * `teilhabe demo --legacy-file FILE`: the demo's histories written as a legacy export (the
 * format `teilhabe import-legacy` reads) instead of sent to a server; the benchmarks' national
 * data set. Steps the domain would refuse (the demo counts those as "refused") are left out, so
 * the file imports without an error.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { germanCalendarDay } from '#domain';
import { startProgress } from '../progress.js';
import {
  clientHistory,
  dateField,
  jobcenterIds,
  MEASURES,
  random,
  type DemoOptions,
  type Step,
} from './demo.js';
import { acceptedSteps, type LegacyCase, type LegacyProgramme, type LegacyRecord } from '#cases';

export interface LegacyDemoOptions {
  readonly jobcenters: number;
  readonly clients: number;
  readonly seed: number;
  /** First month of the histories (YYYY-MM). */
  readonly from: string;
  readonly today: string;
}

function programmeRecords(tenant: string, year: number, clients: number): LegacyProgramme {
  return {
    record: 'programme',
    jobcenter: tenant,
    year,
    measures: MEASURES.map((measure) => ({
      measureId: measure.measureId,
      title: measure.title,
      kind: measure.kind,
      plannedPlaces: Math.max(2, Math.round((clients * measure.share) / 8)),
      targetGroups: measure.measureId === 'JT-SPRACHE' ? ['refugee-ukraine'] : ['all'],
      offeredOn: `${year - 1}-11-15`,
    })),
    approval: { approvedOn: `${year - 1}-12-10` },
  };
}

function legacyStep(step: Step): LegacyCase['steps'][number] {
  const body: Record<string, unknown> = { ...step.body, [dateField(step.path)]: step.on };
  if (step.path.endsWith('/abort')) body.reason = 'illness';
  const command = step.path.replace('/{assignmentId}', '').replace('/{employmentId}', '');
  return { command, body, ...step.params };
}

/** Every record of the demo data set, programmes of a Jobcenter before its cases. */
export function* legacyDemoRecords(options: LegacyDemoOptions): Generator<LegacyRecord> {
  const rng = random(options.seed);
  const firstYear = Number(options.from.slice(0, 4));
  const lastYear = Number(options.today.slice(0, 4));
  for (const tenant of jobcenterIds(options.jobcenters)) {
    const programmes = new Map<number, LegacyProgramme>();
    for (let year = firstYear; year <= lastYear; year++) {
      const programme = programmeRecords(tenant, year, options.clients);
      programmes.set(year, programme);
      yield programme;
    }
    for (let i = 0; i < options.clients; i++) {
      const history = clientHistory(rng, `${options.from}-01`, options.today);
      const record: LegacyCase = {
        record: 'case',
        jobcenter: tenant,
        caseId: randomUUID(),
        enrol: history.enrol,
        steps: history.steps.map(legacyStep),
      };
      yield { ...record, steps: acceptedSteps(record, options.today, programmes) };
    }
  }
}

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
