import { describe, expect, it } from 'vitest';
import { engineeredFeature, engineeredFormula, mechanicalPowerW, temperatureDifferenceK, wearTorqueMinNm } from './engineered-features.ts';

describe('the engineered feature formulas', () => {
  it('computes the temperature difference as process minus air', () => {
    expect(temperatureDifferenceK(310.5, 300.25)).toBe(10.25);
  });

  it('computes power as torque times angular speed in rad/s', () => {
    expect(mechanicalPowerW(40, 1500)).toBe(40 * 1500 * ((2 * Math.PI) / 60));
    expect(mechanicalPowerW(40, 1500)).toBeCloseTo(6283.185307, 5);
  });

  it('computes the overstrain load as tool wear times torque', () => {
    expect(wearTorqueMinNm(200, 55)).toBe(11_000);
  });

  it('knows no feature outside its catalogue, not even an Object prototype key', () => {
    expect(engineeredFormula('vibrationRms')).toBeUndefined();
    expect(engineeredFormula('toString')).toBeUndefined();
  });

  it('refuses to describe a feature it cannot compute', () => {
    expect(() => engineeredFeature('vibrationRms')).toThrow('unknown engineered feature "vibrationRms"; known: temperatureDifferenceK, powerW, wearTorqueMinNm');
  });
});
