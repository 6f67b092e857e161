import { describe, expect, it } from 'vitest';
import { countPositives } from './dataset.ts';
import { splitStratified } from './split-stratified.ts';
import { syntheticDataset } from './test-support/index.ts';

const dataset = syntheticDataset({ rows: 4000, seed: 21 });
const positiveRate = countPositives(dataset.labels) / dataset.rows.length;

describe('splitStratified', () => {
  it('cuts 70/15/15 by default', () => {
    const split = splitStratified(dataset, { seed: 1 });
    expect(split.train.rows.length / 4000).toBeCloseTo(0.7, 2);
    expect(split.validation.rows.length / 4000).toBeCloseTo(0.15, 2);
    expect(split.test.rows.length / 4000).toBeCloseTo(0.15, 2);
  });

  it('keeps the positive rate in each part', () => {
    const split = splitStratified(dataset, { seed: 1 });
    for (const part of [split.train, split.validation, split.test]) {
      const rate = countPositives(part.labels) / part.rows.length;
      expect(Math.abs(rate - positiveRate)).toBeLessThan(0.003);
    }
  });

  it('puts every group with enough rows in every part', () => {
    const split = splitStratified(dataset, { seed: 1 });
    for (const part of [split.train, split.validation, split.test]) {
      for (const group of ['none', 'heat', 'power', 'overstrain', 'wear']) expect(part.groups).toContain(group);
    }
  });

  it('puts each row in exactly one part', () => {
    const { indexes } = splitStratified(dataset, { seed: 1 });
    const all = [...indexes.train, ...indexes.validation, ...indexes.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 4000 }, (_, index) => index));
  });

  it('keeps rows, labels and groups together', () => {
    const split = splitStratified(dataset, { seed: 1 });
    split.indexes.test.forEach((original, position) => {
      expect(split.test.rows[position]).toBe(dataset.rows[original]);
      expect(split.test.labels[position]).toBe(dataset.labels[original]);
      expect(split.test.groups![position]).toBe(dataset.groups[original]);
    });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(splitStratified(dataset, { seed: 7 }).indexes).toEqual(splitStratified(dataset, { seed: 7 }).indexes);
    expect(splitStratified(dataset, { seed: 8 }).indexes.test).not.toEqual(splitStratified(dataset, { seed: 7 }).indexes.test);
  });

  it('honours other fractions', () => {
    const split = splitStratified(dataset, { seed: 1, fractions: { train: 0.5, validation: 0.25, test: 0.25 } });
    expect(split.train.rows.length).toBeCloseTo(2000, -1);
  });

  it('rejects fractions that do not add up to 1', () => {
    expect(() => splitStratified(dataset, { seed: 1, fractions: { train: 0.7, validation: 0.2, test: 0.2 } })).toThrow(
      'fractions add up to 1.1; expected train + validation + test = 1',
    );
  });
});
