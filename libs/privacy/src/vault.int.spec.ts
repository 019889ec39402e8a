import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PGliteDatabase, type JsonObject } from '#event-store';
import { Keyring, PersonalDataVault, isSealed } from './vault.js';

let db: PGliteDatabase;
const first = randomBytes(32);
const second = randomBytes(32);

beforeAll(async () => {
  db = await PGliteDatabase.open();
  await new PersonalDataVault(db, new Keyring(first)).migrate();
});
afterAll(async () => {
  await db?.close();
});

describe('personal data vault', () => {
  it('round-trips any personal part, storing nothing of it in clear', async () => {
    const vault = new PersonalDataVault(db, new Keyring(first));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue()),
        fc.uuid(),
        async (personal, caseId) => {
          const sealed = await vault.seal('jc-a', caseId, personal as JsonObject);
          expect(isSealed(sealed)).toBe(true);
          for (const value of Object.values(personal)) {
            if (typeof value === 'string' && value.length > 3)
              expect(JSON.stringify(sealed)).not.toContain(value);
          }
          expect(await vault.open('jc-a', caseId, sealed as never)).toEqual({
            erased: false,
            data: JSON.parse(JSON.stringify(personal)) as JsonObject,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses ciphertext that was changed or moved to another case', async () => {
    const vault = new PersonalDataVault(db, new Keyring(first));
    const sealed = await vault.seal('jc-a', 'case-1', { givenName: 'Olena' });
    const flipped = Buffer.from(sealed.data, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    await expect(
      vault.open('jc-a', 'case-1', { ...sealed, data: flipped.toString('base64url') }),
    ).rejects.toThrow();
    await vault.seal('jc-a', 'case-2', { givenName: 'Other' });
    // Another case has another key: the ciphertext cannot be read there.
    expect(await vault.open('jc-a', 'case-2', sealed as never)).toEqual({ erased: true });
  });

  it('makes the personal data unreadable for good once erased', async () => {
    const vault = new PersonalDataVault(db, new Keyring(first));
    const sealed = await vault.seal('jc-a', 'case-erase', { givenName: 'Mila' });
    expect(await vault.erase('jc-a', 'case-erase')).toBe(true);
    expect(await vault.open('jc-a', 'case-erase', sealed as never)).toEqual({ erased: true });
    // Also for another instance (no cache), and nothing new can be stored for that case.
    const other = new PersonalDataVault(db, new Keyring(first));
    expect(await other.open('jc-a', 'case-erase', sealed as never)).toEqual({ erased: true });
    await expect(other.seal('jc-a', 'case-erase', { x: 1 })).rejects.toThrow(/erased/);
    const [row] = await db.query<{ wrapped: unknown }>(
      "SELECT wrapped FROM privacy.case_keys WHERE case_id = 'case-erase'",
    );
    expect(row?.wrapped).toBeNull();
    expect(await vault.erase('jc-a', 'case-erase')).toBe(false);
  });

  it('rotates the master key without touching the sealed data', async () => {
    const before = new PersonalDataVault(db, new Keyring(first));
    const sealed = await before.seal('jc-rot', 'case-r', { familyName: 'Kovalenko' });
    const rotated = new PersonalDataVault(db, new Keyring(second, [first]));
    expect(await rotated.rotate()).toBeGreaterThan(0);
    // Only the new master key is needed now.
    const after = new PersonalDataVault(db, new Keyring(second));
    expect(await after.open('jc-rot', 'case-r', sealed as never)).toEqual({
      erased: false,
      data: { familyName: 'Kovalenko' },
    });
    // The old master key alone no longer opens it.
    await expect(
      new PersonalDataVault(db, new Keyring(first)).open('jc-rot', 'case-r', sealed as never),
    ).rejects.toThrow(/not configured/);
  });
});
