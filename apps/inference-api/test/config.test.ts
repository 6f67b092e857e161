import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ MILLWRIGHT_HOME: '/tmp/home' }, '/repo');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      modelName: 'predictive-maintenance',
      home: '/tmp/home',
      pollIntervalMs: 10_000,
      bodyLimitBytes: 1_048_576,
      maxBatchRows: 1000,
      corsOrigins: [],
      adminToken: undefined,
      challengerMode: 'off',
      challengerWeight: 0.1,
      databaseUrl: undefined,
      inferenceLogQueue: 10_000,
      redisUrl: undefined,
      requestTimeoutMs: 10_000,
      shutdownTimeoutMs: 10_000,
    });
    expect(loadConfig({}, '/repo').home).toBe('/repo/.millwright');
  });

  it('rejects bad values at boot, naming every variable and the expected form', () => {
    const bad = () => loadConfig({ PORT: 'eighty', CHALLENGER_MODE: 'blue', CHALLENGER_WEIGHT: '2', ADMIN_TOKEN: 'short', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' }, '/repo');
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'CHALLENGER_MODE="blue": must be one of off, canary, shadow',
        'CHALLENGER_WEIGHT="2": must be a number from 0 to 1',
        'DATABASE_URL: must be a postgres:// or postgresql:// URL, memory:// or off',
        'REDIS_URL: must be a redis:// or rediss:// URL',
        'PORT="eighty": must be a whole number from 0 to 65535',
        'ADMIN_TOKEN: must be at least 16 characters (mount it from a Secret)',
      ]);
    }
  });

  it('keeps 24 h and at most 100,000 rows of the embedded inference log by default, and refuses a cap below 1000 rows', () => {
    expect(loadConfig({}, '/repo').inferenceLogRetention).toEqual({ maxAgeHours: 24, maxRows: 100_000 });
    expect(loadConfig({ INFERENCE_LOG_RETENTION_HOURS: '2', INFERENCE_LOG_RETENTION_MAX_ROWS: '5000' }, '/repo').inferenceLogRetention).toEqual({ maxAgeHours: 2, maxRows: 5000 });
    expect(() => loadConfig({ INFERENCE_LOG_RETENTION_HOURS: '0', INFERENCE_LOG_RETENTION_MAX_ROWS: '10' }, '/repo')).toThrow(
      /INFERENCE_LOG_RETENTION_HOURS="0": must be a whole number from 1 to 87600\n.*INFERENCE_LOG_RETENTION_MAX_ROWS="10": must be a whole number from 1000 to 100000000/,
    );
  });

  it('parses CORS origins as a comma-separated list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'http://ui.local, https://ui.example ,' }, '/repo').corsOrigins).toEqual(['http://ui.local', 'https://ui.example']);
  });
});
