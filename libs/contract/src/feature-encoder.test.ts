import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ai4iContract } from './ai4i-contract.ts';
import { engineerFeatures, toFeatureVector } from './feature-encoder.ts';
import type { ModelContract } from './model-contract.ts';

const contract = ai4iContract();
const row = { type: 'M', airTemperatureK: 298.1, processTemperatureK: 308.6, rotationalSpeedRpm: 1551, torqueNm: 42.8, toolWearMin: 108 };

/** The same inputs encoded one-hot, in another order, without the wear × torque feature. */
const oneHotContract: ModelContract = {
  ...contract,
  name: 'one-hot',
  engineered: contract.engineered.filter((feature) => feature.name !== 'wearTorqueMinNm'),
  featureOrder: ['powerW', 'type=L', 'type=M', 'type=H', 'torqueNm', 'rotationalSpeedRpm', 'temperatureDifferenceK'],
};

describe('toFeatureVector', () => {
  it('lays the features out in featureOrder, product type as its ordinal', () => {
    expect(Array.from(toFeatureVector(contract, row))).toEqual(
      [1, 298.1, 308.6, 1551, 42.8, 108, 308.6 - 298.1, 42.8 * 1551 * ((2 * Math.PI) / 60), 108 * 42.8].map(Math.fround),
    );
  });

  it('numbers the product types L, M, H as 0, 1, 2', () => {
    expect(['L', 'M', 'H'].map((type) => toFeatureVector(contract, { ...row, type })[0])).toEqual([0, 1, 2]);
  });

  it('encodes a category one-hot when featureOrder names input=value', () => {
    expect(Array.from(toFeatureVector(oneHotContract, row))).toEqual(
      [42.8 * 1551 * ((2 * Math.PI) / 60), 0, 1, 0, 42.8, 1551, 308.6 - 298.1].map(Math.fround),
    );
  });

  it('computes the engineered features exactly as the float32 of the double-precision formula', () => {
    fc.assert(
      fc.property(
        fc.record({
          airTemperatureK: fc.double({ min: 290, max: 320, noNaN: true }),
          processTemperatureK: fc.double({ min: 300, max: 330, noNaN: true }),
          rotationalSpeedRpm: fc.double({ min: 1000, max: 3000, noNaN: true }),
          torqueNm: fc.double({ min: 0, max: 100, noNaN: true }),
          toolWearMin: fc.double({ min: 0, max: 300, noNaN: true }),
        }),
        (numbers) => {
          const vector = toFeatureVector(contract, { ...numbers, type: 'H' });
          const features = engineerFeatures(contract, { ...numbers, type: 'H' });
          return (
            vector[6] === Math.fround(numbers.processTemperatureK - numbers.airTemperatureK) &&
            vector[7] === Math.fround(numbers.torqueNm * numbers.rotationalSpeedRpm * ((2 * Math.PI) / 60)) &&
            vector[8] === Math.fround(numbers.toolWearMin * numbers.torqueNm) &&
            features['temperatureDifferenceK'] === numbers.processTemperatureK - numbers.airTemperatureK &&
            features['wearTorqueMinNm'] === numbers.toolWearMin * numbers.torqueNm
          );
        },
      ),
    );
  });

  it('writes into the buffer it is given instead of allocating one', () => {
    const out = new Float32Array(9);
    expect(toFeatureVector(contract, row, out)).toBe(out);
    expect(out[3]).toBe(1551);
  });

  it('refuses a buffer of the wrong length', () => {
    expect(() => toFeatureVector(contract, row, new Float32Array(3))).toThrow('out has 3 places; "ai4i-machine-failure" has 9 features');
  });

  it('refuses a contract that names a feature it cannot compute', () => {
    expect(() => toFeatureVector({ ...contract, featureOrder: ['vibration'] }, row)).toThrow('featureOrder names "vibration"');
  });

  it('encodes a hundred thousand requests well within a second', () => {
    const out = new Float32Array(9);
    const started = performance.now();
    for (let index = 0; index < 100_000; index += 1) toFeatureVector(contract, row, out);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('engineerFeatures', () => {
  it('returns the engineered features by name in full precision', () => {
    expect(engineerFeatures(contract, row)).toEqual({
      temperatureDifferenceK: 308.6 - 298.1,
      powerW: 42.8 * 1551 * ((2 * Math.PI) / 60),
      wearTorqueMinNm: 108 * 42.8,
    });
  });

  it('returns only the features the contract declares', () => {
    expect(Object.keys(engineerFeatures(oneHotContract, row))).toEqual(['temperatureDifferenceK', 'powerW']);
  });
});
