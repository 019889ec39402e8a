/**
 * Two relay processes on one database and a real Kafka broker: exactly one leads (the other
 * stands by, healthy and idle); the leader is SIGKILLed while writers append and the standby
 * takes over within seconds; a leader frozen with SIGSTOP loses its lock session to the
 * server's idle timeout, a standby takes over, and the old leader stands by when it wakes up.
 * Afterwards every acknowledged event is in the topic, in per-case order.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RelayCheckpoints } from '#messaging';
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
import { until } from './support/until.js';

const run = promisify(execFile);
/** The compiled relay, started directly: the CLI would rebuild first whenever a source changed. */
const relayMain = join(ROOT_DIR, 'dist', 'apps', 'relay', 'src', 'main.js');

const setup = relaySetup();

interface RelayProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly port: Promise<number>;
  readonly exited: Promise<void>;
}

function spawnRelay(name: string, env: NodeJS.ProcessEnv): RelayProcess {
  const child = spawn(process.execPath, [relayMain], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // The relay logs its port (PORT=0: any free one) as JSON when it starts.
  const port = new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'relay started' && entry.port) resolve(entry.port);
    });
    void exited.then(() => reject(new Error(`relay ${name} exited before it started`)));
  });
  return { name, child, port, exited };
}

/** teilhabe_relay_leader of a relay process (undefined when it does not answer). */
async function isLeader(relay: RelayProcess): Promise<boolean | undefined> {
  try {
    const text = await (
      await fetch(`http://127.0.0.1:${await relay.port}/metrics`, {
        signal: AbortSignal.timeout(1_000),
      })
    ).text();
    const match = /^teilhabe_relay_leader (\d)/m.exec(text);
    return match ? match[1] === '1' : undefined;
  } catch {
    return undefined;
  }
}

async function health(relay: RelayProcess): Promise<{ code: number; status: string }> {
  const response = await fetch(`http://127.0.0.1:${await relay.port}/health`);
  return { code: response.status, status: ((await response.json()) as { status: string }).status };
}

/** Waits until `relay` leads; the time it took. */
async function untilLeader(relay: RelayProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await isLeader(relay))) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`relay ${relay.name} did not lead within ${timeoutMs} ms`);
    }
    await sleep(25);
  }
  return Date.now() - started;
}

/** Exactly one of the live relays leads: that one. */
async function theLeader(relays: readonly RelayProcess[]): Promise<RelayProcess> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(relays.map(isLeader));
    const leaders = relays.filter((_, i) => states[i] === true);
    if (leaders.length === 1 && states.every((s) => s !== undefined)) return leaders[0]!;
    expect(leaders.length).toBeLessThanOrEqual(1);
    if (Date.now() > deadline) throw new Error(`no single leader: ${JSON.stringify(states)}`);
    await sleep(100);
  }
}

it('a standby relay takes over from a dead one, and from a frozen one', async () => {
  const topic = `teilhabe.events.test-${randomUUID().slice(0, 8)}`;
  const tenant = 'jc-leader';
  const env = {
    ...process.env,
    DATABASE_URL: setup.database.url,
    KAFKA_BROKERS: setup.kafka.brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_TOPIC_PARTITIONS: '3',
    RELAY_BATCH_SIZE: '20',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    CI: 'true',
  };
  await run(CLI_BIN, ['--help'], { env }); // builds the project once, if needed
  const checkpoints = new RelayCheckpoints(setup.store.db);
  const relays = [spawnRelay('a', env), spawnRelay('b', env)];
  const acknowledged: Acknowledged[] = [];
  let stopWriting = false;
  const writing = write(setup.store, tenant, 1_000_000, acknowledged, {
    writers: 2,
    pauseMs: 20,
    stop: () => stopWriting,
  });
  try {
    await Promise.all(relays.map((r) => r.port));
    const first = await theLeader(relays);
    const standby = relays.find((r) => r !== first)!;
    // The leader is healthy once its producer is connected.
    await until('the leader to be healthy', async () => (await health(first)).status === 'ok');
    expect(await health(first)).toEqual({ code: 200, status: 'ok' });
    expect(await health(standby)).toEqual({ code: 200, status: 'standby' });
    // Events flow through the leader.
    const flowing = await checkpoints.load(topic);
    await until('the checkpoint to move', async () => {
      const at = await checkpoints.load(topic);
      return at.prepare > flowing.prepare;
    });

    // 1. The leader dies (SIGKILL) while the writers append.
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    const takeover = await untilLeader(standby, 10_000);
    const afterKill = await checkpoints.load(topic);
    await until('the new leader to relay', async () => {
      const at = await checkpoints.load(topic);
      return at.prepare > afterKill.prepare;
    });
    const relaying = Date.now() - killedAt;
    console.log(
      `[relay-leader] SIGKILL: standby leads after ${takeover} ms, relays again after ${relaying} ms`,
    );
    expect(takeover).toBeLessThan(5_000);

    // 2. The new leader freezes (SIGSTOP: its kernel still answers TCP keepalives); a third
    //    relay stands by and takes over once the server ends the silent lock session.
    const third = spawnRelay('c', env);
    relays.push(third);
    await third.port;
    await until('the third relay to stand by', async () => {
      const { code, status } = await health(third);
      return code === 200 && status === 'standby';
    });
    const frozenAt = Date.now();
    standby.child.kill('SIGSTOP');
    let frozenTakeover: number;
    try {
      frozenTakeover = await untilLeader(third, 30_000);
    } finally {
      standby.child.kill('SIGCONT');
    }
    console.log(`[relay-leader] SIGSTOP: standby leads after ${Date.now() - frozenAt} ms`);
    expect(frozenTakeover).toBeLessThan(20_000);
    // Woken up, the old leader finds its lock session gone and stands by.
    await until('the woken relay to stand by', async () => (await isLeader(standby)) === false);
    expect(await theLeader([standby, third])).toBe(third);

    await sleep(1_000);
    stopWriting = true;
    await writing;
    await waitForCheckpoint(setup.store, topic, await storeEnd(setup.store), 120_000);
  } finally {
    stopWriting = true;
    await writing;
    for (const relay of relays) relay.child.kill('SIGTERM');
    await Promise.all(relays.map((r) => r.exited));
  }
  const messages = await consumeAll(
    setup.kafka.brokers,
    topic,
    new Set(acknowledged.map((a) => a.eventId)),
  );
  const { duplicates } = expectDelivered(messages, acknowledged, tenant);
  console.log(`[relay-leader] ${acknowledged.length} events, ${duplicates} duplicates`);
}, 300_000);
