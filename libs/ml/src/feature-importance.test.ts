import { describe, expect, it } from 'vitest';
import { featureImportances } from './feature-importance.ts';
import type { Forest } from './forest.ts';

const leaf = { kind: 'leaf', p1: 0 } as const;
const forest: Forest = {
  featureCount: 3,
  trees: [
    {
      kind: 'split', feature: 0, threshold: 1, samples: 100, impurityDecrease: 0.1, right: leaf,
      left: { kind: 'split', feature: 1, threshold: 1, samples: 40, impurityDecrease: 0.05, left: leaf, right: leaf },
    },
    { kind: 'split', feature: 1, threshold: 1, samples: 50, impurityDecrease: 0.2, left: leaf, right: leaf },
    leaf,
  ],
};

describe('featureImportances', () => {
  it('averages each splitting tree’s normalised samples × impurity decrease, most important first', () => {
    // Tree 1: feature 0 gets 100·0.1 = 10, feature 1 gets 40·0.05 = 2 → 10/12 and 2/12. Tree 2: feature 1 → 1.
    const importances = featureImportances(forest, ['air', 'torque', 'wear']);
    expect(importances.map((item) => item.feature)).toEqual(['torque', 'air', 'wear']);
    expect(importances[0]!.importance).toBeCloseTo((2 / 12 + 1) / 2, 12);
    expect(importances[1]!.importance).toBeCloseTo(10 / 12 / 2, 12);
    expect(importances[2]).toEqual({ feature: 'wear', importance: 0, splits: 0 });
    expect(importances[0]!.splits).toBe(2);
  });

  it('adds up to 1', () => {
    const total = featureImportances(forest, ['a', 'b', 'c']).reduce((sum, item) => sum + item.importance, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('rejects names that do not match the forest', () => {
    expect(() => featureImportances(forest, ['a'])).toThrow('1 feature names for a forest of 3 features');
  });
});
