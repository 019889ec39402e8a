/** The vault's wrapped data keys in the table privacy.case_keys (from the numbered migrations). */
import { loadMigrations, migrate, type SqlDatabase } from '#event-store';
import type { CaseKeyStore, StoredCaseKey, WrappedCaseKey } from './case-key-store.js';

export const VAULT_MIGRATIONS = loadMigrations(new URL('./migrations/', import.meta.url));

interface KeyRow {
  case_id: string;
  key_id: string;
  master_key_id: string;
  wrapped: string | null; // hex: iv || data || tag
}

function stored(row: KeyRow): StoredCaseKey {
  return {
    caseId: row.case_id,
    keyId: row.key_id,
    masterKeyId: row.master_key_id,
    wrapped: row.wrapped,
  };
}

export class SqlCaseKeyStore implements CaseKeyStore {
  constructor(private readonly db: SqlDatabase) {}

  async migrate(): Promise<void> {
    await migrate(this.db, 'privacy', VAULT_MIGRATIONS);
  }

  async find(tenant: string, caseId: string): Promise<StoredCaseKey | undefined> {
    const [row] = await this.db.query<KeyRow>(
      `SELECT case_id, key_id, master_key_id, encode(wrapped, 'hex') AS wrapped
       FROM privacy.case_keys WHERE tenant = $1 AND case_id = $2`,
      [tenant, caseId],
    );
    return row && stored(row);
  }

  async add(tenant: string, keys: readonly WrappedCaseKey[]): Promise<Set<string>> {
    const inserted = await this.db.query<{ case_id: string }>(
      `INSERT INTO privacy.case_keys (tenant, case_id, key_id, master_key_id, wrapped)
       SELECT $1, c, k::uuid, m, decode(w, 'hex')
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(c, k, m, w)
       ON CONFLICT (tenant, case_id) DO NOTHING RETURNING case_id`,
      [
        tenant,
        keys.map((k) => k.caseId),
        keys.map((k) => k.keyId),
        keys.map((k) => k.masterKeyId),
        keys.map((k) => k.wrapped),
      ],
    );
    return new Set(inserted.map((row) => row.case_id));
  }

  async erase(tenant: string, caseId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE privacy.case_keys SET wrapped = NULL, erased_at = now()
       WHERE tenant = $1 AND case_id = $2 AND wrapped IS NOT NULL RETURNING key_id`,
      [tenant, caseId],
    );
    return rows.length > 0;
  }

  async held(tenant: string): Promise<WrappedCaseKey[]> {
    const rows = await this.db.query<KeyRow & { wrapped: string }>(
      `SELECT case_id, key_id, master_key_id, encode(wrapped, 'hex') AS wrapped
       FROM privacy.case_keys WHERE tenant = $1 AND wrapped IS NOT NULL ORDER BY case_id`,
      [tenant],
    );
    return rows.map((row) => ({ ...stored(row), wrapped: row.wrapped }));
  }

  async masterKeyIds(): Promise<string[]> {
    // A loose index scan: one probe of the partial index per distinct id, so the check at every
    // start costs the same for a thousand keys as for millions.
    const rows = await this.db.query<{ id: string }>(
      `WITH RECURSIVE ids AS (
         (SELECT master_key_id AS id FROM privacy.case_keys
          WHERE wrapped IS NOT NULL ORDER BY master_key_id LIMIT 1)
         UNION ALL
         SELECT (SELECT master_key_id FROM privacy.case_keys
                 WHERE wrapped IS NOT NULL AND master_key_id > ids.id
                 ORDER BY master_key_id LIMIT 1)
         FROM ids WHERE ids.id IS NOT NULL
       )
       SELECT id FROM ids WHERE id IS NOT NULL`,
    );
    return rows.map((row) => row.id);
  }

  async wrappedUnderOther(
    masterKeyId: string,
  ): Promise<(WrappedCaseKey & { readonly tenant: string })[]> {
    const rows = await this.db.query<KeyRow & { tenant: string; wrapped: string }>(
      `SELECT tenant, case_id, key_id, master_key_id, encode(wrapped, 'hex') AS wrapped
       FROM privacy.case_keys WHERE wrapped IS NOT NULL AND master_key_id <> $1`,
      [masterKeyId],
    );
    return rows.map((row) => ({ tenant: row.tenant, ...stored(row), wrapped: row.wrapped }));
  }

  async rewrap(tenant: string, key: WrappedCaseKey): Promise<void> {
    await this.db.query(
      `UPDATE privacy.case_keys SET wrapped = decode($3, 'hex'), master_key_id = $4
       WHERE tenant = $1 AND case_id = $2 AND key_id = $5`,
      [tenant, key.caseId, key.wrapped, key.masterKeyId, key.keyId],
    );
  }
}
