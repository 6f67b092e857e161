import type { OnnxScorer } from '@millwright/ml';
import { describe, expect, it } from 'vitest';
import { coalescingScorer } from '../src/serving/coalescing-scorer.ts';

/** A two-feature scorer whose "probability" is the row's first value; it records each call's row count. */
function recordingScorer(options: { failWith?: Error } = {}): OnnxScorer & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    featureCount: 2,
    inputName: 'input',
    async scoreBatch(rows) {
      calls.push(rows.length / 2);
      if (options.failWith) throw options.failWith;
      return Float32Array.from({ length: rows.length / 2 }, (_, row) => rows[row * 2]!);
    },
    release: async () => undefined,
  };
}

const row = (value: number) => Float32Array.of(value, 0);

describe('coalescingScorer', () => {
  it('scores calls made in the same turn in one run and gives each caller its own rows', async () => {
    const inner = recordingScorer();
    const scorer = coalescingScorer(inner);
    const answers = await Promise.all([scorer.scoreBatch(row(0.1)), scorer.scoreBatch(Float32Array.of(0.2, 0, 0.3, 0)), scorer.scoreBatch(row(0.4))]);
    expect(inner.calls).toEqual([4]);
    expect(answers.map((answer) => Array.from(answer, (value) => Number(value.toFixed(3))))).toEqual([[0.1], [0.2, 0.3], [0.4]]);
  });

  it('runs calls of later turns separately', async () => {
    const inner = recordingScorer();
    const scorer = coalescingScorer(inner);
    await scorer.scoreBatch(row(0.1));
    await scorer.scoreBatch(row(0.2));
    expect(inner.calls).toEqual([1, 1]);
  });

  it('passes large batches straight through', async () => {
    const inner = recordingScorer();
    const scorer = coalescingScorer(inner, { soloRows: 3 });
    await Promise.all([scorer.scoreBatch(new Float32Array(3 * 2)), scorer.scoreBatch(row(0.5))]);
    expect(inner.calls.sort()).toEqual([1, 3]);
  });

  it('cuts a turn into runs of at most maxRows', async () => {
    const inner = recordingScorer();
    const scorer = coalescingScorer(inner, { maxRows: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, index) => scorer.scoreBatch(row(index / 10))));
    expect(inner.calls).toEqual([4, 4, 2]);
  });

  it('rejects every caller of a failed run, and only those', async () => {
    const failure = new Error('session failed');
    const scorer = coalescingScorer(recordingScorer({ failWith: failure }));
    const results = await Promise.allSettled([scorer.scoreBatch(row(0.1)), scorer.scoreBatch(row(0.2))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(scorer.scoreBatch(Float32Array.of(1, 2, 3))).rejects.toThrow(/not a whole number of rows of 2/);
  });
});
