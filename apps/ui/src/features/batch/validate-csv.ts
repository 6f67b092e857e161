/**
 * Checks a CSV file against the served model's contract before anything is sent: the header must
 * name every input, each cell must convert (numbers as numbers), and each row must pass the
 * shared contract validation (ranges, categories). Problems are reported per file line, so a bad
 * row costs one line in the results, not the batch. Pure; the worker runs it in chunks.
 */
import { validateInput, type FieldError, type ModelContract, type ModelInput } from '@millwright/contract';
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../../shared/csv/parse-csv.ts';

/** Most data rows one file may have; beyond it the browser tab would hold too much. */
export const maxCsvRows = 200_000;

/** One data row: its cells, and either the model input or why there is none. */
export interface BatchRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly input: ModelInput | undefined;
  readonly errors: readonly FieldError[];
}

/** The header's verdict: where each input's column is, or what is wrong with the file. */
export type HeaderCheck = { readonly ok: true; readonly columns: ReadonlyMap<string, number> } | { readonly ok: false; readonly problems: readonly string[] };

/** Checks the header row against the contract's inputs. */
export function checkHeader(contract: ModelContract, header: readonly string[]): HeaderCheck {
  const names = header.map((name) => name.trim());
  const problems: string[] = [];
  const duplicates = names.filter((name, index) => name !== '' && names.indexOf(name) !== index);
  if (duplicates.length > 0) problems.push(`line 1: column ${[...new Set(duplicates)].map((d) => `"${d}"`).join(', ')} appears more than once`);
  const missing = contract.inputs.map((input) => input.name).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    problems.push(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name every input of "${contract.name}": ${contract.inputs.map((input) => input.name).join(', ')}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, columns: new Map(contract.inputs.map((input) => [input.name, names.indexOf(input.name)])) };
}

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Converts and validates one record. */
export function validateRecord(contract: ModelContract, columns: ReadonlyMap<string, number>, width: number, record: CsvRecord): BatchRow {
  if (record.cells.length !== width) {
    return { line: record.line, cells: record.cells, input: undefined, errors: [{ field: '(row)', reason: `has ${record.cells.length} cells; the header has ${width}` }] };
  }
  const errors: FieldError[] = [];
  const candidate: Record<string, number | string> = {};
  for (const input of contract.inputs) {
    const raw = (record.cells[columns.get(input.name)!] ?? '').trim();
    if (input.type === 'category') candidate[input.name] = raw;
    else if (raw === '') errors.push({ field: input.name, reason: `is empty; expected a number${input.unit ? ` in ${input.unit}` : ''}` });
    else if (!numberPattern.test(raw)) errors.push({ field: input.name, reason: `must be a number, got "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"` });
    else candidate[input.name] = Number(raw);
  }
  if (errors.length === 0) {
    const checked = validateInput(contract, candidate);
    if (checked.ok) return { line: record.line, cells: record.cells, input: checked.value, errors: [] };
    errors.push(...checked.errors);
  }
  return { line: record.line, cells: record.cells, input: undefined, errors };
}

/** The parsed file, ready to validate row by row, or the file-level problems. */
export type ParsedCsv =
  | { readonly ok: true; readonly header: readonly string[]; readonly columns: ReadonlyMap<string, number>; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parses the text and checks what applies to the whole file (empty, syntax, header, size). */
export function parseBatchCsv(contract: ModelContract, text: string): ParsedCsv {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
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
  return { ok: true, header: header!.cells.map((name) => name.trim()), columns: check.columns, records: data };
}
