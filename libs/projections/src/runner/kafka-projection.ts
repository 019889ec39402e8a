/**
 * A projection fed from the Kafka topic instead of `$all`, each partition's offset stored in the
 * read model's transaction: exactly-once effect, duplicates dropped by stream version (why it
 * holds: docs/design/kafka-processes.md).
 */
import {
  applyMigrations,
  type RecordedEvent,
  type SqlDatabase,
  type SqlExecutor,
} from '#event-store';
import { asRecordedEvent, parsePublishedEvent } from '#messaging';
import { assertSchemaName, type Projection } from '../projection.js';
import { KAFKA_OFFSETS_MIGRATIONS } from './kafka-offsets.js';

export interface KafkaProjectionOptions {
  readonly schema: string;
  readonly groupId: string;
  readonly topic: string;
}

export interface PartitionMessage {
  readonly offset: string;
  readonly value: Buffer | string | null;
}

export type ChunkOutcome =
  | {
      readonly kind: 'applied';
      /** The stored offset after the transaction (past the chunk, or further if others were). */
      readonly nextOffset: bigint;
      /** Events handed to the projection. */
      readonly events: number;
      /** Relay duplicates dropped by stream version. */
      readonly duplicates: number;
      /** Messages below the stored offset: applied before (by this or another instance). */
      readonly alreadyApplied: number;
      readonly tenants: ReadonlySet<string>;
      readonly lastRecordedAt: string | undefined;
    }
  | {
      /** The chunk starts after the stored offset: nothing applied; seek to `storedOffset`. */
      readonly kind: 'behind';
      readonly storedOffset: bigint;
    };

export class StreamGapError extends Error {
  override name = 'StreamGapError';
}

export class KafkaProjection {
  private readonly schema: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly projection: Projection,
    private readonly options: KafkaProjectionOptions,
  ) {
    this.schema = assertSchemaName(options.schema);
  }

  /**
   * Creates the read model's and the offsets' tables, and refuses a schema that something else
   * feeds: the polling runner (a checkpoint row) or another group or topic (offset rows).
   */
  async prepare(): Promise<void> {
    const s = this.schema;
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`teilhabe-projection:${s}`]);
      await this.projection.createSchema(tx, s);
      await applyMigrations(tx, 'kafka-offsets', KAFKA_OFFSETS_MIGRATIONS, { schema: s });
      const [polled] = await tx.query<{ projection: string }>(
        `SELECT projection FROM ${s}.checkpoint WHERE projection = $1`,
        [this.projection.name],
      );
      if (polled) {
        throw new Error(
          `schema ${s} is fed by the polling projection runner (it has a checkpoint row): give the consumer group a schema of its own`,
        );
      }
      const [other] = await tx.query<{ group_id: string; topic: string }>(
        `SELECT group_id, topic FROM ${s}.kafka_offsets WHERE (group_id, topic) <> ($1, $2) LIMIT 1`,
        [this.options.groupId, this.options.topic],
      );
      if (other) {
        throw new Error(
          `schema ${s} is fed by consumer group ${other.group_id} on topic ${other.topic}: one group and topic per schema`,
        );
      }
    });
  }

  /** The stored next offset of every partition that has one. */
  async storedOffsets(): Promise<Map<number, bigint>> {
    const rows = await this.db.query<{ partition: number; next_offset: string | number }>(
      `SELECT partition, next_offset FROM ${this.schema}.kafka_offsets WHERE group_id = $1 AND topic = $2`,
      [this.options.groupId, this.options.topic],
    );
    return new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
  }

  /**
   * Applies a chunk of one partition's messages, in offset order without holes, fetched from
   * `fetchedFrom` on (the first message may lie after it: Kafka returns what it has from there).
   */
  async applyChunk(
    partition: number,
    fetchedFrom: bigint,
    messages: readonly PartitionMessage[],
    beforeCommit?: () => Promise<void>,
  ): Promise<ChunkOutcome> {
    return this.db.transaction(async (tx) => {
      const outcome = await this.applyChunkIn(tx, partition, fetchedFrom, messages);
      if (outcome.kind === 'applied' && outcome.events + outcome.duplicates > 0) {
        await beforeCommit?.();
      }
      return outcome;
    });
  }

  private async applyChunkIn(
    tx: SqlExecutor,
    partition: number,
    fetchedFrom: bigint,
    messages: readonly PartitionMessage[],
  ): Promise<ChunkOutcome> {
    const s = this.schema;
    const key = [this.options.groupId, this.options.topic, partition] as const;
    await tx.query(
      `INSERT INTO ${s}.kafka_offsets (group_id, topic, partition) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [...key],
    );
    const [row] = await tx.query<{ next_offset: string | number }>(
      `SELECT next_offset FROM ${s}.kafka_offsets
       WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
      [...key],
    );
    const stored = BigInt(row!.next_offset);
    if (fetchedFrom > stored) return { kind: 'behind', storedOffset: stored };
    const fresh = messages.filter((m) => BigInt(m.offset) >= stored);
    const alreadyApplied = messages.length - fresh.length;
    const last = fresh.at(-1);
    if (!last) {
      return {
        kind: 'applied',
        nextOffset: stored,
        events: 0,
        duplicates: 0,
        alreadyApplied,
        tenants: new Set(),
        lastRecordedAt: undefined,
      };
    }

    const parsed = fresh.map((m) => ({
      offset: m.offset,
      ...parsePublishedEvent(m.value, `${this.options.topic}/${partition}@${m.offset}`),
    }));
    const streams = new Map<string, { tenant: string; streamId: string }>();
    for (const { event } of parsed) {
      streams.set(`${event.tenant}/${event.streamId}`, {
        tenant: event.tenant,
        streamId: event.streamId,
      });
    }
    const versions = new Map<string, number>();
    const known = await tx.query<{ tenant: string; stream_id: string; version: number }>(
      `SELECT v.tenant, v.stream_id, v.version
       FROM ${s}.kafka_stream_versions v
       JOIN jsonb_to_recordset($1::jsonb) AS k(tenant text, stream_id text)
         ON v.tenant = k.tenant AND v.stream_id = k.stream_id`,
      [
        JSON.stringify(
          [...streams.values()].map(({ tenant, streamId }) => ({ tenant, stream_id: streamId })),
        ),
      ],
    );
    for (const r of known) versions.set(`${r.tenant}/${r.stream_id}`, r.version);

    const events: RecordedEvent[] = [];
    const changed = new Set<string>();
    let duplicates = 0;
    let position = 0;
    for (const { offset, kind, event } of parsed) {
      const stream = `${event.tenant}/${event.streamId}`;
      const applied = versions.get(stream) ?? 0;
      if (event.version <= applied) {
        duplicates += 1;
        continue;
      }
      if (event.version !== applied + 1) {
        throw new StreamGapError(
          `${this.options.topic}/${partition}@${offset}: ${stream} version ${event.version} follows version ${applied}; ` +
            'events are missing from the topic (retention, or a changed partition count), so the figures would be wrong',
        );
      }
      versions.set(stream, event.version);
      changed.add(stream);
      position = Math.max(position, event.position);
      // A type (or schema version) this code does not know yet is skipped, but counted as seen.
      if (kind === 'known') events.push(asRecordedEvent(event));
    }

    const effect =
      events.length > 0
        ? await this.projection.apply(events, tx, s)
        : { tenants: new Set<string>() };
    if (changed.size > 0) {
      await tx.query(
        `INSERT INTO ${s}.kafka_stream_versions (tenant, stream_id, version)
         SELECT x.tenant, x.stream_id, x.version
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, stream_id text, version integer)
         ON CONFLICT (tenant, stream_id) DO UPDATE SET version = excluded.version`,
        [
          JSON.stringify(
            [...changed].map((stream) => ({
              tenant: streams.get(stream)!.tenant,
              stream_id: streams.get(stream)!.streamId,
              version: versions.get(stream)!,
            })),
          ),
        ],
      );
    }
    const nextOffset = BigInt(last.offset) + 1n;
    await tx.query(
      `UPDATE ${s}.kafka_offsets
       SET next_offset = $4, position = GREATEST(position, $5), events = events + $6,
           duplicates = duplicates + $7, updated_at = now()
       WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [...key, nextOffset.toString(), position, events.length, duplicates],
    );
    return {
      kind: 'applied',
      nextOffset,
      events: events.length,
      duplicates,
      alreadyApplied,
      tenants: effect.tenants,
      lastRecordedAt: events.at(-1)?.recordedAt,
    };
  }
}
