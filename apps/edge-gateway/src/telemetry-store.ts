/**
 * Where raw telemetry rows go: PostgreSQL when `DATABASE_URL` is set, else PGlite (PostgreSQL in
 * WASM) on disk under MILLWRIGHT_HOME, or in memory for `memory://`. One insert statement for a
 * whole batch — the payloads as one JSON array, so the statement text and its plan stay the same
 * whatever the batch size — with ON CONFLICT DO NOTHING on the message id. The embedded store
 * prunes itself to its retention (telemetry-retention.ts).
 */
import { mkdirSync } from 'node:fs';
import type { TelemetryRow } from './accept-message.ts';
import { migrationLockKey, migrations } from './migrations.ts';
import type { RetentionOutcome } from '@millwright/embedded-retention';
import { pruneTelemetry, type TelemetryRetention } from './telemetry-retention.ts';

/** The rows store. */
export interface TelemetryStore {
  /**
   * Inserts the rows in one transaction and returns how many were new (the rest were already
   * stored: redeliveries).
   * @throws when the database cannot be reached or the statement fails; nothing was committed then.
   */
  insert(rows: readonly TelemetryRow[]): Promise<number>;
  /** Rows in raw_telemetry (tests and benchmarks). */
  count(): Promise<number>;
  /**
   * Prunes the embedded store to its retention now (it also does so every `intervalSeconds`);
   * deletes nothing from PostgreSQL, whose retention is its operator's.
   */
  applyRetention(): Promise<RetentionOutcome>;
  /** Stops the retention runs, waits for one under way, and closes the database. */
  close(): Promise<void>;
}

/** Options of {@link openTelemetryStore}. */
export interface TelemetryStoreOptions {
  /** What the embedded store keeps. */
  readonly retention: TelemetryRetention;
  /** A retention run that failed; the next one tries again. @default discard */
  readonly onRetentionError?: (error: Error) => void;
}

/**
 * The one insert statement, shared by both back ends. Its single parameter is the batch's
 * payloads as one JSON array, and PostgreSQL takes each column from the payload itself: joining
 * validated JSON texts costs the gateway next to nothing, where seven text arrays cost it the
 * escaping of every quote in every payload (the largest cost in its CPU profile under load).
 * The payloads were validated by parseTelemetryMessage, so every field is there with its type.
 */
export const insertRowsSql = `INSERT INTO raw_telemetry (message_id, machine_id, site, line, sequence, produced_at, payload)
SELECT m->>'messageId', m->>'machineId', m->>'site', m->>'line', (m->>'sequence')::bigint, (m->>'producedAt')::timestamptz, m
  FROM jsonb_array_elements($1::jsonb) AS t(m)
ON CONFLICT (message_id) DO NOTHING`;

/** The statement's parameter: the payloads, already JSON, as one JSON array. */
function payloadArray(rows: readonly TelemetryRow[]): [string] {
  return [`[${rows.map((row) => row.payload).join(',')}]`];
}

/** The statements that bring a database to the latest schema. */
function migrationScript(applied: ReadonlySet<string>): string[] {
  return migrations.filter((migration) => !applied.has(migration.id)).flatMap((migration) => [...migration.statements, `INSERT INTO gateway_migrations (id) VALUES ('${migration.id}')`]);
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number; rowCount?: number | null }>;
}

async function migrate(db: Queryable): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(`SELECT pg_advisory_xact_lock(${migrationLockKey})`);
    await db.query('CREATE TABLE IF NOT EXISTS gateway_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set(((await db.query('SELECT id FROM gateway_migrations')).rows as { id: string }[]).map((row) => row.id));
    for (const statement of migrationScript(applied)) await db.query(statement);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function openPostgres(url: string): Promise<TelemetryStore> {
  const { default: pg } = await import('pg');
  // Two connections: one batch commits while the next one is being filled and sent.
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 2000, query_timeout: 10_000 });
  // An idle client losing its server emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    // The gateway tries again with a new pool (retrying-store.ts): end this one, or each failed attempt leaves one behind.
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    // A single statement is its own transaction: committed when the call returns.
    insert: async (rows) => (await pool.query(insertRowsSql, payloadArray(rows))).rowCount ?? 0,
    count: async () => Number(((await pool.query('SELECT count(*)::int AS n FROM raw_telemetry')).rows[0] as { n: number }).n),
    applyRetention: async () => ({ expired: 0, overCap: 0 }),
    close: () => pool.end(),
  };
}

async function openPglite(directory: string | undefined, options: TelemetryStoreOptions): Promise<TelemetryStore> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (directory !== undefined) mkdirSync(directory, { recursive: true });
  const db = directory === undefined ? new PGlite() : new PGlite(directory);
  await migrate({ query: (sql, params) => db.query(sql, params) });
  let pruning: Promise<unknown> = Promise.resolve();
  const applyRetention = () => {
    const run = pruneTelemetry(db, options.retention);
    pruning = run.catch((error: Error) => options.onRetentionError?.(error));
    return run;
  };
  const timer = setInterval(() => void applyRetention().catch(() => undefined), options.retention.intervalSeconds * 1000);
  timer.unref();
  return {
    insert: async (rows) => (await db.query(insertRowsSql, payloadArray(rows))).affectedRows ?? 0,
    count: async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM raw_telemetry')).rows[0]!.n),
    applyRetention,
    close: async () => {
      clearInterval(timer);
      await pruning;
      await db.close();
    },
  };
}

/**
 * Opens the store and migrates its schema.
 * @param databaseUrl - `postgres(ql)://…`, `memory://`, or undefined for PGlite in `pgliteDir`.
 */
export function openTelemetryStore(databaseUrl: string | undefined, pgliteDir: string, options: TelemetryStoreOptions): Promise<TelemetryStore> {
  if (databaseUrl === undefined) return openPglite(pgliteDir, options);
  if (databaseUrl === 'memory://') return openPglite(undefined, options);
  return openPostgres(databaseUrl);
}

/**
 * `host:port` of a PostgreSQL `DATABASE_URL`, for messages (never the URL, which may hold a
 * password); undefined for the embedded store. The defaults are libpq's: port 5432, and without a
 * host in the URL, its `host` parameter or localhost.
 */
export function postgresAddress(databaseUrl: string | undefined): string | undefined {
  if (databaseUrl === undefined || databaseUrl === 'memory://') return undefined;
  const url = new URL(databaseUrl);
  return `${url.hostname || url.searchParams.get('host') || 'localhost'}:${url.port || '5432'}`;
}
