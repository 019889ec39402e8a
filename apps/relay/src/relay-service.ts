/**
 * The relay process: the event store on PostgreSQL, the Kafka producer, the relay loop, and a
 * small HTTP server for /health and /metrics (Prometheus).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { openPostgresEventStore, type SqlEventStore } from '#event-store';
import {
  EventRelay,
  RelayCheckpoints,
  connectProducer,
  createKafka,
  ensureTopic,
} from '#messaging';
import type { RelayConfig } from './config.js';

export interface RunningRelay {
  readonly port: number;
  readonly metrics: Registry;
  stop(): Promise<void>;
}

export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  const log = pino({ level: config.logLevel, base: { app: 'relay' } });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
  const running = relay.run(controller.signal);

  const server: Server = createServer((request, response) => {
    if (request.url === '/health') {
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: healthy ? 'ok' : 'unavailable',
          lastBatchSecondsAgo: Math.round((Date.now() - lastBatchAt) / 1000),
        }),
      );
    } else if (request.url === '/metrics') {
      void registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      });
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"status":404}');
    }
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  log.info({ topic: config.topic, brokers: config.brokers, port }, 'relay started');

  return {
    port,
    metrics: registry,
    async stop() {
      controller.abort();
      await running;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      log.info('relay stopped');
    },
  };
}
