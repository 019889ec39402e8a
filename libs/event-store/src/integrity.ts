/**
 * Tamper evidence beyond the per-stream hash chain: periodic checkpoints of each Jobcenter's
 * part of $all, signed with an Ed25519 key the database does not hold. A checkpoint says "up to
 * this position there were N events of this Jobcenter, and the running digest of their hashes
 * was D". Verification reads the events again, recomputes every stream's chain and the running
 * digest, and checks each checkpoint and its signature; it trusts nothing stored but the events
 * and the public key.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import {
  START,
  compareAllPositions,
  type AllPosition,
  type EventStore,
  type RecordedEvent,
} from './event-store.js';
import { GENESIS_HASH, chainLink } from './hash-chain.js';
import type { SqlDatabase } from './sql/database.js';

export interface SignedCheckpoint {
  readonly tenant: string;
  readonly seq: number;
  readonly position: AllPosition;
  readonly events: number;
  readonly digest: string;
  readonly keyId: string;
  readonly signedAt: string;
  readonly signature: string;
}

/** `export`: an export file does not match its own end line (counts or digest). */
export type IntegrityProblemKind = 'chain' | 'version' | 'checkpoint' | 'signature' | 'export';

export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  readonly detail: string;
  readonly streamId?: string;
  readonly version?: number;
  readonly position?: number;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly tenant: string;
  readonly events: number;
  readonly streams: number;
  readonly checkpointsVerified: number;
  readonly latestCheckpoint: {
    readonly position: number;
    readonly events: number;
    readonly signedAt: string;
  } | null;
  /** Events after the latest checkpoint: protected by their chains only, until the next one. */
  readonly eventsAfterLatestCheckpoint: number;
  readonly problems: readonly IntegrityProblem[];
}

/** The running digest: each event's hash folded into the one before, in $all order. */
export function nextDigest(digest: string, eventHash: string): string {
  return createHash('sha256').update(`${digest}\n${eventHash}`, 'utf8').digest('hex');
}

function signedContent(
  c: Omit<SignedCheckpoint, 'seq' | 'signature' | 'keyId'> & { keyId: string },
): Buffer {
  return Buffer.from(
    canonicalJson({
      tenant: c.tenant,
      commit: c.position.commit,
      prepare: c.position.prepare,
      events: c.events,
      digest: c.digest,
      keyId: c.keyId,
      signedAt: c.signedAt,
    }),
    'utf8',
  );
}

/** The key that signs checkpoints: Ed25519, PEM (PKCS#8). */
export class CheckpointSigningKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = publicKeyId(this.publicKey);
  }

  static fromPem(pem: string): CheckpointSigningKey {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error('the checkpoint signing key must be an Ed25519 key');
    return new CheckpointSigningKey(key);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(content: Buffer): string {
    return sign(null, content, this.privateKey).toString('base64');
  }
}

export function publicKeyId(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Checkpoints kept in the event store's database (table event_store.checkpoints). */
export class CheckpointStore {
  constructor(private readonly db: SqlDatabase) {}

  async list(tenant: string): Promise<SignedCheckpoint[]> {
    const rows = await this.db.query<{
      tenant_id: string;
      seq: number;
      commit: string | number;
      prepare: string | number;
      events: string | number;
      digest: string;
      key_id: string;
      signed_at: Date;
      signature: string;
    }>('SELECT * FROM event_store.checkpoints WHERE tenant_id = $1 ORDER BY seq', [tenant]);
    return rows.map((r) => ({
      tenant: r.tenant_id,
      seq: r.seq,
      position: { commit: Number(r.commit), prepare: Number(r.prepare) },
      events: Number(r.events),
      digest: r.digest,
      keyId: r.key_id,
      signedAt: r.signed_at.toISOString(),
      signature: r.signature,
    }));
  }

  /**
   * The Jobcenters with events in `store`, whichever adapter holds them: reads `$all` from where
   * the last call stopped and remembers the new Jobcenters (tables known_tenants, tenant_scan).
   */
  async tenants(store: EventStore): Promise<string[]> {
    const [scan] = await this.db.query<{ commit: string | number; prepare: string | number }>(
      'SELECT commit, prepare FROM event_store.tenant_scan WHERE id = 1',
    );
    let from: AllPosition = scan
      ? { commit: Number(scan.commit), prepare: Number(scan.prepare) }
      : START;
    for (;;) {
      const page = await store.readAll({ from, maxCount: 5_000 });
      if (page.events.length === 0) break;
      const found = [...new Set(page.events.map((e) => e.tenant))];
      for (const tenant of found) {
        await this.db.query(
          'INSERT INTO event_store.known_tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING',
          [tenant],
        );
      }
      from = page.next;
      await this.db.query(
        `INSERT INTO event_store.tenant_scan (id, commit, prepare) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET commit = EXCLUDED.commit, prepare = EXCLUDED.prepare`,
        [from.commit, from.prepare],
      );
    }
    const rows = await this.db.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM event_store.known_tenants ORDER BY 1',
    );
    return rows.map((r) => r.tenant_id);
  }

  async add(checkpoint: SignedCheckpoint): Promise<void> {
    await this.db.query(
      `INSERT INTO event_store.checkpoints (tenant_id, seq, commit, prepare, events, digest, key_id, signed_at, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        checkpoint.tenant,
        checkpoint.seq,
        checkpoint.position.commit,
        checkpoint.position.prepare,
        checkpoint.events,
        checkpoint.digest,
        checkpoint.keyId,
        checkpoint.signedAt,
        checkpoint.signature,
      ],
    );
  }
}

/** A Jobcenter's events in $all order, after `from`, read page by page. */
export async function* tenantEvents(
  store: EventStore,
  tenant: string,
  from: AllPosition = START,
): AsyncGenerator<RecordedEvent> {
  let position = from;
  for (;;) {
    const page = await store.readAll({ from: position, tenant, maxCount: 1000 });
    if (page.events.length === 0) return;
    yield* page.events;
    position = page.next;
  }
}

/**
 * Signs a new checkpoint for a Jobcenter if it has events after its last one; continues the
 * digest from the last checkpoint (whose own signature verification vouches for it).
 */
export async function signCheckpoint(
  store: EventStore,
  checkpoints: CheckpointStore,
  key: CheckpointSigningKey,
  tenant: string,
  now: () => Date = () => new Date(),
): Promise<SignedCheckpoint | undefined> {
  const previous = (await checkpoints.list(tenant)).at(-1);
  let digest = previous?.digest ?? GENESIS_HASH;
  let events = previous?.events ?? 0;
  let last: RecordedEvent | undefined;
  for await (const event of tenantEvents(store, tenant, previous?.position)) {
    digest = nextDigest(digest, event.hash);
    events += 1;
    last = event;
  }
  if (!last) return undefined;
  const unsigned = {
    tenant,
    position: last.allPosition,
    events,
    digest,
    keyId: key.keyId,
    signedAt: now().toISOString(),
  };
  const checkpoint: SignedCheckpoint = {
    ...unsigned,
    seq: (previous?.seq ?? 0) + 1,
    signature: key.sign(signedContent(unsigned)),
  };
  await checkpoints.add(checkpoint);
  return checkpoint;
}

/** Signs a checkpoint for every Jobcenter that has events after its last one. */
export async function signAllCheckpoints(
  store: EventStore,
  db: SqlDatabase,
  key: CheckpointSigningKey,
): Promise<number> {
  const checkpoints = new CheckpointStore(db);
  let signed = 0;
  for (const tenant of await checkpoints.tenants(store)) {
    if (await signCheckpoint(store, checkpoints, key, tenant)) signed += 1;
  }
  return signed;
}

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Reads one signed checkpoint as printed by `teilhabe audit checkpoints` (one JSON object per
 * line), for verifying against copies an auditor kept. Throws naming the field and the rule.
 */
export function parseSignedCheckpoint(text: string): SignedCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('is not JSON');
  }
  const c = value as Record<string, unknown> | null;
  const position = c?.position as Record<string, unknown> | undefined;
  const wholeNumber = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const rules: [boolean, string][] = [
    [typeof c === 'object' && c !== null && !Array.isArray(c), 'the line must be a JSON object'],
    [typeof c?.tenant === 'string' && c.tenant !== '', 'tenant must be a Jobcenter id'],
    [wholeNumber(c?.seq), 'seq must be a whole number'],
    [
      typeof position === 'object' &&
        wholeNumber(position?.commit) &&
        wholeNumber(position?.prepare),
      'position must be {commit, prepare} of whole numbers',
    ],
    [wholeNumber(c?.events), 'events must be a whole number'],
    [typeof c?.digest === 'string' && HEX_64.test(c.digest), 'digest must be 64 hex digits'],
    [typeof c?.keyId === 'string' && c.keyId !== '', 'keyId must be a string'],
    [
      typeof c?.signedAt === 'string' && !Number.isNaN(Date.parse(c.signedAt)),
      'signedAt must be an ISO timestamp',
    ],
    [typeof c?.signature === 'string' && c.signature !== '', 'signature must be base64'],
  ];
  const broken = rules.find(([ok]) => !ok);
  if (broken) throw new Error(broken[1]);
  return {
    tenant: c!.tenant as string,
    seq: c!.seq as number,
    position: { commit: position!.commit as number, prepare: position!.prepare as number },
    events: c!.events as number,
    digest: c!.digest as string,
    keyId: c!.keyId as string,
    signedAt: c!.signedAt as string,
    signature: c!.signature as string,
  };
}

/**
 * Recomputes every chain and the running digest of a Jobcenter and checks every checkpoint:
 * those stored with the events and any copies an auditor kept (duplicates count once).
 */
export function verifyTenant(
  store: EventStore,
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject,
  tenant: string,
): Promise<IntegrityReport> {
  return verifyEvents(tenantEvents(store, tenant), checkpoints, publicKey, tenant);
}

/**
 * The same verification over a Jobcenter's events from anywhere (the store, or an export file
 * on an auditor's own machine), given in $all order as they were recorded.
 */
export async function verifyEvents(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject,
  tenant: string,
): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const streams = new Map<string, { version: number; hash: string; broken: boolean }>();
  const keyId = publicKeyId(publicKey);
  const pending: SignedCheckpoint[] = [];
  // Stored checkpoints and copies an auditor kept may overlap: one of each signature, in $all order.
  const distinct = [...new Map(checkpoints.map((c) => [c.signature, c])).values()].sort(
    (a, b) => compareAllPositions(a.position, b.position) || a.seq - b.seq,
  );
  for (const checkpoint of distinct) {
    const genuine =
      checkpoint.keyId === keyId &&
      verify(
        null,
        signedContent(checkpoint),
        publicKey,
        Buffer.from(checkpoint.signature, 'base64'),
      );
    if (genuine) pending.push(checkpoint);
    else
      problems.push({
        kind: 'signature',
        detail: `checkpoint ${checkpoint.seq}: the signature does not verify with the public key`,
      });
  }
  let digest = GENESIS_HASH;
  let count = 0;
  let verified = 0;
  const mismatch = (checkpoint: SignedCheckpoint, why: string) =>
    problems.push({
      kind: 'checkpoint',
      position: checkpoint.position.prepare,
      detail:
        `checkpoint ${checkpoint.seq} (signed ${checkpoint.signedAt}) covers ${checkpoint.events} events up to position ` +
        `${checkpoint.position.prepare}: ${why}; events before it were changed, removed, reordered or inserted`,
    });

  for await (const event of events) {
    // A checkpoint whose position was passed without meeting its event: that event is gone.
    while (pending.length > 0 && compareAllPositions(pending[0]!.position, event.allPosition) < 0) {
      mismatch(pending.shift()!, 'its last event is no longer there');
    }
    digest = nextDigest(digest, event.hash);
    count += 1;
    // (Several checkpoints can end at one event: a kept copy and a re-signed one.)
    while (
      pending.length > 0 &&
      compareAllPositions(pending[0]!.position, event.allPosition) === 0
    ) {
      const checkpoint = pending.shift()!;
      if (checkpoint.events !== count) mismatch(checkpoint, `the store has ${count} events there`);
      else if (checkpoint.digest !== digest)
        mismatch(checkpoint, 'the digest of the events differs');
      else verified += 1;
    }
    const stream = streams.get(event.streamId) ?? { version: 0, hash: GENESIS_HASH, broken: false };
    if (!stream.broken) {
      if (event.version !== stream.version + 1) {
        problems.push({
          kind: 'version',
          streamId: event.streamId,
          version: event.version,
          position: event.position,
          detail: `expected version ${stream.version + 1}: an event is missing, doubled or out of order`,
        });
        stream.broken = true;
      } else {
        const link = chainLink(stream.hash, event.version, {
          tenant,
          streamId: event.streamId,
          recordedAt: event.recordedAt,
          event,
        });
        if (link !== event.hash) {
          problems.push({
            kind: 'chain',
            streamId: event.streamId,
            version: event.version,
            position: event.position,
            detail: 'the stored hash does not match the event: it was changed, or one before it',
          });
          stream.broken = true;
        }
      }
      stream.version = event.version;
      stream.hash = event.hash;
    }
    streams.set(event.streamId, stream);
  }
  for (const checkpoint of pending) mismatch(checkpoint, 'the store ends before it');
  const latest = distinct.at(-1);
  return {
    ok: problems.length === 0,
    tenant,
    events: count,
    streams: streams.size,
    checkpointsVerified: verified,
    latestCheckpoint: latest
      ? { position: latest.position.prepare, events: latest.events, signedAt: latest.signedAt }
      : null,
    eventsAfterLatestCheckpoint: latest ? Math.max(0, count - latest.events) : count,
    problems,
  };
}
