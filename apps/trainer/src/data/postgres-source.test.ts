import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateProcesses, toTelemetryMessage } from '@millwright/factory';
import { startPostgres, type PostgresServer } from '@millwright/test-servers';
import { postgresRows } from './postgres-source.ts';
import { DataError } from './csv-source.ts';

// The shape the edge gateway writes (one row per MQTT message, the message id unique).
const rawTelemetryTable = `CREATE TABLE raw_telemetry (
  message_id text PRIMARY KEY, machine_id text NOT NULL, produced_at timestamptz NOT NULL, payload jsonb NOT NULL)`;

describe('postgresRows against a real PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(rawTelemetryTable);
    const started = Date.parse('2026-11-01T00:00:00Z');
    const records = simulateProcesses({ rows: 250, seed: 9 });
    for (const [index, record] of records.entries()) {
      const message = toTelemetryMessage(record, { machineId: 'm1', site: 'plant-a', line: 'line-1' }, new Date(started + index * 1000));
      await client.query('INSERT INTO raw_telemetry VALUES ($1, $2, $3, $4)', [message.messageId, message.machineId, message.producedAt, message]);
    }
    // A reading without an outcome is not a training example.
    await client.query(`INSERT INTO raw_telemetry SELECT 'unlabelled', 'm1', now(), payload - 'outcome' FROM raw_telemetry LIMIT 1`);
    await client.end();
  });
  afterAll(() => server.destroy());

  it('reads labeled messages in order and returns a cursor to continue from', async () => {
    const first = await postgresRows(server.url, { maxRows: 100 });
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]).toMatchObject({ input: { type: expect.stringMatching(/^[LMH]$/) }, label: expect.any(Number) });
    const rest = await postgresRows(server.url, { maxRows: 1000, cursor: first.cursor! });
    expect(rest.rows).toHaveLength(150);
    expect(new Set([...first.rows, ...rest.rows].map((r) => r.origin)).size).toBe(250);
  });

  it('says the database is unreachable, naming no password', async () => {
    await expect(postgresRows('postgresql://postgres:secret@127.0.0.1:9/none', { maxRows: 1 })).rejects.toThrow(DataError);
    await expect(postgresRows('postgresql://postgres:secret@127.0.0.1:9/none', { maxRows: 1 })).rejects.not.toThrow(/secret/);
  });
});
