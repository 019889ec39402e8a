/** What the vault does over any key store, as one jest suite: the SQL table and memory alike. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { JsonObject, JsonValue, SqlDatabase } from '#event-store';
import type { CaseKeyStore } from '../case-key-store.js';
import { Keyring, MasterKeyMismatch, PersonalDataVault, isSealed } from '../vault.js';

export function describeVaultBehaviour(
  keyStore: string,
  /** The keys the vaults of one test share (created and migrated once per suite). */
  keys: () => SqlDatabase | CaseKeyStore,
): void {
  describe(`personal data vault: ${keyStore}`, () => {
    const first = randomBytes(32);
    const second = randomBytes(32);
    const vaultWith = (keyring: Keyring) => new PersonalDataVault(keys(), keyring);

    beforeAll(async () => {
      await vaultWith(new Keyring(first)).migrate();
    });

    it('round-trips any personal part, storing nothing of it in clear', async () => {
      const vault = vaultWith(new Keyring(first));
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
      const vault = vaultWith(new Keyring(first));
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
      const vault = vaultWith(new Keyring(first));
      const sealed = await vault.seal('jc-a', 'case-erase', { givenName: 'Mila' });
      expect(await vault.erase('jc-a', 'case-erase')).toBe(true);
      expect(await vault.open('jc-a', 'case-erase', sealed as never)).toEqual({ erased: true });
      // Also for another instance (no cache), and nothing new can be stored for that case.
      const other = vaultWith(new Keyring(first));
      expect(await other.open('jc-a', 'case-erase', sealed as never)).toEqual({ erased: true });
      await expect(other.seal('jc-a', 'case-erase', { x: 1 })).rejects.toThrow(/erased/);
      expect(await vault.erase('jc-a', 'case-erase')).toBe(false);
      expect((await vault.exportKeys('jc-a')).map((k) => k.caseId)).not.toContain('case-erase');
    });

    it('shows an erasure made by another vault (another process) on the very next read', async () => {
      const a = vaultWith(new Keyring(first));
      const b = vaultWith(new Keyring(first));
      const sealed = await a.seal('jc-a', 'case-two-processes', { givenName: 'Daria' });
      // B reads first: whatever it may keep of the key, it has it now.
      expect(await b.open('jc-a', 'case-two-processes', sealed as never)).toEqual({
        erased: false,
        data: { givenName: 'Daria' },
      });
      expect(await a.erase('jc-a', 'case-two-processes')).toBe(true);
      expect(await b.open('jc-a', 'case-two-processes', sealed as never)).toEqual({ erased: true });
      expect(await b.openAll('jc-a', 'case-two-processes', [sealed as never, null])).toEqual([
        { erased: true },
        null,
      ]);
    });

    it('opens every event of a case with one key lookup', async () => {
      const store = keys();
      const lookups = { count: 0 };
      const counted: CaseKeyStore | SqlDatabase =
        'query' in store
          ? store
          : Object.assign(Object.create(store) as CaseKeyStore, {
              find: (tenant: string, caseId: string) => {
                lookups.count += 1;
                return store.find(tenant, caseId);
              },
            });
      const vault = new PersonalDataVault(counted, new Keyring(first));
      const parts: JsonObject[] = [{ givenName: 'Ira' }, { street: 'Hauptstr. 1' }, { note: 'x' }];
      const sealed: JsonValue[] = [];
      for (const part of parts) sealed.push((await vault.seal('jc-a', 'case-many', part)) as never);
      lookups.count = 0;
      const opened = await vault.openAll('jc-a', 'case-many', [...sealed, null, { plain: 1 }]);
      expect(opened).toEqual([
        ...parts.map((data) => ({ erased: false, data })),
        null,
        { erased: false, data: { plain: 1 } },
      ]);
      if (!('query' in store)) expect(lookups.count).toBe(1);
    });

    it('rotates the master key without touching the sealed data', async () => {
      const before = vaultWith(new Keyring(first));
      const sealed = await before.seal('jc-rot', 'case-r', { familyName: 'Kovalenko' });
      const rotated = vaultWith(new Keyring(second, [first]));
      expect(await rotated.rotate()).toBeGreaterThan(0);
      // Only the new master key is needed now.
      const after = vaultWith(new Keyring(second));
      expect(await after.open('jc-rot', 'case-r', sealed as never)).toEqual({
        erased: false,
        data: { familyName: 'Kovalenko' },
      });
      // The old master key alone no longer opens it.
      await expect(
        vaultWith(new Keyring(first)).open('jc-rot', 'case-r', sealed as never),
      ).rejects.toThrow(/not configured/);
    });

    it('refuses a keyring that cannot unwrap the stored keys, naming ENCRYPTION_KEY', async () => {
      const held = vaultWith(new Keyring(first));
      await held.seal('jc-check', 'case-c', { givenName: 'Olha' });
      // This suite wraps keys only under `first` and `second`.
      await vaultWith(new Keyring(second, [first])).checkMasterKeys();
      const wrong = vaultWith(new Keyring(randomBytes(32)));
      const error = await wrong.checkMasterKeys().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MasterKeyMismatch);
      expect((error as Error).message).toMatch(
        /^ENCRYPTION_KEY does not match the key the stored data keys are wrapped with .*set ENCRYPTION_KEY to that key or add it to ENCRYPTION_PREVIOUS_KEYS/,
      );
      // It names the id of the key that wrapped this case's key, and only ids of keys in use.
      const ids = [first, second].map((key) => new Keyring(key).current.id);
      expect((error as MasterKeyMismatch).missing).toContain(ids[0]);
      for (const id of (error as MasterKeyMismatch).missing) expect(ids).toContain(id);
      // That master key among the previous ones is enough; an erased key needs none.
      await vaultWith(new Keyring(randomBytes(32), [first, second])).checkMasterKeys();
    });

    it('does not count erased keys: nothing is left to unwrap', async () => {
      const third = randomBytes(32);
      const vault = vaultWith(new Keyring(third));
      await vault.seal('jc-check', 'case-erased-check', { givenName: 'Lesia' });
      await expect(vaultWith(new Keyring(second, [first])).checkMasterKeys()).rejects.toThrow(
        new Keyring(third).current.id,
      );
      await vault.erase('jc-check', 'case-erased-check');
      await vaultWith(new Keyring(second, [first])).checkMasterKeys();
    });

    it('gives a bulk import one key per case, keeping the keys cases already have', async () => {
      const vault = vaultWith(new Keyring(second));
      const sealed = await vault.seal('jc-bulk', 'case-old', { givenName: 'Ira' });
      const caseKeys = await vault.caseKeys('jc-bulk', ['case-old', 'case-new']);
      expect(caseKeys.get('case-old')?.keyId).toBe(sealed.key);
      expect(caseKeys.get('case-new')?.keyId).not.toBe(sealed.key);
      const exported = await vault.exportKeys('jc-bulk');
      expect(exported.map((k) => k.caseId)).toEqual(['case-new', 'case-old']);
    });
  });
}
