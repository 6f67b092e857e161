/**
 * Exports a tree model — a {@link Forest} or `BoostedTrees` — as an ONNX model: one ai.onnx.ml TreeEnsembleClassifier node
 * (https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsembleClassifier.html), encoded with the
 * protobufjs classes of onnx-proto. The layout follows docs/toolchain.md ("ONNX export: the binary TreeEnsembleClassifier"),
 * verified against onnxruntime-node 1.30:
 *
 * - `classlabels_int64s = [0, 1]` and ONE weight per leaf, all with `class_ids = 0`: the
 *   positive-class score p1 / nTrees. ONNX Runtime treats two labels with a single class id as
 *   the binary case and outputs probabilities `[1 − s, s]`. Giving weights for both classes gets
 *   the probabilities right but the label output wrong (≈ always 1).
 * - A forest: weights p1 / nTrees and `post_transform = NONE`: the summed weights already are the
 *   forest's mean leaf probability.
 * - Boosted trees: each leaf's margin as its weight, `base_values = [baseMargin]` and
 *   `post_transform = LOGISTIC`: ONNX Runtime's binary case then scores s = base + Σ weights and
 *   outputs `[σ(−s), σ(s)]` = `[1 − p, p]`, and its label is s > 0 (p > 0.5).
 * - Plain tensor outputs — `label` int64 [N] and `probabilities` float [N, 2] — and no ZipMap, so
 *   every client reads them without a map type. The label is ONNX Runtime's own (s > 0.5); serve
 *   decisions by comparing `probabilities[:, 1]` with the tuned threshold instead.
 * - `BRANCH_LT` with float32 thresholds: the true branch is `x < threshold`, exactly the
 *   forest's left branch (see `SplitNode.threshold` in forest.ts).
 */
import onnxProto from 'onnx-proto';
import type { BoostedLeaf } from './boosted-trees.ts';
import type { LeafBase, LeafNode, SplitNode, TreeNode } from './forest.ts';
import { isBoostedTrees, type TreeModel } from './tree-model.ts';

const { onnx } = onnxProto;
type Attribute = InstanceType<typeof onnx.AttributeProto>;

/** Options of {@link exportOnnx}. */
export interface OnnxExportOptions {
  /** One name per column; stored in the model metadata as `feature_names` (JSON). */
  readonly featureNames: readonly string[];
  /**
   * Version of the default ('') operator set the model imports (it uses none of its operators).
   * @default 15
   */
  readonly opset?: number;
  /**
   * Version of the 'ai.onnx.ml' operator set; TreeEnsembleClassifier exists in 1–4 (version 5
   * replaced it with TreeEnsemble).
   * @default 3
   */
  readonly mlOpset?: number;
  /**
   * ONNX IR version (8 is the newest onnx-proto 8.0.1 knows, and onnxruntime-node 1.30 loads it).
   * @default 8
   */
  readonly irVersion?: number;
  /**
   * Name of the float32 [N, F] input.
   * @default 'features'
   */
  readonly inputName?: string;
  /**
   * Producer version recorded in the model.
   * @default '0.1.0'
   */
  readonly producerVersion?: string;
  /** Human-readable description stored as the model's doc string. */
  readonly docString?: string;
  /** Extra metadata_props, e.g. the decision threshold or the drift reference as JSON. */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Rows (normally the training split) counted per node and written as `nodes_hitrates`: the node
   * covers path-dependent TreeSHAP needs (tree-shap.ts). ONNX Runtime does not use hit rates to
   * score, so predictions are unchanged. The forest keeps no per-tree sample, so the covers
   * describe these rows, and the explanations' base value is the mean score over them.
   * @default no nodes_hitrates
   */
  readonly coverRows?: readonly ArrayLike<number>[];
}

/** Output names of exported models. */
export const onnxOutputNames = { label: 'label', probabilities: 'probabilities' } as const;

/**
 * The ONNX bytes of a forest or of boosted trees.
 *
 * @throws RangeError when the feature names do not match the model, or an opset has no
 *   TreeEnsembleClassifier.
 */
export function exportOnnx(model: TreeModel, options: OnnxExportOptions): Uint8Array {
  const boosted = isBoostedTrees(model);
  const what = boosted ? 'the boosted model' : 'the forest';
  if (options.featureNames.length !== model.featureCount) {
    throw new RangeError(`featureNames has ${options.featureNames.length} names; ${what} has ${model.featureCount} features`);
  }
  if (model.trees.length === 0) throw new RangeError(`${what} has no trees; nothing to export`);
  const mlOpset = options.mlOpset ?? 3;
  if (!Number.isInteger(mlOpset) || mlOpset < 1 || mlOpset > 4) {
    throw new RangeError(`mlOpset is ${mlOpset}; TreeEnsembleClassifier is defined in ai.onnx.ml versions 1 to 4`);
  }
  const inputName = options.inputName ?? 'features';
  const coverRows = options.coverRows ?? [];
  const ensemble = boosted
    ? flattenTrees(model.trees, (leaf: BoostedLeaf) => leaf.value, coverRows)
    : flattenTrees(model.trees, (leaf: LeafNode) => leaf.p1 / model.trees.length, coverRows);
  const { DataType } = onnx.TensorProto;

  const node = onnx.NodeProto.create({
    name: boosted ? 'boosted_trees' : 'forest',
    opType: 'TreeEnsembleClassifier',
    domain: 'ai.onnx.ml',
    input: [inputName],
    output: [onnxOutputNames.label, onnxOutputNames.probabilities],
    attribute: [
      ints('classlabels_int64s', [0, 1]),
      ints('nodes_treeids', ensemble.treeIds),
      ints('nodes_nodeids', ensemble.nodeIds),
      ints('nodes_featureids', ensemble.featureIds),
      floats('nodes_values', ensemble.thresholds),
      strings('nodes_modes', ensemble.modes),
      ints('nodes_truenodeids', ensemble.trueNodeIds),
      ints('nodes_falsenodeids', ensemble.falseNodeIds),
      ints('class_treeids', ensemble.leafTreeIds),
      ints('class_nodeids', ensemble.leafNodeIds),
      ints('class_ids', ensemble.leafTreeIds.map(() => 0)),
      floats('class_weights', ensemble.leafWeights),
      ...(options.coverRows === undefined ? [] : [floats('nodes_hitrates', ensemble.covers)]),
      ...(boosted ? [floats('base_values', [model.baseMargin])] : []),
      onnx.AttributeProto.create({ name: 'post_transform', type: onnx.AttributeProto.AttributeType.STRING, s: utf8(boosted ? 'LOGISTIC' : 'NONE') }),
    ],
  });

  const tensor = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
        },
      },
    });

  const metadata = { feature_names: JSON.stringify(options.featureNames), ...options.metadata };
  const onnxModel = onnx.ModelProto.create({
    irVersion: options.irVersion ?? 8,
    opsetImport: [
      { domain: '', version: options.opset ?? 15 },
      { domain: 'ai.onnx.ml', version: mlOpset },
    ],
    producerName: 'millwright-ml',
    producerVersion: options.producerVersion ?? '0.1.0',
    docString: options.docString ?? `${boosted ? 'Gradient-boosted trees' : 'Random forest'} of ${model.trees.length} trees over ${model.featureCount} features`,
    graph: {
      name: boosted ? 'millwright_boosted_trees' : 'millwright_forest',
      node: [node],
      input: [tensor(inputName, DataType.FLOAT, ['N', model.featureCount])],
      output: [tensor(onnxOutputNames.label, DataType.INT64, ['N']), tensor(onnxOutputNames.probabilities, DataType.FLOAT, ['N', 2])],
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(onnxModel).finish();
}

/** The forest's nodes as the parallel arrays TreeEnsembleClassifier takes. */
interface FlatEnsemble {
  readonly treeIds: number[];
  readonly nodeIds: number[];
  readonly featureIds: number[];
  readonly thresholds: number[];
  readonly modes: string[];
  readonly trueNodeIds: number[];
  readonly falseNodeIds: number[];
  readonly leafTreeIds: number[];
  readonly leafNodeIds: number[];
  readonly leafWeights: number[];
  /** Rows of `coverRows` that reach each node. */
  readonly covers: number[];
}

/**
 * Numbers every tree's nodes in pre-order (root 0, left subtree before right). `leafWeight` is
 * the leaf's class weight: p1 / nTrees for a forest, the margin for boosted trees.
 */
function flattenTrees<Leaf extends LeafBase>(
  trees: readonly TreeNode<Leaf>[],
  leafWeight: (leaf: Leaf) => number,
  coverRows: readonly ArrayLike<number>[],
): FlatEnsemble {
  const flat: FlatEnsemble = {
    treeIds: [], nodeIds: [], featureIds: [], thresholds: [], modes: [], trueNodeIds: [], falseNodeIds: [],
    leafTreeIds: [], leafNodeIds: [], leafWeights: [], covers: [],
  };
  const allRows = coverRows.map((_, index) => index);
  trees.forEach((tree, treeId) => {
    let nextId = 0;
    const visit = (node: TreeNode<Leaf>, reaching: readonly number[] = allRows): number => {
      const id = nextId++;
      const slot = flat.treeIds.length;
      flat.treeIds.push(treeId);
      flat.nodeIds.push(id);
      flat.covers.push(reaching.length);
      if (node.kind === 'leaf') {
        flat.featureIds.push(0);
        flat.thresholds.push(0);
        flat.modes.push('LEAF');
        flat.trueNodeIds.push(0);
        flat.falseNodeIds.push(0);
        flat.leafTreeIds.push(treeId);
        flat.leafNodeIds.push(id);
        flat.leafWeights.push(leafWeight(node as Leaf));
        return id;
      }
      const split = node as SplitNode<Leaf>;
      flat.featureIds.push(split.feature);
      flat.thresholds.push(split.threshold);
      flat.modes.push('BRANCH_LT');
      flat.trueNodeIds.push(-1);
      flat.falseNodeIds.push(-1);
      const goesLeft = reaching.filter((row) => Math.fround(coverRows[row]![split.feature]!) < split.threshold);
      const goesRight = reaching.filter((row) => !(Math.fround(coverRows[row]![split.feature]!) < split.threshold));
      flat.trueNodeIds[slot] = visit(split.left, goesLeft);
      flat.falseNodeIds[slot] = visit(split.right, goesRight);
      return id;
    };
    visit(tree);
  });
  return flat;
}

function ints(name: string, values: readonly number[]): Attribute {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...values] });
}

function floats(name: string, values: readonly number[]): Attribute {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOATS, floats: [...values] });
}

function strings(name: string, values: readonly string[]): Attribute {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRINGS, strings: values.map(utf8) });
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
