/**
 * The inference log: every prediction appended to PostgreSQL's `inference_log` table through a
 * bounded in-memory queue that a background loop writes in batches. A request only pushes onto
 * the queue, so a slow or stopped database never delays a prediction: when the queue is full the
 * row is dropped, when a write fails the batch is dropped, and both are counted
 * (`inference_log_dropped_total{reason}`). Writing resumes by itself when the database is back.
 */
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
  readonly onError?: (error: Error) => void;
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
    await this.writing;
    await this.flush();
    await this.client?.close().catch(() => undefined);
  }

  private async writeAll(client: SqlClient): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, batchSize);
      try {
        if (!this.migrated) {
          await migrate(client);
          this.migrated = true;
        }
        await client.query(insertSql, [JSON.stringify(batch, keepNonFinite)]);
        this.written += batch.length;
      } catch (error) {
        this.options.onDrop('database', batch.length);
        this.options.onError?.(error as Error);
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
