import { describe, expect, it } from 'vitest';
import {
  failureModes,
  isHeatDissipationFailure,
  isMachineFailure,
  isOverstrainFailure,
  isPowerFailure,
  isRandomFailure,
  isToolWearFailure,
  type FailureDraws,
  type FailureInputs,
} from './failure-modes.ts';

/** A process far from every threshold: 10 K rise, 1500 rpm at 40 Nm (6283 W), 100 min × 40 Nm. */
const calm: FailureInputs = { type: 'L', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 };
const noLuck: FailureDraws = { toolLifeMin: 220, toolFailsAtEndOfLife: true, randomFailureDraw: 0.5 };

/** The speed at which a torque needs exactly the given power. */
function speedFor(powerW: number, torqueNm: number): number {
  return powerW / (torqueNm * ((2 * Math.PI) / 60));
}

const justBelow = (value: number): number => value * (1 - 1e-12);
const justAbove = (value: number): number => value * (1 + 1e-12);

describe('the AI4I failure rules', () => {
  it('find nothing wrong with a calm process', () => {
    expect(failureModes(calm, noLuck)).toEqual({ twf: false, hdf: false, pwf: false, osf: false, rnf: false });
    expect(isMachineFailure(failureModes(calm, noLuck))).toBe(false);
  });

  describe('heat dissipation failure (HDF)', () => {
    it('fires when the rise is just under 8.6 K and the speed just under 1380 rpm', () => {
      expect(isHeatDissipationFailure({ ...calm, processTemperatureK: 308.5, rotationalSpeedRpm: justBelow(1380) })).toBe(true);
      expect(isHeatDissipationFailure({ ...calm, airTemperatureK: 0.5, processTemperatureK: justBelow(9.1), rotationalSpeedRpm: 1379 })).toBe(true);
    });

    it('does not fire at a rise of exactly 8.6 K', () => {
      expect(isHeatDissipationFailure({ ...calm, airTemperatureK: 0, processTemperatureK: 8.6, rotationalSpeedRpm: 1300 })).toBe(false);
      expect(isHeatDissipationFailure({ ...calm, airTemperatureK: 0, processTemperatureK: justBelow(8.6), rotationalSpeedRpm: 1300 })).toBe(true);
    });

    it('does not fire at exactly 1380 rpm, however small the rise', () => {
      expect(isHeatDissipationFailure({ ...calm, processTemperatureK: 301, rotationalSpeedRpm: 1380 })).toBe(false);
    });

    it('needs both conditions', () => {
      expect(isHeatDissipationFailure({ ...calm, processTemperatureK: 308, rotationalSpeedRpm: 1500 })).toBe(false);
      expect(isHeatDissipationFailure({ ...calm, processTemperatureK: 310, rotationalSpeedRpm: 1300 })).toBe(false);
    });
  });

  describe('power failure (PWF)', () => {
    it('fires just under 3500 W and not at it', () => {
      expect(isPowerFailure({ ...calm, torqueNm: 20, rotationalSpeedRpm: justBelow(speedFor(3500, 20)) })).toBe(true);
      expect(isPowerFailure({ ...calm, torqueNm: 20, rotationalSpeedRpm: justAbove(speedFor(3500, 20)) })).toBe(false);
    });

    it('fires just over 9000 W and not at it', () => {
      expect(isPowerFailure({ ...calm, torqueNm: 60, rotationalSpeedRpm: justAbove(speedFor(9000, 60)) })).toBe(true);
      expect(isPowerFailure({ ...calm, torqueNm: 60, rotationalSpeedRpm: justBelow(speedFor(9000, 60)) })).toBe(false);
    });

    it('reads the speed in rpm, converting to rad/s: 40 Nm at 2089 rpm is 8750 W, not a failure', () => {
      expect(isPowerFailure({ ...calm, torqueNm: 40, rotationalSpeedRpm: 2089 })).toBe(false);
      expect(isPowerFailure({ ...calm, torqueNm: 40, rotationalSpeedRpm: 2149 })).toBe(true);
    });
  });

  describe('overstrain failure (OSF)', () => {
    it.each([
      ['L', 11_000],
      ['M', 12_000],
      ['H', 13_000],
    ] as const)('fires for %s above %i min·Nm and not at it', (type, limit) => {
      expect(isOverstrainFailure({ ...calm, type, toolWearMin: 200, torqueNm: limit / 200 })).toBe(false);
      expect(isOverstrainFailure({ ...calm, type, toolWearMin: 200, torqueNm: justAbove(limit / 200) })).toBe(true);
    });

    it('lets a high-quality product take the load that breaks a low-quality one', () => {
      const load = { ...calm, toolWearMin: 200, torqueNm: 60 };
      expect([isOverstrainFailure({ ...load, type: 'L' }), isOverstrainFailure({ ...load, type: 'M' }), isOverstrainFailure({ ...load, type: 'H' })]).toEqual([
        true,
        false,
        false,
      ]);
    });
  });

  describe('tool wear failure (TWF)', () => {
    it('fires when the wear reaches the tool’s drawn life and the tool is drawn to fail', () => {
      expect(isToolWearFailure({ ...calm, toolWearMin: 220 }, noLuck)).toBe(true);
      expect(isToolWearFailure({ ...calm, toolWearMin: justBelow(220) }, noLuck)).toBe(false);
    });

    it('does not fire when the tool is replaced in time instead', () => {
      expect(isToolWearFailure({ ...calm, toolWearMin: 230 }, { ...noLuck, toolFailsAtEndOfLife: false })).toBe(false);
    });
  });

  describe('random failure (RNF)', () => {
    it('fires for draws below 0.1 % and not at 0.1 %', () => {
      expect(isRandomFailure({ ...noLuck, randomFailureDraw: justBelow(0.001) })).toBe(true);
      expect(isRandomFailure({ ...noLuck, randomFailureDraw: 0.001 })).toBe(false);
    });
  });

  it('calls a process a machine failure when any one mode fires', () => {
    const modes = failureModes({ ...calm, toolWearMin: 250, torqueNm: 50 }, noLuck);
    expect(modes).toEqual({ twf: true, hdf: false, pwf: false, osf: true, rnf: false });
    expect(isMachineFailure({ twf: false, hdf: false, pwf: false, osf: false, rnf: true })).toBe(true);
  });
});
