import { describe, expect, it } from 'vitest';
import { driveCharacteristic, rotationalSpeedRpm } from './drive-characteristic.ts';

describe('rotationalSpeedRpm', () => {
  it('approaches the no-load speed when the torque is zero', () => {
    expect(rotationalSpeedRpm(0, 0)).toBe(driveCharacteristic.noLoadSpeedRpm);
  });

  it('falls as the torque rises, as a power limit demands', () => {
    const speeds = [10, 20, 40, 60, 80].map((torque) => rotationalSpeedRpm(torque, 0));
    expect(speeds).toEqual([...speeds].sort((a, b) => b - a));
  });

  it('turns at about the published mean speed of 1539 rpm at the mean torque of 40 Nm', () => {
    expect(rotationalSpeedRpm(40, 0)).toBeGreaterThan(1480);
    expect(rotationalSpeedRpm(40, 0)).toBeLessThan(1560);
  });

  it('adds the noise in rpm', () => {
    expect(rotationalSpeedRpm(40, 1) - rotationalSpeedRpm(40, 0)).toBeCloseTo(driveCharacteristic.speedNoiseSdRpm, 9);
  });

  it('never turns backwards, whatever the noise', () => {
    expect(rotationalSpeedRpm(100, -1e6)).toBe(0);
  });
});
