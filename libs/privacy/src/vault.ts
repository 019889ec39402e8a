/**
 * Personal data at rest: every client case has its own data key (AES-256-GCM, node:crypto);
 * the personal part of each event is stored encrypted with it, bound to the tenant and case.
 * The data keys are kept wrapped by a master key (envelope encryption), so rotating the master
 * key re-wraps keys and never rewrites an event. Erasure destroys the case's data key
 * (crypto-shredding): the events, their hashes and every statistic stay; the personal data can
 * no longer be read by anyone.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  loadMigrations,
  migrate,
  type JsonObject,
  type JsonValue,
  type SqlDatabase,
} from '#event-store';

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

/** The current master key, and older ones still needed to unwrap keys not yet rotated. */
export class Keyring {
  readonly current: MasterKey;
  private readonly byId: Map<string, MasterKey>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.current = masterKey(current);
    this.byId = new Map([this.current, ...previous.map(masterKey)].map((k) => [k.id, k]));
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

interface KeyRow {
  key_id: string;
  master_key_id: string;
  wrapped: string; // hex: iv || data || tag
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

export const VAULT_MIGRATIONS = loadMigrations(new URL('./migrations/', import.meta.url));

/** Caches unwrapped data keys for a short time, so a command needs no extra round trip. */
const CACHE_MS = 30_000;
const CACHE_SIZE = 10_000;

export class PersonalDataVault {
  private readonly cache = new Map<string, { keyId: string; key: Buffer; until: number }>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly keyring: Keyring,
  ) {}

  async migrate(): Promise<void> {
    await migrate(this.db, 'privacy', VAULT_MIGRATIONS);
  }

  /** Encrypts a personal part for a case, creating the case's data key on first use. */
  async seal(tenant: string, caseId: string, personal: JsonObject): Promise<SealedPersonal> {
    return sealWith(tenant, caseId, await this.dataKey(tenant, caseId, true), personal);
  }

  /**
   * Data keys for many cases in one statement (a bulk import), returned rather than cached so
   * that a million cases do not fill the cache. A case that already has a key keeps it; an
   * erased case is refused like in `seal`.
   */
  async caseKeys(tenant: string, caseIds: readonly string[]): Promise<Map<string, CaseKey>> {
    const fresh = caseIds.map((caseId) => {
      const keyId = randomUUID();
      const key = randomBytes(32);
      return { caseId, keyId, key, wrapped: this.wrap(tenant, caseId, keyId, key) };
    });
    const inserted = await this.db.query<{ case_id: string }>(
      `INSERT INTO privacy.case_keys (tenant, case_id, key_id, master_key_id, wrapped)
       SELECT $1, c, k::uuid, $2, decode(w, 'hex')
       FROM unnest($3::text[], $4::text[], $5::text[]) AS t(c, k, w)
       ON CONFLICT (tenant, case_id) DO NOTHING RETURNING case_id`,
      [
        tenant,
        this.keyring.current.id,
        fresh.map((f) => f.caseId),
        fresh.map((f) => f.keyId),
        fresh.map((f) => f.wrapped),
      ],
    );
    const created = new Set(inserted.map((row) => row.case_id));
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
    if (stored === null || stored === undefined) return null;
    if (!isSealed(stored)) return { erased: false, data: stored as JsonObject }; // written before encryption
    const found = await this.dataKey(tenant, caseId, false);
    if (!found || found.keyId !== stored.key) return { erased: true };
    const plain = aesGcmOpen(
      found.key,
      Buffer.from(stored.iv, 'base64url'),
      Buffer.from(stored.data, 'base64url'),
      Buffer.from(stored.tag, 'base64url'),
      `${tenant}/${caseId}/${stored.key}`,
    );
    return { erased: false, data: JSON.parse(plain.toString('utf8')) as JsonObject };
  }

  /** Destroys the case's data key. True if there was one to destroy. */
  async erase(tenant: string, caseId: string): Promise<boolean> {
    this.cache.delete(`${tenant}\u0000${caseId}`);
    const rows = await this.db.query(
      `UPDATE privacy.case_keys SET wrapped = NULL, erased_at = now()
       WHERE tenant = $1 AND case_id = $2 AND wrapped IS NOT NULL RETURNING key_id`,
      [tenant, caseId],
    );
    return rows.length > 0;
  }

  /** Re-wraps every data key under the current master key; returns how many moved. */
  async rotate(): Promise<number> {
    const rows = await this.db.query<KeyRow & { tenant: string; case_id: string }>(
      `SELECT tenant, case_id, key_id, master_key_id, encode(wrapped, 'hex') AS wrapped
       FROM privacy.case_keys WHERE wrapped IS NOT NULL AND master_key_id <> $1`,
      [this.keyring.current.id],
    );
    // Refuse before changing anything if a key was wrapped under a master key we do not hold.
    const missing = [...new Set(rows.map((r) => r.master_key_id))].filter(
      (id) => !this.keyring.has(id),
    );
    if (missing.length > 0) {
      throw new Error(
        `data keys are wrapped under master key(s) ${missing.join(', ')}, which are neither ` +
          'ENCRYPTION_KEY nor in ENCRYPTION_PREVIOUS_KEYS; nothing was rotated',
      );
    }
    for (const row of rows) {
      const key = this.unwrap(row.tenant, row.case_id, row);
      await this.db.query(
        `UPDATE privacy.case_keys SET wrapped = decode($3, 'hex'), master_key_id = $4
         WHERE tenant = $1 AND case_id = $2 AND key_id = $5`,
        [
          row.tenant,
          row.case_id,
          this.wrap(row.tenant, row.case_id, row.key_id, key),
          this.keyring.current.id,
          row.key_id,
        ],
      );
    }
    this.cache.clear();
    return rows.length;
  }

  /** The wrapped keys of a tenant, for an export (useless without the master key). */
  async exportKeys(
    tenant: string,
  ): Promise<{ caseId: string; keyId: string; masterKeyId: string; wrapped: string }[]> {
    const rows = await this.db.query<KeyRow & { case_id: string }>(
      `SELECT case_id, key_id, master_key_id, encode(wrapped, 'hex') AS wrapped
       FROM privacy.case_keys WHERE tenant = $1 AND wrapped IS NOT NULL ORDER BY case_id`,
      [tenant],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      keyId: r.key_id,
      masterKeyId: r.master_key_id,
      wrapped: r.wrapped,
    }));
  }

  async importKey(
    tenant: string,
    key: { caseId: string; keyId: string; masterKeyId: string; wrapped: string },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO privacy.case_keys (tenant, case_id, key_id, master_key_id, wrapped)
       VALUES ($1, $2, $3, $4, decode($5, 'hex')) ON CONFLICT (tenant, case_id) DO NOTHING`,
      [tenant, key.caseId, key.keyId, key.masterKeyId, key.wrapped],
    );
  }

  private wrap(tenant: string, caseId: string, keyId: string, key: Buffer): string {
    const sealed = aesGcm(this.keyring.current.key, key, `${tenant}/${caseId}/${keyId}`);
    return Buffer.concat([sealed.iv, sealed.data, sealed.tag]).toString('hex');
  }

  private unwrap(tenant: string, caseId: string, row: KeyRow): Buffer {
    const bytes = Buffer.from(row.wrapped, 'hex');
    return aesGcmOpen(
      this.keyring.get(row.master_key_id).key,
      bytes.subarray(0, 12),
      bytes.subarray(12, bytes.length - 16),
      bytes.subarray(bytes.length - 16),
      `${tenant}/${caseId}/${row.key_id}`,
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
    const cacheKey = `${tenant}\u0000${caseId}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached;
    const [row] = await this.db.query<KeyRow & { erased: boolean }>(
      `SELECT key_id, master_key_id, encode(wrapped, 'hex') AS wrapped, wrapped IS NULL AS erased
       FROM privacy.case_keys WHERE tenant = $1 AND case_id = $2`,
      [tenant, caseId],
    );
    if (row?.erased) {
      if (create)
        throw new Error(
          `the personal data of case ${caseId} was erased; nothing personal can be stored for it`,
        );
      return undefined;
    }
    let found: { keyId: string; key: Buffer } | undefined;
    if (row) {
      found = { keyId: row.key_id, key: this.unwrap(tenant, caseId, row) };
    } else if (create) {
      const keyId = randomUUID();
      const key = randomBytes(32);
      const inserted = await this.db.query(
        `INSERT INTO privacy.case_keys (tenant, case_id, key_id, master_key_id, wrapped)
         VALUES ($1, $2, $3, $4, decode($5, 'hex')) ON CONFLICT (tenant, case_id) DO NOTHING RETURNING key_id`,
        [tenant, caseId, keyId, this.keyring.current.id, this.wrap(tenant, caseId, keyId, key)],
      );
      // A concurrent first write of the same case won: use its key.
      found = inserted.length > 0 ? { keyId, key } : await this.dataKey(tenant, caseId, false);
      if (!found) throw new Error(`no data key for case ${caseId}`);
    }
    if (found) {
      // Bounded: every new case adds a key, and an expired entry is otherwise only dropped when
      // its case is touched again (the soak run showed the heap growing with the cases).
      this.cache.delete(cacheKey);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, { ...found, until: Date.now() + CACHE_MS });
    }
    return found;
  }
}
