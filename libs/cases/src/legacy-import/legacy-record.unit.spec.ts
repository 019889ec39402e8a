import { LegacyRecordError, parseLegacyRecord } from './legacy-record.js';

const CASE = {
  record: 'case',
  jobcenter: 'jc-kronach',
  caseId: '5b0b1b58-3495-43a3-83b8-2b72a7ff1fca',
  enrol: {
    client: {
      givenName: 'Olena',
      familyName: 'Kovalenko',
      dateOfBirth: '1990-04-17',
      gender: 'female',
    },
    enrolledOn: '2025-01-08',
    targetGroups: { refugeeUkraine: true },
  },
  steps: [
    { command: 'cooperation-plan', body: { goals: ['Deutschkurs'], agreedOn: '2025-02-02' } },
  ],
};

function refusal(record: unknown, text = JSON.stringify(record)): string {
  try {
    parseLegacyRecord(7, text);
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyRecordError);
    return (error as Error).message;
  }
  throw new Error('the record was accepted');
}

it('accepts a case in the API request bodies', () => {
  expect(parseLegacyRecord(1, JSON.stringify(CASE))).toEqual(CASE);
});

it.each([
  ['a line that is not JSON', undefined, '{', /^line 7: record: not JSON: .+ \(json\)$/],
  [
    'unknown field',
    { ...CASE, colour: 'red' },
    undefined,
    'line 7: colour: unknown field colour (whitelist)',
  ],
  [
    'a bad Jobcenter',
    { ...CASE, jobcenter: 'Kronach' },
    undefined,
    'line 7: jobcenter: must be a Jobcenter id like jc-kronach (pattern)',
  ],
  ['a bad case id', { ...CASE, caseId: 'x' }, undefined, 'line 7: caseId: must be a UUID (isUUID)'],
  [
    'a body the request class refuses',
    { ...CASE, enrol: { ...CASE.enrol, enrolledOn: '2024-02-30' } },
    undefined,
    'line 7: enrol.enrolledOn: enrolledOn must be a calendar date YYYY-MM-DD that exists (isCalendarDate)',
  ],
  [
    'an unknown step',
    { ...CASE, steps: [{ command: 'teleport', body: {} }] },
    undefined,
    /^line 7: steps\[0\]\.command: must be one of caseworker, .+ \(isIn\)$/,
  ],
  [
    'a programme year out of range',
    { record: 'programme', jobcenter: 'jc-kronach', year: 1999, measures: [] },
    undefined,
    'line 7: year: must be a year from 2005 to 2100 (isInt)',
  ],
])('refuses %s, naming line, field and rule', (_, record, text, message) => {
  expect(refusal(record, text)).toMatch(message);
});
