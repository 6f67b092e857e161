import type { ProcessRecord } from './process-record.ts';
import { failureModeCodes, telemetrySchemaVersion, type FailureModeCode, type TelemetryMessageV1 } from './telemetry-message.ts';

/** Where a message comes from. */
export interface TelemetrySource {
  readonly machineId: string;
  readonly site: string;
  readonly line: string;
}

const modeFlags: Readonly<Record<FailureModeCode, 'twf' | 'hdf' | 'pwf' | 'osf' | 'rnf'>> = { TWF: 'twf', HDF: 'hdf', PWF: 'pwf', OSF: 'osf', RNF: 'rnf' };

/**
 * The telemetry message of one simulated process. The clock is the caller's: pass the time the
 * message is produced. The sequence is the record's `udi`, so the id is `<machineId>-<udi>`.
 */
export function toTelemetryMessage(record: ProcessRecord, source: TelemetrySource, producedAt: Date): TelemetryMessageV1 {
  return {
    schemaVersion: telemetrySchemaVersion,
    messageId: `${source.machineId}-${record.udi}`,
    machineId: source.machineId,
    site: source.site,
    line: source.line,
    producedAt: producedAt.toISOString(),
    sequence: record.udi,
    productId: record.productId,
    type: record.type,
    readings: {
      airTemperature: { value: record.airTemperatureK, unit: 'K' },
      processTemperature: { value: record.processTemperatureK, unit: 'K' },
      rotationalSpeed: { value: record.rotationalSpeedRpm, unit: 'rpm' },
      torque: { value: record.torqueNm, unit: 'Nm' },
      toolWear: { value: record.toolWearMin, unit: 'min' },
    },
    outcome: {
      machineFailure: record.machineFailure,
      failureModes: failureModeCodes.filter((code) => record[modeFlags[code]]),
    },
  };
}
