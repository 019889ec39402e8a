import { randomBytes } from 'node:crypto';
import { PGliteDatabase } from '#event-store';
import { describeVaultBehaviour } from './testing/vault.behaviour.js';
import { Keyring, PersonalDataVault } from './vault.js';

let db: PGliteDatabase;

beforeAll(async () => {
  db = await PGliteDatabase.open();
});
afterAll(async () => {
  await db?.close();
});

describeVaultBehaviour('the table privacy.case_keys (PGlite)', () => db);

describe('personal data vault on SQL', () => {
  it("keeps an erased case's row as the record of the erasure, with no key in it", async () => {
    const vault = new PersonalDataVault(db, new Keyring(randomBytes(32)));
    await vault.seal('jc-a', 'case-erased-row', { givenName: 'Mila' });
    expect(await vault.erase('jc-a', 'case-erased-row')).toBe(true);
    const [row] = await db.query<{ wrapped: unknown; erased: boolean }>(
      `SELECT wrapped, erased_at IS NOT NULL AS erased
       FROM privacy.case_keys WHERE case_id = 'case-erased-row'`,
    );
    expect(row).toEqual({ wrapped: null, erased: true });
  });
});
