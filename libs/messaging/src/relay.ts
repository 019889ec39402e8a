/**
 * The relay: tails `$all` from a stored checkpoint and publishes each domain event to Kafka, at
 * least once and in order per case (why it holds: docs/design/kafka-processes.md).
 */
import type { EventStore, SqlDatabase } from '#event-store';
import { START, loadMigrations, migrate, toSafeInteger, type AllPosition } from '#event-store';
import { toMessage } from './event-message.js';

/** The one thing the relay needs of a Kafka producer (kafkajs's `Producer` fits). */
export interface MessageSender {
  send(record: {
    topic: string;
    acks: number;
    messages: { key: string; value: string; headers: Record<string, string> }[];
  }): Promise<unknown>;
  disconnect?(): Promise<void>;
}

export const RELAY_MIGRATIONS = loadMigrations(new URL('./migrations/', import.meta.url));

/** Where the relay stands, in the event store's database (schema `messaging`). */
export class RelayCheckpoints {
  constructor(private readonly db: SqlDatabase) {}

  async migrate(): Promise<void> {
    await migrate(this.db, 'messaging', RELAY_MIGRATIONS);
  }

  async load(name: string): Promise<AllPosition> {
    const [row] = await this.db.query<{ commit: string; prepare: string }>(
      'SELECT commit, prepare FROM messaging.relay_checkpoints WHERE name = $1',
      [name],
    );
    return row
      ? {
          commit: toSafeInteger(row.commit, 'relay checkpoint commit'),
          prepare: toSafeInteger(row.prepare, 'relay checkpoint prepare'),
        }
      : START;
  }

  /** Moves the checkpoint forward only: a late writer can never move it back. */
  async save(name: string, position: AllPosition, published: number): Promise<void> {
    await this.db.query(
      `INSERT INTO messaging.relay_checkpoints (name, commit, prepare, events) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET commit = EXCLUDED.commit, prepare = EXCLUDED.prepare,
         events = messaging.relay_checkpoints.events + EXCLUDED.events, updated_at = now()
       WHERE (messaging.relay_checkpoints.commit, messaging.relay_checkpoints.prepare)
           < (EXCLUDED.commit, EXCLUDED.prepare)`,
      [name, position.commit, position.prepare, published],
    );
  }
}

export interface RelayOptions {
  /** The checkpoint's name; one per topic. */
  readonly name: string;
  readonly topic: string;
  /** Events read and sent at once. Default 500. */
  readonly batchSize?: number;
  /** Wait when caught up. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Longest wait between attempts while the broker or database fails. Default 5 s. */
  readonly maxBackoffMs?: number;
  readonly onError?: (error: unknown, attempt: number) => void;
  readonly onBatch?: (batch: RelayedBatch) => void;
}

export interface RelayedBatch {
  /** Events read from `$all`. */
  readonly read: number;
  /** Messages acknowledged by the broker (domain events among those read). */
  readonly published: number;
  readonly position: AllPosition;
  /** When the batch's last event was recorded (for the lag). */
  readonly lastRecordedAt?: string;
}

export class EventRelay {
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: RelayCheckpoints,
    /** Called again after a failed send, so a broken connection is replaced by a new producer. */
    private readonly sender: () => Promise<MessageSender>,
    private readonly options: RelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  /** Relays one batch after the checkpoint; `read: 0` when there is nothing new. */
  async relayBatch(producer: MessageSender): Promise<RelayedBatch> {
    const from = await this.checkpoints.load(this.options.name);
    const page = await this.store.readAll({ from, maxCount: this.batchSize });
    if (page.events.length === 0) return { read: 0, published: 0, position: from };
    const messages = page.events.flatMap((event) => {
      const message = toMessage(event);
      return message ? [{ ...message }] : [];
    });
    if (messages.length > 0) {
      await producer.send({ topic: this.options.topic, acks: -1, messages });
    }
    // Acknowledged by the broker: only now may the checkpoint move past the batch.
    await this.checkpoints.save(this.options.name, page.next, messages.length);
    return {
      read: page.events.length,
      published: messages.length,
      position: page.next,
      lastRecordedAt: page.events.at(-1)!.recordedAt,
    };
  }

  /** Relays until the signal aborts; failures are reported and retried with backoff, forever. */
  async run(signal: AbortSignal): Promise<void> {
    let producer: MessageSender | undefined;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        producer ??= await this.sender();
        const batch = await this.relayBatch(producer);
        attempt = 0;
        if (batch.read > 0) this.options.onBatch?.(batch);
        else await sleep(this.options.pollIntervalMs ?? 100, signal);
      } catch (error) {
        if (signal.aborted) break;
        attempt += 1;
        this.options.onError?.(error, attempt);
        // A new producer (and connection) on the next attempt.
        await producer?.disconnect?.().catch(() => undefined);
        producer = undefined;
        const backoff = Math.min(this.options.maxBackoffMs ?? 5_000, 100 * 2 ** attempt);
        await sleep(backoff * (0.5 + Math.random() / 2), signal);
      }
    }
    await producer?.disconnect?.().catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
