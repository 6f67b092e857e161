/**
 * Reads the ai.onnx.ml TreeEnsembleClassifier of a binary classifier from the ONNX model bytes
 * into flat typed arrays, so the served model itself can be explained (tree-shap.ts) whatever
 * trained it. The layout read is the one docs/toolchain.md describes ("ONNX export: the binary
 * TreeEnsembleClassifier"): two class labels, one weight per leaf, all on one class id; the score
 * is `base_values[class id] + Σ leaf weights`, then `post_transform` NONE (the score is the
 * probability, as the random forest exports it) or LOGISTIC (the score is log-odds, as boosted
 * trees export it). https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsembleClassifier.html
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** How a split node compares `x[feature]` with its threshold; true sends the row to the true child. */
export const branchModes = ['BRANCH_LT', 'BRANCH_LEQ', 'BRANCH_GT', 'BRANCH_GTE', 'BRANCH_EQ', 'BRANCH_NEQ'] as const;
export type BranchMode = (typeof branchModes)[number];

/** The transform from the summed score (the margin) to the positive-class probability. */
export type PostTransform = 'NONE' | 'LOGISTIC';

/**
 * A tree ensemble as parallel arrays over all nodes of all trees. Node `i` is a leaf when
 * `feature[i] < 0`. Children are indexes into the same arrays.
 */
export interface TreeEnsemble {
  /** Columns of the float32 input row. */
  readonly featureCount: number;
  readonly postTransform: PostTransform;
  /** `base_values` of the scored class (0 when the model has none): part of the margin. */
  readonly baseScore: number;
  /** Index of each tree's root node. */
  readonly roots: Int32Array;
  /** Split feature, or -1 for a leaf. */
  readonly feature: Int32Array;
  /** Split threshold (a float32 value, as ONNX stores it). */
  readonly threshold: Float64Array;
  /** Index into {@link branchModes}. */
  readonly mode: Uint8Array;
  readonly trueChild: Int32Array;
  readonly falseChild: Int32Array;
  /** Leaf weight (sum of the leaf's class weights); 0 on split nodes. */
  readonly value: Float64Array;
  /**
   * Training rows (or hessian) that reached the node, from `nodes_hitrates`, or undefined when the
   * model does not carry them. Path-dependent TreeSHAP needs them.
   */
  readonly cover: Float64Array | undefined;
  /** Length of the longest root-to-leaf path, in edges. */
  readonly maxDepth: number;
}

/** Why a model cannot be read as a binary tree ensemble. */
export class TreeEnsembleFormatError extends Error {
  override readonly name = 'TreeEnsembleFormatError';
}

/**
 * The TreeEnsembleClassifier of an ONNX model.
 *
 * @throws TreeEnsembleFormatError naming the attribute and what was expected, when the model has
 *   no such node, is not the binary one-weight-per-leaf layout, or its node arrays disagree.
 */
export function readTreeEnsemble(modelBytes: Uint8Array): TreeEnsemble {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(modelBytes);
  } catch (error) {
    throw new TreeEnsembleFormatError(`the model bytes are not an ONNX ModelProto (${(error as Error).message})`);
  }
  const nodes = model.graph?.node ?? [];
  const ensembles = nodes.filter((node) => node.opType === 'TreeEnsembleClassifier' && node.domain === 'ai.onnx.ml');
  if (ensembles.length !== 1 || nodes.length !== 1) {
    throw new TreeEnsembleFormatError(
      `the graph has ${nodes.length} nodes (${nodes.map((node) => node.opType).join(', ')}); a single ai.onnx.ml TreeEnsembleClassifier is expected`,
    );
  }
  const attributes = new Map((ensembles[0]!.attribute ?? []).map((attribute) => [attribute.name ?? '', attribute]));
  const ints = (name: string): number[] => (attributes.get(name)?.ints ?? []).map(Number);
  const floats = (name: string): number[] => [...(attributes.get(name)?.floats ?? [])];
  const text = (name: string): string | undefined => {
    const bytes = attributes.get(name)?.s;
    return bytes === undefined || bytes === null || bytes.length === 0 ? undefined : new TextDecoder().decode(bytes);
  };
  const strings = (name: string): string[] => (attributes.get(name)?.strings ?? []).map((bytes: Uint8Array) => new TextDecoder().decode(bytes));

  const labels = ints('classlabels_int64s');
  if (labels.length !== 2 && (attributes.get('classlabels_strings')?.strings ?? []).length !== 2) {
    throw new TreeEnsembleFormatError(`classlabels has ${labels.length} labels; a binary classifier (2 labels) is expected`);
  }
  const postTransform = text('post_transform') ?? 'NONE';
  if (postTransform !== 'NONE' && postTransform !== 'LOGISTIC') {
    throw new TreeEnsembleFormatError(`post_transform is ${postTransform}; NONE or LOGISTIC is expected`);
  }

  const treeIds = ints('nodes_treeids');
  const nodeIds = ints('nodes_nodeids');
  const featureIds = ints('nodes_featureids');
  const values = floats('nodes_values');
  const modes = strings('nodes_modes');
  const trueIds = ints('nodes_truenodeids');
  const falseIds = ints('nodes_falsenodeids');
  const hitrates = floats('nodes_hitrates');
  const count = treeIds.length;
  for (const [name, array] of [['nodes_nodeids', nodeIds], ['nodes_featureids', featureIds], ['nodes_values', values], ['nodes_modes', modes], ['nodes_truenodeids', trueIds], ['nodes_falsenodeids', falseIds]] as const) {
    if (array.length !== count) throw new TreeEnsembleFormatError(`${name} has ${array.length} entries; nodes_treeids has ${count}`);
  }
  if (hitrates.length !== 0 && hitrates.length !== count) {
    throw new TreeEnsembleFormatError(`nodes_hitrates has ${hitrates.length} entries; nodes_treeids has ${count}`);
  }

  const slotOf = new Map<string, number>();
  treeIds.forEach((tree, slot) => slotOf.set(`${tree}:${nodeIds[slot]}`, slot));
  const child = (tree: number, id: number, slot: number, which: string): number => {
    const found = slotOf.get(`${tree}:${id}`);
    if (found === undefined) throw new TreeEnsembleFormatError(`node ${nodeIds[slot]} of tree ${tree} names ${which} child ${id}, which does not exist`);
    return found;
  };

  const feature = new Int32Array(count);
  const mode = new Uint8Array(count);
  const trueChild = new Int32Array(count).fill(-1);
  const falseChild = new Int32Array(count).fill(-1);
  let featureCount = 0;
  for (let slot = 0; slot < count; slot += 1) {
    if (modes[slot] === 'LEAF') {
      feature[slot] = -1;
      continue;
    }
    const index = branchModes.indexOf(modes[slot] as BranchMode);
    if (index < 0) throw new TreeEnsembleFormatError(`nodes_modes[${slot}] is ${modes[slot]}; one of LEAF, ${branchModes.join(', ')} is expected`);
    mode[slot] = index;
    feature[slot] = featureIds[slot]!;
    featureCount = Math.max(featureCount, featureIds[slot]! + 1);
    trueChild[slot] = child(treeIds[slot]!, trueIds[slot]!, slot, 'true');
    falseChild[slot] = child(treeIds[slot]!, falseIds[slot]!, slot, 'false');
  }

  const classIds = ints('class_ids');
  if (new Set(classIds).size > 1) {
    throw new TreeEnsembleFormatError(`class_ids holds ${[...new Set(classIds)].join(', ')}; the binary layout puts every leaf weight on one class id`);
  }
  const value = new Float64Array(count);
  const classTreeIds = ints('class_treeids');
  const classNodeIds = ints('class_nodeids');
  floats('class_weights').forEach((weight, index) => {
    const slot = slotOf.get(`${classTreeIds[index]}:${classNodeIds[index]}`);
    if (slot === undefined || feature[slot]! >= 0) {
      throw new TreeEnsembleFormatError(`class weight ${index} belongs to node ${classNodeIds[index]} of tree ${classTreeIds[index]}, which is no leaf`);
    }
    value[slot]! += weight;
  });
  const baseValues = floats('base_values');
  const baseScore = baseValues.length === 0 ? 0 : (baseValues[classIds[0] ?? 0] ?? Number.NaN);
  if (!Number.isFinite(baseScore)) throw new TreeEnsembleFormatError(`base_values has ${baseValues.length} entries and none for class id ${classIds[0] ?? 0}`);

  const roots = rootsOf(treeIds, trueChild, falseChild);
  const shape = model.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.[1]?.dimValue;
  const declared = shape === undefined || shape === null ? 0 : Number(shape);
  return {
    featureCount: Math.max(featureCount, declared),
    postTransform,
    baseScore,
    roots,
    feature,
    threshold: Float64Array.from(values),
    mode,
    trueChild,
    falseChild,
    value,
    cover: hitrates.length === 0 ? undefined : Float64Array.from(hitrates),
    maxDepth: maxDepthOf(roots, feature, trueChild, falseChild),
  };
}

/** The node of each tree that no other node points at, in tree order. */
function rootsOf(treeIds: readonly number[], trueChild: Int32Array, falseChild: Int32Array): Int32Array {
  const isChild = new Uint8Array(treeIds.length);
  for (let slot = 0; slot < treeIds.length; slot += 1) {
    if (trueChild[slot]! >= 0) isChild[trueChild[slot]!] = 1;
    if (falseChild[slot]! >= 0) isChild[falseChild[slot]!] = 1;
  }
  const roots = new Map<number, number>();
  treeIds.forEach((tree, slot) => {
    if (isChild[slot] === 1) return;
    if (roots.has(tree)) throw new TreeEnsembleFormatError(`tree ${tree} has more than one root (nodes no other node points at)`);
    roots.set(tree, slot);
  });
  return Int32Array.from([...roots.entries()].sort((a, b) => a[0] - b[0]).map(([, slot]) => slot));
}

function maxDepthOf(roots: Int32Array, feature: Int32Array, trueChild: Int32Array, falseChild: Int32Array): number {
  let deepest = 0;
  const pending: number[] = [];
  for (const root of roots) pending.push(root, 0);
  while (pending.length > 0) {
    const depth = pending.pop()!;
    const node = pending.pop()!;
    if (depth > feature.length) throw new TreeEnsembleFormatError('the trees contain a cycle');
    if (feature[node]! < 0) deepest = Math.max(deepest, depth);
    else pending.push(trueChild[node]!, depth + 1, falseChild[node]!, depth + 1);
  }
  return deepest;
}

/** True when a row with value `x` takes the node's true branch. */
export function takesTrueBranch(mode: number, x: number, threshold: number): boolean {
  switch (mode) {
    case 0: return x < threshold;
    case 1: return x <= threshold;
    case 2: return x > threshold;
    case 3: return x >= threshold;
    case 4: return x === threshold;
    default: return x !== threshold;
  }
}

/** The positive-class probability of a margin under the ensemble's post-transform. */
export function probabilityOfMargin(margin: number, postTransform: PostTransform): number {
  return postTransform === 'LOGISTIC' ? 1 / (1 + Math.exp(-margin)) : margin;
}
