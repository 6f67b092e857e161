import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessRecord } from './process-record.ts';
import { simulateProcesses } from './simulate-processes.ts';

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const count = (rows: readonly ProcessRecord[], predicate: (row: ProcessRecord) => boolean): number => rows.filter(predicate).length;

describe('simulateProcesses', () => {
  it('gives the same rows for the same seed, for any seed', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 300 }), (seed, rows) => {
        expect(simulateProcesses({ rows, seed })).toEqual(simulateProcesses({ rows, seed }));
      }),
      { numRuns: 50 },
    );
  });

  it('gives different rows for different seeds', () => {
    expect(simulateProcesses({ rows: 50, seed: 1 })).not.toEqual(simulateProcesses({ rows: 50, seed: 2 }));
  });

  it('numbers the processes from 1 and names each product by its variant', () => {
    const rows = simulateProcesses({ rows: 5, seed: 9 });
    expect(rows.map((row) => row.udi)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((row) => row.productId.startsWith(row.type) && /^[LMH]\d{5}$/.test(row.productId))).toBe(true);
  });

  it('publishes readings at the dataset’s precision: 0.1 K, 1 rpm, 0.1 Nm, 1 min', () => {
    const decimals = (value: number): number => (String(value).split('.')[1] ?? '').length;
    const rows = simulateProcesses({ rows: 500, seed: 4 });
    expect(Math.max(...rows.flatMap((row) => [row.airTemperatureK, row.processTemperatureK, row.torqueNm].map(decimals)))).toBe(1);
    expect(rows.every((row) => Number.isInteger(row.rotationalSpeedRpm) && Number.isInteger(row.toolWearMin))).toBe(true);
  });

  it('machines only the product type it is given', () => {
    expect(new Set(simulateProcesses({ rows: 200, seed: 3, type: 'H' }).map((row) => row.type))).toEqual(new Set(['H']));
  });

  it('wears the tool by 5 / 3 / 2 min per H / M / L product until it is changed', () => {
    const rows = simulateProcesses({ rows: 2000, seed: 5 });
    const increments = rows.slice(1).flatMap((row, index) => (row.toolWearMin >= rows[index]!.toolWearMin ? [[rows[index]!.type, row.toolWearMin - rows[index]!.toolWearMin]] : []));
    expect(new Set(increments.map(([type, wear]) => `${type}+${wear}`))).toEqual(new Set(['H+5', 'M+3', 'L+2']));
  });

  it('returns no rows for zero rows', () => {
    expect(simulateProcesses({ rows: 0, seed: 1 })).toEqual([]);
  });

  it('refuses a row count that is not a whole number', () => {
    expect(() => simulateProcesses({ rows: -1, seed: 1 })).toThrow('rows must be a whole number ≥ 0, got -1');
    expect(() => simulateProcesses({ rows: 2.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('simulateProcesses with drift', () => {
  const seed = 11;
  const rows = 20_000;
  const baseline = simulateProcesses({ rows, seed });

  it('warms air and process by the heat wave’s peak once it has ramped up', () => {
    const warm = simulateProcesses({ rows, seed, scenario: [{ kind: 'heatWave', peakK: 5, startsAt: 10_000, rampProcesses: 1000 }] });
    const after = (records: ProcessRecord[], pick: (row: ProcessRecord) => number): number => mean(records.slice(11_000).map(pick));
    expect(after(warm, (row) => row.airTemperatureK) - after(baseline, (row) => row.airTemperatureK)).toBeCloseTo(5, 1);
    expect(after(warm, (row) => row.processTemperatureK) - after(baseline, (row) => row.processTemperatureK)).toBeCloseTo(5, 1);
    expect(warm.slice(0, 10_000)).toEqual(baseline.slice(0, 10_000));
  });

  it('keeps the temperature difference through a heat wave, and with it the heat dissipation failures', () => {
    const warm = simulateProcesses({ rows, seed, scenario: [{ kind: 'heatWave', peakK: 5 }] });
    const rise = (row: ProcessRecord): number => row.processTemperatureK - row.airTemperatureK;
    // Air and process are each published to 0.1 K, so their difference may round 0.1 K apart.
    expect(warm.every((row, index) => Math.abs(rise(row) - rise(baseline[index]!)) < 0.1 + 1e-9)).toBe(true);
    expect(Math.abs(count(warm, (row) => row.hdf) / count(baseline, (row) => row.hdf) - 1)).toBeLessThan(0.05);
  });

  it('shifts only the reported reading of an offset sensor, never the failures', () => {
    const offset = simulateProcesses({ rows, seed, scenario: [{ kind: 'sensorOffset', reading: 'airTemperatureK', offset: 3 }] });
    expect(offset.map((row) => Math.round((row.airTemperatureK - 3) * 10) / 10)).toEqual(baseline.map((row) => row.airTemperatureK));
    expect(offset.map((row) => ({ ...row, airTemperatureK: 0 }))).toEqual(baseline.map((row) => ({ ...row, airTemperatureK: 0 })));
  });

  it('changes tools more often and fails more from tool wear when tools wear faster', () => {
    const worn = simulateProcesses({ rows, seed, scenario: [{ kind: 'fasterToolWear', multiplier: 2 }] });
    expect(count(worn, (row) => row.twf)).toBeGreaterThan(1.5 * count(baseline, (row) => row.twf));
  });

  it('leaves products, torque and speed as they were when tools wear faster', () => {
    const worn = simulateProcesses({ rows, seed, scenario: [{ kind: 'fasterToolWear', multiplier: 2 }] });
    const load = (row: ProcessRecord): string => `${row.productId} ${row.torqueNm} ${row.rotationalSpeedRpm}`;
    expect(worn.map(load)).toEqual(baseline.map(load));
  });

  it('refuses a scenario it cannot simulate', () => {
    expect(() => simulateProcesses({ rows: 1, seed, scenario: [{ kind: 'heatWave', peakK: Number.NaN }] })).toThrow(
      'scenario[0] (heatWave): peakK must be a finite number of kelvin, got NaN',
    );
  });
});
