import type { Dataset, DatasetSplit } from '@millwright/ml';

/** A split as JSON: float32 values round-trip exactly through their decimal form. */
interface PartJson {
  readonly rows: number[][];
  readonly labels: number[];
  readonly groups: string[];
}

export interface SplitJson {
  readonly featureNames: string[];
  readonly train: PartJson;
  readonly validation: PartJson;
  readonly test: PartJson;
}

function partToJson(part: Dataset): PartJson {
  return {
    rows: part.rows.map((row) => Array.from(row)),
    labels: Array.from(part.labels),
    groups: (part.groups ?? []).map((group) => (typeof group === 'string' ? group : group.join('+'))),
  };
}

function partFromJson(featureNames: readonly string[], part: PartJson): Dataset {
  return { featureNames, rows: part.rows.map((row) => Float32Array.from(row)), labels: Uint8Array.from(part.labels), groups: part.groups };
}

export function splitToJson(split: Pick<DatasetSplit, 'train' | 'validation' | 'test'>): SplitJson {
  return {
    featureNames: [...split.train.featureNames],
    train: partToJson(split.train),
    validation: partToJson(split.validation),
    test: partToJson(split.test),
  };
}

export function splitFromJson(json: SplitJson): Pick<DatasetSplit, 'train' | 'validation' | 'test'> {
  return {
    train: partFromJson(json.featureNames, json.train),
    validation: partFromJson(json.featureNames, json.validation),
    test: partFromJson(json.featureNames, json.test),
  };
}
