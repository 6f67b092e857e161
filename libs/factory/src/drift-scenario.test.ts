import { describe, expect, it } from 'vitest';
import { checkDriftScenario, driftEffectsAt, type DriftScenario } from './drift-scenario.ts';

describe('driftEffectsAt', () => {
  it('does nothing for an empty scenario', () => {
    expect(driftEffectsAt([], 100)).toEqual({
      ambientOffsetK: 0,
      toolWearMultiplier: 1,
      sensorOffsets: { airTemperatureK: 0, processTemperatureK: 0, rotationalSpeedRpm: 0, torqueNm: 0, toolWearMin: 0 },
    });
  });

  it('ramps a heat wave up over 1000 processes by default, then holds it', () => {
    const heatWave: DriftScenario = [{ kind: 'heatWave', peakK: 6, startsAt: 100 }];
    expect([0, 100, 600, 1100, 5000].map((index) => driftEffectsAt(heatWave, index).ambientOffsetK)).toEqual([0, 0, 3, 6, 6]);
  });

  it('starts a heat wave at once when its ramp is zero', () => {
    expect(driftEffectsAt([{ kind: 'heatWave', peakK: 4, rampProcesses: 0 }], 0).ambientOffsetK).toBe(4);
  });

  it('offsets one sensor from its start on', () => {
    const offset: DriftScenario = [{ kind: 'sensorOffset', reading: 'airTemperatureK', offset: 1.5, startsAt: 10 }];
    expect(driftEffectsAt(offset, 9).sensorOffsets.airTemperatureK).toBe(0);
    expect(driftEffectsAt(offset, 10).sensorOffsets).toMatchObject({ airTemperatureK: 1.5, torqueNm: 0 });
  });

  it('multiplies tool wear from its start on, combining several drifts', () => {
    const faster: DriftScenario = [
      { kind: 'fasterToolWear', multiplier: 2, startsAt: 5 },
      { kind: 'fasterToolWear', multiplier: 1.5 },
    ];
    expect([driftEffectsAt(faster, 0).toolWearMultiplier, driftEffectsAt(faster, 5).toolWearMultiplier]).toEqual([1.5, 3]);
  });
});

describe('checkDriftScenario', () => {
  it('accepts every kind of drift', () => {
    expect(() =>
      checkDriftScenario([
        { kind: 'sensorOffset', reading: 'torqueNm', offset: -2 },
        { kind: 'heatWave', peakK: 5, rampProcesses: 200 },
        { kind: 'fasterToolWear', multiplier: 1.5, startsAt: 1000 },
      ]),
    ).not.toThrow();
  });

  it('names the drift and field of a bad value', () => {
    expect(() => checkDriftScenario([{ kind: 'heatWave', peakK: 5 }, { kind: 'fasterToolWear', multiplier: 0 }])).toThrow(
      'scenario[1] (fasterToolWear): multiplier must be a positive number, got 0',
    );
  });

  it('rejects a sensor that does not exist', () => {
    const scenario = [{ kind: 'sensorOffset', reading: 'vibration', offset: 1 }] as unknown as DriftScenario;
    expect(() => checkDriftScenario(scenario)).toThrow('scenario[0] (sensorOffset): reading must be one of airTemperatureK');
  });

  it('rejects a negative start', () => {
    expect(() => checkDriftScenario([{ kind: 'heatWave', peakK: 5, startsAt: -1 }])).toThrow('startsAt must be a process index ≥ 0, got -1');
  });

  it('rejects an unknown kind of drift', () => {
    expect(() => checkDriftScenario([{ kind: 'earthquake' }] as unknown as DriftScenario)).toThrow(
      'scenario[0]: kind must be sensorOffset, heatWave or fasterToolWear, got earthquake',
    );
  });
});
