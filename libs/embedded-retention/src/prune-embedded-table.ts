/**
 * One retention run over a table of an embedded PostgreSQL (PGlite), shared by the edge gateway's
 * telemetry store and the inference API's log. PGlite runs PostgreSQL in single-user mode, with no
 * autovacuum and no checkpointer, so deleting rows alone frees nothing on disk (issue 14: the
 * gateway's folder grew 40 → 65 MB in 20 minutes, most of it WAL, 16 MB per 20,000 rows).
 */

/** Runs one statement and returns how many rows it changed. */
export type RunStatement = (sql: string, params?: readonly unknown[]) => Promise<number>;

/** What a table keeps: rows younger than `maxAgeHours`, and at most `maxRows` of them. */
export interface RetentionLimits {
  readonly maxAgeHours: number;
  readonly maxRows: number;
}

/** Rows one run deleted: past their age, and the oldest beyond the cap. */
export interface RetentionOutcome {
  readonly expired: number;
  readonly overCap: number;
}

/** A table and its two deletes, which know its columns: `$1` is the hours, then the rows to keep. */
export interface PrunedTable {
  readonly name: string;
  /** Deletes the rows older than `$1` hours. */
  readonly deleteExpired: string;
  /** Deletes the oldest rows beyond the newest `$1`. */
  readonly deleteOverCap: string;
}

/**
 * Deletes what `limits` no longer keeps, then VACUUM (when anything went) so new rows reuse the
 * space, and CHECKPOINT so the WAL segments end their use, with recycling off so the freed
 * segments are deleted rather than kept up to `min_wal_size` (80 MB, which PGlite cannot lower;
 * measured: 98 MB of WAL kept with recycling, 16–32 MB without). `wal_recycle` is a session
 * setting, and an embedded database has one session, its owner's.
 */
export async function pruneEmbeddedTable(run: RunStatement, table: PrunedTable, limits: RetentionLimits): Promise<RetentionOutcome> {
  const expired = await run(table.deleteExpired, [limits.maxAgeHours]);
  const overCap = await run(table.deleteOverCap, [limits.maxRows]);
  if (expired + overCap > 0) await run(`VACUUM ${table.name}`);
  await run('SET wal_recycle = off');
  await run('CHECKPOINT');
  return { expired, overCap };
}
