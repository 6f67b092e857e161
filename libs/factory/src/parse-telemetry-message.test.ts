import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFieldErrors } from '@millwright/contract';
import { maxTelemetryPayloadBytes, parseTelemetryMessage } from './parse-telemetry-message.ts';

const message = {
  schemaVersion: 1,
  messageId: 'mill-07-42',
  machineId: 'mill-07',
  site: 'plant-1',
  line: 'line-a',
  producedAt: '2024-05-01T12:00:00.000+02:00',
  sequence: 42,
  productId: 'L47181',
  type: 'L',
  readings: {
    airTemperature: { value: 298.2, unit: 'K' },
    processTemperature: { value: 308.7, unit: 'K' },
    rotationalSpeed: { value: 1408, unit: 'rpm' },
    torque: { value: 46.3, unit: 'Nm' },
    toolWear: { value: 3, unit: 'min' },
  },
};

function reasons(raw: string | Uint8Array): string {
  const result = parseTelemetryMessage(raw);
  return result.ok ? 'accepted' : formatFieldErrors(result.errors);
}

/** A copy of an object without one of its fields. */
function omit(value: object, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== name));
}

const withChange = (change: Record<string, unknown>): string => JSON.stringify({ ...message, ...change });
const withReading = (name: string, reading: unknown): string => withChange({ readings: { ...message.readings, [name]: reading } });

describe('parseTelemetryMessage', () => {
  it('accepts a valid message, as text or as bytes', () => {
    expect(parseTelemetryMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
    expect(parseTelemetryMessage(new TextEncoder().encode(JSON.stringify(message)))).toEqual({ ok: true, value: message });
  });

  it('accepts a message without an outcome, as a machine that does not report one sends', () => {
    expect(reasons(JSON.stringify(message))).toBe('accepted');
  });

  it('rejects text that is not JSON', () => {
    expect(reasons('{"schemaVersion": 1,')).toMatch(/^\(message\): is not valid JSON: /);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(reasons(Uint8Array.from([0x7b, 0xff, 0x7d]))).toBe('(message): is not valid UTF-8 text');
  });

  it('rejects JSON that is not an object', () => {
    expect(reasons('[1, 2]')).toBe('(message): must be a JSON object, got array');
  });

  it('rejects a payload over 64 KiB before parsing it', () => {
    const padded = withChange({ messageId: 'x'.repeat(maxTelemetryPayloadBytes) });
    expect(reasons(padded)).toBe(`(message): is ${padded.length} bytes; a telemetry message may be at most 65536 bytes`);
  });

  it('counts the size of text in UTF-8 bytes', () => {
    const text = withChange({ productId: 'é'.repeat(33_000) });
    expect(reasons(text)).toContain(`is ${text.length + 33_000} bytes`);
  });

  it('rejects text PostgreSQL jsonb cannot store (NUL, lone surrogates) in any string', () => {
    expect(reasons(withChange({ productId: 'L4\u00007181' }))).toMatch(/^productId: /);
    expect(reasons(withChange({ productId: 'L\ud800' }))).toMatch(/^productId: /);
  });

  it('rejects a schema version it does not know, and only says that', () => {
    expect(reasons(withChange({ schemaVersion: 2, readings: 'new shape' }))).toBe(
      'schemaVersion: must be 1, the only telemetry version this parser reads; got 2',
    );
    expect(reasons(JSON.stringify({ machineId: 'mill-07' }))).toBe('schemaVersion: must be 1, the only telemetry version this parser reads; got nothing');
  });

  it('rejects a missing field and says what belongs there', () => {
    expect(reasons(JSON.stringify(omit(message, 'producedAt')))).toBe('producedAt: is required: an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00.000Z');
  });

  it('rejects a missing reading', () => {
    expect(reasons(withChange({ readings: omit(message.readings, 'torque') }))).toBe('readings.torque: is required: the torque { value, unit: "Nm" }');
  });

  it('rejects a reading given as a bare number', () => {
    expect(reasons(withReading('torque', 46.3))).toBe('readings.torque: must be an object, got number');
  });

  it('rejects a reading in the wrong unit', () => {
    expect(reasons(withReading('airTemperature', { value: 25.1, unit: 'C' }))).toBe('readings.airTemperature.unit: must be "K", got "C"');
  });

  it('rejects a value of the wrong type', () => {
    expect(reasons(withReading('torque', { value: '46.3', unit: 'Nm' }))).toBe('readings.torque.value: must be a finite number, got string');
  });

  it('rejects a number that JSON parses to Infinity', () => {
    const text = withReading('torque', { value: 0, unit: 'Nm' }).replace('"value":0', '"value":1e999');
    expect(reasons(text)).toBe('readings.torque.value: must be a finite number, got Infinity');
  });

  it('rejects a temperature at or below absolute zero and a negative speed', () => {
    expect(reasons(withChange({ readings: { ...message.readings, airTemperature: { value: 0, unit: 'K' }, rotationalSpeed: { value: -1, unit: 'rpm' } } }))).toBe(
      ['readings.airTemperature.value: must be > 0, got 0', 'readings.rotationalSpeed.value: must be ≥ 0, got -1'].join('\n'),
    );
  });

  it('rejects a timestamp without a time zone', () => {
    expect(reasons(withChange({ producedAt: '2024-05-01 12:00:00' }))).toBe(
      'producedAt: must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00.000Z, got "2024-05-01 12:00:00"',
    );
  });

  it('rejects a machine id that cannot be an MQTT topic level', () => {
    expect(reasons(withChange({ machineId: 'mill/07' }))).toContain('machineId: must be a machine id of letters, digits');
  });

  it('rejects a fractional or negative sequence', () => {
    expect(reasons(withChange({ sequence: 1.5 }))).toBe('sequence: must be a whole number, got number');
    expect(reasons(withChange({ sequence: -1 }))).toBe('sequence: must be ≥ 0, got -1');
  });

  it('rejects an unknown product type and an unknown failure mode', () => {
    expect(reasons(withChange({ type: 'X', outcome: { machineFailure: true, failureModes: ['OSF', 'XYZ'] } }))).toBe(
      ['type: must be one of "L", "M", "H", got "X"', 'outcome.failureModes[1]: must be one of "TWF", "HDF", "PWF", "OSF", "RNF", got "XYZ"'].join('\n'),
    );
  });

  it('rejects a failure mode listed twice', () => {
    expect(reasons(withChange({ outcome: { machineFailure: true, failureModes: ['OSF', 'OSF'] } }))).toBe('outcome.failureModes[1]: "OSF" is listed twice');
  });

  it('rejects fields it does not know, at any depth', () => {
    expect(reasons(withChange({ vibration: 3, readings: { ...message.readings, torque: { value: 1, unit: 'Nm', sd: 0.1 } } }))).toBe(
      [
        'readings.torque.sd: is not a field here; the fields are value, unit',
        'vibration: is not a field here; the fields are schemaVersion, messageId, machineId, site, line, producedAt, sequence, productId, type, readings, outcome',
      ].join('\n'),
    );
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ ...message, readings: value }))), (raw) => {
        const result = parseTelemetryMessage(raw);
        return result.ok || result.errors.length > 0;
      }),
      { numRuns: 2000 },
    );
  });
});
