/** The port behind the vault's data keys: how they are kept, not how they are used. */

/** A case's data key as kept: wrapped by a master key (hex iv || data || tag), null once erased. */
export interface StoredCaseKey {
  readonly caseId: string;
  readonly keyId: string;
  readonly masterKeyId: string;
  readonly wrapped: string | null;
}

/** A data key that is still there. */
export interface WrappedCaseKey extends StoredCaseKey {
  readonly wrapped: string;
}

/** Where the wrapped data keys are kept: the table privacy.case_keys, or memory in specs. */
export interface CaseKeyStore {
  migrate(): Promise<void>;
  /** The case's key, erased or not; undefined if the case never had one. */
  find(tenant: string, caseId: string): Promise<StoredCaseKey | undefined>;
  /** Adds the keys of cases that have none yet (a case keeps its first key); the case ids added. */
  add(tenant: string, keys: readonly WrappedCaseKey[]): Promise<Set<string>>;
  /** Destroys the case's wrapped key, keeping the record of the erasure; true if there was one. */
  erase(tenant: string, caseId: string): Promise<boolean>;
  /** The tenant's keys not erased, ordered by case id (an export). */
  held(tenant: string): Promise<WrappedCaseKey[]>;
  /** The distinct master key ids that wrap keys not erased (the start-up check). */
  masterKeyIds(): Promise<string[]>;
  /** Every tenant's keys not erased and wrapped under another master key (a rotation). */
  wrappedUnderOther(masterKeyId: string): Promise<(WrappedCaseKey & { readonly tenant: string })[]>;
  /** Stores a key's new wrapping (a rotation); the key itself stays. */
  rewrap(tenant: string, key: WrappedCaseKey): Promise<void>;
}
