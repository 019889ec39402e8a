/**
 * The relay process: event store, Kafka producer, relay loop (only as leader) and /health and
 * /metrics; see docs/design/kafka-processes.md.
 */
import { pino } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  openPostgresEventStore,
  runAsLeader,
  type LeaderState,
  type SqlEventStore,
} from '#event-store';
import { connectProducer, createKafka, ensureTopic } from './kafka.js';
import { processMetrics, startOpsServer } from './ops.js';
import { EventRelay, RelayCheckpoints } from './relay.js';

/** The relay's settings (read from the environment by libs/config). */
export interface RelayConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly partitions: number;
  readonly clientId: string;
  readonly batchSize: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

export interface RunningRelay {
  readonly port: number;
  readonly metrics: Registry;
  stop(): Promise<void>;
}

export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  const log = pino({ level: config.logLevel, base: { app: 'relay' } });
  const registry = processMetrics();
  const published = new Counter({
    name: 'teilhabe_relay_published_total',
    help: 'Events acknowledged by the broker',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'teilhabe_relay_failures_total',
    help: 'Failed attempts (broker or database unavailable); each is retried',
    registers: [registry],
  });
  const position = new Gauge({
    name: 'teilhabe_relay_checkpoint_position',
    help: 'Global position of the last event relayed',
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'teilhabe_relay_lag_seconds',
    help: 'Age of the last relayed event when the broker acknowledged it',
    registers: [registry],
  });
  const leader = new Gauge({
    name: 'teilhabe_relay_leader',
    help: '1 while this process is the relaying leader, 0 while it stands by',
    registers: [registry],
  });

  const store: SqlEventStore = await openPostgresEventStore({
    connectionString: config.databaseUrl,
  });
  const checkpoints = new RelayCheckpoints(store.db);
  await checkpoints.migrate();
  const kafka = createKafka({
    brokers: config.brokers,
    clientId: config.clientId,
    log: (level, message, extra) => log[level]({ kafka: extra }, message),
  });
  let healthy = false;
  let lastBatchAt = Date.now();
  const relay = new EventRelay(
    store,
    checkpoints,
    async () => {
      await ensureTopic(kafka, config.topic, config.partitions);
      const producer = await connectProducer(kafka);
      healthy = true;
      return producer;
    },
    {
      name: config.topic,
      topic: config.topic,
      batchSize: config.batchSize,
      onBatch: (batch) => {
        healthy = true;
        lastBatchAt = Date.now();
        published.inc(batch.published);
        position.set(batch.position.prepare);
        if (batch.lastRecordedAt) lag.set((Date.now() - Date.parse(batch.lastRecordedAt)) / 1000);
        log.debug({ read: batch.read, published: batch.published }, 'relayed');
      },
      onError: (error, attempt) => {
        healthy = false;
        failures.inc();
        log.warn(
          { attempt, err: error instanceof Error ? error.message : String(error) },
          'relay attempt failed; retrying',
        );
      },
    },
  );
  const controller = new AbortController();
  let role: LeaderState = 'disconnected';
  const running = runAsLeader(
    {
      connectionString: config.databaseUrl,
      name: `relay:${config.topic}`,
      onState: (state) => {
        role = state;
        leader.set(state === 'leader' ? 1 : 0);
        // A new leader is healthy once its producer connects.
        if (state === 'leader') healthy = false;
        log.info({ state }, state === 'leader' ? 'leading: relaying' : `relay ${state}`);
      },
      onError: (error) =>
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'leader lock'),
    },
    controller.signal,
    (term) => relay.run(term),
  );

  const server = await startOpsServer({
    port: config.port,
    host: config.host,
    registry,
    health: () => {
      // A standby is ready (it can take over) but idle.
      const status =
        role === 'standby' ? 'standby' : role === 'leader' && healthy ? 'ok' : 'unavailable';
      return {
        ok: status !== 'unavailable',
        body: { status, lastBatchSecondsAgo: Math.round((Date.now() - lastBatchAt) / 1000) },
      };
    },
  });
  const { port } = server;
  log.info({ topic: config.topic, brokers: config.brokers, port }, 'relay started');

  return {
    port,
    metrics: registry,
    async stop() {
      controller.abort();
      await running;
      await server.close();
      await store.close();
      log.info('relay stopped');
    },
  };
}
