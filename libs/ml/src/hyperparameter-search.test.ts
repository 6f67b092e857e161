import { describe, expect, it } from 'vitest';
import { pickBestCandidate, runCandidate, searchHyperparameters, type CandidateResult } from './hyperparameter-search.ts';
import { splitStratified } from './split-stratified.ts';
import { syntheticDataset } from './test-support/index.ts';
import type { TrainingConfig } from './train-candidate.ts';

const split = splitStratified(syntheticDataset({ rows: 3000, seed: 4 }), { seed: 4 });
const grid: TrainingConfig[] = [
  { trees: 2, maxDepth: 3, minNumSamples: 5, negativeRatio: 2, maxFeatures: 0.5, positiveFraction: 0.5 },
  { trees: 4, maxDepth: 8, minNumSamples: 3, negativeRatio: 3, maxFeatures: 1, positiveFraction: 0.7 },
];

function candidate(index: number, score: number, f1: number, auroc: number): CandidateResult {
  return { index, config: grid[0]!, seed: index, score, validation: { threshold: 0.5, f1, auroc, prAuc: 0 } };
}

describe('searchHyperparameters', () => {
  const progress: [number, number, number][] = [];
  const search = searchHyperparameters(split.train, split.validation, { seed: 11, grid, onProgress: (done, total, info) => progress.push([done, total, info.index]) });

  it('reports progress once per candidate', () => {
    expect(progress).toEqual([[1, 2, 0], [2, 2, 1]]);
  });

  it('keeps the candidate with the best validation F1 and every candidate’s figures', () => {
    expect(search.candidates.map((item) => item.index)).toEqual([0, 1]);
    expect(search.best.score).toBe(Math.max(...search.candidates.map((item) => item.validation.f1)));
    expect(search.forest.trees).toHaveLength(search.best.config.trees);
  });

  it('gives the same forest when a worker runs the winning candidate alone', () => {
    const alone = runCandidate(split.train, split.validation, grid, search.best.index, { seed: 11 });
    expect(alone.forest).toEqual(search.forest);
    expect(alone.result).toEqual(search.best);
  });

  it('is deterministic for a seed', () => {
    expect(searchHyperparameters(split.train, split.validation, { seed: 11, grid }).candidates).toEqual(search.candidates);
  });

  it('maximises AUROC when asked to', () => {
    const byAuroc = searchHyperparameters(split.train, split.validation, { seed: 11, grid, metric: 'auroc' });
    expect(byAuroc.best.score).toBe(Math.max(...byAuroc.candidates.map((item) => item.validation.auroc)));
  });

  it('refuses an empty grid', () => {
    expect(() => searchHyperparameters(split.train, split.validation, { seed: 1, grid: [] })).toThrow('the search grid is empty');
  });
});

describe('pickBestCandidate', () => {
  it('breaks a tie on the score by the other metric, then by grid order', () => {
    expect(pickBestCandidate([candidate(0, 0.8, 0.8, 0.90), candidate(1, 0.8, 0.8, 0.95)]).index).toBe(1);
    expect(pickBestCandidate([candidate(0, 0.8, 0.8, 0.9), candidate(1, 0.8, 0.8, 0.9)]).index).toBe(0);
  });
});
