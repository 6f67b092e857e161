/**
 * The gateway's schema, as numbered migrations applied once each, in order, inside one
 * transaction under an advisory lock (two gateways starting together do not race). Append new
 * migrations; never edit an applied one.
 */

/** One schema change. */
export interface Migration {
  readonly id: string;
  /** One statement each (the extended query protocol takes one at a time). */
  readonly statements: readonly string[];
}

/**
 * `raw_telemetry`: one row per telemetry message, `message_id` the primary key, so a redelivered
 * message is absorbed by ON CONFLICT DO NOTHING. The trainer reads `payload` (the versioned
 * message as jsonb) in `(produced_at, message_id)` order (apps/trainer postgres-source.ts).
 */
export const migrations: readonly Migration[] = [
  {
    id: '001-raw-telemetry',
    statements: [
      `CREATE TABLE IF NOT EXISTS raw_telemetry (
  message_id  text PRIMARY KEY,
  machine_id  text NOT NULL,
  site        text NOT NULL,
  line        text NOT NULL,
  sequence    bigint NOT NULL,
  produced_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload     jsonb NOT NULL
)`,
      'CREATE INDEX IF NOT EXISTS raw_telemetry_produced_at ON raw_telemetry (produced_at, message_id)',
      'CREATE INDEX IF NOT EXISTS raw_telemetry_machine ON raw_telemetry (machine_id, produced_at)',
    ],
  },
];

/** An arbitrary constant naming the gateway's migration lock (pg_advisory_xact_lock). */
export const migrationLockKey = 7_431_202_601;
