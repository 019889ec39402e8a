/**
 * Personal data at rest: every client case has its own data key (AES-256-GCM, node:crypto);
 * the personal part of each event is stored encrypted with it, bound to the tenant and case.
 * The data keys are kept wrapped by a master key (envelope encryption), so rotating the master
 * key re-wraps keys and never rewrites an event. Erasure destroys the case's data key
 * (crypto-shredding): the events, their hashes and every statistic stay; the personal data can
 * no longer be read by anyone.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import type { JsonObject, JsonValue, SqlDatabase } from '#event-store';
import type { CaseKeyStore, WrappedCaseKey } from './case-key-store.js';
import { PersonKeyer, type PersonIdentity } from './person-key.js';
import { SqlCaseKeyStore } from './sql-case-key-store.js';

export const SEALED_ALGORITHM = 'A256GCM';

/** The stored form of a personal part: what the event store (and an export) holds. */
export interface SealedPersonal {
  readonly enc: typeof SEALED_ALGORITHM;
  /** The case's data key. */
  readonly key: string;
  readonly iv: string;
  readonly data: string;
  readonly tag: string;
}

export function isSealed(value: unknown): value is SealedPersonal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { enc?: unknown }).enc === SEALED_ALGORITHM &&
    typeof (value as { data?: unknown }).data === 'string'
  );
}

/** A master key: 32 random bytes, named by a fingerprint so wrapped keys say which one wraps them. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export function masterKey(key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error('a master key has 32 bytes (256 bits)');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/** The configured master keys cannot unwrap some of the stored data keys. */
export class MasterKeyMismatch extends Error {
  constructor(
    readonly missing: readonly string[],
    current: string,
  ) {
    super(
      `ENCRYPTION_KEY does not match the key the stored data keys are wrapped with (they are ` +
        `wrapped under master key id(s) ${missing.join(', ')}; ENCRYPTION_KEY has id ${current}, ` +
        'ids are the first 16 hex digits of the SHA-256 of the key); set ENCRYPTION_KEY to that ' +
        'key or add it to ENCRYPTION_PREVIOUS_KEYS (embedded mode without ENCRYPTION_KEY: ' +
        'DATA_DIR/keys/master.key was replaced)',
    );
    this.name = 'MasterKeyMismatch';
  }
}

/** The HKDF label of the person key secret derived from the master key when none is configured. */
export const PERSON_KEY_DERIVATION = 'teilhabe person key v1';

/**
 * The current master key, older ones still needed to unwrap keys not yet rotated, and the
 * secret of the person keys: PERSON_KEY_SECRET, or derived from the current master key (HKDF),
 * which is why PERSON_KEY_SECRET must be set to that derived value before the master key rotates
 * (docs/configuration.md).
 */
export class Keyring {
  readonly current: MasterKey;
  readonly personKeys: PersonKeyer;
  private readonly byId: Map<string, MasterKey>;

  constructor(current: Buffer, previous: readonly Buffer[] = [], personKeySecret?: Buffer) {
    this.current = masterKey(current);
    this.byId = new Map([this.current, ...previous.map(masterKey)].map((k) => [k.id, k]));
    this.personKeys = new PersonKeyer(
      personKeySecret ??
        Buffer.from(hkdfSync('sha256', current, Buffer.alloc(0), PERSON_KEY_DERIVATION, 32)),
    );
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): MasterKey {
    const key = this.byId.get(id);
    if (!key) throw new Error(`master key ${id} is not configured (ENCRYPTION_PREVIOUS_KEYS?)`);
    return key;
  }
}

function aesGcm(
  key: Buffer,
  plain: Buffer,
  aad: string,
): { iv: Buffer; data: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function aesGcmOpen(key: Buffer, iv: Buffer, data: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** A case's data key, unwrapped. */
export interface CaseKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** Encrypts a personal part with the case's key, bound to tenant, case and key id. */
export function sealWith(
  tenant: string,
  caseId: string,
  { keyId, key }: CaseKey,
  personal: JsonObject,
): SealedPersonal {
  const sealed = aesGcm(
    key,
    Buffer.from(JSON.stringify(personal), 'utf8'),
    `${tenant}/${caseId}/${keyId}`,
  );
  return {
    enc: SEALED_ALGORITHM,
    key: keyId,
    iv: sealed.iv.toString('base64url'),
    data: sealed.data.toString('base64url'),
    tag: sealed.tag.toString('base64url'),
  };
}

/** What opening a sealed personal part gives: the data, or that it was erased. */
export type Opened =
  { readonly erased: false; readonly data: JsonObject } | { readonly erased: true };

/**
 * No data key is cached between calls: every `open` and `seal` reads the case's key row (one
 * primary-key lookup), so an erasure on any process takes effect on every process at once.
 * A cache kept a destroyed key readable elsewhere for its lifetime (issue 17, item 6); one
 * lookup per case read costs about 0.5 ms on PostgreSQL (measured in docs/security.md).
 */
export class PersonalDataVault {
  private readonly keys: CaseKeyStore;

  /** On a database the keys are kept in its table privacy.case_keys. */
  constructor(
    keys: SqlDatabase | CaseKeyStore,
    private readonly keyring: Keyring,
  ) {
    this.keys = 'query' in keys ? new SqlCaseKeyStore(keys) : keys;
  }

  async migrate(): Promise<void> {
    await this.keys.migrate();
  }

  /**
   * Refuses to work with a keyring that cannot unwrap the stored data keys: a process started
   * with another ENCRYPTION_KEY would answer 500 on every existing case and seal new cases
   * under a key the other processes do not hold. Erased keys are no longer wrapped and count
   * for nothing.
   */
  async checkMasterKeys(): Promise<void> {
    const missing = (await this.keys.masterKeyIds()).filter((id) => !this.keyring.has(id));
    if (missing.length > 0) throw new MasterKeyMismatch(missing, this.keyring.current.id);
  }

  /** The person key of a client (see person-key.ts): what the statistics link cases by. */
  personKey(identity: PersonIdentity, personReference?: string): string {
    return this.keyring.personKeys.keyOf(identity, personReference);
  }

  /** Encrypts a personal part for a case, creating the case's data key on first use. */
  async seal(tenant: string, caseId: string, personal: JsonObject): Promise<SealedPersonal> {
    return sealWith(tenant, caseId, await this.dataKey(tenant, caseId, true), personal);
  }

  /**
   * Data keys for many cases in one statement (a bulk import). A case that already has a key
   * keeps it; an erased case is refused like in `seal`.
   */
  async caseKeys(tenant: string, caseIds: readonly string[]): Promise<Map<string, CaseKey>> {
    const fresh = caseIds.map((caseId) => {
      const keyId = randomUUID();
      const key = randomBytes(32);
      return { caseId, keyId, key, stored: this.wrap(tenant, caseId, keyId, key) };
    });
    const created = await this.keys.add(
      tenant,
      fresh.map((f) => f.stored),
    );
    const keys = new Map<string, CaseKey>();
    for (const f of fresh) {
      keys.set(
        f.caseId,
        created.has(f.caseId)
          ? { keyId: f.keyId, key: f.key }
          : await this.dataKey(tenant, f.caseId, true),
      );
    }
    return keys;
  }

  /** Decrypts a stored personal part; `erased` once the case's key was destroyed. */
  async open(
    tenant: string,
    caseId: string,
    stored: JsonValue | null | undefined,
  ): Promise<Opened | null> {
    const [opened] = await this.openAll(tenant, caseId, [stored]);
    return opened ?? null;
  }

  /**
   * The personal parts of one case's events, with one key lookup for all of them (a case read
   * opens every event of the case).
   */
  async openAll(
    tenant: string,
    caseId: string,
    stored: readonly (JsonValue | null | undefined)[],
  ): Promise<(Opened | null)[]> {
    const found = stored.some(isSealed) ? await this.dataKey(tenant, caseId, false) : undefined;
    return stored.map((part) => {
      if (part === null || part === undefined) return null;
      if (!isSealed(part)) return { erased: false, data: part as JsonObject }; // written before encryption
      if (!found || found.keyId !== part.key) return { erased: true };
      const plain = aesGcmOpen(
        found.key,
        Buffer.from(part.iv, 'base64url'),
        Buffer.from(part.data, 'base64url'),
        Buffer.from(part.tag, 'base64url'),
        `${tenant}/${caseId}/${part.key}`,
      );
      return { erased: false, data: JSON.parse(plain.toString('utf8')) as JsonObject };
    });
  }

  /** Destroys the case's data key. True if there was one to destroy. */
  async erase(tenant: string, caseId: string): Promise<boolean> {
    return this.keys.erase(tenant, caseId);
  }

  /** Re-wraps every data key under the current master key; returns how many moved. */
  async rotate(): Promise<number> {
    const rows = await this.keys.wrappedUnderOther(this.keyring.current.id);
    // Refuse before changing anything if a key was wrapped under a master key we do not hold.
    const missing = [...new Set(rows.map((r) => r.masterKeyId))].filter(
      (id) => !this.keyring.has(id),
    );
    if (missing.length > 0) {
      throw new Error(
        `data keys are wrapped under master key(s) ${missing.join(', ')}, which are neither ` +
          'ENCRYPTION_KEY nor in ENCRYPTION_PREVIOUS_KEYS; nothing was rotated',
      );
    }
    for (const row of rows) {
      const key = this.unwrap(row.tenant, row);
      await this.keys.rewrap(row.tenant, this.wrap(row.tenant, row.caseId, row.keyId, key));
    }
    return rows.length;
  }

  /** The wrapped keys of a tenant, for an export (useless without the master key). */
  async exportKeys(
    tenant: string,
  ): Promise<{ caseId: string; keyId: string; masterKeyId: string; wrapped: string }[]> {
    const rows = await this.keys.held(tenant);
    return rows.map((r) => ({
      caseId: r.caseId,
      keyId: r.keyId,
      masterKeyId: r.masterKeyId,
      wrapped: r.wrapped,
    }));
  }

  async importKey(
    tenant: string,
    key: { caseId: string; keyId: string; masterKeyId: string; wrapped: string },
  ): Promise<void> {
    await this.keys.add(tenant, [key]);
  }

  private wrap(tenant: string, caseId: string, keyId: string, key: Buffer): WrappedCaseKey {
    const sealed = aesGcm(this.keyring.current.key, key, `${tenant}/${caseId}/${keyId}`);
    return {
      caseId,
      keyId,
      masterKeyId: this.keyring.current.id,
      wrapped: Buffer.concat([sealed.iv, sealed.data, sealed.tag]).toString('hex'),
    };
  }

  private unwrap(tenant: string, stored: WrappedCaseKey): Buffer {
    const bytes = Buffer.from(stored.wrapped, 'hex');
    return aesGcmOpen(
      this.keyring.get(stored.masterKeyId).key,
      bytes.subarray(0, 12),
      bytes.subarray(12, bytes.length - 16),
      bytes.subarray(bytes.length - 16),
      `${tenant}/${stored.caseId}/${stored.keyId}`,
    );
  }

  private async dataKey(
    tenant: string,
    caseId: string,
    create: true,
  ): Promise<{ keyId: string; key: Buffer }>;
  private async dataKey(
    tenant: string,
    caseId: string,
    create: false,
  ): Promise<{ keyId: string; key: Buffer } | undefined>;
  private async dataKey(tenant: string, caseId: string, create: boolean) {
    const row = await this.keys.find(tenant, caseId);
    if (row && row.wrapped === null) {
      if (create)
        throw new Error(
          `the personal data of case ${caseId} was erased; nothing personal can be stored for it`,
        );
      return undefined;
    }
    let found: { keyId: string; key: Buffer } | undefined;
    if (row) {
      found = { keyId: row.keyId, key: this.unwrap(tenant, row as WrappedCaseKey) };
    } else if (create) {
      const keyId = randomUUID();
      const key = randomBytes(32);
      const inserted = await this.keys.add(tenant, [this.wrap(tenant, caseId, keyId, key)]);
      // A concurrent first write of the same case won: use its key.
      found = inserted.has(caseId) ? { keyId, key } : await this.dataKey(tenant, caseId, false);
      if (!found) throw new Error(`no data key for case ${caseId}`);
    }
    return found;
  }
}
