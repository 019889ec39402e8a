/**
 * Turns the hand-worked examples (examples.ts) into event histories through the real deciders;
 * an example the domain refuses is a broken example, so every refusal is thrown.
 */
import {
  caseDecider,
  programmeDecider,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ProgrammeEvent,
  type ProgrammeState,
} from '#domain';
import type { Example } from './examples.js';
import type { GeneratedCase } from './histories.js';
import type { ReferenceProgramme } from './reference.js';

const metadata = { today: '2026-06-30' };

export function exampleHistories(example: Example): {
  cases: GeneratedCase[];
  programmes: ReferenceProgramme[];
} {
  const programmes: (ReferenceProgramme & { year: number; state: ProgrammeState })[] = [];
  for (const { tenant, year, measures } of example.programmes ?? []) {
    let state: ProgrammeState = programmeDecider.initialState();
    const events: ProgrammeEvent[] = [];
    const run = (command: Parameters<typeof programmeDecider.decide>[0]) => {
      for (const event of programmeDecider.decide(command, state)) {
        events.push(event);
        state = programmeDecider.evolve(state, event);
      }
    };
    for (const [measureId, plannedPlaces] of measures) {
      run({
        type: 'OfferMeasure',
        data: {
          year,
          measureId,
          title: measureId,
          kind: 'coaching',
          plannedPlaces,
          targetGroups: ['all'],
          offeredOn: `${year - 1}-11-01`,
        },
        metadata,
      });
    }
    run({ type: 'ApproveProgramme', data: { year, approvedOn: `${year - 1}-12-01` }, metadata });
    programmes.push({ tenant, year, events, state });
  }
  const cases: GeneratedCase[] = [];
  for (const person of example.persons) {
    for (const c of person.cases) {
      let state: CaseState = caseDecider.initialState();
      const events: CaseEvent[] = [];
      const enrol: CaseCommand = {
        type: 'EnrolClient',
        data: {
          caseId: c.caseId,
          enrolledOn: c.enrolledOn,
          personKey: person.key,
          client: {
            givenName: 'X',
            familyName: 'Y',
            dateOfBirth: person.born ?? '1985-05-20',
            gender: person.gender ?? 'female',
          },
          targetGroups: {
            singleParent: c.singleParent ?? person.singleParent ?? false,
            refugeeUkraine: person.refugee ?? true,
          },
        },
        metadata,
      };
      const steps = (c.steps ?? []).map(([type, data]): CaseCommand => {
        if (type !== 'AssignMeasure') return { type, data, metadata } as CaseCommand;
        // The programme of the assignment's year in the case's Jobcenter, as the API loads it.
        const year = Number(String(data.assignedOn).slice(0, 4));
        const programme = programmes.find((p) => p.tenant === c.tenant && p.year === year);
        if (!programme) throw new Error(`${example.name}: no programme ${year} in ${c.tenant}`);
        return {
          type,
          data: { ...data, programme: { ...programme.state, version: programme.events.length } },
          metadata,
        } as CaseCommand;
      });
      for (const command of [enrol, ...steps]) {
        for (const event of caseDecider.decide(command, state)) {
          events.push(event);
          state = caseDecider.evolve(state, event);
        }
      }
      cases.push({ tenant: c.tenant, caseId: c.caseId, events });
    }
  }
  return { cases, programmes: programmes.map(({ tenant, events }) => ({ tenant, events })) };
}
