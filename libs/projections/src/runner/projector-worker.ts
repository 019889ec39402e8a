/**
 * The projector worker process (`teilhabe projections consume`, the `projector-worker`
 * deployment): a member of a Kafka consumer group on the relay's topic that projects the
 * statistics from its share of the partitions (see kafka-projection.ts for why that is exactly
 * once), with /health and /metrics (Prometheus) like the relay. Start as many as there are
 * partitions worth; the group spreads the partitions and moves them when one stops or dies.
 */
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { pino } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { PostgresDatabase, SqlEventStore, type EventStore } from '#event-store';
import { createKafka, processMetrics, startOpsServer } from '#messaging';
import type { PersonKeyLookup } from '../statistics/person-keys.js';
import { StatisticsProjection } from '../statistics/statistics.projection.js';
import { KafkaProjection } from './kafka-projection.js';

/** The worker's settings (read from the environment by libs/config). */
export interface ProjectorWorkerConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  readonly clientId: string;
  /** The read model's schema; one consumer group per schema. */
  readonly schema: string;
  /** Messages per transaction (a fetched batch is cut into chunks of this size). */
  readonly batchSize: number;
  /** Partitions projected at once by this instance (one transaction each). */
  readonly concurrency: number;
  /** How long the group waits for a silent instance before giving its partitions away. */
  readonly sessionTimeoutMs: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

export interface RunningProjectorWorker {
  readonly port: number;
  readonly metrics: Registry;
  stop(): Promise<void>;
}

/** How often progress (events, events/s, partitions) is logged at info level. */
const PROGRESS_INTERVAL_MS = 5_000;
/** A partition whose fetch keeps starting after the stored offset has lost messages. */
const MAX_SEEKS_BACK = 3;

/**
 * `personKeys`: how the worker resolves an enrolment without a person key; Kafka never carries
 * the key, so the lookup reads it from the event store (libs/cases' CasePersonKeys).
 */
export async function startProjectorWorker(
  config: ProjectorWorkerConfig,
  personKeys: (store: EventStore) => PersonKeyLookup,
): Promise<RunningProjectorWorker> {
  const log = pino({
    level: config.logLevel,
    base: { app: 'projector-worker', client: config.clientId },
  });
  const registry = processMetrics();
  const applied = new Counter({
    name: 'teilhabe_projector_worker_events_total',
    help: 'Events applied to the read model by this instance',
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'teilhabe_projector_worker_duplicates_total',
    help: 'Relay duplicates dropped (by stream version)',
    registers: [registry],
  });
  const transactions = new Counter({
    name: 'teilhabe_projector_worker_transactions_total',
    help: 'Committed chunks (read-model change and offset in one transaction)',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'teilhabe_projector_worker_failures_total',
    help: 'Failed batches (database unavailable, a poison message); each is retried',
    registers: [registry],
  });
  const partitionsGauge = new Gauge({
    name: 'teilhabe_projector_worker_partitions',
    help: 'Partitions assigned to this instance',
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'teilhabe_projector_worker_lag_messages',
    help: 'Messages behind the end of each assigned partition, at the last fetch',
    labelNames: ['partition'],
    registers: [registry],
  });

  const db = new PostgresDatabase({
    connectionString: config.databaseUrl,
    maxConnections: config.concurrency + 2,
    applicationName: `teilhabe-projector-${config.clientId}`,
  });
  const projection = new KafkaProjection(
    db,
    new StatisticsProjection({ personKeys: personKeys(new SqlEventStore(db)) }),
    config,
  );
  try {
    await projection.prepare();
  } catch (error) {
    await db.close();
    throw error;
  }
  const kafka = createKafka({
    brokers: config.brokers,
    clientId: config.clientId,
    log: (level, message, extra) => log[level]({ kafka: extra }, message),
  });
  const consumer: Consumer = kafka.consumer({
    groupId: config.groupId,
    sessionTimeout: config.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(config.sessionTimeoutMs / 6)),
    rebalanceTimeout: Math.max(30_000, config.sessionTimeoutMs * 2),
    allowAutoTopicCreation: false,
    // Retries forever, like the relay: the pod stays, /health tells whether it works.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
  });

  let healthy = false;
  let assigned: number[] = [];
  let appliedTotal = 0;
  const seeksBack = new Map<number, { offset: bigint; times: number }>();

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = [...(payload.memberAssignment[config.topic] ?? [])].sort((a, b) => a - b);
    partitionsGauge.set(assigned.length);
    healthy = true;
    log.info(
      { partitions: assigned, memberId: payload.memberId, leader: payload.isLeader },
      'partitions assigned',
    );
    // Start where the read model stands, not where Kafka's committed offsets say (those are
    // only for monitoring). Should a fetch still start elsewhere, the chunk's check catches it.
    void projection.storedOffsets().then(
      (stored) => {
        for (const partition of assigned) {
          const offset = stored.get(partition);
          if (offset !== undefined) {
            consumer.seek({ topic: config.topic, partition, offset: offset.toString() });
          }
        }
      },
      (error: unknown) => log.warn({ err: String(error) }, 'could not read the stored offsets'),
    );
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    healthy = false;
    log.error({ err: payload.error.message, restart: payload.restart }, 'consumer crashed');
  });

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    try {
      await projectBatch(payload);
      healthy = true;
    } catch (error) {
      // kafkajs fetches the batch again after a backoff; until then /health says so.
      healthy = false;
      failures.inc();
      log.error(
        {
          partition: payload.batch.partition,
          err: error instanceof Error ? error.message : String(error),
        },
        'batch failed; retrying',
      );
      throw error;
    }
  };

  const projectBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const { partition } = batch;
    lag.set({ partition: String(partition) }, Number(batch.offsetLag()));
    if (batch.isEmpty()) return;
    // Where this fetch started (kafkajs keeps it on the batch, untyped); the first message's
    // offset is the same on this topic (no compaction, no transaction markers).
    let from = BigInt(
      (batch as { fetchedOffset?: string }).fetchedOffset ?? batch.firstOffset() ?? '0',
    );
    for (let at = 0; at < batch.messages.length; at += config.batchSize) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(at, at + config.batchSize);
      const outcome = await projection.applyChunk(partition, from, chunk);
      if (outcome.kind === 'behind') {
        const previous = seeksBack.get(partition);
        const times = previous?.offset === outcome.storedOffset ? previous.times + 1 : 1;
        seeksBack.set(partition, { offset: outcome.storedOffset, times });
        if (times > MAX_SEEKS_BACK) {
          throw new Error(
            `partition ${partition}: the read model stands at offset ${outcome.storedOffset}, but the topic starts at ${from} (messages deleted by retention?): rebuild from a complete topic`,
          );
        }
        log.warn(
          { partition, fetchedFrom: from.toString(), stored: outcome.storedOffset.toString() },
          'fetch started after the stored offset; seeking back',
        );
        consumer.seek({ topic: config.topic, partition, offset: outcome.storedOffset.toString() });
        return;
      }
      seeksBack.delete(partition);
      const last = chunk.at(-1)!.offset;
      payload.resolveOffset(last);
      from = BigInt(last) + 1n;
      applied.inc(outcome.events);
      duplicates.inc(outcome.duplicates);
      transactions.inc();
      appliedTotal += outcome.events;
      log.debug(
        {
          partition,
          events: outcome.events,
          duplicates: outcome.duplicates,
          alreadyApplied: outcome.alreadyApplied,
          nextOffset: outcome.nextOffset.toString(),
        },
        'chunk committed',
      );
      await payload.heartbeat();
    }
    // For monitoring only (kafka-consumer-groups --describe shows the lag); the stored offset
    // in PostgreSQL is what counts. Fails harmlessly during a rebalance.
    await consumer
      .commitOffsets([{ topic: config.topic, partition, offset: from.toString() }])
      .catch(() => undefined);
  };

  await consumer.connect();
  await consumer.subscribe({ topics: [config.topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: config.concurrency,
    eachBatch,
  });

  let lastTotal = 0;
  let lastAt = Date.now();
  const progress = setInterval(() => {
    const now = Date.now();
    const events = appliedTotal - lastTotal;
    if (events > 0) {
      log.info(
        {
          events,
          eventsPerSecond: Math.round((events * 1000) / (now - lastAt)),
          total: appliedTotal,
          partitions: assigned,
        },
        'progress',
      );
    }
    lastTotal = appliedTotal;
    lastAt = now;
  }, PROGRESS_INTERVAL_MS);
  progress.unref();

  const server = await startOpsServer({
    port: config.port,
    host: config.host,
    registry,
    health: () => ({
      ok: healthy,
      body: { status: healthy ? 'ok' : 'unavailable', partitions: assigned },
    }),
  });
  const { port } = server;
  log.info(
    {
      topic: config.topic,
      group: config.groupId,
      schema: config.schema,
      brokers: config.brokers,
      port,
    },
    'projector worker started',
  );

  return {
    port,
    metrics: registry,
    async stop() {
      clearInterval(progress);
      // Leaving the group hands the partitions over at once instead of after the session timeout.
      await consumer.disconnect();
      await server.close();
      await db.close();
      log.info({ total: appliedTotal }, 'projector worker stopped');
    },
  };
}
