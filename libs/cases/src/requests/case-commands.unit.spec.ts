import type { ProgrammeSnapshot } from '#domain';
import { CASE_REQUESTS, caseCommandFromRequest, isCaseRequestKind } from './case-commands.js';

const empty = (year: number): ProgrammeSnapshot => ({ year, measures: {}, version: 0 });

describe('the request → case command mapping', () => {
  it('names the steps by their routes, without the ids in the path', () => {
    expect(Object.keys(CASE_REQUESTS)).toEqual([
      'caseworker',
      'cooperation-plan',
      'measures',
      'measures/start',
      'measures/complete',
      'measures/abort',
      'employments',
      'employments/end',
      'need-ended',
      'need-resumed',
      'close',
    ]);
    expect(isCaseRequestKind('measures/abort')).toBe(true);
    expect(isCaseRequestKind('teleport')).toBe(false);
    expect(isCaseRequestKind('toString')).toBe(false);
  });

  it('gives a command the id its route names', () => {
    expect(
      caseCommandFromRequest(
        'measures/abort',
        { on: '2024-03-01', reason: 'illness' },
        { id: 'a-1', programme: empty },
      ),
    ).toEqual({
      type: 'AbortMeasure',
      data: { assignmentId: 'a-1', abortedOn: '2024-03-01', reason: 'illness' },
    });
  });

  it("decides an assignment on the programme of the assignment's year", () => {
    const years: number[] = [];
    const command = caseCommandFromRequest(
      'measures',
      { measureId: 'JT-2024-01', assignedOn: '2024-02-01' },
      { id: 'a-2', programme: (year) => (years.push(year), empty(year)) },
    );
    expect(years).toEqual([2024]);
    expect(command).toMatchObject({
      type: 'AssignMeasure',
      data: { assignmentId: 'a-2', programme: { year: 2024, version: 0 } },
    });
  });
});
