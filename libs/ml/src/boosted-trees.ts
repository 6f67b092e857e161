/**
 * Gradient-boosted trees for binary classification (Friedman 2001, "Greedy Function
 * Approximation"; the second-order, regularised form of Chen & Guestrin 2016, "XGBoost"), grown
 * on quantile histograms (histogram-binning.ts, histogram-tree-grower.ts). The model is plain
 * data in the same node shape as the forest, so prediction, importances and ONNX export share code.
 */
import { assertDataset, type Dataset } from './dataset.ts';
import type { LeafBase, TreeNode } from './forest.ts';
import { binRows, binTrainingRows, maxBinCount, type BinEdges, type BinnedRows } from './histogram-binning.ts';
import { grownLeafOf, HistogramTreeGrower, type GrownTree } from './histogram-tree-grower.ts';
import { createRandom, shuffled } from './seeded-random.ts';

/** A leaf of a boosted tree: what it adds to the margin (log-odds), shrinkage applied, a float32. */
export interface BoostedLeaf extends LeafBase {
  readonly value: number;
}

/** A trained boosted model: p(failure) = σ(baseMargin + Σ leaf values). */
export interface BoostedTrees {
  readonly family: 'boosted';
  readonly featureCount: number;
  /** The margin every row starts from: log-odds of the (class-weighted) positive share, a float32. */
  readonly baseMargin: number;
  readonly trees: readonly TreeNode<BoostedLeaf>[];
  /** Mean class-weighted log loss after each round, on the training rows and (when given) the validation rows. */
  readonly learningCurve: { readonly train: readonly number[]; readonly validation: readonly number[] };
}

/** Hyperparameters of boosting; names follow XGBoost's where one exists. */
export interface BoostingConfig {
  /** Most trees to grow. @default 400 */
  readonly rounds: number;
  /**
   * Shrinkage of every leaf (`eta`). 0.05 rather than XGBoost's 0.3 or the earlier 0.1: on the
   * simulated AI4I data it scored as well on validation with twice the trees, and the rounds early
   * stopping spends past the best one then weigh less in the training time (issue 17).
   * @default 0.05
   */
  readonly learningRate: number;
  /** @default 6 */
  readonly maxDepth: number;
  /** Rows a leaf keeps at least. @default 5 */
  readonly minLeafRows: number;
  /** Sum of (class-weighted) hessians a leaf keeps at least (`min_child_weight`). @default 1 */
  readonly minChildWeight: number;
  /** L2 penalty on leaf values (`lambda`). @default 1 */
  readonly lambda: number;
  /** Share of rows each tree sees, drawn anew per tree (`subsample`). @default 0.8 */
  readonly rowSubsample: number;
  /** Share of columns each tree may split on (`colsample_bytree`). @default 0.8 */
  readonly featureSubsample: number;
  /** Weight of a positive row's loss relative to a negative's (`scale_pos_weight`). @default 1 */
  readonly positiveWeight: number;
  /** Stop after this many rounds without a lower validation loss, keeping the best round's trees. @default 30 */
  readonly earlyStoppingRounds: number;
  /**
   * Bins per feature (class-balanced quantiles, histogram-binning.ts), at most 1024. Held-out F1 on
   * the simulated AI4I data rose from 0.888 at 255 bins to 0.892 at 1024, approaching exact
   * splits (ml-xgboost's, 0.896); histograms are sized by the bins each feature really has.
   * @default 1024
   */
  readonly maxBins: number;
}

/** The defaults of {@link BoostingConfig}. */
export const defaultBoostingConfig: BoostingConfig = {
  rounds: 400,
  learningRate: 0.05,
  maxDepth: 6,
  minLeafRows: 5,
  minChildWeight: 1,
  lambda: 1,
  rowSubsample: 0.8,
  featureSubsample: 0.8,
  positiveWeight: 1,
  earlyStoppingRounds: 30,
  maxBins: maxBinCount,
};

/**
 * Trains boosted trees with logistic loss on `train`, stopping early on `validation` (no early
 * stop without it). Pure and deterministic for a seed: row and column samples come from
 * `createRandom(seed)`, and every sum runs in row order.
 *
 * Rows are compared as float32 (`Math.fround`), and every split threshold is a float32 bin edge,
 * so ONNX Runtime's float32 `BRANCH_LT` routes each row exactly as training did.
 *
 * @throws RangeError when the config is out of range, the sets are malformed or a class is missing.
 */
export function trainBoostedTrees(train: Dataset, validation: Dataset | undefined, options: Partial<BoostingConfig>, seed: number): BoostedTrees {
  assertDataset(train, 'training set');
  if (validation) assertDataset(validation, 'validation set');
  const config = { ...defaultBoostingConfig, ...options };
  assertBoostingConfig(config);
  const featureCount = train.featureNames.length;
  const { edges, binned: trainBins } = binTrainingRows(train.rows, featureCount, config.maxBins, train.labels);
  const validationBins = validation ? binRows(validation.rows, edges) : undefined;

  const trainSet = weightedLabels(train.labels, config.positiveWeight, 'training set');
  const validationSet = validation ? weightedLabels(validation.labels, config.positiveWeight, 'validation set') : undefined;
  const baseMargin = Math.fround(Math.log(trainSet.positiveWeight / trainSet.negativeWeight));
  const margins = new Float64Array(trainBins.rowCount).fill(baseMargin);
  const validationMargins = new Float64Array(validationBins?.rowCount ?? 0).fill(baseMargin);
  const gradients = new Float64Array(2 * trainBins.rowCount);
  const sample: RowSample = { inBag: new Uint32Array(trainBins.rowCount), inBagCount: 0, outOfBag: new Uint32Array(trainBins.rowCount), outOfBagCount: 0 };
  const grower = new HistogramTreeGrower(trainBins, edges.map((featureEdges) => featureEdges.length + 1), config);
  const random = createRandom(seed);
  const columns = Array.from({ length: featureCount }, (_, feature) => feature);
  const columnsPerTree = Math.max(1, Math.round(featureCount * config.featureSubsample));

  const grown: GrownTree[] = [];
  const curve = { train: [] as number[], validation: [] as number[] };
  let bestRound = -1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let round = 0; round < config.rounds; round += 1) {
    // The loss of the margins so far comes with the gradients for free: it is the previous round's.
    const lossSoFar = logisticGradients(margins, trainSet, gradients);
    if (round > 0) curve.train.push(lossSoFar);
    sampleRows(sample, config.rowSubsample, random);
    const features = Int32Array.from(shuffled(columns, random).slice(0, columnsPerTree)).sort();

    const tree = grower.grow(sample.inBag, sample.inBagCount, features, gradients);
    grown.push(tree);
    addTreeToSample(tree, grower, sample, trainBins, margins);
    if (!validationBins || !validationSet) continue;
    addTree(tree, validationBins, validationMargins);
    const loss = logLoss(validationMargins, validationSet);
    curve.validation.push(loss);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestRound = round;
    } else if (round - bestRound >= config.earlyStoppingRounds) {
      break;
    }
  }
  curve.train.push(logLoss(margins, trainSet));
  const kept = validation ? grown.slice(0, bestRound + 1) : grown;
  return { family: 'boosted', featureCount, baseMargin, trees: kept.map((tree) => toTreeNode(tree, edges, 0)), learningCurve: curve };
}

/** The model's margin (log-odds of failure) for one row. */
export function boostedMargin(model: BoostedTrees, row: ArrayLike<number>): number {
  if (row.length !== model.featureCount) throw new RangeError(`row has ${row.length} values; the boosted model expects ${model.featureCount}`);
  let margin = model.baseMargin;
  for (const tree of model.trees) {
    let node = tree;
    while (node.kind === 'split') node = Math.fround(row[node.feature]!) < node.threshold ? node.left : node.right;
    margin += node.value;
  }
  return margin;
}

/** The logistic function, as ONNX Runtime's LOGISTIC post-transform computes it. */
export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

interface WeightedLabels {
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
  readonly positiveWeight: number;
  readonly negativeWeight: number;
  readonly totalWeight: number;
}

function weightedLabels(labels: Dataset['labels'], positiveWeight: number, what: string): WeightedLabels {
  const asBytes = Uint8Array.from(labels);
  const weights = Float64Array.from(asBytes, (label) => (label === 1 ? positiveWeight : 1));
  let positives = 0;
  for (const label of asBytes) positives += label;
  if (positives === 0 || positives === asBytes.length) {
    throw new RangeError(`${what} has ${positives} positive and ${asBytes.length - positives} negative rows; expected both classes`);
  }
  const negatives = asBytes.length - positives;
  return { labels: asBytes, weights, positiveWeight: positives * positiveWeight, negativeWeight: negatives, totalWeight: positives * positiveWeight + negatives };
}

/** The training rows of one round: the tree's row sample and the rows left out of it. */
interface RowSample {
  readonly inBag: Uint32Array;
  inBagCount: number;
  readonly outOfBag: Uint32Array;
  outOfBagCount: number;
}

/** Draws each row into the sample with probability `share` (at least one row), in row order. */
function sampleRows(sample: RowSample, share: number, random: () => number): void {
  const rowCount = sample.inBag.length;
  sample.inBagCount = 0;
  sample.outOfBagCount = 0;
  for (let row = 0; row < rowCount; row += 1) {
    if (share >= 1 || random() < share) sample.inBag[sample.inBagCount++] = row;
    else sample.outOfBag[sample.outOfBagCount++] = row;
  }
  if (sample.inBagCount > 0) return;
  const chosen = Math.floor(random() * rowCount);
  sample.inBag[sample.inBagCount++] = chosen;
  sample.outOfBag.copyWithin(chosen, chosen + 1);
  sample.outOfBagCount -= 1;
}

/**
 * Adds a tree's leaf values to the training margins. The grower left the sampled rows grouped by
 * leaf, so only the rows outside the sample walk the tree.
 */
function addTreeToSample(tree: GrownTree, grower: HistogramTreeGrower, sample: RowSample, data: BinnedRows, margins: Float64Array): void {
  for (let node = 0; node < tree.left.length; node += 1) {
    if (tree.left[node]! >= 0) continue;
    const value = tree.value[node]!;
    for (let index = grower.nodeStart[node]!; index < grower.nodeEnd[node]!; index += 1) margins[sample.inBag[index]!]! += value;
  }
  for (let index = 0; index < sample.outOfBagCount; index += 1) {
    const row = sample.outOfBag[index]!;
    margins[row]! += tree.value[grownLeafOf(tree, data, row)]!;
  }
}

function addTree(tree: GrownTree, data: BinnedRows, margins: Float64Array): void {
  for (let row = 0; row < margins.length; row += 1) margins[row]! += tree.value[grownLeafOf(tree, data, row)]!;
}

/**
 * A row's log loss from its margin and the e^−|m| it shares with the sigmoid: −log σ(m) for a
 * positive, −log(1 − σ(m)) for a negative, both max(±m, 0) + log(1 + e^−|m|). Finite even when
 * p rounds to 0 or 1.
 */
function rowLogLoss(margin: number, label: number, expNegAbs: number): number {
  const signed = label === 1 ? -margin : margin;
  return (signed > 0 ? signed : 0) + Math.log1p(expNegAbs);
}

/** Mean class-weighted log loss. */
function logLoss(margins: Float64Array, set: WeightedLabels): number {
  let total = 0;
  for (let row = 0; row < margins.length; row += 1) {
    const margin = margins[row]!;
    total += set.weights[row]! * rowLogLoss(margin, set.labels[row]!, Math.exp(-Math.abs(margin)));
  }
  return total / set.totalWeight;
}

/**
 * Writes each row's gradient and hessian of the class-weighted log loss at its margin (row r's at
 * `gradients[2r]` and `gradients[2r + 1]`), and returns the mean loss there: one exponential per
 * row serves both.
 */
function logisticGradients(margins: Float64Array, set: WeightedLabels, gradients: Float64Array): number {
  let total = 0;
  for (let row = 0; row < margins.length; row += 1) {
    const margin = margins[row]!;
    const expNegAbs = Math.exp(-Math.abs(margin));
    const p = margin >= 0 ? 1 / (1 + expNegAbs) : expNegAbs / (1 + expNegAbs);
    const weight = set.weights[row]!;
    const label = set.labels[row]!;
    gradients[2 * row] = weight * (p - label);
    // Floored so a saturated node still has a finite leaf value.
    gradients[2 * row + 1] = Math.max(weight * p * (1 - p), 1e-16);
    total += weight * rowLogLoss(margin, label, expNegAbs);
  }
  return total / set.totalWeight;
}

function toTreeNode(tree: GrownTree, edges: BinEdges, node: number): TreeNode<BoostedLeaf> {
  const left = tree.left[node]!;
  if (left < 0) return { kind: 'leaf', value: tree.value[node]! };
  const feature = tree.feature[node]!;
  const rows = tree.rows[node]!;
  return {
    kind: 'split',
    feature,
    // bin ≤ b exactly when fround(x) < edges[b] (histogram-binning.ts), and edges are float32.
    threshold: edges[feature]![tree.splitBin[node]!]!,
    samples: rows,
    impurityDecrease: tree.gain[node]! / rows,
    left: toTreeNode(tree, edges, left),
    right: toTreeNode(tree, edges, tree.right[node]!),
  };
}

function assertBoostingConfig(config: BoostingConfig): void {
  const integer = (value: number, min: number) => Number.isInteger(value) && value >= min;
  const share = (value: number) => value > 0 && value <= 1;
  const checks: [keyof BoostingConfig, boolean, string][] = [
    ['rounds', integer(config.rounds, 1), 'an integer ≥ 1'],
    ['learningRate', config.learningRate > 0 && config.learningRate <= 1, 'a number in (0, 1]'],
    ['maxDepth', integer(config.maxDepth, 1), 'an integer ≥ 1'],
    ['minLeafRows', integer(config.minLeafRows, 1), 'an integer ≥ 1'],
    ['minChildWeight', config.minChildWeight >= 0, 'a number ≥ 0'],
    ['lambda', config.lambda >= 0, 'a number ≥ 0'],
    ['rowSubsample', share(config.rowSubsample), 'a number in (0, 1]'],
    ['featureSubsample', share(config.featureSubsample), 'a number in (0, 1]'],
    ['positiveWeight', config.positiveWeight > 0 && Number.isFinite(config.positiveWeight), 'a finite number > 0'],
    ['earlyStoppingRounds', integer(config.earlyStoppingRounds, 1), 'an integer ≥ 1'],
    ['maxBins', integer(config.maxBins, 2) && config.maxBins <= maxBinCount, `an integer from 2 to ${maxBinCount}`],
  ];
  for (const [name, ok, expected] of checks) {
    if (!ok) throw new RangeError(`boosting config.${name} is ${String(config[name])}; expected ${expected}`);
  }
}
