import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PersonKeyer, normalisedName } from './person-key.js';

const keyer = new PersonKeyer(randomBytes(32));
const person = { givenName: 'Jürgen', familyName: 'Öztürk-Müller', dateOfBirth: '1980-02-29' };

/** Ways a caseworker might type the same name: case, surrounding and doubled spaces, NFD. */
const spelling = (name: string) =>
  fc
    .record({
      upper: fc.boolean(),
      pad: fc.constantFrom('', ' ', '  ', '\t'),
      decomposed: fc.boolean(),
    })
    .map(({ upper, pad, decomposed }) => {
      const cased = upper ? name.toLocaleUpperCase('de-DE') : name;
      return `${pad}${decomposed ? cased.normalize('NFD') : cased}${pad}`.replace(' ', '  ');
    });

it('gives one key however the same name is spelled (case, spaces, composed or decomposed)', () => {
  fc.assert(
    fc.property(spelling(person.givenName), spelling(person.familyName), (given, family) => {
      expect(keyer.keyOf({ ...person, givenName: given, familyName: family })).toBe(
        keyer.keyOf(person),
      );
    }),
  );
});

it('gives another key for another name or date of birth, and with another secret', () => {
  const key = keyer.keyOf(person);
  expect(keyer.keyOf({ ...person, dateOfBirth: '1980-03-01' })).not.toBe(key);
  expect(keyer.keyOf({ ...person, givenName: 'Jurgen' })).not.toBe(key);
  expect(new PersonKeyer(randomBytes(32)).keyOf(person)).not.toBe(key);
  // Name parts do not run into each other: "Anna Maria" + "Lena" is not "Anna" + "Maria Lena".
  expect(keyer.keyOf({ ...person, givenName: 'Anna Maria', familyName: 'Lena' })).not.toBe(
    keyer.keyOf({ ...person, givenName: 'Anna', familyName: 'Maria Lena' }),
  );
});

it('lets an explicit person reference override the name, in its own domain', () => {
  const byReference = keyer.keyOf(person, '123A456789');
  expect(keyer.keyOf({ ...person, familyName: 'Neu' }, ' 123a456789 ')).toBe(byReference);
  expect(byReference).not.toBe(keyer.keyOf(person));
  expect(keyer.keyOf(person, '   ')).toBe(keyer.keyOf(person));
});

it('has the form the domain accepts, and refuses a short secret', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (givenName, familyName) => {
      expect(keyer.keyOf({ givenName, familyName, dateOfBirth: '1990-01-01' })).toMatch(
        /^[A-Za-z0-9_-]{43}$/,
      );
    }),
  );
  expect(() => new PersonKeyer(randomBytes(16))).toThrow(/32 bytes/);
  expect(normalisedName('  ÖZTÜRK   Müller ')).toBe('öztürk müller');
});
