import { ai4iPublishedColumns } from '@millwright/factory';
import { parse } from 'csv-parse/sync';
import { failureModeOrder, type LabeledRow } from './labeled-row.ts';

/**
 * Column names the CSV reader accepts for each field: ours, and the headers of the published
 * AI4I 2020 CSV (UCI id 601), so that file can be used as it is.
 */
const columnAliases: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(ai4iPublishedColumns).map(([field, published]) => [field, [field, published]]),
);

/** A CSV that cannot be read as training data; names the file, row and column. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

function numeric(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  // Keep what is not a number as text, so validation names the cell and what it held.
  return Number.isNaN(value) && trimmed.toLowerCase() !== 'nan' ? trimmed : value;
}

/**
 * Reads labeled rows from CSV text. The header must hold every contract input and the label
 * (our names or the AI4I headers); failure-mode columns (TWF … RNF) are optional. Cells are
 * parsed as numbers where they look like numbers and kept as text otherwise — validation in
 * `prepare` reports the row and column of every bad cell.
 */
export function csvRows(text: string, file: string): LabeledRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (error) {
    throw new DataError(`${file}: not a readable CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new DataError(`${file}: is empty; expected a header row and data rows`);
  const columnOf = (field: string): number | undefined => {
    const index = header.findIndex((name) => columnAliases[field]!.includes(name));
    return index >= 0 ? index : undefined;
  };
  const missing = Object.keys(columnAliases).filter((field) => columnOf(field) === undefined);
  if (missing.length > 0) {
    const expected = missing.map((field) => `${field} (or "${columnAliases[field]![1]}")`).join(', ');
    throw new DataError(`${file}: missing column${missing.length > 1 ? 's' : ''} ${expected}`);
  }
  const modeColumns = failureModeOrder.map((mode) => [mode, header.indexOf(mode)] as const).filter(([, index]) => index >= 0);
  return rows.map((cells, index) => {
    const input: Record<string, unknown> = {};
    for (const field of Object.keys(columnAliases)) {
      if (field === 'machineFailure') continue;
      const cell = cells[columnOf(field)!] ?? '';
      input[field] = field === 'type' ? cell : numeric(cell);
    }
    const mode = modeColumns.find(([, column]) => (cells[column] ?? '').trim() === '1')?.[0] ?? 'none';
    return { input, label: numeric(cells[columnOf('machineFailure')!] ?? ''), failureMode: mode, origin: `${file} row ${index + 2}` };
  });
}
