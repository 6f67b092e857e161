/**
 * The inference log: every prediction appended to PostgreSQL's `inference_log` table through a
 * bounded in-memory queue that a background loop writes in batches. A request only pushes onto
 * the queue, so a slow or stopped database never delays a prediction: when the queue is full the
 * row is dropped, when a write fails the batch is dropped, and both are counted
 * (`inference_log_dropped_total{reason}`) and the failure is reported once per outage. Writing
 * resumes by itself when the database is back. An embedded database (PGlite) is also pruned to
 * its retention, as nothing else would: PostgreSQL's retention is its operator's.
 */
import { pruneEmbeddedTable, type PrunedTable, type RetentionLimits, type RetentionOutcome } from '@millwright/embedded-retention';
import { openPgliteInWorker } from './pglite-worker-client.ts';

/** One logged prediction. */
export interface InferenceRecord {
  readonly time: Date;
  readonly model: string;
  readonly version: string;
  readonly alias: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly probability: number;
  readonly prediction: string;
  /** Shadow predictions are logged but were not returned to the client. */
  readonly shadow: boolean;
}

/** The part of `pg.Pool` and PGlite the log uses. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
  /** True for the embedded database, which only this log prunes. @default false */
  readonly embedded?: boolean;
}

/**
 * The schema migrations, applied in order once each and recorded in `schema_migrations`.
 * Append only: a deployed migration is never edited.
 */
export const migrations: readonly { readonly id: string; readonly sql: string }[] = [
  {
    id: '001_create_inference_log',
    sql: `CREATE TABLE IF NOT EXISTS inference_log (
  id bigserial PRIMARY KEY,
  logged_at timestamptz NOT NULL,
  model text NOT NULL,
  version text NOT NULL,
  alias text NOT NULL,
  shadow boolean NOT NULL DEFAULT false,
  inputs jsonb NOT NULL,
  probability double precision NOT NULL,
  prediction text NOT NULL
);
CREATE INDEX IF NOT EXISTS inference_log_model_time ON inference_log (model, version, logged_at)`,
  },
];

/** Applies the migrations not yet recorded. */
export async function migrate(client: SqlClient): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const migration of migrations) {
    const applied = (await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id])) as { rows: unknown[] };
    if (applied.rows.length > 0) continue;
    for (const statement of migration.sql.split(/;\s*\n/)) await client.query(statement);
    await client.query('INSERT INTO schema_migrations (id) VALUES ($1) ON CONFLICT DO NOTHING', [migration.id]);
  }
}

/** Options of {@link InferenceLog}. */
export interface InferenceLogOptions {
  /** Most rows waiting to be written. */
  readonly capacity: number;
  /** Most rows per INSERT. @default 500 */
  readonly batchSize?: number;
  /** Pause between writes when the queue is not full. @default 100 */
  readonly flushIntervalMs?: number;
  readonly onDrop: (reason: 'queue_full' | 'database', rows: number) => void;
  /**
   * A failed write, reported once per outage (the first failure after a success, or a different
   * error), not once per batch: a database that never opens would otherwise repeat it ten times a second.
   * Also a failed retention run.
   */
  readonly onError?: (error: Error) => void;
  /** What an embedded database keeps; ignored for PostgreSQL. @default keep everything */
  readonly retention?: InferenceLogRetention;
}

/** How much of the log an embedded database keeps: PGlite has no autovacuum and no checkpointer of its own. */
export interface InferenceLogRetention extends RetentionLimits {
  /** Pause between runs. @default 60000 */
  readonly intervalMs?: number;
}

/**
 * inference_log for the shared retention run (libs/embedded-retention, which says why it also
 * vacuums and checkpoints): ids grow with time, so `OFFSET` walks the primary key from the newest.
 */
const inferenceLogTable: PrunedTable = {
  name: 'inference_log',
  deleteExpired: 'DELETE FROM inference_log WHERE logged_at < now() - make_interval(hours => $1::int)',
  deleteOverCap: 'DELETE FROM inference_log WHERE id < (SELECT id FROM inference_log ORDER BY id DESC OFFSET $1::int - 1 LIMIT 1)',
};

/** Rows a DELETE removed: `affectedRows` from PGlite, `rowCount` from `pg`. */
function deletedRows(result: unknown): number {
  const { affectedRows, rowCount } = result as { affectedRows?: number; rowCount?: number | null };
  return affectedRows ?? rowCount ?? 0;
}

/**
 * One statement per batch with a single parameter: the records as one JSON array, each column
 * taken from it by PostgreSQL. One native JSON.stringify costs the request thread far less than
 * eight parameter arrays, whose text form escapes every quote of every row's inputs one by one.
 */
const insertSql = `INSERT INTO inference_log (logged_at, model, version, alias, shadow, inputs, probability, prediction)
SELECT (r->>'time')::timestamptz, r->>'model', r->>'version', r->>'alias', (r->>'shadow')::boolean, r->'inputs', (r->>'probability')::float8, r->>'prediction'
  FROM jsonb_array_elements($1::jsonb) AS t(r)`;

/**
 * JSON has no NaN or Infinity (JSON.stringify writes null, which `probability NOT NULL` would
 * refuse, dropping the whole batch): they go as the text float8 reads back, so a broken model's
 * scores are logged, not lost with their neighbours.
 */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/** The bounded, asynchronous writer. */
export class InferenceLog {
  private queue: InferenceRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private migrated = false;
  private closed = false;
  /** The error of the outage under way, already reported; undefined while writes succeed. */
  private outage: string | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<unknown> = Promise.resolve();
  /** Rows written since start. */
  written = 0;

  constructor(
    private readonly client: SqlClient | undefined,
    private readonly options: InferenceLogOptions,
  ) {
    if (client) {
      this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 100);
      this.timer.unref();
    }
    if (client?.embedded && options.retention) {
      this.retentionTimer = setInterval(() => void this.applyRetention(), options.retention.intervalMs ?? 60_000);
      this.retentionTimer.unref();
    }
  }

  /** Queues a row; never waits and never throws. */
  append(record: InferenceRecord): void {
    if (this.client === undefined || this.closed) return;
    if (this.queue.length >= this.options.capacity) {
      this.options.onDrop('queue_full', 1);
      return;
    }
    this.queue.push(record);
  }

  /** Rows waiting. */
  get pending(): number {
    return this.queue.length;
  }

  /** Writes what is queued (one write at a time). */
  flush(): Promise<void> {
    if (this.writing || this.queue.length === 0 || this.client === undefined) return this.writing ?? Promise.resolve();
    this.writing = this.writeAll(this.client).finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Writes the queue out (bounded by one attempt per batch), then closes the database client. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearInterval(this.retentionTimer);
    await this.pruning;
    await this.writing;
    await this.flush();
    await this.client?.close().catch(() => undefined);
  }

  /**
   * Deletes what the retention no longer keeps from an embedded database and lets it reuse the
   * space (run every `retention.intervalMs`; tests call it directly). Does nothing for PostgreSQL.
   */
  applyRetention(): Promise<RetentionOutcome> {
    const { client } = this;
    const { retention, onError } = this.options;
    if (client?.embedded !== true || retention === undefined || this.closed) return Promise.resolve({ expired: 0, overCap: 0 });
    const run = this.prune(client, retention).catch((error: Error) => {
      onError?.(new Error(`retention failed, trying again in ${(retention.intervalMs ?? 60_000) / 1000} s: ${error.message}`));
      return { expired: 0, overCap: 0 };
    });
    this.pruning = run;
    return run;
  }

  private async prune(client: SqlClient, retention: InferenceLogRetention): Promise<RetentionOutcome> {
    await this.ensureMigrated(client);
    return pruneEmbeddedTable(async (sql, params) => deletedRows(await client.query(sql, params ? [...params] : undefined)), inferenceLogTable, retention);
  }

  private async ensureMigrated(client: SqlClient): Promise<void> {
    if (this.migrated) return;
    await migrate(client);
    this.migrated = true;
  }

  private async writeAll(client: SqlClient): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, batchSize);
      try {
        await this.ensureMigrated(client);
        await client.query(insertSql, [JSON.stringify(batch, keepNonFinite)]);
        this.written += batch.length;
        this.outage = undefined;
      } catch (error) {
        this.options.onDrop('database', batch.length);
        const message = (error as Error).message;
        if (this.outage !== message) this.options.onError?.(new Error(`writing failed, dropping rows until it works again: ${message}`, { cause: error }));
        this.outage = message;
        return; // try again on the next tick; rows queued meanwhile wait (or drop when the queue fills)
      }
    }
  }
}

/**
 * The database client for `DATABASE_URL`: PostgreSQL through a `pg` pool, or embedded PGlite
 * (on disk at `pgliteDir`, or in memory for `memory://`) on a worker thread of its own.
 * Undefined when logging is `off`.
 */
export async function openSqlClient(databaseUrl: string | undefined, pgliteDir: string): Promise<SqlClient | undefined> {
  if (databaseUrl === 'off') return undefined;
  if (databaseUrl !== undefined && /^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2000, query_timeout: 5000 });
    // An idle client losing its server emits 'error' on the pool; unhandled, it would end the process.
    pool.on('error', () => undefined);
    return { query: (sql, params) => pool.query(sql, params), close: () => pool.end() };
  }
  return openPgliteInWorker(databaseUrl === 'memory://' ? undefined : pgliteDir);
}
