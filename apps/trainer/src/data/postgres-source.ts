import pg from 'pg';
import { parseTelemetryMessage, telemetryModelInput } from '@millwright/factory';
import { DataError } from './csv-source.ts';
import type { LabeledRow } from './labeled-row.ts';

/**
 * Reads labeled telemetry from PostgreSQL's `raw_telemetry` (written by the edge gateway: one
 * row per MQTT message, `message_id` unique, the versioned message as `payload` JSON), in
 * `(produced_at, message_id)` order from a cursor, so the next ingest continues where this one
 * stopped. Only messages that carry an outcome (a failure label) are training examples.
 */
export async function postgresRows(url: string, options: { maxRows: number; cursor?: string }): Promise<{ rows: LabeledRow[]; cursor?: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 120_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DataError(`PostgreSQL (DATABASE_URL) unreachable: ${(error as Error).message}`);
  }
  try {
    const [afterTime, afterId] = options.cursor ? options.cursor.split('|') : ['-infinity', ''];
    const result = await client.query<{ message_id: string; produced_at: Date; payload: unknown }>(
      `SELECT message_id, produced_at, payload FROM raw_telemetry
        WHERE (produced_at, message_id) > ($1::timestamptz, $2) AND payload ? 'outcome'
        ORDER BY produced_at, message_id LIMIT $3`,
      [afterTime, afterId, options.maxRows],
    );
    const rows: LabeledRow[] = [];
    for (const record of result.rows) {
      const parsed = parseTelemetryMessage(JSON.stringify(record.payload));
      if (!parsed.ok) {
        const first = parsed.errors[0]!;
        throw new DataError(`raw_telemetry message ${record.message_id}, column ${first.field}: ${first.reason}`);
      }
      const message = parsed.value;
      rows.push({
        input: telemetryModelInput(message),
        label: message.outcome?.machineFailure ? 1 : 0,
        failureMode: message.outcome?.failureModes[0] ?? 'none',
        origin: `raw_telemetry message ${record.message_id}`,
      });
    }
    const last = result.rows.at(-1);
    return { rows, ...(last ? { cursor: `${last.produced_at.toISOString()}|${last.message_id}` } : options.cursor ? { cursor: options.cursor } : {}) };
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`reading raw_telemetry failed: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
