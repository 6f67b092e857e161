import { describe, expect, it } from 'vitest';
import { curlCommand } from './curl-command.ts';
import { failureModeMargins, firedModes } from './failure-mode-margins.ts';

const calm = { type: 'M', airTemperatureK: 300, processTemperatureK: 310, rotationalSpeedRpm: 1500, torqueNm: 40, toolWearMin: 100 };

describe('failureModeMargins', () => {
  it('measures the distance to every published threshold on its safe side', () => {
    const margins = failureModeMargins(calm);
    const byQuantity = Object.fromEntries(margins.map((m) => [m.quantity, m]));
    expect(byQuantity['process − air temperature']).toMatchObject({ mode: 'HDF', value: 10, threshold: 8.6, firesWhen: 'below', state: 'clear' });
    expect(byQuantity['process − air temperature']!.margin).toBeCloseTo(1.4, 10);
    expect(byQuantity['tool wear × torque (limit for type M)']).toMatchObject({ mode: 'OSF', value: 4000, threshold: 12_000, margin: 8000, state: 'clear' });
    expect(byQuantity['power (lower limit)']!.value).toBeCloseTo(40 * 1500 * ((2 * Math.PI) / 60), 6);
    expect(firedModes(calm)).toEqual([]);
  });

  it('marks a crossed threshold and a close one', () => {
    const input = { ...calm, type: 'L', rotationalSpeedRpm: 1400, torqueNm: 60, toolWearMin: 190 };
    const margins = failureModeMargins(input);
    const osf = margins.find((m) => m.mode === 'OSF')!;
    expect(osf).toMatchObject({ value: 11_400, threshold: 11_000, margin: -400, state: 'breached' });
    expect(margins.find((m) => m.mode === 'TWF')).toMatchObject({ margin: 10, state: 'near' });
    expect(firedModes(input)).toEqual(['OSF']);
  });

  it('fires heat dissipation only when both of its conditions hold', () => {
    const hot = { ...calm, processTemperatureK: 308, rotationalSpeedRpm: 1500 };
    expect(firedModes(hot)).toEqual([]);
    expect(firedModes({ ...hot, rotationalSpeedRpm: 1300 })).toContain('HDF');
  });

  it('has nothing to say about inputs that are not the AI4I variables', () => {
    expect(failureModeMargins({ pressureBar: 3 })).toEqual([]);
    expect(failureModeMargins({ ...calm, type: 'Z' })).toEqual([]);
  });
});

describe('curlCommand', () => {
  it('writes a POSIX-shell-safe command, escaping single quotes', () => {
    expect(curlCommand('http://api:8080', '/predict', { type: "it's" }, 'http://ui')).toBe(
      `curl -sS -X POST 'http://api:8080/predict' -H 'content-type: application/json' -d '{"type":"it'\\''s"}'`,
    );
  });

  it("uses the page's origin when the API shares it", () => {
    expect(curlCommand('', '/predict', {}, 'https://ops.example.com')).toContain(`'https://ops.example.com/predict'`);
  });
});
