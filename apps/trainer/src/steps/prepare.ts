import { ai4iContract } from '@millwright/contract';
import { countPositives, splitStratified } from '@millwright/ml';
import { DataError } from '../data/csv-source.ts';
import type { LabeledRow } from '../data/labeled-row.ts';
import { toTrainingSet } from '../data/training-set.ts';
import { splitToJson } from '../train/split-file.ts';
import { once, type StepContext, type StepSummary } from './step-context.ts';

/**
 * `prepare`: validates every row against the model contract (row and column named on any
 * error; nothing goes further), encodes the features with the shared encoder, and makes the
 * stratified 70/15/15 split (`split.json`).
 */
export function prepare(context: StepContext): Promise<StepSummary> {
  return once(context, 'prepare', async () => {
    const rows = context.store.readJson<LabeledRow[]>('rows.json');
    const checked = toTrainingSet(ai4iContract(), rows);
    if (!checked.ok) {
      const more = checked.total > checked.problems.length ? `\n  ... and ${checked.total - checked.problems.length} more` : '';
      throw new DataError(`the data cannot be trained on (${checked.total} problem${checked.total === 1 ? '' : 's'}):\n  ${checked.problems.join('\n  ')}${more}`);
    }
    const split = splitStratified(checked.dataset, { seed: context.options.seed });
    context.store.writeJson('split.json', splitToJson(split));
    const sizes = { train: split.train.rows.length, validation: split.validation.rows.length, test: split.test.rows.length };
    const failures = countPositives(checked.dataset.labels);
    context.log(`prepare: ${rows.length} valid rows, ${failures} failures; split ${sizes.train}/${sizes.validation}/${sizes.test}`);
    return { step: 'prepare', rows: rows.length, failures, split: sizes };
  });
}
