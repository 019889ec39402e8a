/**
 * A cheap integrity check of a SQL event store, for /health: the chain links of the most recent
 * appends, the version sequence of their streams, and that each Jobcenter's latest signed
 * checkpoint still finds its event. A few index reads and K hashes, where `teilhabe audit
 * verify` recomputes every chain: it notices a changed or removed recent event, a gap in a
 * recently written stream and a store cut back behind its checkpoints, not older damage.
 */
import { GENESIS_HASH, chainLink } from '../hash-chain.js';
import type { SqlDatabase } from '../sql/database.js';
import { toRecordedEvent } from './sql-event-store.js';
import * as sql from './statements.js';

export interface RecentIntegrityProblem {
  /** `chain`: a link does not match; `gap`: a stream misses versions; `checkpoint`: its event is gone. */
  readonly kind: 'chain' | 'gap' | 'checkpoint';
  readonly tenant: string;
  readonly streamId?: string;
  readonly version?: number;
  readonly position?: number;
  readonly detail: string;
}

export interface RecentIntegrity {
  readonly ok: boolean;
  /** How many recent events had their links recomputed. */
  readonly eventsChecked: number;
  readonly problems: readonly RecentIntegrityProblem[];
}

export const RECENT_EVENTS_CHECKED = 64;

export async function checkRecentIntegrity(
  db: SqlDatabase,
  recent = RECENT_EVENTS_CHECKED,
): Promise<RecentIntegrity> {
  const problems: RecentIntegrityProblem[] = [];
  const rows = await db.query<sql.EventRow & { previous_hash: string | null }>(
    sql.RECENT_EVENTS_WITH_PREVIOUS_HASH,
    [recent],
  );
  for (const row of rows) {
    const event = toRecordedEvent(row);
    const at = {
      tenant: event.tenant,
      streamId: event.streamId,
      version: event.version,
      position: event.position,
    };
    const previous = event.version === 1 ? GENESIS_HASH : row.previous_hash;
    if (previous === null) {
      problems.push({ kind: 'gap', ...at, detail: `version ${event.version - 1} is missing` });
      continue;
    }
    const link = chainLink(previous, event.version, {
      tenant: event.tenant,
      streamId: event.streamId,
      recordedAt: event.recordedAt,
      event,
    });
    if (link !== event.hash)
      problems.push({ kind: 'chain', ...at, detail: 'hash does not match content' });
  }
  const streams = [...new Map(rows.map((r) => [`${r.tenant_id}\n${r.stream_id}`, r])).values()];
  if (streams.length > 0) {
    const gaps = await db.query<{
      tenant_id: string;
      stream_id: string;
      events: string | number;
      head: string | number;
    }>(sql.STREAMS_WITH_GAPS, [
      JSON.stringify(streams.map((r) => ({ t: r.tenant_id, s: r.stream_id }))),
    ]);
    for (const gap of gaps) {
      problems.push({
        kind: 'gap',
        tenant: gap.tenant_id,
        streamId: gap.stream_id,
        version: Number(gap.head),
        detail: `${Number(gap.events)} events up to version ${Number(gap.head)}`,
      });
    }
  }
  const lost = await db.query<{ tenant_id: string; seq: number; prepare: string | number }>(
    sql.CHECKPOINTS_WITHOUT_THEIR_EVENT,
  );
  for (const checkpoint of lost) {
    problems.push({
      kind: 'checkpoint',
      tenant: checkpoint.tenant_id,
      position: Number(checkpoint.prepare),
      detail: `the last event of signed checkpoint ${checkpoint.seq} is no longer in the store`,
    });
  }
  return { ok: problems.length === 0, eventsChecked: rows.length, problems };
}
