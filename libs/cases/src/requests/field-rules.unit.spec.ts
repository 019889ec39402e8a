/**
 * A name shows what it holds: the client's body class refuses blank names and names with
 * invisible characters, naming the field and the rule, and takes every real name.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ClientDto, EnrolClientDto } from './case-bodies.js';
import { flattenValidationErrors } from './field-errors.js';

const client = {
  givenName: 'Olena',
  familyName: 'Kovalenko',
  dateOfBirth: '1990-04-17',
  gender: 'female',
};
const errorsOf = (body: object, type: new () => object = ClientDto) =>
  flattenValidationErrors(validateSync(plainToInstance(type, body)));

/** Each of the characters named in docs/security.md, by code point. */
const INVISIBLE = [
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067,
  0x2068, 0x2069,
];

it('takes names in any script, with spaces, hyphens and apostrophes', () => {
  for (const name of [
    'Ana María',
    "O'Brien",
    'Jean-Luc',
    'Олена',
    'Ağaoğlu',
    '李',
    'ʻOlelo',
    'Nguyễn',
  ]) {
    expect({ name, errors: errorsOf({ ...client, givenName: name, familyName: name }) }).toEqual({
      name,
      errors: [],
    });
  }
});

it('refuses a blank name, or one with a zero-width or bidi-override character, naming field and rule', () => {
  const blanks = [' ', '   ', '\u00a0', '\u3000', ' \u2003 '];
  const hidden = INVISIBLE.flatMap((code) => {
    const c = String.fromCodePoint(code);
    return [`Ol${c}ena`, `${c}Olena`, `Olena${c}`];
  });
  for (const field of ['givenName', 'familyName'] as const) {
    for (const name of [...blanks, ...hidden]) {
      expect({
        name,
        errors: errorsOf({ ...client, [field]: name }).map((e) => [e.field, e.rule]),
      }).toEqual({
        name,
        errors: [[field, 'isVisibleText']],
      });
    }
  }
});

it('reports a name that is no text, or empty, once, as isText', () => {
  for (const givenName of [42, '']) {
    expect(errorsOf({ ...client, givenName }).map((e) => [e.field, e.rule])).toEqual([
      ['givenName', 'isText'],
    ]);
  }
});

it('refuses invisible characters in personReference, and the nil UUID as a case id', () => {
  const enrol = { client, enrolledOn: '2024-01-08' };
  for (const reference of [' ', '123\u200b456', '\u202e654321', '12 \u2066 34']) {
    expect(
      errorsOf({ ...enrol, personReference: reference }, EnrolClientDto).map((e) => e.field),
    ).toEqual(['personReference']);
  }
  expect(
    errorsOf({ ...enrol, caseId: '00000000-0000-0000-0000-000000000000' }, EnrolClientDto).map(
      (e) => [e.field, e.rule],
    ),
  ).toEqual([['caseId', 'notNilUuid']]);
  expect(
    errorsOf({ ...enrol, caseId: '3F8E2C1A-7B4D-4E5F-9A6B-0C1D2E3F4A5B' }, EnrolClientDto),
  ).toEqual([]);
});
