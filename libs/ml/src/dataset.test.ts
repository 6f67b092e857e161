import { describe, expect, it } from 'vitest';
import { assertDataset } from './dataset.ts';

const base = { featureNames: ['torque', 'speed'], rows: [[1, 2], [3, 4]], labels: [0, 1] };

describe('assertDataset', () => {
  it('accepts a well-formed dataset', () => {
    expect(() => assertDataset(base)).not.toThrow();
  });

  it('names the row and column of a NaN', () => {
    expect(() => assertDataset({ ...base, rows: [[1, 2], [3, Number.NaN]] })).toThrow('dataset: row 1, column "speed" is NaN; expected a finite number');
  });

  it('names a row of the wrong width', () => {
    expect(() => assertDataset({ ...base, rows: [[1, 2], [3]] })).toThrow('row 1 has 1 values; expected 2 (torque, speed)');
  });

  it('rejects a label other than 0 or 1', () => {
    expect(() => assertDataset({ ...base, labels: [0, 2] })).toThrow('row 1 has label 2; expected 0 or 1');
  });

  it('rejects a label count that differs from the row count', () => {
    expect(() => assertDataset({ ...base, labels: [0] })).toThrow('2 rows but 1 labels');
  });
});
