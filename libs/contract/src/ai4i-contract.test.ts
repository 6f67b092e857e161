import { describe, expect, it } from 'vitest';
import { ai4iContract } from './ai4i-contract.ts';
import { validateContract } from './validate-contract.ts';

describe('ai4iContract', () => {
  it('decides at a probability of 0.5 by default', () => {
    expect(ai4iContract().outputs).toEqual({ classes: ['ok', 'failure'], positiveClass: 'failure', threshold: 0.5 });
  });

  it('carries the tuned threshold it is given', () => {
    expect(ai4iContract(0.37).outputs.threshold).toBe(0.37);
  });

  it('refuses a threshold that is not a probability', () => {
    expect(() => ai4iContract(1.5)).toThrow('threshold must be a probability between 0 and 1, got 1.5');
    expect(() => ai4iContract(Number.NaN)).toThrow(RangeError);
  });

  it('takes the six AI4I variables with their units', () => {
    const units = ai4iContract().inputs.map((input) => [input.name, input.type === 'number' ? input.unit : input.categories]);
    expect(units).toEqual([
      ['type', ['L', 'M', 'H']],
      ['airTemperatureK', 'K'],
      ['processTemperatureK', 'K'],
      ['rotationalSpeedRpm', 'rpm'],
      ['torqueNm', 'Nm'],
      ['toolWearMin', 'min'],
    ]);
  });

  it('feeds the model the inputs, then the three engineered features', () => {
    expect(ai4iContract().featureOrder).toEqual([
      'type',
      'airTemperatureK',
      'processTemperatureK',
      'rotationalSpeedRpm',
      'torqueNm',
      'toolWearMin',
      'temperatureDifferenceK',
      'powerW',
      'wearTorqueMinNm',
    ]);
  });

  it('is a valid contract, also after a round trip through contract.json', () => {
    expect(validateContract(ai4iContract()).ok).toBe(true);
    expect(validateContract(JSON.parse(JSON.stringify(ai4iContract())))).toEqual({ ok: true, value: ai4iContract() });
  });
});
