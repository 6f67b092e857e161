import { describe, expect, it } from 'vitest';
import { pickBestCandidate, runCandidate, searchHyperparameters, type CandidateResult } from './hyperparameter-search.ts';
import type { CandidateSpec } from './search-plan.ts';
import { splitStratified } from './split-stratified.ts';
import { syntheticDataset } from './test-support/index.ts';
import type { TrainingConfig } from './train-candidate.ts';
import { defaultBoostingConfig } from './boosted-trees.ts';

const split = splitStratified(syntheticDataset({ rows: 3000, seed: 4 }), { seed: 4 });
const forestConfig: TrainingConfig = { trees: 2, maxDepth: 3, minNumSamples: 5, negativeRatio: 2, maxFeatures: 0.5, positiveFraction: 0.5 };
const plan: CandidateSpec[] = [
  { family: 'forest', config: forestConfig },
  { family: 'boosted', config: { ...defaultBoostingConfig, rounds: 60, maxDepth: 4 } },
];

function candidate(index: number, score: number, f1: number, auroc: number): CandidateResult {
  return { family: 'forest', index, config: forestConfig, trees: 2, seed: index, score, validation: { threshold: 0.5, f1, auroc, prAuc: 0 } };
}

describe('searchHyperparameters', () => {
  const progress: [number, number, number][] = [];
  const search = searchHyperparameters(split.train, split.validation, { seed: 11, plan, onProgress: (done, total, info) => progress.push([done, total, info.index]) });

  it('reports progress once per candidate', () => {
    expect(progress).toEqual([[1, 2, 0], [2, 2, 1]]);
  });

  it('keeps the candidate with the best validation F1 across both families, and every candidate’s figures', () => {
    expect(search.candidates.map((item) => [item.index, item.family])).toEqual([[0, 'forest'], [1, 'boosted']]);
    expect(search.best.score).toBe(Math.max(...search.candidates.map((item) => item.validation.f1)));
    expect(search.ensemble.trees).toHaveLength(search.best.trees);
  });

  it('gives the same model when a worker runs the winning candidate alone', () => {
    const alone = runCandidate(split.train, split.validation, plan, search.best.index, { seed: 11 });
    expect(alone.ensemble).toEqual(search.ensemble);
    expect(alone.result).toEqual(search.best);
  });

  it('is deterministic for a seed', () => {
    expect(searchHyperparameters(split.train, split.validation, { seed: 11, plan }).candidates).toEqual(search.candidates);
  });

  it('maximises AUROC when asked to', () => {
    const byAuroc = searchHyperparameters(split.train, split.validation, { seed: 11, plan, metric: 'auroc' });
    expect(byAuroc.best.score).toBe(Math.max(...byAuroc.candidates.map((item) => item.validation.auroc)));
  });

  it('refuses an empty plan', () => {
    expect(() => searchHyperparameters(split.train, split.validation, { seed: 1, plan: [] })).toThrow('the search plan is empty');
  });
});

describe('pickBestCandidate', () => {
  it('breaks a tie on the score by the other metric, then by plan order', () => {
    expect(pickBestCandidate([candidate(0, 0.8, 0.8, 0.90), candidate(1, 0.8, 0.8, 0.95)]).index).toBe(1);
    expect(pickBestCandidate([candidate(0, 0.8, 0.8, 0.9), candidate(1, 0.8, 0.8, 0.9)]).index).toBe(0);
  });
});
