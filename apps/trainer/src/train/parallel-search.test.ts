import { describe, expect, it } from 'vitest';
import { ai4iContract } from '@millwright/contract';
import { planSearch, splitStratified } from '@millwright/ml';
import { simulatorRows } from '../data/simulator-source.ts';
import { toTrainingSet } from '../data/training-set.ts';
import { parallelSearch } from './parallel-search.ts';

const set = toTrainingSet(ai4iContract(), simulatorRows({ rows: 3000, seed: 11 }));
if (!set.ok) throw new Error(set.problems.join('\n'));
const split = splitStratified(set.dataset, { seed: 11 });
const plan = planSearch({ seed: 11, trials: 3 });
const withoutSeconds = (candidates: readonly { seconds: number }[]) => candidates.map(({ seconds: _, ...rest }) => rest);

describe('parallelSearch', () => {
  it('finds the same best model, of either family, on two worker threads as in process', async () => {
    const inProcess = await parallelSearch(split.train, split.validation, { seed: 11, metric: 'f1', threads: 0, plan });
    const onWorkers = await parallelSearch(split.train, split.validation, { seed: 11, metric: 'f1', threads: 2, plan });
    expect(inProcess.candidates.map((trial) => trial.family)).toEqual(['boosted', 'forest', 'boosted']);
    expect(withoutSeconds(onWorkers.candidates)).toEqual(withoutSeconds(inProcess.candidates));
    expect(onWorkers.ensemble).toEqual(inProcess.ensemble);
  });

  it('starts no trial after the time budget but always runs the first, and counts the skipped ones', async () => {
    const cut = await parallelSearch(split.train, split.validation, { seed: 11, metric: 'f1', threads: 0, plan, budgetSeconds: 0 });
    expect(cut.candidates.map((trial) => trial.index)).toEqual([0]);
    expect(cut.skipped).toBe(2);
  });
});
