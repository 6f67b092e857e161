/**
 * The numeric dataset every function of this library takes. It knows nothing of a use case: the
 * trainer turns its contract's feature vector into rows, one label (0/1) per row, and optionally
 * one group per row (a failure mode) for recall per group.
 */

/** The group (or groups) a row belongs to, e.g. its failure mode; a row may have several. */
export type RowGroup = string | readonly string[];

/** A binary-labelled numeric dataset. */
export interface Dataset {
  /** One name per column, in column order. */
  readonly featureNames: readonly string[];
  /** One row of `featureNames.length` finite numbers per example. */
  readonly rows: readonly (Float32Array | readonly number[])[];
  /** 1 for the positive (failure) class, 0 otherwise; one per row. */
  readonly labels: Uint8Array | readonly number[];
  /** Optional group of each row (e.g. failure mode), used for recall per group. */
  readonly groups?: readonly RowGroup[];
}

/**
 * Checks that a dataset is well formed and says where it is not: the row, the column and the
 * value. Training on a NaN would silently send it down one branch of every tree.
 *
 * @throws RangeError naming the first offending row and column.
 */
export function assertDataset(dataset: Dataset, what = 'dataset'): void {
  const width = dataset.featureNames.length;
  if (width === 0) throw new RangeError(`${what}: featureNames is empty; expected at least one feature`);
  if (dataset.labels.length !== dataset.rows.length) {
    throw new RangeError(`${what}: ${dataset.rows.length} rows but ${dataset.labels.length} labels; expected one label per row`);
  }
  if (dataset.groups && dataset.groups.length !== dataset.rows.length) {
    throw new RangeError(`${what}: ${dataset.rows.length} rows but ${dataset.groups.length} groups; expected one group per row`);
  }
  dataset.rows.forEach((row, rowIndex) => {
    if (row.length !== width) {
      throw new RangeError(`${what}: row ${rowIndex} has ${row.length} values; expected ${width} (${dataset.featureNames.join(', ')})`);
    }
    for (let column = 0; column < width; column += 1) {
      const value = row[column]!;
      if (!Number.isFinite(value)) {
        throw new RangeError(`${what}: row ${rowIndex}, column "${dataset.featureNames[column]}" is ${String(value)}; expected a finite number`);
      }
    }
    const label = dataset.labels[rowIndex];
    if (label !== 0 && label !== 1) {
      throw new RangeError(`${what}: row ${rowIndex} has label ${String(label)}; expected 0 or 1`);
    }
  });
}

/** The rows of `dataset` at `indexes`, in that order, with their labels and groups. */
export function selectRows(dataset: Dataset, indexes: readonly number[]): Dataset {
  const groups = dataset.groups;
  return {
    featureNames: dataset.featureNames,
    rows: indexes.map((index) => dataset.rows[index]!),
    labels: Uint8Array.from(indexes, (index) => dataset.labels[index]!),
    ...(groups ? { groups: indexes.map((index) => groups[index]!) } : {}),
  };
}

/** The number of positive rows. */
export function countPositives(labels: Uint8Array | readonly number[]): number {
  let positives = 0;
  for (const label of labels) positives += label === 1 ? 1 : 0;
  return positives;
}

/** The groups of a row as a list (a single group becomes a list of one). */
export function groupsOf(group: RowGroup | undefined): readonly string[] {
  if (group === undefined) return [];
  return typeof group === 'string' ? [group] : group;
}
