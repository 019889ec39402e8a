// Finds a real Kafka broker for the tests: KAFKA_BROKERS, else an apache/kafka container, else
// deploy/kafka/ensure-running.sh; none is an error. Not in the global setup: only the Kafka suites
// need it and it takes seconds to start, so they call findKafka(); cached per jest worker.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import { freePort } from './free-port.mjs';

const { Kafka, logLevel } = kafkajs;
const run = promisify(execFile);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KAFKA_DIR = join(ROOT, 'deploy', 'kafka');
const CACHE_VARIABLE = 'TEILHABE_TEST_KAFKA';
/** The first fetch of the jars from Maven Central may take minutes on a slow line. */
const SCRIPT_TIMEOUT_MS = 15 * 60_000;

const defaultLog = (line) => process.stderr.write(`[test services] ${line}\n`);

/** The broker version, set once in deploy/kafka/pom.xml; the container image uses the same. */
export function kafkaVersion() {
  const pom = readFileSync(join(KAFKA_DIR, 'pom.xml'), 'utf8');
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error('deploy/kafka/pom.xml has no <kafka.version> property');
  return match[1].trim();
}

function localBrokers() {
  return [`127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`];
}

/** True when a broker answers a metadata request within the given time. */
export async function kafkaAnswers(brokers, timeoutMs = 10_000) {
  const admin = new Kafka({
    clientId: 'teilhabe-test-probe',
    brokers,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return true;
    } catch {
      // not (yet) answering
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function script(name, log) {
  const path = join(KAFKA_DIR, name);
  try {
    const { stdout, stderr } = await run('bash', [path], {
      cwd: ROOT,
      timeout: SCRIPT_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const line of `${stdout}${stderr}`.split('\n').filter(Boolean)) log(line);
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`deploy/kafka/${name} failed (${error.message.split('\n')[0]}):\n${output}`, {
      cause: error,
    });
  }
}

async function fromTestcontainers(log) {
  let client;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    client = await getContainerRuntimeClient();
  } catch (error) {
    // testcontainers 11 rejects with "Could not find a working container runtime strategy".
    log(`testcontainers: no container runtime (${String(error.message).split('\n')[0]})`);
    return undefined;
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  // The broker must advertise the address clients reach it by, which for a container is the
  // host port: bind a port chosen here to the same port inside, so it is known before start.
  const host = client.info.containerRuntime.host;
  const port = await freePort();
  const image = `apache/kafka:${kafkaVersion()}`;
  log(`testcontainers: starting ${image} on ${host}:${port}`);
  const container = await new GenericContainer(image)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      CLUSTER_ID: 'teilhabe-test-kafka-01',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(180_000)
    .start();
  return { brokers: [`${host}:${port}`], source: 'testcontainers', container };
}

/** @type {Promise<{ brokers: string[], source: string }> | undefined} */
let pending;

/**
 * The broker for this process: found (and, if need be, started) on the first call, the same
 * answer afterwards. The local broker is started again if an earlier suite left it stopped.
 * @param {(line: string) => void} [log]
 * @returns {Promise<{ brokers: string[], source: string }>}
 */
export async function findKafka(log = defaultLog) {
  const cached = process.env[CACHE_VARIABLE];
  if (cached) {
    const kafka = JSON.parse(cached);
    if (kafka.source === 'local') await script('ensure-running.sh', log);
    return kafka;
  }
  pending ??= search(log).then(
    (kafka) => {
      log(`Kafka (${kafka.source}): ${kafka.brokers.join(',')}`);
      process.env[CACHE_VARIABLE] = JSON.stringify(kafka);
      return kafka;
    },
    (error) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

async function search(log) {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) {
    const brokers = fromEnv
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean);
    if (!(await kafkaAnswers(brokers))) {
      throw new Error(`Kafka at KAFKA_BROKERS does not answer: ${brokers.join(',')}`);
    }
    return { brokers, source: 'environment' };
  }
  const container = await fromTestcontainers(log);
  if (container) {
    // Stopped with the process (testcontainers' reaper), like the other containers of a run.
    return { brokers: container.brokers, source: container.source };
  }
  try {
    await script('ensure-running.sh', log);
  } catch (error) {
    throw new Error(
      'No Kafka broker found for the tests: set KAFKA_BROKERS, start Docker, or make ' +
        `deploy/kafka/ensure-running.sh work (needs java 17+ and mvn). ${error.message}`,
      { cause: error },
    );
  }
  const brokers = localBrokers();
  if (!(await kafkaAnswers(brokers, 60_000))) {
    throw new Error(`deploy/kafka/ensure-running.sh ran but ${brokers.join(',')} does not answer`);
  }
  return { brokers, source: 'local' };
}

async function requireLocal(action) {
  const cached = process.env[CACHE_VARIABLE];
  const kafka = cached ? JSON.parse(cached) : await findKafka();
  if (kafka.source !== 'local') {
    throw new Error(
      `Cannot ${action} a Kafka broker that came from ${kafka.source} ` +
        `(${kafka.brokers.join(',')}): only the local broker of deploy/kafka is restarted by tests.`,
    );
  }
}

/** Stops the local broker (deploy/kafka/stop.sh); its data stays for startLocalKafka(). */
export async function stopLocalKafka(log = defaultLog) {
  await requireLocal('stop');
  await script('stop.sh', log);
}

/** Starts the local broker again (deploy/kafka/ensure-running.sh) and waits until it answers. */
export async function startLocalKafka(log = defaultLog) {
  await requireLocal('start');
  await script('ensure-running.sh', log);
  const brokers = localBrokers();
  if (!(await kafkaAnswers(brokers, 60_000))) {
    throw new Error(`deploy/kafka/ensure-running.sh ran but ${brokers.join(',')} does not answer`);
  }
}
