/**
 * Checks a CSV file against the served model's contract before anything is sent: the header must
 * name every input (batch-columns.ts), each cell must convert (numbers as numbers), and each row
 * must pass the shared contract validation (ranges, categories). Problems are reported per file
 * line and named by the file's own column, so a bad row costs one line in the results, not the
 * batch. Pure; the worker runs it in chunks.
 */
import { validateInput, type FieldError, type ModelContract, type ModelInput } from '@millwright/contract';
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../../shared/csv/parse-csv.ts';
import { checkHeader } from './batch-columns.ts';
import { detectCsvDialect, dialectNote, normaliseDecimal, type CsvDialect } from './csv-dialect.ts';

/** Most data rows one file may have; beyond it the browser tab would hold too much. */
export const maxCsvRows = 200_000;

/** One data row: its cells, and either the model input or why there is none. */
export interface BatchRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly input: ModelInput | undefined;
  /** Each problem's field is the file's column header (or `(row)`). */
  readonly errors: readonly FieldError[];
}

/** How to read the data rows: where each input is, and the file's dialect. */
export interface RowLayout {
  readonly header: readonly string[];
  /** Input name → column index. */
  readonly columns: Readonly<Record<string, number>>;
  readonly dialect: CsvDialect;
}

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Converts and validates one record. */
export function validateRecord(contract: ModelContract, layout: RowLayout, record: CsvRecord): BatchRow {
  const width = layout.header.length;
  if (record.cells.length !== width) {
    return { line: record.line, cells: record.cells, input: undefined, errors: [{ field: '(row)', reason: `has ${record.cells.length} cells; the header has ${width}` }] };
  }
  const columnName = (input: string) => layout.header[layout.columns[input]!] ?? input;
  const errors: FieldError[] = [];
  const candidate: Record<string, number | string> = {};
  for (const input of contract.inputs) {
    const raw = normaliseDecimal((record.cells[layout.columns[input.name]!] ?? '').trim(), layout.dialect);
    const field = columnName(input.name);
    if (input.type === 'category') candidate[input.name] = raw;
    else if (raw === '') errors.push({ field, reason: `is empty; expected a number${input.unit ? ` in ${input.unit}` : ''}` });
    else if (!numberPattern.test(raw)) errors.push({ field, reason: `must be a number, got "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"` });
    else candidate[input.name] = Number(raw);
  }
  if (errors.length === 0) {
    const checked = validateInput(contract, candidate);
    if (checked.ok) return { line: record.line, cells: record.cells, input: checked.value, errors: [] };
    errors.push(...checked.errors.map((error) => ({ ...error, field: columnName(error.field) })));
  }
  return { line: record.line, cells: record.cells, input: undefined, errors };
}

/** The parsed file, ready to validate row by row, or the file-level problems. */
export type ParsedCsv =
  | { readonly ok: true; readonly layout: RowLayout; readonly records: readonly CsvRecord[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parses the text and checks what applies to the whole file (empty, syntax, header, size). */
export function parseBatchCsv(contract: ModelContract, text: string): ParsedCsv {
  const dialect = detectCsvDialect(text);
  let records: CsvRecord[];
  try {
    records = parseCsv(text, dialect.delimiter);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, problems: [error.message] };
    throw error;
  }
  if (records.length === 0) return { ok: false, problems: ['the file is empty: expected a header line naming the inputs, then one line per row'] };
  const [header, ...data] = records;
  const check = checkHeader(contract, header!.cells);
  if (!check.ok) return { ok: false, problems: check.problems };
  if (data.length === 0) return { ok: false, problems: ['the file has a header but no data rows'] };
  if (data.length > maxCsvRows) return { ok: false, problems: [`the file has ${data.length.toLocaleString('en-US')} rows; at most ${maxCsvRows.toLocaleString('en-US')} per file — split it`] };
  const note = dialectNote(dialect);
  return { ok: true, layout: { header: header!.cells.map((name) => name.trim()), columns: check.columns, dialect }, records: data, notes: note === undefined ? [] : [note] };
}
