/**
 * How much raw telemetry the embedded store (PGlite under MILLWRIGHT_HOME) keeps, and the run that
 * enforces it. Without it `.millwright/edge-gateway` grew 40 → 65 MB in 20 minutes and on without
 * end (issue 14): PGlite runs PostgreSQL in single-user mode, with no autovacuum and no
 * checkpointer, so deleted rows' space was never reused and every WAL segment was kept (measured:
 * 16 MB of WAL per 20,000 rows). PostgreSQL's raw_telemetry is never pruned here: the trainer
 * reads its history, and its retention is its operator's. Why the run also vacuums and
 * checkpoints: libs/embedded-retention.
 */
import type { PGlite } from '@electric-sql/pglite';
import { pruneEmbeddedTable, type PrunedTable, type RetentionOutcome } from '@millwright/embedded-retention';

/** What the embedded store keeps. */
export interface TelemetryRetention {
  /** Rows produced longer ago are deleted. @default 24 (`TELEMETRY_RETENTION_HOURS`) */
  readonly maxAgeHours: number;
  /**
   * Most rows kept; the oldest beyond it are deleted. A row takes about 1 KB on disk with its
   * indexes and the free space VACUUM keeps for new rows: with the default the folder measured
   * 120-155 MB once full (105-122 MB of tables and catalogs, 16-32 MB of WAL).
   * @default 100000 (`TELEMETRY_RETENTION_MAX_ROWS`)
   */
  readonly maxRows: number;
  /** Pause between runs. @default 60 */
  readonly intervalSeconds: number;
}

/** The defaults documented on {@link TelemetryRetention}. */
export const defaultTelemetryRetention: TelemetryRetention = { maxAgeHours: 24, maxRows: 100_000, intervalSeconds: 60 };

/**
 * raw_telemetry for the shared retention run. Age and order go by `produced_at`, the column the
 * trainer reads in and the one indexed (with `message_id`, which breaks ties); `OFFSET` walks that
 * index from the newest row to the last one kept.
 */
export const telemetryTable: PrunedTable = {
  name: 'raw_telemetry',
  deleteExpired: 'DELETE FROM raw_telemetry WHERE produced_at < now() - make_interval(hours => $1::int)',
  deleteOverCap: `DELETE FROM raw_telemetry WHERE (produced_at, message_id) <
  (SELECT produced_at, message_id FROM raw_telemetry ORDER BY produced_at DESC, message_id DESC OFFSET $1::int - 1 LIMIT 1)`,
};

/** Applies `retention` to the embedded store once. */
export function pruneTelemetry(db: PGlite, retention: TelemetryRetention): Promise<RetentionOutcome> {
  return pruneEmbeddedTable(async (sql, params) => (await db.query(sql, params ? [...params] : undefined)).affectedRows ?? 0, telemetryTable, retention);
}
