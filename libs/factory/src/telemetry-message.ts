import type { ProductType } from './product-type.ts';

/**
 * The telemetry message a machine publishes after each process, version 1. A breaking change
 * becomes version 2 beside it; a parser reads the versions it knows and rejects the rest.
 */

/** The version this type describes. */
export const telemetrySchemaVersion = 1;

/** A measured value with its unit, so a message says what its numbers mean. */
export interface Measurement<Unit extends string> {
  readonly value: number;
  readonly unit: Unit;
}

/** The five sensor readings of a process. */
export interface TelemetryReadings {
  readonly airTemperature: Measurement<'K'>;
  readonly processTemperature: Measurement<'K'>;
  readonly rotationalSpeed: Measurement<'rpm'>;
  readonly torque: Measurement<'Nm'>;
  /** Minutes the tool had been in use when the process started. */
  readonly toolWear: Measurement<'min'>;
}

/** The AI4I failure mode codes. */
export type FailureModeCode = 'TWF' | 'HDF' | 'PWF' | 'OSF' | 'RNF';

/** Every failure mode code, in the dataset's column order. */
export const failureModeCodes: readonly FailureModeCode[] = ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'];

/** How the process ended, when the machine reports it; the training label. */
export interface ProcessOutcome {
  readonly machineFailure: boolean;
  /** The modes that occurred; may be empty for a failure of unknown cause. */
  readonly failureModes: readonly FailureModeCode[];
}

/** Telemetry of one process of one machine. */
export interface TelemetryMessageV1 {
  readonly schemaVersion: typeof telemetrySchemaVersion;
  /** Unique per message, `<machineId>-<sequence>`: consumers deduplicate redeliveries by it. */
  readonly messageId: string;
  readonly machineId: string;
  readonly site: string;
  readonly line: string;
  /** When the machine produced the message: ISO 8601 with a time zone, e.g. `2024-05-01T12:00:00.000Z`. */
  readonly producedAt: string;
  /** The machine's process counter, from 1; gaps reveal lost messages. */
  readonly sequence: number;
  readonly productId: string;
  readonly type: ProductType;
  readonly readings: TelemetryReadings;
  /** Present when the machine reports how the process ended (the simulator always does). */
  readonly outcome?: ProcessOutcome;
}
