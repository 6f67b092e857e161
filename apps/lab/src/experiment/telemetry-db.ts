/**
 * The experiment's view of the telemetry database: PostgreSQL as the gateway writes it, reached
 * from the lab's own (root) namespace at the PostgreSQL pod, with the superuser the rendered
 * container sets up. Lag is `received_at - produced_at` (the row's insert time against the
 * sensor's clock: one machine, one clock); loss and duplicates are counted per machine from the
 * simulator's gap-free `sequence` numbers.
 */
import pg from 'pg';
import type { PlatformLab } from '../platform-lab/start-platform-lab.ts';

export interface TelemetryDb {
  /** The P-quantile of telemetry lag (ms) of the rows produced in [from, to]. */
  lagQuantileMs(from: Date, to: Date, q: number): Promise<number>;
  /** Messages missing (gaps in each machine's sequence) and stored twice, among those produced in [from, to]. */
  lossAndDuplicates(from: Date, to: Date): Promise<{ expected: number; stored: number; lost: number; duplicated: number }>;
  /** Whether every message produced up to `until` is stored (no gap up to each machine's last message before it). */
  drainedUpTo(since: Date, until: Date): Promise<boolean>;
  /** The first row inserted after `after`, if any (epoch ms of its insert). */
  firstRowAfter(after: Date): Promise<number | undefined>;
  close(): Promise<void>;
}

/** The connection the lab uses: the PostgreSQL pod's address, its rendered superuser and password. */
export function telemetryConnection(lab: PlatformLab): pg.ClientConfig {
  for (const cluster of lab.clusters) {
    const workload = cluster.workloads.find((w) => w.component === 'postgres');
    const container = workload?.containers[0];
    const address = workload ? lab.address(cluster.role, workload.name) : undefined;
    if (!workload || !container || !address) continue;
    return { host: address, port: container.ports['postgres'] ?? 5432, user: container.env['POSTGRES_USER'] ?? 'postgres', password: container.env['POSTGRES_PASSWORD'], database: 'telemetry' };
  }
  throw new Error('the platform runs no PostgreSQL the lab can reach');
}

export async function openTelemetryDb(lab: PlatformLab): Promise<TelemetryDb> {
  const pool = new pg.Pool({ ...telemetryConnection(lab), max: 2 });
  const one = async <T>(sql: string, values: readonly unknown[]): Promise<T> => (await pool.query(sql, [...values])).rows[0] as T;
  return {
    async lagQuantileMs(from, to, q) {
      const row = await one<{ lag: number | null }>(
        'SELECT percentile_cont($3) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - produced_at) * 1000) AS lag FROM raw_telemetry WHERE produced_at BETWEEN $1 AND $2',
        [from, to, q],
      );
      return row.lag ?? Number.NaN;
    },
    async lossAndDuplicates(from, to) {
      const row = await one<{ expected: string; stored: string; distinct_messages: string }>(
        `SELECT coalesce(sum(last - first + 1), 0) AS expected, coalesce(sum(stored), 0) AS stored, coalesce(sum(distinct_messages), 0) AS distinct_messages
           FROM (SELECT machine_id, min(sequence) AS first, max(sequence) AS last, count(*) AS stored, count(DISTINCT sequence) AS distinct_messages
                   FROM raw_telemetry WHERE produced_at BETWEEN $1 AND $2 GROUP BY machine_id) AS per_machine`,
        [from, to],
      );
      const expected = Number(row.expected);
      const stored = Number(row.stored);
      const distinct = Number(row.distinct_messages);
      return { expected, stored, lost: expected - distinct, duplicated: stored - distinct };
    },
    async drainedUpTo(since, until) {
      const row = await one<{ complete: boolean | null; reached: boolean | null }>(
        `SELECT bool_and(last - first + 1 = distinct_messages) AS complete, bool_and(newest >= $2 - interval '2 seconds') AS reached
           FROM (SELECT machine_id, min(sequence) AS first, max(sequence) AS last, count(DISTINCT sequence) AS distinct_messages, max(produced_at) AS newest
                   FROM raw_telemetry WHERE produced_at BETWEEN $1 AND $2 GROUP BY machine_id) AS per_machine`,
        [since, until],
      );
      return row.complete === true && row.reached === true;
    },
    async firstRowAfter(after) {
      const row = await one<{ at: Date | null }>('SELECT min(received_at) AS at FROM raw_telemetry WHERE received_at > $1', [after]);
      return row.at?.getTime();
    },
    close: () => pool.end(),
  };
}
