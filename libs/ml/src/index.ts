/**
 * @millwright/ml — training, metrics, ONNX export and drift statistics for binary tree-ensemble
 * classifiers over a generic numeric dataset. Pure (no file, network or process I/O); ONNX
 * Runtime is used only to score exported models.
 */
export { assertDataset, selectRows, countPositives, type Dataset, type RowGroup } from './dataset.ts';
export { splitStratified, defaultSplitFractions, type DatasetSplit, type SplitFractions, type SplitOptions } from './split-stratified.ts';
export { forestProbability, forestProbabilities, leafFor, countNodes, type Forest, type TreeNode, type SplitNode, type LeafNode, type LeafBase } from './forest.ts';
export { predictProbability, predictProbabilities, isBoostedTrees, familyOf, type TreeModel, type ModelFamily } from './tree-model.ts';
export { trainCandidate, type TrainingConfig } from './train-candidate.ts';
export { trainBoostedTrees, boostedMargin, defaultBoostingConfig, type BoostedTrees, type BoostedLeaf, type BoostingConfig } from './boosted-trees.ts';
export { computeBinEdges, binRows, binOf, maxBinCount, type BinEdges, type BinnedRows } from './histogram-binning.ts';
export { planSearch, describeSpec, type CandidateSpec, type SearchPlanOptions } from './search-plan.ts';
export {
  searchHyperparameters,
  runCandidate,
  evaluateCandidate,
  pickBestCandidate,
  candidateSeed,
  trainSpec,
  type SearchMetric,
  type SearchOptions,
  type SearchProgress,
  type SearchResult,
  type CandidateResult,
  type CandidateEvaluation,
} from './hyperparameter-search.ts';
export { trainModel, finishTraining, type TrainModelOptions, type TrainedModel } from './train-model.ts';
export { tuneThreshold, type TunedThreshold } from './decision-threshold.ts';
export {
  rocCurve,
  precisionRecallCurve,
  areaUnderRoc,
  averagePrecision,
  type RocPoint,
  type PrecisionRecallPoint,
} from './classification-curves.ts';
export {
  evaluateClassifier,
  confusionMatrix,
  f1Score,
  recallByGroup,
  type ClassificationMetrics,
  type ConfusionMatrix,
  type GroupRecall,
  type EvaluationInput,
} from './classification-metrics.ts';
export { featureImportances, type FeatureImportance } from './feature-importance.ts';
export { renderTrainingReport, type TrainingReportInput } from './training-report.ts';
export { exportOnnx, onnxOutputNames, type OnnxExportOptions } from './onnx-export.ts';
export { createOnnxScorer, flattenRows, type OnnxScorer, type OnnxScorerOptions } from './onnx-scorer.ts';
export {
  computeReferenceStatistics,
  histogramCounts,
  quantileOfSorted,
  referenceQuantileLevels,
  type ReferenceStatistics,
  type FeatureReference,
  type ReferenceOptions,
  type QuantileName,
} from './drift-reference.ts';
export {
  detectDrift,
  populationStabilityIndex,
  ksTwoSample,
  ksAgainstReference,
  kolmogorovPValue,
  significantPsi,
  moderatePsi,
  psiEpsilon,
  type DriftReport,
  type FeatureDrift,
  type KsResult,
} from './drift-statistics.ts';
export {
  readTreeEnsemble,
  probabilityOfMargin,
  branchModes,
  TreeEnsembleFormatError,
  type TreeEnsemble,
  type BranchMode,
  type PostTransform,
} from './onnx-tree-ensemble.ts';
export { createTreeExplainer, type TreeExplainer } from './tree-shap.ts';
export { globalImportance, renderGlobalImportanceSection, type GlobalImportance } from './global-importance.ts';
