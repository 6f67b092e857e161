import type { ModelContract } from '@millwright/contract';
import { validationChunkRows, type ValidationMessage } from './csv-validation-messages.ts';
import { parseBatchCsv, validateRecord, type BatchRow } from './validate-csv.ts';

/**
 * Validates a CSV text in chunks, reporting progress after each and awaiting `pause` between
 * them (a worker passes a no-op; the main-thread fallback yields to the event loop, so the page
 * keeps answering input while a 50,000-row file is checked).
 */
export async function runCsvValidation(
  contract: ModelContract,
  text: string,
  report: (message: ValidationMessage) => void,
  pause: () => Promise<void>,
): Promise<void> {
  const parsed = parseBatchCsv(contract, text);
  if (!parsed.ok) {
    report({ kind: 'invalid-file', problems: parsed.problems });
    return;
  }
  const rows: BatchRow[] = [];
  const total = parsed.records.length;
  for (let start = 0; start < total; start += validationChunkRows) {
    const end = Math.min(total, start + validationChunkRows);
    for (let index = start; index < end; index += 1) rows.push(validateRecord(contract, parsed.layout, parsed.records[index]!));
    report({ kind: 'progress', done: end, total });
    await pause();
  }
  report({ kind: 'done', header: parsed.layout.header, columns: parsed.layout.columns, rows, notes: parsed.notes });
}
