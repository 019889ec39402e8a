/** Writing a legacy import's cases: a batch of new case streams in one transaction, sealed. */
import { caseStreamId, type DomainEvent } from '#domain';
import type { JsonObject, NewEvent, SqlEventStore } from '#event-store';
import { sealWith, type CaseKey, type PersonalDataVault } from '#privacy';
import { eventEnvelope, type EnvelopeMetadata } from '../envelope.js';
import { caseEventId, caseSeed } from './legacy-ids.js';
import { LegacyRecordError, type LegacyCase } from './legacy-record.js';

export type Batch = {
  tenant: string;
  cases: { line: number; record: LegacyCase; events: DomainEvent[] }[];
  events: number;
};

export function existsError(line: number, record: LegacyCase): LegacyRecordError {
  return new LegacyRecordError(
    line,
    'caseId',
    'unique',
    `case ${record.caseId} already exists in ${record.jobcenter}`,
  );
}

/** One transaction of new case streams; returns how many an earlier run had written. */
export async function writeBatch(
  store: SqlEventStore,
  vault: PersonalDataVault,
  batch: Batch,
  envelope: EnvelopeMetadata,
): Promise<number> {
  const tenant = batch.tenant;
  const streams = batch.cases.map((c) => caseStreamId(c.record.caseId.toLowerCase()));
  const existing = await store.db.query<{ stream_id: string; event_id: string }>(
    `SELECT stream_id, event_id::text AS event_id FROM event_store.events
     WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) AND stream_version = 1`,
    [tenant, streams],
  );
  const firstIds = new Map(existing.map((row) => [row.stream_id, row.event_id]));
  const fresh = batch.cases.filter((c, i) => {
    const stored = firstIds.get(streams[i]!);
    if (stored === undefined) return true;
    const ours = caseEventId(caseSeed(c.record), 0);
    if (stored !== ours) throw existsError(c.line, c.record);
    return false;
  });
  if (fresh.length === 0) return batch.cases.length;
  const keys: Map<string, CaseKey> = await vault.caseKeys(
    tenant,
    fresh.map((c) => c.record.caseId.toLowerCase()),
  );
  await store.appendNewStreams(
    fresh.map((c) => {
      const caseId = c.record.caseId.toLowerCase();
      const streamId = caseStreamId(caseId);
      const key = keys.get(caseId)!;
      const seed = caseSeed(c.record);
      const seal = (personal: DomainEvent['personal']) =>
        personal
          ? (sealWith(
              tenant,
              caseId,
              key,
              personal as unknown as JsonObject,
            ) as unknown as JsonObject)
          : null;
      return {
        tenant,
        streamId,
        events: c.events.map((event, i): NewEvent =>
          eventEnvelope(event, caseEventId(seed, i), envelope, seal(event.personal)),
        ),
      };
    }),
  );
  return batch.cases.length - fresh.length;
}
