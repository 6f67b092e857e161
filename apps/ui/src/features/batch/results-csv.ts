import { toCsv } from '../../shared/csv/to-csv.ts';
import type { ScoredRow } from './score-in-batches.ts';
import type { BatchRow } from './validate-csv.ts';

/**
 * The downloadable results: the file's own columns, then prediction, probability, model version
 * and error. Every input row appears, in file order; a row that failed validation carries its
 * errors instead of a prediction, so nothing is silently dropped.
 */
export function resultsCsv(header: readonly string[], rows: readonly BatchRow[], scored: readonly (ScoredRow | undefined)[]): string {
  const out = rows.map((row, index) => {
    const result = scored[index];
    const error = row.errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
    return [...row.cells, result?.prediction, result?.probability, result?.version, error || undefined];
  });
  return toCsv([...header, 'prediction', 'probability', 'modelVersion', 'error'], out);
}
