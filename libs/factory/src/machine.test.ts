import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMachine } from './machine.ts';
import type { ProcessRecord } from './process-record.ts';

function run(machine: { next(): ProcessRecord }, count: number): ProcessRecord[] {
  return Array.from({ length: count }, () => machine.next());
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('createMachine', () => {
  it('produces the same processes for the same seed, for any seed', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (seed) => {
        expect(run(createMachine({ id: 'a', seed }), 50)).toEqual(run(createMachine({ id: 'b', seed }), 50));
      }),
      { numRuns: 50 },
    );
  });

  it('keeps its id and counts its processes from 1', () => {
    const machine = createMachine({ id: 'mill-07', seed: 1 });
    expect(machine.id).toBe('mill-07');
    expect(run(machine, 3).map((record) => record.udi)).toEqual([1, 2, 3]);
  });

  it('holds the published temperatures over a long run without normalising them', () => {
    const records = run(createMachine({ id: 'mill-07', seed: 8 }), 50_000);
    // The walks remember ~100 and ~20 processes, so 50,000 of them pin the means to about ±0.1 K.
    expect(Math.abs(mean(records.map((record) => record.airTemperatureK)) - 300)).toBeLessThan(0.5);
    expect(Math.abs(mean(records.map((record) => record.processTemperatureK - record.airTemperatureK)) - 10)).toBeLessThan(0.15);
    expect(mean(records.map((record) => (record.machineFailure ? 1 : 0)))).toBeGreaterThan(0.024);
    expect(mean(records.map((record) => (record.machineFailure ? 1 : 0)))).toBeLessThan(0.044);
  });

  it('machines only the product type it is given', () => {
    expect(new Set(run(createMachine({ id: 'm', seed: 2, type: 'M' }), 100).map((record) => record.type))).toEqual(new Set(['M']));
  });

  it('shows the drift it is given', () => {
    const records = run(createMachine({ id: 'm', seed: 2, scenario: [{ kind: 'sensorOffset', reading: 'torqueNm', offset: 100 }] }), 100);
    expect(Math.min(...records.map((record) => record.torqueNm))).toBeGreaterThan(100);
  });

  it('refuses a scenario it cannot simulate', () => {
    expect(() => createMachine({ id: 'm', seed: 1, scenario: [{ kind: 'fasterToolWear', multiplier: -1 }] })).toThrow('multiplier must be a positive number');
  });
});

describe('Machine.setScenario', () => {
  it('switches drift from the next process on', () => {
    const steady = createMachine({ id: 'm', seed: 5 });
    const switched = createMachine({ id: 'm', seed: 5 });
    for (let index = 0; index < 3; index += 1) expect(switched.next()).toEqual(steady.next());
    switched.setScenario([{ kind: 'sensorOffset', reading: 'torqueNm', offset: 10 }]);
    const normal = steady.next();
    const drifted = switched.next();
    expect(drifted.torqueNm).toBeCloseTo(normal.torqueNm + 10, 5);
  });

  it('rejects a scenario it cannot simulate and keeps the current one', () => {
    const machine = createMachine({ id: 'm', seed: 5 });
    expect(() => machine.setScenario([{ kind: 'fasterToolWear', multiplier: 0 }])).toThrow('multiplier must be a positive number');
  });
});
