// The demo's histories as the records of a legacy export (docs/legacy-import.md), for the
// benchmarks' national data set and the import's tests; steps the domain would refuse are left out.
import { randomUUID } from 'node:crypto';
import { acceptedSteps } from '../legacy-import/decide-legacy.js';
import type { LegacyCase, LegacyProgramme, LegacyRecord } from '../legacy-import/legacy-record.js';
import { stepBody, type HistoryStep } from './client-history.js';
import { demoCases, type DemoDataOptions } from './demo-cases.js';
import { demoProgramme } from './demo-programme.js';

export type LegacyDemoOptions = DemoDataOptions;

function legacyStep(step: HistoryStep): LegacyCase['steps'][number] {
  const command = step.path.replace('/{assignmentId}', '').replace('/{employmentId}', '');
  return { command, body: stepBody(step), ...step.params };
}

/**
 * Every record of the demo data set, a Jobcenter's programmes before its first case; a person's
 * later cases (a re-enrolment, a move) are records of their own with the same client.
 */
export function* legacyDemoRecords(options: LegacyDemoOptions): Generator<LegacyRecord> {
  const firstYear = Number(options.from.slice(0, 4));
  const lastYear = Number(options.today.slice(0, 4));
  const programmesOf = new Map<string, Map<number, LegacyProgramme>>();
  for (const { tenant, history } of demoCases(options)) {
    let programmes = programmesOf.get(tenant);
    if (!programmes) {
      programmes = new Map();
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
      programmesOf.set(tenant, programmes);
    }
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
