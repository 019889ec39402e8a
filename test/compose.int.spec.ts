/**
 * docker-compose.yml cannot be started here (no Docker engine), so this test reads it and checks
 * that it fits together: every service runs something, dependencies and health checks match,
 * ports do not collide, each app's environment passes that app's own configuration check, the
 * URLs point at the services and credentials that exist, and Kafka is the version the tests use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { EVENTS_TOPIC } from '#messaging';
import { generateKeysCommand } from '../apps/cli/src/commands/keys.js';
import { createProgram } from '../apps/cli/src/program.js';
import { loadConfig, loadRelayConfig } from '#config';
import { kafkaVersion } from './support/kafka-broker.mjs';
import { ROOT_DIR } from './support/paths.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const text = readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8');

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}. */
function interpolate(source: string, env: Record<string, string | undefined>): string {
  return source.replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?::([?-])([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    },
  );
}

function compose(env: Record<string, string | undefined>): Compose {
  // Secrets hold newlines: quote them as YAML strings.
  const quoted = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined ? v : JSON.stringify(v).slice(1, -1)]),
  );
  return parse(interpolate(text, quoted), { merge: true }) as Compose;
}

const secrets = parseEnv(generateKeysCommand()) as Record<string, string>;
const stack = compose(secrets);
const { services } = stack;

it('refuses to come up without the secrets of .env, naming the command that makes them', () => {
  expect(() => compose({})).toThrow(/AUTH_SECRET: run npx teilhabe keys generate > .env first/);
  expect(Object.keys(services).sort()).toEqual(
    ['kafka', 'kurrentdb', 'postgres', 'relay', 'teilhabe'].sort(),
  );
});

it('runs something in every service, waits only for what exists and can report healthy', () => {
  for (const [name, service] of Object.entries(services)) {
    expect({ name, runs: Boolean(service.image ?? service.build) }).toEqual({ name, runs: true });
    if (service.build) {
      expect(existsSync(join(ROOT_DIR, service.build.context, service.build.dockerfile))).toBe(
        true,
      );
    }
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(Object.keys(services)).toContain(dependency);
      if (condition === 'service_healthy') {
        expect({ dependency, healthcheck: Boolean(services[dependency]!.healthcheck) }).toEqual({
          dependency,
          healthcheck: true,
        });
      }
    }
  }
  const hostPorts = Object.values(services).flatMap((s) =>
    (s.ports ?? []).map((p) => p.split(':')[0]),
  );
  expect(new Set(hostPorts).size).toBe(hostPorts.length);
  // Every named volume that a service mounts is declared.
  const mounted = Object.values(services).flatMap((s) =>
    ((s as { volumes?: string[] }).volumes ?? []).map((v) => v.split(':')[0]!),
  );
  for (const volume of mounted) expect(Object.keys(stack.volumes)).toContain(volume);
});

it("gives each app an environment that passes the app's own configuration check", () => {
  const teilhabe = loadConfig(services.teilhabe!.environment);
  const relay = loadRelayConfig(services.relay!.environment);
  const postgres = services.postgres!.environment!;
  for (const url of [teilhabe.databaseUrl!, relay.databaseUrl]) {
    const parsed = new URL(url);
    expect(parsed.hostname).toBe('postgres');
    expect(decodeURIComponent(parsed.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(parsed.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(parsed.pathname.slice(1)).toBe(postgres.POSTGRES_DB);
  }
  // The relay talks to the broker's listener for containers, on the published topic.
  const advertised = services.kafka!.environment!.KAFKA_ADVERTISED_LISTENERS!.split(',');
  const internal = advertised.find((l) =>
    l.startsWith(`${services.kafka!.environment!.KAFKA_INTER_BROKER_LISTENER_NAME}://`),
  )!;
  expect(relay.brokers).toEqual([internal.split('://')[1]]);
  expect(relay.topic).toBe(EVENTS_TOPIC);
  // The relay's command is a command the CLI has, and its port is the one published.
  expect(services.relay!.command!.slice(-1)).toEqual(['relay']);
  const io = { out: () => undefined, err: () => undefined, env: {} };
  expect(createProgram(io).commands.map((c) => c.name())).toContain('relay');
  expect(services.relay!.ports).toContain(`${relay.port}:${relay.port}`);
  expect(services.teilhabe!.ports).toContain(`${teilhabe.port}:${teilhabe.port}`);
});

it('runs the Kafka version the tests run against', () => {
  expect(services.kafka!.image).toBe(`apache/kafka:${kafkaVersion()}`);
  expect(services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
});
