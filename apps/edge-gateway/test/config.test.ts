import { describe, expect, it } from 'vitest';
import { ConfigError, loadGatewayConfig } from '../src/config.ts';

describe('loadGatewayConfig', () => {
  it('names every bad variable without echoing a URL that may hold a password', () => {
    let problems: readonly string[] = [];
    try {
      loadGatewayConfig({ DATABASE_URL: 'mysql://u:secret@db/x', BATCH_SIZE: '0', REDIS_URL: 'http://x' }, '/repo');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql://, got mysql://…',
      'REDIS_URL: must be a URL starting with redis:// or rediss://, got http://…',
      'BATCH_SIZE="0": must be a whole number from 1 to 10000',
    ]);
    expect(problems.join('\n')).not.toContain('secret');
  });

  it('defaults to the embedded broker, PGlite, the in-memory feature store and no scoring', () => {
    expect(loadGatewayConfig({}, '/repo')).toMatchObject({
      mqttUrl: undefined,
      embeddedMqttPort: 1883,
      databaseUrl: undefined,
      redisUrl: undefined,
      inferenceApiUrl: undefined,
      mqttClientId: 'edge-gateway',
      mqttTopic: 'factory/+/+/+/telemetry',
      batchSize: 1000,
      batchLingerMs: 20,
      maxInFlight: 10_000,
      featureTtlSeconds: 3600,
      home: '/repo/.millwright',
    });
  });

  it('keeps 24 h and at most 100,000 rows of embedded telemetry by default, pruned every minute', () => {
    expect(loadGatewayConfig({}, '/repo').telemetryRetention).toEqual({ maxAgeHours: 24, maxRows: 100_000, intervalSeconds: 60 });
    expect(loadGatewayConfig({ TELEMETRY_RETENTION_HOURS: '6', TELEMETRY_RETENTION_MAX_ROWS: '20000' }, '/repo').telemetryRetention).toMatchObject({ maxAgeHours: 6, maxRows: 20_000 });
  });

  it('refuses a retention of no time or a row cap below 1000, naming the variable and the range', () => {
    expect(() => loadGatewayConfig({ TELEMETRY_RETENTION_HOURS: '0', TELEMETRY_RETENTION_MAX_ROWS: 'lots' }, '/repo')).toThrow(
      'invalid edge-gateway configuration:\n  TELEMETRY_RETENTION_HOURS="0": must be a whole number from 1 to 87600\n  TELEMETRY_RETENTION_MAX_ROWS="lots": must be a whole number from 1000 to 100000000',
    );
  });
});
