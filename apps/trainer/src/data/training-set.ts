import { toFeatureVector, validateInput, type ModelContract } from '@millwright/contract';
import type { Dataset } from '@millwright/ml';
import { failureModeOrder, type LabeledRow } from './labeled-row.ts';

/** The first problems of a data set, each naming its row and column; the count of all of them. */
export interface DataProblems {
  readonly problems: readonly string[];
  readonly total: number;
}

const shownProblems = 20;

function labelOf(raw: unknown): 0 | 1 | undefined {
  if (raw === 1 || raw === true || raw === '1') return 1;
  if (raw === 0 || raw === false || raw === '0') return 0;
  return undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? 'nothing' : String(value);
}

/**
 * Encodes the inputs of every row with the shared encoder, for data without usable labels (the
 * drift check's live data); any invalid cell is a problem naming its row and column.
 */
export function toFeatureRows(contract: ModelContract, rows: readonly LabeledRow[]): { ok: true; rows: Float32Array[] } | ({ ok: false } & DataProblems) {
  if (rows.length === 0) return { ok: false, problems: ['no rows to compare'], total: 1 };
  const problems: string[] = [];
  const features: Float32Array[] = [];
  for (const row of rows) {
    const checked = validateInput(contract, row.input);
    if (checked.ok) features.push(toFeatureVector(contract, checked.value));
    else for (const error of checked.errors) problems.push(`${row.origin}, column ${error.field}: ${error.reason}`);
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, shownProblems), total: problems.length } : { ok: true, rows: features };
}

/**
 * Validates every row against the model contract and encodes it with the shared feature encoder
 * (the same one the inference API uses). Any bad cell — a missing value, NaN, text in a numeric
 * column, an unknown product type, a label that is not 0/1 — rejects the whole set with the row
 * and column named, as do an empty set and a set with a single class: nothing half-valid is
 * trained on.
 */
export function toTrainingSet(contract: ModelContract, rows: readonly LabeledRow[]): { ok: true; dataset: Dataset } | ({ ok: false } & DataProblems) {
  if (rows.length === 0) return { ok: false, problems: ['the data set is empty: no rows to train on'], total: 1 };
  const problems: string[] = [];
  const features: Float32Array[] = [];
  const labels = new Uint8Array(rows.length);
  const groups: string[] = [];
  rows.forEach((row, index) => {
    const checked = validateInput(contract, row.input);
    if (!checked.ok) {
      for (const error of checked.errors) problems.push(`${row.origin}, column ${error.field}: ${error.reason}`);
    }
    const label = labelOf(row.label);
    if (label === undefined) problems.push(`${row.origin}, column machineFailure: must be 0 or 1, got ${describe(row.label)}`);
    if (!checked.ok || label === undefined) return;
    features.push(toFeatureVector(contract, checked.value));
    labels[index] = label;
    const mode = String(row.failureMode ?? 'none');
    groups.push(label === 1 && (failureModeOrder as readonly string[]).includes(mode) ? mode : label === 1 ? 'unknown' : 'none');
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, shownProblems), total: problems.length };
  const positives = labels.reduce((sum, label) => sum + label, 0);
  if (positives === 0 || positives === rows.length) {
    const only = positives === 0 ? 'no failures (every label is 0)' : 'only failures (every label is 1)';
    return { ok: false, problems: [`the data set has ${only}: a classifier needs both classes`], total: 1 };
  }
  return { ok: true, dataset: { featureNames: [...contract.featureOrder], rows: features, labels, groups } };
}
