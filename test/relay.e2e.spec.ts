/**
 * The relay against a real Kafka broker (deploy/kafka, or KAFKA_BROKERS) and real PostgreSQL:
 * the broker is stopped and started again while events flow, the relay process is killed with
 * SIGKILL mid-batch again and again; afterwards every acknowledged event is in the topic, the
 * first copy of each in per-case order, duplicates only as at-least-once allows, and a consumer
 * that deduplicates by the event id header sees each exactly once. An independent client (kcat,
 * librdkafka) reads the same topic, so the wire format is plain Kafka.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HEADERS, RelayCheckpoints, startRelay, type PublishedEvent } from '#messaging';
import { startLocalKafka, stopLocalKafka } from './support/kafka-broker.mjs';
import { CLI_BIN, ROOT_DIR } from './support/paths.js';
import {
  consumeAll,
  expectDelivered,
  relaySetup,
  sleep,
  storeEnd,
  waitForCheckpoint,
  write,
  type Acknowledged,
} from './support/relay-checks.js';

const run = promisify(execFile);

const setup = relaySetup();

it('loses nothing while the broker is stopped and started again as events flow', async () => {
  // Stopping the broker needs the local one (deploy/kafka).
  expect(setup.kafka.source).toBe('local'); // stopping the broker needs the local one (deploy/kafka)
  const topic = `teilhabe.events.test-${randomUUID().slice(0, 8)}`;
  const tenant = 'jc-restart';
  const relay = await startRelay({
    databaseUrl: setup.database.url,
    brokers: setup.kafka.brokers,
    topic,
    partitions: 3,
    clientId: 'test-relay',
    batchSize: 50,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
  const acknowledged: Acknowledged[] = [];
  try {
    let stopWriting = false;
    const writing = write(setup.store, tenant, 100_000, acknowledged, {
      writers: 3,
      pauseMs: 10,
      stop: () => stopWriting,
    });
    while (acknowledged.length < 150) await sleep(50);
    await stopLocalKafka(() => undefined);
    const duringOutage = acknowledged.length;
    await sleep(3_000);
    expect(acknowledged.length).toBeGreaterThan(duringOutage); // commands went on meanwhile
    const health = await fetch(`http://127.0.0.1:${relay.port}/health`);
    expect(health.status).toBe(503); // the relay says it cannot publish
    await startLocalKafka(() => undefined);
    await sleep(2_000);
    stopWriting = true;
    await writing;
    await waitForCheckpoint(setup.store, topic, await storeEnd(setup.store), 120_000);
    expect((await fetch(`http://127.0.0.1:${relay.port}/health`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
    expect(metrics).toMatch(/teilhabe_relay_failures_total [1-9]/);
  } finally {
    await relay.stop();
  }
  const messages = await consumeAll(
    setup.kafka.brokers,
    topic,
    new Set(acknowledged.map((a) => a.eventId)),
  );
  const { duplicates } = expectDelivered(messages, acknowledged, tenant);
  console.log(`[relay] broker restart: ${acknowledged.length} events, ${duplicates} duplicates`);
}, 300_000);

it('loses nothing when the relay process is killed mid-batch again and again', async () => {
  const topic = `teilhabe.events.test-${randomUUID().slice(0, 8)}`;
  const acknowledged: Acknowledged[] = [];
  await write(setup.store, 'jc-kill', 4_000, acknowledged, { writers: 4 });
  const end = await storeEnd(setup.store);
  const env = {
    ...process.env,
    DATABASE_URL: setup.database.url,
    KAFKA_BROKERS: setup.kafka.brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_TOPIC_PARTITIONS: '4',
    RELAY_BATCH_SIZE: '10',
    PORT: '0',
    LOG_LEVEL: 'silent',
    CI: 'true',
  };
  await run(CLI_BIN, ['--help'], { env }); // builds the CLI once, if needed
  const checkpoints = new RelayCheckpoints(setup.store.db);
  let midway = 0;
  for (let attempt = 0; attempt < 12 && midway < 3; attempt++) {
    const child = spawn(CLI_BIN, ['relay'], { env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await sleep(1_500 + ((attempt * 313) % 1_000));
    child.kill('SIGKILL');
    await exited;
    const at = await checkpoints.load(topic).catch(() => undefined);
    if (at && at.prepare > 0 && (at.commit !== end.commit || at.prepare !== end.prepare))
      midway += 1;
  }
  expect(midway).toBeGreaterThanOrEqual(2); // killed while it was part-way through
  const last = spawn(CLI_BIN, ['relay'], { env, stdio: 'ignore' });
  const lastExited = new Promise<void>((resolve) => last.on('exit', () => resolve()));
  try {
    await waitForCheckpoint(setup.store, topic, end, 120_000);
  } finally {
    last.kill('SIGTERM');
    await lastExited;
  }
  const messages = await consumeAll(
    setup.kafka.brokers,
    topic,
    new Set(acknowledged.map((a) => a.eventId)),
  );
  const { duplicates } = expectDelivered(messages, acknowledged, 'jc-kill');
  console.log(
    `[relay] ${midway} kills mid-way: ${acknowledged.length} events, ${duplicates} duplicates`,
  );

  // An independent client reads the same topic: plain Kafka, JSON values, our headers.
  await run(join(ROOT_DIR, 'deploy', 'tools', 'ensure-kcat.sh'), [], { env });
  const { stdout } = await run(
    'kcat',
    ['-C', '-b', setup.kafka.brokers[0]!, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'],
    { maxBuffer: 256 * 1024 * 1024, env },
  );
  const records = stdout
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          key: string;
          payload: string;
          partition: number;
          headers?: string[];
        },
    );
  expect(records).toHaveLength(messages.length);
  const ids = new Set<string>();
  for (const record of records) {
    const value = JSON.parse(record.payload) as PublishedEvent;
    expect(record.key).toBe(`${value.tenant}/${value.streamId}`);
    // kcat prints headers as a flat [name, value, name, value, ...] list.
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < (record.headers ?? []).length; i += 2) {
      headers.set(record.headers![i]!, record.headers![i + 1]!);
    }
    expect(headers.get(HEADERS.eventId)).toBe(value.eventId);
    expect(headers.get(HEADERS.type)).toBe(value.type);
    expect(headers.get(HEADERS.tenant)).toBe(value.tenant);
    if (value.tenant === 'jc-kill') ids.add(value.eventId);
  }
  expect([...ids].sort()).toEqual(acknowledged.map((a) => a.eventId).sort());
}, 400_000);
