import { describe, expect, it } from 'vitest';
import { parseTelemetryMessage } from './parse-telemetry-message.ts';
import { simulateProcesses } from './simulate-processes.ts';
import { toTelemetryMessage } from './to-telemetry-message.ts';

const source = { machineId: 'mill-07', site: 'plant-1', line: 'line-a' };
const producedAt = new Date('2024-05-01T12:00:00Z');

describe('toTelemetryMessage', () => {
  const [record] = simulateProcesses({ rows: 1, seed: 3 });

  it('carries every reading with its unit', () => {
    expect(toTelemetryMessage(record!, source, producedAt).readings).toEqual({
      airTemperature: { value: record!.airTemperatureK, unit: 'K' },
      processTemperature: { value: record!.processTemperatureK, unit: 'K' },
      rotationalSpeed: { value: record!.rotationalSpeedRpm, unit: 'rpm' },
      torque: { value: record!.torqueNm, unit: 'Nm' },
      toolWear: { value: record!.toolWearMin, unit: 'min' },
    });
  });

  it('identifies the message by machine and sequence, stamped with the time given', () => {
    expect(toTelemetryMessage(record!, source, producedAt)).toMatchObject({
      schemaVersion: 1,
      messageId: 'mill-07-1',
      machineId: 'mill-07',
      site: 'plant-1',
      line: 'line-a',
      producedAt: '2024-05-01T12:00:00.000Z',
      sequence: 1,
      productId: record!.productId,
      type: record!.type,
    });
  });

  it('lists the failure modes of a failed process by their codes', () => {
    const failed = simulateProcesses({ rows: 5000, seed: 3 }).find((row) => row.osf)!;
    expect(toTelemetryMessage(failed, source, producedAt).outcome).toEqual({ machineFailure: true, failureModes: expect.arrayContaining(['OSF']) });
  });

  it('produces messages its own parser accepts unchanged', () => {
    for (const row of simulateProcesses({ rows: 2000, seed: 12 })) {
      const message = toTelemetryMessage(row, source, producedAt);
      expect(parseTelemetryMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
    }
  });
});
