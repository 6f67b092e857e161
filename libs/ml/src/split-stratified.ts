import { assertDataset, groupsOf, selectRows, type Dataset } from './dataset.ts';
import { createRandom, shuffled } from './seeded-random.ts';

/** The share of rows in each part; the three must add up to 1. */
export interface SplitFractions {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Options of {@link splitStratified}. */
export interface SplitOptions {
  /** Seed of the shuffle; the same seed gives the same split. */
  readonly seed: number;
  /**
   * Share of rows per part.
   * @default { train: 0.7, validation: 0.15, test: 0.15 }
   */
  readonly fractions?: SplitFractions;
}

/** A dataset cut into three disjoint parts, with the original row indexes of each. */
export interface DatasetSplit {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
  /** Original row indexes of each part, ascending. */
  readonly indexes: { readonly train: readonly number[]; readonly validation: readonly number[]; readonly test: readonly number[] };
}

/** The 70/15/15 split the platform uses. */
export const defaultSplitFractions: SplitFractions = { train: 0.7, validation: 0.15, test: 0.15 };

/**
 * Splits a dataset into train, validation and test parts, stratified so that each part keeps
 * the positive rate — and, when groups are given, each group's share (a failure mode with 20
 * rows still lands in every part). Each stratum is shuffled with the seed and cut at
 * `round(n × train)` and `round(n × (train + validation))`; rows keep their original order
 * inside each part.
 *
 * @throws RangeError when the fractions are not positive or do not add up to 1, or the dataset
 *   is malformed.
 */
export function splitStratified(dataset: Dataset, options: SplitOptions): DatasetSplit {
  assertDataset(dataset);
  const fractions = options.fractions ?? defaultSplitFractions;
  assertFractions(fractions);
  const random = createRandom(options.seed);

  const strata = new Map<string, number[]>();
  dataset.labels.forEach((label, index) => {
    const group = dataset.groups ? [...groupsOf(dataset.groups[index])].sort().join('+') : '';
    const key = `${label}|${group}`;
    const members = strata.get(key);
    if (members) members.push(index);
    else strata.set(key, [index]);
  });

  const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  // Strata in a fixed order, so the random stream is consumed the same way on every run.
  for (const key of [...strata.keys()].sort()) {
    const members = shuffled(strata.get(key)!, random);
    const trainEnd = Math.round(members.length * fractions.train);
    const validationEnd = Math.round(members.length * (fractions.train + fractions.validation));
    parts.train.push(...members.slice(0, trainEnd));
    parts.validation.push(...members.slice(trainEnd, validationEnd));
    parts.test.push(...members.slice(validationEnd));
  }
  const ascending = (a: number, b: number): number => a - b;
  const indexes = { train: parts.train.sort(ascending), validation: parts.validation.sort(ascending), test: parts.test.sort(ascending) };
  return {
    train: selectRows(dataset, indexes.train),
    validation: selectRows(dataset, indexes.validation),
    test: selectRows(dataset, indexes.test),
    indexes,
  };
}

function assertFractions(fractions: SplitFractions): void {
  const entries = Object.entries(fractions) as [keyof SplitFractions, number][];
  for (const [name, value] of entries) {
    if (!(value > 0 && value < 1)) throw new RangeError(`fractions.${name} is ${value}; expected a number between 0 and 1`);
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`fractions add up to ${Number(sum.toFixed(6))}; expected train + validation + test = 1`);
}
