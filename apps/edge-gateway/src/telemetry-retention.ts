/**
 * How much raw telemetry the embedded store (PGlite under MILLWRIGHT_HOME) keeps, and the run that
 * enforces it. Without it `.millwright/edge-gateway` grew 40 → 65 MB in 20 minutes and on without
 * end (issue 14): PGlite runs PostgreSQL in single-user mode, with no autovacuum and no
 * checkpointer, so deleted rows' space was never reused and every WAL segment was kept (measured:
 * 16 MB of WAL per 20,000 rows). PostgreSQL's raw_telemetry is never pruned here: the trainer
 * reads its history, and its retention is its operator's.
 */
import type { PGlite } from '@electric-sql/pglite';

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

/** Rows one run deleted: past their age, and the oldest beyond the cap. */
export interface RetentionOutcome {
  readonly expired: number;
  readonly overCap: number;
}

/**
 * The statements of one run. Age and order go by `produced_at`, the column the trainer reads in
 * and the one indexed (with `message_id`, which breaks ties); `OFFSET` walks that index from the
 * newest row to the last one kept.
 */
export const retentionSql = {
  expired: 'DELETE FROM raw_telemetry WHERE produced_at < now() - make_interval(hours => $1::int)',
  overCap: `DELETE FROM raw_telemetry WHERE (produced_at, message_id) <
  (SELECT produced_at, message_id FROM raw_telemetry ORDER BY produced_at DESC, message_id DESC OFFSET $1::int - 1 LIMIT 1)`,
  /** Lets new rows reuse the space of the deleted ones (and gives back empty pages at the end). */
  vacuum: 'VACUUM raw_telemetry',
  /**
   * Segments a checkpoint frees are deleted, not kept for reuse: PostgreSQL keeps up to
   * `min_wal_size` (80 MB) of them, which PGlite cannot lower (measured: 98 MB of WAL kept; 16-32 MB
   * with this). A session setting, and PGlite's one session is the store's.
   */
  noWalRecycling: 'SET wal_recycle = off',
  /** Ends the WAL segments' use: without it they accumulate whether rows are deleted or not. */
  checkpoint: 'CHECKPOINT',
} as const;

/** Applies `retention` to the embedded store once. */
export async function pruneTelemetry(db: PGlite, retention: TelemetryRetention): Promise<RetentionOutcome> {
  const expired = (await db.query(retentionSql.expired, [retention.maxAgeHours])).affectedRows ?? 0;
  const overCap = (await db.query(retentionSql.overCap, [retention.maxRows])).affectedRows ?? 0;
  if (expired + overCap > 0) await db.exec(retentionSql.vacuum);
  await db.exec(retentionSql.noWalRecycling);
  await db.exec(retentionSql.checkpoint);
  return { expired, overCap };
}
