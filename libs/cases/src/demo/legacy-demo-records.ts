// The demo's histories as the records of a legacy export (docs/legacy-import.md), for the
// benchmarks' national data set and the import's tests; steps the domain would refuse are left out.
import { randomUUID } from 'node:crypto';
import { acceptedSteps } from '../legacy-import/decide-legacy.js';
import type { LegacyCase, LegacyProgramme, LegacyRecord } from '../legacy-import/legacy-record.js';
import { clientHistory, stepBody, type HistoryStep } from './client-history.js';
import { demoProgramme } from './demo-programme.js';
import { jobcenterIds } from './jobcenters.js';
import { seededRandom } from './seeded-random.js';

export interface LegacyDemoOptions {
  readonly jobcenters: number;
  readonly clients: number;
  readonly seed: number;
  /** First month of the histories (YYYY-MM). */
  readonly from: string;
  readonly today: string;
}

function legacyStep(step: HistoryStep): LegacyCase['steps'][number] {
  const command = step.path.replace('/{assignmentId}', '').replace('/{employmentId}', '');
  return { command, body: stepBody(step), ...step.params };
}

/** Every record of the demo data set, programmes of a Jobcenter before its cases. */
export function* legacyDemoRecords(options: LegacyDemoOptions): Generator<LegacyRecord> {
  const rng = seededRandom(options.seed);
  const firstYear = Number(options.from.slice(0, 4));
  const lastYear = Number(options.today.slice(0, 4));
  for (const tenant of jobcenterIds(options.jobcenters)) {
    const programmes = new Map<number, LegacyProgramme>();
    for (let year = firstYear; year <= lastYear; year++) {
      const programme: LegacyProgramme = {
        record: 'programme',
        jobcenter: tenant,
        year,
        ...demoProgramme(year, options.clients),
      };
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
