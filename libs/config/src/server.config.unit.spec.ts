import { createHash, generateKeyPairSync } from 'node:crypto';
import { ConfigError } from './environment.js';
import { loadConfig } from './server.config.js';

describe('configuration', () => {
  it('defaults to embedded mode on port 3000 under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, eventStore: 'postgres' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  const SECRET = 'a-random-secret-of-at-least-32-chars!';
  // A fixed key as random as any (SHA-256 output), so that the expected config can be compared.
  const KEY_BYTES = createHash('sha256').update('server.config.unit.spec').digest();
  const KEY = KEY_BYTES.toString('base64');
  const SIGNING_KEY = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  it('takes PostgreSQL mode from DATABASE_URL, with a token secret', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/teilhabe',
      AUTH_SECRET: SECRET,
      ENCRYPTION_KEY: KEY,
      CHECKPOINT_SIGNING_KEY:
        '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\\n-----END PRIVATE KEY-----',
    });
    expect(config.encryption).toEqual({ kind: 'key', current: KEY_BYTES, previous: [] });
    expect(config.databaseUrl).toBe('postgres://u@db:5432/teilhabe');
    expect(config.auth).toMatchObject({ kind: 'secret', secret: SECRET });
  });

  it('uses the development keys only in embedded mode', () => {
    expect(loadConfig({}).auth.kind).toBe('development-key');
    expect(loadConfig({}).encryption.kind).toBe('development-key');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/t' })).toThrow(
      /AUTH_SECRET or AUTH_JWKS_URL is required with DATABASE_URL[\s\S]*ENCRYPTION_KEY is required[\s\S]*CHECKPOINT_SIGNING_KEY is required/,
    );
  });

  it('verifies with an identity provider’s JWKS when AUTH_JWKS_URL is set', () => {
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'teilhabe',
    });
    expect(config.auth).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example',
      audience: 'teilhabe',
      maxTokenLifetimeSeconds: 12 * 3600,
    });
  });

  it('limits token lifetimes to 12 h unless AUTH_MAX_TOKEN_LIFETIME_SECONDS says otherwise', () => {
    expect(loadConfig({}).auth.maxTokenLifetimeSeconds).toBe(12 * 3600);
    expect(
      loadConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' }).auth.maxTokenLifetimeSeconds,
    ).toBe(3600);
  });

  it('trusts no proxy, limits 20 failed authentications and 5 streams unless told otherwise', () => {
    expect(loadConfig({}).clients).toEqual({
      trustProxy: undefined,
      authFailuresPerMinute: 20,
      streamsPerCaller: 5,
    });
    expect(
      loadConfig({ TRUST_PROXY: '2', AUTH_FAILURES_PER_MINUTE: '50', STREAMS_PER_CALLER: '9' })
        .clients,
    ).toEqual({ trustProxy: 2, authFailuresPerMinute: 50, streamsPerCaller: 9 });
  });

  it('takes TRUST_PROXY as a list of addresses, CIDR ranges and proxy-addr names', () => {
    const list = ' 10.0.0.0/8, 192.168.1.7 ,loopback,fd00::/8,::1';
    expect(loadConfig({ TRUST_PROXY: list }).clients.trustProxy).toEqual(
      list.split(',').map((entry) => entry.trim()),
    );
  });

  it.each(['true', '10.0.0.0/33', '::1/129', 'proxy.internal', '10.0.0.1,', '1.2.3.4/8/9'])(
    'refuses TRUST_PROXY=%j, naming what it accepts',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        `TRUST_PROXY must be a number of proxy hops (0-32) or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal, got "${value}"`,
      );
    },
  );

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [
      {
        DATABASE_URL: 'mysql://x',
        AUTH_SECRET: 'a-random-secret-of-at-least-32-chars!',
        ENCRYPTION_KEY: KEY,
        CHECKPOINT_SIGNING_KEY: SIGNING_KEY,
      },
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    ],
    [
      { ENCRYPTION_KEY: 'c2hvcnQ=' },
      'ENCRYPTION_KEY must be 32 random bytes, base64 or hex (openssl rand -base64 32)',
    ],
    [
      { ENCRYPTION_KEY: KEY, ENCRYPTION_PREVIOUS_KEYS: 'nope' },
      'ENCRYPTION_PREVIOUS_KEYS must be a comma-separated list of 32-byte keys, base64 or hex',
    ],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET must be at least 32 characters (use a random one)'],
    [
      { AUTH_JWKS_URL: 'ftp://x' },
      "AUTH_JWKS_URL must be an http(s) URL of the identity provider's JWKS",
    ],
    [
      { AUTH_SECRET: 'a-random-secret-of-at-least-32-chars!', AUTH_JWKS_URL: 'https://idp/jwks' },
      'set either AUTH_SECRET or AUTH_JWKS_URL, not both',
    ],
    [
      { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '12h' },
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number from 60 to 2592000, got "12h"',
    ],
    [
      { AUTH_MAX_TOKEN_LIFETIME_SECONDS: '59' },
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number from 60 to 2592000, got "59"',
    ],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be a positive integer, got "0"'],
    [{ TRUST_PROXY: '33' }, 'TRUST_PROXY must be a whole number from 0 to 32, got "33"'],
    [
      { AUTH_FAILURES_PER_MINUTE: '0' },
      'AUTH_FAILURES_PER_MINUTE must be a whole number from 1 to 1000000, got "0"',
    ],
    [
      { STREAMS_PER_CALLER: 'many' },
      'STREAMS_PER_CALLER must be a whole number from 1 to 1000, got "many"',
    ],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE must be one of postgres, kurrentdb, got "mongo"'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud"',
    ],
    [{ DATA_DIR: ' ' }, 'DATA_DIR must not be empty'],
  ])('refuses %j, naming the variable and what it accepts', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([message]);
    }
  });

  describe('KURRENTDB_URL', () => {
    it.each([
      'kurrentdb://127.0.0.1:2113?tls=false',
      'kurrentdb://admin:changeit@db-1:2113,db-2:2113,db-3:2113?tls=true&nodePreference=leader',
      'kurrentdb+discover://cluster.internal:2113',
      'esdb://localhost:2113?tls=false',
      'kdb://localhost:2113/?tls=false',
    ])('accepts the connection string %s', (url) => {
      expect(loadConfig({ KURRENTDB_URL: url }).kurrentdbUrl).toBe(url);
    });

    it('is optional otherwise, and trimmed', () => {
      expect(loadConfig({}).kurrentdbUrl).toBeUndefined();
      expect(loadConfig({ KURRENTDB_URL: '  ' }).kurrentdbUrl).toBeUndefined();
      expect(loadConfig({ KURRENTDB_URL: ' esdb://h:2113 ' }).kurrentdbUrl).toBe('esdb://h:2113');
    });

    it.each([
      ['postgres://u@db/t', 'postgres://u@db/t'],
      ['127.0.0.1:2113', '127.0.0.1:2113'],
      ['kurrentdb://', 'kurrentdb://'],
      ['kurrentdb://a b:2113', 'kurrentdb://a b:2113'],
      ['http://admin:changeit@db:2113', 'http://admin:***@db:2113'],
    ])('refuses %j, naming the variable and hiding a password', (url, shown) => {
      expect(() => loadConfig({ KURRENTDB_URL: url })).toThrow(ConfigError);
      try {
        loadConfig({ KURRENTDB_URL: url });
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([
          'KURRENTDB_URL must be a kurrentdb:// or esdb:// connection string such as ' +
            `kurrentdb://127.0.0.1:2113?tls=false, got "${shown}"`,
        ]);
      }
    });

    it('is required with EVENT_STORE=kurrentdb', () => {
      const problems = (env: NodeJS.ProcessEnv) => {
        try {
          loadConfig(env);
        } catch (error) {
          return (error as ConfigError).problems;
        }
        throw new Error('expected a ConfigError');
      };
      expect(problems({ EVENT_STORE: 'kurrentdb' })).toEqual([
        'KURRENTDB_URL is required with EVENT_STORE=kurrentdb (e.g. kurrentdb://127.0.0.1:2113?tls=false)',
      ]);
      // With a valid URL it is accepted: the server then keeps its events in KurrentDB.
      expect(
        loadConfig({
          EVENT_STORE: 'kurrentdb',
          KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
        }),
      ).toMatchObject({
        eventStore: 'kurrentdb',
        kurrentdbUrl: 'kurrentdb://127.0.0.1:2113?tls=false',
      });
    });
  });

  describe('READ_DATABASE_URL', () => {
    const server = {
      DATABASE_URL: 'postgres://u@primary:5432/teilhabe',
      AUTH_SECRET: SECRET,
      ENCRYPTION_KEY: KEY,
      CHECKPOINT_SIGNING_KEY: SIGNING_KEY,
    };

    it('names a replica of DATABASE_URL; unset, everything is read from the primary', () => {
      expect(loadConfig(server).readDatabaseUrl).toBeUndefined();
      expect(
        loadConfig({ ...server, READ_DATABASE_URL: ' postgresql://u@replica:5432/teilhabe ' })
          .readDatabaseUrl,
      ).toBe('postgresql://u@replica:5432/teilhabe');
    });

    it('must be a PostgreSQL URL', () => {
      expect(() => loadConfig({ ...server, READ_DATABASE_URL: 'mysql://replica/t' })).toThrow(
        'READ_DATABASE_URL must be a postgres:// or postgresql:// URL',
      );
    });

    it('needs DATABASE_URL (embedded mode has no replica)', () => {
      expect(() => loadConfig({ READ_DATABASE_URL: 'postgres://u@replica/t' })).toThrow(
        'READ_DATABASE_URL needs DATABASE_URL',
      );
    });
  });

  describe('STATISTICS_SOURCE', () => {
    const server = {
      DATABASE_URL: 'postgres://u@primary:5432/teilhabe',
      AUTH_SECRET: SECRET,
      ENCRYPTION_KEY: KEY,
      CHECKPOINT_SIGNING_KEY: SIGNING_KEY,
    };

    it('projects from the events by default, or serves what Kafka workers project', () => {
      expect(loadConfig(server).statisticsSource).toBe('events');
      expect(loadConfig({ ...server, STATISTICS_SOURCE: 'kafka' }).statisticsSource).toBe('kafka');
    });

    it('names the variable and its values, and needs PostgreSQL for kafka', () => {
      expect(() => loadConfig({ ...server, STATISTICS_SOURCE: 'kafak' })).toThrow(
        'STATISTICS_SOURCE must be events or kafka, got "kafak"',
      );
      expect(() => loadConfig({ STATISTICS_SOURCE: 'kafka' })).toThrow(
        'STATISTICS_SOURCE=kafka needs DATABASE_URL',
      );
    });
  });

  describe('weak and garbled secrets', () => {
    const server = {
      DATABASE_URL: 'postgres://u@db:5432/teilhabe',
      AUTH_SECRET: SECRET,
      ENCRYPTION_KEY: KEY,
      CHECKPOINT_SIGNING_KEY: SIGNING_KEY,
    };
    const problemsOf = (env: Record<string, string>): readonly string[] => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    // 32 bytes drawn from only `distinct` values, each at least once.
    const keyOf = (distinct: number) =>
      Buffer.from(Array.from({ length: 32 }, (_, i) => i % distinct)).toString('base64');

    it('accepts the fixture server configuration', () => {
      expect(problemsOf(server)).toEqual([]);
    });

    it.each([
      ['an all-zero key', Buffer.alloc(32).toString('base64'), 1],
      ['a key of 15 distinct bytes', keyOf(15), 15],
      ['a hex key of one repeated byte', 'ab'.repeat(32), 1],
    ])('refuses %s as ENCRYPTION_KEY and as PERSON_KEY_SECRET', (_, weak, distinct) => {
      expect(problemsOf({ ...server, ENCRYPTION_KEY: weak })).toEqual([
        `ENCRYPTION_KEY must be 32 random bytes, base64 or hex (openssl rand -base64 32); this one has only ${distinct} distinct bytes`,
      ]);
      expect(problemsOf({ ...server, PERSON_KEY_SECRET: weak })).toEqual([
        `PERSON_KEY_SECRET must be 32 random bytes, base64 or hex (openssl rand -base64 32); this one has only ${distinct} distinct bytes`,
      ]);
    });

    it('accepts 16 distinct bytes, and an old weak key among ENCRYPTION_PREVIOUS_KEYS', () => {
      expect(
        problemsOf({ ...server, ENCRYPTION_KEY: keyOf(16), PERSON_KEY_SECRET: keyOf(16) }),
      ).toEqual([]);
      // Rotating away from a weak key needs it as a previous key.
      expect(
        problemsOf({ ...server, ENCRYPTION_PREVIOUS_KEYS: Buffer.alloc(32).toString('base64') }),
      ).toEqual([]);
    });

    it.each([
      [
        'a body that is not DER',
        '-----BEGIN PRIVATE KEY-----\\nx\\n-----END PRIVATE KEY-----',
        '; this one does not parse as a private key',
      ],
      ['no PEM at all', 'ed25519-please', '; this one does not parse as a private key'],
      [
        'an RSA key',
        generateKeyPairSync('rsa', { modulusLength: 1024 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        ', got a rsa key',
      ],
    ])(
      'refuses %s as CHECKPOINT_SIGNING_KEY, naming it, without a stack trace',
      (_, pem, detail) => {
        expect(problemsOf({ ...server, CHECKPOINT_SIGNING_KEY: pem })).toEqual([
          `CHECKPOINT_SIGNING_KEY must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)${detail}`,
        ]);
      },
    );

    describe('AUTH_JWKS_URL with DATABASE_URL (a server deployment)', () => {
      const jwks = { ...server, AUTH_SECRET: '', AUTH_AUDIENCE: 'teilhabe' };

      it('must be https, except to this host', () => {
        expect(
          problemsOf({ ...jwks, AUTH_JWKS_URL: 'http://idp.example/.well-known/jwks.json' }),
        ).toEqual([
          'AUTH_JWKS_URL must be an https:// URL with DATABASE_URL (plain http only to localhost), got "http://idp.example/.well-known/jwks.json"',
        ]);
        for (const url of [
          'https://idp.example/jwks',
          'http://127.0.0.1:8080/jwks',
          'http://localhost/jwks',
          'http://[::1]:9/jwks',
        ]) {
          expect(problemsOf({ ...jwks, AUTH_JWKS_URL: url })).toEqual([]);
        }
        // Embedded mode (a developer's machine) may use any http(s) identity provider.
        expect(problemsOf({ AUTH_JWKS_URL: 'http://idp.example/jwks' })).toEqual([]);
      });

      it('needs AUTH_AUDIENCE', () => {
        expect(
          problemsOf({ ...jwks, AUTH_AUDIENCE: '', AUTH_JWKS_URL: 'https://idp.example/jwks' }),
        ).toEqual([
          'AUTH_AUDIENCE is required with AUTH_JWKS_URL and DATABASE_URL (the identity provider signs tokens for other applications too)',
        ]);
      });
    });
  });

  it('reports every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
