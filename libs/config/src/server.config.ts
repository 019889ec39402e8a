/**
 * The HTTP servers' settings (`main.js [teilhabe|case-api|projector]`, and the CLI, which works
 * on the same store with the same keys), from the environment.
 */
import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import {
  DEFAULT_PORTS,
  EnvironmentReader,
  processEnvironment,
  type Environment,
} from './environment.js';

export type EventStoreKind = 'postgres' | 'kurrentdb';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Embedded mode keeps PGlite's data here; also the home of local development keys. */
  readonly dataDir: string;
  /** Set: PostgreSQL server mode. Unset: embedded PGlite under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /**
   * A streaming replica of DATABASE_URL (READ_DATABASE_URL): statistics and audit reads go
   * there, commands and projections stay on the primary. Unset: everything on DATABASE_URL.
   */
  readonly readDatabaseUrl: string | undefined;
  readonly eventStore: EventStoreKind;
  /** KurrentDB connection string (KURRENTDB_URL); required with EVENT_STORE=kurrentdb. */
  readonly kurrentdbUrl: string | undefined;
  readonly logLevel: LogLevel;
  readonly auth: AuthConfig;
  /** Requests per minute and caller (token subject, or address when unauthenticated). */
  readonly rateLimitPerMinute: number;
  /** Proxies in front, failed authentications and live streams (see {@link readClientLimits}). */
  readonly clients: ClientLimitsConfig;
  /** The master key personal data keys are wrapped with (see libs/privacy). */
  readonly encryption: EncryptionConfig;
  /** The secret of the pseudonymous person keys (PERSON_KEY_SECRET), or derived from the master key. */
  readonly personKeySecret?: Buffer | undefined;
  /** The Ed25519 key that signs the integrity checkpoints (PEM), or embedded mode's own. */
  readonly checkpointSigningKey:
    { readonly kind: 'pem'; readonly pem: string } | { readonly kind: 'development-key' };
  /** Seconds between signed checkpoints (0: only on demand). */
  readonly checkpointIntervalSeconds: number;
  /**
   * Where the statistics come from (STATISTICS_SOURCE): `events`, this process projects them
   * from the event store itself; `kafka`, `teilhabe projections consume` workers fill the read
   * model from the Kafka topic and this process only serves it.
   */
  readonly statisticsSource: 'events' | 'kafka';
}

export type EncryptionConfig =
  | { readonly kind: 'key'; readonly current: Buffer; readonly previous: readonly Buffer[] }
  | { readonly kind: 'development-key' };

function decodeKey(text: string): Buffer | undefined {
  const bytes = Buffer.from(text.trim(), /^[0-9a-fA-F]{64}$/.test(text.trim()) ? 'hex' : 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/**
 * Fewer distinct bytes than this in a 32-byte key means it was not drawn at random (an all-zero
 * key, a repeated pattern, a typed word): 32 random bytes have about 30 distinct values, and fewer
 * than 16 happens with a probability below 1e-12.
 */
const MIN_DISTINCT_KEY_BYTES = 16;

function looksRandom(key: Buffer): boolean {
  return new Set(key).size >= MIN_DISTINCT_KEY_BYTES;
}

/** A JWKS URL may be plain http only to the same host (a sidecar): nothing crosses a network. */
function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * How bearer tokens are checked: a shared HS256 secret, a JWKS URL of the identity provider,
 * or (embedded mode only) a development key created under DATA_DIR.
 */
export type AuthConfig = TokenKey & {
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** Longest lifetime (`exp` - `iat`) a token may have (AUTH_MAX_TOKEN_LIFETIME_SECONDS). */
  readonly maxTokenLifetimeSeconds: number;
};

type TokenKey =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'jwks'; readonly jwksUrl: string }
  | { readonly kind: 'development-key' };

const MIN_SECRET_LENGTH = 32;

/**
 * A KurrentDB connection string as its client accepts it: scheme, optional user:password@,
 * one or more host:port separated by commas, optional path slash and ?settings.
 */
const KURRENTDB_URL =
  /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/([^@/\s]+@)?[^@/?#\s]+\/?(\?[^#\s]*)?$/;

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const EVENT_STORES: readonly EventStoreKind[] = ['postgres', 'kurrentdb'];

type ServerVariable =
  | 'PORT'
  | 'HOST'
  | 'DATA_DIR'
  | 'DATABASE_URL'
  | 'READ_DATABASE_URL'
  | 'EVENT_STORE'
  | 'KURRENTDB_URL'
  | 'LOG_LEVEL'
  | 'AUTH_SECRET'
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_MAX_TOKEN_LIFETIME_SECONDS'
  | 'ENCRYPTION_KEY'
  | 'ENCRYPTION_PREVIOUS_KEYS'
  | 'PERSON_KEY_SECRET'
  | 'CHECKPOINT_SIGNING_KEY'
  | 'CHECKPOINT_INTERVAL_SECONDS'
  | 'RATE_LIMIT_PER_MINUTE'
  | 'TRUST_PROXY'
  | 'AUTH_FAILURES_PER_MINUTE'
  | 'STREAMS_PER_CALLER'
  | 'STATISTICS_SOURCE';

/** The type of the private key in `pem` (ed25519, rsa, ...), undefined if it does not parse. */
function signingKeyType(pem: string): string | undefined {
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem)) return undefined;
  try {
    return createPrivateKey(pem).asymmetricKeyType ?? 'unknown';
  } catch {
    // OpenSSL's own error (a decoder stack) says nothing an operator can act on.
    return undefined;
  }
}

/** Throws a ConfigError naming every wrong value. */
export function loadConfig(env: Environment = processEnvironment()): AppConfig {
  const read = new EnvironmentReader<ServerVariable>(env);
  const { problems } = read;

  const portText = read.text('PORT') ?? String(DEFAULT_PORTS.server);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535, got "${portText}"`);
  }

  const databaseUrl = read.text('DATABASE_URL')?.trim() || undefined;
  const readDatabaseUrl = read.text('READ_DATABASE_URL')?.trim() || undefined;
  for (const [name, value] of [
    ['DATABASE_URL', databaseUrl],
    ['READ_DATABASE_URL', readDatabaseUrl],
  ] as const) {
    if (value === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
      problems.push(`${name} must be a postgres:// or postgresql:// URL`);
    }
  }
  if (readDatabaseUrl !== undefined && databaseUrl === undefined) {
    problems.push(
      'READ_DATABASE_URL needs DATABASE_URL (it names a read replica of that server; embedded mode has none)',
    );
  }

  const eventStore = read.oneOf('EVENT_STORE', EVENT_STORES, 'postgres');

  const kurrentdbUrl = read.text('KURRENTDB_URL')?.trim() || undefined;
  if (kurrentdbUrl !== undefined && !KURRENTDB_URL.test(kurrentdbUrl)) {
    problems.push(
      'KURRENTDB_URL must be a kurrentdb:// or esdb:// connection string such as ' +
        `kurrentdb://127.0.0.1:2113?tls=false, got "${redactPassword(kurrentdbUrl)}"`,
    );
  }
  if (eventStore === 'kurrentdb') {
    if (kurrentdbUrl === undefined) {
      problems.push(
        'KURRENTDB_URL is required with EVENT_STORE=kurrentdb (e.g. kurrentdb://127.0.0.1:2113?tls=false)',
      );
    }
  }

  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  const dataDirText = read.text('DATA_DIR') ?? './data';
  if (dataDirText.trim() === '') problems.push('DATA_DIR must not be empty');

  const secret = read.text('AUTH_SECRET') || undefined;
  const jwksUrl = read.text('AUTH_JWKS_URL') || undefined;
  let auth: TokenKey = { kind: 'development-key' };
  if (secret !== undefined && jwksUrl !== undefined) {
    problems.push('set either AUTH_SECRET or AUTH_JWKS_URL, not both');
  } else if (secret !== undefined) {
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(
        `AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters (use a random one)`,
      );
    }
    auth = { kind: 'secret', secret };
  } else if (jwksUrl !== undefined) {
    if (!/^https?:\/\//.test(jwksUrl) || !URL.canParse(jwksUrl)) {
      problems.push("AUTH_JWKS_URL must be an http(s) URL of the identity provider's JWKS");
    } else if (databaseUrl !== undefined) {
      // A server deployment: the keys that decide who is let in must not travel unauthenticated.
      const url = new URL(jwksUrl);
      if (url.protocol !== 'https:' && !isLoopback(url)) {
        problems.push(
          'AUTH_JWKS_URL must be an https:// URL with DATABASE_URL (plain http only to localhost), ' +
            `got "${jwksUrl}"`,
        );
      }
      // An identity provider signs tokens for many applications: only the audience says which
      // ones are meant for this one.
      if (!read.text('AUTH_AUDIENCE')) {
        problems.push(
          'AUTH_AUDIENCE is required with AUTH_JWKS_URL and DATABASE_URL (the identity provider signs tokens for other applications too)',
        );
      }
    }
    auth = { kind: 'jwks', jwksUrl };
  } else if (databaseUrl !== undefined) {
    problems.push(
      'AUTH_SECRET or AUTH_JWKS_URL is required with DATABASE_URL (the development key is for embedded mode only)',
    );
  }
  const tokenClaims = {
    issuer: read.text('AUTH_ISSUER') || undefined,
    audience: read.text('AUTH_AUDIENCE') || undefined,
    // A working day and a half; a stolen token is worth no more than that (60 s to 30 days).
    maxTokenLifetimeSeconds: read.integer(
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS',
      12 * 3600,
      60,
      30 * 86400,
    ),
  };

  let encryption: EncryptionConfig = { kind: 'development-key' };
  const encryptionKey = read.text('ENCRYPTION_KEY');
  if (encryptionKey) {
    const current = decodeKey(encryptionKey);
    const previous = (read.text('ENCRYPTION_PREVIOUS_KEYS') ?? '')
      .split(',')
      .filter((k) => k.trim() !== '')
      .map(decodeKey);
    if (!current || !looksRandom(current))
      problems.push(
        'ENCRYPTION_KEY must be 32 random bytes, base64 or hex (openssl rand -base64 32)' +
          (current ? `; this one has only ${new Set(current).size} distinct bytes` : ''),
      );
    if (previous.some((k) => k === undefined)) {
      problems.push(
        'ENCRYPTION_PREVIOUS_KEYS must be a comma-separated list of 32-byte keys, base64 or hex',
      );
    }
    if (current && looksRandom(current))
      encryption = {
        kind: 'key',
        current,
        previous: previous.filter((k): k is Buffer => k !== undefined),
      };
  } else if (databaseUrl !== undefined) {
    problems.push(
      'ENCRYPTION_KEY is required with DATABASE_URL (the development key is for embedded mode only)',
    );
  }

  // One secret for the whole installation, so that a person who moves between Jobcenters keeps
  // their key; unset, it is derived from ENCRYPTION_KEY (see Keyring).
  const personKeyText = read.text('PERSON_KEY_SECRET');
  let personKeySecret: Buffer | undefined;
  if (personKeyText) {
    personKeySecret = decodeKey(personKeyText);
    if (!personKeySecret || !looksRandom(personKeySecret)) {
      problems.push(
        'PERSON_KEY_SECRET must be 32 random bytes, base64 or hex (openssl rand -base64 32)' +
          (personKeySecret
            ? `; this one has only ${new Set(personKeySecret).size} distinct bytes`
            : ''),
      );
      personKeySecret = undefined;
    }
  }

  let checkpointSigningKey: AppConfig['checkpointSigningKey'] = { kind: 'development-key' };
  const signingKeyText = read.text('CHECKPOINT_SIGNING_KEY');
  if (signingKeyText) {
    const pem = signingKeyText.replace(/\\n/g, '\n');
    const kind = signingKeyType(pem);
    if (kind !== 'ed25519') {
      problems.push(
        'CHECKPOINT_SIGNING_KEY must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)' +
          (kind ? `, got a ${kind} key` : '; this one does not parse as a private key'),
      );
    }
    checkpointSigningKey = { kind: 'pem', pem };
  } else if (databaseUrl !== undefined) {
    problems.push(
      'CHECKPOINT_SIGNING_KEY is required with DATABASE_URL (the development key is for embedded mode only)',
    );
  }
  const intervalText = read.text('CHECKPOINT_INTERVAL_SECONDS') ?? '300';
  const checkpointIntervalSeconds = Number(intervalText);
  if (!/^\d{1,6}$/.test(intervalText)) {
    problems.push(
      `CHECKPOINT_INTERVAL_SECONDS must be a whole number of seconds (0: on demand only), got "${intervalText}"`,
    );
  }

  const rateText = read.text('RATE_LIMIT_PER_MINUTE') ?? '1200';
  const rateLimitPerMinute = Number(rateText);
  if (!/^\d+$/.test(rateText) || rateLimitPerMinute < 1) {
    problems.push(`RATE_LIMIT_PER_MINUTE must be a positive integer, got "${rateText}"`);
  }

  const clients = readClientLimits(read);

  const statisticsSource = read.text('STATISTICS_SOURCE') ?? 'events';
  if (statisticsSource !== 'events' && statisticsSource !== 'kafka') {
    problems.push(`STATISTICS_SOURCE must be events or kafka, got "${statisticsSource}"`);
  } else if (statisticsSource === 'kafka' && databaseUrl === undefined) {
    problems.push(
      'STATISTICS_SOURCE=kafka needs DATABASE_URL (the workers write into that PostgreSQL)',
    );
  }

  read.check();
  return {
    port,
    host: read.text('HOST') ?? '0.0.0.0',
    dataDir: resolve(dataDirText),
    databaseUrl,
    readDatabaseUrl,
    eventStore,
    kurrentdbUrl,
    logLevel,
    auth: { ...auth, ...tokenClaims },
    rateLimitPerMinute,
    clients,
    encryption,
    personKeySecret,
    checkpointSigningKey,
    checkpointIntervalSeconds,
    statisticsSource: statisticsSource as AppConfig['statisticsSource'],
  };
}

export interface ClientLimitsConfig {
  /**
   * Express's `trust proxy` (TRUST_PROXY): how many proxies, or which addresses, may name the
   * client in X-Forwarded-For. Unset: none, the client is the TCP peer.
   */
  readonly trustProxy: number | readonly string[] | undefined;
  /** Failed authentications per client address and minute before 429 (AUTH_FAILURES_PER_MINUTE). */
  readonly authFailuresPerMinute: number;
  /** Live streams (SSE) one caller, token subject and tenant, may hold open (STREAMS_PER_CALLER). */
  readonly streamsPerCaller: number;
}

/** What Express's proxy-addr takes by name besides addresses. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `true` (trust every hop) is refused: any client could then pick its own address by sending
 * X-Forwarded-For, and with it its own rate limits.
 */
function readClientLimits(read: EnvironmentReader<ServerVariable>): ClientLimitsConfig {
  const proxyText = read.text('TRUST_PROXY')?.trim() || undefined;
  let trustProxy: ClientLimitsConfig['trustProxy'];
  if (proxyText !== undefined && /^\d+$/.test(proxyText)) {
    trustProxy = read.integer('TRUST_PROXY', 0, 0, 32);
  } else if (proxyText !== undefined) {
    trustProxy = proxyText.split(',').map((entry) => entry.trim());
    if (!trustProxy.every(isProxyAddress)) {
      read.problem(
        'TRUST_PROXY',
        'must be a number of proxy hops (0-32) or a comma-separated list of addresses, CIDR ' +
          `ranges, loopback, linklocal or uniquelocal, got "${proxyText}"`,
      );
    }
  }
  return {
    trustProxy,
    authFailuresPerMinute: read.integer('AUTH_FAILURES_PER_MINUTE', 20, 1, 1_000_000),
    streamsPerCaller: read.integer('STREAMS_PER_CALLER', 5, 1, 1000),
  };
}
