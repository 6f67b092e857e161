import { describe, expect, it } from 'vitest';
import { ai4iContract } from '@millwright/contract';
import { splitStratified } from '@millwright/ml';
import { simulatorRows } from '../data/simulator-source.ts';
import { toTrainingSet } from '../data/training-set.ts';
import { parallelSearch } from './parallel-search.ts';

describe('parallelSearch', () => {
  it('finds the same best forest on two worker threads as in process', async () => {
    const set = toTrainingSet(ai4iContract(), simulatorRows({ rows: 3000, seed: 11 }));
    if (!set.ok) throw new Error(set.problems.join('\n'));
    const split = splitStratified(set.dataset, { seed: 11 });
    const inProcess = await parallelSearch(split.train, split.validation, { seed: 11, metric: 'f1', threads: 0 });
    const onWorkers = await parallelSearch(split.train, split.validation, { seed: 11, metric: 'f1', threads: 2 });
    expect(onWorkers.candidates).toEqual(inProcess.candidates);
    expect(onWorkers.forest).toEqual(inProcess.forest);
  });
});
