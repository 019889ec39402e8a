import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to embedded mode on port 3000 under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, eventStore: 'postgres' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('takes PostgreSQL mode from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/teilhabe' }).databaseUrl).toBe(
      'postgres://u@db:5432/teilhabe',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
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

  it('reports every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
