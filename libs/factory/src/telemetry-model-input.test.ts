import { describe, expect, it } from 'vitest';
import { createMachine } from './machine.ts';
import { telemetryModelInput } from './telemetry-model-input.ts';
import { toTelemetryMessage } from './to-telemetry-message.ts';

describe('telemetryModelInput', () => {
  it('names each reading as the machine-failure contract does', () => {
    const record = createMachine({ id: 'mill-1', seed: 3 }).next();
    const message = toTelemetryMessage(record, { machineId: 'mill-1', site: 's', line: 'l' }, new Date(0));
    expect(telemetryModelInput(message)).toEqual({
      type: record.type,
      airTemperatureK: record.airTemperatureK,
      processTemperatureK: record.processTemperatureK,
      rotationalSpeedRpm: record.rotationalSpeedRpm,
      torqueNm: record.torqueNm,
      toolWearMin: record.toolWearMin,
    });
  });
});
