/**
 * The vault's wrapped data keys in process memory, so that specification tests seal and open
 * personal data with the real vault and no database; never the proof that the vault works.
 */
import type { CaseKeyStore, StoredCaseKey, WrappedCaseKey } from '../case-key-store.js';

export class InMemoryCaseKeyStore implements CaseKeyStore {
  /** By tenant and case, as the table's primary key; the key ids are unique as in the table. */
  private readonly keys = new Map<string, { readonly tenant: string; key: StoredCaseKey }>();
  private readonly keyIds = new Set<string>();

  async migrate(): Promise<void> {}

  async find(tenant: string, caseId: string): Promise<StoredCaseKey | undefined> {
    return this.keys.get(at(tenant, caseId))?.key;
  }

  async add(tenant: string, keys: readonly WrappedCaseKey[]): Promise<Set<string>> {
    const added = new Set<string>();
    for (const key of keys) {
      if (this.keys.has(at(tenant, key.caseId))) continue;
      if (this.keyIds.has(key.keyId)) throw new Error(`data key ${key.keyId} exists already`);
      this.keys.set(at(tenant, key.caseId), { tenant, key });
      this.keyIds.add(key.keyId);
      added.add(key.caseId);
    }
    return added;
  }

  async erase(tenant: string, caseId: string): Promise<boolean> {
    const entry = this.keys.get(at(tenant, caseId));
    if (!entry || entry.key.wrapped === null) return false;
    entry.key = { ...entry.key, wrapped: null };
    return true;
  }

  async held(tenant: string): Promise<WrappedCaseKey[]> {
    return this.wrapped()
      .filter((entry) => entry.tenant === tenant)
      .map(({ tenant: _tenant, ...key }) => key)
      .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  }

  async masterKeyIds(): Promise<string[]> {
    return [...new Set(this.wrapped().map((key) => key.masterKeyId))].sort();
  }

  async wrappedUnderOther(
    masterKeyId: string,
  ): Promise<(WrappedCaseKey & { readonly tenant: string })[]> {
    return this.wrapped().filter((key) => key.masterKeyId !== masterKeyId);
  }

  async rewrap(tenant: string, key: WrappedCaseKey): Promise<void> {
    const entry = this.keys.get(at(tenant, key.caseId));
    if (entry?.key.keyId === key.keyId) entry.key = key;
  }

  /** The keys still there, with their tenant. */
  private wrapped(): (WrappedCaseKey & { readonly tenant: string })[] {
    return [...this.keys.values()].flatMap(({ tenant, key }) =>
      key.wrapped === null ? [] : [{ tenant, ...key, wrapped: key.wrapped }],
    );
  }
}

function at(tenant: string, caseId: string): string {
  return `${tenant}\u0000${caseId}`;
}
